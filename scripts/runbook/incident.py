"""The append-only incident log (SQLite): what happened, what was decided, who was told.

One file, kept outside AWS (``state.incident_log`` in ``kaleo-dr.yaml``, default
``kaleo-dr-state/incidents.sqlite``), holds:

* ``incidents``: one row per incident (opened at, title);
* ``events``: everything recorded about an incident, in order - triage evidence bundles,
  declaration decisions, customer reports, overrides, notification updates, the Amazon
  outage clock, failover step journal entries, the closing of the incident;
* ``notifications``: the notification ledger, one row per (incident, update number,
  contact), written *before* a message is sent and marked along the SMTP exchange.

History is never rewritten: triggers refuse every ``UPDATE`` and ``DELETE`` of incidents
and events. The only rows that change are ledger rows, and only along these transitions:

* ``claimed``: the row exists, nothing has reached the relay's end-of-data yet. A run
  killed now left no message behind: a rerun sends it (``claimed -> claimed``).
* ``data-sent``: written (fsynced) just before the final end-of-data ``.``. Only a kill
  between that point and the relay's reply leaves a row here: an *unknown outcome*,
  resent only on an explicit decision (``data-sent -> claimed``).
* ``sent`` (final) once the relay answered 250; ``failed`` when it refused the message
  (``failed -> claimed`` on the next attempt).

The incident log's folder is created 0700 and its files (the database, SQLite's ``-wal``
and ``-shm``, and ``.lock``, held while a process sets the log up) are 0600. Opening an
incident is atomic across processes: two runs that each find no open incident never open
two.

Usage::

    with IncidentLog.open(path) as log:
        incident = log.ensure_incident("service down")
        log.record("triage", {"verdict": ...}, incident.id)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from scripts.output import BadInput
from scripts.state import private_file

SCHEMA_VERSION = 2

EventKind = Literal[
    "opened",
    "triage",
    "decision",
    "customer_report",
    "override",
    "amazon_outage",
    "notify_update",
    "step",
    "closed",
    "note",
]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]

LedgerStatus = Literal["claimed", "data-sent", "sent", "failed"]
LEDGER_STATUSES: tuple[str, ...] = LedgerStatus.__args__  # type: ignore[attr-defined]

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    opened_at TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER REFERENCES incidents(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({", ".join(repr(k) for k in EVENT_KINDS)})),
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_incident_kind ON events(incident_id, kind);

CREATE TRIGGER IF NOT EXISTS incidents_no_update BEFORE UPDATE ON incidents
BEGIN SELECT RAISE(ABORT, 'incident log is append-only: incidents cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS incidents_no_delete BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'incident log is append-only: incidents cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'incident log is append-only: events cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'incident log is append-only: events cannot be deleted'); END;
"""

