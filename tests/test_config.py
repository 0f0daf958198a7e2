"""The kaleo-dr.yaml model: strict keys, secret references, defaults."""

from __future__ import annotations

import pytest

from scripts.config import KaleoConfig, load_config, parse_config, resolve_secret
from scripts.output import BadInput


def test_empty_config_gives_defaults(in_tmp):
    cfg = load_config(None)
    assert isinstance(cfg, KaleoConfig)
    assert cfg.declare.outage_minutes == 30
    assert cfg.declare.min_customer_reports == 3
    assert cfg.declare.rebuild_gate_hours == 24


def test_env_var_names_the_config(in_tmp, monkeypatch):
    path = in_tmp / "custom.yaml"
    path.write_text("declare: {outage_minutes: 45}\n")
    monkeypatch.setenv("KALEO_DR_CONFIG", str(path))
    assert load_config(None).declare.outage_minutes == 45


def test_unknown_nested_key_is_named():
    with pytest.raises(BadInput) as err:
        parse_config({"triage": {"pingdom": {"tokn": "env:X"}}})
    assert "triage.pingdom.tokn" in err.value.message


def test_renamed_key_names_its_new_name():
    with pytest.raises(BadInput) as err:
        parse_config({"failover": {"smoke": {"elasticsearch_url": "https://10.40.48.10:9200"}}})
    assert "'failover.smoke.elasticsearch_url' was renamed" in err.value.message
    assert "failover.smoke.search_url" in err.value.message
    smoke = parse_config({"failover": {"smoke": {"search_url": "https://10.40.48.10:9200"}}}).failover.smoke
    assert smoke.search_url == "https://10.40.48.10:9200"


def test_wrong_type_is_named():
    with pytest.raises(BadInput) as err:
        parse_config({"declare": {"outage_minutes": "soon"}})
    assert "declare.outage_minutes" in err.value.message


def test_inline_secret_rejected():
    with pytest.raises(BadInput) as err:
        parse_config({"cloudflare": {"api_token": "abc123secret"}})
    assert "env:" in err.value.message
    assert "abc123secret" not in err.value.message


def test_secret_refs_resolve(tmp_path, monkeypatch):
    monkeypatch.setenv("KALEO_TEST_TOKEN", "t0ken")
    assert resolve_secret("env:KALEO_TEST_TOKEN", "token") == "t0ken"
    f = tmp_path / "secret"
    f.write_text("from-file\n")
    assert resolve_secret(f"file:{f}", "token") == "from-file"


def test_missing_secret_names_reference_not_value(monkeypatch):
    monkeypatch.delenv("KALEO_ABSENT", raising=False)
    with pytest.raises(BadInput) as err:
        resolve_secret("env:KALEO_ABSENT", "pingdom token")
    assert "KALEO_ABSENT" in err.value.message
    assert "pingdom token" in err.value.message


def test_every_endpoint_is_overridable():
    cfg = parse_config(
        {
            "aws": {"endpoint_url": "http://127.0.0.1:1"},
            "gcp": {"storage_endpoint": "http://127.0.0.1:2"},
            "cloudflare": {"api_url": "http://127.0.0.1:3"},
        }
    )
    assert cfg.aws.endpoint_url == "http://127.0.0.1:1"
    assert cfg.gcp.storage_endpoint == "http://127.0.0.1:2"
    assert cfg.cloudflare.api_url == "http://127.0.0.1:3"


def test_the_example_config_is_valid_and_covers_every_section():
    from pathlib import Path

    from scripts.config import KaleoConfig

    path = Path(__file__).resolve().parent.parent / "examples" / "kaleo-dr.yaml"
    cfg = load_config(path)
    assert cfg.backup.to is not None and cfg.backup.to.startswith("gs://")
    assert cfg.pulumi.backend_url is not None and not cfg.pulumi.backend_url.startswith("s3://")
    import yaml

    written = set(yaml.safe_load(path.read_text()))
    assert written == set(KaleoConfig.model_fields)


def test_the_gcp_search_password_is_a_reference_never_a_literal() -> None:
    from scripts.config import parse_config
    from scripts.output import DrError

    assert parse_config({"search": {"gcp_password": "env:KALEO_SEARCH_PASSWORD"}}, "x").search.gcp_password
    with pytest.raises(DrError, match=r"search\.gcp_password"):
        parse_config({"search": {"gcp_password": "hunter2"}}, "x")
