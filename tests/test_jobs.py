"""Continuity jobs for real: the job wrapper (syslog, records, alarms), the watcher's freshness check and the
weekly restore test, against PostgreSQL, the GCS emulator, a syslog socket and an SMTP sink."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import uuid
from pathlib import Path

import pytest
import yaml

from scripts.config import parse_config
from scripts.jobs import records
from scripts.jobs.watch import check_freshness
from scripts.standins.smtp import SmtpSink
from tests.restore_support import make_backup, new_bucket
from tests.test_alarm import TEAM, write_alarm_config

ROOT = Path(__file__).resolve().parent.parent


class SyslogSocket:
    """A unix datagram socket standing in for /dev/log; keeps every line received."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while not self.stop.is_set():
            try:
                self.lines.append(self.sock.recv(65536).decode(errors="replace"))
            except TimeoutError:
                continue

    def saw(self, text: str, timeout: float = 10.0) -> bool:
        """Whether a line containing ``text`` arrived (waiting for the reader thread)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in list(self.lines)):
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def sink():
    with SmtpSink() as s:
        yield s


@pytest.fixture
def syslog(tmp_path):
    s = SyslogSocket(tmp_path / "log.sock")
    yield s
    s.close()


def config(tmp: Path, sink_port: int, backup_to: str, **jobs) -> Path:
    path = write_alarm_config(tmp, sink_port)
    doc = yaml.safe_load(path.read_text())
    doc["backup"] = {"to": backup_to, "max_age": "26h"}
    doc["jobs"] = {"syslog_address": str(tmp / "log.sock"), "host_role": "agent", **jobs}
    path.write_text(yaml.safe_dump(doc))
    return path


@pytest.fixture
def env(monkeypatch):
    """The child `kaleo-dr` the wrapper starts finds this checkout."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


def test_job_run_logs_to_syslog_and_records_success(cli, in_tmp, sink, syslog, env):
    backups = in_tmp / "backups"
    backups.mkdir()
    path = config(in_tmp, sink.port, backups.as_uri())
    result = cli("--config", str(path), "job", "run", "--json", "listing", "--", "backup", "list", "--json")
    assert result.code == 0, result.stdout
    record = result.json()
    assert record["status"] == "ok" and record["exit_code"] == 0 and record["alarm"] is None
    assert record["command"] == ["backup", "list", "--json"]
    stored = records.newest(f"{backups.as_uri()}/_continuity", "listing")
    assert stored is not None and stored["status"] == "ok" and stored["host_role"] == "agent"
    assert syslog.saw("kaleo-dr-job[listing]: start: kaleo-dr backup list --json")
    assert syslog.saw("kaleo-dr-job[listing]: end: ok, exit 0")
    assert sink.messages == []


def test_failed_job_pages_once_per_period_and_says_why(cli, in_tmp, sink, syslog, env):
    backups = in_tmp / "backups"
    backups.mkdir()
    path = config(in_tmp, sink.port, backups.as_uri())
    first = cli("--config", str(path), "job", "run", "backup", "--", "backup", "freshness")
    assert first.code == 1
    second = cli("--config", str(path), "job", "run", "--json", "backup", "--", "backup", "freshness")
    assert second.code == 1
    assert second.json()["alarm"]["status"] == "suppressed"
    assert sorted(sink.recipients()) == sorted(TEAM)  # one alarm, to the team
    message = sink.messages[0].message
    assert message["Subject"].startswith("[kaleo-dr ALARM] continuity job backup failed with exit 1 on ")
    body = message.get_content()
    assert "STALE: no complete backup" in body and "Action: read the job log on the agent" in body
    runs = list(records.records(f"{backups.as_uri()}/_continuity", "backup"))
    assert [r["status"] for _, r in runs] == ["failed", "failed"]
    assert any("STALE" in line for line in runs[0][1]["output_tail"])
    assert syslog.saw("kaleo-dr-job[backup]: end: failed, exit 1")


