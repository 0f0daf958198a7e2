"""The Google APIs the stacks use, enabled by the stacks themselves.

A fresh project has almost every API disabled: the first resource of a disabled API fails
with ``SERVICE_DISABLED``. Both GCP stacks declare the APIs of :data:`APIS` as
``gcp.projects.Service`` resources and every tier depends on the APIs it uses, so one
``pulumi up`` on a new project works. ``disable_on_destroy=False``: destroying a stack (or
the failover stack after a failback) never switches an API off under the other stack;
``disable_dependent_services=False`` likewise never touches other services.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import GcpConfig

#: Short name -> service. Every API some resource of stacks/gcp creates or reads through.
APIS: dict[str, str] = {
    "serviceusage": "serviceusage.googleapis.com",
    "cloudresourcemanager": "cloudresourcemanager.googleapis.com",
    "iam": "iam.googleapis.com",
    "sts": "sts.googleapis.com",
    "iamcredentials": "iamcredentials.googleapis.com",
    "compute": "compute.googleapis.com",
    "oslogin": "oslogin.googleapis.com",
    "iap": "iap.googleapis.com",
    "storage": "storage.googleapis.com",
    "storagetransfer": "storagetransfer.googleapis.com",
    "secretmanager": "secretmanager.googleapis.com",
    "certificatemanager": "certificatemanager.googleapis.com",
    "logging": "logging.googleapis.com",
    "monitoring": "monitoring.googleapis.com",
}


class Apis(Tier):
    """One ``Service`` per API of :data:`APIS`; :meth:`needs` gives a tier's dependencies on them."""

    TYPE = "kaleo:gcp:Apis"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        self.services: dict[str, gcp.projects.Service] = {
            short: gcp.projects.Service(
                f"{name}-{short}",
                project=cfg.project,
                service=service,
                disable_on_destroy=False,
                disable_dependent_services=False,
                opts=self.child(),
            )
            for short, service in APIS.items()
        }
        self.done({"services": sorted(APIS.values())})

    def needs(self, *shorts: str) -> pulumi.ResourceOptions:
        """ResourceOptions of a tier whose resources use these APIs (``cloudresourcemanager``/``iam`` always)."""
        wanted = dict.fromkeys(("serviceusage", "cloudresourcemanager", "iam", *shorts))
        unknown = [s for s in wanted if s not in self.services]
        if unknown:
            raise KeyError(f"no API {unknown} in stacks/gcp/apis.py APIS")
        return pulumi.ResourceOptions(depends_on=[self.services[s] for s in wanted])
