"""GCP search tier: an OpenSearch cluster on VMs, the same major version as the AWS domain.

``kaleo:gcpSearchInstances`` nodes (default 3) spread over the zones, each with an SSD
data disk (a separate disk: it outlives the VM); port 9200 only from the app tier, 9200/9300
between the nodes themselves. OpenSearch (``kaleo:gcpSearchVersion``), not Elasticsearch:
only OpenSearch restores the AWS domain's snapshots. The nodes may read (never write) the
snapshot bucket of the standby stack, which Storage Transfer fills from the AWS snapshot
repository bucket all year.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.network import Network
from stacks.gcp.secrets import Secrets

ROLE = "search"
DATA_DEVICE = "esdata"


class Search(Tier):
    TYPE = "kaleo:gcp:Search"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        network: Network,
        secrets: Secrets,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        self.account = vm.service_account(self, name, cfg, ROLE)
        secrets.grant(self, name, "search-password", vm.member(self.account))
        secrets.grant(self, name, "search-ca", vm.member(self.account))
        vm.grant_bucket(
            self, f"{name}-reads-snapshots", cfg.search_snapshot_bucket, "roles/storage.objectViewer", self.account
        )
        cluster = f"kaleo-{cfg.stack}"
        self.instances: list[gcp.compute.Instance] = []
        self.disks: list[gcp.compute.Disk] = []
        for i in range(cfg.search_instances):
            zone = vm.zone_for(cfg, i)
            disk = gcp.compute.Disk(
                f"{name}-{i}-data",
                zone=zone,
                type="pd-ssd",
                size=cfg.search_disk_gb,
                labels=labels(cfg.stack, ROLE, {"disk": DATA_DEVICE}),
                opts=self.child(),
            )
            self.disks.append(disk)
            self.instances.append(
                vm.private_vm(
                    self,
                    f"{name}-{i}",
                    cfg,
                    role=ROLE,
                    zone=zone,
                    machine_type=cfg.search_machine_type,
                    boot_disk_gb=cfg.search_boot_disk_gb,
                    subnet=network.data_subnet,
                    account=self.account,
                    data_disks=[(DATA_DEVICE, disk)],
                    extra_metadata={
                        "kaleo-search-cluster": cluster,
                        "kaleo-search-version": cfg.search_version,
                        "kaleo-search-snapshot-bucket": cfg.search_snapshot_bucket,
                        "kaleo-search-password-secret": secrets.secret_id("search-password"),
                        "kaleo-search-ca-secret": secrets.secret_id("search-ca"),
                        "kaleo-data-device": f"/dev/disk/by-id/google-{DATA_DEVICE}",
                    },
                )
            )
        self.done({"instances": [i.name for i in self.instances]})
