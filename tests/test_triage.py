"""kaleo-dr triage against real stand-ins: Statuspage, Pingdom, AWS RSS, DNS servers, moto."""

from __future__ import annotations

import uuid
from pathlib import Path

import boto3
import pytest
import yaml

from scripts.runbook.incident import IncidentLog
from scripts.standins.awsstatus import AwsStatusStandin
from scripts.standins.connectivity import ConnectivityStandin
from scripts.standins.dns import DnsStandin
from scripts.standins.localsvc import env_vars, free_port
from scripts.standins.pingdom import CHECK_ID, PingdomStandin
from scripts.standins.statuspage import StatuspageStandin
from tests.conftest import stop_together

TOKEN = "pingdom-test-token"


VANTAGE_NAME = "a.root-servers.net"


@pytest.fixture
def standins():
    """The providers' stand-ins, plus two independent public resolvers and two connectivity endpoints."""
    started: list = []

    def start(standin):
        # each one started as soon as it is made: a DnsStandin picks its port when made, and a server
        # started in between could be given that port
        standin.start()
        started.append(standin)
        return standin

    try:
        pingdom = start(PingdomStandin("ok", token=TOKEN))
        statuspage = start(StatuspageStandin("ok"))
        awsstatus = start(AwsStatusStandin("ok"))
        dns1 = start(DnsStandin({"app.example.com": ["192.0.2.10"]}, serial=7))
        dns2 = start(DnsStandin({"app.example.com": ["192.0.2.10"]}, serial=7))
        public1 = start(DnsStandin({VANTAGE_NAME: ["198.41.0.4"]}, zone="root-servers.net"))
        public2 = start(DnsStandin({VANTAGE_NAME: ["198.41.0.4"]}, zone="root-servers.net"))
        web1 = start(ConnectivityStandin("ok"))
        web2 = start(ConnectivityStandin("ok"))
        yield {
            "pingdom": pingdom,
            "statuspage": statuspage,
            "awsstatus": awsstatus,
            "dns": [dns1, dns2],
            "vantage": {
                "resolvers": [
                    {"address": public1.address, "provider": "resolver-one"},
                    {"address": public2.address, "provider": "resolver-two"},
                ],
                "dns_name": VANTAGE_NAME,
                "https": [
                    {"url": web1.url + "/generate_204", "provider": "web-one"},
                    {
                        "url": web2.url + "/hotspot-detect.html",
                        "provider": "web-two",
                        "expect_status": 200,
                        "expect_body": "Success",
                    },
                ],
                "timeout": 2,
            },
            "vantage_standins": {"dns": [public1, public2], "https": [web1, web2]},
        }
    finally:
        stop_together(started)


@pytest.fixture(scope="module")
def aws_resources(moto_server):
    """Kaleo's AWS resources, healthy, in moto (created once for the module)."""
    with env_vars(moto_server.aws_env()):
        yield _create_resources()


@pytest.fixture(autouse=True)
def _aws_env_for_tests(aws_env):
    return aws_env


def _create_resources():
    suffix = uuid.uuid4().hex[:8]
    names = {
        "rds": f"kaleo-{suffix}",
        "bucket": f"kaleo-assets-{suffix}",
        "cache": f"kaleo-cache-{suffix}",
        "search": f"kaleo-search-{suffix}",
        "tag": f"kaleo-{suffix}",
    }
    boto3.client("rds").create_db_instance(
        DBInstanceIdentifier=names["rds"],
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="kaleo",
        MasterUserPassword="example-password",
        AllocatedStorage=20,
    )
    ec2 = boto3.client("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    ec2.run_instances(
        ImageId=image,
        MinCount=2,
        MaxCount=2,
        InstanceType="t3.micro",
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "app", "Value": names["tag"]}]}],
    )
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=names["bucket"])
    s3.put_object(Bucket=names["bucket"], Key="canary/triage.txt", Body=b"kaleo canary")
    boto3.client("elasticache").create_replication_group(
        ReplicationGroupId=names["cache"],
        ReplicationGroupDescription="example",
        CacheNodeType="cache.t3.micro",
        Engine="redis",
        NumCacheClusters=1,
    )
    boto3.client("opensearch").create_domain(DomainName=names["search"])
    cluster_health(names["search"], red=0, yellow=0)
    return names


