"""The app VM boots for real: its startup script runs here against the GCS emulator.

What a VM the managed instance group adds at 4 a.m. does, played on this machine (as root,
state and log in a scratch prefix):

* the release bucket of the emulator holds the provisioning bundle built from this checkout
  (``kaleo-dr boot bundle``) and a small stand-in app release the step builds, each pinned
  by version and sha256 in the metadata, as the stack's config pins them;
* a metadata server stand-in answers the app template's own metadata from the offline plan
  (the data tier addresses point at this machine: the drill's GCP database and a real local
  ``redis-server``) and the VM's token; a Secret Manager stand-in holds the secrets;
* the template's ``startup-script`` runs; its Ansible run installs and configures nginx and
  the app; the app's ``/health`` logs in to PostgreSQL and Redis with what the boot wrote.

Checks: HTTP 200 from ``/health`` through nginx, nginx's own converged path, and a second
boot that changes nothing. The smoke step's HTTP and Redis checks then run against them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from scripts.drill.localenv import DATA_DIR, DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

RELEASE_SOURCE = DATA_DIR / "kaleo-release"
RELEASE_VERSION = "drill-1"
BUNDLE_VERSION = "drill-1"
APP_DB_USER = "kaleo_app_boot"
REDIS_USER = "kaleo"
#: One converge on this machine at a time (the converge tests take the same lock).
LOCK = (Path("/run/lock") if Path("/run/lock").is_dir() else Path(tempfile.gettempdir())) / "kaleo-dr-converge.lock"


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - loopback URL built here
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except OSError as exc:
        return 0, str(exc)


def _init_script(name: str, action: str) -> None:
    script = Path("/etc/init.d") / name
    if script.exists():
        subprocess.run([str(script), action], capture_output=True, check=False, timeout=60)


def _recap_changed(log: str) -> int | None:
    found = re.findall(r"localhost\s*:\s*ok=\d+\s+changed=(\d+)", log)
    return int(found[-1]) if found else None


class AppBootStep(DrillStep):
    name = "app-boot"
    title = "app VM boots from its startup script"

    def run(self, ctx: RunContext) -> StepOutcome:
        if os.geteuid() != 0:
            raise CheckFailed("the app VM boot runs as root, like a GCE startup script: run the drill as root")
        for exe, package in (("nginx", "nginx"), ("redis-server", "redis-server"), ("psql", "postgresql-client")):
            if shutil.which(exe) is None and not Path(f"/usr/sbin/{exe}").exists():
                raise CheckFailed(f"{exe} is missing: install the Debian package {package} (make deps)")
        template = self._app_template()
        with LOCK.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._boot(ctx, template)

    def _app_template(self) -> dict[str, Any]:
        from scripts.cloud.plan import run_plan

        plan = run_plan("gcp")
        (template,) = plan.by_type("gcp:compute/instanceTemplate:InstanceTemplate")
        return {str(k): str(v) for k, v in (template.inputs.get("metadata") or {}).items()}

    def _boot(self, ctx: RunContext, metadata: dict[str, str]) -> StepOutcome:
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        from scripts.cloud import boot
        from scripts.standins.gcemetadata import MetadataStandin
        from scripts.standins.localsvc import RedisServer, env_vars, free_port
        from scripts.standins.secretmanager import SecretManagerStandin

        d = self.drill
        gcs = d.services["gcs(emulator)"]
        gcp_db = d.services["gcp-db-vm"]
        # The scratch root of this VM: the app user must traverse it (the drill's temp folder is 0700).
        prefix = Path(tempfile.mkdtemp(prefix="kaleo-app-vm-", dir="/var/tmp"))
        d.stack.callback(shutil.rmtree, prefix, True)
        for folder in (prefix, prefix / "opt", prefix / "etc"):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o755)
        db_password = secrets.token_urlsafe(18)
        redis_password = secrets.token_urlsafe(18)
        gcp_db.psql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_DB_USER}') THEN "
            f"CREATE ROLE {APP_DB_USER} LOGIN; END IF; END $$; "
            f"ALTER ROLE {APP_DB_USER} PASSWORD '{db_password}'; GRANT CONNECT ON DATABASE {DB_NAME} TO {APP_DB_USER}"
        )
        redis = d.start("redis-server", RedisServer(REDIS_USER, redis_password))

        # the release bucket: the bundle of this checkout and the stand-in app release, pinned
        bucket_name = metadata["kaleo-release-bucket"]
        bundle = boot.build_bundle(BUNDLE_VERSION)
        release = boot.build_release(RELEASE_VERSION, RELEASE_SOURCE)
        with env_vars(gcs.gcs_env()):
            client = storage.Client(project="kaleo-drill", credentials=AnonymousCredentials())
            bucket = client.bucket(bucket_name)
            if not bucket.exists():
                bucket = client.create_bucket(bucket_name)
            for artifact in (bundle, release):
                bucket.blob(artifact.object).upload_from_string(artifact.data)

        # the VM's metadata: the app template's, pins set, data tiers on this machine
        attributes = dict(metadata)
        attributes.update(
            {
                "kaleo-bundle-version": bundle.version,
                "kaleo-bundle-sha256": bundle.sha256,
                "kaleo-release-version": release.version,
                "kaleo-release-sha256": release.sha256,
                "kaleo-db-host": "127.0.0.1",
                "kaleo-db-name": DB_NAME,
                "kaleo-db-user": APP_DB_USER,
                "kaleo-redis-host": "127.0.0.1",
                "kaleo-search-hosts": "127.0.0.1",
            }
        )
        secret_values = {
            attributes["kaleo-db-password-secret"]: db_password,
            attributes["kaleo-redis-password-secret"]: redis_password,
            attributes["kaleo-search-password-secret"]: secrets.token_urlsafe(18),
            attributes["kaleo-s3-hmac-access-id-secret"]: "GOOGDRILLHMACID",
            attributes["kaleo-s3-hmac-secret"]: secrets.token_urlsafe(30),
        }
        secret_values.update({v: secrets.token_urlsafe(24) for k, v in attributes.items() if k.endswith("-secret")
                              and v not in secret_values})  # fmt: skip
        meta = d.start("gce-metadata", MetadataStandin(project="kaleo-drill", attributes=attributes))
        sm = d.start("secretmanager", SecretManagerStandin(secrets=secret_values))

        app_port, nginx_port = free_port(), free_port()
        extra = {
            # what differs on this machine from a GCE VM: ports, service manager, host-owned settings
            "kaleo_service_manager": "sysvinit",
            "kaleo_db_port": gcp_db.port,
            "kaleo_redis_port": redis.port,
            "kaleo_redis_user": REDIS_USER,
            "app_port": app_port,
            "app_nginx_port": nginx_port,
            "app_install_dir": str(prefix / "opt/kaleo"),
            "app_config_dir": str(prefix / "etc/kaleo"),
            "app_db_sslmode": "prefer",
            "common_time_sync_enabled": False,
            "common_oslogin_enabled": False,
            "common_sshd_hardening_enabled": False,
            "common_unattended_upgrades_enabled": False,
        }
        extra_file = prefix / "boot-extra-vars.yml"
        extra_file.write_text(yaml.safe_dump(extra), encoding="utf-8")
        script = prefix / "startup-script"
        script.write_text(attributes["startup-script"], encoding="utf-8")
        env = {
            **os.environ,
            "KALEO_METADATA_URL": meta.url,
            "KALEO_GCS_ENDPOINT": gcs.url,
            "KALEO_SECRET_MANAGER_URL": sm.url,
            "KALEO_BOOT_PREFIX": str(prefix),
            "KALEO_BOOT_DEFAULTS": str(prefix / "no-defaults"),
            "KALEO_BOOT_EXTRA_VARS": str(extra_file),
            "KALEO_ANSIBLE_PLAYBOOK": str(Path(sys.executable).with_name("ansible-playbook")),
            "KALEO_BOOT_PYTHON": "/usr/bin/python3",
            "ANSIBLE_LOCALHOST_WARNING": "False",
        }
        d.stack.callback(_init_script, "nginx", "stop")
        d.stack.callback(_init_script, "kaleo-app", "stop")

        def boot_once() -> tuple[int, str, float]:
            started = time.monotonic()
            proc = subprocess.run(
                ["/bin/bash", str(script)], capture_output=True, text=True, env=env, timeout=900, check=False
            )
            return proc.returncode, proc.stdout + proc.stderr, time.monotonic() - started

        rc, log, first_seconds = boot_once()
        checks = [check("first boot", rc == 0, f"exit {rc} in {first_seconds:.0f}s; " + log.strip()[-300:])]
        if rc != 0:
            return outcome(checks, "the startup script failed")
        health_url = f"http://127.0.0.1:{nginx_port}/health"
        converged_url = f"http://127.0.0.1:{nginx_port}/nginx-health"
        status, body = 0, ""
        for _ in range(30):
            status, body = _get(health_url)
            if status == 200:
                break
            time.sleep(0.5)
        checks.append(check("GET /health through nginx", status == 200, f"{status} {body[:200]}"))
        with contextlib.suppress(ValueError):
            buckets = json.loads(body).get("buckets") if status == 200 else None
            expected = json.loads(attributes["kaleo-buckets"])
            checks.append(check("bucket names from the metadata", buckets == expected, f"{buckets}"))
        conv_status, _ = _get(converged_url)
        checks.append(check("GET /nginx-health (auto-healing)", conv_status == 200, f"{conv_status}"))
        rc2, log2, second_seconds = boot_once()
        changed = _recap_changed(log2)
        changed_tasks = re.findall(r"TASK \[([^\]]+)\][^\n]*\n(?:(?!TASK)[^\n]*\n)*?changed: \[localhost\]", log2)
        detail = f"exit {rc2}, changed={changed}" + (f": {', '.join(changed_tasks)}" if changed_tasks else "")
        checks.append(check("second boot changes nothing", rc2 == 0 and changed == 0, detail))
        log_file = prefix / "var/log/kaleo-boot.log"
        checks.append(check("boot log", log_file.is_file(), str(log_file)))

        # the smoke step now checks HTTP and Redis against what the boot built
        ctx.config.failover.smoke.http_url = health_url
        ctx.config.failover.smoke.redis_url = f"redis://127.0.0.1:{redis.port}"
        return outcome(
            checks,
            f"startup script converged in {first_seconds:.0f}s (second boot {second_seconds:.0f}s, nothing changed); "
            f"/health 200 through nginx on :{nginx_port}",
            {
                "first_boot_seconds": round(first_seconds, 1),
                "second_boot_seconds": round(second_seconds, 1),
                "boot_log": str(log_file),
            },
        )
