"""Failback: the recorded AWS records are back, exactly."""

from __future__ import annotations

from scripts.drill.localenv import AWS_ALB, PUBLIC_RECORDS
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.runbook.failover import RunContext, StepOutcome


class FailbackStep(DrillStep):
    name = "failback"
    title = "failback check (exact records)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.cutover import cutover_to_aws

        cutover_to_aws(ctx.config, yes=True, as_json=ctx.as_json)
        cf = self.drill.services["cloudflare"]
        checks = []
        expected = {PUBLIC_RECORDS[0]: ("CNAME", AWS_ALB, True), PUBLIC_RECORDS[1]: ("CNAME", AWS_ALB, False)}
        for name, (type_, content, proxied) in expected.items():
            recs = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
            ok = len(recs) == 1 and (recs[0]["type"], recs[0]["content"], recs[0]["proxied"]) == (
                type_,
                content,
                proxied,
            )
            checks.append(check(f"{name} restored", ok, f"{recs[0]['type']} {recs[0]['content']}" if recs else "gone"))
        return outcome(checks, "the recorded AWS records are back, exactly")
