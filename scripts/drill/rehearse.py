"""``kaleo-dr rehearse``: the DR drill, on one machine (``--local``) or in a sandbox account (``--sandbox``).

``--local`` (behind ``make drill``) needs no cloud. It starts real local stand-ins and plays
an Amazon outage from the first signal to the DNS cutover:

* before the outage: a throwaway PostgreSQL plays production (RDS), seeded with a Q&A
  product schema and data; moto plays AWS (the RDS instance with a snapshot, the S3
  bucket with objects); the nightly backup ships to gcp-storage-emulator (GCS);
* the outage: production and moto are stopped (nothing inside AWS answers any more);
  the status-page, AWS status, Pingdom and DNS stand-ins report the outage;
* the run, each step timed and journaled: triage -> declare -> notify (an SMTP sink, a
  small customer list) -> newest good backup -> 24-hour gate (overridden and logged: the
  simulated outage is younger than 24 h) -> offline plan of the gcp stack -> provisioning
  check (inventory rendered from the plan, playbook syntax and host lists) -> restore into
  a second PostgreSQL playing the GCP database VM -> validation against the manifest and
  production -> smoke checks and application queries -> DNS cutover at the Cloudflare
  stand-in, then failback restoring the records exactly;
* the report: ``report.md``, ``report.json`` and ``report.html`` (timeline chart, inline
  SVG) with per-step durations, RTO, RPO, the backup used and every check. A copy of
  ``report.json`` is kept under ``<state.dir>/reports`` for ``rehearse history``.

A step whose building block is missing is reported FAILED as "not available"; nothing is
faked. Every process and temporary file is removed at the end, also on failure or Ctrl-C.
Exit 1 when any check failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.drill.history import history
from scripts.drill.local import run_local
from scripts.drill.report import fmt_seconds
from scripts.drill.sandbox import run_sandbox
from scripts.output import BadInput, DrError, console, emit, fail, info


def _render_report(report: dict[str, Any]) -> None:
    from rich.table import Table

    colors = {"passed": "green", "skipped": "yellow", "failed": "red"}
    table = Table(title=f"DR drill {report['drill_id']}")
    for col in ("step", "status", "seconds", "detail"):
        table.add_column(col)
    for s in report["steps"]:
        table.add_row(
            esc(s["title"]),
            f"[{colors.get(s['status'], 'white')}]{s['status']}[/]",
            f"{s['seconds']:.2f}",
            esc(str(s["detail"])[:110]),
        )
    console.print(table)
    verdict = "[green]PASSED[/]" if report["ok"] else "[red]FAILED[/]"
    console.print(
        f"drill {verdict}: RTO {fmt_seconds(report['rto_seconds'])}, RPO {fmt_seconds(report['rpo_seconds'])}, "
        f"{report['checks_passed']} checks passed, {report['checks_failed']} failed"
    )
    for c in report["checks"]:
        if c["status"] == "failed":
            console.print(f"  [red]✘[/] {esc(c['step'])} / {esc(c['name'])}: {esc(str(c['detail'])[:200])}")
    files = report.get("files") or {}
    if files:
        console.print("report: " + ", ".join(v for k, v in files.items() if k != "kept"))


def _render_history(data: dict[str, Any]) -> None:
    from rich.table import Table

    if not data["quarters"]:
        console.print(f"no drill reports in {data['folder']}")
        return
    table = Table(title="DR drills quarter over quarter")
    for col in ("quarter", "drills", "passed", "last", "RTO", "ΔRTO", "RPO", "ΔRPO"):
        table.add_column(col)
    for q in data["quarters"]:

        def delta(v: float | None) -> str:
            return "" if v is None else ("+" if v > 0 else "-") + fmt_seconds(abs(v))

        table.add_row(
            q["quarter"],
            str(q["drills"]),
            str(q["passed"]),
            "ok" if q["last_ok"] else "FAILED",
            fmt_seconds(q["rto_seconds"]),
            delta(q["rto_change_seconds"]),
            fmt_seconds(q["rpo_seconds"]),
            delta(q["rpo_change_seconds"]),
        )
    console.print(table)


def _rehearse(local: bool, sandbox: bool, teardown: bool, out: Path, as_json: bool) -> None:
    if local == sandbox:
        raise BadInput("choose exactly one of --local or --sandbox (or the 'history' command)")
    if teardown and not sandbox:
        raise BadInput("--teardown only goes with --sandbox")
    config = get_config()
    if local:
        info(
            "local DR drill: starting stand-ins (PostgreSQL x2, moto, GCS emulator, status pages, "
            "Pingdom, DNS, public resolvers, connectivity checks, SMTP, Cloudflare)",
            as_json,
        )
        report = run_local(config, out, as_json)
    else:
        report = run_sandbox(config, teardown, out, as_json)
        if teardown:
            emit(report, as_json)
            return
    emit(report, as_json, _render_report)
    if not report["ok"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    sub = new_app(
        "Rehearse the failover: --local (one machine, no cloud; what `make drill` runs), --sandbox (the quarterly "
        "drill in a sandbox account), history (RTO and RPO quarter over quarter).",
        no_args_is_help=False,
        invoke_without_command=True,
    )

    @sub.callback()
    def rehearse(
        ctx: typer.Context,
        local: Annotated[bool, typer.Option("--local", help="The whole drill on this machine with stand-ins.")] = False,
        sandbox: Annotated[
            bool, typer.Option("--sandbox", help="The quarterly drill against real clouds (stack <gcp>-drill-YYYYqN).")
        ] = False,
        teardown: Annotated[
            bool, typer.Option("--teardown", help="With --sandbox: destroy the sandbox drill stack.")
        ] = False,
        out: Annotated[Path, typer.Option("--out", help="Report folder (report.md/.json/.html).")] = Path(
            "drill-report"
        ),
        as_json: JsonOpt = False,
    ) -> None:
        """Run a DR drill and write its report; exit 1 when any check failed."""
        if ctx.invoked_subcommand is not None:
            return
        try:
            _rehearse(local, sandbox, teardown, out, as_json)
        except DrError as exc:
            fail(exc, as_json)

    @sub.command("history")
    def history_cmd(
        folder: Annotated[
            Path | None, typer.Option("--reports", help="Folder of kept reports (default <state.dir>/reports).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """RTO and RPO of the kept drill reports, quarter over quarter."""
        path = folder or get_config().state.dir / "reports"
        emit(history(path), as_json, _render_history)

    app.add_typer(sub, name="rehearse")
