"""The app VM's startup script, run for real on this machine (the drill's app-boot step).

Needs root and Debian's nginx, redis-server and PostgreSQL client (like CI): the step
installs nothing the machine lacks beyond what apt already holds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts.config import parse_config
from scripts.drill.localenv import DB_NAME, LocalDrill
from scripts.drill.steps.app_boot import AppBootStep
from scripts.runbook.failover import smoke_http, smoke_redis
from scripts.standins.localsvc import GcsEmulator, PgCluster

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("apt-get") is None or shutil.which("redis-server") is None,
        reason="needs root on Debian with redis-server",
    ),
]


@pytest.fixture(scope="module")
def booted(tmp_path_factory):
    drill = LocalDrill(tmp_path_factory.mktemp("state"))
    try:
        drill.start("gcs(emulator)", GcsEmulator())
        db = drill.start("gcp-db-vm", PgCluster("bootdb"))
        db.create_database(DB_NAME)
        config = parse_config({"state": {"dir": str(drill.tmp / "state")}}, "<test>")
        ctx = SimpleNamespace(config=config, stack="gcp", data={})
        outcome = AppBootStep(drill).run(ctx)  # type: ignore[arg-type]
        yield drill, ctx, outcome
    finally:
        drill.close()


def test_the_app_vm_converges_and_answers_health_through_nginx(booted):
    _, ctx, outcome = booted
    assert outcome.status == "passed", outcome.detail
    names = {c["name"]: c for c in outcome.checks}
    assert names["GET /health through nginx"]["status"] == "passed"
    assert names["second boot changes nothing"]["status"] == "passed"
    assert names["bucket names from the metadata"]["detail"] == "{'uploads': 'kaleo-dr-uploads'}"
    # the smoke checks that were skipped in a local drill now run against what the boot built
    smoke = ctx.config.failover.smoke
    assert smoke_http(smoke.http_url, 200, 5)["status"] == "passed"
    assert smoke_redis(smoke.redis_url, 5)["status"] == "passed"


def test_the_boot_log_is_kept_and_holds_no_secret(booted):
    drill, _, outcome = booted
    log = Path(outcome.data["boot_log"]).read_text()
    assert "converged: role app" in log
    secrets_sent = drill.services["secretmanager"].options["secrets"].values()
    assert not any(value in log for value in secrets_sent)


def test_the_boot_refuses_a_bundle_whose_sha256_is_not_the_pin(booted, tmp_path):
    drill, _, _ = booted
    meta = drill.services["gce-metadata"]
    attributes = dict(meta.options["attributes"])
    script = tmp_path / "startup-script"
    script.write_text(attributes["startup-script"])
    meta.set_scenario("ok", project="kaleo-drill", attributes={**attributes, "kaleo-bundle-sha256": "0" * 64})
    try:
        proc = subprocess.run(
            ["/bin/bash", str(script)],
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "KALEO_METADATA_URL": meta.url,
                "KALEO_GCS_ENDPOINT": drill.services["gcs(emulator)"].url,
                "KALEO_BOOT_PREFIX": str(tmp_path / "vm"),
                "KALEO_BOOT_DEFAULTS": str(tmp_path / "none"),
            },
            timeout=120,
            check=False,
        )
    finally:
        meta.set_scenario("ok", project="kaleo-drill", attributes=attributes)
    assert proc.returncode == 1
    assert "the pin is 0000" in proc.stdout and "refusing it" in proc.stdout
