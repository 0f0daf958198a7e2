"""The failback's database: the GCP database carried to a NEW RDS database, with a short write freeze.

The old RDS instance (production when AWS went down) is never written: it is what
``failback reconcile`` reads the stranded writes from, and what forensics need. The target is
``failback.target_dsn``, else built from the endpoint of ``failback.target_instance`` (the new
instance's id, which must differ from ``aws.rds_instance``) by :func:`with_target`. The
subscription on an RDS target carries the GCP login's password (:func:`subscription_password`).

Two methods, chosen by :func:`choose_method` and journaled with the reason:

``replication`` (the default when the GCP database has ``wal_level = logical``): the standby
    machinery (:mod:`scripts.db.standby`) run in the reverse direction, with the GCP database
    as the source and the new RDS database as the subscriber (:func:`reverse_config`): setup
    (publication on GCP, schema and subscription on RDS, initial copy), status until RDS has
    caught up, then the **write freeze** (:func:`freeze`), the final catch-up, the sequence
    positions copied, the subscription, slot and publication dropped, and every sequence moved
    past the data it fed. The freeze lasts seconds: only the final catch-up happens in it.
``dump`` (``--method dump``, or when replication cannot run): the freeze first, then a dump of
    the GCP database (``scripts.db.backup``) to ``failback.dump_to`` and its restore into the
    new database (``scripts.db.restore``). The freeze lasts the whole dump and restore.

The write freeze: every role of ``failback.freeze_roles`` (the application's logins on the GCP
database) gets ``NOLOGIN`` and its sessions are ended, so no write can reach GCP after the
last copy. The GCP side stays frozen after the failback (the DNS goes back to AWS); to abandon a
failback, ``ALTER ROLE <role> LOGIN`` undoes it. The freeze's start is recorded in the incident
log, so a resumed run reports the freeze from its real start.

Resuming: a marker (``failback_loaded`` in the new database's ``kaleo_dr_local.events``) is
written once the data is complete; a run resumed after it only finishes the clean-up steps,
which are idempotent. Before it, every part is idempotent too (setup reports what exists).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from psycopg import sql

from scripts.config import KaleoConfig, StandbySettings, resolve_secret
from scripts.db import pgtools
from scripts.db.inventory import user_tables
from scripts.output import BadInput, CheckFailed

if TYPE_CHECKING:
    import psycopg

LOADED = "failback_loaded"


def gcp_database(config: KaleoConfig) -> tuple[str | None, str | None]:
    """The GCP database's DSN and password reference: failback.gcp_dsn, else restore.target_dsn."""
    s = config.failback
    dsn = s.gcp_dsn or config.restore.target_dsn
    password = s.gcp_password or (config.restore.password if not s.gcp_dsn else None)
    return dsn, password


def reverse_settings(config: KaleoConfig) -> StandbySettings:
    """The standby settings of the reverse direction: GCP is the source, the new RDS the subscriber."""
    f = config.failback
    gcp_dsn, gcp_password = gcp_database(config)
    if not gcp_dsn:
        raise BadInput("failback.gcp_dsn (or restore.target_dsn) is not set: the GCP database to carry back")
    target = need_target_dsn(config)
    return StandbySettings(
        source_dsn=gcp_dsn,
        source_password=gcp_password,
        standby_dsn=target,
        standby_password=f.target_password,
        subscription_dsn=f.subscription_dsn,
        subscription_passfile=None if f.target_instance else f.subscription_passfile,
        sslmode=f.sslmode,
        sslrootcert=f.sslrootcert,
        publication=f.publication,
        subscription=f.subscription,
        schemas=list(f.schemas),
        max_lag="1h",
        sequence_margin=0,  # the sequences are copied after the freeze: exact, no margin needed
        no_owner=config.standby.no_owner,
    )


def reverse_config(config: KaleoConfig) -> KaleoConfig:
    return config.model_copy(update={"standby": reverse_settings(config)})


NO_TARGET = (
    "failback.target_dsn is not set and failback.target_instance is not set to build it from: "
    "the NEW RDS database the GCP data goes to"
)


