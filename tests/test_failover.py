"""kaleo-dr failover: the 24-hour gate, the logged override, the journal and resume after kill -9."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
import yaml

from scripts.runbook.incident import IncidentLog, to_iso
from scripts.standins.localsvc import free_port, wait_for_port
from tests.conftest import past_the_second

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


def test_resume_goes_on_with_the_steps_the_run_began_with(in_tmp, cli):
    release = in_tmp / "release"
    _config(in_tmp, ["gate", "hold", "handoff"], hold_file=str(release), hold_timeout=0.2)
    _outage(in_tmp, T0 - dt.timedelta(hours=30))
    first = cli("failover", "--yes", "--json")
    assert first.code != 0 and _journal(in_tmp)[-1] == ("hold", "failed")
    # the configuration changed since (the hold left out): the run began with it and goes on with it
    _config(in_tmp, ["gate", "handoff"], hold_file=str(release), hold_timeout=0.2)
    release.write_text("go")
    res = cli("failover", "--yes", "--resume", "--json")
    assert res.code == 0, res.stdout + res.stderr
    assert [(s["step"], s["resumed"]) for s in res.json()["steps"]] == [
        ("gate", True),
        ("hold", False),
        ("handoff", False),
    ]


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


class _Health(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        return

    def do_GET(self):
        routes = {
            "/health": (200, b"ok"),
            "/_cluster/health": (200, json.dumps({"cluster_name": "kaleo", "status": "green"}).encode()),
            "/red/_cluster/health": (200, json.dumps({"cluster_name": "kaleo", "status": "red"}).encode()),
        }
        status, body = routes.get(self.path, (503, b"unavailable"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def health_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def redis_port():
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 20, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def test_smoke_checks_against_real_services(pg, health_server, redis_port, monkeypatch):
    from scripts.runbook.failover.smoke import smoke_http, smoke_redis, smoke_rows, smoke_search

    assert smoke_http(health_server + "/health", 200, 2)["status"] == "passed"
    bad = smoke_http(health_server + "/down", 200, 2)
    assert bad["status"] == "failed" and "503" in bad["detail"]
    assert smoke_search(health_server, 2)["status"] == "passed"
    red = smoke_search(health_server + "/red", 2)
    assert red["status"] == "failed" and "red" in red["detail"]

    assert smoke_redis(f"redis://127.0.0.1:{redis_port}", 2)["status"] == "passed"
    closed = smoke_redis(f"redis://127.0.0.1:{free_port()}", 1)
    assert closed["status"] == "failed"

    pg.psql("DROP DATABASE IF EXISTS smoke")
    dsn = pg.create_database("smoke")
    pg.psql("CREATE TABLE answers (id int); INSERT INTO answers SELECT generate_series(1, 3)", "smoke")
    monkeypatch.setenv("PGPASSWORD", pg.password)
    assert smoke_rows(dsn, {"public.answers": 3}, 5)["status"] == "passed"
    short = smoke_rows(dsn, {"public.answers": 4}, 5)
    assert short["status"] == "failed" and "3 rows, backup has 4" in short["detail"]
    missing = smoke_rows(dsn, {"public.questions": None}, 5)
    assert missing["status"] == "failed"

    for check in (
        smoke_http(None, 200, 1),
        smoke_redis(None, 1),
        smoke_search(None, 1),
        smoke_rows(None, {}, 1),
    ):
        assert check["status"] == "skipped"
        assert "not set" in check["detail"] or "no database" in check["detail"]


def test_search_smoke_logs_in_and_verifies_the_cluster_ca(tmp_path, monkeypatch):
    """The search smoke check reaches the secured GCP cluster as the search commands do: its user,
    password and private CA; without them the check fails, never passes."""
    from scripts.config import parse_config
    from scripts.runbook.failover.smoke import smoke_search_of
    from scripts.standins.opensearch import OpenSearchStandin
    from tests.tls_support import make_ca

    ca = make_ca(tmp_path / "ca")
    cluster = OpenSearchStandin(user="admin", password="gcp-admin-pw").serve_tls(ca.server_context()).start()

    def check(**search: str) -> dict:
        return smoke_search_of(parse_config({"failover": {"smoke": {"search_url": cluster.url}}, "search": search}))

    try:
        monkeypatch.setenv("T_SEARCH_PW", "gcp-admin-pw")
        passed = check(gcp_password="env:T_SEARCH_PW", ca_file=str(ca.ca_file))
        assert passed["status"] == "passed" and "green" in passed["detail"], passed
        no_ca = check(gcp_password="env:T_SEARCH_PW")
        assert no_ca["status"] == "failed" and "CERTIFICATE_VERIFY_FAILED" in no_ca["detail"]
        no_login = check(ca_file=str(ca.ca_file))
        assert no_login["status"] == "failed" and "401" in no_login["detail"]
        monkeypatch.delenv("T_SEARCH_PW")
        unset = check(gcp_password="env:T_SEARCH_PW", ca_file=str(ca.ca_file))
        assert unset["status"] == "failed" and "T_SEARCH_PW" in unset["detail"]
    finally:
        cluster.stop()


def test_provision_step_runs_ansible_in_check_mode(in_tmp, cli):
    playbook = in_tmp / "pb" / "site.yml"
    playbook.parent.mkdir()
    playbook.write_text(
        yaml.safe_dump(
            [
                {
                    "name": "rehearsal play",
                    "hosts": "all",
                    "gather_facts": False,
                    "tasks": [
                        {
                            "name": "write a marker",
                            "ansible.builtin.copy": {"dest": str(in_tmp / "marker"), "content": "x"},
                        },
                        {
                            "name": "fail when asked",
                            "ansible.builtin.fail": {"msg": "boom"},
                            "when": "fail_me | default(false)",
                        },
                    ],
                }
            ]
        )
    )
    inventory = in_tmp / "inventory.yml"
    inventory.write_text(
        yaml.safe_dump(
            {"all": {"hosts": {"vm-1": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}
        )
    )
    cfg = {
        "state": {"dir": str(in_tmp / "state")},
        "failover": {"steps": ["gate", "provision-check", "handoff"]},
        "provision": {"inventory": str(inventory), "playbook": str(playbook), "secrets": {}},
    }
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
    _outage(in_tmp, T0 - dt.timedelta(days=2))
    res = cli("failover", "--yes", "--json")
    assert res.code == 0, res.stdout
    step = res.json()["steps"][1]
    assert step["step"] == "provision-check" and step["status"] == "passed"
    assert "1 host(s) checked" in step["detail"]
    assert not (in_tmp / "marker").exists()  # check mode changed nothing

    cfg["provision"]["extra_vars"] = {"fail_me": True}
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
    res = cli("failover", "--yes", "--json")
    assert res.code == 1
    failed = res.json()["failed"]
    assert failed["step"] == "provision-check" and "vm-1" in failed["error"]


def test_backup_step_verifies_and_falls_back_and_checks_age(pg, in_tmp, cli, monkeypatch):
    from scripts.db.backup import create_backup

    pg.psql("DROP DATABASE IF EXISTS fo_backup")
    dsn = pg.create_database("fo_backup")
    pg.psql("CREATE TABLE questions (id int PRIMARY KEY, title text)", "fo_backup")
    pg.psql("INSERT INTO questions SELECT g, 'q' || g FROM generate_series(1, 50) g", "fo_backup")
    url = (in_tmp / "backups").as_uri()
    older = create_backup(dsn, [url], password=pg.password, label="older")["backup_id"]
    past_the_second(dt.datetime.now(dt.UTC))  # backup ids have one-second resolution
    newer = create_backup(dsn, [url], password=pg.password, label="newer")["backup_id"]
    # bit rot in the newest backup: same size, different bytes
    files = sorted(p for p in (in_tmp / "backups" / newer / "files").rglob("*") if p.is_file())
    victim = max(files, key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))

    _config(in_tmp, ["gate", "backup", "handoff"])
    cfg = yaml.safe_load((in_tmp / "kaleo-dr.yaml").read_text())
    cfg["backup"] = {"to": url, "max_age": "26h"}
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
    _outage(in_tmp, T0 - dt.timedelta(days=2))
    res = cli("failover", "--yes", "--json")
    assert res.code == 0, res.stdout
    step = res.json()["steps"][1]
    assert step["status"] == "passed" and older in step["detail"] and newer not in step["detail"]

    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        passed = [e for e in log.steps(1) if e.payload.get("step") == "backup" and e.payload["state"] == "passed"]
    chosen = passed[-1].payload["data"]["backup"]
    assert chosen["backup_id"] == older and chosen["verified"] is True
    assert any(newer in p for p in chosen["passed_over"])

    # too old for failover.backup_max_age: refused, the age named
    cfg["failover"]["backup_max_age"] = "1s"
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=3), tick=False):
        res = cli("failover", "--yes", "--json")
    assert res.code == 1
    failed = res.json()["failed"]
    assert failed["step"] == "backup" and "older than" in failed["error"] and "3h" in failed["error"]


@pytest.mark.parametrize("stack", ["aws", "gcp-standby", "no-such-stack"])
def test_failover_refuses_a_stack_that_is_not_gcp_failover(in_tmp, cli, stack):
    """failover --stack aws would run pulumi up on production AWS: refused before anything happens."""
    cfg = _config(in_tmp, ["gate", "stack", "handoff"])
    started = dt.datetime.now(dt.UTC) - dt.timedelta(hours=30)
    _outage(in_tmp, started)
    res = cli("--config", str(cfg), "failover", "--stack", stack, "--yes", "--json")
    assert res.code == 2, res.stdout
    error = res.json()["error"]
    assert f"--stack {stack}" in error or f"unknown stack '{stack}'" in error
    assert _journal(in_tmp) == []  # no step ran


def test_failover_accepts_the_gcp_failover_stack(in_tmp, cli):
    cfg = _config(in_tmp, ["gate", "handoff"])
    _outage(in_tmp, dt.datetime.now(dt.UTC) - dt.timedelta(hours=30))
    res = cli("--config", str(cfg), "failover", "--stack", "gcp", "--yes", "--json")
    assert res.code == 0, res.stdout
    assert [s for s, _ in _journal(in_tmp)] == ["gate", "gate", "handoff", "handoff"]


def test_smoke_db_uses_restore_password_and_refuses_secrets_in_dsns(pg, in_tmp, cli, monkeypatch):
    pg.psql("DROP DATABASE IF EXISTS smokepw")
    dsn = pg.create_database("smokepw")
    pg.psql("CREATE TABLE answers (id int); INSERT INTO answers SELECT generate_series(1, 2)", "smokepw")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(in_tmp / "no-pgpass"))
    monkeypatch.setenv("KALEO_TEST_RESTORE_PW", pg.password)
    _outage(in_tmp, dt.datetime.now(dt.UTC) - dt.timedelta(hours=30))
    cfg = {
        "state": {"dir": str(in_tmp / "state")},
        "restore": {"target_dsn": dsn, "password": "env:KALEO_TEST_RESTORE_PW"},
        "failover": {"steps": ["gate", "smoke", "handoff"], "smoke": {"db_tables": ["public.answers"]}},
    }
    path = in_tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    res = cli("--config", str(path), "failover", "--yes", "--json")
    assert res.code == 0, res.stdout
    (smoke,) = [s for s in res.json()["steps"] if s["step"] == "smoke"]
    assert "rows passed" in smoke["detail"]
    for key in ("sslpassword", "password"):
        cfg["failover"]["smoke"]["db_dsn"] = f"{dsn}{'&' if '?' in dsn else '?'}{key}=hunter2-secret"
        path.write_text(yaml.safe_dump(cfg))
        refused = cli("--config", str(path), "failover", "--yes", "--restart", "--json")
        assert refused.code == 2, refused.stdout
        assert "failover.smoke.db_dsn contains a " in refused.json()["error"]
        assert f"({key})" in refused.json()["error"]
        assert "hunter2" not in refused.stdout + refused.stderr
