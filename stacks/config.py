"""The one config module of the Pulumi program: one typed, frozen config object per stack.

Values come from ``Pulumi.<stack>.yaml`` (namespace ``kaleo:``), defaults from here and
from the ``config:`` block of ``Pulumi.yaml``. Sizes (instance classes, counts, storage)
are config so that the parity check can compare the two clouds.
"""

from __future__ import annotations

import ipaddress
import re
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


class ConfigError(ValueError):
    """A stack config value is invalid; the message names the ``kaleo:`` key and the fix."""


_S3_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


@dataclass(frozen=True)
class AwsConfig:
    """Typed config of the AWS stack (``kaleo:cloud: aws``); the region is the provider's ``aws:region``."""

    stack: str
    cloud: Cloud = "aws"
    region: str = "us-east-1"
    azs: list[str] = field(default_factory=lambda: ["us-east-1a", "us-east-1b", "us-east-1c"])
    vpc_cidr: str = "10.20.0.0/16"
    nat_per_az: bool = True
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
    app_health_check_path: str = "/health"
    certificate_arn: str = "arn:aws:acm:us-east-1:000000000000:certificate/kaleo"
    # object storage
    buckets: list[str] = field(default_factory=lambda: ["uploads"])
    bucket_prefix: str = ""
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
    search_snapshot_hour: int = 3

    MIN_BACKUP_RETENTION_DAYS = 7

    @property
    def db_major_version(self) -> str:
        """``15`` for ``15.4``; ``9.6`` for ``9.6.22`` (before 10 the major version has two parts)."""
        parts = self.db_engine_version.split(".")
        return ".".join(parts[:2]) if parts[0] == "9" else parts[0]

    @property
    def db_parameter_family(self) -> str:
        return f"postgres{self.db_major_version}"

    @property
    def bucket_names(self) -> dict[str, str]:
        """Short bucket name -> S3 bucket name."""
        prefix = self.bucket_prefix or f"kaleo-{self.stack}"
        return {b: f"{prefix}-{b}" for b in self.buckets}

    @property
    def search_zone_count(self) -> int:
        """Availability zones the OpenSearch domain spreads over (1 = no zone awareness)."""
        n = self.search_instance_count
        if n <= 1:
            return 1
        return 3 if len(self.azs) >= 3 and n % 3 == 0 else 2

    def validate(self) -> AwsConfig:
        """Reject values AWS would refuse or that weaken the continuity guarantees; return self."""

        def bad(key: str, problem: str) -> ConfigError:
            return ConfigError(f"kaleo:{key} {problem} (set it in Pulumi.{self.stack}.yaml)")

        if len(self.azs) < 2:
            raise bad("azs", f"must list at least 2 availability zones, got {self.azs}")
        if len(set(self.azs)) != len(self.azs):
            raise bad("azs", f"lists a zone twice: {self.azs}")
        foreign = [az for az in self.azs if not az.startswith(self.region)]
        if foreign:
            raise bad("azs", f"has zones outside aws:region {self.region}: {foreign}")
        try:
            net = ipaddress.ip_network(self.vpc_cidr)
        except ValueError as exc:
            raise bad("vpcCidr", f"is not a CIDR block: {exc}") from None
        if not isinstance(net, ipaddress.IPv4Network) or not 16 <= net.prefixlen <= 24:
            raise bad("vpcCidr", f"must be an IPv4 block from /16 to /24, got {self.vpc_cidr}")
        if len(self.azs) > 8:
            raise bad("azs", f"at most 8 zones fit the subnet plan, got {len(self.azs)}")
        if self.db_backup_retention_days < self.MIN_BACKUP_RETENTION_DAYS or self.db_backup_retention_days > 35:
            raise bad(
                "dbBackupRetentionDays",
                f"must be between {self.MIN_BACKUP_RETENTION_DAYS} and 35 days, got {self.db_backup_retention_days}"
                " (the continuity plan relies on at least a week of RDS snapshots)",
            )
        if not re.fullmatch(r"\d+(\.\d+)*", self.db_engine_version):
            raise bad("dbEngineVersion", f"must look like 15 or 15.4, got {self.db_engine_version!r}")
        if self.db_allocated_storage < 20:
            raise bad("dbAllocatedStorage", f"must be at least 20 GiB, got {self.db_allocated_storage}")
        if self.db_max_allocated_storage < self.db_allocated_storage:
            raise bad(
                "dbMaxAllocatedStorage",
                f"({self.db_max_allocated_storage}) must be >= dbAllocatedStorage ({self.db_allocated_storage})",
            )
        if not 0 <= self.app_min_size <= self.app_desired_capacity <= self.app_max_size or self.app_max_size < 1:
            raise bad(
                "appDesiredCapacity",
                f"needs 0 <= appMinSize <= appDesiredCapacity <= appMaxSize, max >= 1; got "
                f"{self.app_min_size} <= {self.app_desired_capacity} <= {self.app_max_size}",
            )
        if not 1 <= self.app_port <= 65535 or self.app_port in (5432, 6379):
            raise bad("appPort", f"must be a free TCP port (not 5432/6379), got {self.app_port}")
        if not self.app_ami_id.startswith("ami-"):
            raise bad("appAmiId", f"must be an AMI id (ami-...), got {self.app_ami_id!r}")
        if self.app_root_volume_gb < 8:
            raise bad("appRootVolumeGb", f"must be at least 8 GiB, got {self.app_root_volume_gb}")
        if not self.app_health_check_path.startswith("/"):
            raise bad("appHealthCheckPath", f"must start with /, got {self.app_health_check_path!r}")
        if not self.certificate_arn.startswith("arn:aws:acm:"):
            raise bad(
                "certificateArn", f"must be an ACM certificate ARN (arn:aws:acm:...), got {self.certificate_arn!r}"
            )
        if not self.buckets:
            raise bad("buckets", "must list at least one bucket")
        for short, full in self.bucket_names.items():
            if not _S3_NAME.fullmatch(full) or ".." in full:
                raise bad(
                    "buckets", f"entry {short!r} gives the invalid S3 bucket name {full!r} (3-63 chars, a-z 0-9 . -)"
                )
        if len(set(self.buckets)) != len(self.buckets):
            raise bad("buckets", f"lists a bucket twice: {self.buckets}")
        if self.cache_nodes < 1 or self.cache_nodes > 6:
            raise bad("cacheNodes", f"must be 1 to 6 (primary + up to 5 replicas), got {self.cache_nodes}")
        if not 1 <= self.cache_snapshot_retention_days <= 35:
            raise bad("cacheSnapshotRetentionDays", f"must be 1 to 35, got {self.cache_snapshot_retention_days}")
        if self.search_instance_count < 1:
            raise bad("searchInstanceCount", f"must be at least 1, got {self.search_instance_count}")
        zones = self.search_zone_count
        if zones > 1 and self.search_instance_count % zones != 0:
            raise bad(
                "searchInstanceCount",
                f"must be a multiple of the {zones} zones the domain spans, got {self.search_instance_count}",
            )
        if self.search_volume_gb < 10:
            raise bad("searchVolumeGb", f"must be at least 10 GiB, got {self.search_volume_gb}")
        if not 0 <= self.search_snapshot_hour <= 23:
            raise bad("searchSnapshotHour", f"must be an hour 0-23, got {self.search_snapshot_hour}")
        return self

    @classmethod
    def from_pulumi(cls, cfg: pulumi.Config, stack: str) -> AwsConfig:
        d = cls(stack=stack)
        region = _str(pulumi.Config("aws"), "region", d.region)
        return cls(
            stack=stack,
            region=region,
            azs=_list(cfg, "azs", [f"{region}{z}" for z in "abc"]),
            vpc_cidr=_str(cfg, "vpcCidr", d.vpc_cidr),
            nat_per_az=_bool(cfg, "natPerAz", d.nat_per_az),
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
            app_health_check_path=_str(cfg, "appHealthCheckPath", d.app_health_check_path),
            certificate_arn=_str(cfg, "certificateArn", d.certificate_arn),
            buckets=_list(cfg, "buckets", d.buckets),
            bucket_prefix=_str(cfg, "bucketPrefix", d.bucket_prefix),
            cache_node_type=_str(cfg, "cacheNodeType", d.cache_node_type),
            cache_nodes=_int(cfg, "cacheNodes", d.cache_nodes),
            cache_snapshot_retention_days=_int(cfg, "cacheSnapshotRetentionDays", d.cache_snapshot_retention_days),
            cache_engine_version=_str(cfg, "cacheEngineVersion", d.cache_engine_version),
            search_engine_version=_str(cfg, "searchEngineVersion", d.search_engine_version),
            search_instance_type=_str(cfg, "searchInstanceType", d.search_instance_type),
            search_instance_count=_int(cfg, "searchInstanceCount", d.search_instance_count),
            search_volume_gb=_int(cfg, "searchVolumeGb", d.search_volume_gb),
            search_snapshot_hour=_int(cfg, "searchSnapshotHour", d.search_snapshot_hour),
        ).validate()


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
