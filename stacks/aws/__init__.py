"""The AWS production stack: one module per tier, each a ComponentResource."""

from __future__ import annotations

from typing import Any

from stacks.aws.network import Network
from stacks.config import AwsConfig


def build(cfg: AwsConfig) -> dict[str, Any]:
    network = Network("kaleo", cfg)
    return {"vpcId": network.vpc.id}
