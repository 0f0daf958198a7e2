"""``kaleo-dr failback``: back to AWS as one journaled, resumable run (the failover's runner).

The steps (:mod:`scripts.failback.steps`), in ``failback.steps`` order: ``gate``, ``database``,
``objects``, ``search``, ``cutover``, ``notify`` (and ``hold``, the rehearsal pause of the
failover, to practise an interrupted run). Every step start and end is journaled in the
incident log (journal ``failback``) before the next begins: after a crash, a ``kill -9`` or a
failed step, ``kaleo-dr failback --resume`` continues at the step that did not finish. The GCP
stack is not destroyed (``kaleo-dr failback teardown``, after the cooling-off period).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from rich.markup import escape as esc

from scripts.config import KaleoConfig
from scripts.failback.steps import (
    JOURNAL,
    FailbackCutoverStep,
    FailbackDatabaseStep,
    FailbackGateStep,
    FailbackNotifyStep,
    FailbackObjectsStep,
    FailbackSearchStep,
)
from scripts.output import BadInput, console
from scripts.runbook.failover.handoff import HoldStep
from scripts.runbook.incident import IncidentLog, to_iso, utcnow
from scripts.runbook.runner import (
    RunContext,
    Step,
    abandon_unfinished,
    render_run_steps,
    run_lock,
    run_steps,
)

REGISTRY: dict[str, Callable[[], Step]] = {
    "gate": FailbackGateStep,
    "database": FailbackDatabaseStep,
    "objects": FailbackObjectsStep,
    "search": FailbackSearchStep,
    "cutover": FailbackCutoverStep,
    "notify": FailbackNotifyStep,
    "hold": HoldStep,
}
NEXT = "kaleo-dr failback reconcile (the writes the outage stranded); teardown once failback.cooling_off has passed"


def steps_by_name(names: list[str]) -> list[Step]:
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise BadInput(f"failback.steps: unknown step(s) {', '.join(unknown)}", hint=f"known: {', '.join(REGISTRY)}")
    if len(set(names)) != len(names):
        raise BadInput("failback.steps: a step is listed twice")
    return [REGISTRY[n]() for n in names]


def run_in(
    ctx: RunContext,
    *,
    reason: str,
    resume: bool = False,
    method: str | None = None,
    apply_deletes: bool = False,
    steps: list[Step] | None = None,
) -> dict[str, Any]:
    """The failback inside an open incident log (the command's, or a rehearsal's)."""
    chosen = steps or steps_by_name(list(ctx.config.failback.steps))
    ctx.data.update(
        {
            "failback_decision": {"reason": reason, "by": getpass.getuser(), "at": to_iso(utcnow())},
            "method_requested": method,
            "apply_deletes": apply_deletes,
            "next": NEXT,
        }
    )
    result = run_steps(ctx, chosen, resume=resume, journal=JOURNAL)
    for key in ("rto_from", "rto_seconds_so_far"):
        result.pop(key, None)
    result["method"] = (ctx.data.get("failback_method") or {}).get("method")
    database = ctx.data.get("database") or {}
    result["freeze_seconds"] = database.get("freeze_seconds")  # freeze -> complete new database
    return result


def failback(
    config: KaleoConfig,
    *,
    reason: str,
    resume: bool = False,
    restart: bool = False,
    method: str | None = None,
    apply_deletes: bool = False,
    as_json: bool = False,
) -> dict[str, Any]:
    if resume and restart:
        raise BadInput("--resume and --restart exclude each other")
    steps = steps_by_name(list(config.failback.steps))
    with run_lock(config.state.dir, JOURNAL), IncidentLog.open(config.state.incident_log_path()) as log:
        incident = log.current_incident()
        if incident is None:
            raise BadInput(
                "there is no open incident: the failback belongs to the outage's incident",
                hint="kaleo-dr incident shows the log; the failback runs before the incident is closed",
            )
        if restart:
            abandon_unfinished(log, incident.id, JOURNAL)
        ctx = RunContext(config, log, incident, config.pulumi.gcp_stack, as_json=as_json)
        return run_in(ctx, reason=reason, resume=resume, method=method, apply_deletes=apply_deletes, steps=steps)


def render(data: dict[str, Any]) -> None:
    title = f"failback {data['run']} (incident {data['incident']})"
    if render_run_steps(data, title, "kaleo-dr failback --resume --yes --reason TEXT"):
        return
    if data.get("freeze_seconds") is not None:
        console.print(f"writes frozen on GCP {data['freeze_seconds']:.1f}s until the new database was complete")
    console.print(f"[bold]next:[/] {esc(data['next'])}")
