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


def offline_plan() -> bool:
    """True while the program runs against Pulumi mocks (``kaleo-dr plan``, tests), never under ``pulumi up``.

    Only then may the committed example values (placeholders) pass: see :func:`placeholder`.
    """
    from pulumi.runtime import mocks, settings

    return isinstance(settings.get_monitor(), mocks.MockMonitor)


#: The example values committed in Pulumi*.yaml, which no real account has.
PLACEHOLDER_AMI = "ami-0123456789abcdef0"
_PLACEHOLDER_ACCOUNT = re.compile(r"(^|:)(0{12}|123456789012)(:|$)")
_PLACEHOLDER_DIGITS = re.compile(r"^(0+|10+|1234567890\d*)$")
_EXAMPLE_DOMAIN = re.compile(r"(^|\.)(example\.(com|org|net)|[^.]+\.(example|invalid|test|localhost))$")


def placeholder(key: str, value: str) -> str | None:
    """Why ``value`` of ``key`` is a placeholder no real account accepts, or None.

    Kinds: the example AMI id, ARNs of the example account ``000000000000``/``123456789012``,
    the example ACM certificate id (``certificate/kaleo``), all-zero or ``1000...`` numeric ids,
    and names under the reserved example domains (RFC 2606: example.com, .example, .invalid, .test).
    """
    if value == PLACEHOLDER_AMI:
        return "is the example AMI id; set the baked app image of the target account and region"
    if value.startswith("arn:") and _PLACEHOLDER_ACCOUNT.search(value):
        return "names the example account id; set the real ARN"
    if value.startswith("arn:aws:acm:") and value.rsplit("/", 1)[-1] == "kaleo":
        return "is the example certificate ARN; set the ACM certificate of the public host name"
    if _PLACEHOLDER_DIGITS.fullmatch(value):
        return "is an example numeric id; set the real one"
    if _EXAMPLE_DOMAIN.search(value.rsplit("@", 1)[-1].lower()):
        return "is under a reserved example domain; set the real name"
    return None


