"""The application's queries on the restored database."""

from __future__ import annotations

import contextlib
import time

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.runbook.runner import RunContext, StepOutcome

SMOKE_QUERIES = {
    "front page": "SELECT q.id, q.title, count(a.id) FROM questions q LEFT JOIN answers a ON a.question_id = q.id "
    "GROUP BY q.id ORDER BY q.created_at DESC LIMIT 20",
    "question page": "SELECT q.title, a.body, c.body FROM questions q JOIN answers a ON a.question_id = q.id "
    "LEFT JOIN comments c ON c.answer_id = a.id WHERE q.id = (SELECT min(question_id) FROM answers)",
    "tag page": "SELECT t.name, count(*) FROM tags t JOIN question_tags qt ON qt.tag_id = t.id "
    "GROUP BY t.name ORDER BY 2 DESC LIMIT 10",
    "search": "SELECT id FROM questions WHERE to_tsvector('english', title || ' ' || body) "
    "@@ plainto_tsquery('english', 'postgresql') LIMIT 20",
    "user profile": "SELECT u.display_name, u.reputation, count(v.id) FROM users u "
    "LEFT JOIN votes v ON v.user_id = u.id GROUP BY u.id ORDER BY u.reputation DESC LIMIT 10",
    "accepted answers": "SELECT count(*) FROM questions q JOIN answers a ON a.id = q.accepted_answer_id",
}


class SmokeQueriesStep(DrillStep):
    name = "smoke-queries"
    title = "application queries"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools

        gcp_db = self.drill.services["gcp-db-vm"]
        checks = []
        with contextlib.closing(pgtools.connect(gcp_db.dsn(DB_NAME), gcp_db.password)) as conn:
            for label, sql in SMOKE_QUERIES.items():
                t0 = time.perf_counter()
                try:
                    rows = conn.execute(sql).fetchall()
                except Exception as exc:
                    conn.rollback()
                    checks.append(check(label, False, str(exc).strip()))
                    continue
                ms = (time.perf_counter() - t0) * 1000
                checks.append(check(label, bool(rows), f"{len(rows)} row(s) in {ms:.1f} ms"))
        return outcome(checks, f"{len(checks)} application queries on the restored database")
