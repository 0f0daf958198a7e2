"""The standby's network path in the stacks (offline plans): RDS logical replication, HA VPN, standby VM."""

from __future__ import annotations

import pytest

from scripts.cloud.plan import run_plan
from stacks.standby_link import INSIDE_CIDRS, aws_inside_ip, gcp_inside_ip
from tests.conftest import StackCopy

GCP_VPN_IPS = ["34.1.2.3", "35.4.5.6"]
AWS_TUNNEL_IPS = ["3.1.1.1", "3.1.1.2", "3.2.2.1", "3.2.2.2"]


def _gcp_copy(root) -> StackCopy:
    copy = StackCopy(root)
    copy.set("gcp-standby", "kaleo:gcpStandbyDb", True)
    copy.set("gcp-standby", "kaleo:gcpStandbyAwsTunnelIps", AWS_TUNNEL_IPS)
    copy.set("gcp-standby", "kaleo:gcpStandbyVpnSharedSecret", {"secure": "v1:abc"})
    return copy


@pytest.fixture(scope="module")
def aws_plan(tmp_path_factory):
    copy = StackCopy(tmp_path_factory.mktemp("aws-vpn"))
    copy.set("aws", "kaleo:dbLogicalReplication", True)
    copy.set("aws", "kaleo:standbyVpn", True)
    copy.set("aws", "kaleo:standbyGcpVpnIps", GCP_VPN_IPS)
    copy.set("aws", "kaleo:standbyVpnSharedSecret", {"secure": "v1:abc"})
    return run_plan("aws", copy.dir)


@pytest.fixture(scope="module")
def gcp_plan(tmp_path_factory):
    return run_plan("gcp-standby", _gcp_copy(tmp_path_factory.mktemp("gcp-vpn")).dir)


def test_the_committed_stacks_build_no_vpn_until_asked(committed_plan):
    assert not committed_plan("aws").by_type("aws:ec2/vpnConnection:VpnConnection")
    assert not committed_plan("gcp-standby").by_type("gcp:compute/haVpnGateway:HaVpnGateway")


def test_aws_side_two_bgp_connections_to_the_gcp_interfaces_and_rds_open_to_the_standby_only(aws_plan):
    params = aws_plan.by_type("aws:rds/parameterGroup:ParameterGroup")[0].inputs["parameters"]
    assert {"name": "rds.logical_replication", "value": "1", "applyMethod": "pending-reboot"} in params
    gateways = aws_plan.by_type("aws:ec2/customerGateway:CustomerGateway")
    assert sorted(g.inputs["ipAddress"] for g in gateways) == sorted(GCP_VPN_IPS)
    assert {g.inputs["bgpAsn"] for g in gateways} == {"65010"}
    conns = sorted(aws_plan.by_type("aws:ec2/vpnConnection:VpnConnection"), key=lambda r: r.name)
    assert len(conns) == 2
    inside = [c.inputs[k] for c in conns for k in ("tunnel1InsideCidr", "tunnel2InsideCidr")]
    assert inside == list(INSIDE_CIDRS)
    assert all(c.inputs["staticRoutesOnly"] is False for c in conns)
    assert len(aws_plan.by_type("aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation")) == 3
    (rule,) = [
        r
        for r in aws_plan.by_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.name.endswith("db-in-standby")
    ]
    assert rule.inputs["cidrIpv4"] == "10.40.16.0/24" and rule.inputs["fromPort"] == 5432
    assert "standbyVpnTunnelIps" in aws_plan.outputs


def test_aws_vpn_needs_logical_replication(stack_copy, cli):
    stack_copy.set("aws", "kaleo:standbyVpn", True)
    stack_copy.set("aws", "kaleo:standbyGcpVpnIps", GCP_VPN_IPS)
    r = cli("plan", "--stack", "aws", "--project-dir", str(stack_copy.dir), "--json")
    assert r.code == 2 and "dbLogicalReplication" in r.json()["error"]


