"""The offline plan of the gcp stack; its VMs feed the provisioning check."""

from __future__ import annotations

from typing import Any

from scripts.drill.localenv import LocalDrill
from scripts.drill.steps.base import check, outcome
from scripts.runbook.failover.stack import StackPlanStep
from scripts.runbook.runner import RunContext, StepOutcome


class DrillPlanStep(StackPlanStep):
    def __init__(self, drill: LocalDrill) -> None:
        self.drill = drill

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud.plan import run_plan

        plan = run_plan(ctx.stack)
        ctx.data["stack_outputs"] = plan.outputs
        instances: list[dict[str, Any]] = []
        for i, r in enumerate(plan.by_type("gcp:compute/instance:Instance")):
            instances.append(
                {
                    "name": r.name,
                    "zone": r.inputs.get("zone") or "",
                    "labels": r.inputs.get("labels") or {},
                    "machine_type": r.inputs.get("machineType") or "",
                    "ip": f"10.30.0.{10 + i}",
                }
            )
        templates = {r.name: r for r in plan.by_type("gcp:compute/instanceTemplate:InstanceTemplate")}
        for j, mig in enumerate(plan.by_type("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")):
            template = next(iter(templates.values()), None)
            labels = (template.inputs.get("labels") if template else None) or {}
            for k in range(int(mig.inputs.get("targetSize") or 1)):
                instances.append(
                    {
                        "name": f"{mig.name}-{k}",
                        "zone": "",
                        "labels": labels,
                        "machine_type": (template.inputs.get("machineType") if template else "") or "",
                        "ip": f"10.30.{1 + j}.{10 + k}",
                    }
                )
        self.drill.plan_instances = instances
        ip = plan.outputs.get(ctx.config.pulumi.lb_ip_output)
        checks = [
            check("resources planned", len(plan.resources) > 0, f"{len(plan.resources)} resources"),
            check("load balancer address", bool(ip), f"output {ctx.config.pulumi.lb_ip_output} = {ip}"),
            check("VMs planned", bool(instances), ", ".join(i["name"] for i in instances)),
        ]
        return outcome(
            checks,
            f"{len(plan.resources)} resources planned offline in {plan.seconds:.1f}s (no pulumi up: no cloud)",
            {"stack_outputs": plan.outputs, "resources": len(plan.resources)},
        )
