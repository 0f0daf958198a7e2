"""``rehearse --sandbox``: the quarterly drill against real clouds, in a throwaway stack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig
from scripts.drill.report import build_report, quarter_of, write_report
from scripts.output import BadInput, info
from scripts.runbook.failover import RunContext, Step, StepOutcome, run_steps, steps_by_name
from scripts.runbook.incident import utcnow


def sandbox_stack_name(config: KaleoConfig, when: dt.datetime) -> str:
    name = f"{config.pulumi.gcp_stack}-drill-{quarter_of(when)}"
    if name in (config.pulumi.gcp_stack, config.pulumi.aws_stack) or "-drill-" not in name:
        raise BadInput(f"refusing to rehearse on the production stack name '{name}'")
    return name


def run_sandbox(config: KaleoConfig, teardown: bool, out: Path, as_json: bool = False) -> dict[str, Any]:
    from scripts.cloud import stackops
    from scripts.runbook.incident import IncidentLog

    started = utcnow()
    name = sandbox_stack_name(config, started)
    stackops.guard_not_production(name)
    if teardown:
        info(f"destroying the sandbox drill stack {name}", as_json)
        stackops.destroy(name, config.pulumi, on_output=lambda line: info(line.rstrip(), as_json), remove=True)
        return {"stack": name, "destroyed": True}

    class SandboxStackStep(Step):
        name = "stack"
        title = f"pulumi up ({name})"

        def run(self, ctx: RunContext) -> StepOutcome:
            outputs = stackops.up(
                name,
                config.pulumi,
                on_output=lambda line: ctx.say(line.rstrip()),
                create=True,
                config_from=config.pulumi.gcp_stack,
            )
            ctx.data["stack_outputs"] = outputs
            return StepOutcome("passed", f"sandbox stack {name} is up", {"stack_outputs": outputs})

    steps: list[Step] = [SandboxStackStep(), *steps_by_name(["backup", "provision", "restore", "smoke", "handoff"])]
    with IncidentLog.open(config.state.incident_log_path()) as log:
        incident = log.open_incident(f"sandbox DR rehearsal {name}")
        ctx = RunContext(config, log, incident, name, as_json=as_json)
        result = run_steps(ctx, steps, journal="sandbox-drill")
        log.close_incident(incident.id, "sandbox rehearsal finished")
    report = build_report(
        "sandbox",
        result,
        started,
        utcnow(),
        None,
        ctx.data.get("backup"),
        [f"sandbox stack {name}; tear it down with kaleo-dr rehearse --sandbox --teardown"],
    )
    report["stack"] = name
    report["files"] = write_report(report, out, config.state.dir / "reports")
    return report
