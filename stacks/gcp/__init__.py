"""The GCP failover stack (VMs) and its always-on standby part, one module per tier.

``kaleo:gcpMode`` chooses what the program builds:

* ``failover`` (``Pulumi.gcp.yaml``): network, secrets, app, database, cache, search and
  the app's access to the object buckets: the whole of Kaleo on Compute Engine; with
  ``kaleo:gcpStandbyStack``, the path to the standby database (``standby_path.py``) and,
  with ``kaleo:gcpDbSource: standby``, the app on the promoted standby;
* ``standby`` (``Pulumi.gcp-standby.yaml``): only the continuity resources, up all year
  (dump bucket, object buckets and the search snapshot bucket fed from S3, transfer jobs,
  the release bucket every VM boots from, backup writer account, synced secrets, the load
  balancer certificate and its map, the operators' roles).

Both enable the Google APIs they use (``apis.py``); every tier depends on its APIs.
"""

from __future__ import annotations

from typing import Any

import pulumi

from stacks.config import GcpConfig
from stacks.gcp.agent_identity import AgentIdentity
from stacks.gcp.apis import Apis
from stacks.gcp.app import App, DataEndpoints
from stacks.gcp.cache import Cache
from stacks.gcp.certificates import Certificates
from stacks.gcp.continuity import Continuity
from stacks.gcp.database import Database
from stacks.gcp.network import Network
from stacks.gcp.operators import Operators
from stacks.gcp.search import Search
from stacks.gcp.secrets import Secrets
from stacks.gcp.standby_db import StandbyDatabase
from stacks.gcp.standby_path import StandbyPath, read_standby
from stacks.gcp.storage import ObjectAccess
from stacks.gcp.vm import network_tag
from stacks.gcp.watcher import Watcher


def _private_ip(instance: Any) -> pulumi.Output[str]:
    return instance.network_interfaces.apply(lambda nics: nics[0].network_ip if nics else None)


def build_standby(cfg: GcpConfig) -> dict[str, Any]:
    apis = Apis("kaleo-apis", cfg)
    continuity = Continuity("kaleo", cfg, opts=apis.needs("storage", "storagetransfer", "secretmanager"))
    certificates = Certificates("kaleo-tls", cfg, opts=apis.needs("certificatemanager"))
    Operators("kaleo-operators", cfg, opts=apis.needs("iap", "oslogin", "compute"))
    extra: dict[str, Any] = {}
    if cfg.standby_db:
        standby_db = StandbyDatabase(
            "kaleo-standby-db", cfg, continuity.synced_secrets, opts=apis.needs("compute", "secretmanager")
        )
        extra = {
            "standbyDbInstance": standby_db.instance.name,
            "standbyDbIp": _private_ip(standby_db.instance),
            # read by the failover stack (kaleo:gcpStandbyStack): its peering and firewall rule
            "standbyNetwork": standby_db.vpc.self_link,
            "standbyCidr": cfg.standby_cidr,
            "standbyDbTag": network_tag(standby_db.ROLE),
            "standbyDbCaCert": standby_db.ca_cert,
            # the aws stack's kaleo:standbyGcpVpnIps
            "standbyVpnInterfaceIps": standby_db.interface_ips(),
            "standbyVpnTunnels": [t.name for t in standby_db.tunnels],
        }
    if cfg.watcher:
        watcher = Watcher(
            "kaleo-watcher",
            cfg,
            dump_bucket=continuity.dump_bucket,
            read_buckets=[
                continuity.release_bucket.name,
                continuity.search_snapshots.name,
                *[b.name for b in continuity.objects.buckets.values()],
            ],
            opts=apis.needs("compute", "storage", "secretmanager"),
        )
        extra["watcherInstance"] = watcher.instance.name
        extra["watcherAccount"] = watcher.account.email
    if cfg.agent_identity:
        identity = AgentIdentity(
            "kaleo-agent-identity",
            cfg,
            dump_bucket=continuity.dump_bucket.name,
            synced_secrets=continuity.synced_secrets,
            opts=apis.needs("iam", "sts", "iamcredentials", "storage", "secretmanager"),
        )
        # the continuity_agent role's continuity_agent_gcp_workload_provider and continuity_agent_gcp_account
        extra["agentAccount"] = identity.account.email
        extra["agentWorkloadProvider"] = identity.provider.name
    return {
        **extra,
        "mode": cfg.mode,
        "dumpBucket": continuity.dump_bucket.name,
        "buckets": {short: bucket.name for short, bucket in continuity.objects.buckets.items()},
        "transferJobs": {short: job.name for short, job in continuity.transfers.items()},
        "backupWriter": continuity.backup_writer.email,
        "backupHmacAccessId": continuity.backup_hmac.access_id,
        "releaseBucket": continuity.release_bucket.name,
        "searchSnapshotBucket": continuity.search_snapshots.name,
        "secretIds": {"backup-hmac-secret": continuity.backup_hmac_secret.secret_id},
        "syncedSecretIds": {key: secret.secret_id for key, secret in continuity.synced_secrets.items()},
        # the AWS stack's kaleo:gcsTransferSubjectId (trust policy of the read-only S3 role)
        "transferAgentSubjectId": continuity.transfer_agent.subject_id,
        "transferAgentEmail": continuity.transfer_agent.email,
        "certificate": certificates.certificate.name,
        "certificateMap": certificates.map.name,
        # create once in the DNS zone (DNS only, not proxied): `kaleo-dr cutover --tls-records`
        "dnsAuthorizationRecords": certificates.records(),
        "apis": sorted(apis.services),
    }


