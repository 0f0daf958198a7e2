"""An RDS landscape in moto server mode: VPC, subnets, security group, subnet group, parameter
group and a PostgreSQL instance with snapshots, as production has it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any


@dataclass
class RdsWorld:
    rds: Any
    instance_id: str
    subnet_group: str
    security_groups: list[str]
    parameter_group: str


def make_world(endpoint_url: str, *, multi_az: bool = True) -> RdsWorld:
    import boto3

    kw = {"endpoint_url": endpoint_url, "region_name": "us-east-1"}
    ec2 = boto3.client("ec2", **kw)
    rds = boto3.client("rds", **kw)
    tag = uuid.uuid4().hex[:8]
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24", AvailabilityZone=f"us-east-1{az}")["Subnet"][
            "SubnetId"
        ]
        for i, az in ((1, "a"), (2, "b"))
    ]
    sgs = [
        ec2.create_security_group(GroupName=f"db-{tag}-{n}", Description="database", VpcId=vpc)["GroupId"]
        for n in range(2)
    ]
    subnet_group = f"kaleo-db-{tag}"
    rds.create_db_subnet_group(
        DBSubnetGroupName=subnet_group, DBSubnetGroupDescription="private database subnets", SubnetIds=subnets
    )
    params = f"kaleo-pg15-{tag}"
    rds.create_db_parameter_group(
        DBParameterGroupName=params, DBParameterGroupFamily="postgres15", Description="kaleo settings"
    )
    instance_id = f"kaleo-prod-{tag}"
    rds.create_db_instance(
        DBInstanceIdentifier=instance_id,
        Engine="postgres",
        EngineVersion="15.5",
        DBInstanceClass="db.m6g.large",
        MasterUsername="postgres",
        MasterUserPassword="not-used-by-tests",  # moto needs one; tests use the local cluster's password
        AllocatedStorage=100,
        StorageType="gp3",
        DBName="kaleo",
        DBSubnetGroupName=subnet_group,
        VpcSecurityGroupIds=sgs,
        DBParameterGroupName=params,
        MultiAZ=multi_az,
        PubliclyAccessible=False,
        BackupRetentionPeriod=7,
        Tags=[{"Key": "app", "Value": "kaleo"}],
    )
    return RdsWorld(rds, instance_id, subnet_group, sgs, params)


def snapshot(world: RdsWorld, name: str | None = None) -> str:
    snap_id = name or f"manual-{uuid.uuid4().hex[:8]}"
    world.rds.create_db_snapshot(DBInstanceIdentifier=world.instance_id, DBSnapshotIdentifier=snap_id)
    return snap_id


def instance_ids(world: RdsWorld) -> set[str]:
    return {i["DBInstanceIdentifier"] for i in world.rds.describe_db_instances()["DBInstances"]}