def cluster_health(domain: str, red: int, yellow: int) -> None:
    arn = boto3.client("opensearch").describe_domain(DomainName=domain)["DomainStatus"]["ARN"]
    dims = [{"Name": "DomainName", "Value": domain}, {"Name": "ClientId", "Value": arn.split(":")[4]}]
    boto3.client("cloudwatch").put_metric_data(
        Namespace="AWS/ES",
        MetricData=[
            {"MetricName": "ClusterStatus.red", "Dimensions": dims, "Value": red},
            {"MetricName": "ClusterStatus.yellow", "Dimensions": dims, "Value": yellow},
        ],
    )


def write_config(tmp: Path, standins, aws_resources=None, endpoint_url=None, **triage) -> Path:
    dns1, dns2 = standins["dns"]
    cfg = {
        "state": {"dir": str(tmp / "state")},
        "triage": {
            "aws_status_url": standins["awsstatus"].url + "/rss",
            "aws_status_feeds": ["ec2-us-east-1", "rds-us-east-1", "s3-us-east-1"],
            "cloudflare_status_url": standins["statuspage"].url + "/api/v2",
            "pingdom": {
                "api_url": standins["pingdom"].url + "/api/3.1",
                "token": "env:KALEO_TEST_PINGDOM_TOKEN",
                "check_ids": [CHECK_ID],
                "timeout": 2,
            },
            "dns": {
                "names": ["app.example.com"],
                "resolvers": [dns1.address, dns2.address],
                "zone": "example.com",
                "authoritative": [dns1.address, dns2.address],
                "timeout": 2,
            },
            "timeout": 3,
            "grace": 1,
            "aws_resources": aws_resources is not None,
            "vantage": standins["vantage"],
            **triage,
        },
        # generous unless the test wants AWS to hang (the machine may be busy: a healthy run never waits)
        "aws": {
            "connect_timeout": 0.5 if endpoint_url else 2,
            "read_timeout": 1 if endpoint_url else 5,
            "max_attempts": 1,
        },
    }
    if aws_resources is not None:
        cfg["aws"].update(
            rds_instance=aws_resources["rds"],
            s3_buckets=[aws_resources["bucket"]],
            s3_canary_key="canary/triage.txt",
            elasticache_group=aws_resources["cache"],
            opensearch_domain=aws_resources["search"],
            ec2_tag_filter={"app": aws_resources["tag"]},
        )
        if endpoint_url:
            cfg["aws"]["endpoint_url"] = endpoint_url
    path = tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


@pytest.fixture(autouse=True)
def pingdom_token(monkeypatch):
    monkeypatch.setenv("KALEO_TEST_PINGDOM_TOKEN", TOKEN)


def by_name(data):
    return {r["name"]: r for r in data["results"]}


def test_healthy_service_exits_0(cli, in_tmp, standins, aws_resources):
    cfg = write_config(in_tmp, standins, aws_resources)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    assert result.code == 0, data
    assert data["verdict"]["branch"] == "healthy"
    results = by_name(data)
    assert {r["status"] for r in results.values()} == {"ok"}, [r for r in results.values() if r["status"] != "ok"]
    for key in ("name", "category", "status", "detail", "latency_ms", "source", "evaluated"):
        assert key in results["cloudflare"]
    assert results["aws:s3:" + aws_resources["bucket"]]["detail"].endswith("canary read (12 bytes)")
    assert "2 instances" in results["aws:ec2"]["detail"]
    assert results["aws:opensearch"]["detail"].endswith("active, green")
    assert data["log"]["incident_id"] is None  # nothing to open an incident for, the evidence is kept anyway
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        assert [e.kind for e in log.events()] == ["triage"]


def test_amazon_outage_starts_the_clock(cli, in_tmp, standins, aws_resources):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    standins["awsstatus"].set_scenario("aws-outage")
    cfg = write_config(in_tmp, standins, aws_resources)
    result = cli("--config", str(cfg), "triage", "--json")
    assert result.code == 1
    data = result.json()
    verdict = data["verdict"]
    assert verdict["branch"] == "amazon-outage"
    assert "aws-status:ec2-us-east-1" in verdict["evidence"] and f"pingdom:{CHECK_ID}" in verdict["evidence"]
    assert by_name(data)["aws-status:ec2-us-east-1"]["status"] == "down"
    # the clock starts when AWS's first message of the disruption was published
    start = int(standins["awsstatus"].options["outage_start"])
    import datetime as dt

    assert verdict["amazon_outage_since"] == dt.datetime.fromtimestamp(start, dt.UTC).isoformat()
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        incident = log.current_incident()
        assert incident is not None and incident.id == data["log"]["incident_id"]
        clock = log.events(incident.id, "amazon_outage")
        assert len(clock) == 1 and clock[0].payload["since"] == verdict["amazon_outage_since"]
        bundle = log.events(incident.id, "triage")[0].payload
        assert bundle["verdict"]["branch"] == "amazon-outage" and len(bundle["results"]) == len(data["results"])
    # a second run keeps the first clock start
    again = cli("--config", str(cfg), "triage", "--json")
    assert again.json()["log"]["amazon_outage"]["since"] == verdict["amazon_outage_since"]
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        assert len(log.events(kind="amazon_outage")) == 1


