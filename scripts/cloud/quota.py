"""Regional Compute Engine quotas against what the failover stack will create.

On a project that never ran VMs the default regional quotas are small (a few N2 vCPUs, a
few hundred GB of SSD): ``pulumi up --stack gcp`` would then fail half-way at 3 a.m. The
failover's ``quota`` step (right after the gate) plans the gcp stack offline, adds up what
it creates per quota metric, reads the region's quotas (Compute API ``regions.get``:
``quotas[]`` with ``metric``, ``limit``, ``usage``) and refuses when one is short:

* vCPUs per machine family: ``N2_CPUS``, ``N2D_CPUS``, ``C2_CPUS``... (E2 and N1 count against
  ``CPUS``), the app group counted at its autoscaler maximum;
* ``SSD_TOTAL_GB`` (pd-ssd and pd-balanced disks, boot disks included) and ``DISKS_TOTAL_GB``
  (pd-standard);
* ``INSTANCES``.

A quota increase takes hours to days: request it long before (``readiness`` does not check
quotas; the rehearsal in a sandbox project does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.cloud.plan import Plan
from scripts.output import BadInput, CheckFailed

#: Machine families whose vCPUs count against the general regional CPUS quota.
GENERAL_FAMILIES = ("e2", "n1", "f1", "g1")
SSD_TYPES = ("pd-ssd", "pd-balanced", "hyperdisk-balanced")


def _vcpus(machine_type: str) -> float:
    from stacks.instance_types import capacity

    try:
        return float(capacity(machine_type).vcpu)
    except KeyError:
        pass
    tail = machine_type.rsplit("-", 1)[-1]
    if tail.isdigit():
        return float(tail)
    raise BadInput(f"machine type {machine_type!r}: vCPU count unknown (add it to stacks/instance_types.py)")


def cpu_metric(machine_type: str) -> str:
    family = machine_type.split("-", 1)[0].lower()
    return "CPUS" if family in GENERAL_FAMILIES else f"{family.upper()}_CPUS"


def disk_metric(disk_type: str | None) -> str:
    return "SSD_TOTAL_GB" if (disk_type or "pd-standard") in SSD_TYPES else "DISKS_TOTAL_GB"


def planned_usage(plan: Plan) -> dict[str, float]:
    """Quota metric -> what the planned stack uses at most (VMs, the app group at its maximum, disks)."""
    need: dict[str, float] = {}

    def add(metric: str, amount: float) -> None:
        need[metric] = need.get(metric, 0.0) + amount

    for vm in plan.by_type("gcp:compute/instance:Instance"):
        add(cpu_metric(vm.inputs["machineType"]), _vcpus(vm.inputs["machineType"]))
        add("INSTANCES", 1)
        boot = (vm.inputs.get("bootDisk") or {}).get("initializeParams") or {}
        add(disk_metric(boot.get("type")), float(boot.get("size") or 10))
    for disk in plan.by_type("gcp:compute/disk:Disk"):
        add(disk_metric(disk.inputs.get("type")), float(disk.inputs.get("size") or 0))
    autoscalers = plan.by_type("gcp:compute/regionAutoscaler:RegionAutoscaler")
    groups = plan.by_type("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")
    for template in plan.by_type("gcp:compute/instanceTemplate:InstanceTemplate"):
        if autoscalers:
            count = float(autoscalers[0].inputs["autoscalingPolicy"]["maxReplicas"])
        else:
            count = float(groups[0].inputs.get("targetSize") or 0) if groups else 0.0
        add(cpu_metric(template.inputs["machineType"]), _vcpus(template.inputs["machineType"]) * count)
        add("INSTANCES", count)
        for disk in template.inputs.get("disks") or []:
            add(disk_metric(disk.get("diskType")), float(disk.get("diskSizeGb") or 10) * count)
    return need


@dataclass
class QuotaLine:
    metric: str
    needed: float
    limit: float | None
    usage: float | None

    @property
    def available(self) -> float | None:
        return None if self.limit is None or self.usage is None else self.limit - self.usage

    @property
    def ok(self) -> bool:
        return self.available is not None and self.needed <= self.available


def region_quotas(
    project: str, region: str, *, endpoint: str | None = None, credentials_file: Path | None = None
) -> dict[str, tuple[float, float]]:
    """Metric -> (limit, usage) of ``region`` through the Compute API (``regions.get``)."""
    from google.api_core import exceptions as gexc
    from google.auth import exceptions as auth_exc
    from google.cloud import compute_v1

    from scripts.cloud.compute import client_args

    try:
        client = compute_v1.RegionsClient(transport="rest", **client_args(endpoint, credentials_file))
        answer = client.get(project=project, region=region)
    except auth_exc.DefaultCredentialsError as exc:
        raise BadInput("no Google credentials for the Compute API", hint="set gcp.credentials_file") from exc
    except gexc.NotFound as exc:
        raise BadInput(f"region {region} of project {project} not found by the Compute API: {exc.message}") from exc
    except gexc.GoogleAPIError as exc:
        raise CheckFailed(f"Compute API error while reading the quotas of {region}: {exc}") from exc
    return {q.metric: (float(q.limit), float(q.usage)) for q in answer.quotas}


def compare(need: dict[str, float], quotas: dict[str, tuple[float, float]]) -> list[QuotaLine]:
    """One line per needed metric; a metric the region does not report is not ok (unknown is not no)."""
    lines = []
    for metric, amount in sorted(need.items()):
        limit, usage = quotas.get(metric, (None, None))
        lines.append(QuotaLine(metric, amount, limit, usage))
    return lines
