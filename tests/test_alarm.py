"""Alarms of the continuity jobs, against a real SMTP sink: the team is paged once per period, never customers."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import yaml

from scripts.config import parse_config
from scripts.runbook.alarm import Alarm, raise_alarm
from scripts.runbook.incident import IncidentLog
from scripts.standins.smtp import SmtpSink

TEAM = ["oncall@example.com", "dba@example.com"]


def write_alarm_config(tmp: Path, port: int, **alarm) -> Path:
    (tmp / "contacts.yaml").write_text(
        yaml.safe_dump(
            {
                "team": [
                    {"name": "On call", "role": "Incident lead", "email": TEAM[0], "mobile": "+1 201 555 0101"},
                    {"name": "DBA", "role": "Database", "email": TEAM[1], "mobile": "+1 201 555 0103"},
                ]
            }
        )
    )
    (tmp / "customers.csv").write_text(
        "customer_id,name,contact_name,contact_email\nC1,Customer,Someone,someone@customer.example.com\n"
    )
    cfg = {
        "state": {"dir": str(tmp / "state")},
        "contacts": {"contacts_file": str(tmp / "contacts.yaml"), "customers_file": str(tmp / "customers.csv")},
        "notify": {
            "sender": "dr@example.com",
            "smtp": {"host": "127.0.0.1", "port": port, "starttls": False, "timeout": 5},
        },
        "alarm": {"repeat_every": "6h", "runbook_url": "https://git.example.com/kaleo-dr/README.md", **alarm},
    }
    path = tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def load(path: Path):
    return parse_config(yaml.safe_load(path.read_text()), path)


STALE = Alarm(
    key="backup-freshness",
    summary="newest complete backup is 31h00m old (budget 26h00m)",
    action="ship a backup by hand",
    runbook_section="Before any disaster (every day)",
    details=("last agent run failed at 2026-11-28 02:10 UTC with: pg_dump: error",),
)


@pytest.fixture
def sink():
    with SmtpSink() as s:
        yield s


def test_one_alarm_per_period_to_the_team_only(tmp_path, sink):
    cfg = load(write_alarm_config(tmp_path, sink.port))
    t0 = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
    first = raise_alarm(cfg, STALE, t0)
    assert first.status == "sent" and sorted(first.sent) == sorted(TEAM)
    # the same alarm every hour within the period: nothing more goes out
    for hours in range(1, 6):
        again = raise_alarm(cfg, STALE, t0 + dt.timedelta(hours=hours))
        assert again.status == "suppressed"
        assert again.next_allowed_at is not None and again.next_allowed_at.startswith("2026-11-28T14:00")
    assert sorted(sink.recipients()) == sorted(TEAM)
    assert "someone@customer.example.com" not in sink.recipients()
    # the next period: one more, and only one
    assert raise_alarm(cfg, STALE, t0 + dt.timedelta(hours=6, minutes=1)).status == "sent"
    assert raise_alarm(cfg, STALE, t0 + dt.timedelta(hours=7)).status == "suppressed"
    assert len(sink.messages) == 2 * len(TEAM)
    message = sink.messages[0].message
    body = message.get_content()
    assert message["Subject"] == f"[kaleo-dr ALARM] {STALE.summary}"
    assert "Action: ship a backup by hand" in body
    assert "last agent run failed at 2026-11-28 02:10 UTC" in body
    assert "README.md#before-any-disaster-every-day" in body
    # another alarm key is not held back by this one
    other = Alarm("restore-test", "weekly restore test failed", "restore by hand", "What runs every day")
    assert raise_alarm(cfg, other, t0 + dt.timedelta(hours=1)).status == "sent"


def test_concurrent_runs_page_once(tmp_path, sink):
    cfg = load(write_alarm_config(tmp_path, sink.port, recipients=["oncall@example.com"]))
    now = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
    results: list[str] = []
    barrier = threading.Barrier(6)

    def run() -> None:
        barrier.wait()
        results.append(raise_alarm(cfg, STALE, now).status)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["sent"] + ["suppressed"] * 5
    assert sink.recipients() == ["oncall@example.com"]


def test_failed_delivery_is_retried_next_run_and_recorded(tmp_path):
    with SmtpSink(down=True) as down:
        cfg = load(write_alarm_config(tmp_path, down.port))
        now = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
        failed = raise_alarm(cfg, STALE, now)
        assert failed.status == "failed" and set(failed.failed) == set(TEAM)
        down.down = False
        retried = raise_alarm(cfg, STALE, now + dt.timedelta(minutes=5))
        assert retried.status == "sent" and retried.seq == 2
    with IncidentLog.open(tmp_path / "state" / "incidents.sqlite") as log:
        rows = log.conn.execute("SELECT seq, status FROM alarms ORDER BY id").fetchall()
        assert sorted(rows) == sorted([(1, "failed"), (1, "failed"), (2, "sent"), (2, "sent")])
        with pytest.raises(Exception, match="append-only"):
            log.conn.execute("DELETE FROM alarms")


def test_alarm_test_command_and_history(cli, in_tmp, sink):
    path = write_alarm_config(in_tmp, sink.port)
    result = cli("--config", str(path), "alarm", "test", "--json")
    assert result.code == 0, result.stdout
    assert result.json()["status"] == "sent"
    again = cli("--config", str(path), "alarm", "test", "--json")
    assert again.code == 0 and again.json()["status"] == "suppressed"
    history = cli("--config", str(path), "alarm", "history", "--json")
    assert {r["email"] for r in history.json()} == set(TEAM)


def test_no_relay_is_bad_config(cli, in_tmp):
    path = write_alarm_config(in_tmp, 1)
    doc = yaml.safe_load(path.read_text())
    del doc["notify"]["smtp"]
    path.write_text(yaml.safe_dump(doc))
    result = cli("--config", str(path), "alarm", "test", "--json")
    assert result.code == 2
    assert "notify.smtp" in result.json()["error"]


def test_a_cleared_alarm_sends_one_resolved_message_to_the_same_recipients(tmp_path, sink):
    from scripts.runbook.alarm import resolve_alarm

    cfg = load(write_alarm_config(tmp_path, sink.port))
    t0 = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
    # nothing was ever raised: nothing to resolve, nothing sent, no relay contacted
    assert resolve_alarm(cfg, STALE.key, "fresh again", t0) is None
    assert raise_alarm(cfg, STALE, t0).status == "sent"
    # the team list changes after the alarm: the resolution goes to those who got the alarm
    cfg.alarm.recipients = ["someone-else@example.com"]
    resolved = resolve_alarm(cfg, STALE.key, "newest complete backup is 1h00m old", t0 + dt.timedelta(hours=1))
    assert resolved is not None and resolved.status == "sent" and sorted(resolved.sent) == sorted(TEAM)
    # once: later clean runs send nothing more
    for hours in (2, 3, 30):
        assert resolve_alarm(cfg, STALE.key, "still fresh", t0 + dt.timedelta(hours=hours)) is None
    assert len(sink.messages) == 2 * len(TEAM)
    message = sink.messages[-1].message
    assert message["Subject"] == f"[kaleo-dr RESOLVED] {STALE.summary}"
    assert message["X-Kaleo-Alarm"] == STALE.key
    body = message.get_content()
    assert "RESOLVED: newest complete backup is 1h00m old" in body
    assert "(alarm backup-freshness, #1, raised at 2026-11-28 08:00 UTC) has cleared" in body
    # a resolution ends the episode: the same problem again pages at once, within the old period
    cfg.alarm.recipients = []
    again = raise_alarm(cfg, STALE, t0 + dt.timedelta(hours=2))
    assert again.status == "sent" and again.seq == 2
    assert raise_alarm(cfg, STALE, t0 + dt.timedelta(hours=3)).status == "suppressed"
    assert len(sink.messages) == 3 * len(TEAM)


def test_a_resolved_message_that_failed_is_sent_by_the_next_clean_run(tmp_path):
    from scripts.runbook.alarm import resolve_alarm

    t0 = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)
    with SmtpSink() as relay:
        cfg = load(write_alarm_config(tmp_path, relay.port, recipients=["oncall@example.com"]))
        assert raise_alarm(cfg, STALE, t0).status == "sent"
        relay.down = True
        failed = resolve_alarm(cfg, STALE.key, "fresh", t0 + dt.timedelta(hours=1))
        assert failed is not None and failed.status == "failed"
        relay.down = False
        retried = resolve_alarm(cfg, STALE.key, "fresh", t0 + dt.timedelta(hours=2))
        assert retried is not None and retried.status == "sent" and retried.seq == 2
        assert resolve_alarm(cfg, STALE.key, "fresh", t0 + dt.timedelta(hours=3)) is None
        subjects = [m.message["Subject"] for m in relay.messages]
        assert subjects == [f"[kaleo-dr ALARM] {STALE.summary}", f"[kaleo-dr RESOLVED] {STALE.summary}"]
