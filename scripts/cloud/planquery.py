"""Small queries over planned (or policy-checked) resources, shared by parity and policy.

A resource here is anything with ``.type``, ``.name`` and ``.inputs`` (engine camelCase
keys), as ``scripts.cloud.plan.PlannedResource`` and the policy pack's adapter provide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class ResourceLike(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def inputs(self) -> Mapping[str, Any]: ...


def tag(resource: ResourceLike, key: str) -> str | None:
    """The AWS tag or GCP label ``key`` of a resource (None when it has none)."""
    for field_name in ("labels", "tags"):
        tags = resource.inputs.get(field_name)
        if isinstance(tags, Mapping) and key in tags:
            return str(tags[key])
        if isinstance(tags, list):  # auto scaling group tags: [{key, value}]; GCP network tags: [str]
            for item in tags:
                if isinstance(item, Mapping) and item.get("key") == key:
                    return str(item.get("value"))
    return None


def refers_to(ref: Any, target: ResourceLike) -> bool:
    """Does an input value (an id, a name or a self link) point at ``target``?

    Offline plans give every resource the id ``<name>-id``; a real deployment gives names
    and self links ending in ``/<name>``.
    """
    if not isinstance(ref, str):
        return False
    names = {target.name, f"{target.name}-id", str(target.inputs.get("name") or "")} - {""}
    return ref in names or any(ref.endswith(f"/{n}") for n in names)


def number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
