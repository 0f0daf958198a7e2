"""The people who run the failover: one Google group, the project roles they need (standby stack).

At 3 a.m. nobody should be waiting for an IAM change: the group of ``kaleo:gcpOperatorsGroup``
gets, ahead of time and at project level,

* ``roles/iap.tunnelResourceAccessor``: SSH and ``provision`` go through IAP tunnels (no VM
  has a public address);
* ``roles/compute.osAdminLogin``: OS Login with sudo on the VMs (no SSH keys in metadata);
* ``roles/iam.serviceAccountUser``: act as the VMs' service accounts, which OS Login needs
  on VMs that run as a service account.

Without the key no role is granted (the group is then managed outside the stacks).
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import GcpConfig

OPERATOR_ROLES = ("roles/iap.tunnelResourceAccessor", "roles/compute.osAdminLogin", "roles/iam.serviceAccountUser")


class Operators(Tier):
    TYPE = "kaleo:gcp:Operators"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        self.grants = [
            gcp.projects.IAMMember(
                f"{name}-{role.rsplit('/', 1)[-1].replace('.', '-').lower()}",
                project=cfg.project,
                role=role,
                member=f"group:{cfg.operators_group}",
                opts=self.child(),
            )
            for role in (OPERATOR_ROLES if cfg.operators_group else ())
        ]
        self.done({"roles": [g.role for g in self.grants]})