def test_gcp_side_four_tunnels_with_bgp_matching_aws(gcp_plan):
    tunnels = sorted(gcp_plan.by_type("gcp:compute/vPNTunnel:VPNTunnel"), key=lambda r: r.name)
    assert [(t.inputs["vpnGatewayInterface"], t.inputs["peerExternalGatewayInterface"]) for t in tunnels] == [
        (0.0, 0.0),
        (0.0, 1.0),
        (1.0, 2.0),
        (1.0, 3.0),
    ]
    (ext,) = gcp_plan.by_type("gcp:compute/externalVpnGateway:ExternalVpnGateway")
    assert [i["ipAddress"] for i in ext.inputs["interfaces"]] == AWS_TUNNEL_IPS
    peers = sorted(gcp_plan.by_type("gcp:compute/routerPeer:RouterPeer"), key=lambda r: r.name)
    assert [p.inputs["peerIpAddress"] for p in peers] == [aws_inside_ip(i) for i in range(4)]
    ifaces = sorted(gcp_plan.by_type("gcp:compute/routerInterface:RouterInterface"), key=lambda r: r.name)
    assert [i.inputs["ipRange"] for i in ifaces] == [f"{gcp_inside_ip(i)}/30" for i in range(4)]


def test_gcp_standby_vm_admits_postgres_only_from_the_aws_range(gcp_plan):
    (vm,) = [r for r in gcp_plan.by_type("gcp:compute/instance:Instance") if r.name == "kaleo-standby-db-vm"]
    assert "accessConfigs" not in vm.inputs["networkInterfaces"][0]
    rules = {r.name: r.inputs for r in gcp_plan.by_type("gcp:compute/firewall:Firewall") if "standby-db" in r.name}
    pg = rules["kaleo-standby-db-pg-from-aws"]
    assert pg["sourceRanges"] == ["10.20.0.0/16"] and pg["allows"] == [{"protocol": "tcp", "ports": ["5432"]}]
    assert rules["kaleo-standby-db-ssh-from-iap"]["sourceRanges"] == ["35.235.240.0/20"]
    assert rules["kaleo-standby-db-deny-rest"]["denies"] == [{"protocol": "all"}]
    opened = [r for r in rules.values() if r.get("allows")]
    assert all("0.0.0.0/0" not in r["sourceRanges"] for r in opened)
    assert {"standbyDbInstance", "standbyVpnInterfaceIps"} <= set(gcp_plan.outputs)


def test_policies_pass_on_the_vpn_plans_and_catch_a_public_postgres_range(aws_plan, gcp_plan):
    from scripts.cloud.policy import DB_PRIVATE_RANGES, Resource, evaluate

    assert evaluate(aws_plan.resources) == []
    assert evaluate(gcp_plan.resources) == []
    opened = [
        Resource(r.type, r.name, {**r.inputs, "sourceRanges": ["0.0.0.0/0"]})
        if r.name == "kaleo-standby-db-pg-from-aws"
        else Resource(r.type, r.name, r.inputs)
        for r in gcp_plan.resources
    ]
    bad = evaluate(opened)
    assert [v.resource for v in bad if v.policy == DB_PRIVATE_RANGES] == ["kaleo-standby-db-pg-from-aws"]


def test_policy_refuses_a_standby_vpn_without_logical_replication(aws_plan):
    from scripts.cloud.policy import DB_PRIVATE_RANGES, Resource, evaluate

    resources = [
        Resource(r.type, r.name, r.inputs)
        if r.type != "aws:rds/parameterGroup:ParameterGroup"
        else Resource(r.type, r.name, {**r.inputs, "parameters": []})
        for r in aws_plan.resources
    ]
    assert [v.policy for v in evaluate(resources)] == [DB_PRIVATE_RANGES]


def test_parity_counts_the_standby_vm_against_rds(committed_plan, gcp_plan, tmp_path):
    from scripts.cloud.parity import STANDBY_DB_ROLE, compare

    report = compare(committed_plan("aws"), [committed_plan("gcp"), gcp_plan])
    assert report.tiers[STANDBY_DB_ROLE]["gcp"] is not None
    assert not [s for s in report.shortfalls if s.tier == STANDBY_DB_ROLE]
    copy = _gcp_copy(tmp_path)
    copy.set("gcp-standby", "kaleo:gcpDbDiskGb", 20)
    small = compare(committed_plan("aws"), [committed_plan("gcp"), run_plan("gcp-standby", copy.dir)])
    assert [s.metric for s in small.shortfalls if s.tier == STANDBY_DB_ROLE] == ["disk GiB"]


