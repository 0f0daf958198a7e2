"""The failover's first steps: the 24-hour gate (``gate``) and the region's quotas (``quota``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict
from pathlib import Path

from scripts.output import BadInput, CheckFailed
from scripts.runbook.incident import from_iso, outage_started_at, to_iso
from scripts.runbook.runner import RunContext, Step, StepOutcome


def parse_duration(text: str) -> dt.timedelta:
    """'26h', '90m', '2d', '3600s' or a number of hours."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match:
        raise BadInput(f"'{text}' is not a duration like 26h, 90m, 2d")
    value, unit = float(match.group(1)), match.group(2) or "h"
    return dt.timedelta(seconds=value * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit])


class GateStep(Step):
    name = "gate"
    title = "24-hour gate"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.declare import amazon_clock

        hours = ctx.config.declare.rebuild_gate_hours
        clock = amazon_clock(ctx.log, ctx.incident, ctx.now(), hours)
        started = from_iso(clock.since) if clock.since else outage_started_at(ctx.log, ctx.incident)
        elapsed = (ctx.now() - started).total_seconds() / 3600 if started else None
        data = {"outage_started_at": to_iso(started) if started else None, "hours": elapsed, "gate_hours": hours}
        if elapsed is not None and elapsed >= hours:
            return StepOutcome("passed", f"Amazon outage for {elapsed:.1f} h (>= {hours} h): gate open", data)
        why = (
            f"Amazon outage for only {elapsed:.1f} h (< {hours} h)"
            if elapsed is not None
            else "no Amazon outage start recorded for this incident"
        )
        if ctx.override_reason:
            ctx.log.record(
                "override",
                {"gate": "24h", "reason": ctx.override_reason, "hours": elapsed, "gate_hours": hours},
                ctx.incident.id,
            )
            return StepOutcome("passed", f"{why}: OVERRIDDEN ({ctx.override_reason})", {**data, "override": True})
        raise CheckFailed(
            f"24-hour gate closed: {why}; the plan rebuilds on GCP after {hours} h of Amazon outage",
            hint="wait, or pass --override-24h --reason 'why' (the override is logged in the incident log)",
        )


class QuotaStep(Step):
    """The gate's second half: the region's quotas cover what the gcp stack creates (scripts/cloud/quota.py)."""

    name = "quota"
    title = "regional quotas (vCPUs per family, SSD GB)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud import quota
        from scripts.cloud.plan import run_plan

        cfg = ctx.config
        if not cfg.gcp.project:
            raise BadInput("gcp.project is not set: the quotas of which project?")
        plan = run_plan(ctx.stack, cfg.pulumi.project_dir if cfg.pulumi.project_dir != Path() else None)
        quotas = quota.region_quotas(
            cfg.gcp.project,
            cfg.gcp.region,
            endpoint=cfg.provision.compute_endpoint,
            credentials_file=cfg.gcp.credentials_file,
        )
        lines = quota.compare(quota.planned_usage(plan), quotas)
        data = {"region": cfg.gcp.region, "quotas": [{**asdict(q), "ok": q.ok} for q in lines]}
        short = [q for q in lines if not q.ok]
        if short:
            raise CheckFailed(
                f"quotas of {cfg.gcp.region} too small for stack {ctx.stack}: "
                + "; ".join(
                    f"{q.metric} needs {q.needed:g}, "
                    + ("not reported by the region" if q.available is None else f"{q.available:g} available")
                    for q in short
                ),
                hint="request the increase (IAM & Admin > Quotas) before any disaster: it takes hours to days",
            )
        summary = ", ".join(f"{q.metric} {q.needed:g}/{q.available:g}" for q in lines)
        return StepOutcome("passed", f"{cfg.gcp.region} quotas cover the stack: {summary}", data)
