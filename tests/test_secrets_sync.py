"""``kaleo-dr secrets sync``: moto (AWS Secrets Manager) -> the Secret Manager stand-in.

A version is added only when the value changed (digest compare); values never appear in
the output, the report or the state file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import yaml

from scripts.standins.secretmanager import SecretManagerStandin

APP_KEY = "app-key-0123456789-very-secret"
REDIS = "redis-auth-token-abcdefghijklmnop"


@pytest.fixture
def sm() -> Iterator[SecretManagerStandin]:
    standin = SecretManagerStandin().start()
    try:
        yield standin
    finally:
        standin.stop()


@pytest.fixture
def aws_secrets(aws_env, request) -> dict[str, str]:
    """Two fresh AWS secrets (unique names per test) -> their values."""
    client = boto3.client("secretsmanager", endpoint_url=aws_env.url, region_name="us-east-1")
    base = f"kaleo/{request.node.name[:40]}"
    names = {f"{base}/app-secret-key": APP_KEY, f"{base}/redis-auth-token": REDIS}
    for name, value in names.items():
        client.create_secret(Name=name, SecretString=value)
    return names


def write_config(tmp: Path, sm: SecretManagerStandin, aws_env, pairs: dict[str, str]) -> Path:
    path = tmp / "kaleo-dr.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "state": {"dir": str(tmp / "state")},
                "aws": {"endpoint_url": aws_env.url, "region": "us-east-1"},
                "gcp": {"project": "kaleo-dr"},
                "secrets": {"endpoint": sm.url, "sync": pairs},
            }
        ),
        encoding="utf-8",
    )
    return path


def pairs_for(aws_secrets: dict[str, str]) -> dict[str, str]:
    return {f"kaleo-sync-{name.rsplit('/', 1)[-1]}": name for name in aws_secrets}


def create_gcp_secrets(sm: SecretManagerStandin, pairs: dict[str, str]) -> None:
    """What the gcp-standby stack does: the secrets exist, without a version."""
    with sm.lock:
        for gcp_secret in pairs:
            sm.store[gcp_secret] = {"createTime": "2026-11-01T00:00:00Z", "labels": {}, "versions": []}


def test_first_sync_adds_a_version_then_no_change_no_new_version(cli, tmp_path, sm, aws_env, aws_secrets):
    pairs = pairs_for(aws_secrets)
    create_gcp_secrets(sm, pairs)
    config = write_config(tmp_path, sm, aws_env, pairs)

    first = cli("--config", str(config), "secrets", "sync", "--json")
    assert first.code == 0, first.stdout + first.stderr
    assert {r["status"] for r in first.json()["secrets"]} == {"updated"}
    assert sm.versions("kaleo-sync-app-secret-key") == 1
    with sm.lock:
        assert sm.store["kaleo-sync-app-secret-key"]["versions"][0]["data"] == APP_KEY.encode()

    second = cli("--config", str(config), "secrets", "sync", "--json")
    assert second.code == 0
    assert {r["status"] for r in second.json()["secrets"]} == {"unchanged"}
    assert sm.versions("kaleo-sync-app-secret-key") == 1  # no change, no new version
    assert sm.versions("kaleo-sync-redis-auth-token") == 1
    adds = [r for r in sm.requests if r[0] == "POST" and r[1].endswith(":addVersion")]
    assert len(adds) == 2

    # never a value in the output or the state file
    state = (tmp_path / "state" / "secrets-sync.json").read_text()
    for text in (first.stdout, first.stderr, second.stdout, second.stderr, state):
        assert APP_KEY not in text and REDIS not in text
    confirmed = json.loads(state)["secrets"]
    assert set(confirmed) == set(pairs) and all(v["confirmed_at"] for v in confirmed.values())


def test_changed_value_adds_exactly_one_version(cli, tmp_path, sm, aws_env, aws_secrets):
    pairs = pairs_for(aws_secrets)
    create_gcp_secrets(sm, pairs)
    config = write_config(tmp_path, sm, aws_env, pairs)
    assert cli("--config", str(config), "secrets", "sync").code == 0
    app_name = next(n for n in aws_secrets if n.endswith("app-secret-key"))
    boto3.client("secretsmanager", endpoint_url=aws_env.url, region_name="us-east-1").put_secret_value(
        SecretId=app_name, SecretString="rotated-app-key"
    )
    r = cli("--config", str(config), "secrets", "sync", "--json")
    assert r.code == 0
    status = {x["gcp_secret"]: (x["status"], x["version"]) for x in r.json()["secrets"]}
    assert status["kaleo-sync-app-secret-key"] == ("updated", "2")
    assert status["kaleo-sync-redis-auth-token"][0] == "unchanged"
    with sm.lock:
        assert sm.store["kaleo-sync-app-secret-key"]["versions"][-1]["data"] == b"rotated-app-key"
    assert "rotated-app-key" not in r.stdout + r.stderr


def test_missing_gcp_secret_fails_naming_it_unless_create(cli, tmp_path, sm, aws_env, aws_secrets):
    pairs = pairs_for(aws_secrets)
    config = write_config(tmp_path, sm, aws_env, pairs)
    r = cli("--config", str(config), "secrets", "sync", "--json")
    assert r.code == 1
    failed = {x["gcp_secret"]: x["detail"] for x in r.json()["secrets"] if x["status"] == "failed"}
    assert set(failed) == set(pairs) and "gcp-standby" in failed["kaleo-sync-app-secret-key"]
    created = cli("--config", str(config), "secrets", "sync", "--create", "--json")
    assert created.code == 0
    assert {x["status"] for x in created.json()["secrets"]} == {"created"}
    assert sm.versions("kaleo-sync-app-secret-key") == 1


def test_unknown_aws_secret_fails_and_others_still_sync(cli, tmp_path, sm, aws_env, aws_secrets):
    pairs = {**pairs_for(aws_secrets), "kaleo-sync-missing": "kaleo/aws/does-not-exist"}
    create_gcp_secrets(sm, pairs)
    config = write_config(tmp_path, sm, aws_env, pairs)
    r = cli("--config", str(config), "secrets", "sync", "--json")
    assert r.code == 1
    status = {x["gcp_secret"]: x for x in r.json()["secrets"]}
    assert status["kaleo-sync-missing"]["status"] == "failed"
    assert "ResourceNotFoundException" in status["kaleo-sync-missing"]["detail"]
    assert status["kaleo-sync-app-secret-key"]["status"] == "updated"


def test_no_pairs_is_bad_config(cli, tmp_path, sm, aws_env):
    config = write_config(tmp_path, sm, aws_env, {})
    r = cli("--config", str(config), "secrets", "sync")
    assert r.code == 2
    assert "secrets.sync" in r.stdout + r.stderr


def test_standin_refuses_a_bad_checksum_and_lists_newest_first(sm):
    from scripts.cloud.secrets import SecretManager, SecretManagerError

    client = SecretManager("kaleo-dr", sm.url)
    client.create("s")
    assert client.access("s") is None
    client.add_version("s", b"one")
    client.add_version("s", b"two")
    assert [v["name"].rsplit("/", 1)[-1] for v in client.versions("s")] == ["2", "1"]
    assert client.access("s") == b"two"
    sm.set_scenario("ok", bad_checksum=True)
    with pytest.raises(SecretManagerError, match="checksum"):
        client.access("s")