# the ledger (schema version 2); version 1 had a single "sending" state, migrated on open
_LEDGER_SCHEMA = """
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    update_no INTEGER NOT NULL,
    contact_key TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'data-sent', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 1,
    relay TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (incident_id, update_no, contact_key)
);
CREATE TRIGGER IF NOT EXISTS notifications_no_delete BEFORE DELETE ON notifications
BEGIN SELECT RAISE(ABORT, 'notification ledger is append-only: rows cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS notifications_keys_fixed BEFORE UPDATE ON notifications
WHEN NEW.id IS NOT OLD.id OR NEW.incident_id IS NOT OLD.incident_id OR NEW.update_no IS NOT OLD.update_no
  OR NEW.contact_key IS NOT OLD.contact_key OR NEW.email IS NOT OLD.email OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'notification ledger: only status, attempts, relay, error may change'); END;
CREATE TRIGGER IF NOT EXISTS notifications_transitions BEFORE UPDATE OF status ON notifications
WHEN NOT ((OLD.status = 'claimed' AND NEW.status IN ('claimed', 'data-sent', 'failed'))
       OR (OLD.status = 'data-sent' AND NEW.status IN ('sent', 'failed', 'claimed'))
       OR (OLD.status = 'failed' AND NEW.status = 'claimed'))
BEGIN SELECT RAISE(ABORT, 'notification ledger: forbidden status transition'); END;
CREATE TRIGGER IF NOT EXISTS notifications_attempts BEFORE UPDATE ON notifications
WHEN NEW.attempts < OLD.attempts
BEGIN SELECT RAISE(ABORT, 'notification ledger: attempts never decrease'); END;
"""


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC (time-machine friendly)."""
    return dt.datetime.now(dt.UTC)


def to_iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Incident:
    id: int
    opened_at: dt.datetime
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "opened_at": to_iso(self.opened_at), "title": self.title}


@dataclass(frozen=True)
class Event:
    id: int
    incident_id: int | None
    at: dt.datetime
    kind: str
    payload: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "incident_id": self.incident_id,
            "at": to_iso(self.at),
            "kind": self.kind,
            "payload": self.payload,
        }


@dataclass(frozen=True)
class LedgerRow:
    id: int
    incident_id: int
    update_no: int
    contact_key: str
    email: str
    status: str
    attempts: int
    relay: str | None
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "update_no": self.update_no,
            "contact_key": self.contact_key,
            "email": self.email,
            "status": self.status,
            "attempts": self.attempts,
            "relay": self.relay,
            "error": self.error,
            "created_at": to_iso(self.created_at),
            "updated_at": to_iso(self.updated_at),
        }


@contextlib.contextmanager
def _setup_lock(path: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``<log>.lock`` (0600) while the log is set up."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)  # as the log's other files: tightened if it was left open to others
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


class IncidentLog:
    """The incident log behind one SQLite file. Open with :meth:`open` or :func:`open_log`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        self._synchronous = "FULL"

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> IncidentLog:
        path = Path(path)
        try:
            private_file(path)
            conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise BadInput(
                f"cannot open the incident log {path}: {exc}", hint="set state.dir or state.incident_log"
            ) from exc
        try:
            # One process at a time sets the log up: switching a new log to WAL answers
            # "database is locked" at once, without waiting out the busy timeout, when another
            # process opens it in the same instant (customer reports or alarm runs arriving
            # together). The lock is the kernel's (flock): it goes with a killed process.
            with _setup_lock(path):
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.executescript(_SCHEMA)
                _migrate_ledger(conn)
                conn.executescript(_LEDGER_SCHEMA)
                conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise BadInput(f"{path} is not a usable incident log: {exc}") from exc
        except OSError as exc:
            conn.close()
            raise BadInput(f"cannot lock the incident log {path} to open it: {exc}") from exc
        for suffix in ("-wal", "-shm"):  # SQLite creates them with the database's mode; make sure
            with contextlib.suppress(FileNotFoundError):
                Path(f"{path}{suffix}").chmod(0o600)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- incidents -----------------------------------------------------------------------
    def open_incident(self, title: str, at: dt.datetime | None = None) -> Incident:
        moment = at or utcnow()
        with self._tx():
            cur = self.conn.execute("INSERT INTO incidents(opened_at, title) VALUES (?, ?)", (to_iso(moment), title))
            incident_id = int(cur.lastrowid or 0)
            self._insert_event(incident_id, "opened", {"title": title}, moment)
        return Incident(incident_id, from_iso(to_iso(moment)), title)

    def incident(self, incident_id: int) -> Incident:
        row = self.conn.execute("SELECT id, opened_at, title FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            raise BadInput(f"incident {incident_id} does not exist in {self.path}")
        return Incident(int(row[0]), from_iso(row[1]), row[2])

    def incidents(self) -> list[Incident]:
        rows = self.conn.execute("SELECT id, opened_at, title FROM incidents ORDER BY id").fetchall()
        return [Incident(int(r[0]), from_iso(r[1]), r[2]) for r in rows]

    def is_closed(self, incident_id: int) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM events WHERE incident_id = ? AND kind = 'closed' LIMIT 1", (incident_id,)
        ).fetchone()
        return row is not None

    def current_incident(self) -> Incident | None:
        """The most recent incident that has not been closed, if any."""
        row = self.conn.execute(
            "SELECT id, opened_at, title FROM incidents i WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.incident_id = i.id AND e.kind = 'closed') ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return Incident(int(row[0]), from_iso(row[1]), row[2]) if row else None

    def ensure_incident(self, title: str, at: dt.datetime | None = None) -> tuple[Incident, bool]:
        """The current incident, or a new one opened with ``title``; the flag says whether it is new.

        Atomic across processes: the check and the opening happen in one write transaction,
        so two runs that both find no open incident cannot open two."""
        moment = at or utcnow()
        with self._tx():
            current = self.current_incident()
            if current is not None:
                return current, False
            cur = self.conn.execute("INSERT INTO incidents(opened_at, title) VALUES (?, ?)", (to_iso(moment), title))
            incident_id = int(cur.lastrowid or 0)
            self._insert_event(incident_id, "opened", {"title": title}, moment)
        return Incident(incident_id, from_iso(to_iso(moment)), title), True

    def close_incident(self, incident_id: int, reason: str, at: dt.datetime | None = None) -> Event:
        if self.is_closed(incident_id):
            raise BadInput(f"incident {incident_id} is already closed")
        return self.record("closed", {"reason": reason}, incident_id, at)

    # -- events --------------------------------------------------------------------------
    def record(
        self, kind: str, payload: dict[str, Any], incident_id: int | None = None, at: dt.datetime | None = None
    ) -> Event:
        """Append one event; ``payload`` must be JSON serialisable."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}; expected one of {', '.join(EVENT_KINDS)}")
        moment = at or utcnow()
        with self._tx():
            event_id = self._insert_event(incident_id, kind, payload, moment)
        return Event(event_id, incident_id, from_iso(to_iso(moment)), kind, json.loads(_dumps(payload)))

    def _insert_event(self, incident_id: int | None, kind: str, payload: dict[str, Any], at: dt.datetime) -> int:
        cur = self.conn.execute(
            "INSERT INTO events(incident_id, at, kind, payload) VALUES (?, ?, ?, ?)",
            (incident_id, to_iso(at), kind, _dumps(payload)),
        )
        return int(cur.lastrowid or 0)

    def events(self, incident_id: int | None = None, kind: str | None = None) -> list[Event]:
        """Events in the order they were recorded, optionally of one incident and/or one kind."""
        sql = "SELECT id, incident_id, at, kind, payload FROM events"
        clauses: list[str] = []
        args: list[Any] = []
        if incident_id is not None:
            clauses.append("incident_id = ?")
            args.append(incident_id)
        if kind is not None:
            clauses.append("kind = ?")
            args.append(kind)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [Event(int(r[0]), r[1], from_iso(r[2]), r[3], json.loads(r[4])) for r in rows]

    def last_event(self, incident_id: int | None, kind: str) -> Event | None:
        found = self.events(incident_id, kind)
        return found[-1] if found else None

    def steps(self, incident_id: int) -> list[Event]:
        """The step journal of an incident (failover and recovery steps, in order)."""
        return self.events(incident_id, "step")

    # -- notification ledger -------------------------------------------------------------
    def ledger(self, incident_id: int, update_no: int | None = None) -> list[LedgerRow]:
        sql = "SELECT * FROM notifications WHERE incident_id = ?"
        args: list[Any] = [incident_id]
        if update_no is not None:
            sql += " AND update_no = ?"
            args.append(update_no)
        rows = self.conn.execute(sql + " ORDER BY id", args).fetchall()
        return [_ledger_row(r) for r in rows]

    def ledger_claim(self, incident_id: int, update_no: int, contact_key: str, email: str, relay: str) -> bool:
        """Write the 'claimed' row before a message goes out; False if this contact already has a row.

        Not fsynced: losing it on a power cut only means the message (which cannot have
        reached end-of-data before the fsynced 'data-sent' mark) is sent on the next run."""
        now = to_iso(utcnow())
        with self._tx(durable=False):
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO notifications"
                "(incident_id, update_no, contact_key, email, status, relay, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, 'claimed', ?, ?, ?)",
                (incident_id, update_no, contact_key, email, relay, now, now),
            )
            return cur.rowcount == 1

    def ledger_retry(self, incident_id: int, update_no: int, contact_key: str, relay: str) -> None:
        """Move a row back to 'claimed' for one more attempt: a 'failed' one, a 'claimed' one a
        killed run left (never reached end-of-data), or, on an explicit decision, a 'data-sent' one."""
        with self._tx(durable=False):
            self.conn.execute(
                "UPDATE notifications SET status = 'claimed', attempts = attempts + 1, relay = ?, error = NULL, "
                "updated_at = ? WHERE incident_id = ? AND update_no = ? AND contact_key = ?",
                (relay, to_iso(utcnow()), incident_id, update_no, contact_key),
            )

    def ledger_mark(
        self,
        incident_id: int,
        update_no: int,
        contact_key: str,
        status: LedgerStatus,
        relay: str | None = None,
        error: str | None = None,
    ) -> None:
        """Move a row to ``status``. 'data-sent' is fsynced before this returns: it is the
        point after which a lost mark could mean a second message."""
        with self._tx(durable=status == "data-sent"):
            self.conn.execute(
                "UPDATE notifications SET status = ?, relay = COALESCE(?, relay), error = ?, updated_at = ? "
                "WHERE incident_id = ? AND update_no = ? AND contact_key = ?",
                (status, relay, error, to_iso(utcnow()), incident_id, update_no, contact_key),
            )

    # -- helpers -------------------------------------------------------------------------
    def _tx(self, durable: bool = True) -> _Transaction:
        return _Transaction(self, durable)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error), one at a time across threads.

    Durable transactions are fsynced at commit (``synchronous=FULL``). Ledger claims and
    "sent"/"failed" marks are not (``NORMAL``): in WAL mode they survive the process being
    killed; on a power loss the worst case is a lost claim (the message had not reached
    end-of-data: it is sent on the next run) or a row left at 'data-sent' (reported as an
    unknown outcome, never resent blindly). The next durable commit (the next
    'data-sent') makes earlier marks durable too.
    """

    def __init__(self, log: IncidentLog, durable: bool) -> None:
        self.log = log
        self.mode = "FULL" if durable else "NORMAL"

    def __enter__(self) -> None:
        self.log.lock.acquire()
        try:
            if self.log._synchronous != self.mode:
                self.log.conn.execute(f"PRAGMA synchronous={self.mode}")
                self.log._synchronous = self.mode
            self.log.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.log.lock.release()
            raise

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.log.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            self.log.lock.release()


def _dumps(payload: dict[str, Any]) -> str:
    from scripts.output import to_json

    return json.dumps(json.loads(to_json(payload)), separators=(",", ":"), ensure_ascii=False)


def _migrate_ledger(conn: sqlite3.Connection) -> None:
    """Version 1 ledgers had one 'sending' state: rebuild the table with the version 2 states.

    A v1 'sending' row may have reached the relay: it becomes 'data-sent' (unknown outcome).
    One transaction; triggers are dropped with the old table, so no row "changes"."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'").fetchone()
    if row is None or "'sending'" not in row[0]:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("ALTER TABLE notifications RENAME TO notifications_v1")
        for trigger in ("no_delete", "keys_fixed", "transitions", "attempts"):
            conn.execute(f"DROP TRIGGER IF EXISTS notifications_{trigger}")
        for statement in _LEDGER_SCHEMA.split(";\n"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT INTO notifications SELECT id, incident_id, update_no, contact_key, email, "
            "CASE status WHEN 'sending' THEN 'data-sent' ELSE status END, attempts, relay, error, "
            "created_at, updated_at FROM notifications_v1"
        )
        conn.execute("DROP TABLE notifications_v1")
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _ledger_row(r: tuple[Any, ...]) -> LedgerRow:
    return LedgerRow(
        int(r[0]), int(r[1]), int(r[2]), r[3], r[4], r[5], int(r[6]), r[7], r[8], from_iso(r[9]), from_iso(r[10])
    )


def outage_started_at(log: IncidentLog, incident: Incident) -> dt.datetime | None:
    """When the Amazon outage began, from the incident log's ``amazon_outage`` clock events."""
    event = log.last_event(incident.id, "amazon_outage")
    if event is None:
        return None
    for key in ("started_at", "since", "start", "began_at"):
        value = event.payload.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return from_iso(value)
    return event.at


def incident_log_path() -> Path:
    from scripts.cliapp import get_config

    return get_config().state.incident_log_path()


def open_log(path: Path | None = None) -> IncidentLog:
    """Open the incident log named by ``state`` in ``kaleo-dr.yaml`` (or ``path``)."""
    return IncidentLog.open(path or incident_log_path())
