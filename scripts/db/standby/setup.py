"""``kaleo-dr standby setup``: publication on production, schema and subscription on the standby.

Idempotent: every object is created only when missing and checked when present, so a
second run reports what exists and changes nothing.

Production's prerequisites are checked first: ``wal_level = logical`` (RDS:
``rds.logical_replication = 1`` in the parameter group), a login with replication rights
(superuser, REPLICATION, or RDS's ``rds_replication``), and a key on every replicated
table. A table without a primary key or replica identity would make every UPDATE and
DELETE on production *fail* once it is published, so setup refuses and lists them;
``--replica-identity-full TABLE`` sets ``REPLICA IDENTITY FULL`` on the named ones
(whole-row matching: correct, slower to apply on the standby).
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psycopg import sql

from scripts.config import KaleoConfig, StandbySettings, resolve_secret
from scripts.db import pgtools
from scripts.db.standby import schema, sequences
from scripts.db.standby.common import (
    HEARTBEAT_SCHEMA,
    HEARTBEAT_TABLE,
    local_event,
    promotion,
    scope_clause,
    scope_schemas,
    settings_of,
    source_conn,
    standby_conn,
    subscription_conninfo,
    subscription_row,
)
from scripts.output import BadInput, CheckFailed, info

if TYPE_CHECKING:
    import psycopg


def prerequisites(conn: psycopg.Connection[Any], s: StandbySettings) -> dict[str, Any]:
    """wal_level, replication rights and the tables without a usable replica identity."""
    row = conn.execute(
        "SELECT current_setting('wal_level'), current_setting('rds.logical_replication', true), "
        "r.rolsuper, r.rolreplication, "
        "(SELECT pg_has_role(current_user, g.oid, 'member') FROM pg_roles g WHERE g.rolname = 'rds_replication'), "
        "current_setting('max_replication_slots')::int "
        "FROM pg_roles r WHERE r.rolname = current_user"
    ).fetchone()
    assert row is not None
    scope, params = scope_clause(s)
    offenders = conn.execute(
        f"""SELECT format('%%I.%%I', n.nspname, c.relname), c.relreplident::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND {scope}
          AND (c.relreplident = 'n'
               OR (c.relreplident = 'd' AND NOT EXISTS (
                   SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))
               OR (c.relreplident = 'i' AND NOT EXISTS (
                   SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident)))
        ORDER BY 1""",
        params,
    ).fetchall()
    unlogged = conn.execute(
        f"""SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relpersistence = 'u' AND {scope} ORDER BY 1""",
        params,
    ).fetchall()
    rights = bool(row[2] or row[3] or row[4])
    return {
        "wal_level": row[0],
        "rds_logical_replication": row[1],
        "replication_rights": rights,
        "max_replication_slots": row[5],
        "without_key": [r[0] for r in offenders],
        "unlogged_not_replicated": [r[0] for r in unlogged],
    }


def _resolve_tables(conn: psycopg.Connection[Any], names: list[str]) -> dict[str, str]:
    """``--replica-identity-full`` names -> their canonical ``schema.table``; unknown names are bad input."""
    out: dict[str, str] = {}
    for name in names:
        row = conn.execute(
            "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(%s)",
            (name,),
        ).fetchone()
        if row is None:
            raise BadInput(f"--replica-identity-full: no table {name} on production")
        out[name] = str(row[0])
    return out


def binary_ok(conn: psycopg.Connection[Any], s: StandbySettings) -> tuple[bool, list[str]]:
    """Binary transfer needs send/receive functions and no arrays/composites of database-local types
    (their binary form carries OIDs, which differ between the two servers)."""
    scope, params = scope_clause(s)
    rows = conn.execute(
        f"""WITH RECURSIVE cols AS (
            SELECT DISTINCT a.atttypid AS t FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND {scope}
        ), base AS (
            SELECT t FROM cols
            UNION SELECT ty.typbasetype FROM base JOIN pg_type ty ON ty.oid = base.t WHERE ty.typtype = 'd'
        )
        SELECT format_type(ty.oid, NULL) FROM base JOIN pg_type ty ON ty.oid = base.t
        WHERE ty.typtype <> 'd' AND (ty.typsend::oid = 0 OR ty.typreceive::oid = 0
            OR (ty.oid >= 16384 AND ty.typtype IN ('c', 'r', 'm'))
            OR (ty.typcategory = 'A' AND ty.typelem >= 16384))
        ORDER BY 1""",
        params,
    ).fetchall()
    return not rows, [str(r[0]) for r in rows]


def _ensure_heartbeat(conn: psycopg.Connection[Any]) -> None:
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {HEARTBEAT_SCHEMA}")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {HEARTBEAT_TABLE} "
        "(id int PRIMARY KEY CHECK (id = 1), beat timestamptz NOT NULL DEFAULT now())"
    )
    conn.execute(f"INSERT INTO {HEARTBEAT_TABLE}(id) VALUES (1) ON CONFLICT (id) DO NOTHING")


def _ensure_publication(conn: psycopg.Connection[Any], s: StandbySettings) -> str:
    row = conn.execute("SELECT oid, puballtables FROM pg_publication WHERE pubname = %s", (s.publication,)).fetchone()
    wanted = scope_schemas(s)
    if row is None:
        if wanted is None:
            conn.execute(sql.SQL("CREATE PUBLICATION {} FOR ALL TABLES").format(sql.Identifier(s.publication)))
        else:
            conn.execute(
                sql.SQL("CREATE PUBLICATION {} FOR TABLES IN SCHEMA {}").format(
                    sql.Identifier(s.publication), sql.SQL(", ").join(sql.Identifier(n) for n in wanted)
                )
            )
        return "created"
    have = [
        r[0]
        for r in conn.execute(
            "SELECT n.nspname FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid "
            "WHERE pn.pnpubid = %s ORDER BY 1",
            (row[0],),
        ).fetchall()
    ]
    if (wanted is None and not row[1]) or (wanted is not None and sorted(wanted) != have):
        what = "every table" if row[1] else f"schemas {', '.join(have) or '(none)'}"
        raise CheckFailed(
            f"publication {s.publication} on production covers {what}, not what standby.schemas asks",
            hint="kaleo-dr standby drop, then setup again (or fix standby.schemas)",
        )
    return "present"


def _scope_tables(conn: psycopg.Connection[Any], s: StandbySettings) -> list[str]:
    scope, params = scope_clause(s)
    rows = conn.execute(
        f"SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n "
        f"ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {scope} ORDER BY 1",
        params,
    ).fetchall()
    return [str(r[0]) for r in rows]


def _apply_schema(config: KaleoConfig, s: StandbySettings, src: psycopg.Connection[Any]) -> None:
    """pg_dump --schema-only of production, applied to the standby with psql."""
    version = pgtools.server_version(src)
    pg_dump = pgtools.require_tool_for_server("pg_dump", version, config.backup.pg_bin)
    psql = pgtools.find_tool("psql", version.major, config.backup.pg_bin)
    src_pw = resolve_secret(s.source_password, "standby.source_password") if s.source_password else None
    dst_pw = resolve_secret(s.standby_password, "standby.standby_password") if s.standby_password else None
    argv = [str(pg_dump.path), "--schema-only", "--no-publications", "--no-subscriptions", "-d", s.source_dsn or ""]
    if s.no_owner:
        argv += ["--no-owner", "--no-privileges"]
    for name in scope_schemas(s) or []:
        argv += ["-n", name]
    with tempfile.TemporaryDirectory(prefix="kaleo-standby-") as tmp:
        out = Path(tmp) / "schema.sql"
        dump = subprocess.run(
            [*argv, "-f", str(out)], capture_output=True, text=True, env=pgtools.client_env(src_pw), check=False
        )
        if dump.returncode != 0:
            raise CheckFailed(f"pg_dump --schema-only failed: {pgtools.redact(dump.stderr.strip()[-800:], src_pw)}")
        # with -n, pg_dump creates every named schema, and an empty database already has ``public``
        text = out.read_text(encoding="utf-8")
        out.write_text(re.sub(r"(?m)^CREATE SCHEMA (\S+);$", r"CREATE SCHEMA IF NOT EXISTS \1;", text), "utf-8")
        load = subprocess.run(
            [str(psql.path), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", s.standby_dsn or "", "-f", str(out)],
            capture_output=True,
            text=True,
            env=pgtools.client_env(dst_pw),
            check=False,
        )
        if load.returncode != 0:
            raise CheckFailed(f"applying the schema on the standby failed: {load.stderr.strip()[-800:]}")


def _tables_with_rows(conn: psycopg.Connection[Any], tables: list[str]) -> list[str]:
    return [t for t in tables if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchone() == (True,)]


def wait_for_sync(conn: psycopg.Connection[Any], name: str, timeout: float, as_json: bool) -> dict[str, str]:
    """Wait until every table of the subscription is ready ('r'); returns the final states."""
    deadline = time.monotonic() + timeout
    last_report = 0.0
    while True:
        states = table_states(conn, name)
        pending = {t: st for t, st in states.items() if st != "r"}
        if not pending:
            return states
        if time.monotonic() > deadline:
            raise CheckFailed(
                f"initial copy not finished after {timeout:.0f}s: {len(pending)} table(s) not ready",
                hint="kaleo-dr standby status shows the per-table state; the copy goes on in the background",
            )
        if time.monotonic() - last_report > 5:
            info(f"initial copy: {len(states) - len(pending)}/{len(states)} tables ready", as_json)
            last_report = time.monotonic()
        time.sleep(0.2)


SYNC_STATES = {"i": "initialize", "d": "copying", "f": "copy done", "s": "synchronized", "r": "ready"}


def table_states(conn: psycopg.Connection[Any], name: str) -> dict[str, str]:
    rows = conn.execute(
        "SELECT format('%%I.%%I', n.nspname, c.relname), r.srsubstate::text FROM pg_subscription_rel r "
        "JOIN pg_subscription s ON s.oid = r.srsubid JOIN pg_class c ON c.oid = r.srrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE s.subname = %s ORDER BY 1",
        (name,),
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def setup(
    config: KaleoConfig,
    *,
    replica_identity_full: list[str],
    reinit: bool = False,
    wait: bool = True,
    wait_timeout: float = 3600.0,
    as_json: bool = False,
    subscription_password: str | None = None,
) -> dict[str, Any]:
    s = settings_of(config)
    conninfo = subscription_conninfo(s, subscription_password)
    t0 = time.monotonic()
    result: dict[str, Any] = {
        "source": pgtools.display_dsn(s.source_dsn or ""),
        "standby": pgtools.display_dsn(s.standby_dsn or ""),
        "publication": s.publication,
        "subscription": s.subscription,
    }
    with source_conn(s) as src, standby_conn(s) as dst:
        promoted = promotion(dst)
        if promoted:
            raise CheckFailed(
                f"the standby {result['standby']} was promoted at {promoted['promoted_at']}: it is production now",
                hint="never point a subscription at a promoted standby",
            )
        pre = prerequisites(src, s)
        result["prerequisites"] = pre
        if pre["wal_level"] != "logical":
            raise CheckFailed(
                f"production's wal_level is {pre['wal_level']}, not logical",
                hint="RDS: set rds.logical_replication = 1 in the parameter group and reboot (stacks/aws/database.py)",
            )
        if not pre["replication_rights"]:
            raise CheckFailed(
                "the production login has no replication rights",
                hint="GRANT rds_replication TO <user> (RDS) or ALTER ROLE <user> REPLICATION",
            )
        named = _resolve_tables(src, replica_identity_full)
        not_offending = sorted(set(named.values()) - set(pre["without_key"]))
        if not_offending:
            raise BadInput(f"--replica-identity-full: {', '.join(not_offending)} already has a key; leave it out")
        left = [t for t in pre["without_key"] if t not in named.values()]
        if left:
            raise CheckFailed(
                f"{len(left)} table(s) without primary key or replica identity: {', '.join(left)} "
                "(published, their UPDATE and DELETE would fail on production)",
                hint="add a primary key, or pass --replica-identity-full TABLE for each (whole-row matching)",
            )
        for table in named.values():
            src.execute(f"ALTER TABLE {table} REPLICA IDENTITY FULL")
            info(f"production: {table} REPLICA IDENTITY FULL", as_json)
        result["replica_identity_full"] = sorted(named.values())
        _ensure_heartbeat(src)
        result["publication_state"] = _ensure_publication(src, s)

        # schema: applied once on an empty standby, else it must match production
        if not _scope_tables(dst, s):
            info("applying production's schema to the standby (pg_dump --schema-only)", as_json)
            _apply_schema(config, s, src)
            result["schema"] = "applied"
        else:
            result["schema"] = "present"
        problems = schema.drift(src, dst, s)
        if problems:
            raise CheckFailed(
                f"schema drift between production and standby ({len(problems)}): " + "; ".join(problems[:10]),
                hint="apply the missing DDL on the standby (DDL is not replicated), then setup again",
            )

        sub = subscription_row(dst, s.subscription)
        binary, blockers = binary_ok(src, s)
        if sub is None:
            tables = _scope_tables(dst, s)
            filled = _tables_with_rows(dst, tables)
            if filled and not reinit:
                raise CheckFailed(
                    f"the standby {result['standby']} already holds rows in {len(filled)} table(s) "
                    f"({', '.join(filled[:5])}); the initial copy needs them empty",
                    hint=f"setup --reinit empties them on {result['standby']} (never production) and copies again",
                )
            if filled:
                info(f"--reinit: emptying {len(filled)} table(s) on the standby {result['standby']}", as_json)
                dst.execute("TRUNCATE " + ", ".join(filled))
            slot = src.execute(
                "SELECT active FROM pg_replication_slots WHERE slot_name = %s", (s.subscription,)
            ).fetchone()
            if slot is not None:
                if slot[0]:
                    raise CheckFailed(f"replication slot {s.subscription} on production is in use by another client")
                info(f"dropping the leftover inactive slot {s.subscription} on production", as_json)
                src.execute("SELECT pg_drop_replication_slot(%s)", (s.subscription,))
            create_subscription(dst, s, conninfo, binary, subscription_password)
            result["subscription_state"] = "created"
        elif sub["slot"] is None:
            raise CheckFailed(
                f"subscription {s.subscription} has no slot any more (safety valve or promote)",
                hint="kaleo-dr standby drop, then kaleo-dr standby setup --reinit (a full copy again)",
            )
        elif not sub["enabled"]:
            dst.execute(sql.SQL("ALTER SUBSCRIPTION {} ENABLE").format(sql.Identifier(s.subscription)))
            result["subscription_state"] = "enabled"
        else:
            result["subscription_state"] = "present"
        result["binary"] = binary if sub is None else sub["binary"]
        result["binary_blockers"] = blockers
        if wait:
            states = wait_for_sync(dst, s.subscription, wait_timeout, as_json)
            result["tables"] = len(states)
            result["synced"] = True
            result["sequences"] = sequences.sync(src, dst, s)
        else:
            result["tables"] = len(table_states(dst, s.subscription))
            result["synced"] = False
        result["seconds"] = round(time.monotonic() - t0, 3)
        local_event(dst, "setup", {k: v for k, v in result.items() if k != "sequences"})
    return result


def create_subscription(
    dst: psycopg.Connection[Any], s: StandbySettings, conninfo: str, binary: bool, password: str | None
) -> None:
    """CREATE SUBSCRIPTION; with a password in the conninfo, its statement kept out of the server's log
    where this login may say so, and the password scrubbed from any error shown."""
    import psycopg

    if password:
        # not a superuser: the server's logging stays as configured (docs/failback.md)
        for setting in ("SET log_statement = 'none'", "SET log_min_error_statement = 'panic'"):
            with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
                dst.execute(setting)
    try:
        dst.execute(
            sql.SQL(
                "CREATE SUBSCRIPTION {} CONNECTION {} PUBLICATION {} "
                "WITH (copy_data = true, streaming = on, binary = {})"
            ).format(
                sql.Identifier(s.subscription),
                sql.Literal(conninfo),
                sql.Identifier(s.publication),
                sql.SQL("true" if binary else "false"),
            )
        )
    except psycopg.Error as exc:
        raise CheckFailed(
            f"CREATE SUBSCRIPTION {s.subscription} on the standby failed: {pgtools.redact(str(exc).strip(), password)}",
            hint="the standby server must reach and log in to "
            f"{pgtools.display_dsn(s.subscription_dsn or s.source_dsn or '')} (network, TLS, password or passfile)",
        ) from None


def drop(config: KaleoConfig, *, as_json: bool = False) -> dict[str, Any]:
    """Remove the subscription (standby), then the slot and publication (production, when it answers)."""
    s = settings_of(config)
    done: dict[str, Any] = {
        "standby": pgtools.display_dsn(s.standby_dsn or ""),
        "source": pgtools.display_dsn(s.source_dsn or ""),
    }
    with standby_conn(s) as dst:
        sub = subscription_row(dst, s.subscription)
        if sub is not None:
            name = sql.Identifier(s.subscription)
            dst.execute(sql.SQL("ALTER SUBSCRIPTION {} DISABLE").format(name))
            dst.execute(sql.SQL("ALTER SUBSCRIPTION {} SET (slot_name = NONE)").format(name))
            dst.execute(sql.SQL("DROP SUBSCRIPTION {}").format(name))
            local_event(dst, "drop", {"subscription": s.subscription})
        done["subscription"] = "dropped" if sub else "absent"
    try:
        with source_conn(s, timeout=5) as src:
            done["slot"] = drop_slot(src, s.subscription)
            row = src.execute("SELECT 1 FROM pg_publication WHERE pubname = %s", (s.publication,)).fetchone()
            if row:
                src.execute(sql.SQL("DROP PUBLICATION {}").format(sql.Identifier(s.publication)))
            done["publication"] = "dropped" if row else "absent"
    except CheckFailed as exc:
        done["slot"] = done["publication"] = f"unknown: production unreachable ({exc.message})"
        info(f"production not reachable: slot {s.subscription} may still hold WAL there", as_json)
    return done


def drop_slot(src: psycopg.Connection[Any], slot: str, timeout: float = 15.0) -> str:
    """Drop ``slot`` on production, ending its walsender if it does not leave by itself."""
    import psycopg

    deadline = time.monotonic() + timeout
    terminated = 0
    while True:
        row = src.execute("SELECT active_pid FROM pg_replication_slots WHERE slot_name = %s", (slot,)).fetchone()
        if row is None:
            return "absent"
        if row[0] is None:
            try:
                src.execute("SELECT pg_drop_replication_slot(%s)", (slot,))
                return "dropped"
            except psycopg.errors.ObjectInUse:
                pass  # the standby reconnected in between: look again
        elif time.monotonic() > deadline or terminated:
            if terminated >= 5:
                raise CheckFailed(f"replication slot {slot} stays in use (pid {row[0]}): it could not be dropped")
            src.execute("SELECT pg_terminate_backend(%s)", (row[0],))
            terminated += 1
        time.sleep(0.2)