def need_target_dsn(config: KaleoConfig) -> str:
    if not config.failback.target_dsn:
        raise BadInput(NO_TARGET, hint="set failback.target_instance (its endpoint is used) or failback.target_dsn")
    return config.failback.target_dsn


def target_dsn_from_instance(config: KaleoConfig, inst: dict[str, Any]) -> str:
    """The new instance's DSN from its endpoint: address, port, failback.target_user (default: the
    master user), failback.target_dbname (default: the GCP database's name), TLS verify-full against
    backup.rds_ca_bundle (the RDS CA)."""
    from scripts.db import rds
    from scripts.db.backup.from_rds import rds_tls

    f = config.failback
    address, port = rds.endpoint(inst)
    gcp_dsn, _ = gcp_database(config)
    dbname = f.target_dbname or (pgtools.dsn_database(gcp_dsn) if gcp_dsn else None) or inst.get("DBName")
    if not dbname:
        raise BadInput("failback.target_dbname is not set and no GCP database name to take it from")
    user = f.target_user or str(inst.get("MasterUsername") or "postgres")
    return pgtools.build_dsn(address, port, str(dbname), user, **rds_tls(config.backup.rds_ca_bundle))


def with_target(config: KaleoConfig, inst: dict[str, Any] | None) -> KaleoConfig:
    """``config`` with failback.target_dsn: as given, else built from the new instance's endpoint."""
    if config.failback.target_dsn:
        return config
    if inst is None:
        raise BadInput(NO_TARGET, hint="set failback.target_instance (its endpoint is used) or failback.target_dsn")
    dsn = target_dsn_from_instance(config, inst)
    return config.model_copy(update={"failback": config.failback.model_copy(update={"target_dsn": dsn})})


def subscription_password(config: KaleoConfig) -> str | None:
    """The GCP replication login's password for the subscription's CONNECTION, or None (a passfile).

    An RDS subscriber (failback.target_instance set) has no file system for a passfile: the
    password is always carried in the CONNECTION (pg_subscription, readable only by superusers
    and rds_superuser). Without target_instance, failback.subscription_passfile is used when set.
    The password comes from failback.subscription_password, else (same login: no
    failback.subscription_dsn) from the GCP database's password reference.
    """
    f = config.failback
    if f.subscription_passfile and not f.target_instance:
        return None
    if f.subscription_passfile and f.target_instance:
        raise BadInput(
            "failback.subscription_passfile is set but failback.target_instance is an RDS instance, "
            "which has no file system to read a passfile from",
            hint="remove failback.subscription_passfile; set failback.subscription_password (env:/file:)",
        )
    ref = f.subscription_password
    key = "failback.subscription_password"
    if ref is None and not f.subscription_dsn:
        ref, key = gcp_database(config)[1], "failback.gcp_password"
    if ref is None:
        raise BadInput(
            "failback.subscription_password is not set: the new RDS database cannot log in to the GCP database "
            "(no passfile on RDS)",
            hint="a secret reference (env:NAME / file:/path) to the password of failback.subscription_dsn's user",
        )
    return resolve_secret(ref, key)


def refuse_old_target(config: KaleoConfig) -> None:
    """The target is never the old instance (kept for reconcile and forensics)."""
    f = config.failback
    if f.target_instance and config.aws.rds_instance and f.target_instance == config.aws.rds_instance:
        raise BadInput(
            f"failback.target_instance {f.target_instance} is aws.rds_instance, the OLD database",
            hint="the failback loads a NEW instance; the old one is kept for reconcile and forensics",
        )
    if f.target_dsn and f.old_dsn:
        new, old = pgtools.parse_dsn(f.target_dsn), pgtools.parse_dsn(f.old_dsn)
        if all(new.get(k) == old.get(k) for k in ("host", "port", "dbname")):
            raise BadInput(
                "failback.target_dsn names the same database as failback.old_dsn",
                hint="the failback loads a NEW instance; the old one is kept for reconcile and forensics",
            )


