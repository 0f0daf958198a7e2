"""``kaleo-dr triage``: run every check, decide the verdict, record the evidence bundle in the
incident log (starting the Amazon-outage clock when the verdict says so) and render it.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig
from scripts.output import console, emit, info
from scripts.runbook.triage.build import build_checks
from scripts.runbook.triage.checks import STATUS_STYLE, CheckResult, run_checks
from scripts.runbook.triage.httpchecks import Http
from scripts.runbook.triage.verdict import Verdict, decide


def run_triage(cfg: KaleoConfig) -> tuple[list[CheckResult], Verdict, float]:
    http = Http()
    try:
        checks = build_checks(cfg, http)
        t0 = time.monotonic()
        results = run_checks(checks, cfg.triage.grace)
        elapsed = time.monotonic() - t0
    finally:
        http.close()
    return results, decide(results, cfg.triage.vantage.min_providers, cfg.declare.min_regions), elapsed


def record_triage(results: list[CheckResult], verdict: Verdict, elapsed: float) -> dict[str, Any]:
    """Store the evidence bundle; open an incident when an outage is found; start the Amazon clock."""
    from scripts.runbook.incident import open_log, utcnow

    with open_log() as log:
        incident_id: int | None = None
        opened = False
        if verdict.branch not in ("healthy", "undetermined"):
            incident, opened = log.ensure_incident(f"outage: {verdict.branch}")
            incident_id = incident.id
        else:
            current = log.current_incident()
            incident_id = current.id if current else None
        bundle: dict[str, Any] = {"verdict": verdict.to_dict(), "seconds": round(elapsed, 3)}
        if verdict.vantage_failure:
            # A vantage failure, not provider trouble: only the vantage probes are evidence of anything.
            bundle["vantage_failure"] = True
            bundle["results"] = [r.to_dict() for r in results if r.category == "vantage"]
            bundle["not_evaluated"] = [r.name for r in results if r.category != "vantage"]
        else:
            bundle["results"] = [r.to_dict() for r in results]
        event = log.record("triage", bundle, incident_id)
        clock = None
        if verdict.branch == "amazon-outage" and incident_id is not None:
            existing = log.last_event(incident_id, "amazon_outage")
            if existing is None:
                since = verdict.amazon_outage_since or event.at.isoformat()
                clock = log.record(
                    "amazon_outage",
                    {"since": since, "source": "triage", "evidence": verdict.evidence, "triage_event": event.id},
                    incident_id,
                ).payload
            else:
                clock = existing.payload
        return {
            "incident_id": incident_id,
            "incident_opened": opened,
            "event_id": event.id,
            "log": str(log.path),
            "amazon_outage": clock,
            "recorded_at": utcnow().isoformat(),
        }


def render(data: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title=f"triage ({data['seconds']:.1f}s)")
    for col in ("check", "status", "detail", "ms"):
        table.add_column(col)
    for r in data["results"]:
        style = STATUS_STYLE[r["status"]]
        table.add_row(r["name"], f"[{style}]{r['status']}[/]", r["detail"], f"{r['latency_ms']:.0f}")
    console.print(table)
    v = data["verdict"]
    console.print(f"[bold]verdict:[/] {v['branch']} - {v['action']}")
    for reason in v["reasons"]:
        console.print(f"  because {reason}")
    for warning in v["warnings"]:
        console.print(f"  [yellow]note:[/] {warning}")
    if v["next_command"]:
        console.print(f"[bold]next:[/] {v['next_command']}")
    log = data.get("log") or {}
    if log.get("incident_id") is not None:
        console.print(f"evidence recorded in incident {log['incident_id']} ({log['log']})")


def register(app: typer.Typer) -> None:
    @app.command("triage")
    def triage_command(
        no_record: Annotated[
            bool, typer.Option("--no-record", help="Do not write the evidence to the incident log.")
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Check AWS, Cloudflare, Pingdom, DNS, Kaleo's endpoints and AWS resources at once; name the plan's branch.

        The vantage check runs first: from a machine that reaches no public resolver and no
        connectivity-check endpoint, the verdict is undetermined, nothing is blamed and no clock starts.
        An amazon-outage verdict needs two independent sources to agree.

        Exit 0 when Kaleo is healthy, 1 when an outage is found, 3 when the picture is undetermined.
        A healthy verdict with a service check (Pingdom, an HTTP probe) that could not look exits 2 for a
        configuration cause (a missing token) or 3 (unreachable): the answer is incomplete.
        """
        cfg = get_config()
        info("triage: running every check at once...", as_json)
        results, verdict, elapsed = run_triage(cfg)
        data: dict[str, Any] = {
            "verdict": verdict.to_dict(),
            "results": [r.to_dict() for r in results],
            "seconds": round(elapsed, 3),
        }
        data["log"] = None if no_record else record_triage(results, verdict, elapsed)
        emit(data, as_json, render)
        if verdict.exit_code:
            raise typer.Exit(verdict.exit_code)
