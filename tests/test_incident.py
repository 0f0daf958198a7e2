"""The incident log is append-only; the notification ledger only moves forward."""

from __future__ import annotations

import datetime as dt
import sqlite3

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
    log.ledger_mark(incident.id, 1, "c1", "sent")
    with pytest.raises(sqlite3.DatabaseError, match="forbidden status transition"):
        log.ledger_mark(incident.id, 1, "c1", "sending")
    with pytest.raises(sqlite3.DatabaseError, match="only status"):
        log.conn.execute("UPDATE notifications SET email = 'b@example.com'")
    assert log.ledger_claim(incident.id, 1, "c2", "b@example.com", "primary")
    log.ledger_mark(incident.id, 1, "c2", "failed", error="550 no such user")
    log.ledger_retry(incident.id, 1, "c2", "fallback")
    rows = {r.contact_key: r for r in log.ledger(incident.id, 1)}
    assert rows["c1"].status == "sent"
    assert rows["c2"].status == "sending" and rows["c2"].attempts == 2 and rows["c2"].relay == "fallback"


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
