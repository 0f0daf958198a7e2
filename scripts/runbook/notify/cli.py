"""``kaleo-dr notify`` and ``kaleo-dr notify due``: the command line."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.output import BadInput, DrError, console, emit, err_console, fail, info
from scripts.runbook.notify.message import PHASES, Recipient, build_message, recipients_from
from scripts.runbook.notify.send import RunResult, send_all
from scripts.runbook.notify.templates import Templates
from scripts.runbook.notify.update import choose_update


@contextlib.contextmanager
def single_run(log_path: Path) -> Iterator[None]:
    """One notify run at a time per incident log (an flock next to it)."""
    import fcntl

    from scripts.state import private_file

    lock_path = private_file(log_path.with_name(log_path.name + ".notify.lock"))
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BadInput(f"another kaleo-dr notify is running (lock {lock_path})") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _progress_bar(total: int, as_json: bool) -> tuple[Any, Any]:
    """A Rich progress bar on stderr when it is a terminal; otherwise a no-op."""
    if not sys.stderr.isatty() or total == 0:
        return contextlib.nullcontext(), lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("notify"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err_console)
    task = bar.add_task("notify", total=total)
    return bar, lambda: bar.advance(task)


def run_notify(
    phase: str,
    message: str,
    dry_run: bool,
    new_update: bool,
    resend_unknown: bool,
    customers_file: Path | None,
    as_json: bool,
    components: list[str] | None = None,
) -> tuple[dict[str, Any], int]:
    from scripts.runbook.incident import Incident, open_log, utcnow

    cfg = get_config()
    settings = cfg.notify
    if phase not in PHASES:
        raise BadInput(f"--phase {phase!r}: use one of {', '.join(PHASES)}")
    if not dry_run:
        if settings.smtp is None:
            raise BadInput("notify.smtp is not set in kaleo-dr.yaml", hint="set notify.smtp.host (not hosted on AWS)")
        if not settings.sender:
            raise BadInput("notify.sender is not set in kaleo-dr.yaml")
    templates = Templates(settings.templates_dir)
    recipients, bad_rows = recipients_from(cfg, customers_file, components)
    if not recipients:
        raise BadInput(
            "no valid customer contact to notify"
            + (f" for component(s) {', '.join(components)}" if components else ""),
            hint="check contacts.customers_file and --component",
        )
    with open_log() as log, contextlib.nullcontext() if dry_run else single_run(log.path):
        incident = log.current_incident()
        if incident is None:
            if not dry_run:
                raise BadInput(
                    "there is no open incident to notify about",
                    hint="kaleo-dr triage, kaleo-dr declare or kaleo-dr report-customer opens one",
                )
            incident = Incident(0, utcnow(), "(no open incident: preview)")
        update, notes = choose_update(log, incident, phase, message, new_update, dry_run)
        rows = {r.contact_key: r for r in log.ledger(incident.id, update.update_no)} if incident.id else {}
        todo: list[tuple[Recipient, str | None]] = []
        already: list[str] = []
        unknown_before: dict[str, str] = {}
        for r in recipients:
            row = rows.get(r.key)
            if row is None:
                todo.append((r, None))
            elif row.status == "sent":
                already.append(r.key)
            elif row.status in ("failed", "claimed") or resend_unknown:
                # refused, never reached end-of-data, or an unknown outcome resent on purpose
                todo.append((r, row.status))
            else:
                unknown_before[r.key] = row.error or "a run ended between end-of-data and the relay's reply"
        preview = None
        if recipients:
            first = todo[0][0] if todo else recipients[0]
            msg = build_message(cfg, templates, update, first, utcnow())
            preview = {"to": msg.to, "subject": msg.subject, "text": msg.text}
        data: dict[str, Any] = {
            "incident_id": incident.id or None,
            "update_no": update.update_no,
            "phase": phase,
            "resumed": update.resumed,
            "dry_run": dry_run,
            "contacts": len(recipients),
            "already_sent": len(already),
            "bad_rows": bad_rows,
            "notes": notes,
            "preview": preview,
        }
        if dry_run:
            data["would_send"] = [
                {"contact_key": r.key, "email": r.email, "customer": r.customer_name, "retry": prev} for r, prev in todo
            ]
            data["unknown"] = unknown_before
            return data, 0
        if not todo:
            info(f"update {update.update_no}: nothing left to send", as_json)
        bar, advance = _progress_bar(len(todo), as_json)
        with bar:
            result = send_all(cfg, log, update, todo, templates, advance) if todo else RunResult()
        unknown = {**unknown_before, **result.unknown}
        data.update(
            {
                "sent": len(result.sent),
                "failed": result.failed,
                "unknown": unknown,
                "not_attempted": result.not_attempted,
                "relays_used": sorted(result.relays_used),
                "relay_errors": sorted(set(result.relay_errors)),
            }
        )
        complete = not (result.failed or unknown or result.not_attempted)
        return data, 0 if complete else 1


def render(data: dict[str, Any]) -> None:
    head = "dry run: " if data["dry_run"] else ""
    verb = "resuming" if data["resumed"] else "update"
    console.print(
        f"{head}incident {data['incident_id'] or '-'}, {verb} {data['update_no']} ({data['phase']}): "
        f"{data['contacts']} contact(s), {data['already_sent']} already sent"
    )
    for note in data["notes"]:
        console.print(f"[yellow]note:[/] {note}")
    for row in data["bad_rows"]:
        console.print(f"[yellow]bad row left out:[/] {row}")
    if data["dry_run"]:
        console.print(f"would send {len(data['would_send'])} message(s)")
        for item in data["would_send"][:20]:
            console.print(f"  {item['email']} ({item['customer']})")
        if len(data["would_send"]) > 20:
            console.print(f"  ... and {len(data['would_send']) - 20} more")
        if data["preview"]:
            console.print(f"\n[bold]Subject:[/] {data['preview']['subject']}\n{data['preview']['text']}")
    else:
        console.print(f"[green]sent {data['sent']}[/] via {', '.join(data['relays_used']) or '-'}")
        for key, why in data["failed"].items():
            console.print(f"[red]failed[/] {key}: {why}")
        if data["not_attempted"]:
            console.print(f"[red]not attempted ({len(data['not_attempted'])}):[/] every relay is down")
        for error in data["relay_errors"]:
            console.print(f"  [red]relay:[/] {error}")
    for key, why in data["unknown"].items():
        console.print(
            f"[magenta]unknown outcome[/] {key}: {why} (not resent; check with the contact, or --resend-unknown)"
        )


def due(now: dt.datetime) -> tuple[dict[str, Any], bool]:
    from scripts.runbook.incident import incident_log_path, open_log, to_iso

    cfg = get_config()
    cadence = dt.timedelta(minutes=cfg.notify.cadence_minutes)
    if not incident_log_path().exists():
        # No log is not "nothing due": this machine cannot see the incident or the updates already sent.
        raise BadInput(
            f"no incident log at {incident_log_path()}: cannot tell whether an update is due",
            hint="run it where the incident log is kept, or set state.dir / state.incident_log",
        )
    with open_log() as log:
        incident = log.current_incident()
        if incident is None:
            return {"incident_id": None, "due": False, "detail": "no open incident"}, False
        last = log.last_event(incident.id, "notify_update")
        data: dict[str, Any] = {"incident_id": incident.id, "cadence_minutes": cfg.notify.cadence_minutes}
        if last is None:
            data.update(
                last_update=None,
                next_due_at=to_iso(incident.opened_at),
                due=True,
                overdue=True,
                detail="no update sent yet for this incident: send the first one now",
            )
            return data, True
        data["last_update"] = {
            "update_no": last.payload["update_no"],
            "phase": last.payload["phase"],
            "at": to_iso(last.at),
        }
        if last.payload["phase"] == "resolved":
            data.update(next_due_at=None, due=False, overdue=False, detail="resolved: no further update due")
            return data, False
        next_due = last.at + cadence
        minutes = (next_due - now).total_seconds() / 60
        overdue = minutes < 0
        data.update(
            next_due_at=to_iso(next_due),
            minutes_until=round(minutes, 1),
            due=overdue,
            overdue=overdue,
            detail=(f"overdue by {-minutes:.0f} min" if overdue else f"next update due in {minutes:.0f} min"),
        )
        return data, overdue


def register(app: typer.Typer) -> None:
    notify = new_app(
        "Email every customer's designated contact, exactly once per update.\n\n"
        "kaleo-dr notify --phase investigating [--message TEXT] [--dry-run]; kaleo-dr notify due.",
        no_args_is_help=False,
        invoke_without_command=True,
    )
    app.add_typer(notify, name="notify")

    @notify.callback()
    def notify_command(
        ctx: typer.Context,
        phase: Annotated[
            str | None, typer.Option("--phase", help="investigating, identified, monitoring or resolved.")
        ] = None,
        message: Annotated[
            str, typer.Option("--message", "-m", help="The update's text (default: the phase's standard text).")
        ] = "",
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would go out; send nothing.")] = False,
        new_update: Annotated[
            bool,
            typer.Option("--new-update", help="Start a new update even if the last one has the same phase and text."),
        ] = False,
        resend_unknown: Annotated[
            bool,
            typer.Option(
                "--resend-unknown",
                help="Also resend messages whose outcome is unknown (the contact may get it twice).",
            ),
        ] = False,
        customers_file: Annotated[
            Path | None, typer.Option("--customers-file", help="Customers CSV (default: contacts.customers_file).")
        ] = None,
        component: Annotated[
            list[str] | None,
            typer.Option(
                "--component",
                help="Only customers using this component (repeatable; customers without components always count).",
            ),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Send the status update for the current incident (rerun resumes it; nobody gets it twice).

        Exit 0 when every contact has the update; 1 when some failed, have an unknown outcome or
        were not attempted (every relay down); 2 for bad input or configuration.
        """
        if ctx.invoked_subcommand is not None:
            return
        try:
            if phase is None:
                raise BadInput("--phase is required: investigating, identified, monitoring or resolved")
            data, code = run_notify(
                phase, message, dry_run, new_update, resend_unknown, customers_file, as_json, component or None
            )
        except DrError as exc:  # this group's own options include --json: answer in JSON
            fail(exc, as_json)
        emit(data, as_json, render)
        if code:
            raise typer.Exit(code)

    @notify.command("due")
    def due_command(as_json: JsonOpt = False) -> None:
        """When the next status update is due (notify.cadence_minutes); exit 1 when it is overdue.

        Exit 2 when there is no incident log here: no log is not "nothing due".
        """
        from scripts.runbook.incident import utcnow

        data, overdue = due(utcnow())

        def show(d: dict[str, Any]) -> None:
            at = f" (at {d['next_due_at']})" if d.get("next_due_at") else ""
            console.print(d["detail"] + at)

        emit(data, as_json, show)
        if overdue:
            raise typer.Exit(1)
