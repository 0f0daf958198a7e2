"""kaleo-dr failover: the 24-hour gate, the logged override, the journal and resume after kill -9."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
import yaml

from scripts.incident import IncidentLog, to_iso

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


def _config(tmp: Path, steps: list[str], **failover) -> Path:
    cfg = {"state": {"dir": str(tmp / "state")}, "failover": {"steps": steps, **failover}}
    path = tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def _outage(tmp: Path, started: dt.datetime) -> int:
    with IncidentLog.open(tmp / "state" / "incidents.sqlite") as log:
        incident = log.open_incident("AWS us-east-1 down", at=started)
        log.record("amazon_outage", {"started_at": to_iso(started)}, incident.id, at=started)
        return incident.id


def _journal(tmp: Path) -> list[tuple[str, str]]:
    with IncidentLog.open(tmp / "state" / "incidents.sqlite") as log:
        return [
            (e.payload["step"], e.payload["state"])
            for e in log.events(kind="step")
            if e.payload.get("journal") == "failover" and e.payload["step"] != "_run"
        ]


def test_gate_refuses_before_24h_then_opens(in_tmp, cli):
    _config(in_tmp, ["gate", "handoff"])
    _outage(in_tmp, T0)
    with time_machine.travel(T0 + dt.timedelta(hours=2), tick=False):
        res = cli("failover", "--yes", "--json")
    assert res.code == 1, res.stdout
    data = res.json()
    assert data["ok"] is False and data["failed"]["step"] == "gate"
    assert "24-hour gate closed" in data["failed"]["error"] and "2.0 h" in data["failed"]["error"]
    assert [s["step"] for s in data["steps"]] == ["gate"]  # nothing after the gate ran
    assert _journal(in_tmp) == [("gate", "started"), ("gate", "failed")]

    with time_machine.travel(T0 + dt.timedelta(hours=24, minutes=5), tick=False):
        res = cli("failover", "--yes", "--json")
    assert res.code == 0, res.stdout
    data = res.json()
    assert [s["status"] for s in data["steps"]] == ["passed", "passed"]
    assert "24.1 h" in data["steps"][0]["detail"]
    assert data["rto_seconds_so_far"] == pytest.approx((24 * 60 + 5) * 60, abs=1)
    assert "kaleo-dr cutover --to gcp" in data["next"]


def test_override_is_logged_with_its_reason(in_tmp, cli):
    _config(in_tmp, ["gate", "handoff"])
    incident_id = _outage(in_tmp, T0)
    with time_machine.travel(T0 + dt.timedelta(hours=3), tick=False):
        missing = cli("failover", "--yes", "--override-24h", "--json")
        assert missing.code == 2 and "--reason" in missing.json()["error"]
        res = cli("failover", "--yes", "--override-24h", "--reason", "us-east-1 gone for days per AWS", "--json")
    assert res.code == 0, res.stdout
    gate = res.json()["steps"][0]
    assert gate["status"] == "passed" and "OVERRIDDEN" in gate["detail"]
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        overrides = log.events(incident_id, "override")
    assert len(overrides) == 1
    assert overrides[0].payload["reason"] == "us-east-1 gone for days per AWS"
    assert overrides[0].payload["gate"] == "24h"
    assert overrides[0].payload["hours"] == pytest.approx(3.0)


def test_no_outage_recorded_refuses(in_tmp, cli):
    _config(in_tmp, ["gate"])
    res = cli("failover", "--yes", "--json")
    assert res.code == 1
    assert "no Amazon outage start recorded" in res.json()["failed"]["error"]


def test_unknown_step_and_missing_pulumi_cli(in_tmp, cli):
    _config(in_tmp, ["gate", "teleport"])
    res = cli("failover", "--yes", "--json")
    assert res.code == 2 and "teleport" in res.json()["error"]
    _config(in_tmp, ["gate", "stack"])
    _outage(in_tmp, T0 - dt.timedelta(days=2))
    res = cli("failover", "--yes", "--json")
    assert res.code == 1
    failed = res.json()["failed"]
    assert failed["step"] == "stack"
    if not __import__("shutil").which("pulumi"):
        assert "Pulumi CLI ('pulumi') is not installed" in failed["error"]


def _hold_started(db: Path) -> bool:
    if not db.exists():
        return False
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT payload FROM events WHERE kind = 'step'").fetchall()
    return any('"step":"hold","state":"started"' in r[0] for r in rows)


def test_resume_after_kill_during_a_step(in_tmp, cli):
    release = in_tmp / "release"
    _config(in_tmp, ["gate", "hold", "smoke", "handoff"], hold_file=str(release), hold_timeout=120)
    _outage(in_tmp, T0 - dt.timedelta(hours=30))
    db = in_tmp / "state" / "incidents.sqlite"
    env = {**os.environ, "KALEO_DR_CONFIG": str(in_tmp / "kaleo-dr.yaml"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts", "failover", "--yes", "--json"],
        cwd=in_tmp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not _hold_started(db):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the hold step never started"
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert _journal(in_tmp) == [("gate", "started"), ("gate", "passed"), ("hold", "started")]

    # a new run is refused while the journal has an unfinished run with finished steps
    again = cli("failover", "--yes", "--json")
    assert again.code == 2 and "--resume" in again.json()["hint"]

    release.write_text("go")
    res = cli("failover", "--yes", "--resume", "--json")
    assert res.code == 0, res.stdout + res.stderr
    data = res.json()
    assert [(s["step"], s["resumed"]) for s in data["steps"]] == [
        ("gate", True),
        ("hold", False),
        ("smoke", False),
        ("handoff", False),
    ]
    smoke = data["steps"][2]
    assert smoke["status"] == "skipped"  # nothing configured: every check skipped, with its reason
    assert all(c["status"] == "skipped" and c["detail"] for c in smoke["checks"])
    journal = _journal(in_tmp)
    assert journal.count(("gate", "started")) == 1  # the finished gate was not redone
    assert journal[3:] == [
        ("hold", "started"),
        ("hold", "passed"),
        ("smoke", "started"),
        ("smoke", "skipped"),
        ("handoff", "started"),
        ("handoff", "passed"),
    ]
    nothing = cli("failover", "--yes", "--resume", "--json")
    assert nothing.code == 2 and "no unfinished" in nothing.json()["error"]
