"""``kaleo-dr db recover-in-aws`` against moto server: a new instance with the original's settings."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from scripts.db.rds import TAG_RECOVERED_FROM
from scripts.standins.localsvc import MotoServer
from tests.rds_support import RdsWorld, instance_ids, make_world, snapshot


@pytest.fixture
def world(aws_env: MotoServer) -> RdsWorld:
    return make_world(aws_env.url)


def _describe(world: RdsWorld, instance_id: str) -> dict[str, Any]:
    return dict(world.rds.describe_db_instances(DBInstanceIdentifier=instance_id)["DBInstances"][0])


def test_new_instance_copies_the_original_settings(cli: Any, world: RdsWorld) -> None:
    snapshot(world, f"old-{uuid.uuid4().hex[:6]}")
    newest = snapshot(world, f"new-{uuid.uuid4().hex[:6]}")
    new_id = f"kaleo-recovered-{uuid.uuid4().hex[:6]}"
    result = cli(
        "db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", new_id, "--db-cname",
        "db.kaleo.internal", "--json",
    )  # fmt: skip
    assert result.code == 0, result.stdout + result.stderr
    out = result.json()
    assert out["snapshot_id"] == newest
    assert out["status"] == "available"
    inst = _describe(world, new_id)
    assert out["endpoint"] == inst["Endpoint"]["Address"] and out["port"] == inst["Endpoint"]["Port"]
    assert inst["DBSubnetGroup"]["DBSubnetGroupName"] == world.subnet_group
    assert sorted(g["VpcSecurityGroupId"] for g in inst["VpcSecurityGroups"]) == sorted(world.security_groups)
    assert [g["DBParameterGroupName"] for g in inst["DBParameterGroups"]] == [world.parameter_group]
    assert inst["DBInstanceClass"] == "db.m6g.large"
    assert inst["MultiAZ"] is True
    assert inst["StorageType"] == "gp3"
    assert inst["PubliclyAccessible"] is False
    tags = {t["Key"]: t["Value"] for t in inst["TagList"]}
    assert tags["app"] == "kaleo"
    assert tags[TAG_RECOVERED_FROM] == f"{world.instance_id}/{newest}"
    text = " ".join(out["repoint"])
    assert out["endpoint"] in text and "kaleo_db_host" in text and "db.kaleo.internal" in text
    # the original is left alone
    assert _describe(world, world.instance_id)["DBInstanceStatus"] == "available"

    human = cli("db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", f"{new_id}-2")
    assert human.code == 0 and "endpoint" in human.stdout and "kaleo_db_host" in human.stdout


def test_refuses_an_existing_new_instance(cli: Any, world: RdsWorld) -> None:
    snapshot(world)
    taken = f"taken-{uuid.uuid4().hex[:6]}"
    cli("db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", taken, "--no-wait")
    before = _describe(world, taken)
    result = cli("db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", taken, "--json")
    assert result.code == 2
    assert "already exists" in result.json()["error"]
    assert _describe(world, taken)["InstanceCreateTime"] == before["InstanceCreateTime"]
    same = cli("db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", world.instance_id)
    assert same.code == 2


def test_named_snapshot_and_no_wait(cli: Any, world: RdsWorld) -> None:
    named = snapshot(world)
    snapshot(world)
    new_id = f"kaleo-named-{uuid.uuid4().hex[:6]}"
    result = cli(
        "db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", new_id, "--snapshot", named,
        "--no-wait", "--json",
    )  # fmt: skip
    assert result.code == 0, result.stdout
    assert result.json()["snapshot_id"] == named
    assert new_id in instance_ids(world)


def test_deleted_original_needs_explicit_settings(cli: Any, world: RdsWorld) -> None:
    snapshot(world)
    world.rds.delete_db_instance(DBInstanceIdentifier=world.instance_id, SkipFinalSnapshot=True)
    new_id = f"kaleo-orphan-{uuid.uuid4().hex[:6]}"
    refused = cli("db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", new_id, "--json")
    assert refused.code == 2 and "--subnet-group" in refused.json()["hint"]
    ok = cli(
        "db", "recover-in-aws", "--rds-instance", world.instance_id, "--new-instance", new_id,
        "--instance-class", "db.r6g.large", "--subnet-group", world.subnet_group,
        "--security-group", world.security_groups[0], "--parameter-group", world.parameter_group, "--json",
    )  # fmt: skip
    assert ok.code == 0, ok.stdout
    inst = _describe(world, new_id)
    assert inst["DBInstanceClass"] == "db.r6g.large"
    assert inst["DBSubnetGroup"]["DBSubnetGroupName"] == world.subnet_group
    assert [g["VpcSecurityGroupId"] for g in inst["VpcSecurityGroups"]] == [world.security_groups[0]]


def test_instance_without_snapshots_is_a_clear_failure(cli: Any, aws_env: MotoServer) -> None:
    import boto3

    rds = boto3.client("rds", endpoint_url=aws_env.url, region_name="us-east-1")
    lonely = f"lonely-{uuid.uuid4().hex[:6]}"
    rds.create_db_instance(
        DBInstanceIdentifier=lonely,
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        MasterUsername="postgres",
        MasterUserPassword="not-used-by-tests",
        AllocatedStorage=20,
        BackupRetentionPeriod=0,
    )
    for snap in rds.describe_db_snapshots(DBInstanceIdentifier=lonely)["DBSnapshots"]:
        rds.delete_db_snapshot(DBSnapshotIdentifier=snap["DBSnapshotIdentifier"])
    result = cli("db", "recover-in-aws", "--rds-instance", lonely, "--new-instance", f"{lonely}-new", "--json")
    assert result.code == 1
    assert "no available snapshot" in result.json()["error"]
