"""kaleo-dr cutover against the Cloudflare API stand-in: switch, failback, dry run, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.standins.cloudflare import CloudflareStandin

TOKEN = "cf-test-token-5b1e"
GCP_IP = "203.0.113.10"


@pytest.fixture
def cf():
    with CloudflareStandin(TOKEN) as standin:
        standin.add_record("kaleosoftware.com", "CNAME", "kaleo-alb-123.us-east-1.elb.amazonaws.com", proxied=True)
        standin.add_record("api.kaleosoftware.com", "A", "54.210.1.20", ttl=3600, proxied=False)
        standin.add_record("kaleosoftware.com", "MX", "mx.example.net", ttl=3600)
        yield standin


@pytest.fixture
def setup(cf, in_tmp: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    config = {
        "state": {"dir": str(in_tmp / "state")},
        "cloudflare": {
            "api_url": cf.url,
            "zone_id": cf.zone_id,
            "records": ["kaleosoftware.com", "api.kaleosoftware.com"],
            "cutover_ttl": 60,
            "ttl_wait": 0,
        },
    }
    (in_tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(config))
    return in_tmp


def _switched(cf: CloudflareStandin) -> dict[str, dict]:
    out = {}
    for name in ("kaleosoftware.com", "api.kaleosoftware.com"):
        (rec,) = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
        out[name] = {k: rec[k] for k in ("id", "type", "content", "ttl", "proxied")}
    return out


def test_cutover_then_failback_restores_exactly(cf, setup, cli):
    before = _switched(cf)
    mx_before = [r for r in cf.find("kaleosoftware.com") if r["type"] == "MX"]

    res = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--yes", "--json")
    assert res.code == 0, res.stdout + res.stderr
    data = res.json()
    assert data["dry_run"] is False
    after = _switched(cf)
    for name in before:
        assert after[name]["type"] == "A"
        assert after[name]["content"] == GCP_IP
    assert after["api.kaleosoftware.com"]["ttl"] == 60  # unproxied: TTL lowered
    assert after["kaleosoftware.com"]["ttl"] == 1 and after["kaleosoftware.com"]["proxied"] is True
    # the TTL was lowered before the content switch: one PATCH for the TTL, then one for the content
    patches = [p for m, p in cf.requests if m == "PATCH"]
    api_id = before["api.kaleosoftware.com"]["id"]
    assert patches.count(f"zones/{cf.zone_id}/dns_records/{api_id}") == 2
    assert data["ttl_lowered"] == ["api.kaleosoftware.com"]

    recorded = json.loads((setup / "state" / "cutover" / "previous-records.json").read_text())
    keys = ("id", "type", "content", "ttl", "proxied")
    assert {r["name"]: {k: r[k] for k in keys} for r in recorded["records"]} == before
    assert TOKEN not in (setup / "state" / "cutover" / "previous-records.json").read_text()

    # a second cutover run keeps the original recording (not the GCP records)
    again = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--yes", "--json")
    assert again.code == 0, again.stdout
    assert all(c["unchanged"] for c in again.json()["changes"])

    back = cli("cutover", "--to", "aws", "--yes", "--json")
    assert back.code == 0, back.stdout + back.stderr
    assert _switched(cf) == before
    assert [r for r in cf.find("kaleosoftware.com") if r["type"] == "MX"] == mx_before
    assert not (setup / "state" / "cutover" / "previous-records.json").exists()
    assert list((setup / "state" / "cutover").glob("previous-records.restored-*.json"))

    # the incident log holds the recording and both switches
    from scripts.runbook.incident import IncidentLog

    with IncidentLog.open(setup / "state" / "incidents.sqlite") as log:
        phases = [e.payload["cutover"]["phase"] for e in log.events(kind="note") if "cutover" in e.payload]
    assert phases[0] == "recorded" and "switched" in phases and phases[-1] == "restored"


def test_dry_run_changes_nothing(cf, setup, cli):
    before = _switched(cf)
    res = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--dry-run", "--json")
    assert res.code == 0, res.stdout
    data = res.json()
    assert data["dry_run"] is True
    assert {c["name"] for c in data["changes"]} == set(before)
    assert all(c["to"]["content"] == GCP_IP for c in data["changes"])
    assert _switched(cf) == before
    assert not [m for m, _ in cf.requests if m == "PATCH"]
    assert not (setup / "state" / "cutover").exists()


def test_wrong_token_is_a_clear_error(cf, setup, cli, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", "not-the-token")
    before = _switched(cf)
    res = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--yes", "--json")
    assert res.code == 2
    err = res.json()
    assert "Cloudflare refused the API token" in err["error"]
    assert "not-the-token" not in res.stdout + res.stderr
    assert _switched(cf) == before
    assert not (setup / "state" / "cutover").exists()


def test_missing_token_names_the_variable(cf, setup, cli, monkeypatch):
    monkeypatch.delenv("CLOUDFLARE_API_TOKEN")
    res = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--yes", "--json")
    assert res.code == 2
    assert "CLOUDFLARE_API_TOKEN" in res.json()["error"]


def test_failback_without_recording_refuses(cf, setup, cli):
    before = _switched(cf)
    res = cli("cutover", "--to", "aws", "--yes", "--json")
    assert res.code == 2
    assert "no recorded previous DNS records" in res.json()["error"]
    assert _switched(cf) == before


def test_never_automatic_without_yes(cf, setup, cli):
    before = _switched(cf)
    res = cli("cutover", "--to", "gcp", "--target-ip", GCP_IP, "--json")
    assert res.code == 2
    assert "--yes" in res.json()["error"]
    assert _switched(cf) == before
    assert not (setup / "state" / "cutover").exists()


def test_bad_target_ip_and_missing_stack_outputs(cf, setup, cli):
    res = cli("cutover", "--to", "gcp", "--target-ip", "not-an-ip", "--yes", "--json")
    assert res.code == 2 and "not an IP address" in res.json()["error"]
    # without --target-ip the address comes from the gcp stack outputs, which need the Pulumi CLI
    if shutil.which("pulumi"):
        return
    res = cli("cutover", "--to", "gcp", "--yes", "--json")
    assert res.code == 2
    assert "Pulumi CLI" in res.json()["error"] and "--target-ip" in res.json()["hint"]