def test_alarm_on_error_leaves_check_failures_to_the_command(cli, in_tmp, sink, syslog, env):
    backups = in_tmp / "backups"
    backups.mkdir()
    path = config(in_tmp, sink.port, backups.as_uri())
    checked = cli("--config", str(path), "job", "run", "--alarm-on", "error", "f", "--", "backup", "freshness")
    assert checked.code == 1 and sink.messages == []
    broken = cli("--config", str(path), "job", "run", "--alarm-on", "error", "f", "--", "backup", "freshness",
                 "--max-age", "soon")  # fmt: skip
    assert broken.code == 2 and len(sink.messages) == len(TEAM)


def test_a_job_ok_again_sends_one_resolved_message(cli, in_tmp, sink, syslog, env):
    backups = in_tmp / "backups"
    backups.mkdir()
    path = config(in_tmp, sink.port, backups.as_uri())
    failed = cli("--config", str(path), "job", "run", "--json", "nightly", "--", "backup", "freshness")
    assert failed.code == 1 and failed.json()["alarm"]["status"] == "sent"
    ok = cli("--config", str(path), "job", "run", "--json", "nightly", "--", "backup", "list", "--json")
    assert ok.code == 0, ok.stdout
    assert [(r["key"], r["status"]) for r in ok.json()["resolved"]] == [("job:nightly:resolved", "sent")]
    again = cli("--config", str(path), "job", "run", "--json", "nightly", "--", "backup", "list", "--json")
    assert again.code == 0 and again.json()["resolved"] == []
    subjects = [m.message["Subject"] for m in sink.messages]
    assert len(subjects) == 2 * len(TEAM)
    assert sum(s.startswith("[kaleo-dr ALARM] continuity job nightly failed") for s in subjects) == len(TEAM)
    assert sum(s.startswith("[kaleo-dr RESOLVED] continuity job nightly failed") for s in subjects) == len(TEAM)
    assert syslog.saw("kaleo-dr-job[nightly]: alarm job:nightly:resolved: sent")


@pytest.fixture(scope="module")
def source(pg) -> str:
    name = f"jobs_{uuid.uuid4().hex[:8]}"
    pg.create_database(name)
    pg.psql(
        "CREATE TABLE public.items (id int PRIMARY KEY, label text);"
        "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 500) g;"
        "CREATE SCHEMA billing;"
        "CREATE TABLE billing.invoices (id serial PRIMARY KEY, item int REFERENCES public.items);"
        "INSERT INTO billing.invoices (item) SELECT 1 + g % 500 FROM generate_series(1, 800) g;",
        name,
    )
    return name


def agent_record(results: str, status: str, hours_ago: float, now: dt.datetime) -> None:
    started = now - dt.timedelta(hours=hours_ago)
    record = {
        "format": records.FORMAT,
        "job": "backup",
        "host": "agent-1",
        "host_role": "agent",
        "command": ["backup", "create", "--rds-instance", "kaleo-prod"],
        "started_at": started.isoformat(),
        "finished_at": (started + dt.timedelta(minutes=3)).isoformat(),
        "duration_seconds": 180.0,
        "exit_code": 0 if status == "ok" else 1,
        "status": status,
        "output_tail": ["start: kaleo-dr backup create", "error: pg_dump: connection refused", "end: failed"],
    }
    records.write_record(results, record)


