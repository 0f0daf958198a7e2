"""The GCP failover stack (VMs) and its always-on standby part, one module per tier.

``kaleo:gcpMode`` chooses what the program builds:

* ``failover`` (``Pulumi.gcp.yaml``): network, secrets, app, database, cache, search and
  the app's access to the object buckets: the whole of Kaleo on Compute Engine;
* ``standby`` (``Pulumi.gcp-standby.yaml``): only the continuity resources, up all year
  (dump bucket, object buckets fed from S3, transfer jobs, backup writer account).
"""

from __future__ import annotations

from typing import Any

import pulumi

from stacks.config import GcpConfig
from stacks.gcp.app import App
from stacks.gcp.cache import Cache
from stacks.gcp.continuity import Continuity
from stacks.gcp.database import Database
from stacks.gcp.network import Network
from stacks.gcp.search import Search
from stacks.gcp.secrets import Secrets
from stacks.gcp.storage import ObjectAccess


def _private_ip(instance: Any) -> pulumi.Output[str]:
    return instance.network_interfaces.apply(lambda nics: nics[0].network_ip if nics else None)


def build_standby(cfg: GcpConfig) -> dict[str, Any]:
    continuity = Continuity("kaleo", cfg)
    return {
        "mode": cfg.mode,
        "dumpBucket": continuity.dump_bucket.name,
        "buckets": {short: bucket.name for short, bucket in continuity.objects.buckets.items()},
        "transferJobs": {short: job.name for short, job in continuity.transfers.items()},
        "backupWriter": continuity.backup_writer.email,
        "backupHmacAccessId": continuity.backup_hmac.access_id,
        "secretIds": {"backup-hmac-secret": continuity.backup_hmac_secret.secret_id},
    }


def build_failover(cfg: GcpConfig) -> dict[str, Any]:
    network = Network("kaleo", cfg)
    secrets = Secrets("kaleo", cfg)
    app = App("kaleo-app", cfg, network, secrets)
    database = Database("kaleo-db", cfg, network, secrets)
    cache = Cache("kaleo-cache", cfg, network, secrets)
    search = Search("kaleo-search", cfg, network, secrets)
    objects = ObjectAccess("kaleo-objects", cfg, app.account, secrets)
    instances = {"db": [database.instance], "cache": cache.instances, "search": search.instances}
    return {
        "mode": cfg.mode,
        "loadBalancerIp": app.address.address,
        "domains": cfg.domains,
        "appInstanceGroup": app.group.name,
        "instances": {role: [vm.name for vm in vms] for role, vms in instances.items()},
        "privateIps": {role: [_private_ip(vm) for vm in vms] for role, vms in instances.items()},
        "buckets": cfg.bucket_names,
        "dumpBucket": cfg.dump_bucket,
        "hmacAccessId": objects.hmac.access_id,
        "secretIds": secrets.secret_ids(),
    }


def build(cfg: GcpConfig) -> dict[str, Any]:
    """Build the GCP stack of ``cfg.mode`` and return its outputs."""
    if cfg.mode == "standby":
        return build_standby(cfg)
    return build_failover(cfg)
