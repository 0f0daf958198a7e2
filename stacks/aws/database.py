"""AWS database tier: RDS PostgreSQL in the private subnets.

Encrypted storage, deletion protection, automated backups kept at least 7 days
(enforced when the config loads), tags copied to snapshots, Multi-AZ from config,
never publicly accessible, a final snapshot on deletion, TLS forced through a custom
parameter group (whose family follows the engine version) that also switches
``rds.logical_replication`` from config. The master password is generated and kept by
RDS in Secrets Manager (``manage_master_user_password``, rotated every 7 days): it never
appears in config, state or outputs; the app servers may read that secret (``app.py``).
``allow_major_version_upgrade`` is set so that a new major ``dbEngineVersion`` (with its new
parameter group family) is applied instead of rejected; it only permits the upgrade, RDS
performs one only when the configured major version changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from stacks.common import Tier, labels
from stacks.config import AwsConfig

DB_PORT = 5432


class Database(Tier):
    TYPE = "kaleo:aws:Database"

    def __init__(
        self,
        name: str,
        cfg: AwsConfig,
        *,
        private_subnet_ids: Sequence[pulumi.Input[str]],
        security_group_id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-db")
        tags = labels(cfg.stack, "db")

        subnet_group = aws.rds.SubnetGroup(
            f"{prefix}-db-subnets",
            subnet_ids=list(private_subnet_ids),
            description="Kaleo PostgreSQL: private subnets only",
            tags=tags,
            opts=self.child(),
        )
        self.parameter_group = aws.rds.ParameterGroup(
            f"{prefix}-db-params",
            family=cfg.db_parameter_family,
            description=f"Kaleo PostgreSQL {cfg.db_major_version}",
            parameters=[
                aws.rds.ParameterGroupParameterArgs(
                    name="rds.logical_replication",
                    value="1" if cfg.db_logical_replication else "0",
                    apply_method="pending-reboot",
                ),
                aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1", apply_method="pending-reboot"),
                aws.rds.ParameterGroupParameterArgs(
                    name="log_min_duration_statement", value="1000", apply_method="immediate"
                ),
            ],
            tags=tags,
            opts=self.child(),
        )
        self.instance = aws.rds.Instance(
            f"{prefix}-db",
            engine="postgres",
            engine_version=cfg.db_engine_version,
            instance_class=cfg.db_instance_class,
            allocated_storage=cfg.db_allocated_storage,
            max_allocated_storage=cfg.db_max_allocated_storage,
            storage_type="gp3",
            storage_encrypted=True,
            db_name=cfg.db_name,
            username=cfg.db_username,
            manage_master_user_password=True,
            port=DB_PORT,
            multi_az=cfg.db_multi_az,
            publicly_accessible=False,
            db_subnet_group_name=subnet_group.name,
            vpc_security_group_ids=[security_group_id],
            parameter_group_name=self.parameter_group.name,
            backup_retention_period=cfg.db_backup_retention_days,
            backup_window="03:00-04:00",
            maintenance_window="sun:04:30-sun:05:30",
            copy_tags_to_snapshot=True,
            delete_automated_backups=False,
            deletion_protection=True,
            skip_final_snapshot=False,
            final_snapshot_identifier=f"{prefix}-{cfg.stack}-db-final",
            auto_minor_version_upgrade=True,
            allow_major_version_upgrade=True,
            enabled_cloudwatch_logs_exports=["postgresql", "upgrade"],
            performance_insights_enabled=True,
            tags=tags,
            opts=self.child(),
        )
        #: ARN of the RDS-managed master secret ("" only if RDS reports none, which it does not when managed)
        self.master_secret_arn: pulumi.Output[str] = self.instance.master_user_secrets.apply(
            lambda secrets: (secrets[0].secret_arn or "") if secrets else ""
        )
        self.done({"endpoint": self.instance.address, "port": self.instance.port})