def test_stale_backup_raises_exactly_one_alarm_per_period(pg, source, gcs_env, in_tmp, sink):
    url = new_bucket(gcs_env)
    make_backup(pg, source, url, minutes_ago=31 * 60)
    now = dt.datetime.now(dt.UTC)
    results = f"{url}/_continuity"
    agent_record(results, "failed", hours_ago=6, now=now)
    cfg = parse_config(yaml.safe_load(config(in_tmp, sink.port, url).read_text()))
    outcomes = []
    for hour in range(6):  # the hourly watcher, for six hours
        result = check_freshness(cfg, url, dt.timedelta(hours=26), results, now + dt.timedelta(hours=hour))
        assert result["ok"] is False and result["fresh"] is False
        outcomes.append(result["alarm"]["status"])
    assert outcomes == ["sent"] + ["suppressed"] * 5
    assert len(sink.messages) == len(TEAM)  # not zero, not many
    body = sink.messages[0].message.get_content()
    subject = sink.messages[0].message["Subject"]
    assert subject == "[kaleo-dr ALARM] newest complete backup is 1d7h old (budget 1d2h)"
    assert "last agent run failed at" in body and "with: error: pg_dump: connection refused" in body
    assert "Action: find why the nightly backup stopped" in body
    # the next period: exactly one more
    later = check_freshness(cfg, url, dt.timedelta(hours=26), results, now + dt.timedelta(hours=6, minutes=5))
    assert later["alarm"]["status"] == "sent"
    assert len(sink.messages) == 2 * len(TEAM)


def test_a_stale_backup_then_a_fresh_one_is_one_alarm_then_one_resolved(pg, source, gcs_env, in_tmp, sink):
    url = new_bucket(gcs_env)
    make_backup(pg, source, url, minutes_ago=31 * 60)
    results = f"{url}/_continuity"
    now = dt.datetime.now(dt.UTC)
    agent_record(results, "failed", hours_ago=6, now=now)
    cfg = parse_config(yaml.safe_load(config(in_tmp, sink.port, url).read_text()))
    stale = check_freshness(cfg, url, dt.timedelta(hours=26), results, now)
    assert stale["alarm"]["status"] == "sent" and stale["resolved"] == []
    # the agent ships again
    make_backup(pg, source, url, minutes_ago=0)
    now = dt.datetime.now(dt.UTC)
    agent_record(results, "ok", hours_ago=0, now=now)
    outcomes = []
    for hour in range(3):  # the hourly watcher: one resolved message, then nothing
        result = check_freshness(cfg, url, dt.timedelta(hours=26), results, now + dt.timedelta(hours=hour))
        assert result["ok"] is True and result["alarm"] is None
        outcomes.append([(r["key"], r["status"]) for r in result["resolved"]])
    assert outcomes == [[("backup-freshness:resolved", "sent")], [], []]
    subjects = [m.message["Subject"] for m in sink.messages]
    assert subjects == ["[kaleo-dr ALARM] newest complete backup is 1d7h old (budget 1d2h)"] * len(TEAM) + [
        "[kaleo-dr RESOLVED] newest complete backup is 1d7h old (budget 1d2h)"
    ] * len(TEAM)
    assert sorted(m.message["To"] for m in sink.messages[len(TEAM) :]) == sorted(TEAM)
    assert "RESOLVED: newest complete backup" in sink.messages[-1].message.get_content()


def test_fresh_backup_and_live_agent_page_nobody(pg, source, gcs_env, cli, in_tmp, sink):
    url = new_bucket(gcs_env)
    make_backup(pg, source, url, minutes_ago=60)
    agent_record(f"{url}/_continuity", "ok", hours_ago=1, now=dt.datetime.now(dt.UTC))
    path = config(in_tmp, sink.port, url)
    result = cli("--config", str(path), "watch", "freshness", "--json")
    assert result.code == 0, result.stdout
    data = result.json()
    assert data["fresh"] and data["agent_alive"] and data["alarm"] is None
    assert sink.messages == []


def test_silent_agent_is_noticed_even_with_a_fresh_dump(pg, source, gcs_env, cli, in_tmp, sink):
    url = new_bucket(gcs_env)
    make_backup(pg, source, url, minutes_ago=60)  # a dump someone shipped by hand; no agent record at all
    path = config(in_tmp, sink.port, url)
    result = cli("--config", str(path), "watch", "freshness", "--json")
    assert result.code == 1
    data = result.json()
    assert data["fresh"] is True and data["agent_alive"] is False
    assert data["alarm"]["key"] == "agent-silent" and data["alarm"]["status"] == "sent"
    assert "no agent backup run recorded" in sink.messages[0].message.get_content()