def test_wiring_links_the_standby_vm_to_its_play_metadata_and_password(gcp_plan, tmp_path):
    from scripts.cloud.wiring import DEFAULT_PLAYBOOKS, check, load_playbooks

    books = load_playbooks(DEFAULT_PLAYBOOKS)
    assert "postgresql" in books.roles_of["standby-db"]
    links = [link for link in check([gcp_plan], books).links if link.consumer.startswith("standby-db")]
    assert links and [link for link in links if not link.ok] == []
    assert any(link.resource == "kaleo-db-password-secret" for link in links)


def test_the_standby_brings_its_synced_password_without_a_manual_setting(gcp_plan, committed_plan):
    """gcpSyncedSecrets does not list db-password: the standby adds it, and only when it is on."""
    from stacks.config import GcpConfig

    assert "db-password" not in GcpConfig(stack="s", mode="standby").synced_secrets
    assert "db-password" in GcpConfig(stack="s", mode="standby", standby_db=True).synced_secrets
    assert "db-password" in GcpConfig(stack="f", standby_stack="gcp-standby").synced_secrets
    assert gcp_plan.outputs["syncedSecretIds"]["db-password"] == "kaleo-sync-db-password"
    assert "db-password" not in committed_plan("gcp-standby").outputs["syncedSecretIds"]
    (vm,) = [r for r in gcp_plan.by_type("gcp:compute/instance:Instance") if r.name == "kaleo-standby-db-vm"]
    assert vm.inputs["metadata"]["kaleo-db-password-secret"] == "kaleo-sync-db-password"
    grants = [r for r in gcp_plan.resources if r.name == "kaleo-standby-db-reads-db-password"]
    assert len(grants) == 1


def test_provisioning_maps_the_standby_vm_without_a_manual_setting():
    from scripts.config import parse_config

    standby = {"standby_dsn": "postgresql://postgres@10.40.16.10:5432/kaleo"}
    assert parse_config({"standby": standby}).provision.role_groups["standby-db"] == "standby_db"
    custom = {"app": "app", "db": "db"}
    assert parse_config({"provision": {"role_groups": custom}, "standby": standby}).provision.role_groups == {
        **custom,
        "standby-db": "standby_db",
    }
    # without a standby the mapping is left as written
    assert "standby-db" not in parse_config({}).provision.role_groups
    assert parse_config({"provision": {"role_groups": custom}}).provision.role_groups == custom


def test_failover_stack_peers_with_the_standby_network_both_ways(linked_plans):
    gcp, standby = linked_plans
    standby_net = standby.outputs["standbyNetwork"]
    (own_vpc,) = [r for r in gcp.by_type("gcp:compute/network:Network")]
    own_link = f"https://mock.googleapis.invalid/gcp:compute/network:Network/{own_vpc.name}"
    peerings = {r.name: r.inputs for r in gcp.by_type("gcp:compute/networkPeering:NetworkPeering")}
    assert {(p["network"], p["peerNetwork"]) for p in peerings.values()} == {
        (own_link, standby_net),
        (standby_net, own_link),
    }
    assert all(p["importCustomRoutes"] is False and p["exportCustomRoutes"] is False for p in peerings.values())
    # one peering operation per network at a time: the second half waits for the first
    (second,) = [r for r in gcp.by_type("gcp:compute/networkPeering:NetworkPeering") if r.name.endswith("from-standby")]
    assert "kaleo-standby-path-to-standby" in second.depends_on
    assert not standby.by_type("gcp:compute/networkPeering:NetworkPeering")  # the failover stack owns the path


def test_the_standby_network_admits_the_failover_app_subnet_on_5432_only(linked_plans):
    gcp, standby = linked_plans
    (app_subnet,) = [r for r in gcp.by_type("gcp:compute/subnetwork:Subnetwork") if r.name == "kaleo-app"]
    opened = [
        r
        for r in gcp.by_type("gcp:compute/firewall:Firewall")
        if r.inputs["network"] == standby.outputs["standbyNetwork"]
    ]
    assert [(r.inputs["sourceRanges"], r.inputs["allows"], r.inputs["targetTags"]) for r in opened] == [
        (
            [app_subnet.inputs["ipCidrRange"]],
            [{"protocol": "tcp", "ports": ["5432"]}],
            [standby.outputs["standbyDbTag"]],
        )
    ]
    (vm,) = [r for r in standby.by_type("gcp:compute/instance:Instance") if r.name == "kaleo-standby-db-vm"]
    assert standby.outputs["standbyDbTag"] in vm.inputs["tags"]
    assert vm.inputs["metadata"]["kaleo-app-subnet"] == app_subnet.inputs["ipCidrRange"]  # its pg_hba range


