"""The app VM's startup script, run for real on this machine (the drill's app-boot step).

The step runs inside the session's one local drill (tests/drill_support.py), which boots the VM
twice; these tests read that step's outcome and what was probed right after it, while nginx, the
app, redis and the stand-ins it booted against still ran.

Needs root and Debian's nginx, redis-server and PostgreSQL client (like CI): the step
installs nothing the machine lacks beyond what apt already holds.
"""

from __future__ import annotations

import os
import shutil

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("apt-get") is None or shutil.which("redis-server") is None,
        reason="needs root on Debian with redis-server",
    ),
]


@pytest.fixture
def booted(local_drill):
    return local_drill.app_boot


def test_the_app_vm_converges_and_answers_health_through_nginx(booted):
    outcome = booted.read()
    assert outcome.status == "passed", outcome.detail
    names = {c["name"]: c for c in outcome.checks}
    assert names["GET /health through nginx"]["status"] == "passed"
    assert names["second boot changes nothing"]["status"] == "passed"
    assert names["bucket names from the metadata"]["detail"] == "{'uploads': 'kaleo-dr-uploads'}"
    # the smoke checks, run right after the boot against what it built
    assert booted.smoke_http["status"] == "passed", booted.smoke_http
    assert booted.smoke_redis["status"] == "passed", booted.smoke_redis


def test_the_boot_log_is_kept_and_holds_no_secret(booted):
    assert booted.read().status == "passed"
    log = booted.boot_log
    assert "converged: role app" in log
    assert booted.secrets_sent
    assert not any(value in log for value in booted.secrets_sent)


def test_the_boot_refuses_a_bundle_whose_sha256_is_not_the_pin(booted):
    assert booted.read().status == "passed"
    proc = booted.bad_pin
    assert proc is not None
    assert proc.returncode == 1
    assert "the pin is 0000" in proc.stdout and "refusing it" in proc.stdout
