"""Cloud-neutral building blocks shared by the AWS and GCP stacks.

Keep cloud logic in one place: tagging/labelling, the tier component base class and
the capacity vocabulary (tiers) live here, not copied into each cloud's package.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pulumi

APP = "kaleo"
#: The script every Kaleo VM configures itself with at boot: the GCP startup script, the AWS agent's user data.
BOOT_SCRIPT = Path(__file__).resolve().parents[1] / "playbooks" / "boot" / "kaleo-boot.sh"
TIERS = ("app", "db", "cache", "search", "storage", "network", "secrets", "continuity", "watcher")
#: Tiers that hold data: never a public address, reachable only from the app tier.
DATA_ROLES = ("db", "cache", "search", "standby-db")
#: Tiers whose capacity the parity check compares between the clouds (see stacks/instance_types.py).
CAPACITY_ROLES = ("db", "cache", "search", "app", "storage")


def labels(stack: str, role: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The labels (GCP) / tags (AWS) every resource carries; the Ansible inventory keys on them."""
    out = {"app": APP, "role": role, "stack": stack}
    if extra:
        out.update(extra)
    return out


class Tier(pulumi.ComponentResource):
    """Base class of every tier component: children are parented to it via :meth:`child`.

    A tier created with ``depends_on`` (for example the Google APIs it needs, see
    ``stacks/gcp/apis.py``) passes those dependencies on to every child: a component's own
    ``depends_on`` does not delay its children, and an API must be enabled before the first
    resource that uses it is created.
    """

    TYPE = "kaleo:tier:Tier"

    def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(self.TYPE, name, None, opts)
        deps = opts.depends_on if opts is not None else None
        self._inherited: list[pulumi.Resource] = (
            [d for d in deps if isinstance(d, pulumi.Resource)] if isinstance(deps, list) else []
        )

    def child(self, **kwargs: Any) -> pulumi.ResourceOptions:
        """ResourceOptions for a child resource of this tier (with the tier's inherited dependencies)."""
        if self._inherited:
            own = kwargs.pop("depends_on", None) or []
            kwargs["depends_on"] = [*self._inherited, *(own if isinstance(own, list) else [own])]
        return pulumi.ResourceOptions(parent=self, **kwargs)

    def done(self, outputs: Mapping[str, Any]) -> None:
        self.register_outputs(dict(outputs))
