"""The continuity machines configure themselves at boot, from the plans' own boot settings.

* the AWS agent: the launch template's user data (``playbooks/boot/kaleo-boot.sh`` behind the
  stack's settings) run for real against moto S3 with the AWS CLI: pinned bundle, role
  variables ``vars/agent.yml``, ``site.yml`` converged as group ``agent`` (cron lines of the
  agent's jobs, the RDS instance of the stack), a second boot that changes nothing;
* the GCP watcher: the watcher VM's startup script and metadata from the gcp-standby plan,
  run against the GCS emulator and the metadata and Secret Manager stand-ins: the watcher's
  hourly freshness, daily readiness and weekly restore test scheduled.

The converges need root on Debian (apt, cron, a system user), like CI. The kaleo-dr release the
role installs is the one of this test run's virtualenv (``continuity_agent_venv``): the pip
install itself is covered by ``tests/test_continuity_agent.py``.
"""

from __future__ import annotations

import base64
import fcntl
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

import pytest
import yaml

from scripts.cloud import boot
from scripts.drill.steps.app_boot import LOCK, _recap_changed

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("apt-get") is None, reason="needs root on Debian (apt, cron)"
)
needs_aws_cli = pytest.mark.skipif(shutil.which("aws") is None, reason="needs the AWS CLI (Debian package awscli)")


def agent_user_data(plan) -> str:
    (lt,) = [r for r in plan.by_type(LAUNCH_TEMPLATE) if r.name == "kaleo-continuity-agent-lt"]
    return base64.b64decode(lt.inputs["userData"]).decode()


def pinned(script: str, **settings: str) -> str:
    """The user data with some of its header settings replaced (as a new stack config would write them)."""
    for key, value in settings.items():
        script, n = re.subn(rf"^export {key}='[^']*'$", f"export {key}='{value}'", script, flags=re.M)
        assert n == 1, key
    return script


def boot_env(prefix: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "KALEO_BOOT_PREFIX": str(prefix),
        "KALEO_BOOT_DEFAULTS": str(prefix / "no-defaults"),
        "KALEO_ANSIBLE_PLAYBOOK": str(Path(sys.executable).with_name("ansible-playbook")),
        "KALEO_BOOT_PYTHON": "/usr/bin/python3",
        "ANSIBLE_LOCALHOST_WARNING": "False",
        **extra,
    }


def run_script(script: str, env: dict[str, str], tmp: Path) -> subprocess.CompletedProcess[str]:
    path = tmp / f"boot-{uuid.uuid4().hex[:6]}.sh"
    path.write_text(script)
    return subprocess.run(["/bin/bash", str(path)], capture_output=True, text=True, env=env, timeout=900, check=False)


def test_the_agent_user_data_is_the_boot_script_behind_the_stack_settings(committed_plan):
    plan = committed_plan("aws")
    script = agent_user_data(plan)
    body = boot.PLAYBOOKS.joinpath("boot", "kaleo-boot.sh").read_text().removeprefix("#!/bin/bash\n")
    assert script.startswith("#!/bin/bash\n") and script.endswith(body)
    header = dict(re.findall(r"^export (KALEO_[A-Z0-9_]+)='([^']*)'$", script, flags=re.M))
    assert header == {
        "KALEO_CLOUD": "aws",
        "KALEO_ROLE": "agent",
        "KALEO_AWS_REGION": "us-east-1",
        "KALEO_RELEASE_BUCKET": plan.outputs["continuityAgentBootBucket"],
        "KALEO_BUNDLE_VERSION": "0.0.0",
        "KALEO_BUNDLE_SHA256": "",
        "KALEO_RDS_INSTANCE": "kaleo-db-id",
    }
    # the agent may read its bundle and role variables in that bucket, nothing else in S3
    (policy,) = [r for r in plan.by_type("aws:iam/rolePolicy:RolePolicy") if r.name == "kaleo-continuity-agent-boot"]
    (statement,) = yaml.safe_load(policy.inputs["policy"])["Statement"]
    assert statement["Action"] == ["s3:GetObject"]
    assert [r.rsplit(":::", 1)[-1].split("/", 1)[1] for r in statement["Resource"]] == ["bundles/*", "vars/agent.yml"]


