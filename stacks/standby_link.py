"""The HA VPN between the AWS VPC and the GCP standby network, as both stacks must agree on it.

The topology is the one Google documents for AWS: one GCP HA VPN gateway (two interfaces),
two AWS customer gateways (one per GCP interface), two AWS site-to-site VPN connections
of two tunnels each: four IPsec tunnels, each with a BGP session between a Cloud Router
and the AWS virtual private gateway. Any one tunnel carries the replication.

Each tunnel ``i`` uses the link-local block :data:`INSIDE_CIDRS` ``[i]``: the AWS side takes
its first address, the Cloud Router its second. GCP HA VPN interface ``i // 2`` faces AWS
VPN connection ``i // 2``; its tunnels are that connection's tunnel 1 and 2 (external VPN
gateway interfaces ``i``). The pre-shared key is a Pulumi secret set in both stacks
(``kaleo:standbyVpnSharedSecret`` in aws, ``kaleo:gcpStandbyVpnSharedSecret`` in gcp-standby).

Bring-up order: ``gcp-standby`` (HA VPN gateway: its two addresses are the output
``standbyVpnInterfaceIps``) -> ``aws`` with ``kaleo:standbyGcpVpnIps`` (its output
``standbyVpnTunnelIps`` lists the four AWS tunnel addresses) -> ``gcp-standby`` again with
``kaleo:gcpStandbyAwsTunnelIps``: the tunnels and BGP sessions come up.
"""

from __future__ import annotations

import ipaddress

import pulumi

from stacks.config import ConfigError, offline_plan

TUNNELS = 4
INSIDE_CIDRS = ("169.254.21.0/30", "169.254.21.4/30", "169.254.21.8/30", "169.254.21.12/30")
SECRET_PLACEHOLDER = "offline-plan-vpn-secret"


def aws_inside_ip(tunnel: int) -> str:
    return str(ipaddress.ip_network(INSIDE_CIDRS[tunnel])[1])


def gcp_inside_ip(tunnel: int) -> str:
    return str(ipaddress.ip_network(INSIDE_CIDRS[tunnel])[2])


def shared_secret(key: str, stack: str) -> pulumi.Output[str]:
    """The tunnels' pre-shared key (a Pulumi secret); required once the VPN is on."""
    value = pulumi.Config("kaleo").get_secret(key)
    if value is not None:
        return value
    if offline_plan():
        return pulumi.Output.secret(SECRET_PLACEHOLDER)
    raise ConfigError(f"kaleo:{key} is not set: pulumi config set --secret kaleo:{key} ... --stack {stack}")
