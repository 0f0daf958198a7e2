"""kaleo-dr rehearse: the local drill end to end (one run, several tests read its report), reports, history,
sandbox refusals."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
import yaml

from scripts.config import parse_config
from scripts.drill.history import history
from scripts.drill.sandbox import sandbox_stack_name
from tests.drill_support import DrillRun, leftovers, own_tmpdir


@pytest.fixture
def drill_tmpdir() -> Iterator[Path]:
    with own_tmpdir() as path:
        yield path


@pytest.fixture
def drill(local_drill: DrillRun) -> DrillRun:
    """The session's one full local drill (see tests/drill_support.py); several tests read its report."""
    return local_drill


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_local_drill_runs_every_step(drill):
    report = drill.report
    # every step ran and passed; a building block not in this checkout is reported FAILED, never faked
    notify_available = importlib.util.find_spec("scripts.runbook.notify.cli") is not None
    expected = [
        "environment", "agent-backup", "search-snapshot", "standby-setup", "readiness", "stranded-writes",
        "watcher", "triage", "declare", "notify", "backup", "gate", "stack-plan", "wiring", "provision-check",
        "standby-promote", "restore", "validation", "app-boot", "search", "smoke", "smoke-queries", "cutover",
        "gcp-era-writes", "aws-back", "failback", "reconcile",
    ]  # fmt: skip
    assert [s["step"] for s in report["steps"]] == expected
    for step in report["steps"]:
        if step["step"] == "notify" and not notify_available:
            assert step["status"] == "failed" and step["detail"].startswith("not available")
        else:
            assert step["status"] == "passed", step
    assert report["ok"] is notify_available
    assert drill.code == (0 if notify_available else 1)


@pytest.mark.slow
def test_local_drill_measures_verdict_backup_rto_rpo_and_the_standby(drill):
    report = drill.report
    # the drill's facts: verdict, override logged, the backup used, RTO and RPO
    steps = {s["step"]: s for s in report["steps"]}
    assert "amazon-outage" in steps["triage"]["detail"]
    assert "OVERRIDDEN" in steps["gate"]["detail"]
    assert report["backup"]["backup_id"] in steps["restore"]["detail"]
    assert report["backup"]["location"].startswith("gs://")
    assert 0 < report["rpo_seconds"] < report["duration_seconds"]
    assert 0 < report["rto_seconds"] < report["duration_seconds"]
    # the standby: the link to GCP cut, production SIGKILLed, promoted; lost writes measured against the acks
    standby = report["standby"]
    assert standby["path"] == "promote"
    assert standby["acknowledged_commits"] > 100
    assert 0 <= standby["lost_commits"] < standby["acknowledged_commits"]
    assert standby["rpo_seconds"] is not None and standby["rpo_seconds"] <= 1.0
    assert standby["dump_path_rpo_seconds"] == report["rpo_seconds"]
    assert standby["inserts_after_promote"] and all(i["ok"] for i in standby["inserts_after_promote"])
    # promote analyzed every table before traffic (pg_stat_user_tables.last_analyze on the standby)
    assert standby["statistics"]["analyzed"] is True and standby["statistics"]["analyzed_tables"] > 0
    assert standby["statistics"]["tables_without"] == 0 and standby["statistics"]["never_analyzed"] == []


@pytest.mark.slow
def test_local_drill_checks_restore_smoke_and_search(drill):
    report = drill.report
    steps = {s["step"]: s for s in report["steps"]}
    assert report["checks_failed"] == sum(1 for c in report["checks"] if c["status"] == "failed")
    names = {c["name"] for c in report["checks"]}
    assert {
        "restored = manifest",
        "planner statistics on every table",
        "restored = production at backup time",
        "search",
        "verdict is amazon-outage",
    } <= names
    assert any(c["name"] == "rows" and c["status"] == "passed" for c in report["checks"])
    # the app VM booted from its startup script: the smoke step's HTTP and Redis checks ran and passed
    smoke = {c["name"]: c["status"] for c in report["checks"] if c["step"] == "smoke"}
    assert smoke["http"] == "passed" and smoke["redis"] == "passed"
    # the search data came back from the GCS copy of the snapshot, counts equal
    assert "counts equal" in steps["search"]["detail"]
    # the round trip: every GCP-era row and object on AWS, and reconcile found exactly the stranded writes
    failback = report["failback"]
    assert failback["method"] == "replication" and failback["freeze_seconds"] is not None
    assert failback["gcp_era_rows"] > 0 and failback["gcp_era_objects"] == failback["objects_copied"] > 0
    found = failback["reconcile"]
    assert found["stranded_writes_found"] == found["stranded_writes_made"] == found["deliberate"] + found["writer_lost"]
    assert found["deliberate"] == 5 and found["unbounded"] == 0
    assert {"stranded writes found = made", "GCP-era rows on AWS", "GCP-era objects in S3"} <= names


