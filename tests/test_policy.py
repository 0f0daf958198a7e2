"""Guardrails: both stacks pass, and a deliberately broken plan makes each policy fire."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest
from pulumi_policy import PolicyCustomTimeouts, PolicyResource, PolicyResourceOptions, StackValidationArgs

from scripts.cloud.plan import Plan, PlannedResource
from scripts.cloud.policy import (
    DB_PRIVATE_RANGES,
    DELETION_PROTECTION,
    LEAST_PRIVILEGE,
    NO_OPEN_SSH,
    NO_PUBLIC_BUCKETS,
    NO_PUBLIC_IP,
    POLICIES,
    RDS_PRIVATE,
    Resource,
    evaluate,
    pack_validator,
)


@pytest.fixture
def plans(committed_plan) -> dict[str, Plan]:
    return {stack: committed_plan(stack) for stack in ("aws", "gcp", "gcp-standby")}


def broken(plan: Plan, type_: str, name: str | None, mutate: Callable[[dict], None]) -> list[PlannedResource]:
    """A copy of the plan's resources with one resource (the only one of its type, or ``name``) changed."""
    resources = copy.deepcopy(plan.resources)
    targets = [r for r in resources if r.type == type_ and (name is None or r.name == name)]
    assert len(targets) == 1, f"{type_} {name}: {len(targets)} found"
    mutate(targets[0].inputs)
    return resources


def fired(resources) -> set[str]:
    return {v.policy for v in evaluate(resources)}


@pytest.mark.parametrize("stack", ["aws", "gcp", "gcp-standby"])
def test_committed_stacks_pass(plans, stack):
    assert evaluate(plans[stack].resources) == []


def test_policy_check_cli_passes_both_stacks(cli):
    r = cli("policy", "check", "--stack", "aws", "--stack", "gcp", "--json")
    assert r.code == 0, r.stdout
    data = r.json()
    assert data["ok"] is True
    assert set(data["stacks"]) == {"aws", "gcp"}
    assert data["policies"] == [p.name for p in POLICIES]
    assert all(s["violations"] == [] and s["resources"] > 10 for s in data["stacks"].values())


def test_policy_check_unknown_stack_is_bad_input(cli):
    r = cli("policy", "check", "--stack", "nope", "--json")
    assert r.code == 2
    assert "nope" in r.json()["error"]


def test_policy_list(cli):
    r = cli("policy", "list", "--json")
    assert r.code == 0
    assert [p["name"] for p in r.json()] == [p.name for p in POLICIES]


# --- each policy fires on a broken plan ----------------------------------------------------

GCP_INSTANCE = "gcp:compute/instance:Instance"


def _public_nic(inputs: dict) -> None:
    inputs["networkInterfaces"][0]["accessConfigs"] = [{"networkTier": "PREMIUM"}]


def _agent_policy(change) -> object:
    """Mutate the continuity agent's inline policy document (a JSON string in the plan)."""

    def mutate(inputs: dict) -> None:
        doc = json.loads(inputs["policy"])
        change(doc["Statement"])
        inputs["policy"] = json.dumps(doc)

    return mutate


def _rds_star(statements: list) -> None:
    statements[0]["Action"] = ["rds:*"]


def _delete_anything(statements: list) -> None:
    for s in statements:
        if "rds:DeleteDBInstance" in s["Action"]:
            s.pop("Condition")


def _writes_everywhere(statements: list) -> None:
    statements[0]["Action"] = ["rds:DescribeDBInstances", "rds:RestoreDBInstanceFromDBSnapshot"]


