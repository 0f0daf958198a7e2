"""``backup create`` (DSN path) stopped by a scheduler: pg_dump stops, the scratch folder goes, nothing stays.

A pg_dump wrapper (a stand-in of the external tool, given with --pg-bin) writes its pid and
sleeps before it runs the real pg_dump, so the job can be signalled while "pg_dump" runs.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.db.backup import scratch
from scripts.standins.localsvc import PgCluster
from tests.conftest import ROOT

WRAPPER = """#!{python}
import os, sys, time
real = {real!r}
if "--version" not in sys.argv:
    with open(os.environ["KALEO_TEST_DUMP_PID"], "w") as f:
        f.write(str(os.getpid()))
    time.sleep(float(os.environ.get("KALEO_TEST_DUMP_SLEEPS", "0")))
os.execv(real, [real] + sys.argv[1:])
"""


@pytest.fixture
def slow_pg_dump(pg: PgCluster, tmp_path: Path) -> Path:
    folder = tmp_path / "pgbin"
    folder.mkdir()
    wrapper = folder / "pg_dump"
    wrapper.write_text(WRAPPER.format(python=sys.executable, real=str(pg.bin_dir / "pg_dump")))
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not reaped) is not running
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def _start(pg: PgCluster, tmp_path: Path, pgbin: Path, work: Path) -> tuple[subprocess.Popen[str], Path]:
    name = "hygiene_src"
    pg.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    dsn = pg.create_database(name)
    pg.psql("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000)", name)
    pid_file = tmp_path / "pg_dump.pid"
    env = {
        **os.environ,
        "PGPASSWORD": pg.password,
        "KALEO_TEST_DUMP_PID": str(pid_file),
        "KALEO_TEST_DUMP_SLEEPS": "60",
    }
    argv = [sys.executable, "-m", "scripts", "backup", "create", "--source-dsn", dsn, "--to", f"file://{tmp_path}/b"]
    argv += ["--pg-bin", str(pgbin), "--work-dir", str(work), "--json"]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert pid_file.exists(), proc.communicate()[1]
    time.sleep(0.2)
    return proc, pid_file


def test_sigterm_stops_pg_dump_and_removes_the_scratch_folder(
    pg: PgCluster, tmp_path: Path, slow_pg_dump: Path
) -> None:
    work = tmp_path / "work"
    proc, pid_file = _start(pg, tmp_path, slow_pg_dump, work)
    dump_pid = int(pid_file.read_text())
    assert [p.name for p in work.iterdir() if p.name.startswith(scratch.PREFIX)]  # the dump is under way
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    deadline = time.monotonic() + 10
    while _alive(dump_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(dump_pid), "pg_dump outlived the stopped job"
    assert list(work.iterdir()) == []  # no scratch folder, no dump left in it
    assert not list((tmp_path / "b").rglob("manifest.json"))


def test_pg_dump_dies_with_a_killed_job_and_the_next_run_sweeps_its_scratch(
    pg: PgCluster, tmp_path: Path, slow_pg_dump: Path, cli: object
) -> None:
    work = tmp_path / "work"
    proc, pid_file = _start(pg, tmp_path, slow_pg_dump, work)
    dump_pid = int(pid_file.read_text())
    proc.kill()  # SIGKILL: no cleanup code can run
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(dump_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(dump_pid), "pg_dump outlived its killed parent (no parent-death signal)"
    (left,) = [p for p in work.iterdir() if p.name.startswith(scratch.PREFIX)]
    # a folder of a job that is still running is never swept: hold its lock like a live job would
    busy = work / f"{scratch.PREFIX}busy-1"
    busy.mkdir()
    with (busy / scratch.LOCK_NAME).open("w") as held:
        import fcntl

        fcntl.flock(held, fcntl.LOCK_EX)
        removed = scratch.sweep(work)
        assert removed == [left] and not left.exists() and busy.exists()