@pytest.mark.slow
def test_local_drill_report_files_agree_and_are_kept(drill):
    report, out = drill.report, drill.out
    # the three report files agree with each other
    on_disk = json.loads((out / "report.json").read_text())
    assert on_disk["drill_id"] == report["drill_id"] and on_disk["steps"] == report["steps"]
    md = (out / "report.md").read_text()
    rows = re.findall(r"^\| \d+ \| (.+?) \| (PASSED|FAILED|SKIPPED) \|", md, re.M)
    assert [(t, s.lower()) for t, s in rows] == [(s["title"], s["status"]) for s in report["steps"]]
    html = (out / "report.html").read_text()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    root = ET.fromstring(svg)
    bars = [
        e
        for e in root.iter("{http://www.w3.org/2000/svg}rect")
        if e.find("{http://www.w3.org/2000/svg}title") is not None
    ]
    assert len(bars) == len(report["steps"])
    assert not re.search(r"\b(src|href)\s*=|<link|@import|<script", html)  # no external assets
    # the report is kept for `rehearse history`
    kept = drill.workdir / "kaleo-dr-state" / "reports" / report["drill_id"] / "report.json"
    assert json.loads(kept.read_text())["drill_id"] == report["drill_id"]


@pytest.mark.slow
def test_local_drill_leaves_nothing_behind(drill):
    # temp folders and PostgreSQL clusters of the drill are gone from its own TMPDIR
    assert drill.left_behind == set()


def _report(folder: Path, started: str, ok: bool, rto: float | None, rpo: float | None) -> None:
    moment = dt.datetime.fromisoformat(started)
    drill_id = moment.strftime("%Y%m%dT%H%M%SZ") + "-local"
    quarter = f"{moment.year}q{(moment.month - 1) // 3 + 1}"
    data = {
        "format": "kaleo-dr-drill/1", "kind": "local", "drill_id": drill_id, "quarter": quarter,
        "started_at": started, "ok": ok, "rto_seconds": rto, "rpo_seconds": rpo, "checks_failed": 0 if ok else 2,
    }  # fmt: skip
    path = folder / drill_id / "report.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(data))


def test_history_quarter_over_quarter(in_tmp, cli):
    reports = in_tmp / "kaleo-dr-state" / "reports"
    _report(reports, "2026-02-10T10:00:00+00:00", True, 5400.0, 3600.0)
    _report(reports, "2026-05-12T10:00:00+00:00", False, None, 3000.0)
    _report(reports, "2026-05-20T10:00:00+00:00", True, 4000.0, 1800.0)
    _report(reports, "2026-11-27T03:00:00+00:00", True, 3500.0, 2000.0)
    (reports / "junk").mkdir()
    (reports / "junk" / "report.json").write_text("{not json")

    res = cli("rehearse", "history", "--json")
    assert res.code == 0, res.stdout
    data = res.json()
    quarters = data["quarters"]
    assert [q["quarter"] for q in quarters] == ["2026q1", "2026q2", "2026q4"]
    q2 = quarters[1]
    assert (q2["drills"], q2["passed"], q2["rto_seconds"], q2["last_ok"]) == (2, 1, 4000.0, True)
    assert q2["rto_change_seconds"] == -1400.0 and q2["rpo_change_seconds"] == -1800.0
    assert quarters[2]["rto_change_seconds"] == -500.0 and quarters[2]["rpo_change_seconds"] == 200.0
    assert len(data["drills"]) == 4

    human = cli("rehearse", "history")
    assert human.code == 0 and "2026q2" in human.stdout
    assert history(in_tmp / "nowhere")["quarters"] == []


def test_rehearse_needs_one_mode(in_tmp, cli):
    assert cli("rehearse", "--json").code == 2
    assert cli("rehearse", "--local", "--sandbox", "--json").code == 2
    res = cli("rehearse", "--local", "--teardown", "--json")
    assert res.code == 2 and "--teardown" in res.json()["error"]


def test_sandbox_stack_names_never_production():
    when = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    assert sandbox_stack_name(parse_config({}), when) == "gcp-drill-2026q4"
    from scripts.output import BadInput

    clash = parse_config({"pulumi": {"gcp_stack": "gcp", "aws_stack": "gcp-drill-2026q4"}})
    with pytest.raises(BadInput):
        sandbox_stack_name(clash, when)