BROKEN_CASES = [
    # IAM of the continuity jobs: least privilege
    ("aws", "aws:iam/rolePolicy:RolePolicy", "kaleo-continuity-agent-jobs", _agent_policy(_rds_star), LEAST_PRIVILEGE),
    (
        "aws",
        "aws:iam/rolePolicy:RolePolicy",
        "kaleo-continuity-agent-jobs",
        _agent_policy(_delete_anything),
        LEAST_PRIVILEGE,
    ),
    (
        "aws",
        "aws:iam/rolePolicy:RolePolicy",
        "kaleo-continuity-agent-jobs",
        _agent_policy(_writes_everywhere),
        LEAST_PRIVILEGE,
    ),
    (
        "aws",
        "aws:autoscaling/group:Group",
        "kaleo-continuity-agent-asg",
        lambda i: i.update(maxSize=3.0),
        LEAST_PRIVILEGE,
    ),
    (
        "gcp-standby",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
        "kaleo-watcher-reads-dumps",
        lambda i: i.update(role="roles/storage.objectAdmin"),
        LEAST_PRIVILEGE,
    ),
    (
        "gcp-standby",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
        "kaleo-watcher-writes-results",
        lambda i: i.pop("condition"),
        LEAST_PRIVILEGE,
    ),
    # PostgreSQL only from private ranges
    (
        "gcp",
        "gcp:compute/firewall:Firewall",
        "kaleo-app-to-db",
        lambda i: i.update(sourceRanges=["0.0.0.0/0"]),
        DB_PRIVATE_RANGES,
    ),
    (
        "aws",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "kaleo-db-in-app",
        lambda i: i.update(cidrIpv4="52.0.0.0/8", referencedSecurityGroupId=None),
        DB_PRIVATE_RANGES,
    ),
    # no public IP on data-tier VMs
    ("gcp", GCP_INSTANCE, "kaleo-db-vm", _public_nic, NO_PUBLIC_IP),
    ("gcp", GCP_INSTANCE, "kaleo-cache-0", _public_nic, NO_PUBLIC_IP),
    ("gcp", GCP_INSTANCE, "kaleo-search-2", _public_nic, NO_PUBLIC_IP),
    # no SSH from anywhere
    (
        "gcp",
        "gcp:compute/firewall:Firewall",
        "kaleo-iap-ssh",
        lambda i: i.update(sourceRanges=["0.0.0.0/0"]),
        NO_OPEN_SSH,
    ),
    (
        "gcp",
        "gcp:compute/firewall:Firewall",
        "kaleo-app-to-db",
        lambda i: i.update(sourceRanges=["0.0.0.0/0"], allows=[{"protocol": "tcp", "ports": ["20-25"]}]),
        NO_OPEN_SSH,
    ),
    (
        "aws",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "kaleo-alb-in-https",
        lambda i: i.update(fromPort=22.0, toPort=22.0),
        NO_OPEN_SSH,
    ),
    (
        "aws",
        "aws:ec2/securityGroup:SecurityGroup",
        "kaleo-db-sg",
        lambda i: i.update(ingress=[{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}]),
        NO_OPEN_SSH,
    ),
    # no public buckets
    (
        "gcp-standby",
        "gcp:storage/bucket:Bucket",
        "kaleo-objects-uploads",
        lambda i: i.update(publicAccessPrevention="inherited"),
        NO_PUBLIC_BUCKETS,
    ),
    (
        "gcp-standby",
        "gcp:storage/bucketIAMMember:BucketIAMMember",
        "kaleo-backup-objectcreator-dumps",
        lambda i: i.update(member="allUsers"),
        NO_PUBLIC_BUCKETS,
    ),
    (
        "aws",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "kaleo-uploads-public-access-block",
        lambda i: i.update(blockPublicPolicy=False),
        NO_PUBLIC_BUCKETS,
    ),
    (
        "aws",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "kaleo-uploads-public-access-block",
        lambda i: i.update(bucket="some-other-bucket-id"),
        NO_PUBLIC_BUCKETS,
    ),
    (
        "aws",
        "aws:s3/bucketPolicy:BucketPolicy",
        "kaleo-uploads-tls-only",
        lambda i: i.update(
            policy=json.dumps(
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
            )
        ),
        NO_PUBLIC_BUCKETS,
    ),
    # RDS encrypted and private
    ("aws", "aws:rds/instance:Instance", None, lambda i: i.update(storageEncrypted=False), RDS_PRIVATE),
    ("aws", "aws:rds/instance:Instance", None, lambda i: i.update(publiclyAccessible=True), RDS_PRIVATE),
    # deletion protection on stateful resources
    ("aws", "aws:rds/instance:Instance", None, lambda i: i.update(deletionProtection=False), DELETION_PROTECTION),
    ("gcp", GCP_INSTANCE, "kaleo-db-vm", lambda i: i.update(deletionProtection=False), DELETION_PROTECTION),
    (
        "gcp",
        "gcp:compute/resourcePolicy:ResourcePolicy",
        None,
        lambda i: i["snapshotSchedulePolicy"]["retentionPolicy"].update(onSourceDiskDelete="APPLY_RETENTION_POLICY"),
        DELETION_PROTECTION,
    ),
    (
        "gcp",
        "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment",
        None,
        lambda i: i.update(disk="kaleo-search-0-data"),
        DELETION_PROTECTION,
    ),
    (
        "gcp-standby",
        "gcp:storage/bucket:Bucket",
        "kaleo-dumps",
        lambda i: i.pop("retentionPolicy"),
        DELETION_PROTECTION,
    ),
]


