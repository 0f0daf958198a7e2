"""The one full local drill of the test session (``kaleo-dr rehearse --local``).

test_rehearse reads its report; test_app_boot reads its app-boot step, probed right after the
step returns, while the VM it booted (nginx, the app, redis, the metadata, Secret Manager and GCS
stand-ins) still runs. The drill boots that VM twice (first boot, then a second boot that must
change nothing): one drill for both modules instead of a drill plus a boot of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

DRILL_LEFTOVERS = ("kaleo-drill-*", "kaleo-pg-drill-*")


@contextlib.contextmanager
def own_tmpdir() -> Iterator[Path]:
    """A TMPDIR of the drill under test alone (``TMPDIR`` for its children, ``tempfile``'s folder for
    this process): its temp folders and clusters go there, so the leftover checks never see another
    drill running on this machine at the same time."""
    path = Path(tempfile.mkdtemp(prefix="kaleo-test-tmpdir-"))
    path.chmod(0o1777)  # like /tmp: the PostgreSQL clusters' owner (postgres) must traverse it
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("TMPDIR", str(path))
            mp.setattr(tempfile, "tempdir", None)  # computed again from TMPDIR on next use
            assert Path(tempfile.gettempdir()) == path
            yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def leftovers(tmpdir: Path) -> set[str]:
    return {p.name for pattern in DRILL_LEFTOVERS for p in tmpdir.glob(pattern)}


@dataclass
class AppBootProbe:
    """What test_app_boot reads of the drill's app-boot step, taken while the booted VM runs."""

    outcome: Any = None
    smoke_http: dict[str, Any] | None = None
    smoke_redis: dict[str, Any] | None = None
    boot_log: str = ""
    secrets_sent: list[str] = field(default_factory=list)
    bad_pin: subprocess.CompletedProcess[str] | None = None
    error: BaseException | None = None  # a probe that broke: raised by the tests that read it

    def take(self, drill: Any, ctx: Any, outcome: Any, scratch: Path) -> None:
        from scripts.runbook.failover.smoke import smoke_http, smoke_redis

        self.outcome = outcome
        if outcome.status != "passed":
            return
        # the smoke checks that are skipped without a VM, against what the boot built
        smoke = ctx.config.failover.smoke
        self.smoke_http = smoke_http(smoke.http_url, 200, 5)
        self.smoke_redis = smoke_redis(smoke.redis_url, 5)
        self.boot_log = Path(outcome.data["boot_log"]).read_text()
        self.secrets_sent = list(drill.services["secretmanager"].options["secrets"].values())
        self.bad_pin = self._boot_with_a_wrong_bundle_pin(drill, scratch)

    @staticmethod
    def _boot_with_a_wrong_bundle_pin(drill: Any, scratch: Path) -> subprocess.CompletedProcess[str]:
        """The VM's startup script again, the metadata pinning a sha256 the bundle in the bucket does not have."""
        meta = drill.services["gce-metadata"]
        attributes = dict(meta.options["attributes"])
        script = scratch / "startup-script"
        script.write_text(attributes["startup-script"])
        meta.set_scenario("ok", project="kaleo-drill", attributes={**attributes, "kaleo-bundle-sha256": "0" * 64})
        try:
            return subprocess.run(
                ["/bin/bash", str(script)],
                capture_output=True,
                text=True,
                env={
                    **os.environ,
                    "KALEO_METADATA_URL": meta.url,
                    "KALEO_GCS_ENDPOINT": drill.services["gcs(emulator)"].url,
                    "KALEO_BOOT_PREFIX": str(scratch / "vm"),
                    "KALEO_BOOT_DEFAULTS": str(scratch / "none"),
                },
                timeout=120,
                check=False,
            )
        finally:
            meta.set_scenario("ok", project="kaleo-drill", attributes=attributes)

    def read(self) -> Any:
        """The step's outcome; fails the reading test if the drill never booted the VM or the probe broke."""
        if self.error is not None:
            raise self.error
        assert self.outcome is not None, "the drill never ran its app-boot step"
        return self.outcome


@dataclass
class DrillRun:
    code: int
    report: dict[str, Any]
    out: Path
    workdir: Path
    left_behind: set[str]
    app_boot: AppBootProbe


def run_drill(workdir: Path) -> DrillRun:
    """``kaleo-dr rehearse --local --json`` in-process, in ``workdir`` and a TMPDIR of its own."""
    from typer.testing import CliRunner

    from scripts.cli import app
    from scripts.drill.steps.app_boot import AppBootStep

    out = workdir / "drill-report"
    probe = AppBootProbe()
    boot = AppBootStep.run

    def run_and_probe(self: AppBootStep, ctx: Any) -> Any:
        outcome = boot(self, ctx)
        try:
            probe.take(self.drill, ctx, outcome, Path(tempfile.mkdtemp(prefix="app-boot-probe-", dir=workdir)))
        except Exception as exc:  # kept for test_app_boot; the drill goes on as it would have
            probe.error = exc
        return outcome

    with own_tmpdir() as tmpdir, pytest.MonkeyPatch.context() as mp:
        mp.chdir(workdir)
        mp.delenv("KALEO_DR_CONFIG", raising=False)
        mp.setattr(AppBootStep, "run", run_and_probe)
        result = CliRunner().invoke(app, ["rehearse", "--local", "--out", str(out), "--json"], catch_exceptions=False)
        report = json.loads(result.stdout)
        left_behind = leftovers(tmpdir)
    return DrillRun(result.exit_code, report, out, workdir, left_behind, probe)
