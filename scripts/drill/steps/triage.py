"""Triage against the status, Pingdom and DNS stand-ins: the verdict must be an Amazon outage."""

from __future__ import annotations

from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.runbook.runner import RunContext, StepOutcome


class TriageStep(DrillStep):
    name = "triage"
    title = "triage"

    def run(self, ctx: RunContext) -> StepOutcome:
        triage = require_module("scripts.runbook.triage.cli")
        results, verdict, elapsed = triage.run_triage(ctx.config)
        recorded = triage.record_triage(results, verdict, elapsed)
        problems = [f"{r.name} {r.status}" for r in results if r.status != "ok"]
        checks = [
            check(
                "verdict is amazon-outage",
                verdict.branch == "amazon-outage",
                f"{verdict.branch}: {'; '.join(verdict.reasons)} (evidence: {', '.join(problems) or 'none'}; "
                f"sources: {', '.join(verdict.sources) or 'none'})",
            ),
            check(
                "every triage check answered within its deadline",
                all("no answer within" not in r.detail for r in results),
                f"{len(results)} checks in {elapsed:.1f}s",
            ),
        ]
        checks.append(
            check(
                "Amazon outage clock started", bool(recorded.get("amazon_outage")), str(recorded.get("amazon_outage"))
            )
        )
        return outcome(checks, f"verdict {verdict.branch} in {elapsed:.1f}s", {"verdict": verdict.branch})
