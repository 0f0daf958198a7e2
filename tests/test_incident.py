"""The incident log is append-only; the notification ledger only moves forward."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from scripts.runbook.incident import IncidentLog


@pytest.fixture
def log(tmp_path):
    with IncidentLog.open(tmp_path / "state" / "incidents.sqlite") as opened:
        yield opened


def test_incident_lifecycle_and_events(log: IncidentLog):
    assert log.current_incident() is None
    incident, new = log.ensure_incident("service down")
    assert new
    again, new_again = log.ensure_incident("another title")
    assert again.id == incident.id and not new_again
    log.record("triage", {"verdict": "amazon-outage", "when": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, incident.id)
    log.record("step", {"step": "provision", "status": "done"}, incident.id)
    kinds = [e.kind for e in log.events(incident.id)]
    assert kinds == ["opened", "triage", "step"]
    assert log.events(incident.id, "triage")[0].payload["when"] == "2026-01-01T00:00:00+00:00"
    assert [s.payload["step"] for s in log.steps(incident.id)] == ["provision"]
    log.close_incident(incident.id, "resolved")
    assert log.current_incident() is None
    assert log.is_closed(incident.id)
    second, _ = log.ensure_incident("next one")
    assert second.id != incident.id


def test_unknown_event_kind_is_refused(log: IncidentLog):
    with pytest.raises(ValueError, match="unknown event kind"):
        log.record("gossip", {})


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE events SET payload = '{}'",
        "DELETE FROM events",
        "UPDATE incidents SET title = 'rewritten'",
        "DELETE FROM incidents",
        "DELETE FROM notifications",
    ],
)
def test_history_cannot_be_rewritten(log: IncidentLog, sql: str):
    incident = log.open_incident("x")
    log.record("decision", {"declare": True}, incident.id)
    log.ledger_claim(incident.id, 1, "c1:a@example.com", "a@example.com", "primary")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        log.conn.execute(sql)
    assert len(log.events(incident.id)) == 2


def test_ledger_transitions(log: IncidentLog):
    incident = log.open_incident("x")
    assert log.ledger_claim(incident.id, 1, "c1", "a@example.com", "primary")
    assert not log.ledger_claim(incident.id, 1, "c1", "a@example.com", "primary")  # never twice
    with pytest.raises(sqlite3.DatabaseError, match="forbidden status transition"):
        log.ledger_mark(incident.id, 1, "c1", "sent")  # 'sent' only after end-of-data was recorded
    log.ledger_mark(incident.id, 1, "c1", "data-sent")
    log.ledger_mark(incident.id, 1, "c1", "sent")
    for status in ("claimed", "data-sent", "failed"):
        with pytest.raises(sqlite3.DatabaseError, match="forbidden status transition"):
            log.ledger_mark(incident.id, 1, "c1", status)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.DatabaseError, match="only status"):
        log.conn.execute("UPDATE notifications SET email = 'b@example.com'")
    assert log.ledger_claim(incident.id, 1, "c2", "b@example.com", "primary")
    log.ledger_mark(incident.id, 1, "c2", "failed", error="550 no such user")
    with pytest.raises(sqlite3.DatabaseError, match="forbidden status transition"):
        log.ledger_mark(incident.id, 1, "c2", "data-sent")  # a failed row is claimed again first
    log.ledger_retry(incident.id, 1, "c2", "fallback")
    assert log.ledger_claim(incident.id, 1, "c3", "c@example.com", "primary")
    log.ledger_mark(incident.id, 1, "c3", "data-sent")
    log.ledger_retry(incident.id, 1, "c3", "primary")  # explicit resend of an unknown outcome
    rows = {r.contact_key: r for r in log.ledger(incident.id, 1)}
    assert rows["c1"].status == "sent"
    assert rows["c2"].status == "claimed" and rows["c2"].attempts == 2 and rows["c2"].relay == "fallback"
    assert rows["c3"].status == "claimed" and rows["c3"].attempts == 2


def test_version_1_ledger_is_migrated_and_sending_rows_stay_unknown(tmp_path):
    path = tmp_path / "incidents.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE incidents (id INTEGER PRIMARY KEY AUTOINCREMENT, opened_at TEXT NOT NULL, title TEXT NOT NULL);
        INSERT INTO incidents VALUES (1, '2026-11-01T00:00:00+00:00', 'old');
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT, incident_id INTEGER NOT NULL REFERENCES incidents(id),
            update_no INTEGER NOT NULL, contact_key TEXT NOT NULL, email TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 1, relay TEXT, error TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (incident_id, update_no, contact_key));
        CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications
        BEGIN SELECT RAISE(ABORT, 'notification ledger is append-only: rows cannot be deleted'); END;
        INSERT INTO notifications VALUES (1, 1, 1, 'a', 'a@x.example', 'sending', 1, 'smtp', NULL, T, T);
        INSERT INTO notifications VALUES (2, 1, 1, 'b', 'b@x.example', 'sent', 1, 'smtp', NULL, T, T);
        INSERT INTO notifications VALUES (3, 1, 1, 'c', 'c@x.example', 'failed', 2, 'smtp', '550', T, T);
        """.replace("T, T", "'2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00'")
    )
    conn.commit()
    conn.close()
    with IncidentLog.open(path) as log:
        rows = {r.contact_key: r.status for r in log.ledger(1)}
        assert rows == {"a": "data-sent", "b": "sent", "c": "failed"}
        assert log.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            log.conn.execute("DELETE FROM notifications")
        with pytest.raises(sqlite3.DatabaseError, match="forbidden status transition"):
            log.ledger_mark(1, 1, "b", "claimed")
        assert log.ledger_claim(1, 2, "a", "a@x.example", "smtp")
    with IncidentLog.open(path) as log:  # a second open changes nothing
        assert len(log.ledger(1)) == 4


