"""The failover's ``stack`` step (``pulumi up`` of the gcp stack) and its offline twin ``stack-plan``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, Step, StepOutcome


def stack_config_for(choice: dict[str, Any] | None) -> dict[str, str]:
    """The stack config the database path needs: the app VMs' database is the promoted standby
    (``kaleo:gcpDbSource: standby``, its address from the standby stack) or the restored VM."""
    path = (choice or {}).get("path")
    if path not in ("promote", "restore"):
        return {}  # no decision in this run (resumed): the stack keeps what it has
    return {"kaleo:gcpDbSource": "standby" if path == "promote" else "restore"}


class StackUpStep(Step):
    name = "stack"
    title = "pulumi up (gcp stack)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud import stackops

        config = stack_config_for(ctx.data.get("database_path"))
        for key, value in config.items():
            ctx.say(f"stack {ctx.stack}: {key} = {value} (the database path of this failover)")
        outputs = stackops.up(
            ctx.stack, ctx.config.pulumi, on_output=lambda line: ctx.say(line.rstrip()), config=config
        )
        ctx.data["stack_outputs"] = outputs
        return StepOutcome(
            "passed",
            f"stack {ctx.stack} is up ({len(outputs)} outputs); app database: {outputs.get('dbSource', 'restore')}",
            {"stack_outputs": outputs, "stack_config": config},
        )


class StackPlanStep(Step):
    name = "stack-plan"
    title = "offline plan (gcp stack)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud.plan import run_plan

        plan = run_plan(ctx.stack, ctx.config.pulumi.project_dir if ctx.config.pulumi.project_dir != Path() else None)
        if not plan.resources:
            raise CheckFailed(f"the offline plan of stack {ctx.stack} has no resources")
        ctx.data["stack_outputs"] = plan.outputs
        types = sorted({r.type for r in plan.resources})
        return StepOutcome(
            "passed",
            f"{len(plan.resources)} resources planned offline ({len(types)} types)",
            {"stack_outputs": plan.outputs, "resources": len(plan.resources)},
        )
