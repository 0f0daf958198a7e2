"""``kaleo-dr standby promote``: make the standby the database, once, without touching production.

1. refuse when the standby was already promoted (the marker in ``kaleo_dr_local.promotion``),
   and while production still answers (``--source-up-ok`` for a planned switch);
2. disable the subscription and detach it from its slot (no connection to production);
3. move every sequence past its last synced position plus ``standby.sequence_margin``
   and past the largest value already in the columns it feeds (the other way round for a
   descending sequence, within its limits: :mod:`scripts.db.standby.sequences`);
4. ANALYZE every table on ``standby.analyze_jobs`` connections (``--no-analyze`` skips it):
   replication leaves planner statistics to autovacuum, which may never have analyzed a
   table, and the first queries after a failover must not be planned on default estimates;
5. check the standby: every table fully copied, no drift in the last status snapshot,
   no table with fewer rows than the snapshot's count (``standby.row_tolerance``), and
   (unless ``--no-analyze``) no table without planner statistics;
6. record the decision: the marker on the standby and a note in the incident log.

A failed check ends with exit 1 before the marker is written: the failover then
restores the newest dump instead.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from psycopg import sql

from scripts.config import KaleoConfig, StandbySettings
from scripts.db import pgtools
from scripts.db.restore.flow import statistics_problem, statistics_report
from scripts.db.restore.statistics import analyzable, analyze_tables, missing_statistics
from scripts.db.standby import sequences
from scripts.db.standby.common import (
    HEARTBEAT_SCHEMA,
    HEARTBEAT_TABLE,
    LOCAL_SCHEMA,
    ensure_local_schema,
    iso,
    latest_snapshot,
    local_event,
    promotion,
    record_incident_note,
    settings_of,
    source_reachable,
    standby_conn,
    standby_connect,
    subscription_row,
    table_exists,
)
from scripts.db.standby.setup import table_states
from scripts.output import CheckFailed, info


def promote(
    config: KaleoConfig, *, source_up_ok: bool = False, analyze: bool = True, as_json: bool = False
) -> dict[str, Any]:
    s = settings_of(config)
    t0 = time.monotonic()
    target = pgtools.display_dsn(s.standby_dsn or "")
    with standby_conn(s) as dst:
        done = promotion(dst)
        if done:
            raise CheckFailed(
                f"the standby {target} was already promoted at {iso(done['promoted_at'])}: promote runs once",
                hint="it is the database now; nothing to do",
            )
        why_down = source_reachable(s)
        if why_down is None and not source_up_ok:
            raise CheckFailed(
                "production still answers: promoting now would leave two writable databases",
                hint="promote after production is gone, or pass --source-up-ok for a planned switch",
            )
        sub = subscription_row(dst, s.subscription)
        if sub is None:
            raise CheckFailed(f"no subscription {s.subscription} on the standby {target}: nothing replicated here")
        states = table_states(dst, s.subscription)
        name = sql.Identifier(s.subscription)
        info(f"disabling subscription {s.subscription} on {target}", as_json)
        dst.execute(sql.SQL("ALTER SUBSCRIPTION {} DISABLE").format(name))
        if sub["slot"] is not None:
            dst.execute(sql.SQL("ALTER SUBSCRIPTION {} SET (slot_name = NONE)").format(name))
        _wait_workers_gone(dst, s.subscription)
        heartbeat = None
        if table_exists(dst, HEARTBEAT_SCHEMA, "heartbeat"):
            row = dst.execute(f"SELECT beat FROM {HEARTBEAT_TABLE} WHERE id = 1").fetchone()
            heartbeat = row[0] if row else None
        fixed = sequences.catch_up(dst, s)
        statistics = _statistics(s, dst, analyze, as_json)
        snap = latest_snapshot(dst)
        problems: list[str] = []
        if analyze and statistics["tables_without"]:
            problems.append(statistics_problem(statistics["missing_tables"]))
        pending = [t for t, st in states.items() if st != "r"]
        if pending:
            problems.append(f"{len(pending)} table(s) never finished their initial copy: {', '.join(pending[:5])}")
        if snap is None:
            problems.append("no status snapshot on the standby: drift and row counts cannot be checked")
        else:
            if snap.get("drift") is None:
                problems.append("the last snapshot could not compare schemas")
            elif snap["drift"]:
                problems.append(f"schema drift in the last snapshot: {'; '.join(snap['drift'][:3])}")
        counts = {t: int(dst.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in states}  # type: ignore[index]
        shortfalls: dict[str, dict[str, int]] = {}
        for table, expected in ((snap or {}).get("row_counts") or {}).items():
            have = counts.get(table)
            if have is None:
                problems.append(f"{table} is missing on the standby")
            elif have < expected * (1 - s.row_tolerance):
                shortfalls[table] = {"snapshot": expected, "standby": have}
        if shortfalls:
            problems.append(
                f"{len(shortfalls)} table(s) with fewer rows than the last snapshot: "
                + ", ".join(f"{t} {v['standby']} < {v['snapshot']}" for t, v in list(shortfalls.items())[:5])
            )
        result: dict[str, Any] = {
            "standby": target,
            "subscription": s.subscription,
            "source": "reachable (--source-up-ok)" if why_down is None else f"unreachable: {why_down}",
            "last_receipt": iso(heartbeat),
            "last_snapshot_at": iso(snap["taken_at"]) if snap else None,
            "sequences": fixed,
            "statistics": {k: v for k, v in statistics.items() if k != "missing_tables"},
            "tables": len(states),
            "rows": sum(counts.values()),
            "shortfalls": shortfalls,
            "problems": problems,
            "seconds": round(time.monotonic() - t0, 3),
        }
        if problems:
            local_event(dst, "promote_refused", {"problems": problems})
            record_incident_note(config, {"event": "standby_promote_refused", "problems": problems})
            raise CheckFailed(
                "standby promote: the standby failed its checks: " + "; ".join(problems),
                hint="restore the newest dump instead (kaleo-dr restore --latest)",
            )
        ensure_local_schema(dst)
        dst.execute(
            f"INSERT INTO {LOCAL_SCHEMA}.promotion(id, detail) VALUES (1, %s::jsonb)",
            (json.dumps({k: v for k, v in result.items() if k != "sequences"}, default=str),),
        )
        result["promoted_at"] = iso(dt.datetime.now(dt.UTC))
        record_incident_note(config, {"event": "standby_promoted", **{k: result[k] for k in ("standby", "tables")}})
    return result


def _statistics(s: StandbySettings, dst: Any, analyze: bool, as_json: bool) -> dict[str, Any]:
    """ANALYZE every relation (largest first, ``standby.analyze_jobs`` at a time), then list those
    still without statistics."""
    t0 = time.monotonic()
    ours = LOCAL_SCHEMA  # the standby's own records serve no query
    tables = [t for t in analyzable(dst) if t[0] != ours]
    if analyze:
        info(f"ANALYZE of {len(tables)} table(s) on {s.analyze_jobs} connection(s)", as_json)
        analyze_tables(lambda: standby_connect(s), tables, s.analyze_jobs)
    missing = [t for t in missing_statistics(dst) if t[0] != ours]
    return {
        **statistics_report(analyze, missing),
        "analyzed_tables": len(tables) if analyze else 0,
        "jobs": s.analyze_jobs,
        "seconds": round(time.monotonic() - t0, 3),
        "missing_tables": missing,
    }


def _wait_workers_gone(conn: Any, name: str, timeout: float = 15.0) -> None:
    """Disabling is asynchronous: wait until no apply or sync worker of the subscription runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_subscription WHERE subname = %s AND pid IS NOT NULL", (name,)
        ).fetchone()
        if not row or row[0] == 0:
            return
        time.sleep(0.1)
    raise CheckFailed(f"the workers of subscription {name} did not stop within {timeout:.0f}s")