def reject_placeholders(stack: str, values: list[tuple[str, str]]) -> None:
    """Raise :class:`ConfigError` naming the first key holding a placeholder, unless the plan is offline."""
    if offline_plan():
        return
    for key, value in values:
        why = placeholder(key, value)
        if why:
            raise ConfigError(f"{key} {why}: got {value!r} (set it in Pulumi.{stack}.yaml before `pulumi up`)")


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
    bucket_noncurrent_days: int = 90
    # read-only role for the GCP Storage Transfer job copying the buckets out of AWS
    gcs_transfer_subject_id: str = ""
    gcs_transfer_role_name: str = "kaleo-gcs-transfer"
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
    search_create_service_linked_role: bool = False
    # secrets and endpoints the app servers read
    redis_auth_secret_name: str = ""
    ssm_prefix: str = ""
    # HA VPN to the GCP standby network (stacks/standby_link.py): logical replication to the standby DB VM
    standby_vpn: bool = False
    standby_gcp_vpn_ips: list[str] = field(default_factory=list)
    standby_gcp_asn: int = 65010
    standby_aws_asn: int = 64512
    standby_cidr: str = "10.40.16.0/24"
    # continuity agent (stacks/aws/agent.py): the continuity jobs' instance, an ASG of one
    agent_enabled: bool = True
    agent_instance_type: str = "t3.medium"
    agent_ami_id: str = ""
    agent_volume_gb: int = 200
    agent_sync_secret_arns: list[str] = field(default_factory=list)
    # how the agent configures itself at boot (playbooks/boot/kaleo-boot.sh from its user data)
    agent_bundle_bucket: str = ""
    agent_bundle_version: str = "0.0.0"
    agent_bundle_sha256: str = ""
    # the agent's IAM role name: the gcp-standby stack's workload identity provider admits exactly it
    agent_role_name: str = "kaleo-continuity-agent"

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
    def redis_auth_secret(self) -> str:
        """Secrets Manager name of the Redis AUTH token (``secrets sync`` copies it to GCP)."""
        return self.redis_auth_secret_name or f"kaleo/{self.stack}/redis-auth-token"

    @property
    def ssm_path(self) -> str:
        """SSM Parameter Store path under which the app endpoints are published for the app servers."""
        return (self.ssm_prefix or f"/kaleo/{self.stack}").rstrip("/")

    @property
    def bucket_names(self) -> dict[str, str]:
        """Short bucket name -> S3 bucket name."""
        prefix = self.bucket_prefix or f"kaleo-{self.stack}"
        return {b: f"{prefix}-{b}" for b in self.buckets}

    @property
    def agent_boot_bucket(self) -> str:
        """The S3 bucket of the agent's boot bundle (``bundles/``) and role variables (``vars/agent.yml``)."""
        return self.agent_bundle_bucket or f"{self.bucket_prefix or f'kaleo-{self.stack}'}-continuity"

    @property
    def search_snapshot_bucket(self) -> str:
        """The S3 bucket of the OpenSearch manual snapshot repository (copied to GCS all year)."""
        return f"{self.bucket_prefix or f'kaleo-{self.stack}'}-search-snapshots"

    @property
    def search_major_version(self) -> str:
        """``2`` for ``OpenSearch_2.11``."""
        return self.search_engine_version.rsplit("_", 1)[-1].split(".")[0]

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
        if self.standby_vpn:
            if not self.db_logical_replication:
                raise bad("standbyVpn", "needs dbLogicalReplication: true (the standby replicates logically)")
            if len(self.standby_gcp_vpn_ips) != 2:
                raise bad("standbyGcpVpnIps", "must list the 2 addresses of the GCP HA VPN gateway")
            try:
                [ipaddress.ip_address(ip) for ip in self.standby_gcp_vpn_ips]
                ipaddress.ip_network(self.standby_cidr)
            except ValueError as exc:
                raise bad("standbyGcpVpnIps", f"or standbyCidr is not an address/CIDR: {exc}") from None
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
        if self.bucket_noncurrent_days < 0:
            raise bad(
                "bucketNoncurrentDays", f"must be 0 (keep forever) or more days, got {self.bucket_noncurrent_days}"
            )
        if self.gcs_transfer_subject_id and not self.gcs_transfer_subject_id.isdigit():
            raise bad(
                "gcsTransferSubjectId",
                "must be the numeric subject id of the Storage Transfer service agent,"
                f" got {self.gcs_transfer_subject_id!r}",
            )
        if not _S3_NAME.fullmatch(self.agent_boot_bucket) or ".." in self.agent_boot_bucket:
            raise bad("agentBundleBucket", f"is not a valid S3 bucket name: {self.agent_boot_bucket!r}")
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}", self.agent_bundle_version):
            raise bad("agentBundleVersion", f"is not a version (letters, digits, . _ -): {self.agent_bundle_version!r}")
        if self.agent_bundle_sha256 and not re.fullmatch(r"[0-9a-f]{64}", self.agent_bundle_sha256):
            raise bad("agentBundleSha256", "must be the sha256 kaleo-dr boot bundle prints (64 hex digits)")
        if not re.fullmatch(r"[\w+=,.@-]{1,64}", self.agent_role_name):
            raise bad("agentRoleName", f"is not a valid IAM role name: {self.agent_role_name!r}")
        if not re.fullmatch(r"[\w+=,.@-]{1,64}", self.gcs_transfer_role_name):
            raise bad("gcsTransferRoleName", f"is not a valid IAM role name: {self.gcs_transfer_role_name!r}")
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
        if not re.fullmatch(r"(/[\w.-]+)+", self.ssm_path):
            raise bad("ssmPrefix", f"must be an SSM path like /kaleo/aws, got {self.ssm_path!r}")
        if not re.fullmatch(r"[\w/+=.@-]{1,512}", self.redis_auth_secret):
            raise bad("redisAuthSecretName", f"is not a Secrets Manager name: {self.redis_auth_secret!r}")
        reject_placeholders(
            self.stack,
            [
                ("kaleo:appAmiId", self.app_ami_id),
                ("kaleo:certificateArn", self.certificate_arn),
                ("kaleo:gcsTransferSubjectId", self.gcs_transfer_subject_id),
            ],
        )
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
            bucket_noncurrent_days=_int(cfg, "bucketNoncurrentDays", d.bucket_noncurrent_days),
            gcs_transfer_subject_id=_str(cfg, "gcsTransferSubjectId", d.gcs_transfer_subject_id),
            gcs_transfer_role_name=_str(cfg, "gcsTransferRoleName", d.gcs_transfer_role_name),
            cache_node_type=_str(cfg, "cacheNodeType", d.cache_node_type),
            cache_nodes=_int(cfg, "cacheNodes", d.cache_nodes),
            cache_snapshot_retention_days=_int(cfg, "cacheSnapshotRetentionDays", d.cache_snapshot_retention_days),
            cache_engine_version=_str(cfg, "cacheEngineVersion", d.cache_engine_version),
            search_engine_version=_str(cfg, "searchEngineVersion", d.search_engine_version),
            search_instance_type=_str(cfg, "searchInstanceType", d.search_instance_type),
            search_instance_count=_int(cfg, "searchInstanceCount", d.search_instance_count),
            search_volume_gb=_int(cfg, "searchVolumeGb", d.search_volume_gb),
            search_snapshot_hour=_int(cfg, "searchSnapshotHour", d.search_snapshot_hour),
            search_create_service_linked_role=_bool(
                cfg, "searchCreateServiceLinkedRole", d.search_create_service_linked_role
            ),
            redis_auth_secret_name=_str(cfg, "redisAuthSecretName", d.redis_auth_secret_name),
            ssm_prefix=_str(cfg, "ssmPrefix", d.ssm_prefix),
            standby_vpn=_bool(cfg, "standbyVpn", d.standby_vpn),
            standby_gcp_vpn_ips=_list(cfg, "standbyGcpVpnIps", d.standby_gcp_vpn_ips),
            standby_gcp_asn=_int(cfg, "standbyGcpAsn", d.standby_gcp_asn),
            standby_aws_asn=_int(cfg, "standbyAwsAsn", d.standby_aws_asn),
            standby_cidr=_str(cfg, "standbyCidr", d.standby_cidr),
            agent_enabled=_bool(cfg, "agentEnabled", d.agent_enabled),
            agent_instance_type=_str(cfg, "agentInstanceType", d.agent_instance_type),
            agent_ami_id=_str(cfg, "agentAmiId", d.agent_ami_id),
            agent_volume_gb=_int(cfg, "agentVolumeGb", d.agent_volume_gb),
            agent_sync_secret_arns=_list(cfg, "agentSyncSecretArns", d.agent_sync_secret_arns),
            agent_bundle_bucket=_str(cfg, "agentBundleBucket", d.agent_bundle_bucket),
            agent_bundle_version=_str(cfg, "agentBundleVersion", d.agent_bundle_version),
            agent_bundle_sha256=_str(cfg, "agentBundleSha256", d.agent_bundle_sha256),
            agent_role_name=_str(cfg, "agentRoleName", d.agent_role_name),
        ).validate()


