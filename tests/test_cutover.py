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


def _cf_call(cf: CloudflareStandin, method: str, path: str, body: object = None, token: str = TOKEN):
    import urllib.error
    import urllib.request

    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(
        cf.url + path, data=data, method=method, headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_standin_answers_record_writes_like_the_api(cf):
    """The stand-in's refusals follow Cloudflare's codes, so cutover is tested against real-shaped errors."""
    records = f"/zones/{cf.zone_id}/dns_records"
    (api,) = cf.find("api.kaleosoftware.com")
    cases = [
        ("PATCH", f"{records}/{api['id']}", {"ttl": 120}, "wrong-token", 403, 10000),
        ("PATCH", f"/zones/nope/dns_records/{api['id']}", {"ttl": 120}, TOKEN, 404, 7003),
        ("PATCH", records, {"ttl": 120}, TOKEN, 404, 7000),
        ("PATCH", f"{records}/{api['id']}", b"not json", TOKEN, 400, 9207),
        ("PATCH", f"{records}/{api['id']}", [1], TOKEN, 400, 9207),
        ("PATCH", f"{records}/{api['id']}", {"colour": "red"}, TOKEN, 400, 9207),
        ("PATCH", f"{records}/missing", {"ttl": 120}, TOKEN, 404, 81044),
        ("PATCH", f"{records}/{api['id']}", {"ttl": 5}, TOKEN, 400, 9021),
        ("POST", records, {"name": "x.kaleosoftware.com", "type": "A"}, TOKEN, 400, 9207),
        ("POST", f"{records}/{api['id']}", {"name": "x", "type": "A", "content": "1.2.3.4"}, TOKEN, 404, 7000),
        ("POST", "/zones/nope/dns_records", {"name": "x", "type": "A", "content": "1.2.3.4"}, TOKEN, 404, 7003),
        ("POST", records, {"name": "x", "type": "SRV", "content": "1.2.3.4"}, TOKEN, 400, 9004),
        ("POST", records, {"name": "kaleosoftware.com", "type": "A", "content": "1.2.3.4"}, TOKEN, 400, 81053),
    ]
    for method, path, body, token, status, code in cases:
        got_status, got = _cf_call(cf, method, path, body, token)
        assert (got_status, [e["code"] for e in got["errors"]]) == (status, [code]), (method, path, body, got)
        assert got["success"] is False
    assert cf.find("api.kaleosoftware.com") == [api]

    status, created = _cf_call(cf, "POST", records, {"name": "x.kaleosoftware.com", "type": "A", "content": "1.2.3.4"})
    assert status == 200 and created["result"]["content"] == "1.2.3.4" and created["result"]["ttl"] == 1
    status, patched = _cf_call(cf, "PATCH", f"{records}/{api['id']}", {"ttl": 120, "content": "198.51.100.7"})
    assert status == 200 and (patched["result"]["ttl"], patched["result"]["content"]) == (120, "198.51.100.7")
    assert ("PATCH", f"zones/{cf.zone_id}/dns_records/{api['id']}") in cf.requests
