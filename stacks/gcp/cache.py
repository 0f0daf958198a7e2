"""GCP cache tier: Redis VM(s), the ElastiCache equivalent.

Same network rules as every data tier: no external address, port 6379 only from the app
tier; the Redis password comes from Secret Manager.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.network import Network
from stacks.gcp.secrets import Secrets

ROLE = "cache"


class Cache(Tier):
    TYPE = "kaleo:gcp:Cache"

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
        secrets.grant(self, name, "redis-password", vm.member(self.account))
        self.instances: list[gcp.compute.Instance] = [
            vm.private_vm(
                self,
                f"{name}-{i}",
                cfg,
                role=ROLE,
                zone=vm.zone_for(cfg, i),
                machine_type=cfg.cache_machine_type,
                boot_disk_gb=cfg.cache_disk_gb,
                subnet=network.data_subnet,
                account=self.account,
                extra_metadata={"kaleo-redis-password-secret": secrets.secret_id("redis-password")},
            )
            for i in range(cfg.cache_instances)
        ]
        self.done({"instances": [i.name for i in self.instances]})
