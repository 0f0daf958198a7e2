"""Two local clusters for the standby's tests, bench and rehearsal: production (wal_level=logical) and standby.

The standby server logs in to production with a pgpass file of its own (as a real standby VM
does), so no password is ever part of the subscription.
"""

from __future__ import annotations

import os
import pwd
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.standins.localsvc import PgCluster

# synchronous_commit on, as on RDS: with it off, a commit is acknowledged before its WAL is
# flushed, the walsender only sends flushed WAL, and both the lag and the loss would be the
# wal writer's (wal_writer_delay), not replication's.
SOURCE_SETTINGS = {
    "wal_level": "logical",
    "synchronous_commit": "on",
    "max_replication_slots": "20",
    "max_wal_senders": "20",
    "wal_sender_timeout": "'10s'",
}
STANDBY_SETTINGS = {
    "max_logical_replication_workers": "16",
    "max_worker_processes": "24",
    "wal_retrieve_retry_interval": "'200ms'",
}


def clusters() -> tuple[PgCluster, PgCluster]:
    return PgCluster("prod", settings=SOURCE_SETTINGS), PgCluster("standby", settings=STANDBY_SETTINGS)


def write_passfile(standby: PgCluster, source: PgCluster) -> Path:
    """A pgpass file the standby server (its OS user) reads to log in to production."""
    path = standby.base / "replication.pgpass"
    path.write_text(f"127.0.0.1:{source.port}:*:postgres:{source.password}\n", encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(path, pwd.getpwnam("postgres").pw_uid, -1)
    path.chmod(0o600)
    return path


def standby_config(source: PgCluster, standby: PgCluster, db: str, **overrides: Any) -> dict[str, Any]:
    """The ``standby`` section for database ``db`` on both clusters (passwords in KDR_* variables)."""
    return {
        "source_dsn": source.dsn(db),
        "source_password": "env:KDR_SOURCE_PASSWORD",
        "standby_dsn": standby.dsn(db),
        "standby_password": "env:KDR_STANDBY_PASSWORD",
        "subscription_passfile": str(write_passfile(standby, source)),
        "sslmode": "disable",
        "subscription": f"sub_{db}",
        "publication": f"pub_{db}",
        **overrides,
    }


def password_env(source: PgCluster, standby: PgCluster) -> dict[str, str]:
    return {"KDR_SOURCE_PASSWORD": source.password, "KDR_STANDBY_PASSWORD": standby.password}


def wait_for(check: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached within {timeout}s")
        time.sleep(0.05)
