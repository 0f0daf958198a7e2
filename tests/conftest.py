"""Shared fixtures: real stand-ins started once per test session.

* ``pg``: a throwaway PostgreSQL 15 cluster (as the postgres user when root);
* ``moto_server``: moto in server mode (AWS APIs);
* ``gcs``: gcp-storage-emulator (GCS), with STORAGE_EMULATOR_HOST set by ``gcs_env``;
* ``cli``: run ``kaleo-dr`` in-process and get (exit code, stdout, stderr).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scripts.standins.localsvc import GcsEmulator, MotoServer, PgCluster

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAGILA = SHARED / "datasets" / "pagila"


@pytest.fixture(scope="session", autouse=True)
def plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Offline plans computed once per session for each distinct input (``KALEO_DR_PLAN_CACHE``):
    the many checks that plan the same committed stacks share one planning of each."""
    from scripts.cloud.plan import PLAN_CACHE_ENV

    path = tmp_path_factory.mktemp("plan-cache")
    previous = os.environ.get(PLAN_CACHE_ENV)
    os.environ[PLAN_CACHE_ENV] = str(path)
    yield path
    if previous is None:
        os.environ.pop(PLAN_CACHE_ENV, None)
    else:
        os.environ[PLAN_CACHE_ENV] = previous


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    with PgCluster("test") as cluster:
        yield cluster


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    with MotoServer() as server:
        yield server


@pytest.fixture(scope="session")
def gcs() -> Iterator[GcsEmulator]:
    with GcsEmulator() as emulator:
        yield emulator


@pytest.fixture
def gcs_env(gcs: GcsEmulator, monkeypatch: pytest.MonkeyPatch) -> GcsEmulator:
    for key, value in gcs.gcs_env().items():
        monkeypatch.setenv(key, value)
    return gcs


@pytest.fixture
def aws_env(moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch) -> MotoServer:
    for key, value in moto_server.aws_env().items():
        monkeypatch.setenv(key, value)
    return moto_server


def past_the_second(moment: dt.datetime) -> dt.datetime:
    """Wait until the wall clock is in a later whole second than ``moment``, and return ``moment``.

    For stamps of one-second resolution, rounded down (S3 LastModified, backup ids): whatever was
    stamped before ``moment`` reads no later than it, whatever is stamped from now on reads later.
    Waits at most one second (``time.sleep(1.1)`` always waited 1.1)."""
    target = math.floor(moment.timestamp()) + 1
    while (left := target - time.time()) > 0:
        time.sleep(left + 0.005)
    return moment


def stop_together(services: list[Any]) -> None:
    """Stop stand-ins all at once: each of their servers takes up to its poll interval to notice a
    shutdown, which adds up when a fixture stops nine of them one by one. Every one is stopped; the
    first error is raised."""
    errors: list[BaseException] = []

    def stop(service: Any) -> None:
        try:
            service.stop()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=stop, args=(service,)) for service in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


class BackoffClock:
    """Stands in for the ``time`` module of the storage retry loops (``with_retries`` and the restore's
    resumed object streams): every backoff delay they ask for is recorded, and waited out at 1/100 of it.
    Anything else (``monotonic``, ``time``) is the real ``time``."""

    SCALE = 0.01

    def __init__(self) -> None:
        self.delays: list[float] = []
        self._lock = threading.Lock()

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.delays.append(seconds)
        time.sleep(seconds * self.SCALE)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


@pytest.fixture
def backoff(monkeypatch: pytest.MonkeyPatch) -> BackoffClock:
    """Storage retries back off on :class:`BackoffClock` (recorded, 100 times shorter) in this process."""
    import scripts.db.restore.objects
    import scripts.db.storage

    clock = BackoffClock()
    monkeypatch.setattr(scripts.db.storage, "time", clock)
    monkeypatch.setattr(scripts.db.restore.objects, "time", clock)
    return clock


@pytest.fixture(scope="session")
def local_drill(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The one full local drill of the session (:func:`tests.drill_support.run_drill`), read by
    test_rehearse (its report) and test_app_boot (its app-boot step, probed while the VM ran)."""
    from tests.drill_support import run_drill

    return run_drill(tmp_path_factory.mktemp("drill"))


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def cli() -> Any:
    """Invoke kaleo-dr in-process: ``cli("plan", "--stack", "aws", env={...})``."""
    from scripts.cli import app
    from scripts.cliapp import AppState

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> CliResult:
        runner = CliRunner()
        try:
            result = runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
        finally:
            # One invocation's configuration (``--config``) ends with it, as its process would:
            # the code a later test calls directly must not read it.
            AppState.current = None
        stderr = result.stderr if result.stderr_bytes is not None else ""
        return CliResult(result.exit_code, result.stdout, stderr)

    return run


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in an empty folder (no kaleo-dr.yaml around)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KALEO_DR_CONFIG", raising=False)
    return tmp_path


class StackCopy:
    """A temporary copy of Pulumi.yaml and every Pulumi.<stack>.yaml, for tests that edit stack config."""

    def __init__(self, root: Path) -> None:
        self.dir = root
        root.mkdir(parents=True, exist_ok=True)
        for path in ROOT.glob("Pulumi*.yaml"):
            (root / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")

    def set(self, stack: str, key: str, value: Any) -> None:
        """Set ``key`` (``kaleo:name`` or ``provider:name``) in ``Pulumi.<stack>.yaml``."""
        import yaml

        path = self.dir / f"Pulumi.{stack}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["config"][key] = value
        path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def committed_plan() -> Any:
    """``committed_plan("gcp")``: the offline plan of a committed stack, planned once per session (do not mutate)."""
    from functools import cache

    from scripts.cloud.plan import run_plan

    return cache(run_plan)


def standby_linked_copy(root: Path) -> StackCopy:
    """Stack files with the standby DB on (gcp-standby) and the failover stack linked to it, on the standby."""
    copy = StackCopy(root)
    copy.set("gcp-standby", "kaleo:gcpStandbyDb", True)
    copy.set("gcp", "kaleo:gcpStandbyStack", "gcp-standby")
    copy.set("gcp", "kaleo:gcpDbSource", "standby")
    return copy


@pytest.fixture(scope="session")
def linked_plans(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``(gcp, gcp_standby)`` offline plans of :func:`standby_linked_copy` (planned once; do not mutate)."""
    from scripts.cloud.plan import run_plan

    copy = standby_linked_copy(tmp_path_factory.mktemp("standby-linked"))
    return run_plan("gcp", copy.dir), run_plan("gcp-standby", copy.dir)


@pytest.fixture
def stack_copy(tmp_path: Path) -> StackCopy:
    """``stack_copy.set("gcp", "kaleo:gcpDbDiskGb", 50)`` then plan with ``project_dir=stack_copy.dir``."""
    return StackCopy(tmp_path / "project")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    os.environ.setdefault("PYTHONWARNINGS", "ignore::FutureWarning")
