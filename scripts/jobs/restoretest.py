"""The weekly restore test of the watcher: a dump is only a backup once it has been restored.

``kaleo-dr watch restore-test`` takes the newest complete dump of ``backup.to``, restores it
with ``kaleo-dr restore --backup-id`` (every file checked against the manifest, the copy
validated: exact row counts, sequences, object counts) into a scratch database
``<jobs.restore_test.database_prefix>_<time>`` on ``jobs.restore_test.server_dsn`` (the
watcher's own PostgreSQL), times it, checks that every table of the manifest is there, and
drops the scratch database. Scratch databases left by a killed run are dropped first.

The record goes to ``<results>/restore-test/<time>-<host>.json`` (``scripts/jobs/records.py``)
with ``restore_test``: backup_id, data_as_of, database, server, restore_seconds, bytes, tables,
tables_found, validation, dropped, error. ``readiness`` reads the newest one as "last restore
test". A failed test pages the emergency team (alarm key ``restore-test``); the next passing one
sends one "resolved" message.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from typing import Any

from scripts.config import KaleoConfig, resolve_secret
from scripts.jobs import records
from scripts.jobs.runner import child_env
from scripts.output import BadInput, CheckFailed, DrError, info

SECTION = "What runs every day, where, and who gets paged"


def _scratch_databases(conn: Any, prefix: str) -> list[str]:
    rows = conn.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname",
        (prefix.replace("_", "\\_") + "\\_%",),
    ).fetchall()
    return [str(r[0]) for r in rows]


def _drop(conn: Any, name: str) -> None:
    from scripts.db.pgtools import quote_ident

    conn.execute(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")


def run_restore_test(
    cfg: KaleoConfig, from_url: str | None, server_dsn: str | None, results_to: str | None
) -> dict[str, Any]:
    """Run one restore test, write its record, page on failure; returns the record."""
    from psycopg.conninfo import make_conninfo

    from scripts.db import pgtools
    from scripts.db.backup import newest_complete
    from scripts.db.inventory import user_tables
    from scripts.db.storage import open_store
    from scripts.runbook.incident import utcnow

    settings = cfg.jobs.restore_test
    url = from_url or cfg.backup.to
    if not url:
        raise BadInput("no backup location", hint="pass --from or set backup.to")
    dsn = server_dsn or settings.server_dsn
    if not dsn:
        raise BadInput(
            "no server for the scratch database",
            hint="pass --server-dsn or set jobs.restore_test.server_dsn (the watcher's own PostgreSQL)",
        )
    pgtools.check_dsn(dsn, "jobs.restore_test.server_dsn")
    password = resolve_secret(settings.password, "jobs.restore_test.password") if settings.password else None
    results = records.results_url(cfg, results_to)
    started = utcnow()
    database = f"{settings.database_prefix}_{records.stamp(started).lower()}"
    record = records.new_record(cfg, records.RESTORE_TEST_JOB, ["watch", "restore-test"], started)
    test: dict[str, Any] = {
        "url": url,
        "backup_id": None,
        "data_as_of": None,
        "database": database,
        "server": pgtools.display_dsn(dsn),
        "restore_seconds": None,
        "bytes": None,
        "tables": None,
        "tables_found": None,
        "validation": None,
        "dropped": False,
        "swept": [],
        "error": None,
    }
    record["restore_test"] = test
    t0 = time.monotonic()
    try:
        with contextlib.closing(pgtools.connect(dsn, password)) as admin:
            for old in _scratch_databases(admin, settings.database_prefix):
                _drop(admin, old)
                test["swept"].append(old)
            newest = newest_complete(open_store(url))
            if newest is None or newest.manifest is None:
                raise CheckFailed(f"no complete backup in {url} to restore")
            manifest = newest.manifest
            test.update(backup_id=newest.backup_id, data_as_of=manifest.data_as_of, tables=len(manifest.tables))
            target = make_conninfo(dsn, dbname=database)
            try:
                _restore(url, newest.backup_id, target, password, settings.jobs, test)
                with contextlib.closing(pgtools.connect(target, password)) as conn:
                    found = {pgtools.qualified(s, n) for s, n in user_tables(conn)}
                missing = [
                    pgtools.qualified(t.schema, t.name)
                    for t in manifest.tables
                    if pgtools.qualified(t.schema, t.name) not in found
                ]
                test["tables_found"] = len(manifest.tables) - len(missing)
                if missing:
                    raise CheckFailed(f"restored copy lacks {len(missing)} table(s): {', '.join(missing[:5])}")
            finally:
                _drop(admin, database)
                _drop(admin, f"{database}__kaleo_restore")
                test["dropped"] = database not in _scratch_databases(admin, settings.database_prefix)
        status = "ok" if test["dropped"] else "failed"
        if not test["dropped"]:
            test["error"] = f"scratch database {database} could not be dropped"
    except DrError as exc:
        test["error"] = exc.message
        status = "failed"
    finished = utcnow()
    record.update(
        finished_at=finished.isoformat(),
        duration_seconds=round(time.monotonic() - t0, 3),
        exit_code=0 if status == "ok" else 1,
        status=status,
        output_tail=[test["error"]] if test["error"] else [],
    )
    try:
        record["record_url"] = records.write_record(results, record)
    except DrError as exc:
        record["record_error"] = exc.message
    record["alarm"] = None
    if status != "ok" or record.get("record_error"):
        record["alarm"] = _page(cfg, record)
    else:
        from scripts.runbook.alarm import resolve_quietly

        passed = f"weekly restore test passed on {record['host']}: {test['backup_id']} in {test['restore_seconds']} s"
        record["resolved"] = resolve_quietly(cfg, ["restore-test"], passed)
    return record


def _restore(url: str, backup_id: str, target: str, password: str | None, jobs: int, test: dict[str, Any]) -> None:
    """``kaleo-dr restore --backup-id`` in a child process (its public interface), timed."""
    from scripts.db import pgtools

    argv = [
        sys.executable, "-m", "scripts", "restore", "--from", url, "--backup-id", backup_id,
        "--target-dsn", target, "--jobs", str(jobs), "--json",
    ]  # fmt: skip
    info(f"restore test: restoring {backup_id} into {pgtools.display_dsn(target)}", True)
    t0 = time.monotonic()
    env = pgtools.client_env(password, child_env())
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    test["restore_seconds"] = round(time.monotonic() - t0, 3)
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        result = {}
    if proc.returncode != 0:
        why = result.get("error") or (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise CheckFailed(f"restore of {backup_id} failed (exit {proc.returncode}): {pgtools.redact(why, password)}")
    test["bytes"] = result.get("bytes")
    test["validation"] = result.get("validation")


def _page(cfg: KaleoConfig, record: dict[str, Any]) -> dict[str, Any]:
    from scripts.runbook.alarm import Alarm, raise_alarm

    test = record["restore_test"]
    problem = test["error"] or f"its record could not be written: {record.get('record_error')}"
    alarm = Alarm(
        key="restore-test",
        summary=f"weekly restore test failed on {record['host']}: {problem}",
        action="restore the newest dump by hand on the watcher (kaleo-dr restore --from <dump bucket> "
        "--target-dsn <scratch>), find why it fails, and fix the backup job before the next night",
        runbook_section=SECTION,
        details=(f"backup: {test['backup_id'] or 'none'} from {test['url']}", f"scratch database: {test['database']}"),
    )
    try:
        return raise_alarm(cfg, alarm).to_dict()
    except DrError as exc:
        return {"key": alarm.key, "status": "not sent", "error": exc.message}
