"""Job records: what every continuity job run leaves in the bucket, outside AWS.

Each run of ``kaleo-dr job run NAME`` (and each weekly restore test) writes one JSON
document under the results location ``jobs.results_to`` (default ``<backup.to>/_continuity``)::

    <results>/<job>/<YYYYmmddTHHMMSSZ>.<microseconds>-<host>.json

Keys are never reused (the dump bucket's retention policy forbids replacing an object), and
they sort by time: the newest record of a job is the greatest key under ``<results>/<job>/``.
Documented keys read by other commands:

* ``<results>/restore-test/`` - the weekly restore test (``kaleo-dr watch restore-test``), read by
  ``readiness`` as "last restore test";
* ``<results>/backup/`` - the agent's nightly ``backup create`` runs, read by ``watch freshness``
  to say why a backup is missing.

A record (``format: kaleo-dr-job/1``) holds: job, host, host_role (agent/watcher), command,
started_at, finished_at, duration_seconds, exit_code, status (``ok``/``failed``/``timeout``),
output_tail (the last lines of the job's output) and, for restore tests, ``restore_test``.
Backup listings ignore ``_continuity/``: it is not a backup id.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Iterator
from typing import Any

from scripts.config import KaleoConfig
from scripts.output import BadInput

FORMAT = "kaleo-dr-job/1"
RESULTS_DIR = "_continuity"
RESTORE_TEST_JOB = "restore-test"
AGENT_BACKUP_JOB = "backup"


def results_url(cfg: KaleoConfig, override: str | None = None) -> str:
    """Where job records go: ``--results-to``, ``jobs.results_to``, else ``<backup.to>/_continuity``."""
    url = override or cfg.jobs.results_to
    if url:
        return url.rstrip("/")
    if cfg.backup.to:
        return f"{cfg.backup.to.rstrip('/')}/{RESULTS_DIR}"
    raise BadInput("no place for job records", hint="set jobs.results_to or backup.to in kaleo-dr.yaml")


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def record_key(job: str, started: dt.datetime, host: str | None = None) -> str:
    safe_host = "".join(c if c.isalnum() or c in "-_." else "-" for c in (host or socket.gethostname()))
    micro = started.astimezone(dt.UTC).strftime("%f")
    return f"{job}/{stamp(started)}.{micro}-{safe_host}.json"


def new_record(cfg: KaleoConfig, job: str, command: list[str], started: dt.datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "job": job,
        "host": socket.gethostname(),
        "host_role": cfg.jobs.host_role,
        "command": command,
        "started_at": started.isoformat(),
        "finished_at": None,
        "duration_seconds": None,
        "exit_code": None,
        "status": "running",
        "output_tail": [],
    }


def write_record(url: str, record: dict[str, Any]) -> str:
    """Store ``record`` under a new key; returns its full location."""
    from scripts.db.storage import open_store

    started = dt.datetime.fromisoformat(record["started_at"])
    key = record_key(record["job"], started, record.get("host"))
    store = open_store(url)
    store.put_bytes(key, json.dumps(record, indent=2, sort_keys=True).encode())
    return f"{url}/{key}"


def records(url: str, job: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The readable records of ``job``, newest first, as (key, record), read one at a time."""
    from scripts.db.storage import open_store

    store = open_store(url)
    keys = sorted((o.key for o in store.list(f"{job}/") if o.key.endswith(".json")), reverse=True)
    for key in keys:
        try:
            data = json.loads(store.get_bytes(key))
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            yield key, data


def newest(url: str, job: str, status: str | None = None) -> dict[str, Any] | None:
    """The newest record of ``job`` (with ``status``, when given), or None."""
    for _, data in records(url, job):
        if status is None or data.get("status") == status:
            return data
    return None
