"""``kaleo-dr declare`` and ``kaleo-dr report-customer``: the plan's disaster declaration rules.

A disaster is declared when either rule fires (numbers from ``declare`` in ``kaleo-dr.yaml``):

* monitoring - a Pingdom check has been DOWN, confirmed by probes in at least
  ``min_regions`` (2) distinct regions, continuously for more than ``outage_minutes`` (30).
  Pingdom's ``/summary.outage`` says since when the check is down; ``/results`` (probe ids
  mapped to regions through ``/probes``) says since when each region has seen it down
  without a single ``up`` in between. The rule's start is the moment the
  ``min_regions``-th region joined;
* customers - reports from at least ``min_customer_reports`` (3) distinct customers
  (``kaleo-dr report-customer``; the same customer twice counts once).

A rule that could not be evaluated is not a "no": each rule in the result says whether it was
evaluated and why (``rules``: ``evaluated``, ``fired``, ``reason``, ``cause``). When no rule fired
and one could not be evaluated, the command exits 2 for a configuration cause (a missing or
refused Pingdom token) and 3 (inconclusive) when Pingdom did not answer or had no probe results
for the window; never 0.

Every evaluation is recorded in the incident log with its evidence, as are customer reports
and overrides. The output also carries the Amazon-outage clock: hours since the outage
began (started by ``kaleo-dr triage`` or set with ``--amazon-outage-since``) and whether
the ``rebuild_gate_hours`` (24) gate for the GCP rebuild is open; :func:`rebuild_gate` is
the same check for the failover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, Literal

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig
from scripts.output import BadInput, ExitCode, console, emit
from scripts.runbook.incident import Incident, IncidentLog, from_iso, open_log, to_iso, utcnow

STILL_DOWN_TOLERANCE = dt.timedelta(minutes=5)


# -- the monitoring rule -----------------------------------------------------------------------
@dataclass
class MonitoringEvaluation:
    check_id: int
    fired: bool
    status: Literal["down", "up", "unknown"]
    detail: str
    down_since: str | None = None
    since: str | None = None
    fired_at: str | None = None
    minutes: float | None = None
    regions_down: dict[str, str] = field(default_factory=dict)
    regions_up: list[str] = field(default_factory=list)
    evaluated: bool = True
    cause: str | None = None  # why it could not be evaluated: config, unreachable, no-data


def merge_down_since(states: list[dict[str, Any]], now: dt.datetime) -> dt.datetime | None:
    """Start of the current, unbroken DOWN period from ``/summary.outage`` states (None if up now)."""
    ordered = sorted(states, key=lambda s: int(s.get("timefrom", 0)))
    since: int | None = None
    last_to: int | None = None
    for state in ordered:
        if state.get("status") == "down":
            if since is None or (last_to is not None and int(state["timefrom"]) > last_to):
                since = int(state["timefrom"])
            last_to = int(state.get("timeto", state["timefrom"]))
        else:
            since, last_to = None, None
    if since is None or last_to is None:
        return None
    if dt.datetime.fromtimestamp(last_to, dt.UTC) < now - STILL_DOWN_TOLERANCE:
        return None
    return dt.datetime.fromtimestamp(since, dt.UTC)


def regions_down_since(
    results: list[dict[str, Any]], probe_region: dict[int, str], down_since: dt.datetime
) -> tuple[dict[str, dt.datetime], list[str]]:
    """Per region, since when its probes report DOWN without an ``up`` in between (regions down now)."""
    by_region: dict[str, list[tuple[int, str]]] = {}
    for r in results:
        region = probe_region.get(int(r.get("probeid", -1)), f"probe-{r.get('probeid')}")
        by_region.setdefault(region, []).append((int(r["time"]), str(r.get("status"))))
    down: dict[str, dt.datetime] = {}
    up: list[str] = []
    for region, items in by_region.items():
        items.sort()
        if items[-1][1] != "down":
            up.append(region)
            continue
        start: dt.datetime = down_since
        for i in range(len(items) - 1, -1, -1):
            if items[i][1] != "down":
                start = dt.datetime.fromtimestamp(items[i + 1][0], dt.UTC)
                break
        down[region] = max(start, down_since)
    return down, sorted(up)


def evaluate_check(
    check_id: int,
    states: list[dict[str, Any]],
    results: list[dict[str, Any]],
    probe_region: dict[int, str],
    now: dt.datetime,
    settings: Any,
) -> MonitoringEvaluation:
    down_since = merge_down_since(states, now)
    if down_since is None:
        return MonitoringEvaluation(check_id, False, "up", "the check is not DOWN now")
    if not results:
        return MonitoringEvaluation(
            check_id,
            False,
            "unknown",
            f"DOWN since {down_since:%Y-%m-%d %H:%M} UTC, but Pingdom returned no probe results for the window: "
            "the regions cannot be counted",
            down_since=to_iso(down_since),
            evaluated=False,
            cause="no-data",
        )
    regions, up = regions_down_since(results, probe_region, down_since)
    ev = MonitoringEvaluation(
        check_id,
        False,
        "down",
        "",
        down_since=to_iso(down_since),
        regions_down={k: to_iso(v) for k, v in sorted(regions.items())},
        regions_up=up,
    )
    if len(regions) < settings.min_regions:
        ev.detail = (
            f"DOWN since {down_since:%Y-%m-%d %H:%M} UTC but confirmed from {len(regions)} region(s) "
            f"({', '.join(sorted(regions)) or 'none'}); the rule needs {settings.min_regions}"
        )
        return ev
    since = max(down_since, sorted(regions.values())[settings.min_regions - 1])
    minutes = (now - since).total_seconds() / 60
    ev.since, ev.minutes = to_iso(since), round(minutes, 1)
    threshold = dt.timedelta(minutes=settings.outage_minutes)
    ev.fired = now - since > threshold
    if ev.fired:
        ev.fired_at = to_iso(since + threshold)
        ev.detail = (
            f"DOWN from {len(regions)} regions ({', '.join(sorted(regions))}) for {minutes:.0f} min "
            f"(> {settings.outage_minutes})"
        )
    else:
        ev.detail = (
            f"DOWN from {len(regions)} regions for {minutes:.0f} min; the rule needs more than "
            f"{settings.outage_minutes}"
        )
    return ev


def evaluate_monitoring(cfg: KaleoConfig, now: dt.datetime) -> list[MonitoringEvaluation]:
    """Ask Pingdom (``/summary.outage``, ``/probes``, ``/results``) and apply the rule to every check."""
    from scripts.runbook.triage.checks import CheckError
    from scripts.runbook.triage.httpchecks import Http, pingdom_get

    settings = cfg.declare
    http = Http()
    try:
        try:
            ids = list(cfg.triage.pingdom.check_ids) or [
                int(c["id"]) for c in pingdom_get(http, cfg, "/checks").get("checks", [])
            ]
            probes = pingdom_get(http, cfg, "/probes").get("probes", [])
        except CheckError as exc:
            return [MonitoringEvaluation(0, False, "unknown", f"Pingdom: {exc}", evaluated=False, cause=exc.cause)]
        region_of = {int(p["id"]): str(p.get("region") or p.get("countryiso") or p["id"]) for p in probes}
        start = int((now - dt.timedelta(hours=settings.lookback_hours)).timestamp())
        end = int(now.timestamp())
        out = []
        for check_id in ids:
            try:
                states = pingdom_get(http, cfg, f"/summary.outage/{check_id}?from={start}&to={end}")
                states_list = states.get("summary", {}).get("states", [])
                down_since = merge_down_since(states_list, now)
                results: list[dict[str, Any]] = []
                if down_since is not None:
                    first = max(start, int(down_since.timestamp()))
                    offset = 0
                    while True:
                        page = pingdom_get(
                            http, cfg, f"/results/{check_id}?from={first}&to={end}&limit=1000&offset={offset}"
                        ).get("results", [])
                        results.extend(page)
                        if len(page) < 1000:
                            break
                        offset += len(page)
                out.append(evaluate_check(check_id, states_list, results, region_of, now, settings))
            except CheckError as exc:
                out.append(
                    MonitoringEvaluation(
                        check_id, False, "unknown", f"Pingdom: {exc}", evaluated=False, cause=exc.cause
                    )
                )
        return out
    finally:
        http.close()


# -- the customer rule ----------------------------------------------------------------------------
@dataclass
class CustomerEvaluation:
    fired: bool
    customers: list[str]
    reports: int
    since: str | None
    fired_at: str | None
    detail: str


def evaluate_customers(log: IncidentLog, incident: Incident | None, needed: int) -> CustomerEvaluation:
    if incident is None:
        return CustomerEvaluation(False, [], 0, None, None, "no customer reports (no open incident)")
    reports = log.events(incident.id, "customer_report")
    first_seen: dict[str, dt.datetime] = {}
    for event in reports:
        cid = str(event.payload.get("customer_id"))
        at = from_iso(event.payload["reported_at"]) if event.payload.get("reported_at") else event.at
        if cid not in first_seen or at < first_seen[cid]:
            first_seen[cid] = at
    ordered = sorted(first_seen.items(), key=lambda kv: kv[1])
    fired = len(ordered) >= needed
    since = to_iso(ordered[0][1]) if ordered else None
    fired_at = to_iso(ordered[needed - 1][1]) if fired else None
    detail = (
        f"{len(ordered)} distinct customer(s) reported the service unavailable ({len(reports)} report(s)); "
        f"the rule needs {needed}"
    )
    return CustomerEvaluation(fired, [cid for cid, _ in ordered], len(reports), since, fired_at, detail)


# -- the Amazon-outage clock ----------------------------------------------------------------------
@dataclass
class GateStatus:
    since: str | None
    hours: float | None
    gate_hours: int
    open: bool
    opens_at: str | None
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def amazon_clock(log: IncidentLog, incident: Incident | None, now: dt.datetime, gate_hours: int) -> GateStatus:
    event = log.last_event(incident.id, "amazon_outage") if incident else None
    if event is None or not event.payload.get("since"):
        return GateStatus(None, None, gate_hours, False, None, None)
    since = from_iso(str(event.payload["since"]))
    hours = (now - since).total_seconds() / 3600
    opens_at = since + dt.timedelta(hours=gate_hours)
    return GateStatus(
        to_iso(since),
        round(hours, 2),
        gate_hours,
        hours >= gate_hours,
        to_iso(opens_at),
        str(event.payload.get("source", "")) or None,
    )


def rebuild_gate(log: IncidentLog | None = None, now: dt.datetime | None = None) -> GateStatus:
    """Is the plan's 24-hour gate for the GCP rebuild open for the current incident?"""
    gate_hours = get_config().declare.rebuild_gate_hours
    if log is None:
        with open_log() as opened:
            return amazon_clock(opened, opened.current_incident(), now or utcnow(), gate_hours)
    return amazon_clock(log, log.current_incident(), now or utcnow(), gate_hours)