@pytest.mark.skipif(shutil.which("pulumi") is not None, reason="the Pulumi CLI is installed here")
def test_sandbox_fails_clearly_without_the_pulumi_cli(in_tmp, cli):
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump({"pulumi": {"project_dir": str(Path.cwd())}}))
    with time_machine.travel(dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)):
        res = cli("rehearse", "--sandbox", "--out", str(in_tmp / "sandbox-report"), "--json")
    assert res.code == 1
    report = res.json()
    assert report["stack"] == "gcp-drill-2026q4"
    assert report["steps"][0]["step"] == "stack" and report["steps"][0]["status"] == "failed"
    assert "Pulumi CLI ('pulumi') is not installed" in report["steps"][0]["detail"]
    assert len(report["steps"]) == 1  # nothing ran after the failed pulumi up
    assert (in_tmp / "sandbox-report" / "report.html").is_file()
    teardown = cli("rehearse", "--sandbox", "--teardown", "--json")
    assert teardown.code == 1 and "Pulumi CLI" in teardown.json()["error"]
    # the drill kept its own state: the production incident log was never opened
    assert not (in_tmp / "kaleo-dr-state" / "incidents.sqlite").exists()
    assert (in_tmp / "kaleo-dr-state" / "sandbox" / "gcp-drill-2026q4" / "incidents.sqlite").is_file()


def test_sandbox_never_aims_at_production_state_inventory_or_database(tmp_path):
    from scripts.drill.sandbox import sandbox_config, sandbox_target_dsn
    from scripts.output import CheckFailed

    prod = parse_config(
        {
            "state": {"dir": str(tmp_path / "state")},
            "provision": {"inventory": str(tmp_path / "prod-inventory.yml")},
            "restore": {"target_dsn": "postgresql://kaleo_admin@10.40.4.10:5433/kaleo"},
            "failover": {
                "smoke": {
                    "db_dsn": "postgresql://kaleo@10.40.4.10/kaleo",
                    "http_url": "https://app.example.com/health",
                    "redis_url": "redis://10.40.4.20:6379",
                    "db_tables": ["public.accounts"],
                }
            },
        }
    )
    drill = sandbox_config(prod, "gcp-drill-2026q4")
    own = tmp_path / "state" / "sandbox" / "gcp-drill-2026q4"
    assert drill.state.incident_log_path() == own / "incidents.sqlite"
    assert drill.provision.inventory == own / "provision" / "inventory.yml"
    assert drill.provision.artifacts_dir == own / "provision"
    assert drill.restore.target_dsn is None
    smoke = drill.failover.smoke
    assert (smoke.db_dsn, smoke.http_url, smoke.redis_url) == (None, None, None)
    assert smoke.db_tables == ["public.accounts"]
    assert prod.restore.target_dsn and prod.state.dir == tmp_path / "state"  # the original is unchanged
    outputs = {"privateIps": {"db": ["10.90.4.7"], "app": ["10.90.0.2"]}}
    dsn = sandbox_target_dsn(prod, outputs, "gcp-drill-2026q4")
    assert "10.90.4.7" in dsn and "5433" in dsn and "kaleo_admin" in dsn and "10.40.4.10" not in dsn
    with pytest.raises(CheckFailed, match=r"privateIps\.db"):
        sandbox_target_dsn(prod, {"privateIps": {}}, "gcp-drill-2026q4")


def _marked_processes(mark: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if f"KALEO_TEST_MARK={mark}".encode() in environ:
            found.append(int(proc.name))
    return found


def _journal_has(state_db: Path, needle: str) -> bool:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{state_db}?mode=ro", uri=True, timeout=1) as conn:
            return any(needle in r[0] for r in conn.execute("SELECT payload FROM events WHERE kind = 'step'"))
    except sqlite3.Error:
        return False


@pytest.mark.timeout(300)
def test_interrupted_drill_leaves_nothing_behind(in_tmp, drill_tmpdir):
    import os
    import signal
    import subprocess
    import sys
    import time
    import uuid

    root = Path(__file__).resolve().parent.parent
    mark = uuid.uuid4().hex
    tmpdir = drill_tmpdir
    env = {**os.environ, "KALEO_TEST_MARK": mark, "PYTHONPATH": str(root), "TMPDIR": str(tmpdir)}
    env.pop("KALEO_DR_CONFIG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts", "rehearse", "--local", "--out", str(in_tmp / "out"), "--json"],
        cwd=in_tmp,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 200
        # interrupt once every stand-in is up and the backup is being shipped
        while True:
            assert proc.poll() is None, "the drill ended before it could be interrupted"
            assert time.monotonic() < deadline, "the drill never reached the backup step"
            new = set(tmpdir.glob("kaleo-drill-*"))
            if any(_journal_has(d / "state" / "incidents.sqlite", '"step":"agent-backup"') for d in new):
                break
            time.sleep(0.1)
        assert len(_marked_processes(mark)) > 2  # the drill, its PostgreSQL servers, moto, the GCS emulator
        proc.send_signal(signal.SIGINT)
        proc.wait(90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode != 0
    # stopped servers may take a moment to exit after their parent returned
    gone_by = time.monotonic() + 15
    while _marked_processes(mark) and time.monotonic() < gone_by:
        time.sleep(0.2)
    left = {}
    for pid in _marked_processes(mark):
        try:
            left[pid] = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
    assert left == {}
    assert leftovers(tmpdir) == set()
    assert not (in_tmp / "out" / "report.json").exists()
