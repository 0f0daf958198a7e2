"""Declare the disaster: the monitoring rule fires and the Amazon outage clock runs."""

from __future__ import annotations

from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.runbook.incident import utcnow
from scripts.runbook.runner import RunContext, StepOutcome


class DeclareStep(DrillStep):
    name = "declare"
    title = "declare the disaster"

    def run(self, ctx: RunContext) -> StepOutcome:
        declare = require_module("scripts.runbook.declare")
        from scripts.runbook.incident import to_iso

        now = utcnow()
        data = declare.evaluate(ctx.config, ctx.log, now)
        incident = ctx.log.current_incident()
        clock = declare.amazon_clock(ctx.log, incident, now, ctx.config.declare.rebuild_gate_hours).to_dict()
        data["amazon_clock"] = clock
        ctx.log.record("decision", data, incident.id if incident else None)
        rules = [r["rule"] for r in data["rules_fired"]]
        checks = [
            check("disaster declared", bool(data["declare"]), f"rules fired: {', '.join(rules) or 'none'}"),
            check(
                "monitoring rule (DOWN in several regions > 30 min)",
                "monitoring" in rules,
                "; ".join(str(r["detail"]) for r in data["rules_fired"]) or "did not fire",
            ),
            check(
                "Amazon outage clock running",
                bool(clock.get("since")),
                f"since {clock.get('since')}, {clock.get('hours')} h, gate opens {clock.get('opens_at')}",
            ),
        ]
        return outcome(checks, f"disaster declared at {to_iso(now)} ({', '.join(rules)})", {"declared": True})