def test_weekly_restore_test_restores_validates_drops_and_records(pg, source, gcs_env, cli, in_tmp, sink, env,
                                                                  monkeypatch):  # fmt: skip
    url = new_bucket(gcs_env)
    manifest = make_backup(pg, source, url, minutes_ago=120)
    monkeypatch.setenv("PGPASSWORD", pg.password)
    path = config(in_tmp, sink.port, url, host_role="watcher")
    result = cli("--config", str(path), "watch", "restore-test", "--server-dsn", pg.dsn("postgres"), "--json")
    assert result.code == 0, result.stdout
    data = result.json()
    test = data["restore_test"]
    assert test["backup_id"] == manifest.backup_id
    assert test["tables"] == test["tables_found"] == 2
    assert test["dropped"] is True and test["restore_seconds"] > 0
    assert test["database"] not in pg.psql("SELECT datname FROM pg_database")
    # the documented key readiness reads: <backup.to>/_continuity/restore-test/<time>-<host>.json
    assert data["record_url"].startswith(f"{url}/_continuity/restore-test/")
    stored = records.newest(f"{url}/_continuity", records.RESTORE_TEST_JOB)
    assert stored is not None and stored["status"] == "ok" and stored["host_role"] == "watcher"
    assert stored["restore_test"]["backup_id"] == manifest.backup_id
    assert sink.messages == []
    # ... and readiness reads it as the last restore test
    from scripts.runbook.readiness import ITEMS

    doc = yaml.safe_load(path.read_text())
    doc["readiness"] = {"skip": [i for i in ITEMS if i != "restore-test"]}
    path.write_text(yaml.safe_dump(doc))
    ready = cli("--config", str(path), "readiness", "--json")
    assert ready.code == 0, ready.stdout
    (item,) = [i for i in ready.json()["items"] if i["name"] == "restore-test"]
    assert item["state"] == "ok" and manifest.backup_id in item["detail"]


def test_failed_restore_test_is_recorded_and_pages(pg, source, gcs_env, cli, in_tmp, sink, env, monkeypatch):
    from scripts.db.manifest import file_key
    from scripts.db.storage import open_store

    url = new_bucket(gcs_env)
    manifest = make_backup(pg, source, url, minutes_ago=120)
    data_file = next(f for f in manifest.files if f.path.endswith(".dat.gz"))
    open_store(url).put_bytes(file_key(manifest.backup_id, data_file.path), b"not the dump")
    monkeypatch.setenv("PGPASSWORD", pg.password)
    path = config(in_tmp, sink.port, url, host_role="watcher")
    result = cli("--config", str(path), "watch", "restore-test", "--server-dsn", pg.dsn("postgres"), "--json")
    assert result.code == 1
    data = result.json()
    assert data["status"] == "failed" and data["restore_test"]["dropped"] is True
    assert "failed" in data["restore_test"]["error"]
    stored = records.newest(f"{url}/_continuity", records.RESTORE_TEST_JOB)
    assert stored is not None and stored["status"] == "failed"
    assert len(sink.messages) == len(TEAM)
    assert sink.messages[0].message["Subject"].startswith("[kaleo-dr ALARM] weekly restore test failed on ")
    assert json.loads(json.dumps(data))  # the whole result is JSON


def test_a_blind_watcher_pages_and_never_says_fresh(cli, in_tmp, sink, monkeypatch):
    from scripts.standins.localsvc import free_port

    monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "1")
    path = config(in_tmp, sink.port, "gs://kaleo-dr-db-dumps/prod")
    result = cli("--config", str(path), "watch", "freshness", "--json")
    assert result.code == 3, result.stdout
    assert "alarm watcher-blind: sent" in result.json()["error"]
    assert (
        sink.messages[0].message["Subject"]
        == "[kaleo-dr ALARM] the watcher cannot read the dumps in gs://kaleo-dr-db-dumps/prod"
    )
