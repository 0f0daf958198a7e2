"""The GCP failover stack (VMs). Not built yet: registers no resources."""

from __future__ import annotations

from typing import Any

from stacks.config import GcpConfig


def build(cfg: GcpConfig) -> dict[str, Any]:
    return {}