@pytest.mark.parametrize(
    ("stack", "type_", "name", "mutate", "policy"),
    BROKEN_CASES,
    ids=[f"{c[4]}:{c[2] or c[1].rsplit(':', 1)[-1]}:{i}" for i, c in enumerate(BROKEN_CASES)],
)
def test_broken_plan_makes_the_policy_fire(plans, stack, type_, name, mutate, policy):
    resources = broken(plans[stack], type_, name, mutate)
    violations = evaluate(resources)
    assert {v.policy for v in violations} == {policy}
    assert violations[0].message


def test_every_policy_has_a_broken_case():
    assert {c[4] for c in BROKEN_CASES} == {p.name for p in POLICIES}


def test_missing_public_access_block_fires(plans):
    resources = [
        r for r in plans["aws"].resources if r.type != "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
    ]
    violations = evaluate(resources)
    assert sorted((v.policy, v.resource) for v in violations) == [
        (NO_PUBLIC_BUCKETS, "kaleo-continuity-agent-boot"),  # the agent's boot bundle bucket
        (NO_PUBLIC_BUCKETS, "kaleo-search-snapshots"),
        (NO_PUBLIC_BUCKETS, "kaleo-uploads"),
    ]


def test_data_disk_without_snapshot_schedule_fires(plans):
    resources = [
        r
        for r in plans["gcp"].resources
        if r.type != "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment"
    ]
    violations = evaluate(resources)
    assert [(v.policy, v.resource) for v in violations] == [(DELETION_PROTECTION, "kaleo-db-data")]


ATTACHMENT = "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment"


@pytest.mark.parametrize("unreadable", [None, "", {"unknown": True}])
def test_unreadable_disk_policy_reference_is_not_a_pass(plans, unreadable):
    """A snapshot policy reference the check cannot read (unknown at preview time) proves nothing."""
    resources = broken(plans["gcp"], ATTACHMENT, None, lambda i: i.update(name=unreadable))
    violations = evaluate(resources)
    assert [(v.policy, v.resource) for v in violations] == [(DELETION_PROTECTION, "kaleo-db-data")]
    assert "cannot tell" in violations[0].message and "cannot be read" in violations[0].message
    assert repr(unreadable) in violations[0].message


def test_disk_policy_outside_the_stack_is_not_a_pass(plans):
    elsewhere = "projects/p/regions/r/resourcePolicies/made-by-hand"
    resources = broken(plans["gcp"], ATTACHMENT, None, lambda i: i.update(name=elsewhere))
    violations = evaluate(resources)
    assert [(v.policy, v.resource) for v in violations] == [(DELETION_PROTECTION, "kaleo-db-data")]
    assert elsewhere in violations[0].message and "not in this stack" in violations[0].message


def test_disk_policy_that_drops_snapshots_fires(plans):
    def drop(inputs: dict) -> None:
        inputs["snapshotSchedulePolicy"]["retentionPolicy"]["onSourceDiskDelete"] = "APPLY_RETENTION_POLICY"

    resources = broken(plans["gcp"], "gcp:compute/resourcePolicy:ResourcePolicy", None, drop)
    violations = evaluate(resources)
    assert [(v.policy, v.resource) for v in violations] == [(DELETION_PROTECTION, "kaleo-db-data")]
    keeps = "no snapshot schedule keeping snapshots after disk deletion (KEEP_AUTO_SNAPSHOTS)"
    assert violations[0].message.endswith(keeps)


