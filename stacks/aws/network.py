"""AWS network tier: a VPC over the configured availability zones, public and private
subnets, an internet gateway, NAT gateway(s) with Elastic IPs and the route tables.

Zones and CIDRs come from config (no lookups), so the program plans offline.
Public subnets hold only the load balancer and the NAT gateways; everything else
lives in the private subnets.
"""

from __future__ import annotations

import ipaddress

import pulumi
import pulumi_aws as aws

from stacks.common import Tier, labels
from stacks.config import AwsConfig

#: private subnets start at this slice of the VPC block, public ones at 0
PRIVATE_OFFSET = 8


def subnet_cidrs(vpc_cidr: str, zones: int) -> tuple[list[str], list[str]]:
    """(public, private) CIDRs: /prefix+4 slices of the VPC block, one of each per zone."""
    net = ipaddress.ip_network(vpc_cidr)
    slices = list(net.subnets(prefixlen_diff=4))
    if zones > PRIVATE_OFFSET:
        raise ValueError(f"at most {PRIVATE_OFFSET} zones fit the subnet plan, got {zones}")
    public = [str(s) for s in slices[:zones]]
    private = [str(s) for s in slices[PRIVATE_OFFSET : PRIVATE_OFFSET + zones]]
    return public, private


class Network(Tier):
    TYPE = "kaleo:aws:Network"

    def __init__(self, name: str, cfg: AwsConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-network")

        def tags(label: str, **extra: str) -> dict[str, str]:
            return labels(cfg.stack, "network", {"Name": f"{prefix}-{label}", **extra})

        self.vpc = aws.ec2.Vpc(
            f"{prefix}-vpc",
            cidr_block=cfg.vpc_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags=tags("vpc"),
            opts=self.child(),
        )
        # The default security group allows all traffic between its members: strip its rules.
        aws.ec2.DefaultSecurityGroup(
            f"{prefix}-default-sg", vpc_id=self.vpc.id, tags=tags("default-sg-locked"), opts=self.child()
        )
        igw = aws.ec2.InternetGateway(f"{prefix}-igw", vpc_id=self.vpc.id, tags=tags("igw"), opts=self.child())

        public_cidrs, private_cidrs = subnet_cidrs(cfg.vpc_cidr, len(cfg.azs))
        self.public_subnets: list[aws.ec2.Subnet] = []
        self.private_subnets: list[aws.ec2.Subnet] = []
        for az, pub, priv in zip(cfg.azs, public_cidrs, private_cidrs, strict=True):
            self.public_subnets.append(
                aws.ec2.Subnet(
                    f"{prefix}-public-{az}",
                    vpc_id=self.vpc.id,
                    cidr_block=pub,
                    availability_zone=az,
                    map_public_ip_on_launch=False,
                    tags=tags(f"public-{az}", tier="public"),
                    opts=self.child(),
                )
            )
            self.private_subnets.append(
                aws.ec2.Subnet(
                    f"{prefix}-private-{az}",
                    vpc_id=self.vpc.id,
                    cidr_block=priv,
                    availability_zone=az,
                    map_public_ip_on_launch=False,
                    tags=tags(f"private-{az}", tier="private"),
                    opts=self.child(),
                )
            )

        public_rt = aws.ec2.RouteTable(
            f"{prefix}-public-rt",
            vpc_id=self.vpc.id,
            routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", gateway_id=igw.id)],
            tags=tags("public-rt"),
            opts=self.child(),
        )
        for az, subnet in zip(cfg.azs, self.public_subnets, strict=True):
            aws.ec2.RouteTableAssociation(
                f"{prefix}-public-rta-{az}", subnet_id=subnet.id, route_table_id=public_rt.id, opts=self.child()
            )

        # One NAT gateway per zone (a zone outage leaves the others egress) or one shared.
        nat_zones = cfg.azs if cfg.nat_per_az else cfg.azs[:1]
        self.nat_gateways: list[aws.ec2.NatGateway] = []
        for az, subnet in zip(nat_zones, self.public_subnets, strict=False):
            eip = aws.ec2.Eip(f"{prefix}-nat-eip-{az}", domain="vpc", tags=tags(f"nat-eip-{az}"), opts=self.child())
            self.nat_gateways.append(
                aws.ec2.NatGateway(
                    f"{prefix}-nat-{az}",
                    allocation_id=eip.id,
                    subnet_id=subnet.id,
                    connectivity_type="public",
                    tags=tags(f"nat-{az}"),
                    opts=self.child(depends_on=[igw]),
                )
            )
        self.private_route_tables: list[aws.ec2.RouteTable] = []
        for i, (az, subnet) in enumerate(zip(cfg.azs, self.private_subnets, strict=True)):
            nat = self.nat_gateways[i if cfg.nat_per_az else 0]
            rt = aws.ec2.RouteTable(
                f"{prefix}-private-rt-{az}",
                vpc_id=self.vpc.id,
                routes=[aws.ec2.RouteTableRouteArgs(cidr_block="0.0.0.0/0", nat_gateway_id=nat.id)],
                tags=tags(f"private-rt-{az}"),
                opts=self.child(),
            )
            self.private_route_tables.append(rt)
            aws.ec2.RouteTableAssociation(
                f"{prefix}-private-rta-{az}", subnet_id=subnet.id, route_table_id=rt.id, opts=self.child()
            )

        self.done(
            {
                "vpcId": self.vpc.id,
                "publicSubnetIds": [s.id for s in self.public_subnets],
                "privateSubnetIds": [s.id for s in self.private_subnets],
            }
        )
