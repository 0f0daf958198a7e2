"""``kaleo-dr failover``: the command, and :func:`failover`, which picks the steps and the database path
and plays them through the journaled runner."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig
from scripts.output import BadInput, CheckFailed, console, emit, info
from scripts.runbook.failover.database import PromoteStep, choose_database_path, standby_link_problem
from scripts.runbook.failover.smoke import smoke_dsn
from scripts.runbook.failover.steps import DEFAULT_STEPS, journaled_steps, steps_by_name
from scripts.runbook.incident import IncidentLog, utcnow
from scripts.runbook.runner import (
    JOURNAL,
    RunContext,
    Step,
    abandon_unfinished,
    render_run_steps,
    run_lock,
    run_steps,
)


def failover(
    config: KaleoConfig,
    stack: str,
    *,
    resume: bool = False,
    restart: bool = False,
    override_reason: str | None = None,
    as_json: bool = False,
    steps: list[Step] | None = None,
) -> dict[str, Any]:
    from scripts.cloud.stackops import require_failover_stack

    require_failover_stack(stack, config.pulumi)
    names = list(config.failover.steps or DEFAULT_STEPS)
    chosen = steps or steps_by_name(names)
    if any(step.name == "smoke" for step in chosen):  # a DSN carrying a secret is refused before anything runs
        smoke_dsn(config)
        smoke_dsn(config, promoted=True)
    with run_lock(config.state.dir, JOURNAL), IncidentLog.open(config.state.incident_log_path()) as log:
        incident, _ = log.ensure_incident("Amazon outage: failover to GCP")
        choice: dict[str, Any] | None = None
        if not resume and "restore" in [st.name for st in chosen]:
            choice = choose_database_path(config, log, incident, utcnow())
            if choice["path"] == "promote" and "stack" in [st.name for st in chosen]:
                unlinked = standby_link_problem(config, stack)
                if unlinked:
                    choice = {**choice, "path": "restore", "reason": f"standby not used: {unlinked}"}
            log.record("decision", {"failover_database_path": choice["path"], **choice}, incident.id)
            info(f"database path: {choice['path']} ({choice['reason']})", as_json)
            if choice["path"] == "promote":
                chosen = [PromoteStep() if st.name == "restore" else st for st in chosen]
        if restart:
            abandon_unfinished(log, incident.id, JOURNAL)
        ctx = RunContext(config, log, incident, stack, as_json=as_json, override_reason=override_reason)
        if choice is not None:
            ctx.data["database_path"] = choice
        result = run_steps(ctx, chosen, resume=resume, steps_named=journaled_steps)
        result["database_path"] = ctx.data.get("database_path")
        return result


def _render(data: dict[str, Any]) -> None:
    title = f"failover {data['run']} (incident {data['incident']}, stack {data['stack']})"
    from scripts.db.backup import human_duration

    stopped = render_run_steps(data, title, "kaleo-dr failover --resume")
    console.print(
        f"RTO so far: {human_duration(data['rto_seconds_so_far'])} since {data['rto_from']} "
        f"(steps of this run: {human_duration(data['steps_seconds'])})"
    )
    if data.get("database_path"):
        console.print(f"database: {data['database_path']['path']} ({esc(data['database_path']['reason'])})")
    if not stopped:
        console.print(f"[bold]next:[/] {esc(data['next'])}")


def register(app: typer.Typer) -> None:
    @app.command("failover")
    def failover_cmd(
        stack: Annotated[
            str | None, typer.Option("--stack", help="Pulumi stack to build (default pulumi.gcp_stack).")
        ] = None,
        resume: Annotated[
            bool, typer.Option("--resume", help="Continue the unfinished run at its failed step.")
        ] = False,
        restart: Annotated[bool, typer.Option("--restart", help="Abandon an unfinished run and begin again.")] = False,
        override_24h: Annotated[
            bool, typer.Option("--override-24h", help="Rebuild before the 24-hour gate opens (needs --reason).")
        ] = False,
        reason: Annotated[str | None, typer.Option("--reason", help="Why the gate is overridden (logged).")] = None,
        yes: Annotated[bool, typer.Option("--yes", help="Start without the confirmation prompt.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Rebuild Kaleo on GCP: gate -> backup -> pulumi up -> provision -> restore -> smoke -> ask for cutover.

        Each step is journaled in the incident log; after a crash or a failed step, fix the cause and
        run again with --resume. Ends with the RTO so far. The DNS cutover stays a separate decision.
        """
        import sys

        if override_24h and not (reason and reason.strip()):
            raise BadInput("--override-24h needs --reason TEXT (it is written to the incident log)")
        if reason and not override_24h:
            raise BadInput("--reason only goes with --override-24h")
        if resume and restart:
            raise BadInput("--resume and --restart exclude each other")
        config = get_config()
        stack_name = stack or config.pulumi.gcp_stack
        if not yes:
            if not sys.stdin.isatty():
                raise BadInput("failover builds and changes infrastructure: pass --yes to confirm")
            if not typer.confirm(f"Fail over to GCP (stack {stack_name})?", default=False):
                raise CheckFailed("failover cancelled")
        data = failover(
            config,
            stack_name,
            resume=resume,
            restart=restart,
            override_reason=reason.strip() if override_24h and reason else None,
            as_json=as_json,
        )
        emit(data, as_json, _render)
        if not data["ok"]:
            raise typer.Exit(1)
