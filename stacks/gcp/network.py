"""GCP network tier: custom VPC, app and data subnets, Cloud NAT, and the firewall rules.

No VM has an external address: outbound traffic leaves through Cloud Router + Cloud NAT.
Ingress is allowed only where a rule below says so (the VPC denies the rest):

* the app's serving port from Google's load-balancer and health-check ranges;
* SSH only from Identity-Aware Proxy TCP forwarding (Ansible goes through IAP);
* PostgreSQL, Redis and OpenSearch only from VMs tagged as the app tier, plus
  OpenSearch node-to-node traffic inside the search cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import GcpConfig
from stacks.gcp.vm import network_tag

#: Google Front End / health-check source ranges of external HTTP(S) load balancers.
LB_RANGES = ("130.211.0.0/22", "35.191.0.0/16")
#: Identity-Aware Proxy TCP forwarding range.
IAP_RANGE = "35.235.240.0/20"
POSTGRES_PORT = 5432
REDIS_PORT = 6379
ES_HTTP_PORT = 9200
ES_TRANSPORT_PORT = 9300
ROLES = ("app", "db", "cache", "search")


@dataclass
class PrivateVpc:
    vpc: gcp.compute.Network
    subnets: dict[str, gcp.compute.Subnetwork]
    router: gcp.compute.Router
    nat: gcp.compute.RouterNat


def private_vpc(
    tier: Tier,
    name: str,
    cfg: GcpConfig,
    description: str,
    subnets: dict[str, str],
    *,
    flow_logs: bool = True,
    bgp_asn: int | None = None,
) -> PrivateVpc:
    """A custom-mode VPC whose VMs have no external address: its subnets (``<name>-<suffix>`` by
    CIDR), a Cloud Router (with BGP when ``bgp_asn`` is given) and Cloud NAT for outbound traffic."""
    vpc = gcp.compute.Network(
        f"{name}-vpc",
        auto_create_subnetworks=False,
        routing_mode="REGIONAL",
        description=description,
        opts=tier.child(),
    )
    made = {
        suffix: gcp.compute.Subnetwork(
            f"{name}-{suffix}",
            network=vpc.id,
            region=cfg.region,
            ip_cidr_range=cidr,
            private_ip_google_access=True,
            log_config={"aggregation_interval": "INTERVAL_5_MIN", "flow_sampling": 0.5} if flow_logs else None,
            opts=tier.child(),
        )
        for suffix, cidr in subnets.items()
    }
    bgp = gcp.compute.RouterBgpArgs(asn=bgp_asn, advertise_mode="DEFAULT") if bgp_asn is not None else None
    router = gcp.compute.Router(f"{name}-router", network=vpc.id, region=cfg.region, bgp=bgp, opts=tier.child())
    nat = gcp.compute.RouterNat(
        f"{name}-nat",
        router=router.name,
        region=cfg.region,
        nat_ip_allocate_option="AUTO_ONLY",
        source_subnetwork_ip_ranges_to_nat="ALL_SUBNETWORKS_ALL_IP_RANGES",
        log_config={"enable": True, "filter": "ERRORS_ONLY"},
        opts=tier.child(),
    )
    return PrivateVpc(vpc, made, router, nat)


def deny_rest(tier: Tier, name: str, vpc: gcp.compute.Network) -> gcp.compute.Firewall:
    """The last ingress rule of a VPC: deny (and log) whatever no rule above allowed."""
    return gcp.compute.Firewall(
        f"{name}-deny-rest",
        network=vpc.id,
        direction="INGRESS",
        priority=65000,
        denies=[{"protocol": "all"}],
        source_ranges=["0.0.0.0/0"],
        log_config={"metadata": "INCLUDE_ALL_METADATA"},
        opts=tier.child(),
    )


class Network(Tier):
    TYPE = "kaleo:gcp:Network"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        net = private_vpc(
            self,
            name,
            cfg,
            f"Kaleo failover network ({cfg.stack})",
            {"app": cfg.app_cidr, "data": cfg.data_cidr},
        )
        self.vpc, self.router, self.nat = net.vpc, net.router, net.nat
        self.app_subnet, self.data_subnet = net.subnets["app"], net.subnets["data"]
        self.rules = [
            self._rule(f"{name}-lb-to-app", [str(cfg.app_port)], ["app"], source_ranges=list(LB_RANGES)),
            self._rule(f"{name}-iap-ssh", ["22"], list(ROLES), source_ranges=[IAP_RANGE]),
            self._rule(f"{name}-app-to-db", [str(POSTGRES_PORT)], ["db"], source_roles=["app"]),
            self._rule(f"{name}-app-to-cache", [str(REDIS_PORT)], ["cache"], source_roles=["app"]),
            self._rule(f"{name}-app-to-search", [str(ES_HTTP_PORT)], ["search"], source_roles=["app"]),
            self._rule(
                f"{name}-search-cluster",
                [str(ES_HTTP_PORT), str(ES_TRANSPORT_PORT)],
                ["search"],
                source_roles=["search"],
            ),
        ]
        self.done({"network": self.vpc.id})

    def _rule(
        self,
        name: str,
        ports: list[str],
        target_roles: list[str],
        *,
        source_ranges: list[str] | None = None,
        source_roles: list[str] | None = None,
    ) -> gcp.compute.Firewall:
        return gcp.compute.Firewall(
            name,
            network=self.vpc.id,
            direction="INGRESS",
            allows=[{"protocol": "tcp", "ports": ports}],
            source_ranges=source_ranges,
            source_tags=[network_tag(r) for r in source_roles] if source_roles else None,
            target_tags=[network_tag(r) for r in target_roles],
            log_config={"metadata": "INCLUDE_ALL_METADATA"},
            opts=self.child(),
        )