# -- the decision -----------------------------------------------------------------------------------
def _monitoring_state(monitoring: list[MonitoringEvaluation], skipped: bool) -> dict[str, Any]:
    """The monitoring rule as one entry: evaluated or not, fired or not, and why."""
    if skipped:
        return {
            "rule": "monitoring",
            "evaluated": False,
            "fired": False,
            "reason": "skipped (--no-monitoring)",
            "cause": "skipped",
        }
    fired = [m for m in monitoring if m.fired]
    missing = [m for m in monitoring if not m.evaluated]
    if fired:
        return {"rule": "monitoring", "evaluated": True, "fired": True, "reason": fired[0].detail, "cause": None}
    if missing or not monitoring:
        causes = [m.cause or "unreachable" for m in missing]
        return {
            "rule": "monitoring",
            "evaluated": False,
            "fired": False,
            "reason": "; ".join(m.detail for m in missing) or "Pingdom listed no check to evaluate",
            "cause": "config" if "config" in causes or not monitoring else causes[0],
        }
    return {
        "rule": "monitoring",
        "evaluated": True,
        "fired": False,
        "reason": "; ".join(f"check {m.check_id}: {m.detail}" for m in monitoring),
        "cause": None,
    }


def evaluate(cfg: KaleoConfig, log: IncidentLog, now: dt.datetime, skip_monitoring: bool = False) -> dict[str, Any]:
    incident = log.current_incident()
    monitoring = [] if skip_monitoring else evaluate_monitoring(cfg, now)
    customers = evaluate_customers(log, incident, cfg.declare.min_customer_reports)
    override = log.last_event(incident.id, "override") if incident else None
    declare_override = override if override and "declare" in override.payload else None
    rules = []
    fired_monitoring = [m for m in monitoring if m.fired]
    if fired_monitoring:
        first = min(fired_monitoring, key=lambda m: m.fired_at or "")
        rules.append({"rule": "monitoring", "since": first.since, "fired_at": first.fired_at, "detail": first.detail})
    if customers.fired:
        rules.append(
            {"rule": "customers", "since": customers.since, "fired_at": customers.fired_at, "detail": customers.detail}
        )
    declared = bool(rules)
    rule_states = [
        _monitoring_state(monitoring, skip_monitoring),
        {
            "rule": "customers",
            "evaluated": True,
            "fired": customers.fired,
            "reason": customers.detail,
            "cause": None,
        },
    ]
    inconclusive = None
    unevaluated = [r for r in rule_states if not r["evaluated"] and r["cause"] != "skipped"]
    if not declared and unevaluated:
        config_cause = any(r["cause"] == "config" for r in unevaluated)
        inconclusive = {
            "exit_code": int(ExitCode.BAD_INPUT if config_cause else ExitCode.INCONCLUSIVE),
            "reason": "no rule fired, but "
            + "; ".join(f"the {r['rule']} rule could not be evaluated: {r['reason']}" for r in unevaluated),
        }
    if declare_override is not None:
        declared = bool(declare_override.payload["declare"])
        rules.append(
            {
                "rule": "override",
                "since": to_iso(declare_override.at),
                "fired_at": to_iso(declare_override.at),
                "detail": f"declared {'yes' if declared else 'no'} by override: "
                f"{declare_override.payload.get('reason')}",
            }
        )
    if declare_override is not None:
        inconclusive = None  # a human decision recorded with its reason answers the question
    return {
        "declare": declared,
        "rules": rule_states,
        "inconclusive": inconclusive,
        "rules_fired": rules,
        "monitoring": [asdict(m) for m in monitoring],
        "customers": asdict(customers),
        "evaluated_at": to_iso(now),
        "thresholds": cfg.declare.model_dump(),
    }