def test_the_app_uses_the_promoted_standby_only_when_the_stack_says_so(linked_plans, stack_copy):
    gcp, standby = linked_plans
    (template,) = gcp.by_type("gcp:compute/instanceTemplate:InstanceTemplate")
    assert gcp.outputs["dbSource"] == "standby"
    assert template.inputs["metadata"]["kaleo-db-host"] == standby.outputs["standbyDbIp"] == gcp.outputs["dbHost"]
    # ...and verifies it against the standby's own database CA, not the failover database's
    assert template.inputs["metadata"]["kaleo-db-ca-cert"] == standby.outputs["standbyDbCaCert"]
    assert "MOCK kaleo-standby-db-db-ca-cert" in standby.outputs["standbyDbCaCert"]
    # the standby's Kaleo role has production's password: the app reads the synced secret
    assert template.inputs["metadata"]["kaleo-db-password-secret"] == "kaleo-sync-db-password"
    from tests.conftest import standby_linked_copy

    copy = standby_linked_copy(stack_copy.dir)
    copy.set("gcp", "kaleo:gcpDbSource", "restore")
    restore = run_plan("gcp", copy.dir)
    (template,) = restore.by_type("gcp:compute/instanceTemplate:InstanceTemplate")
    assert template.inputs["metadata"]["kaleo-db-host"] == restore.outputs["privateIps"]["db"][0]
    assert "MOCK kaleo-db-ca-cert" in template.inputs["metadata"]["kaleo-db-ca-cert"]  # the restored database's CA
    assert restore.outputs["dbHost"] != standby.outputs["standbyDbIp"]
    assert restore.by_type("gcp:compute/networkPeering:NetworkPeering")  # the path stays for a later promote


def test_overlapping_ranges_and_a_standby_source_without_a_standby_are_refused(stack_copy, cli):
    from tests.conftest import standby_linked_copy

    copy = standby_linked_copy(stack_copy.dir)
    copy.set("gcp", "kaleo:gcpAppCidr", "10.40.16.0/22")
    copy.set("gcp", "kaleo:gcpDataCidr", "10.40.4.0/22")
    r = cli("plan", "--stack", "gcp", "--project-dir", str(copy.dir), "--json")
    assert r.code == 2 and "kaleo:gcpAppCidr (10.40.16.0/22) overlaps gcpStandbyCidr" in r.json()["error"]
    copy.set("gcp", "kaleo:gcpAppCidr", "10.40.0.0/22")
    copy.set("gcp", "kaleo:gcpStandbyStack", "")
    r = cli("plan", "--stack", "gcp", "--project-dir", str(copy.dir), "--json")
    assert r.code == 2 and "kaleo:gcpDbSource standby needs kaleo:gcpStandbyStack" in r.json()["error"]


def test_failover_sets_the_database_path_on_the_stack():
    from scripts.runbook.failover.stack import stack_config_for

    assert stack_config_for({"path": "promote", "reason": "healthy"}) == {"kaleo:gcpDbSource": "standby"}
    assert stack_config_for({"path": "restore", "reason": "stale"}) == {"kaleo:gcpDbSource": "restore"}
    assert stack_config_for(None) == {}


def test_policies_pass_on_the_linked_plans_and_catch_the_path_opened_to_the_internet(linked_plans):
    from scripts.cloud.policy import DB_PRIVATE_RANGES, Resource, evaluate

    gcp, standby = linked_plans
    assert evaluate(gcp.resources) == [] and evaluate(standby.resources) == []
    opened = [
        Resource(r.type, r.name, {**r.inputs, "sourceRanges": ["0.0.0.0/0"]})
        if r.name == "kaleo-standby-path-app-to-standby-db"
        else Resource(r.type, r.name, r.inputs)
        for r in gcp.resources
    ]
    assert [v.resource for v in evaluate(opened) if v.policy == DB_PRIVATE_RANGES] == [
        "kaleo-standby-path-app-to-standby-db"
    ]