def test_hanging_status_page_does_not_stall_triage(cli, in_tmp, standins):
    standins["statuspage"].set_scenario("hang")
    standins["dns"][1].set_scenario("hang")
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    cfg = write_config(in_tmp, standins, timeout=1)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    results = by_name(data)
    assert results["cloudflare"]["status"] == "unknown"
    assert "timeout" in results["cloudflare"]["detail"]
    # the other checks still answered
    assert results[f"pingdom:{CHECK_ID}"]["status"] == "down"
    assert results["aws-status:ec2-us-east-1"]["status"] == "ok"
    # one resolver hangs: the other one's answer still counts
    assert results["dns:app.example.com"]["status"] == "degraded"
    assert "did not answer" in results["dns:app.example.com"]["detail"]


def test_aws_api_that_does_not_answer_is_evidence(cli, in_tmp, standins, aws_resources):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    with PingdomStandin("hang") as dead_aws:
        cfg = write_config(in_tmp, standins, aws_resources, endpoint_url=dead_aws.url)
        result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    results = by_name(data)
    for name in ("aws:rds", "aws:ec2", "aws:elasticache", "aws:opensearch"):
        assert results[name]["status"] == "unknown", results[name]
        evidence = results[name]["evidence"]
        assert evidence.get("api_unreachable") or evidence.get("timed_out"), results[name]
    assert data["verdict"]["branch"] == "amazon-outage"
    assert any("AWS APIs do not answer" in r for r in data["verdict"]["reasons"])


def test_database_outage_points_to_recover_in_aws(cli, in_tmp, standins, aws_resources):
    stopped = f"kaleo-stopped-{uuid.uuid4().hex[:8]}"
    rds = boto3.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier=stopped,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="kaleo",
        MasterUserPassword="example-password",
        AllocatedStorage=20,
    )
    rds.stop_db_instance(DBInstanceIdentifier=stopped)
    aws_resources = {**aws_resources, "rds": stopped}
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)  # Kaleo down from everywhere; AWS itself fine
    cfg = write_config(in_tmp, standins, aws_resources)
    data = cli("--config", str(cfg), "triage", "--json").json()
    assert by_name(data)["aws:rds"]["status"] == "down"
    assert data["verdict"]["branch"] == "database-outage"
    assert data["verdict"]["next_command"] == "kaleo-dr db recover-in-aws"


def test_resources_that_do_not_exist_are_down_not_unknown(cli, in_tmp, standins, aws_resources):
    gone = f"kaleo-gone-{uuid.uuid4().hex[:8]}"
    aws_resources = {**aws_resources, "rds": gone, "cache": gone, "search": gone}
    cfg = write_config(in_tmp, standins, aws_resources)
    results = by_name(cli("--config", str(cfg), "triage", "--json").json())
    expected = {
        "aws:rds": (f"RDS instance {gone}", "DBInstanceNotFound"),
        "aws:elasticache": (f"replication group {gone}", "ReplicationGroupNotFoundFault"),
        "aws:opensearch": (f"OpenSearch domain {gone}", "ResourceNotFoundException"),
    }
    for name, (what, code) in expected.items():
        assert results[name]["status"] == "down", results[name]
        assert results[name]["detail"] == f"{what} does not exist"
        assert results[name]["evidence"] == {"code": code}


def test_kaleo_code_when_only_the_service_fails(cli, in_tmp, standins, aws_resources):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    cfg = write_config(in_tmp, standins, aws_resources)
    data = cli("--config", str(cfg), "triage", "--json").json()
    assert data["verdict"]["branch"] == "kaleo-code", data["verdict"]


def test_cloudflare_outage_means_wait_and_escalate(cli, in_tmp, standins):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    standins["statuspage"].set_scenario("cloudflare-outage")
    cfg = write_config(in_tmp, standins)
    data = cli("--config", str(cfg), "triage", "--json").json()
    assert by_name(data)["cloudflare"]["status"] == "down"
    assert data["verdict"]["branch"] == "cloudflare-dns-backbone"


