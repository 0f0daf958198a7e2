"""The failover's last step, ``handoff`` (ask for the DNS cutover), and the rehearsal pause ``hold``."""

from __future__ import annotations

import time

from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, Step, StepOutcome


class HoldStep(Step):
    name = "hold"
    title = "rehearsal hold"

    def run(self, ctx: RunContext) -> StepOutcome:
        path = ctx.config.failover.hold_file
        if path is None:
            return StepOutcome("skipped", "failover.hold_file is not set")
        deadline = time.monotonic() + ctx.config.failover.hold_timeout
        ctx.say(f"holding until {path} exists")
        while not path.exists():
            if time.monotonic() > deadline:
                raise CheckFailed(f"{path} did not appear within {ctx.config.failover.hold_timeout:.0f}s")
            time.sleep(0.1)
        return StepOutcome("passed", f"released by {path}")


class HandoffStep(Step):
    name = "handoff"
    title = "ask for the DNS cutover"

    def run(self, ctx: RunContext) -> StepOutcome:
        outputs = ctx.data.get("stack_outputs") or {}
        ip = outputs.get(ctx.config.pulumi.lb_ip_output) or ctx.config.cloudflare.target_ip
        command = "kaleo-dr cutover --to gcp" + (f" --target-ip {ip}" if ip else " --target-ip <GCP load balancer IP>")
        ctx.data["next"] = command
        return StepOutcome(
            "passed", f"GCP is ready; the DNS cutover is a decision: {command}", {"next": command, "lb_ip": ip}
        )
