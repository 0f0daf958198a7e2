"""``kaleo-dr standby status``: lag, retained WAL, subscription and table states, drift, and the safety valve.

Lag in bytes is production's current WAL position minus the slot's confirmed position;
lag in seconds is the walsender's ``replay_lag`` (zero when nothing is pending). The last
receipt is the newer of the subscriber's last message from production and the heartbeat
row replicated from production (status updates it on every run: the heartbeat survives
production's death, the live receipt time does not).

Safety valve: DR must never fill production's disk. When the WAL the slot retains exceeds
``standby.max_retained_wal`` (or PostgreSQL already gave up on it), status disables the
subscription, drops the slot, says so loudly, records it in the incident log and on the
standby, and exits 1. The standby then needs ``drop`` and ``setup --reinit``.

Every run with both sides reachable also copies sequence positions and stores a snapshot
on the standby (production's row counts: exact below ``standby.exact_count_below`` rows,
the statistics' live-row estimate above; drift; lag) that ``promote`` and the
failover's choice read when production is gone.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from psycopg import sql

from scripts.config import KaleoConfig, StandbySettings
from scripts.db import pgtools
from scripts.db.standby import schema, sequences
from scripts.db.standby.common import (
    HEARTBEAT_SCHEMA,
    HEARTBEAT_TABLE,
    LOCAL_SCHEMA,
    ensure_local_schema,
    iso,
    latest_snapshot,
    local_event,
    parse_seconds,
    parse_size,
    promotion,
    record_incident_note,
    scope_clause,
    settings_of,
    source_conn,
    standby_conn,
    subscription_row,
    table_exists,
)
from scripts.db.standby.setup import SYNC_STATES, drop_slot, table_states
from scripts.output import DrError, err_console


def _source_side(s: StandbySettings, heartbeat: bool) -> dict[str, Any]:
    with source_conn(s, timeout=5) as src:
        if heartbeat and table_exists(src, HEARTBEAT_SCHEMA, "heartbeat"):
            src.execute(f"UPDATE {HEARTBEAT_TABLE} SET beat = now() WHERE id = 1")
        row = src.execute(
            "SELECT active, active_pid, wal_status, "
            "pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint, "
            "pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, pg_current_wal_lsn()::text "
            "FROM pg_replication_slots WHERE slot_name = %s",
            (s.subscription,),
        ).fetchone()
        lag = src.execute(
            "SELECT extract(epoch FROM replay_lag)::float8 FROM pg_stat_replication WHERE application_name = %s",
            (s.subscription,),
        ).fetchone()
        scope, params = scope_clause(s, "t.schemaname")
        counts: dict[str, int] = {}
        for name, live, estimate in src.execute(
            f"SELECT format('%%I.%%I', t.schemaname, t.relname), t.n_live_tup, c.reltuples "
            f"FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid WHERE {scope}",
            params,
        ).fetchall():
            if max(live, estimate) < s.exact_count_below:  # small: counted exactly; large: the statistics
                exact = src.execute(f"SELECT count(*) FROM {name}").fetchone()
                counts[str(name)] = int(exact[0]) if exact else 0
            else:
                counts[str(name)] = int(live)
    slot = (
        None
        if row is None
        else {
            "active": bool(row[0]),
            "pid": row[1],
            "wal_status": row[2],
            "lag_bytes": row[3],
            "retained_wal_bytes": row[4],
            "current_lsn": row[5],
        }
    )
    return {"slot": slot, "replay_lag_seconds": lag[0] if lag else None, "row_counts": counts}


def _standby_side(s: StandbySettings) -> dict[str, Any]:
    with standby_conn(s, timeout=5) as dst:
        sub = subscription_row(dst, s.subscription)
        worker = dst.execute(
            "SELECT pid, received_lsn::text, last_msg_receipt_time, latest_end_lsn::text, latest_end_time "
            "FROM pg_stat_subscription WHERE subname = %s AND relid IS NULL",
            (s.subscription,),
        ).fetchone()
        beat = None
        if table_exists(dst, HEARTBEAT_SCHEMA, "heartbeat"):
            hb = dst.execute(f"SELECT beat FROM {HEARTBEAT_TABLE} WHERE id = 1").fetchone()
            beat = hb[0] if hb else None
        states = table_states(dst, s.subscription) if sub else {}
        promoted = promotion(dst)
        snap = latest_snapshot(dst)
    receipt = worker[2] if worker else None
    last = max((t for t in (beat, receipt) if t is not None), default=None)
    return {
        "subscription": sub and {k: v for k, v in sub.items() if k != "oid"},
        "worker": None
        if worker is None or worker[0] is None
        else {"pid": worker[0], "received_lsn": worker[1], "last_msg_receipt_time": iso(worker[2])},
        "heartbeat": beat,
        "last_receipt": last,
        "tables": states,
        "promoted": promoted,
        "last_snapshot_at": snap["taken_at"] if snap else None,
    }


def trip_valve(config: KaleoConfig, s: StandbySettings, retained: int | None, why: str) -> dict[str, Any]:
    """Disable the subscription (standby), drop the slot (production), record it everywhere, alert."""
    actions: list[str] = []
    try:
        with standby_conn(s, timeout=5) as dst:
            name = sql.Identifier(s.subscription)
            if subscription_row(dst, s.subscription) is not None:
                dst.execute(sql.SQL("ALTER SUBSCRIPTION {} DISABLE").format(name))
                dst.execute(sql.SQL("ALTER SUBSCRIPTION {} SET (slot_name = NONE)").format(name))
                actions.append("subscription disabled on the standby")
            local_event(dst, "safety_valve", {"retained_wal_bytes": retained, "why": why})
    except DrError as exc:
        actions.append(f"standby not reachable ({exc.message}): subscription left as is")
    with source_conn(s, timeout=5) as src:
        actions.append(f"slot {s.subscription} on production: {drop_slot(src, s.subscription)}")
    payload = {"event": "safety_valve", "slot": s.subscription, "retained_wal_bytes": retained, "why": why}
    actions.append(f"recorded in {record_incident_note(config, {**payload, 'actions': list(actions)})}")
    err_console.print(
        f"[bold white on red] STANDBY SAFETY VALVE [/] {why}: replication slot {s.subscription} dropped to "
        "protect production's disk. The standby is NOT protecting anything until "
        "'kaleo-dr standby drop' and 'kaleo-dr standby setup --reinit'."
    )
    return {"tripped": True, "why": why, "actions": actions}


def status(config: KaleoConfig, *, valve: bool = True, heartbeat: bool = True) -> dict[str, Any]:
    s = settings_of(config)
    max_lag = parse_seconds(s.max_lag, "standby.max_lag")
    max_lag_bytes = parse_size(s.max_lag_bytes, "standby.max_lag_bytes")
    max_retained = parse_size(s.max_retained_wal, "standby.max_retained_wal")
    now = dt.datetime.now(dt.UTC)
    problems: list[str] = []
    out: dict[str, Any] = {
        "at": now,
        "source": pgtools.display_dsn(s.source_dsn or ""),
        "standby": pgtools.display_dsn(s.standby_dsn or ""),
        "subscription": s.subscription,
        "thresholds": {"max_lag_seconds": max_lag, "max_lag_bytes": max_lag_bytes, "max_retained_wal": max_retained},
    }
    src: dict[str, Any] | None = None
    dst: dict[str, Any] | None = None
    try:
        src = _source_side(s, heartbeat)
    except DrError as exc:
        problems.append(f"production not reachable: {exc.message}")
    try:
        dst = _standby_side(s)
    except DrError as exc:
        problems.append(f"standby not reachable: {exc.message}")
    slot = src["slot"] if src else None
    out["slot"] = slot
    out["lag_bytes"] = slot["lag_bytes"] if slot else None
    out["retained_wal_bytes"] = slot["retained_wal_bytes"] if slot else None
    lag_seconds: float | None = None
    if slot and src:
        if src["replay_lag_seconds"] is not None:
            lag_seconds = float(src["replay_lag_seconds"])
        elif slot["lag_bytes"] is not None and slot["lag_bytes"] <= 0:
            lag_seconds = 0.0
        elif dst and dst["last_receipt"] is not None:
            lag_seconds = max(0.0, (now - dst["last_receipt"]).total_seconds())
    out["lag_seconds"] = lag_seconds
    if dst:
        out.update(
            {
                "subscription_state": dst["subscription"],
                "worker": dst["worker"],
                "heartbeat": iso(dst["heartbeat"]),
                "last_receipt": iso(dst["last_receipt"]),
                "tables": {t: SYNC_STATES.get(st, st) for t, st in dst["tables"].items()},
                "promoted": dst["promoted"],
                "last_snapshot_at": iso(dst["last_snapshot_at"]),
            }
        )
    out["valve"] = {"tripped": False}
    if src is not None:
        if slot is None:
            problems.append(f"no replication slot {s.subscription} on production")
        elif valve and (slot["wal_status"] == "lost" or (slot["retained_wal_bytes"] or 0) > max_retained):
            why = (
                "production already invalidated the slot (wal_status lost)"
                if slot["wal_status"] == "lost"
                else f"the slot retains {slot['retained_wal_bytes']} bytes of WAL (> {max_retained})"
            )
            out["valve"] = trip_valve(config, s, slot["retained_wal_bytes"], why)
            problems.append(f"safety valve tripped: {why}")
        else:
            if not slot["active"]:
                problems.append(f"slot {s.subscription} is not in use: the standby is not connected")
            if slot["lag_bytes"] is not None and slot["lag_bytes"] > max_lag_bytes:
                problems.append(f"lag {slot['lag_bytes']} bytes > {max_lag_bytes}")
            if lag_seconds is None:
                problems.append("lag in seconds unknown")
            elif lag_seconds > max_lag:
                problems.append(f"lag {lag_seconds:.1f}s > {max_lag:.0f}s")
    if dst is not None:
        sub = dst["subscription"]
        if dst["promoted"]:
            problems.append(f"the standby was promoted at {iso(dst['promoted']['promoted_at'])}")
        if sub is None:
            problems.append(f"no subscription {s.subscription} on the standby")
        elif not sub["enabled"]:
            problems.append(f"subscription {s.subscription} is disabled")
        elif sub["slot"] is None:
            problems.append(f"subscription {s.subscription} has no slot (safety valve or promote)")
        pending = [t for t, st in dst["tables"].items() if st != "r"]
        if pending:
            problems.append(f"{len(pending)} table(s) not ready: {', '.join(pending[:5])}")
    drift: list[str] | None = None
    if src is not None and dst is not None:
        with source_conn(s, timeout=5) as sc, standby_conn(s, timeout=5) as dc:
            drift = schema.drift(sc, dc, s)
            if not out["valve"]["tripped"] and not dst["promoted"]:
                out["sequences"] = {k: v for k, v in sequences.sync(sc, dc, s).items() if k != "copied"}
                ensure_local_schema(dc)
                dc.execute(
                    f"INSERT INTO {LOCAL_SCHEMA}.snapshots(detail) VALUES (%s::jsonb)",
                    (
                        json.dumps(
                            {
                                "row_counts": src["row_counts"],
                                "drift": drift,
                                "lag_bytes": out["lag_bytes"],
                                "lag_seconds": lag_seconds,
                                "last_receipt": iso(dst["last_receipt"]),
                            }
                        ),
                    ),
                )
                dc.execute(f"DELETE FROM {LOCAL_SCHEMA}.snapshots WHERE taken_at < now() - interval '7 days'")
        if drift:
            problems.append(f"schema drift ({len(drift)}): " + "; ".join(drift[:5]))
    out["drift"] = drift
    out["problems"] = problems
    out["ok"] = not problems
    return out


def health(config: KaleoConfig, outage_start: dt.datetime) -> dict[str, Any]:
    """Can the failover promote the standby? Read from the standby alone (production is gone).

    Healthy: reachable, never promoted, subscription with its slot, every table ready, last
    receipt within ``standby.max_lag`` of the outage start, and the last snapshot saw no drift.
    """
    s = settings_of(config)
    max_lag = parse_seconds(s.max_lag, "standby.max_lag")
    out: dict[str, Any] = {"standby": pgtools.display_dsn(s.standby_dsn or ""), "outage_start": iso(outage_start)}

    def verdict(ok: bool, reason: str) -> dict[str, Any]:
        return {**out, "healthy": ok, "reason": reason}

    if not s.standby_dsn:
        return verdict(False, "no standby configured (standby.standby_dsn)")
    try:
        side = _standby_side(s)
        with standby_conn(s, timeout=5) as dst:
            snap = latest_snapshot(dst)
    except DrError as exc:
        return verdict(False, f"standby not reachable: {exc.message}")
    out["last_receipt"] = iso(side["last_receipt"])
    out["last_snapshot_at"] = iso(snap["taken_at"]) if snap else None
    if side["promoted"]:
        return verdict(False, f"the standby was already promoted at {iso(side['promoted']['promoted_at'])}")
    sub = side["subscription"]
    if sub is None:
        return verdict(False, f"no subscription {s.subscription} on the standby")
    if sub["slot"] is None:
        return verdict(False, "the subscription lost its slot (safety valve): the standby is stale")
    pending = [t for t, st in side["tables"].items() if st != "r"]
    if pending or not side["tables"]:
        return verdict(False, f"{len(pending)} table(s) not fully copied: {', '.join(pending[:5])}")
    last = side["last_receipt"]
    if last is None:
        return verdict(False, "no receipt from production was ever recorded (run kaleo-dr standby status)")
    behind = (outage_start - last).total_seconds()
    out["receipt_before_outage_seconds"] = round(behind, 3)
    if behind > max_lag:
        return verdict(
            False,
            f"stale: last receipt {iso(last)} is {behind:.0f}s before the outage start (> standby.max_lag {s.max_lag})",
        )
    if snap is None:
        return verdict(False, "no status snapshot on the standby: drift unknown")
    if snap.get("drift") is None:
        return verdict(False, "drift unknown in the last snapshot")
    if snap["drift"]:
        return verdict(False, f"schema drift in the last snapshot: {'; '.join(snap['drift'][:3])}")
    when = f"{behind:.1f}s before" if behind >= 0 else f"{-behind:.1f}s after"
    return verdict(True, f"last receipt {when} the recorded outage start, no drift")


def prometheus(data: dict[str, Any]) -> str:
    """The status in the Prometheus text format; unknown values are left out (absent, never 0)."""
    label = f'subscription="{data["subscription"]}"'
    receipt = data.get("last_receipt")
    metrics: list[tuple[str, str, Any]] = [
        ("kaleo_standby_ok", "1 when every standby check passed", int(bool(data["ok"]))),
        ("kaleo_standby_lag_bytes", "WAL not yet confirmed by the standby", data.get("lag_bytes")),
        ("kaleo_standby_lag_seconds", "replication lag in seconds", data.get("lag_seconds")),
        ("kaleo_standby_retained_wal_bytes", "WAL production keeps for the slot", data.get("retained_wal_bytes")),
        (
            "kaleo_standby_last_receipt_timestamp_seconds",
            "when the standby last heard from production",
            dt.datetime.fromisoformat(receipt).timestamp() if receipt else None,
        ),
        (
            "kaleo_standby_tables_not_ready",
            "tables whose initial copy is not finished",
            None if "tables" not in data else sum(1 for st in data["tables"].values() if st != "ready"),
        ),
        ("kaleo_standby_drift_objects", "schema differences", None if data["drift"] is None else len(data["drift"])),
        ("kaleo_standby_safety_valve_tripped", "1 when this run dropped the slot", int(data["valve"]["tripped"])),
        ("kaleo_standby_problems", "problems found by this run", len(data["problems"])),
    ]
    lines: list[str] = []
    for name, help_text, value in metrics:
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge"]
        if value is not None:
            lines.append(f"{name}{{{label}}} {value}")
    return "\n".join(lines) + "\n"