@contextlib.contextmanager
def _conn(dsn: str, ref: str | None, key: str, pw_key: str) -> Iterator[psycopg.Connection[Any]]:
    pgtools.check_dsn(dsn, key)
    conn = pgtools.connect(dsn, resolve_secret(ref, pw_key) if ref else None)
    try:
        yield conn
    finally:
        conn.close()


def gcp_conn(config: KaleoConfig) -> contextlib.AbstractContextManager[psycopg.Connection[Any]]:
    dsn, ref = gcp_database(config)
    if not dsn:
        raise BadInput("failback.gcp_dsn (or restore.target_dsn) is not set: the GCP database to carry back")
    return _conn(dsn, ref, "failback.gcp_dsn", "failback.gcp_password")


def target_conn(config: KaleoConfig) -> contextlib.AbstractContextManager[psycopg.Connection[Any]]:
    return _conn(
        need_target_dsn(config), config.failback.target_password, "failback.target_dsn", "failback.target_password"
    )


def rds_cannot_verify(config: KaleoConfig) -> str | None:
    """Why an RDS subscriber cannot replicate from the GCP database with a verified certificate, or None.

    The subscription's TLS check reads ``sslrootcert`` from the subscriber's file system, which an
    RDS instance does not have: a replication connection leaving a loopback host must verify the
    certificate (the standby's rule), so on RDS only the dump method carries the data back."""
    from scripts.db.standby.common import LOOPBACK

    f = config.failback
    if not f.target_instance:
        return None
    dsn = f.subscription_dsn or gcp_database(config)[0]
    parts = pgtools.parse_dsn(dsn) if dsn else {}
    host = parts.get("host", parts.get("hostaddr", ""))
    if host in LOOPBACK:
        return None
    return (
        f"the new database is the RDS instance {f.target_instance}, which has no file system for the CA "
        f"(sslrootcert) that would verify the GCP database {host}'s certificate: replication would run on "
        "unverified TLS"
    )


def choose_method(config: KaleoConfig, requested: str | None = None) -> dict[str, Any]:
    """``replication`` when it can run (the GCP database has wal_level=logical), else ``dump``; with the reason."""
    wanted = requested or config.failback.method
    if wanted == "dump":
        return {"method": "dump", "reason": "asked for (--method dump or failback.method)"}
    unverifiable = rds_cannot_verify(config)
    if unverifiable:
        if wanted == "replication":
            raise CheckFailed(unverifiable, hint="use --method dump (failback.method: dump)")
        return {"method": "dump", "reason": unverifiable}
    with gcp_conn(config) as conn:
        row = conn.execute("SELECT current_setting('wal_level')").fetchone()
    wal_level = str(row[0]) if row else "unknown"
    if wal_level == "logical":
        return {"method": "replication", "reason": "the GCP database has wal_level=logical", "wal_level": wal_level}
    why = f"the GCP database has wal_level={wal_level}, not logical: logical replication cannot run"
    if wanted == "replication":
        raise CheckFailed(why, hint="set wal_level = logical on the GCP database (restart), or use --method dump")
    return {"method": "dump", "reason": why, "wal_level": wal_level}


# -- the write freeze ------------------------------------------------------------------------


def freeze(config: KaleoConfig) -> dict[str, Any]:
    """NOLOGIN for every role of failback.freeze_roles on the GCP database, and their sessions ended."""
    roles = config.failback.freeze_roles
    if not roles:
        raise BadInput(
            "failback.freeze_roles is not set: the application's login roles on the GCP database",
            hint="without a write freeze, writes on GCP after the last copy would be lost",
        )
    gcp_dsn, _ = gcp_database(config)
    login = pgtools.parse_dsn(gcp_dsn or "").get("user")
    if login and login in roles:
        raise BadInput(
            f"failback.freeze_roles names {login}, the role kaleo-dr itself logs in as (failback.gcp_dsn)",
            hint="freeze only the application's roles; kaleo-dr needs its own login for the final catch-up",
        )
    ended = 0
    with gcp_conn(config) as conn:
        for role in roles:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
                raise BadInput(f"failback.freeze_roles: role {role} does not exist on the GCP database")
            conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
        deadline = time.monotonic() + 30
        while True:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY(%s) "
                "AND pid <> pg_backend_pid()",
                (roles,),
            ).fetchall()
            ended += len(rows)
            if not rows:
                break
            if time.monotonic() > deadline:
                raise CheckFailed(f"sessions of {', '.join(roles)} on the GCP database do not end")
            time.sleep(0.1)
    return {"roles": list(roles), "sessions_ended": ended}


