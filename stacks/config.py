"""The one config module of the Pulumi program: one typed, frozen config object per stack.

Values come from ``Pulumi.<stack>.yaml`` (namespace ``kaleo:``), defaults from here and
from the ``config:`` block of ``Pulumi.yaml``. Sizes (instance classes, counts, storage)
are config so that the parity check can compare the two clouds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pulumi

Cloud = Literal["aws", "gcp"]


def _str(cfg: pulumi.Config, key: str, default: str) -> str:
    value = cfg.get(key)
    return default if value is None or value == "" else value


def _int(cfg: pulumi.Config, key: str, default: int) -> int:
    value = cfg.get_int(key)
    return default if value is None else value


def _bool(cfg: pulumi.Config, key: str, default: bool) -> bool:
    value = cfg.get_bool(key)
    return default if value is None else value


def _list(cfg: pulumi.Config, key: str, default: list[str]) -> list[str]:
    value = cfg.get_object(key)
    if value is None:
        return list(default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"kaleo:{key} must be a list of strings")
    return list(value)


@dataclass(frozen=True)
class AwsConfig:
    stack: str
    cloud: Cloud = "aws"
    region: str = "us-east-1"
    azs: list[str] = field(default_factory=lambda: ["us-east-1a", "us-east-1b"])
    vpc_cidr: str = "10.20.0.0/16"
    # database (RDS PostgreSQL)
    db_instance_class: str = "db.r6g.large"
    db_allocated_storage: int = 100
    db_max_allocated_storage: int = 500
    db_engine_version: str = "15"
    db_multi_az: bool = True
    db_backup_retention_days: int = 7
    db_logical_replication: bool = False
    db_name: str = "kaleo"
    db_username: str = "kaleo"
    # app tier
    app_instance_type: str = "m6i.large"
    app_min_size: int = 2
    app_max_size: int = 6
    app_desired_capacity: int = 2
    app_ami_id: str = "ami-0123456789abcdef0"
    app_root_volume_gb: int = 30
    app_port: int = 8080
    certificate_arn: str = "arn:aws:acm:us-east-1:000000000000:certificate/kaleo"
    # object storage
    buckets: list[str] = field(default_factory=lambda: ["uploads"])
    # cache (ElastiCache Redis)
    cache_node_type: str = "cache.r6g.large"
    cache_nodes: int = 2
    cache_snapshot_retention_days: int = 7
    cache_engine_version: str = "7.1"
    # search (OpenSearch)
    search_engine_version: str = "OpenSearch_2.11"
    search_instance_type: str = "r6g.large.search"
    search_instance_count: int = 3
    search_volume_gb: int = 100

    @classmethod
    def from_pulumi(cls, cfg: pulumi.Config, stack: str) -> AwsConfig:
        d = cls(stack=stack)
        return cls(
            stack=stack,
            region=_str(cfg, "region", d.region),
            azs=_list(cfg, "azs", d.azs),
            vpc_cidr=_str(cfg, "vpcCidr", d.vpc_cidr),
            db_instance_class=_str(cfg, "dbInstanceClass", d.db_instance_class),
            db_allocated_storage=_int(cfg, "dbAllocatedStorage", d.db_allocated_storage),
            db_max_allocated_storage=_int(cfg, "dbMaxAllocatedStorage", d.db_max_allocated_storage),
            db_engine_version=_str(cfg, "dbEngineVersion", d.db_engine_version),
            db_multi_az=_bool(cfg, "dbMultiAz", d.db_multi_az),
            db_backup_retention_days=_int(cfg, "dbBackupRetentionDays", d.db_backup_retention_days),
            db_logical_replication=_bool(cfg, "dbLogicalReplication", d.db_logical_replication),
            db_name=_str(cfg, "dbName", d.db_name),
            db_username=_str(cfg, "dbUsername", d.db_username),
            app_instance_type=_str(cfg, "appInstanceType", d.app_instance_type),
            app_min_size=_int(cfg, "appMinSize", d.app_min_size),
            app_max_size=_int(cfg, "appMaxSize", d.app_max_size),
            app_desired_capacity=_int(cfg, "appDesiredCapacity", d.app_desired_capacity),
            app_ami_id=_str(cfg, "appAmiId", d.app_ami_id),
            app_root_volume_gb=_int(cfg, "appRootVolumeGb", d.app_root_volume_gb),
            app_port=_int(cfg, "appPort", d.app_port),
            certificate_arn=_str(cfg, "certificateArn", d.certificate_arn),
            buckets=_list(cfg, "buckets", d.buckets),
            cache_node_type=_str(cfg, "cacheNodeType", d.cache_node_type),
            cache_nodes=_int(cfg, "cacheNodes", d.cache_nodes),
            cache_snapshot_retention_days=_int(cfg, "cacheSnapshotRetentionDays", d.cache_snapshot_retention_days),
            cache_engine_version=_str(cfg, "cacheEngineVersion", d.cache_engine_version),
            search_engine_version=_str(cfg, "searchEngineVersion", d.search_engine_version),
            search_instance_type=_str(cfg, "searchInstanceType", d.search_instance_type),
            search_instance_count=_int(cfg, "searchInstanceCount", d.search_instance_count),
            search_volume_gb=_int(cfg, "searchVolumeGb", d.search_volume_gb),
        )


@dataclass(frozen=True)
class GcpConfig:
    """Filled in by the GCP stack; until it exists the gcp stack registers no resources."""

    stack: str
    cloud: Cloud = "gcp"
    project: str = "kaleo-dr"
    region: str = "us-central1"

    @classmethod
    def from_pulumi(cls, cfg: pulumi.Config, stack: str) -> GcpConfig:
        d = cls(stack=stack)
        return cls(stack=stack, project=_str(cfg, "gcpProject", d.project), region=_str(cfg, "region", d.region))


def load(cfg: pulumi.Config) -> AwsConfig | GcpConfig:
    """The typed config object of the current stack, chosen by ``kaleo:cloud``."""
    cloud = cfg.require("cloud")
    stack = pulumi.get_stack()
    if cloud == "aws":
        return AwsConfig.from_pulumi(cfg, stack)
    if cloud == "gcp":
        return GcpConfig.from_pulumi(cfg, stack)
    raise ValueError(f"kaleo:cloud must be 'aws' or 'gcp', not {cloud!r}")


def describe(obj: Any) -> dict[str, Any]:
    """A plain dict of a config object (for outputs and reports)."""
    return dict(obj.__dict__)
