"""``kaleo-dr provision``: inventory from the Compute API (stand-in), secrets, run errors.

The inventory tests drive the real google-cloud-compute client (REST transport) against
the Compute stand-in in scripts/standins/gce.py, which serves the aggregatedList shape
with pagination and label filtering; the written inventory is parsed by ansible-inventory.
The run tests use ansible-runner for real against loopback hosts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.cloud.provision.secrets import resolve_secrets
from scripts.config import parse_config
from scripts.standins.gce import ComputeStandin
from scripts.standins.localsvc import free_port
from scripts.standins.secretmanager import SecretManagerStandin

ANSIBLE_INVENTORY = str(Path(sys.executable).with_name("ansible-inventory"))


@pytest.fixture
def compute():
    with ComputeStandin() as standin:
        yield standin


def _config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_inventory_groups_hosts_by_role_label(cli, in_tmp, compute):
    cfg = _config(
        in_tmp / "kaleo-dr.yaml",
        {"provision": {"compute_endpoint": compute.url, "ssh_user": "sa_1234567890", "inventory": "inv/gcp.yml"}},
    )
    r = cli("--config", str(cfg), "provision", "inventory", "--project", "kaleo-dr", "--json")
    assert r.code == 0, r.stdout + r.stderr
    out = r.json()
    assert out["groups"] == {
        "app": ["kaleo-gcp-app-0", "kaleo-gcp-app-1"],
        "db": ["kaleo-gcp-db-0"],
        "cache": ["kaleo-gcp-cache-0"],
        "search": ["kaleo-gcp-search-0", "kaleo-gcp-search-1", "kaleo-gcp-search-2"],
    }
    assert out["problems"] == []
    # the label filter went to the API, and every page was read (page size 3, 7 instances)
    assert [q.get("pageToken") for q in compute.queries] == [None, "3", "6"]
    assert compute.queries[0]["filter"] == '(labels.app = "kaleo") AND (labels.stack = "gcp")'

    inv_path = in_tmp / "inv" / "gcp.yml"
    assert out["inventory"] == str(Path("inv/gcp.yml"))
    parsed = json.loads(
        subprocess.run(
            [ANSIBLE_INVENTORY, "-i", str(inv_path), "--list"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert sorted(parsed["search"]["hosts"]) == ["kaleo-gcp-search-0", "kaleo-gcp-search-1", "kaleo-gcp-search-2"]
    db = parsed["_meta"]["hostvars"]["kaleo-gcp-db-0"]
    assert db["ansible_host"] == db["kaleo_private_ip"] == "10.40.4.10"
    assert db["ansible_user"] == "sa_1234567890"
    assert db["gcp_machine_type"] == "n2-highmem-4"
    # the stack's metadata for the roles comes along; secret ids stay out of the inventory
    assert db["kaleo_data_device"] == "/dev/disk/by-id/google-pgdata"
    assert parsed["_meta"]["hostvars"]["kaleo-gcp-search-1"]["kaleo_search_cluster"] == "kaleo-gcp"
    assert "secret" not in inv_path.read_text()
    proxy = db["ansible_ssh_common_args"]
    assert "gcloud compute start-iap-tunnel kaleo-gcp-db-0 %p --listen-on-stdin" in proxy
    assert "--project=kaleo-dr --zone=us-central1-a" in proxy


def test_inventory_reports_wrong_labels_per_host_and_keeps_the_others(cli, in_tmp, compute):
    compute.set_scenario("bad-labels")
    r = cli("provision", "inventory", "--project", "kaleo-dr", "--endpoint", compute.url, "--out", "gcp.yml", "--json")
    assert r.code == 1
    out = r.json()
    problems = {p["host"]: p["error"] for p in out["problems"]}
    assert "role='worker' is not one of app, cache, db, search" in problems["kaleo-gcp-worker-0"]
    assert "TERMINATED" in problems["kaleo-gcp-app-2"]
    written = yaml.safe_load((in_tmp / "gcp.yml").read_text())
    assert sorted(written["all"]["children"]["app"]["hosts"]) == ["kaleo-gcp-app-0", "kaleo-gcp-app-1"]
    human = cli("provision", "inventory", "--project", "kaleo-dr", "--endpoint", compute.url, "--out", "gcp.yml")
    assert human.code == 1
    assert "kaleo-gcp-worker-0" in human.stderr and "kaleo-gcp-db-0" in human.stdout
    assert "inventory written to gcp.yml" in human.stdout


def test_inventory_other_stack_label_selects_nothing(cli, in_tmp, compute):
    r = cli("provision", "inventory", "-p", "kaleo-dr", "--stack", "staging", "--endpoint", compute.url, "--json")
    assert r.code == 1
    assert "no usable instance labelled app=kaleo, stack=staging" in r.json()["error"]
    assert not (in_tmp / "inventory.gcp.yml").exists()


def test_inventory_unknown_project_is_bad_input(cli, in_tmp, compute):
    r = cli("provision", "inventory", "--project", "nope", "--endpoint", compute.url)
    assert r.code == 2
    assert "project nope not found" in r.stderr


def test_inventory_needs_a_project(cli, in_tmp):
    r = cli("provision", "inventory", "--json")
    assert r.code == 2
    assert "--project" in r.json()["error"]


def test_run_needs_an_inventory(cli, in_tmp):
    r = cli("provision", "run", "--json")
    assert r.code == 2 and "--inventory" in r.json()["error"]
    r = cli("provision", "run", "--inventory", "missing.yml", "--json")
    assert r.code == 2 and "missing.yml does not exist" in r.json()["error"]


def test_run_rejects_an_unknown_limit(cli, in_tmp):
    inv = in_tmp / "inv.yml"
    inv.write_text(
        yaml.safe_dump({"all": {"children": {"db": {"hosts": {"h1": None}}, "app": {"hosts": {"h2": None}}}}})
    )
    r = cli("provision", "run", "--inventory", str(inv), "--limit", "databse", "--json")
    assert r.code == 2
    assert "--limit databse: no such group" in r.json()["error"] and "app, db" in r.json()["error"]


def test_secrets_from_env_file_and_secret_manager(tmp_path, monkeypatch):
    (tmp_path / "redis").write_text("redis-from-file\n")
    monkeypatch.setenv("T_DB_PASSWORD", "db-from-env")
    with SecretManagerStandin(secrets={"kaleo-search-admin": "admin-from-sm"}) as sm:
        cfg = parse_config(
            {
                "gcp": {"project": "kaleo-dr"},
                "provision": {
                    "secrets": {
                        "kaleo_db_password": "env:T_DB_PASSWORD",
                        "kaleo_redis_password": f"file:{tmp_path / 'redis'}",
                        "kaleo_gcs_hmac_secret": "env:T_NOT_SET",
                    },
                    "secret_manager": {
                        "kaleo_search_admin_password": "kaleo-search-admin",
                        "kaleo_search_app_password": "projects/kaleo-dr/secrets/absent",
                    },
                    "secret_manager_endpoint": sm.url,
                },
            }
        )
        values, missing = resolve_secrets(cfg)
    assert values == {
        "kaleo_db_password": "db-from-env",
        "kaleo_redis_password": "redis-from-file",
        "kaleo_search_admin_password": "admin-from-sm",
    }
    errors = {m["var"]: m["error"] for m in missing}
    assert set(errors) == {"kaleo_gcs_hmac_secret", "kaleo_search_app_password"}
    assert "T_NOT_SET is not set" in errors["kaleo_gcs_hmac_secret"]
    assert "HTTP 404" in errors["kaleo_search_app_password"]
    assert any(p.endswith("/secrets/kaleo-search-admin/versions/latest:access") for _, p, _ in sm.requests)


@pytest.mark.skipif(shutil.which("ssh") is None, reason="needs the ssh client")
def test_run_reports_unreachable_and_missing_secret_per_host(cli, in_tmp, monkeypatch):
    """One host unreachable, one lacking its role's secret: both reported, the third converges (check mode)."""
    closed = free_port()
    local = {"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}
    common = {"common_time_sync_enabled": False, "common_oslogin_enabled": False}
    inv = in_tmp / "inv.yml"
    inv.write_text(
        yaml.safe_dump(
            {
                "all": {
                    "vars": common,
                    "children": {
                        "db": {
                            "hosts": {
                                "db-local": {**local, "postgresql_cluster_name": "kaleocheck"},
                                "db-gone": {
                                    "ansible_host": "127.0.0.2",
                                    "ansible_port": closed,
                                    "ansible_connection": "ssh",
                                    "ansible_user": "kaleo",
                                },
                            }
                        },
                        "cache": {"hosts": {"cache-local": local}},
                    },
                }
            }
        )
    )
    cfg = _config(in_tmp / "kaleo-dr.yaml", {"provision": {"service_manager": "sysvinit"}})
    for var in ("KALEO_REDIS_PASSWORD", "KALEO_SEARCH_ADMIN_PASSWORD", "KALEO_SEARCH_APP_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    env = {"KALEO_DB_PASSWORD": "check-mode-" + os.urandom(6).hex()}
    r = cli("--config", str(cfg), "provision", "run", "--inventory", str(inv), "--check", "--json", env=env)
    assert r.code == 1, r.stdout
    out = r.json()
    hosts = {h["host"]: h for h in out["hosts"]}
    assert set(hosts) == {"db-local", "db-gone", "cache-local"}
    assert hosts["db-local"]["failed"] == 0 and hosts["db-local"]["unreachable"] == 0 and hosts["db-local"]["ok"] > 5
    assert hosts["db-gone"]["unreachable"] == 1
    assert "unreachable" in hosts["db-gone"]["error"] and "127.0.0.2" in hosts["db-gone"]["error"]
    assert hosts["cache-local"]["failed"] == 1
    assert "no Redis password" in hosts["cache-local"]["error"]
    assert "kaleo_redis_password" in hosts["cache-local"]["error"]
    assert {m["var"] for m in out["missing_secrets"]} >= {"kaleo_redis_password"}
    assert out["check"] is True and out["ok"] is False
    # artifacts kept for the report, outside the private data dir
    run_dir = Path(out["artifacts"])
    assert (run_dir / "stdout").is_file() and (run_dir / "job_events").is_dir()
    assert run_dir.is_relative_to(in_tmp)
    # ansible-runner records the environment in artifacts/<id>/command: the secret is not there
    assert (run_dir / "command").is_file()
    for f in run_dir.rglob("*"):
        if f.is_file():
            assert env["KALEO_DB_PASSWORD"] not in f.read_text(errors="replace"), f
    # progress went to stderr, per host
    assert "unreachable" in r.stderr and "db-gone" in r.stderr


def test_run_reports_a_broken_playbook_clearly(cli, in_tmp):
    inv = in_tmp / "inv.yml"
    inv.write_text(yaml.safe_dump({"all": {"hosts": {"h1": {"ansible_connection": "local"}}}}))
    book = in_tmp / "broken.yml"
    book.write_text("- hosts: all\n  tasks:\n    - name: x\n      no.such.module: {}\n")
    r = cli("provision", "run", "--inventory", str(inv), "--playbook", str(book), "--json")
    assert r.code == 1
    out = r.json()
    assert "failed before any host ran" in out["error"] and "no.such.module" in out["error"]


def test_secret_manager_payload_checksum_is_verified():
    with SecretManagerStandin(secrets={"s": "value"}, bad_checksum=True) as sm:
        cfg = parse_config(
            {
                "provision": {
                    "secrets": {},
                    "secret_manager": {"kaleo_db_password": "projects/p/secrets/s"},
                    "secret_manager_endpoint": sm.url,
                }
            }
        )
        values, missing = resolve_secrets(cfg)
    assert values == {}
    assert "checksum mismatch" in missing[0]["error"]
