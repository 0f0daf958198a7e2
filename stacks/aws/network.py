"""AWS network tier: VPC across availability zones, public and private subnets, NAT."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from stacks.common import Tier, labels
from stacks.config import AwsConfig


class Network(Tier):
    TYPE = "kaleo:aws:Network"

    def __init__(self, name: str, cfg: AwsConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        tags = labels(cfg.stack, "network")
        self.vpc = aws.ec2.Vpc(
            f"{name}-vpc",
            cidr_block=cfg.vpc_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags=tags,
            opts=self.child(),
        )
        self.done({"vpcId": self.vpc.id})
