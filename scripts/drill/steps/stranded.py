"""Just before the outage: writes committed on production that GCP will never receive.

The link between AWS and GCP fails a moment before AWS itself (a common way outages begin):
the standby's subscription is disabled while the commit writer goes on (nothing more reaches
GCP), the writer is stopped (every commit it attempted was acknowledged: none is left in flight
whose fate is unknown), the drill commits a known set of writes on production (inserted
questions, changed users), and the watcher step cuts production off.
``failback reconcile`` must later list exactly these writes, plus the writer's acknowledged
commits the standby never received (counted by the standby-promote step from the writer's log).
"""

from __future__ import annotations

import contextlib

from psycopg import sql

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.steps.standby import STANDBY_SERVICE
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

INSERTED = 3  # questions inserted on production after the link failed
CHANGED = 2  # users changed on production after the link failed


class StrandedWritesStep(DrillStep):
    name = "stranded-writes"
    title = "link to GCP fails, writes committed on production (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools

        d = self.drill
        prod, standby = d.services.get("production-db"), d.services.get(STANDBY_SERVICE)
        if prod is None or d.config is None:
            raise CheckFailed("production is not running: the environment step failed")
        link = "no standby"
        if standby is not None:
            from scripts.db.standby.promote import _wait_workers_gone

            sub = d.config.standby.subscription
            with contextlib.closing(pgtools.connect(standby.dsn(DB_NAME), standby.password)) as conn:
                conn.execute(sql.SQL("ALTER SUBSCRIPTION {} DISABLE").format(sql.Identifier(sub)))
                _wait_workers_gone(conn, sub)  # disabling is asynchronous: nothing is applied after this
            link = f"subscription {sub} disabled on the standby"
        if d.writer is not None:
            d.writer.stop()  # graceful: every commit it attempted was acknowledged, none is left in flight
        with contextlib.closing(pgtools.connect(prod.dsn(DB_NAME), prod.password)) as conn:
            inserted = [
                int(conn.execute(
                    "INSERT INTO questions (user_id, title, body, created_at) SELECT min(id), %s, %s, now() "
                    "FROM users RETURNING id",
                    (f"stranded question {i}", "committed on AWS after the link to GCP failed"),
                ).fetchone()[0])  # type: ignore[index]
                for i in range(INSERTED)
            ]  # fmt: skip
            changed = [
                int(r[0])
                for r in conn.execute(
                    "UPDATE users SET display_name = display_name || ' (stranded change)' "
                    "WHERE id IN (SELECT id FROM users ORDER BY id DESC LIMIT %s) RETURNING id",
                    (CHANGED,),
                ).fetchall()
            ]
        d.stranded = {
            "inserted": {"public.questions": inserted},
            "changed": {"public.users": changed},
            "deliberate": len(inserted) + len(changed),
        }
        checks = [
            check("writer stopped", d.writer is None or d.writer.ended_by == "stopped",
                  str(d.writer and d.writer.ended_by)),
            check("writes committed", len(inserted) == INSERTED and len(changed) == CHANGED,
                  f"questions {inserted} inserted, users {changed} changed"),
        ]  # fmt: skip
        return outcome(
            checks, f"{link}; {d.stranded['deliberate']} writes committed on production", {"stranded": d.stranded}
        )
