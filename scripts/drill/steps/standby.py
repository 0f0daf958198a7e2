"""The low-RPO standby in the drill: lost writes measured, not assumed.

``standby-setup`` (after the nightly backup, before AWS goes dark): a writer starts committing
small transactions to production and logging every acknowledged commit; a second local
cluster (the GCP standby DB VM) is set up with ``kaleo-dr standby setup`` while it writes, and
a status run records the snapshot promote will check. The watcher step then SIGKILLs
production (``LocalDrill.kill``).

``standby-promote`` (where the failover chooses its database path): the choice
(:func:`scripts.runbook.failover.database.choose_database_path`), ``kaleo-dr standby promote``, then the
measures: acknowledged commits missing on the standby (``standby.lost_commits``), the
window they span (``standby.rpo_seconds``, goal <= 1 s), the dump path's RPO beside it, the
planner statistics promote left (``standby.statistics``: every table analyzed, checked in
``pg_stat_user_tables``), and an insert into every table fed by a sequence (no key collision
after promote).
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from scripts.config import StandbySettings
from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.writer import TABLE, CommitWriter
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

RPO_GOAL_SECONDS = 1.0
STANDBY_SERVICE = "gcp-standby-db-vm"


class StandbySetupStep(DrillStep):
    name = "standby-setup"
    title = "standby: writer on production, logical replication to GCP (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db.standby.setup import setup
        from scripts.db.standby.status import status
        from scripts.standins.localsvc import PgCluster, env_vars
        from scripts.standins.pgpair import STANDBY_SETTINGS, password_env, standby_config

        d = self.drill
        prod = d.services.get("production-db")
        if prod is None or d.config is None:
            raise CheckFailed("production is not running: the environment step failed")
        writer = CommitWriter(prod.dsn(DB_NAME), prod.password).start()
        d.writer = writer
        standby = d.start(STANDBY_SERVICE, PgCluster("drill-standby", settings=STANDBY_SETTINGS))
        standby.create_database(DB_NAME)
        env = password_env(prod, standby)
        d.env.update(env)
        d.stack.enter_context(env_vars(env))
        section = standby_config(prod, standby, DB_NAME, max_lag="30s")
        d.config = d.config.model_copy(update={"standby": StandbySettings.model_validate(section)})
        ctx.config = d.config
        t0 = time.monotonic()
        done = setup(d.config, replica_identity_full=[], wait_timeout=120, as_json=True)
        sync_seconds = time.monotonic() - t0
        time.sleep(2.0)  # streaming, not only the initial copy, carries the writes the drill then counts
        st = status(d.config)
        checks = [
            check("writer committing", len(writer.acknowledged) > 100, f"{len(writer.acknowledged)} commits so far"),
            check(
                "standby set up",
                bool(done.get("synced")),
                f"{done['tables']} tables copied in {sync_seconds:.1f}s, binary={done['binary']}",
            ),
            check(
                "standby status healthy",
                bool(st["ok"]),
                "; ".join(st["problems"]) or f"lag {st['lag_bytes']} bytes, {st['lag_seconds']}s",
            ),
        ]
        return outcome(
            checks,
            f"writer at {writer.summary()['rate_per_second']} tx/s; standby copied in {sync_seconds:.1f}s",
            {"standby_setup": {"tables": done["tables"], "sync_seconds": round(sync_seconds, 3)}},
        )


class StandbyPromoteStep(DrillStep):
    name = "standby-promote"
    title = "standby: failover choice, promote, lost writes measured"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools
        from scripts.db.standby.promote import promote
        from scripts.runbook.failover.database import choose_database_path
        from scripts.runbook.incident import utcnow

        d = self.drill
        writer: CommitWriter | None = d.writer
        standby = d.services.get(STANDBY_SERVICE)
        if writer is None or standby is None or d.config is None:
            raise CheckFailed("no standby: the standby-setup step failed")
        writer_ended = writer.wait_ended()
        choice = choose_database_path(d.config, ctx.log, ctx.incident, utcnow())
        checks = [
            check("writer ended with production", writer_ended, str(writer.ended_by)),
            check("failover chooses promote", choice["path"] == "promote", choice["reason"]),
        ]
        if choice["path"] != "promote":
            return outcome(checks, choice["reason"])
        result = promote(d.config, as_json=ctx.as_json)
        acked = writer.acknowledged
        with contextlib.closing(pgtools.connect(standby.dsn(DB_NAME), standby.password)) as conn:
            marker = conn.execute(
                "SELECT (SELECT count(*) FROM kaleo_dr_local.promotion), "
                "(SELECT subenabled FROM pg_subscription WHERE subname = %s)",
                (d.config.standby.subscription,),
            ).fetchone()
            checks.append(
                check(
                    "standby promoted",
                    marker is not None and marker[0] == 1 and marker[1] is False,
                    f"marker {marker[0] if marker else None}, subscription enabled {marker[1] if marker else None}; "
                    f"{result['tables']} tables, {len(result['sequences'])} sequences moved",
                )
            )
            unanalyzed = [
                str(r[0])
                for r in conn.execute(
                    "SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables "
                    "WHERE schemaname <> 'kaleo_dr_local' AND last_analyze IS NULL AND last_autoanalyze IS NULL"
                ).fetchall()
            ]
            present = {int(r[0]) for r in conn.execute(f"SELECT id FROM {TABLE}").fetchall()}
            inserts = _insert_everywhere(conn, result["sequences"])
        lost = [(i, t) for i, t in acked if i not in present]
        kept = [t for i, t in acked if i in present]
        rpo = round(max(t for _, t in lost) - max(kept), 3) if lost and kept else (0.0 if not lost else None)
        dump_rpo = None
        backup = ctx.data.get("backup")
        if backup and d.outage_at:
            import datetime as dt

            dump_rpo = round((d.outage_at - dt.datetime.fromisoformat(backup["data_as_of"])).total_seconds(), 3)
        d.standby = {
            "path": choice["path"],
            "reason": choice["reason"],
            "acknowledged_commits": len(acked),
            "writer": writer.summary(),
            "lost_commits": len(lost),
            "lost_ids": [i for i, _ in lost][:20],
            "rpo_seconds": rpo,
            "rpo_goal_seconds": RPO_GOAL_SECONDS,
            "dump_path_rpo_seconds": dump_rpo,
            "dump_path_lost_commits": len(acked),  # the nightly dump was taken before the writer began
            "inserts_after_promote": inserts,
            "statistics": {**result["statistics"], "never_analyzed": unanalyzed},
        }
        checks += [
            check(
                "lost acknowledged commits measured",
                rpo is not None,
                f"{len(lost)} of {len(acked)} acknowledged commits missing on the standby",
            ),
            check(
                f"RPO <= {RPO_GOAL_SECONDS:.0f} s",
                rpo is not None and rpo <= RPO_GOAL_SECONDS,
                f"standby RPO {rpo}s; dump path RPO {dump_rpo}s",
            ),
        ]
        stats = result["statistics"]
        checks.append(
            check(
                "planner statistics before traffic",
                bool(stats["analyzed"]) and stats["tables_without"] == 0 and not unanalyzed,
                f"{stats['analyzed_tables']} table(s) analyzed in {stats['seconds']}s on {stats['jobs']} connection(s);"
                f" without statistics: {', '.join(stats['missing'] + unanalyzed) or 'none'}",
            )
        )
        for entry in inserts:
            checks.append(check(f"insert into {entry['table']}", entry["ok"], entry["detail"]))
        return outcome(
            checks,
            f"promoted: {len(lost)} lost commits, RPO {rpo}s (dump path: {dump_rpo}s)",
            {"standby": d.standby},
        )


def _insert_everywhere(conn: Any, sequences: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert one row into every table fed by a sequence, its key from the sequence (rolled back)."""
    import psycopg

    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in sequences:
        for column_ref in entry["columns"]:
            table, _, column = column_ref.rpartition(".")
            if table in seen:
                continue
            seen.add(table)
            cols = [
                str(r[0])
                for r in conn.execute(
                    "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                    "AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a' AND attname <> %s "
                    "ORDER BY attnum",
                    (table, column),
                ).fetchall()
            ]
            listed = ", ".join(cols)
            sql = (
                f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {table} LIMIT 1"
                if cols
                else f"INSERT INTO {table} DEFAULT VALUES"
            )
            try:
                with conn.transaction(force_rollback=True):
                    cur = conn.execute(sql)
                    ok, detail = True, f"{cur.rowcount} row inserted with a new {column} (rolled back)"
            except psycopg.errors.UniqueViolation as exc:
                diag = exc.diag.constraint_name or ""
                keyed = conn.execute(
                    "SELECT %s = ANY(SELECT conname FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'p')",
                    (diag, table),
                ).fetchone()
                if keyed and keyed[0]:
                    ok, detail = False, f"key collision on {diag}: {exc.diag.message_detail}"
                else:
                    ok, detail = _next_beyond_max(conn, entry["sequence"], table, column, f"copy hit {diag}")
            except psycopg.Error as exc:
                ok, detail = _next_beyond_max(conn, entry["sequence"], table, column, type(exc).__name__)
            out.append({"table": table, "column": column, "ok": ok, "detail": detail})
    return out


def _next_beyond_max(conn: Any, sequence: str, table: str, column: str, why: str) -> tuple[bool, str]:
    """When a copied row cannot be inserted for another reason: the sequence's next value is past the data."""
    row = conn.execute(
        f"SELECT (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM {sequence}), "
        f"(SELECT max({column}) FROM {table})"
    ).fetchone()
    nxt, top = row
    ok = top is None or nxt > top
    return ok, f"insert not possible ({why}); next {column} {nxt} > max {top}: {ok}"
