"""The continuity jobs' machines in the offline plans: the AWS agent (ASG of one, least-privilege role) and the
GCP watcher (read-only on the dumps, writes only its own prefixes), and the policy pack passes them."""

from __future__ import annotations

import json

from scripts.cloud.policy import LEAST_PRIVILEGE, evaluate


def named(plan, type_, name):
    return next(r for r in plan.resources if r.type == type_ and r.name == name)


def test_agent_is_one_private_instance_in_the_app_security_group(committed_plan):
    plan = committed_plan("aws")
    asg = named(plan, "aws:autoscaling/group:Group", "kaleo-continuity-agent-asg").inputs
    assert (asg["minSize"], asg["maxSize"], asg["desiredCapacity"]) == (1, 1, 1)
    private = plan.outputs["privateSubnetIds"]
    assert sorted(asg["vpcZoneIdentifiers"]) == sorted(private)
    tags = {t["key"]: t["value"] for t in asg["tags"]}
    assert tags["role"] == "continuity"
    lt = named(plan, "aws:ec2/launchTemplate:LaunchTemplate", "kaleo-continuity-agent-lt").inputs
    assert lt["vpcSecurityGroupIds"] == [plan.outputs["appSecurityGroupId"]]
    assert lt["metadataOptions"]["httpTokens"] == "required"
    assert lt["blockDeviceMappings"][0]["ebs"]["encrypted"] == "true"
    assert "associatePublicIpAddress" not in json.dumps(lt)
    assert plan.outputs["continuityAgentAsg"] and plan.outputs["continuityAgentRoleArn"]


def test_agent_role_holds_exactly_what_the_jobs_need(committed_plan):
    plan = committed_plan("aws")
    doc = json.loads(named(plan, "aws:iam/rolePolicy:RolePolicy", "kaleo-continuity-agent-jobs").inputs["policy"])
    by_sid = {s["Sid"]: s for s in doc["Statement"]}
    assert set(by_sid) == {
        "DescribeRds", "RestoreFromProductionSnapshots", "CreateOnlyTemporaryInstances",
        "RestoreIntoTheProductionNetwork", "DeleteOnlyTemporaryInstances", "ReadTheSyncedSecrets",
        "SearchSnapshots", "PassTheSnapshotRepositoryRole",
    }  # fmt: skip
    actions = {a for s in doc["Statement"] for a in s["Action"]}
    assert all(not a.endswith("*") for a in actions)
    assert by_sid["DeleteOnlyTemporaryInstances"]["Condition"] == {
        "StringEquals": {"aws:ResourceTag/kaleo-dr:temporary": "true"}
    }
    assert by_sid["CreateOnlyTemporaryInstances"]["Condition"] == {
        "StringEquals": {"aws:RequestTag/kaleo-dr:temporary": "true"}
    }
    # snapshots of the production instance only
    assert by_sid["RestoreFromProductionSnapshots"]["Resource"] == [
        "arn:aws:rds:us-east-1:000000000000:snapshot:rds:kaleo-db-id-*",
        "arn:aws:rds:us-east-1:000000000000:snapshot:kaleo-db-id-*",
    ]
    secrets = by_sid["ReadTheSyncedSecrets"]["Resource"]
    assert secrets and "*" not in json.dumps(secrets)
    assert by_sid["ReadTheSyncedSecrets"]["Action"] == [
        "secretsmanager:GetSecretValue",
        "secretsmanager:DescribeSecret",
    ]
    assert all(r.endswith(("/_snapshot", "/_snapshot/*")) for r in by_sid["SearchSnapshots"]["Resource"])
    # only Describe/List on "*"
    for s in doc["Statement"]:
        if s["Resource"] == "*":
            assert all(a.split(":")[1].startswith(("Describe", "List")) for a in s["Action"])
    # the agent may not touch S3, EC2, IAM (other than passing the snapshot role), or KMS
    assert not {a.split(":")[0] for a in actions} - {"rds", "secretsmanager", "es", "iam"}
    assert [a for a in actions if a.startswith("iam:")] == ["iam:PassRole"]