def render(data: dict[str, Any]) -> None:
    if data["declare"]:
        verdict = "[bold red]DECLARE A DISASTER[/]"
    elif data.get("inconclusive"):
        verdict = "[magenta]NO ANSWER: a rule could not be evaluated[/]"
    else:
        verdict = "[green]no disaster declared[/]"
    console.print(f"{verdict} (incident {data.get('incident_id') or '-'})")
    for state in data.get("rules", []):
        if not state["evaluated"]:
            console.print(f"  [magenta]rule {state['rule']} NOT EVALUATED[/]: {state['reason']}")
    for rule in data["rules_fired"]:
        console.print(f"  rule {rule['rule']} fired at {rule['fired_at']} (condition since {rule['since']})")
        console.print(f"    {rule['detail']}")
    for m in data["monitoring"]:
        console.print(f"  monitoring check {m['check_id']}: {m['detail']}")
    console.print(f"  customers: {data['customers']['detail']}")
    clock = data["amazon_clock"]
    if clock["since"]:
        state = "[bold]OPEN[/]" if clock["open"] else f"closed until {clock['opens_at']}"
        console.print(
            f"  Amazon outage clock: {clock['hours']:.1f} h since {clock['since']}; "
            f"{clock['gate_hours']}-hour GCP rebuild gate {state}"
        )
    else:
        console.print("  Amazon outage clock: not started (triage has not found an Amazon outage)")
    if data.get("inconclusive"):
        console.print(f"[magenta]{data['inconclusive']['reason']}[/]")