GcpMode = Literal["failover", "standby"]
_GCS_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$")
_MACHINE_TYPE = re.compile(r"^[a-z][a-z0-9]*-[a-z0-9-]+$")


@dataclass(frozen=True)
class GcpConfig:
    """Typed config of the GCP stacks (``kaleo:cloud: gcp``); project and region are the provider's ``gcp:``.

    ``mode`` (``kaleo:gcpMode``) picks what one program builds: ``failover`` is the whole
    environment on VMs (``Pulumi.gcp.yaml``, built after the disaster is declared);
    ``standby`` is only the always-on continuity resources (``Pulumi.gcp-standby.yaml``):
    dump bucket, object buckets fed from S3 by Storage Transfer, backup writer account.
    The failover stack finds the standby buckets by name, so both files must agree on
    ``gcpBucketPrefix``, ``gcpBuckets`` and ``gcpDumpBucket`` (the defaults here do).
    """

    stack: str
    cloud: Cloud = "gcp"
    mode: GcpMode = "failover"
    project: str = "kaleo-dr"
    region: str = "us-central1"
    zones: list[str] = field(default_factory=lambda: ["us-central1-a", "us-central1-b", "us-central1-c"])
    # network
    app_cidr: str = "10.40.0.0/22"
    data_cidr: str = "10.40.4.0/22"
    # app tier (regional managed instance group behind the global HTTPS load balancer)
    domains: list[str] = field(default_factory=lambda: ["kaleo.example.com"])
    app_machine_type: str = "n2-standard-2"
    app_instances: int = 2
    app_max_instances: int = 6
    app_disk_gb: int = 30
    app_port: int = 8080
    app_health_check_path: str = "/health"
    image: str = "debian-cloud/debian-12"
    # database VM (PostgreSQL)
    db_machine_type: str = "n2-highmem-2"
    db_disk_gb: int = 100
    db_disk_type: str = "pd-ssd"
    db_boot_disk_gb: int = 20
    db_snapshot_days: int = 7
    db_snapshot_time: str = "03:00"
    db_name: str = "kaleo"
    db_username: str = "kaleo"
    # cache VM (Redis) and search VMs (OpenSearch)
    cache_machine_type: str = "n2-highmem-4"
    cache_instances: int = 1
    cache_disk_gb: int = 20
    search_machine_type: str = "n2-highmem-2"
    search_instances: int = 3
    search_disk_gb: int = 100
    search_boot_disk_gb: int = 20
    # object storage (the S3 equivalent) and continuity
    buckets: list[str] = field(default_factory=lambda: ["uploads"])
    bucket_prefix: str = "kaleo-dr"
    s3_bucket_prefix: str = "kaleo-aws"
    dump_bucket: str = "kaleo-dr-db-dumps"
    dump_retention_days: int = 7
    dump_keep_days: int = 35
    dump_retention_locked: bool = False
    transfer_aws_role_arn: str = "arn:aws:iam::000000000000:role/kaleo-gcs-transfer"
    transfer_start_date: str = "2026-01-01"
    transfer_interval_hours: int = 1
    transfer_enabled: bool = True
    # TLS issued ahead (standby: Certificate Manager; failover: the proxy uses the map by name)
    certificate_map: str = "kaleo-dr"
    # people: a Google group given IAP tunnelling, OS Login and service-account-user (standby stack)
    operators_group: str = ""
    # Secret Manager secrets filled by `kaleo-dr secrets sync` from AWS Secrets Manager (keys)
    synced_secrets: list[str] = field(default_factory=lambda: ["app-secret-key", "redis-password"])
    # search VMs: OpenSearch, the same major version as the AWS domain; its snapshots copied from S3
    search_version: str = "2.11.1"
    search_snapshot_bucket: str = "kaleo-dr-search-snapshots"
    # how every VM gets its software at boot: a pinned bundle (roles) and app release in the release bucket
    release_bucket: str = "kaleo-dr-releases"
    bundle_version: str = "0.0.0"
    bundle_sha256: str = ""
    release_version: str = "0.0.0"
    release_sha256: str = ""
    app_boot_seconds: int = 900
    app_converged_path: str = "/nginx-health"
    # standby DB VM fed by logical replication over HA VPN from RDS (standby mode; stacks/standby_link.py)
    standby_db: bool = False
    standby_cidr: str = "10.40.16.0/24"
    standby_asn: int = 65010
    standby_aws_asn: int = 64512
    standby_aws_cidr: str = "10.20.0.0/16"
    standby_aws_tunnel_ips: list[str] = field(default_factory=list)
    # failover mode: the standby stack whose standby DB the app may use after a promote
    # (stacks/gcp/standby_path.py: VPC peering and a firewall rule, learnt by a StackReference),
    # and which database the app VMs use: the failover DB VM (restore) or the promoted standby
    standby_stack: str = ""
    db_source: str = "restore"
    # the watcher VM (standby mode, stacks/gcp/watcher.py): the continuity jobs' dead-man's switch outside AWS
    watcher: bool = True
    watcher_machine_type: str = "e2-standard-2"
    watcher_disk_gb: int = 200
    watcher_cidr: str = "10.40.20.0/28"
    watcher_results_prefix: str = "prod/_continuity/"
    # the AWS agent's identity (standby mode, stacks/gcp/agent_identity.py): workload identity federation
    agent_identity: bool = True
    agent_aws_account_id: str = ""
    agent_aws_role_name: str = "kaleo-continuity-agent"

    ROLES = ("app", "db", "cache", "search")
    #: the synced secret holding production's Kaleo role password (the standby's role has it)
    DB_PASSWORD_KEY = "db-password"

    def __post_init__(self) -> None:
        # Derived, never a manual step: with a standby database (built by the standby stack, or
        # reached by the failover stack) the Kaleo role's password is production's, synced from AWS.
        if self.uses_standby_db and self.DB_PASSWORD_KEY not in self.synced_secrets:
            object.__setattr__(self, "synced_secrets", [*self.synced_secrets, self.DB_PASSWORD_KEY])

    @property
    def uses_standby_db(self) -> bool:
        """The standby stack builds the standby DB, or the failover stack is linked to one."""
        return self.standby_db if self.mode == "standby" else bool(self.standby_stack)

    @property
    def bucket_names(self) -> dict[str, str]:
        """Short bucket name -> GCS bucket name (created by the standby stack, used by the failover app)."""
        return {b: f"{self.bucket_prefix}-{b}" for b in self.buckets}

    @property
    def s3_sources(self) -> dict[str, str]:
        """Short bucket name -> the S3 bucket the Storage Transfer job copies from."""
        return {b: f"{self.s3_bucket_prefix}-{b}" for b in self.buckets}

    @staticmethod
    def synced_secret_id(key: str) -> str:
        """Secret Manager id of a synced secret: the same in both GCP stacks (created by standby)."""
        return f"kaleo-sync-{key}"

    @property
    def s3_search_snapshot_bucket(self) -> str:
        """The S3 bucket of the AWS OpenSearch manual snapshots (``<gcpS3BucketPrefix>-search-snapshots``)."""
        return f"{self.s3_bucket_prefix}-search-snapshots"

    @property
    def search_major_version(self) -> str:
        return self.search_version.split(".")[0]

    def validate(self) -> GcpConfig:
        """Reject values Google Cloud would refuse or that weaken the continuity guarantees; return self."""

        def bad(key: str, problem: str) -> ConfigError:
            return ConfigError(f"{key} {problem} (set it in Pulumi.{self.stack}.yaml)")

        if self.mode not in ("failover", "standby"):
            raise bad("kaleo:gcpMode", f"must be failover or standby, got {self.mode!r}")
        if not self.zones or len(set(self.zones)) != len(self.zones):
            raise bad("kaleo:gcpZones", f"must list distinct zones, got {self.zones}")
        foreign = [z for z in self.zones if not z.startswith(f"{self.region}-")]
        if foreign:
            raise bad("kaleo:gcpZones", f"has zones outside gcp:region {self.region}: {foreign}")
        nets = []
        for key, cidr in (("kaleo:gcpAppCidr", self.app_cidr), ("kaleo:gcpDataCidr", self.data_cidr)):
            try:
                nets.append(ipaddress.ip_network(cidr))
            except ValueError as exc:
                raise bad(key, f"is not a CIDR block: {exc}") from None
        if nets[0].overlaps(nets[1]):
            raise bad("kaleo:gcpDataCidr", f"({self.data_cidr}) overlaps gcpAppCidr ({self.app_cidr})")
        for key, value in (
            ("kaleo:gcpAppMachineType", self.app_machine_type),
            ("kaleo:gcpDbMachineType", self.db_machine_type),
            ("kaleo:gcpCacheMachineType", self.cache_machine_type),
            ("kaleo:gcpSearchMachineType", self.search_machine_type),
        ):
            if not _MACHINE_TYPE.fullmatch(value):
                raise bad(key, f"must be a machine type like n2-standard-2, got {value!r}")
        for key, count in (
            ("kaleo:gcpAppInstances", self.app_instances),
            ("kaleo:gcpCacheInstances", self.cache_instances),
            ("kaleo:gcpSearchInstances", self.search_instances),
        ):
            if count < 1:
                raise bad(key, f"must be at least 1, got {count}")
        if self.app_max_instances < self.app_instances:
            raise bad(
                "kaleo:gcpAppMaxInstances",
                f"({self.app_max_instances}) must be >= gcpAppInstances ({self.app_instances})",
            )
        if not self.domains:
            raise bad("kaleo:gcpDomains", "must list the public names of the load balancer certificate")
        if not re.fullmatch(r"[a-z]([a-z0-9-]{0,40}[a-z0-9])?", self.certificate_map):
            raise bad("kaleo:gcpCertificateMap", f"must be a lowercase resource name, got {self.certificate_map!r}")
        if self.operators_group and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", self.operators_group):
            raise bad("kaleo:gcpOperatorsGroup", f"must be a Google group e-mail address, got {self.operators_group!r}")
        for key in self.synced_secrets:
            if not re.fullmatch(r"[a-z][a-z0-9-]{0,60}", key):
                raise bad("kaleo:gcpSyncedSecrets", f"entry {key!r} must be a lowercase key (a-z 0-9 -)")
        if not 1 <= self.app_port <= 65535 or self.app_port in (22, 5432, 6379, 9200, 9300):
            raise bad("kaleo:gcpAppPort", f"must be a free TCP port, got {self.app_port}")
        if not self.app_health_check_path.startswith("/"):
            raise bad("kaleo:gcpAppHealthCheckPath", f"must start with /, got {self.app_health_check_path!r}")
        if self.db_disk_type not in ("pd-ssd", "pd-balanced", "hyperdisk-balanced"):
            raise bad("kaleo:gcpDbDiskType", f"must be an SSD type (pd-ssd, pd-balanced), got {self.db_disk_type!r}")
        for key, gb in (
            ("kaleo:gcpAppDiskGb", self.app_disk_gb),
            ("kaleo:gcpDbDiskGb", self.db_disk_gb),
            ("kaleo:gcpCacheDiskGb", self.cache_disk_gb),
            ("kaleo:gcpSearchDiskGb", self.search_disk_gb),
        ):
            if gb < 10:
                raise bad(key, f"must be at least 10 GiB, got {gb}")
        if not 1 <= self.db_snapshot_days <= 365:
            raise bad("kaleo:gcpDbSnapshotDays", f"must be 1 to 365, got {self.db_snapshot_days}")
        if not re.fullmatch(r"([01]\d|2[0-3]):00", self.db_snapshot_time):
            raise bad("kaleo:gcpDbSnapshotTime", f"must be a full hour HH:00 (UTC), got {self.db_snapshot_time!r}")
        if not self.buckets or len(set(self.buckets)) != len(self.buckets):
            raise bad("kaleo:gcpBuckets", f"must list distinct bucket names, got {self.buckets}")
        for short, full in {**self.bucket_names, "dump": self.dump_bucket}.items():
            if not _GCS_NAME.fullmatch(full) or full.startswith("goog"):
                raise bad("kaleo:gcpBuckets", f"entry {short!r} gives the invalid GCS bucket name {full!r}")
        if not 1 <= self.dump_retention_days < self.dump_keep_days:
            raise bad(
                "kaleo:gcpDumpRetentionDays",
                f"must be at least 1 and below gcpDumpKeepDays ({self.dump_keep_days}), got {self.dump_retention_days}",
            )
        for key, name in (
            ("kaleo:gcpReleaseBucket", self.release_bucket),
            ("kaleo:gcpSearchSnapshotBucket", self.search_snapshot_bucket),
        ):
            if not _GCS_NAME.fullmatch(name) or name.startswith("goog"):
                raise bad(key, f"is not a valid GCS bucket name: {name!r}")
        if not re.fullmatch(r"\d+\.\d+\.\d+", self.search_version):
            raise bad("kaleo:gcpSearchVersion", f"must be a version like 2.11.1, got {self.search_version!r}")
        for key, version in (
            ("kaleo:gcpBundleVersion", self.bundle_version),
            ("kaleo:gcpReleaseVersion", self.release_version),
        ):
            if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}", version):
                raise bad(key, f"must be a version (letters, digits, . _ -), got {version!r}")
        for key, digest in (
            ("kaleo:gcpBundleSha256", self.bundle_sha256),
            ("kaleo:gcpReleaseSha256", self.release_sha256),
        ):
            if digest and not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise bad(key, f"must be 64 lowercase hex digits (sha256sum), got {digest!r}")
        if not 300 <= self.app_boot_seconds <= 3600:
            raise bad("kaleo:gcpAppBootSeconds", f"must be 300 to 3600 seconds, got {self.app_boot_seconds}")
        if not self.app_converged_path.startswith("/") or self.app_converged_path == self.app_health_check_path:
            raise bad(
                "kaleo:gcpAppConvergedPath",
                f"must be a path answered by nginx itself, not the app's {self.app_health_check_path},"
                f" got {self.app_converged_path!r}",
            )
        if self.mode == "standby":
            if not self.transfer_aws_role_arn.startswith("arn:aws:iam::"):
                raise bad("kaleo:gcpTransferAwsRoleArn", f"must be an IAM role ARN, got {self.transfer_aws_role_arn!r}")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.transfer_start_date):
                raise bad("kaleo:gcpTransferStartDate", f"must be YYYY-MM-DD, got {self.transfer_start_date!r}")
            if not 1 <= self.transfer_interval_hours <= 24:
                raise bad("kaleo:gcpTransferIntervalHours", f"must be 1 to 24, got {self.transfer_interval_hours}")
        if self.standby_db:
            if self.mode != "standby":
                raise bad("kaleo:gcpStandbyDb", "belongs to the standby stack (kaleo:gcpMode: standby)")
            if self.standby_aws_tunnel_ips and len(self.standby_aws_tunnel_ips) != 4:
                raise bad("kaleo:gcpStandbyAwsTunnelIps", "must list the 4 AWS tunnel addresses (or none yet)")
            try:
                [ipaddress.ip_address(ip) for ip in self.standby_aws_tunnel_ips]
                ipaddress.ip_network(self.standby_cidr)
                ipaddress.ip_network(self.standby_aws_cidr)
            except ValueError as exc:
                raise bad("kaleo:gcpStandbyCidr", f"(or the AWS tunnel addresses/CIDR) is invalid: {exc}") from None
        if self.db_source not in ("restore", "standby"):
            raise bad("kaleo:gcpDbSource", f"must be restore or standby, got {self.db_source!r}")
        if self.standby_stack:
            if self.mode != "failover":
                raise bad("kaleo:gcpStandbyStack", "belongs to the failover stack (kaleo:gcpMode: failover)")
            if not re.fullmatch(r"[\w.-]+(/[\w.-]+){0,2}", self.standby_stack):
                raise bad("kaleo:gcpStandbyStack", f"must be a stack name like gcp-standby, got {self.standby_stack!r}")
            try:
                standby_net = ipaddress.ip_network(self.standby_cidr)
            except ValueError as exc:
                raise bad("kaleo:gcpStandbyCidr", f"is not a CIDR block: {exc}") from None
            for key, net in (("kaleo:gcpAppCidr", nets[0]), ("kaleo:gcpDataCidr", nets[1])):
                if net.overlaps(standby_net):
                    raise bad(
                        key,
                        f"({net}) overlaps gcpStandbyCidr ({self.standby_cidr}): VPC peering with the standby "
                        "network needs distinct ranges",
                    )
        elif self.db_source == "standby":
            raise bad("kaleo:gcpDbSource", "standby needs kaleo:gcpStandbyStack (the stack of the standby DB)")
        if self.mode == "standby" and self.agent_identity:
            if not re.fullmatch(r"\d{12}", self.agent_aws_account_id):
                raise bad(
                    "kaleo:gcpAgentAwsAccountId",
                    f"must be the 12-digit AWS account of the continuity agent (or set gcpAgentIdentity: false), "
                    f"got {self.agent_aws_account_id!r}",
                )
            if not re.fullmatch(r"[\w+=,.@-]{1,64}", self.agent_aws_role_name):
                raise bad("kaleo:gcpAgentAwsRoleName", f"is not an IAM role name: {self.agent_aws_role_name!r}")
        checked = [(f"kaleo:gcpDomains[{i}]", d) for i, d in enumerate(self.domains)]
        if self.mode == "standby":
            checked += [
                ("kaleo:gcpTransferAwsRoleArn", self.transfer_aws_role_arn),
                ("kaleo:gcpOperatorsGroup", self.operators_group),
            ]
            if self.agent_identity:
                checked.append(("kaleo:gcpAgentAwsAccountId", self.agent_aws_account_id))
        reject_placeholders(self.stack, checked)
        return self

    @classmethod
    def from_pulumi(cls, cfg: pulumi.Config, stack: str) -> GcpConfig:
        d = cls(stack=stack)
        gcp_cfg = pulumi.Config("gcp")
        region = _str(gcp_cfg, "region", d.region)
        mode = _str(cfg, "gcpMode", d.mode)
        if mode not in ("failover", "standby"):
            raise ConfigError(f"kaleo:gcpMode must be failover or standby, got {mode!r} (Pulumi.{stack}.yaml)")
        return cls(
            stack=stack,
            mode="standby" if mode == "standby" else "failover",
            project=_str(gcp_cfg, "project", d.project),
            region=region,
            zones=_list(cfg, "gcpZones", [f"{region}-{z}" for z in "abc"]),
            app_cidr=_str(cfg, "gcpAppCidr", d.app_cidr),
            data_cidr=_str(cfg, "gcpDataCidr", d.data_cidr),
            domains=_list(cfg, "gcpDomains", d.domains),
            app_machine_type=_str(cfg, "gcpAppMachineType", d.app_machine_type),
            app_instances=_int(cfg, "gcpAppInstances", d.app_instances),
            app_max_instances=_int(cfg, "gcpAppMaxInstances", d.app_max_instances),
            app_disk_gb=_int(cfg, "gcpAppDiskGb", d.app_disk_gb),
            app_port=_int(cfg, "gcpAppPort", d.app_port),
            app_health_check_path=_str(cfg, "gcpAppHealthCheckPath", d.app_health_check_path),
            image=_str(cfg, "gcpImage", d.image),
            db_machine_type=_str(cfg, "gcpDbMachineType", d.db_machine_type),
            db_disk_gb=_int(cfg, "gcpDbDiskGb", d.db_disk_gb),
            db_disk_type=_str(cfg, "gcpDbDiskType", d.db_disk_type),
            db_boot_disk_gb=_int(cfg, "gcpDbBootDiskGb", d.db_boot_disk_gb),
            db_snapshot_days=_int(cfg, "gcpDbSnapshotDays", d.db_snapshot_days),
            db_snapshot_time=_str(cfg, "gcpDbSnapshotTime", d.db_snapshot_time),
            db_name=_str(cfg, "gcpDbName", d.db_name),
            db_username=_str(cfg, "gcpDbUsername", d.db_username),
            cache_machine_type=_str(cfg, "gcpCacheMachineType", d.cache_machine_type),
            cache_instances=_int(cfg, "gcpCacheInstances", d.cache_instances),
            cache_disk_gb=_int(cfg, "gcpCacheDiskGb", d.cache_disk_gb),
            search_machine_type=_str(cfg, "gcpSearchMachineType", d.search_machine_type),
            search_instances=_int(cfg, "gcpSearchInstances", d.search_instances),
            search_disk_gb=_int(cfg, "gcpSearchDiskGb", d.search_disk_gb),
            search_boot_disk_gb=_int(cfg, "gcpSearchBootDiskGb", d.search_boot_disk_gb),
            buckets=_list(cfg, "gcpBuckets", d.buckets),
            bucket_prefix=_str(cfg, "gcpBucketPrefix", d.bucket_prefix),
            s3_bucket_prefix=_str(cfg, "gcpS3BucketPrefix", d.s3_bucket_prefix),
            dump_bucket=_str(cfg, "gcpDumpBucket", d.dump_bucket),
            dump_retention_days=_int(cfg, "gcpDumpRetentionDays", d.dump_retention_days),
            dump_keep_days=_int(cfg, "gcpDumpKeepDays", d.dump_keep_days),
            dump_retention_locked=_bool(cfg, "gcpDumpRetentionLocked", d.dump_retention_locked),
            transfer_aws_role_arn=_str(cfg, "gcpTransferAwsRoleArn", d.transfer_aws_role_arn),
            transfer_start_date=_str(cfg, "gcpTransferStartDate", d.transfer_start_date),
            transfer_interval_hours=_int(cfg, "gcpTransferIntervalHours", d.transfer_interval_hours),
            transfer_enabled=_bool(cfg, "gcpTransferEnabled", d.transfer_enabled),
            certificate_map=_str(cfg, "gcpCertificateMap", d.certificate_map),
            operators_group=_str(cfg, "gcpOperatorsGroup", d.operators_group),
            synced_secrets=_list(cfg, "gcpSyncedSecrets", d.synced_secrets),
            search_version=_str(cfg, "gcpSearchVersion", d.search_version),
            search_snapshot_bucket=_str(cfg, "gcpSearchSnapshotBucket", d.search_snapshot_bucket),
            release_bucket=_str(cfg, "gcpReleaseBucket", d.release_bucket),
            bundle_version=_str(cfg, "gcpBundleVersion", d.bundle_version),
            bundle_sha256=_str(cfg, "gcpBundleSha256", d.bundle_sha256),
            release_version=_str(cfg, "gcpReleaseVersion", d.release_version),
            release_sha256=_str(cfg, "gcpReleaseSha256", d.release_sha256),
            app_boot_seconds=_int(cfg, "gcpAppBootSeconds", d.app_boot_seconds),
            app_converged_path=_str(cfg, "gcpAppConvergedPath", d.app_converged_path),
            standby_db=_bool(cfg, "gcpStandbyDb", d.standby_db),
            standby_cidr=_str(cfg, "gcpStandbyCidr", d.standby_cidr),
            standby_asn=_int(cfg, "gcpStandbyAsn", d.standby_asn),
            standby_aws_asn=_int(cfg, "gcpStandbyAwsAsn", d.standby_aws_asn),
            standby_aws_cidr=_str(cfg, "gcpStandbyAwsCidr", d.standby_aws_cidr),
            standby_aws_tunnel_ips=_list(cfg, "gcpStandbyAwsTunnelIps", d.standby_aws_tunnel_ips),
            standby_stack=_str(cfg, "gcpStandbyStack", d.standby_stack),
            db_source=_str(cfg, "gcpDbSource", d.db_source),
            watcher=_bool(cfg, "gcpWatcher", d.watcher),
            watcher_machine_type=_str(cfg, "gcpWatcherMachineType", d.watcher_machine_type),
            watcher_disk_gb=_int(cfg, "gcpWatcherDiskGb", d.watcher_disk_gb),
            watcher_cidr=_str(cfg, "gcpWatcherCidr", d.watcher_cidr),
            watcher_results_prefix=_str(cfg, "gcpWatcherResultsPrefix", d.watcher_results_prefix),
            agent_identity=_bool(cfg, "gcpAgentIdentity", d.agent_identity),
            agent_aws_account_id=_str(cfg, "gcpAgentAwsAccountId", d.agent_aws_account_id),
            agent_aws_role_name=_str(cfg, "gcpAgentAwsRoleName", d.agent_aws_role_name),
        ).validate()


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
