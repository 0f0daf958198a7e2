"""The Kaleo Pulumi program: one package per cloud, one module per tier.

``__main__.py`` calls :func:`build_from_config`; nothing here runs at import time.
"""

from __future__ import annotations

from typing import Any

import pulumi

from stacks.config import load


def build_from_config() -> dict[str, Any]:
    """Read ``kaleo:cloud`` and the stack's typed config, build that cloud's stack, return its outputs."""
    cfg = load(pulumi.Config("kaleo"))
    if cfg.cloud == "aws":
        from stacks import aws

        return aws.build(cfg)  # type: ignore[arg-type]
    from stacks import gcp

    return gcp.build(cfg)  # type: ignore[arg-type]
