"""``kaleo-dr boot vars``: the continuity machines' role variables, uploaded to moto S3 and the GCS emulator."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.cloud.bootvars import literal_secrets
from scripts.db.storage import open_store

CONFIG: dict[str, Any] = {
    "backup": {"to": "gs://kaleo-dumps", "source_password": "env:KALEO_DB_PASSWORD"},
    "restore": {"password": "file:/etc/kaleo-dr/restore-password", "role_passwords": {"kaleo_app": "kaleo-app-pw"}},
    "search": {"gcp_password": "env:KALEO_SEARCH_ADMIN_PASSWORD"},
}


@pytest.fixture
def gcs_bucket(gcs_env: Any) -> str:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    client = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())
    name = f"release-{os.urandom(4).hex()}"
    client.create_bucket(name)
    return name


@pytest.fixture
def s3_bucket(aws_env: Any) -> str:
    import boto3

    name = f"boot-{os.urandom(4).hex()}"
    boto3.client("s3", endpoint_url=aws_env.url).create_bucket(Bucket=name)
    return name


def _write(tmp_path: Path, config: dict[str, Any]) -> Path:
    path = tmp_path / "agent.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_agent_vars_uploaded_to_s3_parse_back(cli: Any, s3_bucket: str, tmp_path: Path) -> None:
    src = _write(tmp_path, CONFIG)
    args = ["boot", "vars", "--role", "agent", "--to", f"s3://{s3_bucket}", "--from", str(src), "--json"]
    res = cli(
        *args,
        "--gcp-workload-provider",
        "projects/1/locations/global/workloadIdentityPools/p/providers/r",
        "--gcp-account",
        "agent@p.iam.gserviceaccount.com",
    )
    assert res.code == 0, res.stderr
    out = res.json()
    assert out["url"] == f"s3://{s3_bucket}/vars/agent.yml"
    data = open_store(f"s3://{s3_bucket}").get_bytes("vars/agent.yml")
    assert hashlib.sha256(data).hexdigest() == out["sha256"]
    doc = yaml.safe_load(data)
    # what the continuity_agent role reads (defaults/main.yml, tasks/config.yml)
    assert doc["continuity_agent_config"] == CONFIG
    assert doc["continuity_agent_gcp_account"] == "agent@p.iam.gserviceaccount.com"
    assert doc["continuity_agent_gcp_workload_provider"].endswith("/providers/r")


def test_watcher_vars_uploaded_to_gcs(cli: Any, gcs_bucket: str, tmp_path: Path) -> None:
    src = _write(tmp_path, CONFIG)
    res = cli("boot", "vars", "--role", "watcher", "--to", f"gs://{gcs_bucket}", "--from", str(src), "--json")
    assert res.code == 0, res.stderr
    assert res.json()["url"] == f"gs://{gcs_bucket}/vars/watcher.yml"
    doc = yaml.safe_load(open_store(f"gs://{gcs_bucket}").get_bytes("vars/watcher.yml"))
    assert doc == {"continuity_agent_config": CONFIG}


def test_literal_password_refused_naming_the_key(cli: Any, s3_bucket: str, tmp_path: Path) -> None:
    config = {**CONFIG, "search": {"gcp_password": "hunter2!"}}  # a plain str field: the config model accepts it
    src = _write(tmp_path, config)
    res = cli("boot", "vars", "--role", "agent", "--to", f"s3://{s3_bucket}", "--from", str(src))
    assert res.code == 2
    assert "search.gcp_password" in res.stderr
    assert "hunter2" not in res.stderr + res.stdout
    assert not open_store(f"s3://{s3_bucket}").exists("vars/agent.yml")


def test_literal_in_a_secret_ref_field_refused_naming_the_key(cli: Any, tmp_path: Path) -> None:
    src = _write(tmp_path, {"backup": {"source_password": "s3cret"}})
    res = cli("boot", "vars", "--role", "watcher", "--to", f"file://{tmp_path}/bucket", "--from", str(src))
    assert res.code == 2
    assert "backup.source_password" in res.stderr
    assert not (tmp_path / "bucket" / "vars" / "watcher.yml").exists()


def test_literal_secrets_finds_inline_values() -> None:
    assert literal_secrets(CONFIG) == []
    # Secret Manager names where the key takes one are references too
    named = {"provision": {"secret_manager": {"kaleo_db_password": "projects/p/secrets/kaleo-db-password/versions/3"}}}
    assert literal_secrets(named) == []
    assert literal_secrets({"provision": {"extra_vars": {"kaleo_smtp_password": "pw"}}}) == [
        "provision.extra_vars.kaleo_smtp_password"
    ]
    bad = {
        "failback": {"target_dsn": "postgresql://kaleo:pw@db/kaleo"},
        "standby": {"source_dsn": "host=db password=pw"},
        "restore": {"role_passwords": {"kaleo_app": "not a name!"}},
        "secrets": {"sync": {"kaleo-db-password": "prod/db-password"}},
    }
    assert literal_secrets(bad) == ["failback.target_dsn", "standby.source_dsn", "restore.role_passwords.kaleo_app"]


def test_bad_role_and_missing_config(cli: Any, tmp_path: Path) -> None:
    src = _write(tmp_path, CONFIG)
    res = cli("boot", "vars", "--role", "db", "--to", f"file://{tmp_path}/b", "--from", str(src))
    assert res.code == 2 and "--role" in res.stderr
    res = cli("boot", "vars", "--role", "agent", "--to", f"file://{tmp_path}/b", "--from", str(tmp_path / "nope.yaml"))
    assert res.code == 2 and "--from" in res.stderr
