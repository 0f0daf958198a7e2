"""``kaleo-dr cutover --tls-records``: the certificate's DNS-authorization CNAMEs, created ahead at Cloudflare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scripts.standins.cloudflare import CloudflareStandin

TOKEN = "cf-token-tls-records"
RECORDS = {
    "app.kaleosoftware.com": [
        {
            "name": "_acme-challenge.app.kaleosoftware.com.",
            "type": "CNAME",
            "data": "0f1e2d3c.1.authorize.certificatemanager.goog.",
        }
    ]
}


@pytest.fixture
def cf():
    standin = CloudflareStandin(TOKEN).start()
    standin.add_record("app.kaleosoftware.com", "CNAME", "kaleo-alb.us-east-1.elb.amazonaws.com", proxied=True)
    try:
        yield standin
    finally:
        standin.stop()


def _files(tmp: Path, cf: CloudflareStandin, records=RECORDS) -> tuple[Path, Path]:
    config = tmp / "kaleo-dr.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "state": {"dir": str(tmp / "state")},
                "cloudflare": {"api_url": cf.url, "api_token": "env:TLS_CF_TOKEN", "zone_id": cf.zone_id},
            }
        ),
        encoding="utf-8",
    )
    out = tmp / "records.json"
    out.write_text(json.dumps(records), encoding="utf-8")
    return config, out


def test_creates_the_cname_dns_only_then_leaves_it_alone(in_tmp, cli, cf):
    config, records = _files(in_tmp, cf)
    env = {"TLS_CF_TOKEN": TOKEN}
    dry = cli(
        "--config",
        str(config),
        "cutover",
        "--tls-records",
        "--records-json",
        str(records),
        "--dry-run",
        "--json",
        env=env,
    )
    assert dry.code == 0 and dry.json()["records"][0]["status"] == "would-create"
    assert not cf.find("_acme-challenge.app.kaleosoftware.com")
    r = cli(
        "--config", str(config), "cutover", "--tls-records", "--records-json", str(records), "--yes", "--json", env=env
    )
    assert r.code == 0, r.stdout
    (created,) = cf.find("_acme-challenge.app.kaleosoftware.com")
    assert created["type"] == "CNAME" and created["proxied"] is False
    assert created["content"] == "0f1e2d3c.1.authorize.certificatemanager.goog"
    again = cli(
        "--config", str(config), "cutover", "--tls-records", "--records-json", str(records), "--yes", "--json", env=env
    )
    assert again.code == 0 and again.json()["records"][0]["status"] == "exists"
    assert len(cf.find("_acme-challenge.app.kaleosoftware.com")) == 1
    # the public record itself was never touched
    (public,) = cf.find("app.kaleosoftware.com")
    assert public["content"] == "kaleo-alb.us-east-1.elb.amazonaws.com"


def test_a_different_or_proxied_record_is_refused_not_overwritten(in_tmp, cli, cf):
    cf.add_record("_acme-challenge.app.kaleosoftware.com", "CNAME", "old.authorize.certificatemanager.goog")
    config, records = _files(in_tmp, cf)
    r = cli(
        "--config",
        str(config),
        "cutover",
        "--tls-records",
        "--records-json",
        str(records),
        "--yes",
        env={"TLS_CF_TOKEN": TOKEN},
    )
    assert r.code == 1
    assert "already has CNAME old.authorize" in r.stdout + r.stderr
    (kept,) = cf.find("_acme-challenge.app.kaleosoftware.com")
    assert kept["content"] == "old.authorize.certificatemanager.goog"


def test_needs_yes_and_refuses_to_with_tls_records(in_tmp, cli, cf):
    config, records = _files(in_tmp, cf)
    env = {"TLS_CF_TOKEN": TOKEN}
    r = cli("--config", str(config), "cutover", "--tls-records", "--records-json", str(records), env=env)
    assert r.code == 2 and not cf.find("_acme-challenge.app.kaleosoftware.com")
    both = cli(
        "--config", str(config), "cutover", "--tls-records", "--to", "gcp", "--records-json", str(records), env=env
    )
    assert both.code == 2
