"""kaleo-dr triage against real stand-ins: Statuspage, Pingdom, AWS RSS, DNS servers, moto."""

from __future__ import annotations

import uuid
from pathlib import Path

import boto3
import pytest
import yaml

from scripts.runbook.incident import IncidentLog
from scripts.standins.awsstatus import AwsStatusStandin
from scripts.standins.dns import DnsStandin
from scripts.standins.localsvc import env_vars
from scripts.standins.pingdom import CHECK_ID, PingdomStandin
from scripts.standins.statuspage import StatuspageStandin

TOKEN = "pingdom-test-token"


@pytest.fixture
def standins():
    with (
        PingdomStandin("ok", token=TOKEN) as pingdom,
        StatuspageStandin("ok") as statuspage,
        AwsStatusStandin("ok") as awsstatus,
        DnsStandin({"app.example.com": ["192.0.2.10"]}, serial=7) as dns1,
        DnsStandin({"app.example.com": ["192.0.2.10"]}, serial=7) as dns2,
    ):
        yield {"pingdom": pingdom, "statuspage": statuspage, "awsstatus": awsstatus, "dns": [dns1, dns2]}


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
    for key in ("name", "category", "status", "detail", "latency_ms", "source"):
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


def test_kaleo_code_when_only_the_service_fails(cli, in_tmp, standins, aws_resources):
    standins["pingdom"].set_scenario("aws-outage", token=TOKEN)
    cfg = write_config(in_tmp, standins, aws_resources)
    data = cli("--config", str(cfg), "triage", "--json").json()
    assert data["verdict"]["branch"] == "kaleo-code"


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


def test_human_output_and_undetermined_without_monitoring(cli, in_tmp, standins, monkeypatch):
    monkeypatch.delenv("KALEO_TEST_PINGDOM_TOKEN")
    standins["awsstatus"].set_scenario("hang")
    cfg = write_config(in_tmp, standins, timeout=0.5)
    result = cli("--config", str(cfg), "triage")
    assert result.code == 1
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