def test_the_agent_refuses_to_boot_from_an_unpinned_bundle(committed_plan, tmp_path):
    """The committed stack pins nothing yet: the user data as planned stops before downloading anything."""
    proc = run_script(agent_user_data(committed_plan("aws")), boot_env(tmp_path, KALEO_AWS_CLI="/bin/true"), tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "kaleo-bundle-sha256 is not a sha256" in proc.stdout and "refusing an unpinned bundle" in proc.stdout


@needs_aws_cli
def test_the_agent_refuses_a_bundle_whose_sha256_is_not_the_pin(committed_plan, aws_env, tmp_path):
    import boto3

    plan = committed_plan("aws")
    bucket = plan.outputs["continuityAgentBootBucket"]
    s3 = boto3.client("s3", endpoint_url=aws_env.url, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    bundle = boot.build_bundle("wrong-1")
    s3.put_object(Bucket=bucket, Key=bundle.object, Body=bundle.data)
    script = pinned(agent_user_data(plan), KALEO_BUNDLE_VERSION="wrong-1", KALEO_BUNDLE_SHA256="0" * 64)
    proc = run_script(script, boot_env(tmp_path, KALEO_S3_ENDPOINT=aws_env.url), tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"the pin is {'0' * 64}: refusing it" in proc.stdout
    assert not (tmp_path / "var/lib/kaleo-boot/bundles" / ("0" * 64)).exists()


def converge_vars(tmp: Path, tag: str) -> dict[str, object]:
    """What differs on this machine from a real agent or watcher (paths, scheduler, host-owned settings)."""
    for folder in ("opt", "etc", "home", "bin"):
        (tmp / folder).mkdir(exist_ok=True)
    return {
        "kaleo_service_manager": "sysvinit",
        "common_time_sync_enabled": False,
        "common_oslogin_enabled": False,
        "common_sshd_hardening_enabled": False,
        "common_unattended_upgrades_enabled": False,
        "common_apt_cache_valid_time": 86400 * 365,
        "continuity_agent_apt_cache_valid_time": 86400 * 365,
        "continuity_agent_scheduler": "cron",
        "continuity_agent_release_version": VERSION,
        # the release of this run's virtualenv is the pinned one: nothing to pip install
        "continuity_agent_venv": sys.prefix,
        "continuity_agent_install_dir": str(tmp / "opt"),
        "continuity_agent_config_dir": str(tmp / "etc"),
        "continuity_agent_home": str(tmp / "home"),
        "continuity_agent_wrapper": str(tmp / "bin" / "kaleo-dr-job"),
        "continuity_agent_user": "kaleo-dr-test",
        "continuity_agent_group": "kaleo-dr-test",
        "continuity_agent_cron_file": f"kaleo-dr-jobs-boot-{tag}",
        # the restore test's server is elsewhere here (jobs.restore_test.server_dsn)
        "kaleo_watcher_postgresql": False,
    }


def cron_jobs(path: Path) -> dict[str, str]:
    """job name -> its whole cron line."""
    out = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" not in line.split()[0]:
            argv = shlex.split(line)
            out[argv[argv.index("--") - 1]] = line
    return out


def run_boot(script: str, env: dict[str, str], tmp: Path, times: int = 1) -> list[str]:
    """Run the boot ``times`` times (one converge on this machine at a time); the outputs."""
    outputs = []
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for _ in range(times):
            proc = run_script(script, env, tmp)
            assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
            outputs.append(proc.stdout)
    return outputs


@needs_root
@needs_aws_cli
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_new_agent_instance_converges_its_role_from_the_user_data(committed_plan, aws_env, tmp_path):
    import boto3

    plan = committed_plan("aws")
    bucket = plan.outputs["continuityAgentBootBucket"]
    tag = uuid.uuid4().hex[:6]
    s3 = boto3.client("s3", endpoint_url=aws_env.url, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    bundle = boot.build_bundle(f"agent-{tag}")
    s3.put_object(Bucket=bucket, Key=bundle.object, Body=bundle.data)
    config = {"backup": {"to": "gs://kaleo-dr-db-dumps/prod", "max_age": "26h"}, "jobs": {"host_role": "agent"}}
    s3.put_object(Bucket=bucket, Key="vars/agent.yml", Body=yaml.safe_dump({"continuity_agent_config": config}))
    overrides = tmp_path / "host-vars.yml"
    overrides.write_text(yaml.safe_dump(converge_vars(tmp_path, tag)))
    script = pinned(agent_user_data(plan), KALEO_BUNDLE_VERSION=bundle.version, KALEO_BUNDLE_SHA256=bundle.sha256)
    env = boot_env(tmp_path / "vm", KALEO_S3_ENDPOINT=aws_env.url, KALEO_BOOT_EXTRA_VARS=str(overrides))
    cron_file = Path("/etc/cron.d") / f"kaleo-dr-jobs-boot-{tag}"
    try:
        first, second = run_boot(script, env, tmp_path, times=2)
        assert _recap_changed(second) == 0, second[-3000:]  # a second boot changes nothing
        jobs = cron_jobs(cron_file)
        assert set(jobs) == {"backup", "secrets-sync", "search-snapshot"}
        # the RDS instance comes from the stack, through the user data
        assert jobs["backup"].startswith("15 2 * * * kaleo-dr-test ")
        assert jobs["backup"].endswith("backup -- backup create --rds-instance kaleo-db-id")
        # the role variables came from vars/agent.yml
        assert yaml.safe_load((tmp_path / "etc" / "kaleo-dr.yaml").read_text()) == config
        assert f"fetching s3://{bucket}/{bundle.object}" in first and "converged: role agent" in first
        log = (tmp_path / "vm" / "var/log/kaleo-boot.log").read_text()
        assert "already unpacked" in log  # the second boot reused the verified bundle
    finally:
        cron_file.unlink(missing_ok=True)


@needs_root
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_watcher_vm_converges_its_jobs_from_its_startup_script(committed_plan, gcs, tmp_path):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage  # type: ignore[attr-defined]

    from scripts.standins.gcemetadata import MetadataStandin
    from scripts.standins.localsvc import env_vars
    from scripts.standins.secretmanager import SecretManagerStandin

    plan = committed_plan("gcp-standby")
    (vm,) = [r for r in plan.by_type("gcp:compute/instance:Instance") if r.name == "kaleo-watcher-vm"]
    attributes = {str(k): str(v) for k, v in vm.inputs["metadata"].items()}
    tag = uuid.uuid4().hex[:6]
    bundle = boot.build_bundle(f"watcher-{tag}")
    config = {
        "backup": {"to": f"gs://{attributes['kaleo-dump-bucket']}/prod", "max_age": "26h"},
        "jobs": {"host_role": "watcher"},
    }
    with env_vars(gcs.gcs_env()):
        client = storage.Client(project="kaleo-drill", credentials=AnonymousCredentials())
        bucket = client.bucket(attributes["kaleo-release-bucket"])
        if not bucket.exists():
            bucket = client.create_bucket(bucket.name)
        bucket.blob(bundle.object).upload_from_string(bundle.data)
        bucket.blob("vars/watcher.yml").upload_from_string(yaml.safe_dump({"continuity_agent_config": config}))
    attributes.update({"kaleo-bundle-version": bundle.version, "kaleo-bundle-sha256": bundle.sha256})
    secrets = {v: uuid.uuid4().hex for k, v in attributes.items() if k.endswith("-secret")}
    overrides = tmp_path / "host-vars.yml"
    overrides.write_text(yaml.safe_dump(converge_vars(tmp_path, tag)))
    cron_file = Path("/etc/cron.d") / f"kaleo-dr-jobs-boot-{tag}"
    with (
        MetadataStandin(project="kaleo-drill", attributes=attributes) as meta,
        SecretManagerStandin(secrets=secrets) as sm,
    ):
        env = boot_env(
            tmp_path / "vm",
            KALEO_METADATA_URL=meta.url,
            KALEO_GCS_ENDPOINT=gcs.url,
            KALEO_SECRET_MANAGER_URL=sm.url,
            KALEO_BOOT_EXTRA_VARS=str(overrides),
        )
        try:
            (first,) = run_boot(attributes["startup-script"], env, tmp_path)
            jobs = cron_jobs(cron_file)
            assert set(jobs) == {"freshness", "readiness", "restore-test"}
            assert jobs["freshness"].startswith("5 * * * * kaleo-dr-test ")  # hourly
            assert jobs["readiness"].startswith("0 7 * * * ")  # daily
            assert jobs["restore-test"].startswith("0 5 * * 0 ")  # weekly
            assert jobs["freshness"].endswith("--alarm-on error freshness -- watch freshness")
            assert yaml.safe_load((tmp_path / "etc" / "kaleo-dr.yaml").read_text()) == config
            assert "converged: role watcher" in first
            assert not any(value in first for value in secrets.values())
        finally:
            cron_file.unlink(missing_ok=True)


def test_the_bundle_holds_what_the_continuity_machines_boot_and_says_how_to_pin_it(cli, in_tmp):
    import io
    import tarfile

    out = in_tmp / "bundle.tar.gz"
    r = cli("boot", "bundle", "--version", "2026.11.1", "--out", str(out), "--json")
    assert r.code == 0, r.stdout
    data = r.json()
    with tarfile.open(fileobj=io.BytesIO(out.read_bytes())) as tar:
        names = set(tar.getnames())
    assert {"site.yml", "continuity.yml", "roles/continuity_agent/tasks/main.yml"} <= names
    assert f"pulumi config set --stack aws kaleo:agentBundleSha256 {data['sha256']}" in data["pin"]
    assert f"pulumi config set --stack gcp-standby kaleo:gcpBundleSha256 {data['sha256']}" in data["pin"]