def test_watcher_reads_the_dumps_and_writes_only_its_prefixes(committed_plan):
    plan = committed_plan("gcp-standby")
    vm = named(plan, "gcp:compute/instance:Instance", "kaleo-watcher-vm").inputs
    assert "accessConfigs" not in json.dumps(vm["networkInterfaces"])  # no external address
    assert vm["labels"]["role"] == "watcher" and vm["metadata"]["kaleo-role"] == "watcher"
    account = "serviceAccount:kaleo-watcher-sa@mock.iam.gserviceaccount.com"
    grants = [
        r.inputs for r in plan.by_type("gcp:storage/bucketIAMMember:BucketIAMMember") if r.inputs["member"] == account
    ]
    on_dumps = sorted((g["role"], bool(g.get("condition"))) for g in grants if g["bucket"] == "kaleo-dr-db-dumps")
    assert on_dumps == [("roles/storage.objectCreator", True), ("roles/storage.objectViewer", False)]
    write = next(g for g in grants if g["role"] == "roles/storage.objectCreator")
    expression = write["condition"]["expression"]
    for job in ("freshness", "readiness", "restore-test"):
        assert f"objects/prod/_continuity/{job}/" in expression
    assert "/backup/" not in expression  # the agent's records are not the watcher's to write
    assert {g["role"] for g in grants} == {"roles/storage.objectViewer", "roles/storage.objectCreator"}
    ssh = named(plan, "gcp:compute/firewall:Firewall", "kaleo-watcher-ssh-from-iap").inputs
    assert ssh["sourceRanges"] == ["35.235.240.0/20"]
    assert plan.outputs["watcherInstance"] and plan.outputs["watcherAccount"]


def test_policy_pack_covers_agent_and_watcher(committed_plan):
    for stack in ("aws", "gcp-standby"):
        assert [v for v in evaluate(committed_plan(stack).resources) if v.policy == LEAST_PRIVILEGE] == []


def test_the_agent_writes_gcs_through_workload_identity_federation_of_its_role(committed_plan):
    """Pool, AWS provider, condition and binding all name the aws stack's agent role; the account may only add."""
    aws, standby = committed_plan("aws"), committed_plan("gcp-standby")
    role = named(aws, "aws:iam/role:Role", "kaleo-continuity-agent-role").inputs
    account_id = "000000000000"  # kaleo:gcpAgentAwsAccountId of Pulumi.gcp-standby.yaml (the example account)
    arn = f"arn:aws:sts::{account_id}:assumed-role/{role['name']}"
    assert role["name"] == "kaleo-continuity-agent"
    pool = named(standby, "gcp:iam/workloadIdentityPool:WorkloadIdentityPool", "kaleo-agent-identity-pool").inputs
    provider = named(
        standby, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "kaleo-agent-identity-aws"
    ).inputs
    assert provider["workloadIdentityPoolId"] == pool["workloadIdentityPoolId"]
    assert provider["aws"] == {"accountId": account_id}
    assert provider["attributeCondition"] == f"attribute.aws_role == '{arn}'"
    assert provider["attributeMapping"]["attribute.aws_role"].startswith("assertion.arn.contains('assumed-role')")
    binding = named(standby, "gcp:serviceaccount/iAMMember:IAMMember", "kaleo-agent-identity-federated").inputs
    assert binding["role"] == "roles/iam.workloadIdentityUser"
    assert binding["serviceAccountId"] == "kaleo-agent-identity-sa"
    assert binding["member"] == (
        "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/"
        f"{pool['workloadIdentityPoolId']}/attribute.aws_role/{arn}"
    )
    member = "serviceAccount:kaleo-agent-identity-sa@mock.iam.gserviceaccount.com"
    on_buckets = sorted(
        (g.inputs["bucket"], g.inputs["role"])
        for g in standby.by_type("gcp:storage/bucketIAMMember:BucketIAMMember")
        if g.inputs["member"] == member
    )
    assert on_buckets == [
        ("kaleo-dr-db-dumps", "roles/storage.legacyBucketReader"),
        ("kaleo-dr-db-dumps", "roles/storage.objectCreator"),
    ]
    on_secrets = sorted(
        (g.inputs["secretId"], g.inputs["role"])
        for g in standby.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
        if g.inputs["member"] == member
    )
    synced = sorted(standby.outputs["syncedSecretIds"].values())
    assert on_secrets == sorted(
        (f"{s}-id", r)
        for s in synced
        for r in ("roles/secretmanager.secretAccessor", "roles/secretmanager.secretVersionAdder")
    )
    assert not [r for r in standby.by_type("gcp:projects/iAMMember:IAMMember") if r.inputs["member"] == member]
    assert not standby.by_type("gcp:serviceaccount/key:Key")  # no key file anywhere
    assert standby.outputs["agentWorkloadProvider"].endswith(
        f"/{pool['workloadIdentityPoolId']}/providers/continuity-agent"
    )