def build_failover(cfg: GcpConfig) -> dict[str, Any]:
    apis = Apis("kaleo-apis", cfg)
    compute = apis.needs("compute", "secretmanager")
    network = Network("kaleo", cfg, opts=apis.needs("compute"))
    secrets = Secrets("kaleo", cfg, opts=apis.needs("secretmanager"))
    database = Database("kaleo-db", cfg, network, secrets, opts=compute)
    cache = Cache("kaleo-cache", cfg, network, secrets, opts=compute)
    search = Search("kaleo-search", cfg, network, secrets, opts=compute)
    extra: dict[str, Any] = {}
    db_host = _private_ip(database.instance)
    db_ca_cert: pulumi.Input[str] | None = secrets.ca_certs.get("db-ca")
    if cfg.standby_stack:
        standby = read_standby(cfg)
        path = StandbyPath("kaleo-standby-path", cfg, network, standby, opts=apis.needs("compute"))
        extra["standbyPeering"] = [path.to_standby.name, path.from_standby.name]
        extra["standbyDbIp"] = standby.db_ip
        if cfg.db_source == "standby":
            db_host = standby.db_ip
            db_ca_cert = standby.ca_cert  # the promoted standby's certificate comes from its own CA
    # The app VMs find the data tiers by the private addresses written in their template metadata.
    endpoints = DataEndpoints(
        db_host=db_host,
        db_ca_cert=db_ca_cert,
        redis_host=_private_ip(cache.instances[0]),
        search_hosts=pulumi.Output.all(*[_private_ip(vm) for vm in search.instances]).apply(",".join),
    )
    app = App(
        "kaleo-app",
        cfg,
        network,
        secrets,
        endpoints,
        opts=apis.needs("compute", "secretmanager", "certificatemanager"),
    )
    objects = ObjectAccess("kaleo-objects", cfg, app.account, secrets, opts=apis.needs("storage", "secretmanager"))
    instances = {"db": [database.instance], "cache": cache.instances, "search": search.instances}
    return {
        **extra,
        "mode": cfg.mode,
        "dbSource": cfg.db_source,
        "dbHost": db_host,
        "loadBalancerIp": app.address.address,
        "domains": cfg.domains,
        "appInstanceGroup": app.group.name,
        "instances": {role: [vm.name for vm in vms] for role, vms in instances.items()},
        "privateIps": {role: [_private_ip(vm) for vm in vms] for role, vms in instances.items()},
        "buckets": cfg.bucket_names,
        "dumpBucket": cfg.dump_bucket,
        "releaseBucket": cfg.release_bucket,
        "searchSnapshotBucket": cfg.search_snapshot_bucket,
        "searchVersion": cfg.search_version,
        "hmacAccessId": objects.hmac.access_id,
        "secretIds": secrets.secret_ids(),
    }


def build(cfg: GcpConfig) -> dict[str, Any]:
    """Build the GCP stack of ``cfg.mode`` and return its outputs."""
    if cfg.mode == "standby":
        return build_standby(cfg)
    return build_failover(cfg)
