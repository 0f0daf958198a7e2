"""What every ``kaleo-dr standby`` command shares: settings, connections, scope, the standby's own records.

Two databases take part. *Production* (RDS) is the source: it holds the publication, the
replication slot and a one-row heartbeat table ``kaleo_dr.heartbeat`` that every status
run updates (it is replicated like any table, so the standby knows when it last heard
from production even after production is gone). The *standby* (the GCP database VM)
holds the subscription and, in the schema ``kaleo_dr_local`` that is never replicated,
its own records: status snapshots, events (setup, safety valve, promote) and the
promotion marker that makes ``promote`` refuse a second run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from scripts.config import KaleoConfig, StandbySettings, resolve_secret
from scripts.db import pgtools
from scripts.output import BadInput, CheckFailed

if TYPE_CHECKING:
    import psycopg

HEARTBEAT_SCHEMA = "kaleo_dr"
HEARTBEAT_TABLE = "kaleo_dr.heartbeat"
LOCAL_SCHEMA = "kaleo_dr_local"
LOOPBACK = ("127.0.0.1", "::1", "localhost")

_LOCAL_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {LOCAL_SCHEMA};
CREATE TABLE IF NOT EXISTS {LOCAL_SCHEMA}.events (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL,
    detail jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS {LOCAL_SCHEMA}.snapshots (
    id bigserial PRIMARY KEY,
    taken_at timestamptz NOT NULL DEFAULT now(),
    detail jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS {LOCAL_SCHEMA}.promotion (
    id int PRIMARY KEY CHECK (id = 1),
    promoted_at timestamptz NOT NULL DEFAULT now(),
    detail jsonb NOT NULL
);
"""

_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)[bB]?\s*")


def parse_size(text: str, what: str) -> int:
    """'20GB', '512MB', '64kB', '0' -> bytes (powers of 1024, like PostgreSQL's own settings)."""
    match = _SIZE_RE.fullmatch(text)
    if not match:
        raise BadInput(f"{what}: '{text}' is not a size like 20GB, 512MB or 0")
    unit = match.group(2).upper()
    return int(float(match.group(1)) * 1024 ** " KMGT".index(unit or " "))


def parse_seconds(text: str, what: str) -> float:
    from scripts.db.backup import parse_duration

    return parse_duration(text, what).total_seconds()


