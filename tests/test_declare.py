"""Disaster declaration rules with a Pingdom stand-in and time control (time-machine)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
import yaml

from scripts.runbook.declare import evaluate_check, rebuild_gate
from scripts.runbook.incident import IncidentLog
from scripts.standins.pingdom import CHECK_ID, PingdomStandin

TOKEN = "pingdom-declare-token"
T0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)

CUSTOMERS = """\
customer_id,name,contact_name,contact_email
C1,Clinic One,Manager,one@example.com
C2,Clinic Two,Manager,two@example.com
C3,Clinic Three,Manager,three@example.com
"""


@pytest.fixture
def pingdom(monkeypatch):
    monkeypatch.setenv("KALEO_TEST_PINGDOM_TOKEN", TOKEN)
    with PingdomStandin("ok", token=TOKEN) as standin:
        yield standin


@pytest.fixture
def config(in_tmp, pingdom):
    (in_tmp / "customers.csv").write_text(CUSTOMERS)
    cfg = {
        "state": {"dir": str(in_tmp / "state")},
        "contacts": {"customers_file": str(in_tmp / "customers.csv")},
        "triage": {
            "pingdom": {
                "api_url": pingdom.url + "/api/3.1",
                "token": "env:KALEO_TEST_PINGDOM_TOKEN",
                "check_ids": [CHECK_ID],
            }
        },
    }
    path = in_tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def declare(cli, config, *extra):
    result = cli("--config", str(config), "declare", "--json", *extra)
    assert result.code in (0, 1), result.stdout
    data = result.json()
    assert (result.code == 1) == data["declare"]
    return data


def outage(pingdom, scenario="aws-outage"):
    pingdom.set_scenario(scenario, token=TOKEN, outage_start=int(T0.timestamp()))


def test_29_minutes_down_does_not_declare(cli, config, pingdom):
    outage(pingdom)
    with time_machine.travel(T0 + dt.timedelta(minutes=29), tick=False):
        data = declare(cli, config)
    assert data["declare"] is False
    check = data["monitoring"][0]
    assert check["status"] == "down" and not check["fired"]
    assert check["since"] == T0.isoformat(timespec="microseconds")
    assert len(check["regions_down"]) >= 2


def test_31_minutes_down_in_several_regions_declares(cli, config, pingdom):
    outage(pingdom)
    with time_machine.travel(T0 + dt.timedelta(minutes=31), tick=False):
        data = declare(cli, config)
    assert data["declare"] is True
    (rule,) = data["rules_fired"]
    assert rule["rule"] == "monitoring"
    assert rule["since"] == T0.isoformat(timespec="microseconds")
    assert rule["fired_at"] == (T0 + dt.timedelta(minutes=30)).isoformat(timespec="microseconds")
    assert set(data["monitoring"][0]["regions_down"]) == {"NA", "EU", "APAC", "LATAM"}
    with IncidentLog.open(config.parent / "state" / "incidents.sqlite") as log:
        incident = log.current_incident()
        decision = log.events(incident.id, "decision")[-1]
        assert decision.payload["declare"] is True
        assert decision.payload["monitoring"][0]["check_id"] == CHECK_ID


def test_one_region_down_does_not_declare(cli, config, pingdom):
    outage(pingdom, "region-down")
    with time_machine.travel(T0 + dt.timedelta(hours=3), tick=False):
        data = declare(cli, config)
    assert data["declare"] is False
    check = data["monitoring"][0]
    assert list(check["regions_down"]) == ["EU"]
    assert "confirmed from 1 region" in check["detail"]
    assert set(check["regions_up"]) == {"NA", "APAC", "LATAM"}


def test_rule_starts_when_the_second_region_joins_and_needs_continuity():
    class Settings:
        min_regions, outage_minutes = 2, 30

    t0 = int(T0.timestamp())
    regions = {1: "EU", 2: "NA", 3: "APAC"}
    results = []
    for minute in range(0, 60):
        t = t0 + minute * 60
        results.append({"probeid": 1, "time": t, "status": "down"})
        results.append({"probeid": 2, "time": t, "status": "down" if minute >= 20 else "up"})
        # APAC flaps: one "up" at minute 50 breaks its continuity
        results.append({"probeid": 3, "time": t, "status": "up" if minute == 50 else "down"})
    states = [{"status": "down", "timefrom": t0, "timeto": t0 + 3600}]
    at = T0 + dt.timedelta(minutes=49)
    early = evaluate_check(CHECK_ID, states, [r for r in results if r["time"] <= at.timestamp()], regions, at, Settings)
    # at 49 min: EU and APAC down since T0 -> fires
    assert early.fired and early.since == T0.isoformat(timespec="microseconds")
    at = T0 + dt.timedelta(minutes=59)
    late = evaluate_check(CHECK_ID, states, results, regions, at, Settings)
    # at 59 min: EU since T0, NA since 20 min, APAC only since 51 min -> 2nd region joined at 20 min: 39 min
    assert late.regions_down["APAC"] == (T0 + dt.timedelta(minutes=51)).isoformat(timespec="microseconds")
    assert late.since == (T0 + dt.timedelta(minutes=20)).isoformat(timespec="microseconds")
    assert late.fired and late.minutes == 39.0
    at = T0 + dt.timedelta(minutes=45)
    short = evaluate_check(
        CHECK_ID,
        states,
        [r for r in results if r["time"] <= at.timestamp() and r["probeid"] != 3],
        regions,
        at,
        Settings,
    )
    assert not short.fired and short.minutes == 25.0


def test_same_customer_three_times_counts_once(cli, config, pingdom):
    for note in ("first call", "called again", "emailed too"):
        assert (
            cli(
                "--config",
                str(config),
                "report-customer",
                "--customer",
                "C1",
                "--via",
                "phone",
                "--note",
                note,
                "--json",
            ).code
            == 0
        )
    data = declare(cli, config)
    assert data["declare"] is False
    assert data["customers"]["customers"] == ["C1"] and data["customers"]["reports"] == 3


def test_three_customers_declare(cli, config, pingdom):
    with time_machine.travel(T0, tick=False):
        cli("--config", str(config), "report-customer", "--customer", "C1", "--via", "email", "--json")
    with time_machine.travel(T0 + dt.timedelta(minutes=5), tick=False):
        cli("--config", str(config), "report-customer", "--customer", "C2", "--via", "phone", "--json")
        cli("--config", str(config), "report-customer", "--customer", "C2", "--via", "email", "--json")
    with time_machine.travel(T0 + dt.timedelta(minutes=9), tick=False):
        last = cli("--config", str(config), "report-customer", "--customer", "C3", "--via", "phone", "--json")
        assert last.json()["customers"]["fired"] is True
        data = declare(cli, config)
    assert data["declare"] is True
    (rule,) = data["rules_fired"]
    assert rule["rule"] == "customers"
    assert rule["since"] == T0.isoformat(timespec="microseconds")
    assert rule["fired_at"] == (T0 + dt.timedelta(minutes=9)).isoformat(timespec="microseconds")


def test_unknown_customer_is_bad_input(cli, config):
    result = cli("--config", str(config), "report-customer", "--customer", "C9", "--via", "phone", "--json")
    assert result.code == 2
    assert "C9" in result.json()["error"]


def test_amazon_clock_and_rebuild_gate(cli, config, pingdom):
    since = T0.isoformat()
    with time_machine.travel(T0 + dt.timedelta(hours=23), tick=False):
        result = cli(
            "--config",
            str(config),
            "declare",
            "--json",
            "--amazon-outage-since",
            since,
            "--reason",
            "AWS status page since noon",
        )
        clock = result.json()["amazon_clock"]
        assert clock["hours"] == 23.0 and clock["open"] is False and clock["source"] == "override"
    with time_machine.travel(T0 + dt.timedelta(hours=25), tick=False):
        clock = declare(cli, config)["amazon_clock"]
        assert clock["open"] is True and clock["hours"] == 25.0
        with IncidentLog.open(config.parent / "state" / "incidents.sqlite") as log:
            gate = rebuild_gate(log)
        assert gate.open and gate.since == T0.isoformat(timespec="microseconds")


def test_override_needs_a_reason_and_is_logged(cli, config, pingdom):
    result = cli("--config", str(config), "declare", "--override", "yes", "--json")
    assert result.code == 2
    data = declare(cli, config, "--override", "yes", "--reason", "status page confirms, customers calling")
    assert data["declare"] is True and data["rules_fired"][-1]["rule"] == "override"
    with IncidentLog.open(config.parent / "state" / "incidents.sqlite") as log:
        assert log.events(kind="override")[0].payload["reason"].startswith("status page")


def test_pingdom_refusing_the_token_is_a_configuration_cause_not_a_no(cli, config, pingdom):
    pingdom.set_scenario("ok", token="another-token")
    result = cli("--config", str(config), "declare", "--json")
    data = result.json()
    assert result.code == 2, data
    assert data["declare"] is False
    assert data["monitoring"][0]["status"] == "unknown"
    assert "401" in data["monitoring"][0]["detail"]
    monitoring = next(r for r in data["rules"] if r["rule"] == "monitoring")
    assert monitoring["evaluated"] is False and monitoring["cause"] == "config"
    assert "triage.pingdom.token" in data["inconclusive"]["reason"]
    assert TOKEN not in str(data)


def test_missing_pingdom_token_never_exits_0(cli, config, pingdom, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    result = cli("--config", str(config), "declare", "--json")
    data = result.json()
    assert result.code == 2, data
    rules = {r["rule"]: r for r in data["rules"]}
    assert rules["monitoring"]["evaluated"] is False
    assert "KALEO_TEST_PINGDOM_TOKEN is not set" in rules["monitoring"]["reason"]
    assert rules["customers"]["evaluated"] is True and rules["customers"]["fired"] is False
    assert "KALEO_TEST_PINGDOM_TOKEN" in data["inconclusive"]["reason"]
    human = cli("--config", str(config), "declare")
    assert human.code == 2 and "NOT EVALUATED" in human.stdout and "KALEO_TEST_PINGDOM_TOKEN" in human.stdout


def test_unreachable_pingdom_is_inconclusive(cli, config, pingdom):
    from scripts.standins.localsvc import free_port

    doc = yaml.safe_load(config.read_text())
    doc["triage"]["pingdom"]["api_url"] = f"http://127.0.0.1:{free_port()}/api/3.1"
    config.write_text(yaml.safe_dump(doc))
    result = cli("--config", str(config), "declare", "--json")
    data = result.json()
    assert result.code == 3, data
    monitoring = next(r for r in data["rules"] if r["rule"] == "monitoring")
    assert monitoring["evaluated"] is False and monitoring["cause"] == "unreachable"
    assert "cannot reach" in monitoring["reason"]


def test_customer_rule_fires_even_when_pingdom_cannot_be_read(cli, config, pingdom, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    for customer in ("C1", "C2", "C3"):
        assert cli("--config", str(config), "report-customer", "--customer", customer, "--via", "email").code == 0
    data = declare(cli, config)
    assert data["declare"] is True and data["inconclusive"] is None


def test_every_rule_says_whether_it_was_evaluated(cli, config, pingdom):
    data = declare(cli, config)
    assert data["declare"] is False and data["inconclusive"] is None
    assert [(r["rule"], r["evaluated"], r["fired"]) for r in data["rules"]] == [
        ("monitoring", True, False),
        ("customers", True, False),
    ]
    assert all(r["reason"] for r in data["rules"])


def test_down_without_probe_results_is_no_data_not_a_no():
    from types import SimpleNamespace

    settings = SimpleNamespace(min_regions=2, outage_minutes=30)
    states = [{"status": "down", "timefrom": int(T0.timestamp()), "timeto": int(T0.timestamp()) + 3600}]
    now = T0 + dt.timedelta(hours=1)
    ev = evaluate_check(CHECK_ID, states, [], {}, now, settings)
    assert ev.evaluated is False and ev.cause == "no-data" and ev.fired is False
    assert "no probe results" in ev.detail


def test_human_output(cli, config, pingdom):
    outage(pingdom)
    with time_machine.travel(T0 + dt.timedelta(minutes=45), tick=False):
        result = cli("--config", str(config), "declare")
    assert result.code == 1
    assert "DECLARE A DISASTER" in result.stdout and "rule monitoring fired" in result.stdout


def test_concurrent_customer_reports_share_one_incident(config, in_tmp):
    """Three report-customer processes at once: one incident, and its count reaches three customers."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "scripts", f"--config={config}", "report-customer", "--via=phone", "--customer", c],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for c in ("C1", "C2", "C3")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        (incident,) = log.incidents()
        reports = log.events(incident.id, "customer_report")
    assert sorted(e.payload["customer_id"] for e in reports) == ["C1", "C2", "C3"]