def _parse_when(value: str, flag: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadInput(f"{flag} {value!r}: use an ISO 8601 time, e.g. 2026-01-31T14:05:00Z") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def register(app: typer.Typer) -> None:
    @app.command("declare")
    def declare_command(
        override: Annotated[
            str | None,
            typer.Option("--override", help="yes or no: a human decision that overrides the rules (needs --reason)."),
        ] = None,
        amazon_outage_since: Annotated[
            str | None,
            typer.Option("--amazon-outage-since", help="Set when the Amazon outage began (ISO 8601; needs --reason)."),
        ] = None,
        close: Annotated[bool, typer.Option("--close", help="Close the current incident (needs --reason).")] = False,
        reason: Annotated[str | None, typer.Option("--reason", help="Why, for the incident log.")] = None,
        no_monitoring: Annotated[
            bool, typer.Option("--no-monitoring", help="Skip Pingdom (evaluate the customer rule only).")
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Evaluate the plan's disaster rules (Pingdom, customer reports) and record the decision.

        Exit 1 when a disaster is declared, 0 when every rule was evaluated and none fired. When no rule
        fired and one could not be evaluated: exit 2 for a configuration cause (a missing or refused
        Pingdom token), 3 when Pingdom did not answer or had no data for the window. --json carries each
        rule's evaluated: true|false and its reason.
        """
        cfg = get_config()
        if (override or amazon_outage_since or close) and not reason:
            raise BadInput("--override, --amazon-outage-since and --close need --reason 'why'")
        if override is not None and override not in ("yes", "no"):
            raise BadInput(f"--override {override!r}: use yes or no")
        now = utcnow()
        with open_log() as log:
            if close:
                current = log.current_incident()
                if current is None:
                    raise BadInput("there is no open incident to close")
                log.close_incident(current.id, reason or "")
                emit(
                    {"closed": current.id, "reason": reason},
                    as_json,
                    lambda d: console.print(f"closed incident {d['closed']}"),
                )
                return
            if override is not None or amazon_outage_since is not None:
                opened, _ = log.ensure_incident("declared by override")
                if override is not None:
                    log.record("override", {"declare": override == "yes", "reason": reason}, opened.id)
                if amazon_outage_since is not None:
                    since = _parse_when(amazon_outage_since, "--amazon-outage-since")
                    if since > now:
                        raise BadInput("--amazon-outage-since is in the future")
                    log.record(
                        "amazon_outage", {"since": to_iso(since), "source": "override", "reason": reason}, opened.id
                    )
            data = evaluate(cfg, log, now, no_monitoring)
            incident = log.current_incident()
            if data["declare"] and incident is None:
                incident, _ = log.ensure_incident("disaster declared")
            data["incident_id"] = incident.id if incident else None
            data["amazon_clock"] = amazon_clock(log, incident, now, cfg.declare.rebuild_gate_hours).to_dict()
            event = log.record("decision", data, incident.id if incident else None)
            data["event_id"] = event.id
            first = (
                next((e for e in log.events(incident.id, "decision") if e.payload.get("declare")), None)
                if incident
                else None
            )
            data["declared_at"] = to_iso(first.at) if first else None
        emit(data, as_json, render)
        if data["declare"]:
            raise typer.Exit(int(ExitCode.CHECK_FAILED))
        if data["inconclusive"]:
            raise typer.Exit(int(data["inconclusive"]["exit_code"]))

    @app.command("report-customer")
    def report_customer_command(
        customer: Annotated[str, typer.Option("--customer", help="customer_id from customers.csv.")],
        via: Annotated[str, typer.Option("--via", help="email or phone.")],
        note: Annotated[str, typer.Option("--note", help="What the customer said.")] = "",
        at: Annotated[
            str | None, typer.Option("--at", help="When the report came in (ISO 8601; default: now).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Record a customer's report that the service is unavailable (3 distinct customers declare)."""
        from scripts.runbook.contacts import load_customers

        cfg = get_config()
        if via not in ("email", "phone"):
            raise BadInput(f"--via {via!r}: use email or phone")
        customer = customer.strip()
        if not customer:
            raise BadInput("--customer is empty")
        name = None
        customers_file = cfg.contacts.customers_file
        if customers_file.exists():
            known = {c.customer_id: c for c in load_customers(customers_file, cfg.contacts.default_region).rows}
            if customer not in known:
                raise BadInput(
                    f"--customer {customer!r} is not in {customers_file}",
                    hint="use the customer_id column of customers.csv",
                )
            name = known[customer].name
        now = utcnow()
        reported_at = _parse_when(at, "--at") if at else now
        if reported_at > now + dt.timedelta(minutes=1):
            raise BadInput("--at is in the future")
        with open_log() as log:
            incident, opened = log.ensure_incident("customer reports of unavailability")
            payload = {
                "customer_id": customer,
                "customer_name": name,
                "via": via,
                "note": note,
                "reported_at": to_iso(reported_at),
            }
            event = log.record("customer_report", payload, incident.id)
            evaluation = evaluate_customers(log, incident, cfg.declare.min_customer_reports)
        data = {
            "incident_id": incident.id,
            "incident_opened": opened,
            "event_id": event.id,
            "report": payload,
            "customers": asdict(evaluation),
        }
        emit(
            data,
            as_json,
            lambda d: console.print(
                f"recorded report from {customer} in incident {incident.id}: {evaluation.detail}"
                + ("\n[bold red]the customer rule fires: run kaleo-dr declare[/]" if evaluation.fired else "")
            ),
        )