def test_one_edge_location_is_not_a_cloudflare_outage(cli, in_tmp, standins):
    standins["statuspage"].set_scenario("edge-down")
    cfg = write_config(in_tmp, standins)
    data = cli("--config", str(cfg), "triage", "--json").json()
    cloudflare = by_name(data)["cloudflare"]
    assert cloudflare["status"] == "ok"
    assert "not an outage" in cloudflare["detail"] and "FRA" in cloudflare["detail"]


def test_dns_disagreement_and_soa_drift(cli, in_tmp, standins):
    with DnsStandin({"app.example.com": ["198.51.100.66"]}, serial=6) as rogue:
        standins["dns"] = [standins["dns"][0], rogue]
        cfg = write_config(in_tmp, standins)
        data = cli("--config", str(cfg), "triage", "--json").json()
    results = by_name(data)
    assert results["dns:app.example.com"]["status"] == "degraded"
    assert "disagree" in results["dns:app.example.com"]["detail"]
    assert results["dns-soa:example.com"]["status"] == "degraded"
    assert "serials differ" in results["dns-soa:example.com"]["detail"]


def test_missing_pingdom_token_is_unknown_not_a_crash(cli, in_tmp, standins, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    cfg = write_config(in_tmp, standins)
    data = cli("--config", str(cfg), "triage", "--json").json()
    pingdom = by_name(data)[f"pingdom:{CHECK_ID}"]
    assert pingdom["status"] == "unknown"
    assert "KALEO_TEST_PINGDOM_TOKEN" in pingdom["detail"]
    assert TOKEN not in str(data)


def test_healthy_with_a_missing_pingdom_token_is_not_exit_0(cli, in_tmp, standins, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    health = standins["vantage"]["https"][1]["url"]  # answers 200: Kaleo's health endpoint here
    cfg = write_config(in_tmp, standins, http_probes=[health])
    result = cli("--config", str(cfg), "triage", "--json")
    verdict = result.json()["verdict"]
    assert verdict["branch"] == "healthy" and verdict["evidence"] == [f"http:{health}"]
    assert result.code == 2 and verdict["exit_code"] == 2
    assert any(f"pingdom:{CHECK_ID}" in n and "KALEO_TEST_PINGDOM_TOKEN" in n for n in verdict["not_evaluated"])


def test_human_output_and_undetermined_without_monitoring(cli, in_tmp, standins, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    standins["awsstatus"].set_scenario("hang")
    cfg = write_config(in_tmp, standins, timeout=0.5)
    result = cli("--config", str(cfg), "triage")
    assert result.code == 3  # inconclusive, never a "no"
    assert "verdict:" in result.stdout and "undetermined" in result.stdout
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        assert log.current_incident() is None  # no picture, no incident; the evidence is still kept
        assert len(log.events(kind="triage")) == 1


def test_opensearch_red_cluster_is_down(cli, in_tmp, standins, aws_resources):
    red = f"kaleo-red-{uuid.uuid4().hex[:8]}"
    boto3.client("opensearch").create_domain(DomainName=red)
    cluster_health(red, red=1, yellow=0)
    cfg = write_config(in_tmp, standins, {**aws_resources, "search": red})
    data = cli("--config", str(cfg), "triage", "--json").json()
    opensearch = by_name(data)["aws:opensearch"]
    assert opensearch["status"] == "down" and "red" in opensearch["detail"]


# -- the vantage check and corroboration ------------------------------------------------------
def closed_url() -> str:
    """A local address where nothing listens: connections are refused at once."""
    return f"http://127.0.0.1:{free_port()}"


def offline_config(tmp: Path, standins, aws_resources=None) -> Path:
    """Every status page, resolver, probe, vantage endpoint and AWS API on a closed local port."""
    silent = {
        "aws_status_url": closed_url() + "/rss",
        "cloudflare_status_url": closed_url() + "/api/v2",
        "pingdom": {"api_url": closed_url() + "/api/3.1", "token": "env:KALEO_TEST_PINGDOM_TOKEN", "timeout": 1},
        "dns": {
            "names": ["app.example.com"],
            "resolvers": [f"127.0.0.1:{free_port()}"],
            "zone": "example.com",
            "authoritative": [f"127.0.0.1:{free_port()}"],
            "timeout": 1,
        },
        "http_probes": [closed_url() + "/health"],
        "vantage": {
            "resolvers": [
                {"address": f"127.0.0.1:{free_port()}", "provider": "resolver-one"},
                {"address": f"127.0.0.1:{free_port()}", "provider": "resolver-two"},
            ],
            "dns_name": VANTAGE_NAME,
            "https": [{"url": closed_url() + "/generate_204", "provider": "web-one"}],
            "timeout": 1,
        },
    }
    return write_config(tmp, standins, aws_resources, endpoint_url=closed_url() if aws_resources else None, **silent)


def test_no_network_at_all_is_undetermined_and_starts_no_clock(cli, in_tmp, standins, aws_resources):
    cfg = offline_config(in_tmp, standins, aws_resources)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    verdict = data["verdict"]
    assert result.code == 3, verdict
    assert verdict["branch"] == "undetermined" and verdict["vantage_failure"] is True
    assert verdict["reasons"][0].startswith("this machine cannot reach the internet (or DNS)")
    assert verdict["amazon_outage_since"] is None and verdict["sources"] == []
    assert verdict["vantage"]["state"] == "blind" and "another network" in verdict["action"]
    assert data["log"]["incident_id"] is None and data["log"]["amazon_outage"] is None
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        assert log.current_incident() is None
        assert log.events(kind="amazon_outage") == []
        (event,) = log.events(kind="triage")
        # recorded as a vantage failure: the provider checks are listed as not evaluated, not as trouble
        assert event.payload["vantage_failure"] is True
        assert {r["category"] for r in event.payload["results"]} == {"vantage"}
        assert "aws:rds" in event.payload["not_evaluated"] and "cloudflare" in event.payload["not_evaluated"]


def test_the_example_config_offline_blames_no_provider(cli, in_tmp, standins):
    """The shipped defaults (public resolvers, connectivity endpoints) with every one of them unreachable."""
    cfg = offline_config(in_tmp, standins)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    assert result.code == 3
    assert data["verdict"]["branch"] == "undetermined"
    dns = by_name(data)["dns:app.example.com"]
    assert dns["status"] == "unknown" and "no resolver answered" in dns["detail"]  # not "DNS trouble"
    assert dns["evaluated"] is False and by_name(data)["cloudflare"]["evaluated"] is False


def test_aws_apis_silent_with_a_clear_vantage_and_a_disrupted_feed_is_amazon_outage(
    cli, in_tmp, standins, aws_resources, monkeypatch
):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")  # Pingdom cannot be read: the two sources are AWS's own
    standins["awsstatus"].set_scenario("aws-outage")
    cfg = write_config(in_tmp, standins, aws_resources, endpoint_url=closed_url())
    result = cli("--config", str(cfg), "triage", "--json")
    verdict = result.json()["verdict"]
    assert result.code == 1
    assert verdict["branch"] == "amazon-outage", verdict
    assert verdict["vantage"]["state"] == "ok"
    assert sorted(verdict["sources"]) == ["aws-apis", "aws-status-feed"]
    text = " ".join(verdict["reasons"])
    assert "AWS APIs do not answer" in text and "web-one, web-two" in text
    assert "AWS status feeds report trouble" in text and "2 independent sources agree" in text
    assert "aws:rds" in verdict["evidence"] and "aws-status:ec2-us-east-1" in verdict["evidence"]


def test_aws_apis_silent_with_the_vantage_down_is_undetermined(cli, in_tmp, standins, aws_resources):
    standins["awsstatus"].set_scenario("aws-outage")
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    vantage = {
        **standins["vantage"],
        "resolvers": [{"address": f"127.0.0.1:{free_port()}", "provider": "resolver-one"}],
        "https": [{"url": closed_url() + "/generate_204", "provider": "web-one"}],
        "timeout": 1,
    }
    cfg = write_config(in_tmp, standins, aws_resources, endpoint_url=closed_url(), vantage=vantage)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    assert result.code == 3
    assert data["verdict"]["branch"] == "undetermined" and data["verdict"]["vantage_failure"] is True
    assert data["log"]["amazon_outage"] is None


def test_partial_vantage_is_reported_and_silence_is_not_counted(cli, in_tmp, standins, aws_resources, monkeypatch):
    """DNS answers but every HTTPS check lands on a captive portal: a silent AWS API is not evidence."""
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    for web in standins["vantage_standins"]["https"]:
        web.set_scenario("captive")
    standins["awsstatus"].set_scenario("aws-outage")
    cfg = write_config(in_tmp, standins, aws_resources, endpoint_url=closed_url())
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    verdict = data["verdict"]
    assert result.code == 3
    assert verdict["vantage"]["state"] == "partial"
    assert verdict["vantage"]["dns_providers"] == ["resolver-one", "resolver-two"]
    assert verdict["vantage"]["https_providers"] == []
    assert any("partial" in w and "HTTPS: none of web-one, web-two answers" in w for w in verdict["warnings"])
    assert (
        "captive portal" in by_name(data)[f"vantage-https:web-one:{standins['vantage']['https'][0]['url']}"]["detail"]
    )
    assert verdict["branch"] == "undetermined" and verdict["sources"] == []
    assert any("only aws-status-feed" in r for r in verdict["reasons"])


def test_one_provider_only_is_partial(cli, in_tmp, standins):
    vantage = {**standins["vantage"], "resolvers": standins["vantage"]["resolvers"][:1]}
    cfg = write_config(in_tmp, standins, vantage=vantage)
    data = cli("--config", str(cfg), "triage", "--json").json()
    assert data["verdict"]["vantage"]["state"] == "partial"
    assert data["verdict"]["vantage"]["dns_ok"] is False and data["verdict"]["vantage"]["https_ok"] is True
    assert data["verdict"]["branch"] == "healthy"  # Pingdom and the probes answered: that is not in doubt


def test_resolver_answering_over_udp_only_is_reported(cli, in_tmp, standins):
    with DnsStandin({VANTAGE_NAME: ["198.41.0.4"]}, zone="root-servers.net", tcp=False) as udp_only:
        vantage = {
            **standins["vantage"],
            "resolvers": [{"address": udp_only.address, "provider": "udp-only"}, *standins["vantage"]["resolvers"]],
        }
        cfg = write_config(in_tmp, standins, vantage=vantage)
        data = cli("--config", str(cfg), "triage", "--json").json()
    probe = by_name(data)[f"vantage-dns:udp-only:{udp_only.address}"]
    assert probe["status"] == "degraded" and "over UDP only" in probe["detail"]
    assert probe["evidence"]["udp"] == "ok" and probe["evidence"]["tcp"] != "ok"
    assert data["verdict"]["vantage"]["state"] == "ok"


def test_dns_standin_takes_another_port_when_its_tcp_side_is_taken(monkeypatch):
    """Without a requested port, UDP binds port 0 and TCP follows it; when another process
    holds that port over TCP, the stand-in releases it and answers both ways on another."""
    import socket

    import dnslib.server
    from dnslib import DNSRecord

    real = dnslib.server.DNSServer
    held: list[socket.socket] = []
    first_udp_ports: list[int] = []

    def taking_the_first_tcp_port(*args, port, tcp, **kwargs):
        if tcp and not held:
            squatter = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            squatter.bind(("127.0.0.1", port))
            squatter.listen()
            held.append(squatter)
        server = real(*args, port=port, tcp=tcp, **kwargs)
        if not tcp:
            first_udp_ports.append(server.server.server_address[1])
        return server

    monkeypatch.setattr(dnslib.server, "DNSServer", taking_the_first_tcp_port)
    try:
        with DnsStandin({"app.example.com": ["192.0.2.10"]}) as dns:
            taken = held[0].getsockname()[1]
            assert dns.port != taken and len(first_udp_ports) == 2
            for tcp in (False, True):
                answer = DNSRecord.parse(
                    DNSRecord.question("app.example.com").send("127.0.0.1", dns.port, tcp=tcp, timeout=5)
                )
                assert [str(rr.rdata) for rr in answer.rr] == ["192.0.2.10"], tcp
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.bind(("127.0.0.1", taken))  # the UDP side of the taken port was released
    finally:
        for squatter in held:
            squatter.close()


def test_kaleo_names_failing_while_resolvers_answer_other_names_is_the_dns_branch(cli, in_tmp, standins):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    with (
        DnsStandin({"other.example.com": ["192.0.2.99"]}, serial=7) as lost1,
        DnsStandin({"other.example.com": ["192.0.2.99"]}, serial=7) as lost2,
    ):
        standins["dns"] = [lost1, lost2]
        cfg = write_config(in_tmp, standins)
        result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    verdict = data["verdict"]
    assert result.code == 1
    assert by_name(data)["dns:app.example.com"]["status"] == "down"
    assert verdict["vantage"]["dns_ok"] is True
    assert verdict["branch"] == "cloudflare-dns-backbone", verdict
    assert any("dns:app.example.com" in r and "does not resolve" in r for r in verdict["reasons"])
    assert data["log"]["amazon_outage"] is None


@pytest.mark.parametrize(
    ("title", "branch"),
    [
        ("Service is operating normally: [RESOLVED] Increased error rates", "kaleo-code"),
        ("Informational message: Increased API error rates", "amazon-outage"),
        ("Performance issues: Increased latencies", "amazon-outage"),
        ("Service disruption: Increased error rates and latencies", "amazon-outage"),
    ],
)
def test_aws_feed_words_and_pingdom_down_from_three_regions(cli, in_tmp, standins, title, branch):
    feeds = ["ec2-us-east-1", "rds-us-east-1", "s3-us-east-1", "elasticache-us-east-1"]
    standins["awsstatus"].set_scenario("aws-outage", latest_title=title)
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN, down_regions=["NA", "EU", "APAC"])
    cfg = write_config(in_tmp, standins, aws_status_feeds=feeds)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    verdict = data["verdict"]
    pingdom = by_name(data)[f"pingdom:{CHECK_ID}"]
    assert pingdom["status"] == "down" and pingdom["evidence"]["regions_down"] == ["APAC", "EU", "NA"]
    assert verdict["branch"] == branch, verdict
    text = " ".join(verdict["reasons"])
    if branch == "amazon-outage":
        assert sorted(verdict["sources"]) == ["aws-status-feed", "pingdom-regions"]
        assert title.split(":")[0] in text and "healthy" not in text and "answered ok" not in text
        assert all(f"aws-status:{f}" in verdict["evidence"] for f in feeds)
    else:
        assert all(by_name(data)[f"aws-status:{f}"]["status"] == "ok" for f in feeds)
        assert "every provider check answered ok" in text


def test_pingdom_down_from_one_region_is_not_a_second_source(cli, in_tmp, standins):
    standins["awsstatus"].set_scenario("aws-outage", latest_title="Performance issues: Increased latencies")
    standins["pingdom"].set_scenario("region-down", token=TOKEN)
    cfg = write_config(in_tmp, standins)
    result = cli("--config", str(cfg), "triage", "--json")
    data = result.json()
    assert by_name(data)[f"pingdom:{CHECK_ID}"]["evidence"]["regions_down"] == ["EU"]
    assert data["verdict"]["branch"] == "undetermined" and result.code == 3
    assert data["log"]["amazon_outage"] is None


# -- every verdict's reason matches its evidence ------------------------------------------------
def _result(name: str, category: str, status: str, **evidence):
    from scripts.runbook.triage.checks import CheckResult

    return CheckResult(name, category, status, f"{name} is {status}", 1.0, "test", evidence)


def _vantage(mode: str):
    dns_status = "down" if mode in ("blind", "https-only") else "ok"
    https_status = "ok" if mode in ("ok", "https-only") else "down"
    return [
        _result("vantage-dns:one:192.0.2.1", "vantage", dns_status),
        _result("vantage-dns:two:192.0.2.2", "vantage", dns_status),
        _result("vantage-https:three:https://a.test/", "vantage", https_status),
        _result("vantage-https:four:https://b.test/", "vantage", https_status),
    ]


def _world(vantage: str, feed: str, cloudflare: str, pingdom: str, dns: str, aws: str, probe: str):
    results = _vantage(vantage)
    results.append(_result("aws-status:ec2-us-east-1", "aws-status", feed, **({"since": "2026-11-28T20:00:00+00:00"})))
    results.append(_result("cloudflare", "cloudflare", cloudflare))
    results.append(
        _result("pingdom:1", "monitoring", pingdom, **({"regions_down": ["EU", "NA"]} if pingdom == "down" else {}))
    )
    results.append(
        _result("dns:app.example.com", "dns", dns, **({"resolvers_unreachable": True} if dns == "unknown" else {}))
    )
    if aws == "silent":
        results.append(_result("aws:ec2", "aws-resources", "unknown", api_unreachable=True))
    else:
        results.append(_result("aws:ec2", "aws-resources", aws))
    results.append(
        _result("http:https://app.test/", "http", probe, **({"error": "ConnectError"} if probe == "down" else {}))
    )
    return results


STATUSES = ("ok", "degraded", "down", "unknown")


def test_no_verdict_contradicts_its_evidence():
    import itertools

    from scripts.runbook.triage.verdict import decide

    seen: set[str] = set()
    for vantage, feed, cloudflare, pingdom, dns, aws, probe in itertools.product(
        ("ok", "partial", "https-only", "blind"),
        STATUSES,
        STATUSES,
        STATUSES,
        STATUSES,
        (*STATUSES, "silent"),
        ("ok", "down", "unknown"),
    ):
        results = _world(vantage, feed, cloudflare, pingdom, dns, aws, probe)
        v = decide(results)
        by = {r.name: r for r in results}
        case = (vantage, feed, cloudflare, pingdom, dns, aws, probe, v.branch, v.reasons)
        seen.add(v.branch)
        text = " ".join(v.reasons)
        if vantage == "blind":
            assert v.branch == "undetermined" and v.vantage_failure and not v.sources, case
            assert "cannot reach the internet" in text, case
            continue
        assert not v.vantage_failure, case
        if v.branch == "amazon-outage":
            assert len(v.sources) >= 2, case
            if "aws-status-feed" in v.sources:
                assert feed in ("degraded", "down"), case
            if "aws-apis" in v.sources:
                assert aws in ("degraded", "down") or (aws == "silent" and vantage in ("ok", "https-only")), case
            if "pingdom-regions" in v.sources:
                assert pingdom == "down", case
            assert v.amazon_outage_since == ("2026-11-28T20:00:00+00:00" if feed in ("degraded", "down") else None)
        else:
            assert v.amazon_outage_since is None and v.sources == [], case
        if v.branch == "kaleo-code":
            for name in ("aws-status:ec2-us-east-1", "cloudflare", "dns:app.example.com", "aws:ec2"):
                assert by[name].status == "ok", case
            assert pingdom in ("down", "degraded") or probe == "down", case
        if v.branch == "healthy":
            assert pingdom != "down" and (pingdom == "ok" or probe == "ok"), case
            assert v.evidence and all(by[name].status == "ok" for name in v.evidence), case
            assert (v.exit_code == 0) == (pingdom != "unknown" and probe != "unknown"), case
        else:
            assert v.exit_code == (3 if v.branch == "undetermined" else 1), case
        if v.branch == "cloudflare-dns-backbone":
            dns_counted = dns in ("degraded", "down") and vantage in ("ok", "partial")
            assert cloudflare in ("degraded", "down") or dns_counted or probe == "down", case
        if "look healthy" in text or "answered ok" in text:
            assert v.branch == "kaleo-code" or v.branch == "healthy", case
        if "report no trouble" in text:
            assert feed not in ("degraded", "down"), case
        if "AWS APIs do not answer" in text and v.branch == "amazon-outage":
            assert vantage in ("ok", "https-only"), case  # silence counts only with a clear HTTPS view
    assert seen == {"healthy", "kaleo-code", "amazon-outage", "cloudflare-dns-backbone", "undetermined"}


@pytest.mark.parametrize(
    ("world", "branch"),
    [
        (("ok", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown"), "undetermined"),  # all unknown
        (("ok", "down", "down", "down", "down", "silent", "down"), "amazon-outage"),  # all down, clear view
        (("blind", "down", "down", "down", "down", "silent", "down"), "undetermined"),  # all down, blind
        (("ok", "ok", "ok", "down", "ok", "ok", "down"), "kaleo-code"),  # mixed: only Kaleo fails
        (("ok", "ok", "unknown", "down", "ok", "ok", "down"), "undetermined"),  # ... but Cloudflare unchecked
        (("ok", "degraded", "ok", "down", "ok", "ok", "down"), "amazon-outage"),  # a degraded feed is AWS trouble
        (("ok", "degraded", "ok", "unknown", "ok", "ok", "down"), "undetermined"),  # one source only
        (("partial", "down", "ok", "unknown", "ok", "silent", "unknown"), "undetermined"),  # silence, no clear view
        (("ok", "down", "ok", "unknown", "ok", "silent", "unknown"), "amazon-outage"),  # silence, clear view
        (("ok", "ok", "down", "down", "ok", "ok", "down"), "cloudflare-dns-backbone"),
        (("ok", "ok", "ok", "down", "down", "ok", "ok"), "cloudflare-dns-backbone"),  # Kaleo's names fail
        (("https-only", "ok", "ok", "down", "down", "ok", "ok"), "undetermined"),  # ... but no resolver is right
    ],
)
def test_verdict_for_named_combinations(world, branch):
    from scripts.runbook.triage.verdict import decide

    verdict = decide(_world(*world))
    assert verdict.branch == branch, verdict
