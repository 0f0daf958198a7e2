"""AWS side of the HA VPN to the GCP standby network (see ``stacks/standby_link.py``).

Built when ``kaleo:standbyVpn`` is on: a virtual private gateway attached to the VPC, one
customer gateway per GCP HA VPN interface, one site-to-site VPN connection (two tunnels,
BGP, IKEv2, the shared pre-shared key, the agreed inside addresses) per customer gateway,
route propagation into the private route tables (where RDS lives), and one ingress rule on
the database security group: PostgreSQL from the GCP standby subnet only. The replication
itself is TLS that verifies the RDS certificate, inside IPsec.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from stacks.aws.database import DB_PORT
from stacks.common import Tier, labels
from stacks.config import AwsConfig
from stacks.standby_link import INSIDE_CIDRS, shared_secret


class StandbyVpn(Tier):
    TYPE = "kaleo:aws:StandbyVpn"

    def __init__(
        self,
        name: str,
        cfg: AwsConfig,
        *,
        vpc_id: pulumi.Input[str],
        private_route_table_ids: Sequence[pulumi.Input[str]],
        db_security_group_id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        tags = labels(cfg.stack, "network", {"Name": name})
        secret = shared_secret("standbyVpnSharedSecret", cfg.stack)
        self.gateway = aws.ec2.VpnGateway(
            f"{name}-vgw", vpc_id=vpc_id, amazon_side_asn=str(cfg.standby_aws_asn), tags=tags, opts=self.child()
        )
        self.connections: list[aws.ec2.VpnConnection] = []
        for i, ip in enumerate(cfg.standby_gcp_vpn_ips):
            customer = aws.ec2.CustomerGateway(
                f"{name}-gcp-{i}",
                bgp_asn=str(cfg.standby_gcp_asn),
                ip_address=ip,
                type="ipsec.1",
                tags=labels(cfg.stack, "network", {"Name": f"{name}-gcp-{i}"}),
                opts=self.child(),
            )
            self.connections.append(
                aws.ec2.VpnConnection(
                    f"{name}-{i}",
                    vpn_gateway_id=self.gateway.id,
                    customer_gateway_id=customer.id,
                    type="ipsec.1",
                    static_routes_only=False,
                    tunnel1_inside_cidr=INSIDE_CIDRS[2 * i],
                    tunnel2_inside_cidr=INSIDE_CIDRS[2 * i + 1],
                    tunnel1_preshared_key=secret,
                    tunnel2_preshared_key=secret,
                    tunnel1_ike_versions=["ikev2"],
                    tunnel2_ike_versions=["ikev2"],
                    tags=labels(cfg.stack, "network", {"Name": f"{name}-{i}"}),
                    opts=self.child(),
                )
            )
        for i, rt in enumerate(private_route_table_ids):
            aws.ec2.VpnGatewayRoutePropagation(
                f"{name}-propagate-{i}", vpn_gateway_id=self.gateway.id, route_table_id=rt, opts=self.child()
            )
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-db-in-standby",
            security_group_id=db_security_group_id,
            ip_protocol="tcp",
            from_port=DB_PORT,
            to_port=DB_PORT,
            cidr_ipv4=cfg.standby_cidr,
            description="PostgreSQL replication from the GCP standby subnet over the VPN",
            tags=labels(cfg.stack, "network", {"Name": f"{name}-db-in-standby"}),
            opts=self.child(),
        )
        #: the four AWS tunnel addresses, in the order of stacks/standby_link.py (for gcpStandbyAwsTunnelIps)
        self.tunnel_ips: list[pulumi.Output[str]] = [
            ip for c in self.connections for ip in (c.tunnel1_address, c.tunnel2_address)
        ]
        self.done({"gateway": self.gateway.id})
