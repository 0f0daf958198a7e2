"""GCP database tier: the PostgreSQL VM that replaces RDS.

The data lives on a separate SSD persistent disk (at least the RDS allocated storage,
checked by ``kaleo-dr parity``) with a daily snapshot schedule attached whose snapshots
outlive the disk (``KEEP_AUTO_SNAPSHOTS``). The VM has deletion protection, no external
address, reads its password from Secret Manager and may read (never write) the dump
bucket of the standby stack, from which the restore runs.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.network import Network
from stacks.gcp.secrets import Secrets

ROLE = "db"
DATA_DEVICE = "pgdata"


def postgres_vm(
    tier: Tier,
    name: str,
    cfg: GcpConfig,
    *,
    role: str,
    zone: str,
    subnet: gcp.compute.Subnetwork,
    account: gcp.serviceaccount.Account,
    metadata: Mapping[str, pulumi.Input[str]],
) -> tuple[gcp.compute.Disk, gcp.compute.Instance]:
    """A PostgreSQL VM sized by ``db*`` config: its data disk (a separate disk that outlives the VM)
    and the VM, protected from deletion, with the disk attached as ``DATA_DEVICE``."""
    disk = gcp.compute.Disk(
        f"{name}-data",
        zone=zone,
        type=cfg.db_disk_type,
        size=cfg.db_disk_gb,
        physical_block_size_bytes=4096,
        labels=labels(cfg.stack, role, {"disk": DATA_DEVICE}),
        opts=tier.child(),
    )
    instance = vm.private_vm(
        tier,
        f"{name}-vm",
        cfg,
        role=role,
        zone=zone,
        machine_type=cfg.db_machine_type,
        boot_disk_gb=cfg.db_boot_disk_gb,
        subnet=subnet,
        account=account,
        data_disks=[(DATA_DEVICE, disk)],
        deletion_protection=True,
        extra_metadata={**metadata, "kaleo-data-device": f"/dev/disk/by-id/google-{DATA_DEVICE}"},
    )
    return disk, instance


class Database(Tier):
    TYPE = "kaleo:gcp:Database"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        network: Network,
        secrets: Secrets,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        zone = vm.zone_for(cfg, 0)
        self.account = vm.service_account(self, name, cfg, ROLE)
        secrets.grant(self, name, "db-password", vm.member(self.account))
        secrets.grant(self, name, "db-ca", vm.member(self.account))  # issues its server certificate
        vm.grant_bucket(self, f"{name}-reads-dumps", cfg.dump_bucket, "roles/storage.objectViewer", self.account)
        self.snapshots = gcp.compute.ResourcePolicy(
            f"{name}-snapshots",
            region=cfg.region,
            description="Daily snapshots of the PostgreSQL data disk",
            snapshot_schedule_policy={
                "schedule": {"daily_schedule": {"days_in_cycle": 1, "start_time": cfg.db_snapshot_time}},
                "retention_policy": {
                    "max_retention_days": cfg.db_snapshot_days,
                    "on_source_disk_delete": "KEEP_AUTO_SNAPSHOTS",
                },
                "snapshot_properties": {
                    "labels": labels(cfg.stack, ROLE),
                    "storage_locations": cfg.region,
                    "guest_flush": False,
                },
            },
            opts=self.child(),
        )
        self.data_disk, self.instance = postgres_vm(
            self,
            name,
            cfg,
            role=ROLE,
            zone=zone,
            subnet=network.data_subnet,
            account=self.account,
            metadata={
                "kaleo-db-name": cfg.db_name,
                "kaleo-db-user": cfg.db_username,
                "kaleo-db-password-secret": secrets.secret_id("db-password"),
                "kaleo-db-ca-secret": secrets.secret_id("db-ca"),
                "kaleo-dump-bucket": cfg.dump_bucket,
                "kaleo-app-subnet": cfg.app_cidr,
            },
        )
        gcp.compute.DiskResourcePolicyAttachment(
            f"{name}-data-snapshots",
            name=self.snapshots.name,
            disk=self.data_disk.name,
            zone=zone,
            opts=self.child(),
        )
        self.done({"instance": self.instance.name})