def test_state_folder_and_files_are_private(tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    state.chmod(0o755)
    path = state / "incidents.sqlite"
    with IncidentLog.open(path) as log:
        log.ensure_incident("x")
        names = {p.name for p in state.iterdir()}
        assert {"incidents.sqlite", "incidents.sqlite-wal", "incidents.sqlite-shm"} <= names
        assert stat.S_IMODE(state.stat().st_mode) == 0o700
        for file in state.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    # an existing log left readable by others is tightened on open
    for file in state.iterdir():
        file.chmod(0o644)
    with IncidentLog.open(path) as log:
        log.record("note", {"n": 1})
        for file in state.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    nested = tmp_path / "a" / "b" / "incidents.sqlite"
    IncidentLog.open(nested).close()
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700


def _ensure_after_barrier(path: str, barrier: Any, out: Any) -> None:
    with IncidentLog.open(Path(path)) as log:
        barrier.wait(30)
        incident, opened = log.ensure_incident("customer reports of unavailability")
        out.put((incident.id, opened))


def test_concurrent_processes_open_one_incident(tmp_path):
    """Processes released together by a barrier all find no open incident: exactly one opens it."""
    ctx = multiprocessing.get_context("fork")
    path = tmp_path / "incidents.sqlite"
    IncidentLog.open(path).close()
    for _round in range(3):
        barrier = ctx.Barrier(6)
        out = ctx.Queue()
        procs = [ctx.Process(target=_ensure_after_barrier, args=(str(path), barrier, out)) for _ in range(6)]
        for proc in procs:
            proc.start()
        results = [out.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join(30)
            assert proc.exitcode == 0
        assert len({incident_id for incident_id, _ in results}) == 1, results
        assert sum(opened for _, opened in results) == 1, results
        with IncidentLog.open(path) as log:
            log.close_incident(results[0][0], "next round")
    with IncidentLog.open(path) as log:
        assert len(log.incidents()) == 3


def _open_fresh_logs_in_step(folder: str, count: int, barrier: Any, out: Any) -> None:
    failures = []
    for n in range(count):
        barrier.wait(30)  # every process opens the same new log in the same instant
        try:
            IncidentLog.open(Path(folder) / f"log{n}.sqlite").close()
        except Exception as exc:
            failures.append(f"log{n}: {exc}")
    out.put(failures)


def test_processes_opening_a_new_log_at_once_all_get_it(tmp_path):
    """Switching a new log to WAL answered "database is locked" at once (no busy wait) to a
    process opening it in the same instant as another: about 1 open in 30 failed here."""
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(6), ctx.Queue()
    procs = [ctx.Process(target=_open_fresh_logs_in_step, args=(str(tmp_path), 25, barrier, out)) for _ in range(6)]
    for proc in procs:
        proc.start()
    failures = [f for _ in procs for f in out.get(timeout=120)]
    for proc in procs:
        proc.join(30)
        assert proc.exitcode == 0
    assert failures == []
    with IncidentLog.open(tmp_path / "log24.sqlite") as log:
        assert log.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_an_existing_file_keeps_history(tmp_path):
    path = tmp_path / "incidents.sqlite"
    with IncidentLog.open(path) as log:
        incident = log.open_incident("x")
        log.record("customer_report", {"customer": "c1"}, incident.id)
    with IncidentLog.open(path) as log:
        assert log.current_incident().id == incident.id
        assert [e.kind for e in log.events()] == ["opened", "customer_report"]


def test_not_a_database_is_bad_input(tmp_path):
    from scripts.output import BadInput

    path = tmp_path / "incidents.sqlite"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(BadInput, match="not a usable incident log"):
        IncidentLog.open(path)
