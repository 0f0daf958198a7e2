"""The failover app's path to the promoted standby database: VPC peering and one firewall rule.

The standby DB VM lives in its own VPC (``standby_db.py``, up all year, joined to AWS by HA
VPN); the failover stack's app VMs live in the failover VPC (``network.py``), built after the
disaster is declared. After ``kaleo-dr standby promote`` the app must reach the standby on
5432, so when ``kaleo:gcpStandbyStack`` names the standby stack, the failover stack builds:

* **VPC network peering in both directions** (failover -> standby, standby -> failover; Google
  makes a peering active only once both halves exist). Only subnet routes are exchanged: the
  standby VPC's BGP routes to AWS stay there (``import/exportCustomRoutes`` off), and the
  standby's Cloud Router advertises its own subnet only, so AWS never learns the failover ranges;
* **one ingress rule on the standby network**: TCP 5432 from the failover app subnet
  (``gcpAppCidr``) to the standby DB VM's tag, logged. Nothing else is opened: SSH stays IAP
  only, and the standby's deny-the-rest rule stays last. A peered network's tags are not
  visible across the peering, so the source is the app subnet's range.

Who owns what: the failover stack owns both halves and the rule. The path then exists exactly
while the failover environment does (``failback teardown`` removes it, and the standby VPC is
left as it was all year), and the standby stack needs no knowledge of a network that does not
exist until the outage. Both networks are in the same project, so the deploying identity needs
``compute.networks.addPeering`` on the standby VPC it already manages; the Compute Engine API
is enabled by both stacks (``apis.py``).

Why peering and not the failover stack inside the standby VPC: the standby VPC already has a
Cloud Router with NAT for every subnet and a deny-the-rest rule tuned for one VM; putting the
app, cache and search tiers there would mix the failover firewall with the all-year VPN path
to production, and a failover built without a standby (or after the standby was dropped)
would need a second code path. Peering keeps one failover network and adds a link.

How the failover stack learns the standby network: a ``StackReference`` to the standby stack's
outputs ``standbyNetwork`` (the VPC), ``standbyCidr``, ``standbyDbIp`` and ``standbyDbTag``.
The state backend is a ``gs://`` bucket or Pulumi Cloud (``pulumi.backend_url``), never
inside AWS, so the outputs are readable during the outage. Ranges must not overlap (peering
refuses it): ``GcpConfig.validate`` compares ``gcpAppCidr``/``gcpDataCidr`` with
``gcpStandbyCidr`` before anything runs, and the deployment compares them with the standby's
actual ``standbyCidr`` before the peering is created.

Which database the app uses: ``kaleo:gcpDbSource`` (``restore``: the failover DB VM;
``standby``: the promoted standby, its address from ``standbyDbIp``). ``kaleo-dr failover``
sets it on the stack before ``pulumi up`` from its promote-or-restore decision, so the app
template's ``kaleo-db-host`` (read at every boot, also by VMs the autoscaler adds later)
points at the database that holds the data. It stays set in the stack config: a later
``pulumi up`` keeps the app on the promoted standby.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import ConfigError, GcpConfig
from stacks.gcp.network import POSTGRES_PORT, Network

#: the standby stack's outputs the failover stack reads
OUTPUTS = ("standbyNetwork", "standbyCidr", "standbyDbIp", "standbyDbTag", "standbyDbCaCert")


def reference_name(cfg: GcpConfig) -> str:
    """``organization/<project>/<stack>`` for a plain stack name; a qualified name as given."""
    if "/" in cfg.standby_stack:
        return cfg.standby_stack
    return f"{pulumi.get_organization()}/{pulumi.get_project()}/{cfg.standby_stack}"


@dataclass(frozen=True)
class StandbyOutputs:
    network: pulumi.Output[str]
    cidr: pulumi.Output[str]
    db_ip: pulumi.Output[str]
    db_tag: pulumi.Output[str]
    ca_cert: pulumi.Output[str]  # the standby database's CA certificate: the app verifies the promoted standby


def read_standby(cfg: GcpConfig) -> StandbyOutputs:
    ref = pulumi.StackReference(reference_name(cfg))

    def need(key: str) -> pulumi.Output[str]:
        def check(value: object) -> str:
            if not value:
                raise ConfigError(
                    f"stack {cfg.standby_stack} has no output {key}: is kaleo:gcpStandbyDb on there and "
                    f"is it up? (kaleo:gcpStandbyStack in Pulumi.{cfg.stack}.yaml names it)"
                )
            return str(value)

        return ref.get_output(key).apply(check)

    return StandbyOutputs(*(need(key) for key in OUTPUTS))


def distinct_ranges(cfg: GcpConfig, standby_cidr: str) -> str:
    """The standby's actual range, once checked against the failover subnets (peering needs distinct ones)."""
    standby = ipaddress.ip_network(standby_cidr)
    for key, cidr in (("gcpAppCidr", cfg.app_cidr), ("gcpDataCidr", cfg.data_cidr)):
        if ipaddress.ip_network(cidr).overlaps(standby):
            raise ConfigError(
                f"kaleo:{key} ({cidr}) overlaps the standby network {standby_cidr} (stack {cfg.standby_stack}): "
                f"set distinct ranges in Pulumi.{cfg.stack}.yaml"
            )
    return standby_cidr


class StandbyPath(Tier):
    TYPE = "kaleo:gcp:StandbyPath"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        network: Network,
        standby: StandbyOutputs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        # the peering waits for the range check: overlapping ranges stop the deployment before it
        peer = pulumi.Output.all(standby.network, standby.cidr.apply(lambda c: distinct_ranges(cfg, c))).apply(
            lambda values: values[0]
        )
        self.to_standby = gcp.compute.NetworkPeering(
            f"{name}-to-standby",
            network=network.vpc.self_link,
            peer_network=peer,
            export_custom_routes=False,
            import_custom_routes=False,
            opts=self.child(),
        )
        # Google runs one peering operation per network at a time: the second half waits
        self.from_standby = gcp.compute.NetworkPeering(
            f"{name}-from-standby",
            network=peer,
            peer_network=network.vpc.self_link,
            export_custom_routes=False,
            import_custom_routes=False,
            opts=self.child(depends_on=[self.to_standby]),
        )
        self.rule = gcp.compute.Firewall(
            f"{name}-app-to-standby-db",
            network=peer,
            direction="INGRESS",
            priority=1000,
            allows=[{"protocol": "tcp", "ports": [str(POSTGRES_PORT)]}],
            source_ranges=[cfg.app_cidr],
            target_tags=[standby.db_tag],
            description="The failover app subnet to the promoted standby database (PostgreSQL only)",
            log_config={"metadata": "INCLUDE_ALL_METADATA"},
            opts=self.child(),
        )
        self.done({"toStandby": self.to_standby.name, "fromStandby": self.from_standby.name})
