"""The DNS cutover at the Cloudflare stand-in."""

from __future__ import annotations

from scripts.drill.localenv import PUBLIC_RECORDS
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome


class CutoverStep(DrillStep):
    name = "cutover"
    title = "DNS cutover (Cloudflare)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.cutover import cutover_to_gcp

        ip = (ctx.data.get("stack_outputs") or {}).get(ctx.config.pulumi.lb_ip_output)
        if not ip:
            raise CheckFailed("no load balancer address from the plan: cannot cut over")
        result = cutover_to_gcp(ctx.config, str(ip), yes=True, ttl_wait=0, as_json=ctx.as_json)
        cf = self.drill.services["cloudflare"]
        checks = []
        for name in PUBLIC_RECORDS:
            recs = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
            ok = len(recs) == 1 and recs[0]["type"] == "A" and recs[0]["content"] == ip
            checks.append(check(f"{name} -> {ip}", ok, f"{recs[0]['type']} {recs[0]['content']}" if recs else "gone"))
        return outcome(
            checks,
            f"{', '.join(PUBLIC_RECORDS)} now point at {ip}",
            {"target_ip": ip, "state_file": result["state_file"]},
        )
