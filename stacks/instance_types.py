"""The instance-type mapping table: capacity of every size the two stacks may use.

A plain data module (no Pulumi import) read by the parity check (``kaleo-dr parity``)
and documented in the README. Each AWS type (EC2, RDS ``db.*``, ElastiCache ``cache.*``,
OpenSearch ``*.search``) and each Compute Engine machine type maps to its vCPU count and
memory in GiB; :data:`EQUIVALENTS` names the smallest Compute Engine type that covers an
AWS type, which is what a GCP stack file should use for that tier.

Sources: the AWS instance type pages (EC2, RDS, ElastiCache node sizes, OpenSearch
instance types) and the Compute Engine machine families (N2/N2D/E2 standard, highmem,
highcpu). ElastiCache nodes expose less memory than the EC2 type of the same name, so
their figures are listed one by one.
"""

from __future__ import annotations

from typing import NamedTuple


class Capacity(NamedTuple):
    vcpu: float
    memory_gib: float


# EC2 size suffix -> vCPU (the Graviton and Intel families of one generation share it).
_SIZES = {
    "large": 2,
    "xlarge": 4,
    "2xlarge": 8,
    "4xlarge": 16,
    "8xlarge": 32,
    "12xlarge": 48,
    "16xlarge": 64,
}
# EC2 family -> GiB of memory per vCPU.
_FAMILIES = {
    "m5": 4,
    "m6i": 4,
    "m6g": 4,
    "m7g": 4,
    "m7i": 4,
    "r5": 8,
    "r6i": 8,
    "r6g": 8,
    "r7g": 8,
    "r7i": 8,
    "c5": 2,
    "c6i": 2,
    "c6g": 2,
    "c7g": 2,
}
_BURSTABLE = {
    "micro": (2, 1),
    "small": (2, 2),
    "medium": (2, 4),
    "large": (2, 8),
    "xlarge": (4, 16),
    "2xlarge": (8, 32),
}


def _ec2_table() -> dict[str, Capacity]:
    table: dict[str, Capacity] = {}
    for family, per_vcpu in _FAMILIES.items():
        for size, vcpu in _SIZES.items():
            table[f"{family}.{size}"] = Capacity(vcpu, vcpu * per_vcpu)
    for family in ("t3", "t4g"):
        for size, (vcpu, mem) in _BURSTABLE.items():
            table[f"{family}.{size}"] = Capacity(vcpu, mem)
    return table


EC2: dict[str, Capacity] = _ec2_table()

#: RDS classes are the EC2 type with a ``db.`` prefix (same vCPU and memory).
RDS: dict[str, Capacity] = {f"db.{name}": cap for name, cap in EC2.items() if not name.startswith("c")}

#: OpenSearch data nodes are the EC2 type with a ``.search`` suffix.
OPENSEARCH: dict[str, Capacity] = {f"{name}.search": cap for name, cap in EC2.items() if not name.startswith("t")}

#: ElastiCache node memory as AWS lists it (less than the EC2 type of the same name).
ELASTICACHE: dict[str, Capacity] = {
    "cache.t3.micro": Capacity(2, 0.5),
    "cache.t3.small": Capacity(2, 1.37),
    "cache.t3.medium": Capacity(2, 3.09),
    "cache.t4g.micro": Capacity(2, 0.5),
    "cache.t4g.small": Capacity(2, 1.37),
    "cache.t4g.medium": Capacity(2, 3.09),
    "cache.m6g.large": Capacity(2, 6.38),
    "cache.m6g.xlarge": Capacity(4, 12.93),
    "cache.m6g.2xlarge": Capacity(8, 26.04),
    "cache.m6g.4xlarge": Capacity(16, 52.26),
    "cache.m5.large": Capacity(2, 6.38),
    "cache.m5.xlarge": Capacity(4, 12.93),
    "cache.m5.2xlarge": Capacity(8, 26.04),
    "cache.r6g.large": Capacity(2, 13.07),
    "cache.r6g.xlarge": Capacity(4, 26.32),
    "cache.r6g.2xlarge": Capacity(8, 52.82),
    "cache.r6g.4xlarge": Capacity(16, 105.81),
    "cache.r7g.large": Capacity(2, 13.07),
    "cache.r7g.xlarge": Capacity(4, 26.32),
    "cache.r7g.2xlarge": Capacity(8, 52.82),
    "cache.r5.large": Capacity(2, 13.07),
    "cache.r5.xlarge": Capacity(4, 26.32),
    "cache.r5.2xlarge": Capacity(8, 52.82),
}

AWS: dict[str, Capacity] = {**EC2, **RDS, **OPENSEARCH, **ELASTICACHE}


def _gce_table() -> dict[str, Capacity]:
    table: dict[str, Capacity] = {}
    for family in ("n2", "n2d"):
        for vcpu in (2, 4, 8, 16, 32, 48, 64, 80):
            table[f"{family}-standard-{vcpu}"] = Capacity(vcpu, vcpu * 4)
            table[f"{family}-highmem-{vcpu}"] = Capacity(vcpu, vcpu * 8)
            table[f"{family}-highcpu-{vcpu}"] = Capacity(vcpu, vcpu * 1)
    for vcpu in (2, 4, 8, 16, 32):
        table[f"e2-standard-{vcpu}"] = Capacity(vcpu, vcpu * 4)
        table[f"e2-highcpu-{vcpu}"] = Capacity(vcpu, vcpu * 1)
    for vcpu in (2, 4, 8, 16):
        table[f"e2-highmem-{vcpu}"] = Capacity(vcpu, vcpu * 8)
    table["e2-medium"] = Capacity(2, 4)
    return table


GCE: dict[str, Capacity] = _gce_table()

#: AWS type -> the smallest N2 machine type with at least its vCPU and memory.
_PREFERENCE = ("n2-standard", "n2-highmem")


def smallest_covering(vcpu: float, memory_gib: float) -> str | None:
    """The smallest N2 standard/highmem machine type with at least ``vcpu`` and ``memory_gib``."""
    fits = [
        (cap.vcpu, cap.memory_gib, name)
        for name, cap in GCE.items()
        if name.startswith(_PREFERENCE) and cap.vcpu >= vcpu and cap.memory_gib >= memory_gib
    ]
    return min(fits)[2] if fits else None


def smallest_equivalent(aws_type: str) -> str:
    """The smallest N2 standard/highmem machine type covering ``aws_type`` (KeyError when unknown)."""
    need = AWS[aws_type]
    found = smallest_covering(need.vcpu, need.memory_gib)
    assert found is not None, aws_type
    return found


EQUIVALENTS: dict[str, str] = {name: smallest_equivalent(name) for name in AWS}


def capacity(instance_type: str) -> Capacity:
    """vCPU and memory of an AWS or Compute Engine type; KeyError names unknown types."""
    if instance_type in AWS:
        return AWS[instance_type]
    if instance_type in GCE:
        return GCE[instance_type]
    raise KeyError(instance_type)
