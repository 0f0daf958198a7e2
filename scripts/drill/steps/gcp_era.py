"""Days on GCP, in seconds: the application writes rows, indexes them and takes uploads on the GCP side.

The application logs in to the GCP database as its own role (``kaleo_app``, the role the
failback's write freeze locks out): it inserts questions and answers, changes the score of
existing questions, indexes the new questions in the GCP search cluster, and uploads files
to the GCS uploads bucket. What it wrote is recorded: the failback step checks that every row
and object reached AWS.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from typing import Any

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.steps.readiness import COPY_BUCKET
from scripts.drill.steps.standby import STANDBY_SERVICE
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

APP_ROLE = "kaleo_app"
APP_PASSWORD_ENV = "KALEO_DRILL_APP_DB_PASSWORD"
QUESTIONS, ANSWERS, SCORED, UPLOADS = 12, 6, 3, 6


def gcp_database(drill: Any) -> Any:
    """The database GCP runs on: the promoted standby, else the restore target."""
    path = (drill.standby or {}).get("path")
    return drill.services.get(STANDBY_SERVICE if path == "promote" else "gcp-db-vm")


def grant_app_role(cluster: Any, password: str) -> None:
    cluster.psql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN "
        f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{password}'; END IF; END $$"
    )


class GcpEraStep(DrillStep):
    name = "gcp-era-writes"
    title = "the service on GCP: rows, search documents and uploads written there"

    def run(self, ctx: RunContext) -> StepOutcome:
        import httpx
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        from scripts.db import pgtools
        from scripts.drill.localenv import LocalDrill

        d: LocalDrill = self.drill
        db = gcp_database(d)
        if db is None or d.config is None:
            raise CheckFailed("no GCP database: the failover steps failed")
        password = os.urandom(12).hex()
        d.env[APP_PASSWORD_ENV] = password
        os.environ[APP_PASSWORD_ENV] = password
        grant_app_role(db, password)
        db.psql(
            f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}; "
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}",
            DB_NAME,
        )
        with contextlib.closing(pgtools.connect(db.dsn(DB_NAME, user=APP_ROLE), password)) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            questions = [
                int(r[0])
                for r in conn.execute(
                    "INSERT INTO questions (user_id, title, body, created_at) "
                    "SELECT (SELECT min(id) FROM users), 'asked on GCP ' || g, 'written while AWS was down', now() "
                    "FROM generate_series(1, %s) g RETURNING id",
                    (QUESTIONS,),
                ).fetchall()
            ]
            answers = [
                int(r[0])
                for r in conn.execute(
                    "INSERT INTO answers (question_id, user_id, body, created_at) "
                    "SELECT q, (SELECT min(id) FROM users), 'answered on GCP', now() "
                    "FROM unnest(%s::bigint[]) q LIMIT %s RETURNING id",
                    (questions, ANSWERS),
                ).fetchall()
            ]
            scored = [
                int(r[0])
                for r in conn.execute(
                    "UPDATE questions SET score = score + 10 WHERE id IN "
                    "(SELECT id FROM questions WHERE title NOT LIKE 'asked on GCP%%' ORDER BY id LIMIT %s) "
                    "RETURNING id",
                    (SCORED,),
                ).fetchall()
            ]
            rows = {
                "public.questions": sorted({*questions, *scored}),
                "public.answers": answers,
            }
            hashes = {
                table: dict(
                    conn.execute(
                        f"SELECT id, md5(t::text) FROM {table} t WHERE id = ANY(%s)",
                        (ids,),
                    ).fetchall()
                )
                for table, ids in rows.items()
            }
        s = d.config.search
        indexed = 0
        if s.gcp_url:
            for index, ids in (("questions", questions), ("answers", answers)):  # the app indexes what it writes
                for doc_id in ids:
                    resp = httpx.post(f"{s.gcp_url}/{index}/_doc", json={"id": doc_id}, timeout=10)
                    indexed += resp.status_code in (200, 201)
        bucket = storage.Client(project="kaleo-drill", credentials=AnonymousCredentials()).bucket(COPY_BUCKET)
        objects: dict[str, str] = {}
        for i in range(UPLOADS):
            body = os.urandom(2000 + i) + json.dumps({"upload": i}).encode()
            key = f"gcp-era/upload-{i}.bin"
            bucket.blob(key).upload_from_string(body)
            objects[key] = hashlib.sha256(body).hexdigest()
        d.gcp_era = {"rows": rows, "row_hashes": hashes, "objects": objects, "indexed": indexed}
        checks = [
            check("rows written as the app", len(questions) == QUESTIONS and len(answers) == ANSWERS
                  and len(scored) == SCORED,
                  f"{len(questions)} questions, {len(answers)} answers inserted; {len(scored)} questions changed"),
            check("search documents indexed", not s.gcp_url or indexed == QUESTIONS + ANSWERS, f"{indexed} documents"),
            check("uploads on GCS", len(objects) == UPLOADS, f"{len(objects)} objects in gs://{COPY_BUCKET}"),
        ]  # fmt: skip
        total = sum(len(v) for v in rows.values())
        return outcome(
            checks,
            f"{total} rows written by {APP_ROLE}, {indexed} documents indexed, {len(objects)} uploads on GCS",
            {"gcp_era": {"rows": total, "objects": len(objects), "indexed": indexed}},
        )