def frozen_at(log: Any, incident_id: int, run: str) -> dt.datetime | None:
    """When this run's freeze began (the incident log), for a resumed run."""
    for event in log.events(incident_id, kind="note"):
        entry = event.payload.get("failback_freeze")
        if isinstance(entry, dict) and entry.get("run") == run:
            return event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
    return None


# -- the marker on the new database ------------------------------------------------------------


def loaded_marker(config: KaleoConfig) -> dict[str, Any] | None:
    from scripts.db.standby.common import LOCAL_SCHEMA, table_exists

    with target_conn(config) as conn:
        if not table_exists(conn, LOCAL_SCHEMA, "events"):
            return None
        row = conn.execute(
            f"SELECT at, detail FROM {LOCAL_SCHEMA}.events WHERE kind = %s ORDER BY id DESC LIMIT 1", (LOADED,)
        ).fetchone()
    return {"at": row[0], **row[1]} if row else None


def _mark_loaded(config: KaleoConfig, detail: dict[str, Any]) -> None:
    from scripts.db.standby.common import local_event

    with target_conn(config) as conn:
        local_event(conn, LOADED, json.loads(json.dumps(detail, default=str)))


def row_counts(conn: psycopg.Connection[Any], schemas: list[str]) -> dict[str, int]:
    tables = [t for t in user_tables(conn) if t[0] in schemas]
    out: dict[str, int] = {}
    for schema, name in tables:
        row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, name))).fetchone()
        out[f"{schema}.{name}"] = int(row[0]) if row else 0
    return out


def compare_counts(config: KaleoConfig) -> dict[str, Any]:
    """Row counts of every carried table on GCP and on the new database (GCP is frozen: they must be equal)."""
    schemas = list(config.failback.schemas)
    with gcp_conn(config) as g, target_conn(config) as t:
        gcp, new = row_counts(g, schemas), row_counts(t, schemas)
    differ = {
        k: {"gcp": gcp.get(k), "aws": new.get(k)} for k in sorted(set(gcp) | set(new)) if gcp.get(k) != new.get(k)
    }
    return {"tables": len(gcp), "rows": sum(gcp.values()), "differ": differ}


# -- the two methods ----------------------------------------------------------------------------


def wait_confirmed(s: StandbySettings, timeout: float) -> dict[str, Any]:
    """Wait until the new database confirmed GCP's WAL up to the position of the moment of the call."""
    from scripts.db.standby.common import source_conn

    t0 = time.monotonic()
    with source_conn(s) as src:
        row = src.execute("SELECT pg_current_wal_lsn()::text").fetchone()
        target = str(row[0]) if row else "0/0"
        while True:
            slot = src.execute(
                "SELECT confirmed_flush_lsn >= %s::pg_lsn, pg_wal_lsn_diff(%s::pg_lsn, confirmed_flush_lsn)::bigint "
                "FROM pg_replication_slots WHERE slot_name = %s",
                (target, target, s.subscription),
            ).fetchone()
            if slot is None:
                raise CheckFailed(f"no replication slot {s.subscription} on the GCP database")
            if slot[0]:
                return {"lsn": target, "seconds": round(time.monotonic() - t0, 3)}
            if time.monotonic() - t0 > timeout:
                raise CheckFailed(
                    f"the new database did not confirm the GCP database's WAL up to {target} within {timeout:.0f}s "
                    f"({slot[1]} bytes behind)",
                    hint="failback.catch_up_timeout; kaleo-dr failback --resume continues where it stopped",
                )
            time.sleep(0.05)


