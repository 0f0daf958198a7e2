"""GCP app tier: instance template + regional managed instance group behind a global HTTPS LB.

The template is Debian 12 with Shielded VM and OS Login, no external address and a
dedicated service account (logs, metrics, its own secrets, the release bucket and the
object buckets, no more). Every VM the group adds configures itself at boot: the template's
``startup-script`` fetches the pinned bundle and release and runs the app role locally
(``vm.boot_metadata``); the endpoints of the data tiers and the names of the object buckets
are in the template metadata. The group spreads over the zones and auto-heals on nginx's own
path (``gcpAppConvergedPath``, answered once the boot has converged) after
``gcpAppBootSeconds``: a VM waiting for the database restore is never recreated. The load
balancer checks the app's health path. The group is sized by an autoscaler between ``gcpAppInstances`` and
``gcpAppMaxInstances`` (CPU target 60 %). The global external Application Load Balancer terminates TLS with
the Certificate Manager map of the standby stack (``kaleo:gcpCertificateMap``, see
``certificates.py``): the certificate for ``kaleo:gcpDomains`` is already ACTIVE when this
stack is built. Plain HTTP on the same address is redirected to HTTPS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.certificates import map_resource
from stacks.gcp.network import Network
from stacks.gcp.secrets import Secrets

ROLE = "app"
#: Secrets the app reads (the HMAC key of the object buckets is added by the storage tier).
APP_SECRETS = ("app-secret-key", "db-password", "redis-password", "search-password")
#: The HMAC key of the object buckets (id and secret), created by storage.ObjectAccess.
HMAC_SECRETS = {
    "kaleo-s3-hmac-access-id-secret": "storage-hmac-access-id",
    "kaleo-s3-hmac-secret": "storage-hmac-secret",
}


@dataclass(frozen=True)
class DataEndpoints:
    """Private addresses of the data tiers, written into the app template metadata."""

    db_host: pulumi.Input[str]
    redis_host: pulumi.Input[str]
    search_hosts: pulumi.Input[str]
    db_ca_cert: pulumi.Input[str] | None = None  # the CA certificate of the database at db_host (public)


class App(Tier):
    TYPE = "kaleo:gcp:App"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        network: Network,
        secrets: Secrets,
        endpoints: DataEndpoints,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        tier_labels = labels(cfg.stack, ROLE)
        self.account = vm.service_account(self, name, cfg, ROLE)
        keys = list(dict.fromkeys((*APP_SECRETS, *secrets.synced_for("app"))))
        for key in keys:
            secrets.grant(self, name, key, vm.member(self.account))
        self.template = gcp.compute.InstanceTemplate(
            f"{name}-template",
            name_prefix=f"kaleo-{cfg.stack}-app-",
            machine_type=cfg.app_machine_type,
            disks=[
                {
                    "source_image": cfg.image,
                    "disk_size_gb": cfg.app_disk_gb,
                    "disk_type": "pd-balanced",
                    "boot": True,
                    "auto_delete": True,
                    "labels": tier_labels,
                }
            ],
            network_interfaces=[{"subnetwork": network.app_subnet.id}],
            service_account={"email": self.account.email, "scopes": ["cloud-platform"]},
            shielded_instance_config=vm.SHIELDED,
            metadata=vm.metadata(
                vm.boot_metadata(cfg, ROLE)
                | {f"kaleo-{key}-secret": secrets.secret_id(key) for key in keys}
                | {meta: secrets.secret_id(key) for meta, key in HMAC_SECRETS.items()}
                | {
                    "kaleo-app-port": str(cfg.app_port),
                    "kaleo-release-version": cfg.release_version,
                    "kaleo-release-sha256": cfg.release_sha256,
                    "kaleo-s3-endpoint": "https://storage.googleapis.com",
                    "kaleo-buckets": json.dumps(cfg.bucket_names, sort_keys=True),
                    "kaleo-db-host": endpoints.db_host,
                    "kaleo-db-name": cfg.db_name,
                    "kaleo-db-user": cfg.db_username,
                    "kaleo-redis-host": endpoints.redis_host,
                    "kaleo-search-hosts": endpoints.search_hosts,
                }
                # the database server's CA certificate (public, not a secret): the app verifies the server
                | ({"kaleo-db-ca-cert": endpoints.db_ca_cert} if endpoints.db_ca_cert is not None else {})
            ),
            tags=[vm.network_tag(ROLE)],
            labels=tier_labels,
            opts=self.child(),
        )
        self.health_check = gcp.compute.HealthCheck(
            f"{name}-health",
            check_interval_sec=10,
            timeout_sec=5,
            healthy_threshold=2,
            unhealthy_threshold=3,
            http_health_check={"port": cfg.app_port, "request_path": cfg.app_health_check_path},
            opts=self.child(),
        )
        # Auto-healing asks nginx's own path: it answers once the boot has converged (the app
        # role configures nginx last), whether or not the database is restored yet.
        self.converged_check = gcp.compute.HealthCheck(
            f"{name}-converged",
            check_interval_sec=10,
            timeout_sec=5,
            healthy_threshold=2,
            unhealthy_threshold=3,
            http_health_check={"port": cfg.app_port, "request_path": cfg.app_converged_path},
            opts=self.child(),
        )
        self.group = gcp.compute.RegionInstanceGroupManager(
            f"{name}-group",
            base_instance_name=f"kaleo-{cfg.stack}-app",
            region=cfg.region,
            distribution_policy_zones=cfg.zones,
            versions=[{"name": "primary", "instance_template": self.template.id}],
            # no target_size: the autoscaler below owns the size
            named_ports=[{"name": "http", "port": cfg.app_port}],
            auto_healing_policies={
                "health_check": self.converged_check.id,
                "initial_delay_sec": cfg.app_boot_seconds,
            },
            update_policy={
                "type": "PROACTIVE",
                "minimal_action": "REPLACE",
                "max_surge_fixed": len(cfg.zones),
                "max_unavailable_fixed": 0,
            },
            wait_for_instances=False,
            opts=self.child(),
        )
        self.autoscaler = gcp.compute.RegionAutoscaler(
            f"{name}-autoscaler",
            region=cfg.region,
            target=self.group.id,
            autoscaling_policy={
                "min_replicas": cfg.app_instances,
                "max_replicas": cfg.app_max_instances,
                "cooldown_period": 120,
                "cpu_utilization": {"target": 0.6},
            },
            opts=self.child(),
        )
        self.backend = gcp.compute.BackendService(
            f"{name}-backend",
            protocol="HTTP",
            port_name="http",
            load_balancing_scheme="EXTERNAL_MANAGED",
            timeout_sec=30,
            health_checks=self.health_check.id,
            backends=[{"group": self.group.instance_group, "balancing_mode": "UTILIZATION", "capacity_scaler": 1.0}],
            log_config={"enable": True, "sample_rate": 1.0},
            opts=self.child(),
        )
        self.address = gcp.compute.GlobalAddress(f"{name}-ip", labels=tier_labels, opts=self.child())
        self.ssl_policy = gcp.compute.SSLPolicy(
            f"{name}-tls", min_tls_version="TLS_1_2", profile="MODERN", opts=self.child()
        )
        url_map = gcp.compute.URLMap(f"{name}-urls", default_service=self.backend.id, opts=self.child())
        https_proxy = gcp.compute.TargetHttpsProxy(
            f"{name}-https-proxy",
            url_map=url_map.id,
            certificate_map=map_resource(cfg),
            ssl_policy=self.ssl_policy.id,
            opts=self.child(),
        )
        self.https_rule = gcp.compute.GlobalForwardingRule(
            f"{name}-https",
            target=https_proxy.id,
            ip_address=self.address.address,
            ip_protocol="TCP",
            port_range="443",
            load_balancing_scheme="EXTERNAL_MANAGED",
            labels=tier_labels,
            opts=self.child(),
        )
        redirect_map = gcp.compute.URLMap(
            f"{name}-redirect",
            default_url_redirect={
                "https_redirect": True,
                "strip_query": False,
                "redirect_response_code": "MOVED_PERMANENTLY_DEFAULT",
            },
            opts=self.child(),
        )
        http_proxy = gcp.compute.TargetHttpProxy(f"{name}-http-proxy", url_map=redirect_map.id, opts=self.child())
        self.http_rule = gcp.compute.GlobalForwardingRule(
            f"{name}-http",
            target=http_proxy.id,
            ip_address=self.address.address,
            ip_protocol="TCP",
            port_range="80",
            load_balancing_scheme="EXTERNAL_MANAGED",
            labels=tier_labels,
            opts=self.child(),
        )
        self.done({"address": self.address.address})
