"""``rehearse --sandbox``: the quarterly drill against real clouds, in a throwaway stack.

The drill never touches what a real failover uses: it keeps its own state folder
(``<state.dir>/sandbox/<stack>/``: incident log, journal, provisioning inventory and
artifacts), and its database target is the drill stack's database VM (the ``privateIps``
output), never ``restore.target_dsn``. Smoke checks whose endpoints are production's
(``failover.smoke.*``) are skipped. Only the kept report goes to ``<state.dir>/reports``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig
from scripts.drill.report import build_report, quarter_of, write_report
from scripts.output import BadInput, info
from scripts.runbook.failover.steps import steps_by_name
from scripts.runbook.incident import utcnow
from scripts.runbook.runner import RunContext, Step, StepOutcome, run_steps


def sandbox_stack_name(config: KaleoConfig, when: dt.datetime) -> str:
    name = f"{config.pulumi.gcp_stack}-drill-{quarter_of(when)}"
    if name in (config.pulumi.gcp_stack, config.pulumi.aws_stack) or "-drill-" not in name:
        raise BadInput(f"refusing to rehearse on the production stack name '{name}'")
    return name


def sandbox_config(config: KaleoConfig, name: str) -> KaleoConfig:
    """The configuration the drill runs with: its own state, inventory and no production endpoint."""
    from scripts.config import SmokeSettings, StateSettings

    state = config.state.dir / "sandbox" / name
    return config.model_copy(
        update={
            "state": StateSettings(dir=state),
            "provision": config.provision.model_copy(
                update={"inventory": state / "provision" / "inventory.yml", "artifacts_dir": state / "provision"}
            ),
            "restore": config.restore.model_copy(update={"target_dsn": None}),
            "failover": config.failover.model_copy(
                update={"smoke": SmokeSettings(db_tables=config.failover.smoke.db_tables)}
            ),
        }
    )


def sandbox_target_dsn(config: KaleoConfig, outputs: dict[str, Any], name: str) -> str:
    """The drill database: the drill stack's database VM, with the port, database and user of
    ``restore.target_dsn`` (default 5432, kaleo, postgres)."""
    from scripts.db import pgtools
    from scripts.output import CheckFailed

    ips = (outputs.get("privateIps") or {}).get("db") or []
    if not ips or not ips[0]:
        raise CheckFailed(f"the sandbox stack {name} has no database VM address (output privateIps.db)")
    parts = pgtools.check_dsn(config.restore.target_dsn, "restore.target_dsn") if config.restore.target_dsn else {}
    return pgtools.build_dsn(
        str(ips[0]), int(parts.get("port") or 5432), parts.get("dbname") or "kaleo", parts.get("user") or "postgres"
    )


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
            target = sandbox_target_dsn(production, outputs, name)
            ctx.data.update(stack_outputs=outputs, target_dsn=target)
            return StepOutcome(
                "passed", f"sandbox stack {name} is up", {"stack_outputs": outputs, "target_dsn": target}
            )

    steps: list[Step] = [SandboxStackStep(), *steps_by_name(["backup", "provision", "restore", "smoke", "handoff"])]
    production = config
    drill = sandbox_config(config, name)
    with IncidentLog.open(drill.state.incident_log_path()) as log:
        incident = log.open_incident(f"sandbox DR rehearsal {name}")
        ctx = RunContext(drill, log, incident, name, as_json=as_json)
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