def load_by_replication(
    config: KaleoConfig, on_freeze: Callable[[dict[str, Any]], None], say: Callable[[str], None], as_json: bool
) -> dict[str, Any]:
    from scripts.db.standby import sequences
    from scripts.db.standby.common import source_conn, standby_conn
    from scripts.db.standby.setup import drop, setup

    rcfg = reverse_config(config)
    s = rcfg.standby
    timeout = config.failback.catch_up_timeout
    out: dict[str, Any] = {"method": "replication"}
    if loaded_marker(config) is None:
        say(f"replication GCP -> new RDS: publication {s.publication}, subscription {s.subscription}")
        done = setup(
            rcfg,
            replica_identity_full=[],
            wait=True,
            wait_timeout=timeout,
            as_json=as_json,
            subscription_password=subscription_password(config),
        )
        out["setup"] = {k: done.get(k) for k in ("schema", "publication_state", "subscription_state", "tables")}
        out["caught_up"] = wait_confirmed(s, timeout)
        say("caught up: write freeze on GCP")
        frozen = freeze(config)
        on_freeze(frozen)
        out["freeze"] = frozen
        final = wait_confirmed(s, timeout)
        with source_conn(s) as src, standby_conn(s) as dst:
            copied = sequences.sync(src, dst, s)
        out["final_catch_up"] = final
        out["sequences_copied"] = len(copied["copied"])
        _mark_loaded(config, {"method": "replication", "freeze": frozen})
    else:
        out["resumed_after_load"] = True
    out["drop"] = drop(rcfg, as_json=as_json)
    with standby_conn(s) as dst:
        out["sequences"] = sequences.catch_up(dst, s)
    return out


def dump_location(config: KaleoConfig) -> str:
    if config.failback.dump_to:
        return config.failback.dump_to
    if not config.backup.to:
        raise BadInput("failback.dump_to (or backup.to) is not set: where the GCP database is dumped for --method dump")
    return config.backup.to.rstrip("/") + "/failback"


def load_by_dump(
    config: KaleoConfig, on_freeze: Callable[[dict[str, Any]], None], say: Callable[[str], None], as_json: bool
) -> dict[str, Any]:
    from scripts.db import restore
    from scripts.db.backup.from_dsn import create_backup

    out: dict[str, Any] = {"method": "dump"}
    if loaded_marker(config) is None:
        frozen = freeze(config)
        on_freeze(frozen)
        out["freeze"] = frozen
        gcp_dsn, gcp_ref = gcp_database(config)
        assert gcp_dsn is not None
        url = dump_location(config)
        say(f"dump of the GCP database to {url}")
        made = create_backup(
            gcp_dsn,
            [url],
            password=resolve_secret(gcp_ref, "failback.gcp_password") if gcp_ref else None,
            jobs=config.backup.jobs,
            label="failback",
            pg_bin=config.backup.pg_bin,
        )
        if made.get("failed_urls"):
            raise CheckFailed(f"the dump of the GCP database did not reach {url}: {made['failed_urls']}")
        f = config.failback
        assert f.target_dsn is not None
        say(f"restore of {made['backup_id']} into the new database {pgtools.display_dsn(f.target_dsn)}")
        opts = restore.Options.from_settings(
            config.restore,
            resolve_secret(f.target_password, "failback.target_password") if f.target_password else None,
            url=url,
            target_dsn=f.target_dsn,
            backup_id=made["backup_id"],
            allow_rds_target=True,  # the NEW instance (refuse_old_target ran)
            as_json=as_json,
        )
        result = restore.run_restore(opts).as_dict()
        out["backup_id"] = made["backup_id"]
        out["restore_seconds"] = result.get("seconds")
        _mark_loaded(config, {"method": "dump", "backup_id": made["backup_id"], "freeze": frozen})
    else:
        out["resumed_after_load"] = True
    return out