def check_name(name: str, what: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise BadInput(f"{what}: '{name}' must be a lower-case SQL name (letters, digits, _)")
    return name


def settings_of(config: KaleoConfig) -> StandbySettings:
    s = config.standby
    check_name(s.publication, "standby.publication")
    check_name(s.subscription, "standby.subscription")
    return s


def _password(ref: str | None, what: str) -> str | None:
    return resolve_secret(ref, what) if ref else None


def need(value: str | None, key: str) -> str:
    if not value:
        raise BadInput(f"{key} is not set in kaleo-dr.yaml")
    return value


@contextmanager
def source_conn(s: StandbySettings, timeout: int = 10) -> Iterator[psycopg.Connection[Any]]:
    dsn = need(s.source_dsn, "standby.source_dsn")
    pgtools.check_dsn(dsn, "standby.source_dsn")
    conn = pgtools.connect(dsn, _password(s.source_password, "standby.source_password"), connect_timeout=timeout)
    try:
        yield conn
    finally:
        conn.close()


def standby_connect(s: StandbySettings, timeout: int = 10) -> psycopg.Connection[Any]:
    """A new autocommit connection to the standby (the caller closes it)."""
    dsn = need(s.standby_dsn, "standby.standby_dsn")
    pgtools.check_dsn(dsn, "standby.standby_dsn")
    return pgtools.connect(dsn, _password(s.standby_password, "standby.standby_password"), connect_timeout=timeout)


@contextmanager
def standby_conn(s: StandbySettings, timeout: int = 10) -> Iterator[psycopg.Connection[Any]]:
    conn = standby_connect(s, timeout)
    try:
        yield conn
    finally:
        conn.close()


def source_reachable(s: StandbySettings, timeout: int = 3) -> str | None:
    """None when production answers, else why not (for promote, which must not run while it is up)."""
    try:
        with source_conn(s, timeout) as conn:
            conn.execute("SELECT 1")
        return None
    except CheckFailed as exc:
        return exc.message


def scope_schemas(s: StandbySettings) -> list[str] | None:
    """The replicated schemas (with the heartbeat's), or None for every user schema."""
    if not s.schemas:
        return None
    return list(dict.fromkeys([*s.schemas, HEARTBEAT_SCHEMA]))


def scope_clause(s: StandbySettings, column: str = "n.nspname") -> tuple[str, list[Any]]:
    """A SQL condition (and its parameters, always a list: ``%`` is doubled) selecting the replicated schemas."""
    schemas = scope_schemas(s)
    base = (
        f"{column} NOT IN ('pg_catalog', 'information_schema', 'pg_toast', '{LOCAL_SCHEMA}') "
        f"AND {column} NOT LIKE 'pg\\_temp\\_%%' AND {column} NOT LIKE 'pg\\_toast\\_temp\\_%%'"
    )
    if schemas is None:
        return base, []
    return f"{base} AND {column} = ANY(%s)", [schemas]


def subscription_conninfo(s: StandbySettings, password: str | None = None) -> str:
    """How the standby server reaches production: the DSN plus TLS and passfile; a password only
    when given (a subscriber without a file system for a passfile: the failback's RDS)."""
    from psycopg.conninfo import make_conninfo

    dsn = s.subscription_dsn or need(s.source_dsn, "standby.source_dsn")
    parts = pgtools.check_dsn(dsn, "standby.subscription_dsn")
    host = parts.get("host", parts.get("hostaddr", ""))
    extra: dict[str, str] = {"sslmode": s.sslmode, "application_name": s.subscription}
    if s.sslmode in ("verify-full", "verify-ca"):
        if not s.sslrootcert:
            raise BadInput(
                f"standby.sslmode is {s.sslmode} but standby.sslrootcert is not set",
                hint="the path of the RDS CA bundle on the standby server (global-bundle.pem)",
            )
        extra["sslrootcert"] = s.sslrootcert
    elif host not in LOOPBACK:
        raise BadInput(
            f"standby.sslmode {s.sslmode} does not verify production's certificate; "
            "replication leaves a loopback host only with verify-full or verify-ca",
        )
    if s.subscription_passfile:
        extra["passfile"] = s.subscription_passfile
    if password:
        extra["password"] = password
    return make_conninfo(dsn, **extra)


def ensure_local_schema(conn: psycopg.Connection[Any]) -> None:
    conn.execute(_LOCAL_DDL)


def local_event(conn: psycopg.Connection[Any], kind: str, detail: dict[str, Any]) -> None:
    ensure_local_schema(conn)
    conn.execute(
        f"INSERT INTO {LOCAL_SCHEMA}.events(kind, detail) VALUES (%s, %s::jsonb)",
        (kind, json.dumps(detail, default=str)),
    )


def latest_snapshot(conn: psycopg.Connection[Any]) -> dict[str, Any] | None:
    if not table_exists(conn, LOCAL_SCHEMA, "snapshots"):
        return None
    row = conn.execute(f"SELECT taken_at, detail FROM {LOCAL_SCHEMA}.snapshots ORDER BY id DESC LIMIT 1").fetchone()
    return {"taken_at": row[0], **row[1]} if row else None


def promotion(conn: psycopg.Connection[Any]) -> dict[str, Any] | None:
    if not table_exists(conn, LOCAL_SCHEMA, "promotion"):
        return None
    row = conn.execute(f"SELECT promoted_at, detail FROM {LOCAL_SCHEMA}.promotion").fetchone()
    return {"promoted_at": row[0], **row[1]} if row else None


def table_exists(conn: psycopg.Connection[Any], schema: str, name: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (pgtools.qualified(schema, name),)).fetchone()
    return bool(row and row[0])


def subscription_row(conn: psycopg.Connection[Any], name: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT s.oid, s.subenabled, s.subslotname, s.subbinary, s.substream, s.subpublications "
        "FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
        "WHERE s.subname = %s AND d.datname = current_database()",
        (name,),
    ).fetchone()
    if row is None:
        return None
    return {
        "oid": row[0],
        "enabled": bool(row[1]),
        "slot": row[2],
        "binary": bool(row[3]),
        "streaming": bool(row[4]),
        "publications": list(row[5]),
    }


def record_incident_note(config: KaleoConfig, payload: dict[str, Any]) -> str:
    """Append an event to the incident log (the current incident's, if one is open); returns its path."""
    from scripts.runbook.incident import IncidentLog

    path = config.state.incident_log_path()
    with IncidentLog.open(path) as log:
        current = log.current_incident()
        log.record("note", {"standby": True, **payload}, current.id if current else None)
    return str(path)


def iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def ident(name: str) -> str:
    return pgtools.quote_ident(name)
