"""GCP object storage: the S3 equivalent, reached by the app through the S3 API (HMAC).

The object buckets hold data that must already be outside AWS when AWS is down, so they
belong to the always-on standby stack (:class:`ObjectBuckets`, fed from S3 all year by the
Storage Transfer jobs of ``continuity.py``). The failover stack only grants the app's
service account access to them and creates its HMAC key (:class:`ObjectAccess`), so that
S3-API clients work against the GCS interoperability endpoint
(``https://storage.googleapis.com``) with that key.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.secrets import Secrets

ROLE = "storage"
SOFT_DELETE_SECONDS = 7 * 24 * 3600


def private_bucket(
    tier: Tier, name: str, bucket_name: str, cfg: GcpConfig, extra_labels: dict[str, str], **kwargs: Any
) -> gcp.storage.Bucket:
    """A bucket no one outside the project can read: uniform access, public access prevention enforced."""
    return gcp.storage.Bucket(
        name,
        name=bucket_name,
        location=cfg.region.upper(),
        uniform_bucket_level_access=True,
        public_access_prevention="enforced",
        soft_delete_policy={"retention_duration_seconds": SOFT_DELETE_SECONDS},
        force_destroy=False,
        labels=labels(cfg.stack, ROLE, extra_labels),
        opts=tier.child(),
        **kwargs,
    )


class ObjectBuckets(Tier):
    """The object buckets (one per ``kaleo:gcpBuckets`` entry), versioned, in the standby stack."""

    TYPE = "kaleo:gcp:ObjectBuckets"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        self.buckets: dict[str, gcp.storage.Bucket] = {
            short: private_bucket(
                self,
                f"{name}-{short}",
                full,
                cfg,
                {"bucket": short},
                versioning={"enabled": True},
                lifecycle_rules=[
                    {"action": {"type": "Delete"}, "condition": {"num_newer_versions": 10, "with_state": "ARCHIVED"}}
                ],
            )
            for short, full in cfg.bucket_names.items()
        }
        self.done({"buckets": cfg.bucket_names})


class ObjectAccess(Tier):
    """The failover app's access to the object buckets: bucket IAM and an HMAC key for the S3 API."""

    TYPE = "kaleo:gcp:ObjectAccess"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        app_account: gcp.serviceaccount.Account,
        secrets: Secrets,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        for short, full in cfg.bucket_names.items():
            gcp.storage.BucketIAMMember(
                f"{name}-app-{short}",
                bucket=full,
                role="roles/storage.objectAdmin",
                member=vm.member(app_account),
                opts=self.child(),
            )
        self.hmac = gcp.storage.HmacKey(f"{name}-hmac", service_account_email=app_account.email, opts=self.child())
        # Both halves of the key go to Secret Manager: the VM reads them at boot like any secret.
        secrets.add("storage-hmac-access-id", "app", self.hmac.access_id)
        secrets.add("storage-hmac-secret", "app", self.hmac.secret)
        for key in ("storage-hmac-access-id", "storage-hmac-secret"):
            secrets.grant(self, name, key, vm.member(app_account))
        self.done({"hmacAccessId": self.hmac.access_id})
