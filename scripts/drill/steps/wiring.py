"""The wiring check (``kaleo-dr wiring``) as a drill step: every link the VMs use is declared and granted."""

from __future__ import annotations

from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.runbook.runner import RunContext, StepOutcome


class WiringStep(DrillStep):
    name = "wiring"
    title = "wiring of the GCP stacks, roles and startup script"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud.wiring import run_wiring

        report = run_wiring(ctx.stack, "gcp-standby")
        kinds: dict[str, int] = {}
        for link in report.links:
            kinds[link.kind] = kinds.get(link.kind, 0) + 1
        checks = [check(f"{kind} links", True, f"{n} checked") for kind, n in sorted(kinds.items())]
        checks += [check(f"{link.consumer}: {link.resource}", False, link.detail) for link in report.missing]
        return outcome(
            checks,
            f"{len(report.links)} links checked ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
            f"{len(report.missing)} missing",
            {"links": len(report.links), "missing": len(report.missing), "warnings": report.warnings},
        )
