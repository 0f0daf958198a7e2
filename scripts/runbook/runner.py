"""Journaled step runs: the runner of ``kaleo-dr failover``, ``kaleo-dr failback`` and the drills.

A run is a list of :class:`Step` objects played in order by :func:`run_steps`. Every step start and
end is written to the step journal in the incident log before the next one begins, so a crashed or
interrupted run continues with ``--resume`` at the step that did not finish, without redoing the
finished ones. :func:`run_lock` keeps two runs of one journal apart, :func:`abandon_unfinished`
closes an unfinished run (``--restart``) and :func:`render_run_steps` shows a run's steps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rich.markup import escape as esc

from scripts.config import KaleoConfig
from scripts.output import BadInput, CheckFailed, DrError, console, info
from scripts.runbook.incident import Incident, IncidentLog, outage_started_at, to_iso, utcnow

StepStatus = Literal["passed", "skipped", "failed"]
DONE = ("passed", "skipped")
JOURNAL = "failover"


@dataclass
class StepOutcome:
    status: StepStatus
    detail: str
    data: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RunContext:
    """What every step sees: the configuration, the incident, the data earlier steps produced."""

    config: KaleoConfig
    log: IncidentLog
    incident: Incident
    stack: str
    as_json: bool = False
    override_reason: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    now: Callable[[], dt.datetime] = utcnow

    def say(self, message: str) -> None:
        info(message, self.as_json)


class Step:
    """One step of a journaled run (failover, failback, drills): a name, a title and ``run(ctx)``;
    raising DrError fails the step."""

    name = "step"
    title = "step"

    def run(self, ctx: RunContext) -> StepOutcome:
        raise NotImplementedError


def step_module(name: str, what: str) -> Any:
    """The module behind a step's capability (``what``), imported when the step runs; a step
    whose capability is missing from this installation fails with its name."""
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise CheckFailed(f"{what} is not available: module {name} is missing") from exc


@dataclass
class JournalRun:
    run_id: str
    steps: list[str]
    states: dict[str, dict[str, Any]]
    finished: bool
    started_at: dt.datetime


def journal_runs(log: IncidentLog, incident_id: int, journal: str = JOURNAL) -> list[JournalRun]:
    runs: dict[str, JournalRun] = {}
    for event in log.steps(incident_id):
        p = event.payload
        if p.get("journal") != journal:
            continue
        run_id = str(p.get("run"))
        if p.get("step") == "_run":
            if p.get("state") == "started" and run_id not in runs:
                runs[run_id] = JournalRun(run_id, list(p.get("steps", [])), {}, False, event.at)
            elif p.get("state") == "finished" and run_id in runs:
                runs[run_id].finished = True
            continue
        if run_id in runs:
            runs[run_id].states[str(p.get("step"))] = {**p, "at": to_iso(event.at)}
    return list(runs.values())


@contextlib.contextmanager
def run_lock(state_dir: Path, journal: str) -> Iterator[None]:
    from scripts.state import private_file

    with private_file(state_dir / f"{journal}.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BadInput(f"another {journal} run holds {state_dir / (journal + '.lock')}") from exc
        yield


def abandon_unfinished(log: IncidentLog, incident_id: int, journal: str) -> None:
    """Close the unfinished run of ``journal`` (``--restart``): the next run begins afresh."""
    runs = journal_runs(log, incident_id, journal)
    if runs and not runs[-1].finished:
        log.record(
            "step",
            {
                "journal": journal,
                "run": runs[-1].run_id,
                "step": "_run",
                "state": "finished",
                "detail": "abandoned by --restart",
            },
            incident_id,
        )


def run_steps(
    ctx: RunContext,
    steps: list[Step],
    *,
    resume: bool = False,
    journal: str = JOURNAL,
    on_step: Callable[[dict[str, Any]], None] | None = None,
    keep_going: bool = False,
    steps_named: Callable[[list[str]], list[Step] | None] | None = None,
) -> dict[str, Any]:
    """Run ``steps`` in order with a journal; ``resume`` continues the unfinished run of the incident.

    A failed step stops the run, unless ``keep_going`` (rehearsals report every step).
    ``steps_named`` gives the caller's steps for the names a journaled run listed, or None when
    it has none by one of them: a resumed run then goes on with the steps it began with, even
    if the caller's list changed since. Without it (or on None) the caller's ``steps`` run.
    """
    log, incident = ctx.log, ctx.incident
    runs = journal_runs(log, incident.id, journal)
    unfinished = runs[-1] if runs and not runs[-1].finished else None
    done: dict[str, dict[str, Any]] = {}
    if resume:
        if unfinished is None:
            raise BadInput(f"no unfinished {journal} run to resume for incident {incident.id}")
        names = unfinished.steps
        if names != [s.name for s in steps] and steps_named is not None:
            steps = steps_named(names) or steps
        run_id = unfinished.run_id
        for name in names:
            state = unfinished.states.get(name)
            if state and state.get("state") in DONE:
                done[name] = state
                ctx.data.update(state.get("data") or {})
            else:
                break
    else:
        if unfinished is not None and not any(st.get("state") in DONE for st in unfinished.states.values()):
            # nothing of it was done (e.g. the gate refused): close it and begin afresh
            log.record(
                "step",
                {
                    "journal": journal,
                    "run": unfinished.run_id,
                    "step": "_run",
                    "state": "finished",
                    "detail": "superseded: no step had finished",
                },
                incident.id,
            )
            unfinished = None
        if unfinished is not None:
            stuck = next((n for n in unfinished.steps if unfinished.states.get(n, {}).get("state") not in DONE), "?")
            raise BadInput(
                f"{journal} run {unfinished.run_id} did not finish (stopped at step '{stuck}')",
                hint=f"continue it with --resume, or pass --restart to begin a new run (journal: {log.path})",
            )
        run_id = f"{journal}-{ctx.now().strftime('%Y%m%dT%H%M%S.%fZ')}"
        log.record(
            "step",
            {
                "journal": journal,
                "run": run_id,
                "step": "_run",
                "state": "started",
                "steps": [s.name for s in steps],
                "stack": ctx.stack,
            },
            incident.id,
        )

    results: list[dict[str, Any]] = []
    failed: dict[str, Any] | None = None
    failures: list[dict[str, Any]] = []
    for step in steps:
        if step.name in done:
            prev = done[step.name]
            entry = {
                "step": step.name,
                "title": step.title,
                "status": prev["state"],
                "detail": prev.get("detail", ""),
                "seconds": prev.get("seconds", 0.0),
                "checks": prev.get("checks", []),
                "resumed": True,
            }
            results.append(entry)
            continue
        ctx.say(f"[bold]▶ {esc(step.title)}[/]")
        started_at = ctx.now()
        log.record("step", {"journal": journal, "run": run_id, "step": step.name, "state": "started"}, incident.id)
        t0 = time.monotonic()
        try:
            outcome = step.run(ctx)
        except DrError as exc:
            outcome = StepOutcome("failed", exc.message, {"hint": exc.hint} if exc.hint else {})
            failures.append({"step": step.name, "error": exc.message, "hint": exc.hint})
            failed = failed or failures[-1]
        except Exception as exc:
            # an unexpected error is journaled like a failed step (so --resume restarts this step)
            outcome = StepOutcome("failed", f"unexpected error: {type(exc).__name__}: {exc}")
            failures.append({"step": step.name, "error": outcome.detail, "hint": None})
            failed = failed or failures[-1]
            if not keep_going:
                log.record(
                    "step",
                    {
                        "journal": journal,
                        "run": run_id,
                        "step": step.name,
                        "state": "failed",
                        "detail": outcome.detail,
                        "seconds": round(time.monotonic() - t0, 3),
                    },
                    incident.id,
                )
                raise
        except KeyboardInterrupt:
            log.record(
                "step",
                {
                    "journal": journal,
                    "run": run_id,
                    "step": step.name,
                    "state": "failed",
                    "detail": "interrupted",
                    "seconds": round(time.monotonic() - t0, 3),
                },
                incident.id,
            )
            raise
        seconds = round(time.monotonic() - t0, 3)
        log.record(
            "step",
            {
                "journal": journal,
                "run": run_id,
                "step": step.name,
                "state": outcome.status,
                "detail": outcome.detail,
                "seconds": seconds,
                "data": outcome.data,
                "checks": outcome.checks,
                "started_at": to_iso(started_at),
            },
            incident.id,
        )
        entry = {
            "step": step.name,
            "title": step.title,
            "status": outcome.status,
            "detail": outcome.detail,
            "seconds": seconds,
            "checks": outcome.checks,
            "started_at": to_iso(started_at),
            "resumed": False,
        }
        results.append(entry)
        if on_step is not None:
            on_step(entry)
        mark = {"passed": "[green]✔[/]", "skipped": "[yellow]–[/]", "failed": "[red]✘[/]"}[outcome.status]
        ctx.say(f"  {mark} {esc(step.title)}: {esc(outcome.detail)} ({seconds:.1f}s)")
        if failed and not keep_going:
            break
    if failed is None:
        log.record("step", {"journal": journal, "run": run_id, "step": "_run", "state": "finished"}, incident.id)
    started = outage_started_at(log, incident)
    rto_from = started or incident.opened_at
    return {
        "run": run_id,
        "incident": incident.id,
        "stack": ctx.stack,
        "ok": failed is None,
        "failed": failed,
        "failures": failures,
        "steps": results,
        "steps_seconds": round(sum(float(r["seconds"]) for r in results), 3),
        "rto_from": to_iso(rto_from),
        "rto_seconds_so_far": round((ctx.now() - rto_from).total_seconds(), 1),
        "next": None if failed else (ctx.data.get("next") or "kaleo-dr cutover --to gcp"),
    }


def render_run_steps(data: dict[str, Any], title: str, resume_command: str) -> bool:
    """A journaled run's steps as a table, then where it stopped and how to resume; True when it stopped."""
    from rich.table import Table

    table = Table(title=title)
    for col in ("step", "status", "seconds", "detail"):
        table.add_column(col)
    colors = {"passed": "green", "skipped": "yellow", "failed": "red"}
    for s in data["steps"]:
        status = f"[{colors[s['status']]}]{s['status']}[/]" + (" (earlier run)" if s.get("resumed") else "")
        table.add_row(esc(s["title"]), status, f"{s['seconds']:.1f}", esc(s["detail"]))
    console.print(table)
    if not data["failed"]:
        return False
    console.print(f"[red]stopped at {data['failed']['step']}[/]: {esc(data['failed']['error'])}")
    if data["failed"].get("hint"):
        console.print(f"[yellow]hint:[/] {esc(data['failed']['hint'])}")
    console.print(f"fix the cause, then: {resume_command}")
    return True
