"""Role ``continuity_agent``: converged on this machine with ansible-runner (cron: no systemd here), the pinned
release installed for real, and the rendered cron lines run for real against moto RDS, the GCS emulator,
PostgreSQL and an SMTP sink; the systemd units of the watcher rendered by Ansible and checked.

Needs root and apt (Debian 12), like CI.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.cli import COMMAND_MODULES
from scripts.cloud.provision.playbook import run_playbook
from scripts.jobs import records
from scripts.standins.smtp import SmtpSink
from tests.rds_support import make_world, snapshot
from tests.restore_support import new_bucket
from tests.test_alarm import write_alarm_config

ROOT = Path(__file__).resolve().parent.parent
ROLE = ROOT / "playbooks" / "roles" / "continuity_agent"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
SHARED_SITE = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))
LOCAL = {"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}

needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("apt-get") is None, reason="needs root on Debian (apt)"
)


def test_role_layout_and_prefix():
    for part in ("defaults/main.yml", "tasks/main.yml", "handlers/main.yml", "meta/main.yml"):
        assert (ROLE / part).is_file(), part
    defaults = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text())
    assert [k for k in defaults if not k.startswith("continuity_agent_")] == []
    # one task file per concern, each imported by main.yml
    main = (ROLE / "tasks" / "main.yml").read_text()
    for name in ("preflight", "packages", "user", "install", "config", "schedule-cron", "schedule-systemd"):
        assert f"{name}.yml" in main
    # the schedules the README promises
    agent = {j["name"]: j for j in defaults["continuity_agent_jobs_agent"]}
    watcher = {j["name"]: j for j in defaults["continuity_agent_jobs_watcher"]}
    assert agent["backup"]["command"].startswith("backup create") and agent["backup"]["cron"] == "15 2 * * *"
    assert set(agent) == {"backup", "secrets-sync", "search-snapshot"}
    assert watcher["freshness"]["cron"] == "5 * * * *" and watcher["freshness"]["alarm_on"] == "error"
    assert watcher["readiness"]["cron"] == "0 7 * * *"
    assert watcher["restore-test"]["cron"].endswith(" 0") and watcher["restore-test"]["alarm_on"] == "error"


def test_continuity_playbook_syntax(tmp_path):
    inv = tmp_path / "inv.yml"
    groups = {"agent": {"hosts": {"agent-1": LOCAL}}, "watcher": {"hosts": {"watcher-1": LOCAL}}}
    inv.write_text(yaml.safe_dump({"all": {"children": groups}}))
    bin_dir = Path(sys.executable).parent
    proc = subprocess.run(
        [str(bin_dir / "ansible-playbook"), "--syntax-check", "-i", str(inv), str(ROOT / "playbooks/continuity.yml")],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _play(tmp: Path, extra: dict, check: bool = False, tasks_from: str | None = None) -> object:
    play = tmp / "play.yml"
    role = {"role": "continuity_agent"} if tasks_from is None else None
    body = {"name": "Continuity agent", "hosts": "agent", "become": False, "gather_facts": True}
    if role:
        body["roles"] = [role]
    else:
        body["tasks"] = [
            {
                "name": "Render",
                "ansible.builtin.include_role": {"name": "continuity_agent", "tasks_from": tasks_from},
            }
        ]
    play.write_text(yaml.safe_dump([body], sort_keys=False))
    inv = tmp / "inv.yml"
    inv.write_text(yaml.safe_dump({"all": {"children": {"agent": {"hosts": {"localhost": LOCAL}}}}}))
    return run_playbook(inventory=inv, playbook=play, artifacts_dir=tmp / "artifacts", extravars=extra, check=check)


@pytest.fixture
def roles_path(monkeypatch):
    monkeypatch.setenv("ANSIBLE_ROLES_PATH", str(ROOT / "playbooks" / "roles"))
    monkeypatch.setenv("ANSIBLE_NOCOLOR", "1")


def _cron_commands(cron_file: Path) -> dict[str, list[str]]:
    """job name -> argv of its cron line (after the 5 schedule fields and the user)."""
    out = {}
    for line in cron_file.read_text().splitlines():
        if not line or line.startswith("#") or "=" in line.split()[0]:
            continue
        argv = shlex.split(line)[6:]
        name = argv[argv.index("--") - 1]
        out[name] = argv
    return out


@pytest.fixture
def rds_pg(tmp_path):
    """A PostgreSQL serving TLS with a certificate for moto's RDS endpoint names (verify-full), and its CA."""
    from scripts.standins.localsvc import PgCluster
    from tests.test_backup_rds import RDS_NAMES
    from tests.tls_support import make_ca

    ca = make_ca(tmp_path / "rds-ca", hostnames=(RDS_NAMES,), ips=())
    cluster = PgCluster("agent-rds")
    cluster.serve_tls(ca.cert_file, ca.key_file)
    with cluster:
        yield cluster, ca.ca_file