def test_violation_names_the_resource_and_its_urn(plans):
    resources = broken(plans["gcp"], GCP_INSTANCE, "kaleo-db-vm", _public_nic)
    (v,) = evaluate(resources)
    assert v.resource == "kaleo-db-vm" and v.resource_type == GCP_INSTANCE
    assert v.urn and v.urn.endswith("::kaleo-db-vm")
    assert "external IP" in v.message


# --- the pulumi-policy pack adapter --------------------------------------------------------


def _policy_resources(resources: list[PlannedResource]) -> list[PolicyResource]:
    opts = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])
    return [PolicyResource(r.type, r.inputs, r.urn, r.name, opts, None, None, [], {}) for r in resources]


@pytest.mark.parametrize("policy", POLICIES, ids=[p.name for p in POLICIES])
def test_pack_validator_reports_through_pulumi_policy(plans, policy):
    case = next(c for c in BROKEN_CASES if c[4] == policy.name)
    stack, type_, name, mutate, _ = case
    reported: list[tuple[str, str | None]] = []
    validate = pack_validator(policy)
    validate(
        StackValidationArgs(_policy_resources(plans[stack].resources)), lambda m, urn=None: reported.append((m, urn))
    )
    assert reported == []
    validate(
        StackValidationArgs(_policy_resources(broken(plans[stack], type_, name, mutate))),
        lambda m, urn=None: reported.append((m, urn)),
    )
    assert reported and all(urn for _, urn in reported)


def test_policies_accept_plain_resources():
    bucket = Resource("gcp:storage/bucket:Bucket", "b", {"publicAccessPrevention": "inherited", "labels": {}})
    assert fired([bucket]) == {NO_PUBLIC_BUCKETS}


BROKEN_PROGRAM = """
import pulumi_gcp as gcp


def build_from_config():
    gcp.storage.Bucket(
        "open-bucket",
        location="US",
        public_access_prevention="inherited",
        labels={"app": "kaleo", "role": "storage", "stack": "broken"},
    )
    return {}
"""


def test_policy_check_exits_1_listing_violations_of_a_real_plan(cli, tmp_path):
    """A project whose program registers a public bucket: planned for real, then refused."""
    (tmp_path / "stacks").mkdir()
    (tmp_path / "stacks" / "__init__.py").write_text(BROKEN_PROGRAM, encoding="utf-8")
    (tmp_path / "Pulumi.yaml").write_text("name: kaleo\nruntime: python\n", encoding="utf-8")
    (tmp_path / "Pulumi.broken.yaml").write_text("config:\n  kaleo:cloud: gcp\n", encoding="utf-8")
    r = cli("policy", "check", "--project-dir", str(tmp_path), "--json")
    assert r.code == 1
    data = r.json()
    assert data["ok"] is False
    (violation,) = data["stacks"]["broken"]["violations"]
    assert violation["policy"] == NO_PUBLIC_BUCKETS and violation["resource"] == "open-bucket"
    human = cli("policy", "check", "--stack", "broken", "--project-dir", str(tmp_path))
    assert human.code == 1
    assert "broken: 1 violation(s)" in human.stdout
    assert "public access prevention is not enforced" in " ".join(human.stdout.split())


EMPTY_PROGRAM = """
def build_from_config():
    return {}
"""


def test_a_stack_that_plans_nothing_is_not_a_pass(cli, tmp_path):
    (tmp_path / "stacks").mkdir()
    (tmp_path / "stacks" / "__init__.py").write_text(EMPTY_PROGRAM, encoding="utf-8")
    (tmp_path / "Pulumi.yaml").write_text("name: kaleo\nruntime: python\n", encoding="utf-8")
    (tmp_path / "Pulumi.empty.yaml").write_text("config:\n  kaleo:cloud: gcp\n", encoding="utf-8")
    r = cli("policy", "check", "--stack", "empty", "--project-dir", str(tmp_path), "--json")
    assert r.code == 2, r.stdout
    data = r.json()
    assert data["ok"] is False and data["not_evaluated"] == ["empty"]
    stack = data["stacks"]["empty"]
    assert stack["evaluated"] is False and "no resources" in stack["reason"]
    assert all(p["evaluated"] is False and p["reason"] for p in stack["policies"])
    human = cli("policy", "check", "--stack", "empty", "--project-dir", str(tmp_path))
    assert human.code == 2 and "NOT EVALUATED" in human.stdout