@needs_root
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_agent_converges_with_cron_and_its_jobs_run(tmp_path, roles_path, rds_pg, aws_env, gcs_env):
    pg, rds_ca_file = rds_pg
    tag = uuid.uuid4().hex[:6]
    world = make_world(aws_env.url)
    snapshot(world, f"nightly-{tag}")
    db = f"agent_{tag}"
    pg.create_database(db)
    pg.psql("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 300);", db)
    url = new_bucket(gcs_env)
    import boto3

    from scripts.standins.secretmanager import SecretManagerStandin

    aws_secret = f"kaleo/agent-{tag}/app-secret-key"
    boto3.client("secretsmanager", endpoint_url=aws_env.url, region_name="us-east-1").create_secret(
        Name=aws_secret, SecretString="app-key-" + uuid.uuid4().hex
    )
    from scripts.standins.opensearch import OpenSearchStandin

    search = OpenSearchStandin(
        indices={"questions": [{"id": i} for i in range(5)]}, repository_root=str(tmp_path / "s3")
    )
    search.start()
    sm = SecretManagerStandin().start()
    with sm.lock:  # what the gcp-standby stack creates: the secret, without a version
        sm.store["kaleo-sync-app-secret-key"] = {"createTime": "2026-11-01T00:00:00Z", "labels": {}, "versions": []}
    with SmtpSink() as sink:
        cfg_doc = yaml.safe_load(write_alarm_config(tmp_path, sink.port).read_text())
        cfg_doc["state"] = {"dir": str(tmp_path / "home" / "state")}
        cfg_doc["aws"] = {"region": "us-east-1", "endpoint_url": aws_env.url}
        cfg_doc["backup"] = {
            "to": url,
            "max_age": "26h",
            "connect_host": "127.0.0.1",
            "connect_port": pg.port,
            "rds_ca_bundle": str(rds_ca_file),
        }
        cfg_doc["jobs"] = {"host_role": "agent", "syslog_address": str(tmp_path / "no-syslog.sock")}
        cfg_doc["gcp"] = {"project": "kaleo-dr"}
        cfg_doc["secrets"] = {"endpoint": sm.url, "sync": {"kaleo-sync-app-secret-key": aws_secret}}
        cfg_doc["search"] = {
            "aws_url": search.url,
            "aws_auth": "none",
            "s3_bucket": "kaleo-prod-search-snapshots",
            "s3_role_arn": "arn:aws:iam::123456789012:role/kaleo-prod-search-snapshots",
        }
        cron_name = f"kaleo-dr-jobs-test-{tag}"
        extra = {
            "continuity_agent_profile": "agent",
            "continuity_agent_scheduler": "auto",  # no systemd here: cron
            "continuity_agent_release_version": VERSION,
            "continuity_agent_release_source": str(ROOT),
            "continuity_agent_pip_extra_args": "--no-deps",
            "continuity_agent_install_dir": str(tmp_path / "opt"),
            "continuity_agent_config_dir": str(tmp_path / "etc"),
            "continuity_agent_home": str(tmp_path / "home"),
            "continuity_agent_wrapper": str(tmp_path / "bin" / "kaleo-dr-job"),
            "continuity_agent_user": "kaleo-dr-test",
            "continuity_agent_group": "kaleo-dr-test",
            "continuity_agent_cron_file": cron_name,
            "continuity_agent_config": cfg_doc,
            "continuity_agent_backup_args": f"--rds-instance {world.instance_id} --db-name {db}",
            "continuity_agent_environment": {
                "PGPASSWORD": pg.password,
                **aws_env.aws_env(),
                **gcs_env.gcs_env(),
            },
        }
        (tmp_path / "bin").mkdir()
        cron_file = Path("/etc/cron.d") / cron_name
        cron_was_running = subprocess.run(["pgrep", "-x", "cron"], capture_output=True, check=False).returncode == 0
        try:
            first = _play(tmp_path, extra)
            assert first.ok, first.to_dict()
            second = _play(tmp_path, extra)
            assert second.ok and all(h.changed == 0 for h in second.hosts), second.to_dict()  # idempotent

            # the cron file: one line per agent job, as the job user, through the wrapper
            jobs = _cron_commands(cron_file)
            assert set(jobs) == {"backup", "secrets-sync", "search-snapshot"}
            assert f"15 2 * * * kaleo-dr-test {tmp_path}/bin/kaleo-dr-job" in cron_file.read_text()
            assert (tmp_path / "etc" / "jobs.env").stat().st_mode & 0o777 == 0o640
            wrapper = (tmp_path / "bin" / "kaleo-dr-job").read_text()
            assert "job run --log syslog" in wrapper  # cron: syslog
            # the pinned release is what is installed
            venv_python = tmp_path / "opt" / "venv" / "bin" / "python"
            shown = subprocess.run(
                [str(venv_python), "-c", "import importlib.metadata as m; print(m.version('kaleo-dr'))"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            assert shown.stdout.strip() == VERSION
            # its dependencies come from this test's environment (the role installed with --no-deps)
            site = next((tmp_path / "opt" / "venv" / "lib").glob("python3*/site-packages"))
            (site / "kaleo-test-deps.pth").write_text(str(SHARED_SITE) + "\n")

            # the jobs run for real, exactly as cron would start them (those whose command exists yet)
            env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
            ran = []
            for name, argv in jobs.items():
                command = argv[argv.index("--") + 1]
                if command not in COMMAND_MODULES:
                    continue
                proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300, check=False)
                assert proc.returncode == 0, proc.stdout + proc.stderr
                ran.append(name)
            assert "backup" in ran
            last = records.newest(f"{url}/_continuity", "backup")
            assert last is not None and last["status"] == "ok" and last["host_role"] == "agent"
            assert last["command"][:3] == ["backup", "create", "--rds-instance"]
            from scripts.db.backup import newest_complete
            from scripts.db.storage import open_store

            newest = newest_complete(open_store(url))
            assert newest is not None and newest.manifest is not None
            assert newest.manifest.source.rds_instance == world.instance_id
            if "search-snapshot" in ran:
                assert records.newest(f"{url}/_continuity", "search-snapshot")["status"] == "ok"
            if "secrets-sync" in ran:
                assert sm.versions("kaleo-sync-app-secret-key") == 1
            assert sink.messages == []  # nothing failed: nobody paged
        finally:
            sm.stop()
            search.stop()
            cron_file.unlink(missing_ok=True)
            if not cron_was_running and Path("/etc/init.d/cron").exists():  # the role started it: stop it again
                subprocess.run(["/etc/init.d/cron", "stop"], capture_output=True, check=False, timeout=60)


RENDER = textwrap.dedent(
    """\
    - name: Render the systemd units of the watcher
      hosts: agent
      gather_facts: false
      tasks:
        - name: Load role defaults
          ansible.builtin.include_vars:
            file: "{{ defaults_file }}"
        - name: Render the services
          ansible.builtin.template:
            src: "{{ role_dir }}/templates/job.service.j2"
            dest: "{{ out_dir }}/kaleo-dr-job-{{ item.name }}.service"
            mode: "0644"
          loop: "{{ continuity_agent_jobs }}"
        - name: Render the timers
          ansible.builtin.template:
            src: "{{ role_dir }}/templates/job.timer.j2"
            dest: "{{ out_dir }}/kaleo-dr-job-{{ item.name }}.timer"
            mode: "0644"
          loop: "{{ continuity_agent_jobs }}"
        - name: Render the wrapper
          ansible.builtin.template:
            src: "{{ role_dir }}/templates/kaleo-dr-job.sh.j2"
            dest: "{{ out_dir }}/kaleo-dr-job"
            mode: "0755"
    """
)


def _render(tmp_path: Path, play: str, **variables: Any) -> subprocess.CompletedProcess[str]:
    """Run a playbook that renders the role's templates into ``tmp_path/out``, with ``variables``."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    (tmp_path / "render.yml").write_text(play)
    inv = tmp_path / "inv.yml"
    inv.write_text(yaml.safe_dump({"all": {"children": {"agent": {"hosts": {"localhost": LOCAL}}}}}))
    extra = {"defaults_file": str(ROLE / "defaults" / "main.yml"), "role_dir": str(ROLE), "out_dir": str(out)}
    (tmp_path / "extra.yml").write_text(yaml.safe_dump({**extra, **variables}))
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        [str(bin_dir / "ansible-playbook"), "-i", str(inv), str(tmp_path / "render.yml"),
         "-e", f"@{tmp_path / 'extra.yml'}"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "ANSIBLE_NOCOLOR": "1"},
    )  # fmt: skip


def test_watcher_timers_render_with_the_schedules(tmp_path):
    out = tmp_path / "out"
    proc = _render(tmp_path, RENDER, continuity_agent_profile="watcher", continuity_agent_scheduler="systemd")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [f"kaleo-dr-job-{n}.{k}" for n in ("freshness", "readiness", "restore-test") for k in ("service", "timer")]
        + ["kaleo-dr-job"]
    )
    fresh_timer = (out / "kaleo-dr-job-freshness.timer").read_text()
    assert "OnCalendar=*-*-* *:05:00" in fresh_timer and "Persistent=true" in fresh_timer
    assert "OnCalendar=Sun *-*-* 05:00:00" in (out / "kaleo-dr-job-restore-test.timer").read_text()
    service = (out / "kaleo-dr-job-freshness.service").read_text()
    assert "Type=oneshot" in service and "User=kaleo-dr" in service
    assert (
        "ExecStart=/usr/local/bin/kaleo-dr-job --timeout 30m --alarm-on error freshness -- watch freshness" in service
    )
    # systemd keeps the output in the journal: the wrapper logs to stderr there
    assert "job run --log stderr" in (out / "kaleo-dr-job").read_text()


@needs_root
def test_preflight_refuses_an_unpinned_release_and_an_old_client(tmp_path, roles_path):
    bad = {
        "continuity_agent_scheduler": "cron",
        "continuity_agent_release_version": "latest",
    }
    result = _play(tmp_path, bad, check=True, tasks_from="preflight.yml")
    assert not result.ok
    old = {"continuity_agent_scheduler": "cron", "continuity_agent_rds_major": 16}
    result = _play(tmp_path, old, check=True, tasks_from="preflight.yml")
    assert not result.ok
    assert any("older than RDS" in (h.error or "") for h in result.hosts), result.to_dict()


@pytest.mark.parametrize(
    ("profile", "enabled", "expected"),
    [("watcher", True, True), ("watcher", False, False), ("agent", True, False)],
)
def test_the_standby_check_runs_every_minute_on_the_watcher_when_enabled(profile, enabled, expected):
    from jinja2.nativetypes import NativeEnvironment

    defaults = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text())
    variables = {**defaults, "continuity_agent_profile": profile, "continuity_agent_standby_status": enabled}
    jobs = NativeEnvironment().from_string(defaults["continuity_agent_jobs"]).render(**variables)
    names = {j["name"]: j for j in jobs}
    assert ("standby-status" in names) is expected
    if expected:
        job = names["standby-status"]
        assert job["command"] == "standby status" and job["cron"] == "* * * * *" and job["alarm_on"] == "failure"


RENDER_GCP = textwrap.dedent(
    """\
    - name: Render the agent's Google Cloud credential configuration and job environment
      hosts: agent
      gather_facts: false
      tasks:
        - name: Load role defaults
          ansible.builtin.include_vars:
            file: "{{ defaults_file }}"
        - name: Check the role variables
          ansible.builtin.include_tasks: "{{ role_dir }}/tasks/preflight.yml"
        - name: Render the credential configuration
          ansible.builtin.template:
            src: "{{ role_dir }}/templates/gcp-credentials.json.j2"
            dest: "{{ out_dir }}/gcp-credentials.json"
            mode: "0640"
        - name: Render the job environment
          ansible.builtin.template:
            src: "{{ role_dir }}/templates/jobs.env.j2"
            dest: "{{ out_dir }}/jobs.env"
            mode: "0600"
    """
)


def _render_gcp(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    return _render(
        tmp_path,
        RENDER_GCP,
        continuity_agent_scheduler="cron",
        ansible_facts={"service_mgr": "sysvinit"},
        **variables,
    )


def test_the_agent_gets_an_aws_federated_credential_configuration_google_auth_reads(tmp_path, committed_plan):
    """From the gcp-standby outputs to a credential google-auth constructs (no key file; no network call here)."""
    import json

    from google.auth import aws

    outputs = committed_plan("gcp-standby").outputs
    proc = _render_gcp(
        tmp_path,
        continuity_agent_gcp_workload_provider=outputs["agentWorkloadProvider"],
        continuity_agent_gcp_account=outputs["agentAccount"],
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    info = json.loads((tmp_path / "out" / "gcp-credentials.json").read_text())
    assert "private_key" not in json.dumps(info)
    assert info["type"] == "external_account"
    credentials = aws.Credentials.from_info(info)  # the AWS-sourced external account google-auth supports
    assert credentials.service_account_email == outputs["agentAccount"]
    assert credentials.info["audience"] == f"//iam.googleapis.com/{outputs['agentWorkloadProvider']}"
    assert credentials.info["credential_source"]["environment_id"] == "aws1"
    assert credentials.info["credential_source"]["imdsv2_session_token_url"].endswith("/latest/api/token")
    env = (tmp_path / "out" / "jobs.env").read_text()
    assert "GOOGLE_APPLICATION_CREDENTIALS=/etc/kaleo-dr/gcp-credentials.json" in env


def test_half_a_google_cloud_identity_is_refused(tmp_path):
    proc = _render_gcp(tmp_path, continuity_agent_gcp_workload_provider="projects/1/locations/global/x")
    assert proc.returncode != 0
    assert "go together" in proc.stdout
    assert not (tmp_path / "out" / "gcp-credentials.json").exists()
