"""``kaleo-dr triage``: is Kaleo down, where, and whose fault is it?

Every check runs at the same time in its own thread with its own timeout, so one status
page that never answers cannot stall the others: a check that has not answered by its
deadline (its timeout plus ``triage.grace``) is reported ``unknown`` and triage moves on.
Each result is ``{name, category, status: ok|degraded|down|unknown, detail, latency_ms,
source}``.

Checks (all endpoints come from ``kaleo-dr.yaml``):

* ``vantage-dns:<provider>:<address>``, ``vantage-https:<provider>:<url>`` - the vantage
  check: public resolvers of several providers asked over UDP and TCP for a name unrelated
  to Kaleo, and HTTPS endpoints made for connectivity checks (a captive portal's answer does
  not count). When none answers, this machine is blind: the verdict is ``undetermined``,
  nothing is blamed, no clock starts, and the log records a vantage failure;
* ``aws-status:<feed>`` - the AWS Health Dashboard RSS feed of one service in one region;
* ``cloudflare`` - the Cloudflare Statuspage v2 summary (core components, edge locations,
  unresolved incidents); one edge location alone is not an outage;
* ``pingdom:<check>`` - Pingdom API 3.1 checks (Kaleo as seen from outside); for a DOWN check,
  the probe regions whose latest result in the last 15 minutes is DOWN;
* ``dns:<name>`` - the name resolved through several resolvers, answers compared;
  ``dns-soa:<zone>`` - the SOA serial on every authoritative server;
* ``http:<url>`` - Kaleo's public endpoints from here;
* ``aws:rds``, ``aws:ec2``, ``aws:s3:<bucket>``, ``aws:elasticache``, ``aws:opensearch`` -
  Kaleo's own AWS resources through boto3 with short timeouts and few retries. An AWS API
  that does not answer is evidence of an Amazon outage only while independent endpoints
  answer from the same machine.

The verdict names the continuity plan's branch the evidence points to and the next step.
``amazon-outage`` (which starts the Amazon-outage clock) needs at least two independent
sources to agree - a degraded or disrupted AWS status feed, AWS APIs failing while the
vantage is clear, Pingdom DOWN from several regions - and lists them. Every reason is
worded from the results it names: ``kaleo-code`` only when every provider check answered ok.
Exit code: 0 when the service is healthy, 1 when an outage is found, 3 when the picture is
undetermined, 2 for bad configuration. A healthy verdict while Pingdom or an HTTP probe could
not look exits 2 (a configuration cause such as a missing token) or 3 (unreachable). Every
run's evidence bundle goes to the incident log.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Annotated, Any, Literal

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig, resolve_secret
from scripts.output import DrError, ExitCode, console, emit, info

Status = Literal["ok", "degraded", "down", "unknown"]
STATUS_ORDER: dict[str, int] = {"ok": 0, "unknown": 1, "degraded": 2, "down": 3}
STATUS_STYLE = {"ok": "green", "degraded": "yellow", "down": "bold red", "unknown": "magenta"}

Branch = Literal["healthy", "kaleo-code", "database-outage", "amazon-outage", "cloudflare-dns-backbone", "undetermined"]

BRANCHES: dict[str, tuple[str, str | None]] = {
    "healthy": ("Kaleo is up: no outage to act on.", None),
    "kaleo-code": (
        "Kaleo code: AWS, Cloudflare, DNS and the database look healthy while the service fails; "
        "push an emergency fix to production.",
        None,
    ),
    "database-outage": (
        "Database outage: spin a new database server up from the latest RDS snapshot.",
        "kaleo-dr db recover-in-aws",
    ),
    "amazon-outage": (
        "Amazon outage: the 24-hour clock is started in the incident log. Declare the disaster and notify "
        "customers; when Amazon has been substantially down for 24 hours, rebuild on Google Cloud.",
        "kaleo-dr declare",
    ),
    "cloudflare-dns-backbone": (
        "Cloudflare, DNS or Internet backbone: not fixable by Kaleo. Wait, escalate to the provider, "
        "keep customers informed.",
        "kaleo-dr notify --phase identified",
    ),
    "undetermined": (
        "No clear picture: checks did not answer or are not configured. Check by hand and run triage again.",
        None,
    ),
}


@dataclass
class CheckResult:
    name: str
    category: str
    status: Status
    detail: str
    latency_ms: float
    source: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # ``evaluated``: the check got an answer; when it did not, ``detail`` is the reason.
        return {**asdict(self), "evaluated": self.status != "unknown"}


Outcome = tuple[Status, str, dict[str, Any]]


@dataclass
class Check:
    name: str
    category: str
    source: str
    timeout: float
    run: Callable[[], Outcome]


Cause = Literal["config", "unreachable", "no-data"]


class CheckError(Exception):
    """A check could not reach a verdict: the message becomes its ``unknown`` detail.

    ``cause`` says why: ``config`` (a missing secret, a refused token, nothing configured to read:
    exit 2 where it decides), ``unreachable`` (the source did not answer or answered an error:
    inconclusive, exit 3) or ``no-data`` (the source answered but had nothing for the window).
    """

    def __init__(self, message: str, cause: Cause = "unreachable") -> None:
        super().__init__(message)
        self.cause: Cause = cause


# -- the runner ---------------------------------------------------------------------------
def run_checks(checks: list[Check], grace: float = 1.0) -> list[CheckResult]:
    """Run every check at once; each gets ``timeout + grace`` seconds, then counts as unknown."""
    results: dict[int, CheckResult] = {}
    started = time.monotonic()

    def runner(index: int, check: Check) -> None:
        t0 = time.monotonic()
        try:
            status, detail, evidence = check.run()
        except CheckError as exc:
            status, detail, evidence = "unknown", str(exc), {"cause": exc.cause}
        except Exception as exc:
            status, detail, evidence = "unknown", f"check failed: {type(exc).__name__}: {exc}", {}
        latency = round((time.monotonic() - t0) * 1000, 1)
        results[index] = CheckResult(check.name, check.category, status, detail, latency, check.source, evidence)

    threads = []
    for index, check in enumerate(checks):
        thread = threading.Thread(target=runner, args=(index, check), name=f"triage-{check.name}", daemon=True)
        thread.start()
        threads.append(thread)
    out: list[CheckResult] = []
    for index, (check, thread) in enumerate(zip(checks, threads, strict=True)):
        deadline = started + check.timeout + grace
        thread.join(max(0.0, deadline - time.monotonic()))
        if index in results:
            out.append(results[index])
        else:
            out.append(
                CheckResult(
                    check.name,
                    check.category,
                    "unknown",
                    f"no answer within {check.timeout + grace:.1f}s (timeout)",
                    round((time.monotonic() - started) * 1000, 1),
                    check.source,
                    {"timed_out": True},
                )
            )
    return out


# -- HTTP based checks ---------------------------------------------------------------------
class Http:
    """One shared HTTP client for all checks (connection reuse, one TLS context)."""

    def __init__(self) -> None:
        import httpx

        self.httpx = httpx
        self.client = httpx.Client(
            follow_redirects=False,
            headers={"User-Agent": "kaleo-dr-triage"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=16),
        )

    def get(self, url: str, timeout: float, headers: dict[str, str] | None = None) -> Any:
        try:
            return self.client.get(url, timeout=timeout, headers=headers)
        except self.httpx.TimeoutException as exc:
            raise CheckError(f"no answer within {timeout:g}s (timeout): {url}") from exc
        except self.httpx.HTTPError as exc:
            raise CheckError(f"cannot reach {url}: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        self.client.close()


AWS_TITLES: list[tuple[str, Status]] = [
    ("service is operating normally", "ok"),
    ("informational message", "degraded"),
    ("performance issues", "degraded"),
    ("service disruption", "down"),
]
STALE_AFTER = dt.timedelta(days=7)


def parse_aws_feed(xml: bytes, now: dt.datetime) -> Outcome:
    """The state of one AWS status feed: the newest item decides; ``since`` is when the issue began."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise CheckError(f"not an RSS feed: {exc}") from exc
    items = []
    for item in root.iter("item"):
        title = (item.findtext("title") or "").strip()
        try:
            published = parsedate_to_datetime(item.findtext("pubDate") or "")
        except (TypeError, ValueError):
            continue
        if published.tzinfo is None:
            published = published.replace(tzinfo=dt.UTC)
        items.append((published, title, (item.findtext("description") or "").strip()))
    items.sort(key=lambda i: i[0], reverse=True)
    if not items:
        return "ok", "no recent events", {}

    def status_of(title: str) -> Status:
        low = title.lower()
        for prefix, status in AWS_TITLES:
            if low.startswith(prefix):
                return status
        return "degraded"

    latest_at, latest_title, latest_body = items[0]
    status = status_of(latest_title)
    if status == "ok":
        return "ok", f"operating normally (last event {latest_at:%Y-%m-%d %H:%M} UTC)", {}
    if now - latest_at > STALE_AFTER:
        return "ok", f"last event is older than {STALE_AFTER.days} days: {latest_title}", {}
    since = latest_at
    for published, title, _ in items[1:]:
        if status_of(title) == "ok":
            break
        since = published
    evidence = {"since": since.astimezone(dt.UTC).isoformat(), "title": latest_title, "description": latest_body}
    return status, f"{latest_title} (since {since.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC)", evidence


def aws_status_check(http: Http, url: str, timeout: float) -> Outcome:
    response = http.get(url, timeout)
    if response.status_code == 404:
        raise CheckError(f"feed not found (HTTP 404): {url}; check triage.aws_status_feeds")
    if response.status_code >= 400:
        raise CheckError(f"status page answered HTTP {response.status_code}")
    return parse_aws_feed(response.content, dt.datetime.now(dt.UTC))


def evaluate_statuspage(summary: dict[str, Any], edge_threshold: int) -> Outcome:
    """Cloudflare's health from a Statuspage v2 summary; edge locations count only together."""
    components = summary.get("components") or []
    core_bad: list[tuple[str, str]] = []
    edges_bad: list[tuple[str, str]] = []
    edges_total = 0
    for comp in components:
        if comp.get("group"):
            continue
        state = str(comp.get("status", "operational"))
        is_edge = comp.get("group_id") is not None
        edges_total += int(is_edge)
        if state in ("operational", "under_maintenance"):
            continue
        (edges_bad if is_edge else core_bad).append((str(comp.get("name")), state))
    incidents = [
        i for i in summary.get("incidents") or [] if i.get("status") not in ("resolved", "postmortem", "completed")
    ]
    status: Status = "ok"
    notes: list[str] = []
    if any(state == "major_outage" for _, state in core_bad):
        status = "down"
    elif core_bad:
        status = "degraded"
    if core_bad:
        notes.append("core: " + ", ".join(f"{n} {s}" for n, s in core_bad))
    if edges_bad:
        names = ", ".join(n for n, _ in edges_bad[:5]) + (" ..." if len(edges_bad) > 5 else "")
        if len(edges_bad) >= edge_threshold:
            major = sum(1 for _, s in edges_bad if s == "major_outage")
            edge_status: Status = "down" if edges_total and major * 2 >= edges_total else "degraded"
            status = max(status, edge_status, key=STATUS_ORDER.__getitem__)
            notes.append(f"{len(edges_bad)} edge locations affected: {names}")
        else:
            notes.append(f"{len(edges_bad)} edge location(s) affected, not an outage: {names}")
    for incident in incidents:
        impact = str(incident.get("impact", "none"))
        notes.append(f"incident ({impact}): {incident.get('name')}")
        if impact == "critical":
            status = "down"
        elif impact == "major":
            status = max(status, "degraded", key=STATUS_ORDER.__getitem__)
    indicator = (summary.get("status") or {}).get("description", "")
    detail = "; ".join(notes) if notes else (indicator or "all systems operational")
    evidence = {
        "core_affected": [n for n, _ in core_bad],
        "edges_affected": [n for n, _ in edges_bad],
        "incidents": [i.get("name") for i in incidents],
    }
    return status, detail, evidence


def cloudflare_check(http: Http, base: str, timeout: float, edge_threshold: int) -> Outcome:
    response = http.get(base.rstrip("/") + "/summary.json", timeout)
    if response.status_code >= 400:
        raise CheckError(f"Cloudflare status page answered HTTP {response.status_code}")
    try:
        summary = response.json()
    except ValueError as exc:
        raise CheckError("Cloudflare status page did not answer JSON") from exc
    return evaluate_statuspage(summary, edge_threshold)


PINGDOM_STATUS: dict[str, Status] = {"up": "ok", "down": "down", "unconfirmed_down": "degraded"}


def pingdom_headers(cfg: KaleoConfig) -> dict[str, str]:
    token_ref = cfg.triage.pingdom.token
    if token_ref is None:
        raise CheckError("triage.pingdom.token is not set (env:NAME or file:/path)", "config")
    try:
        token = resolve_secret(token_ref, "triage.pingdom.token")
    except DrError as exc:
        raise CheckError(exc.message, "config") from exc
    return {"Authorization": f"Bearer {token}"}


def pingdom_get(http: Http, cfg: KaleoConfig, path: str) -> Any:
    settings = cfg.triage.pingdom
    response = http.get(settings.api_url.rstrip("/") + path, settings.timeout, pingdom_headers(cfg))
    if response.status_code in (401, 403):
        raise CheckError(
            f"Pingdom refused the request (HTTP {response.status_code}): check triage.pingdom.token", "config"
        )
    if response.status_code >= 400:
        raise CheckError(f"Pingdom answered HTTP {response.status_code} for {path}")
    try:
        return response.json()
    except ValueError as exc:
        raise CheckError(f"Pingdom did not answer JSON for {path}") from exc


REGION_WINDOW = dt.timedelta(minutes=15)


def pingdom_regions_down(http: Http, cfg: KaleoConfig, check_id: int, now: dt.datetime) -> list[str]:
    """The probe regions whose latest result in the last 15 minutes is DOWN (``/probes``, ``/results``)."""
    probes = pingdom_get(http, cfg, "/probes").get("probes", [])
    region_of = {int(p["id"]): str(p.get("region") or p.get("countryiso") or p["id"]) for p in probes}
    start, end = int((now - REGION_WINDOW).timestamp()), int(now.timestamp())
    results = pingdom_get(http, cfg, f"/results/{check_id}?from={start}&to={end}&limit=1000").get("results", [])
    latest: dict[str, tuple[int, str]] = {}
    for r in results:
        region = region_of.get(int(r.get("probeid", -1)), f"probe-{r.get('probeid')}")
        at = int(r.get("time", 0))
        if region not in latest or at > latest[region][0]:
            latest[region] = (at, str(r.get("status")))
    return sorted(region for region, (_, status) in latest.items() if status == "down")


def pingdom_check(http: Http, cfg: KaleoConfig, check_id: int | None) -> Outcome:
    if check_id is not None:
        checks = [pingdom_get(http, cfg, f"/checks/{check_id}")["check"]]
    else:
        checks = pingdom_get(http, cfg, "/checks").get("checks", [])
        if not checks:
            raise CheckError("Pingdom has no checks for this token", "config")
    worst: Status = "ok"
    details = []
    regions: dict[str, list[str]] = {}
    now = dt.datetime.now(dt.UTC)
    for check in checks:
        status = PINGDOM_STATUS.get(str(check.get("status")), "unknown")
        worst = max(worst, status, key=STATUS_ORDER.__getitem__)
        last_error = check.get("lasterrortime")
        details.append(f"{check.get('name')} ({check.get('hostname')}): {check.get('status')}")
        if status == "down" and last_error:
            details[-1] += f", last error {dt.datetime.fromtimestamp(int(last_error), dt.UTC):%H:%M} UTC"
        if status == "down":
            down_in = pingdom_regions_down(http, cfg, int(check["id"]), now)
            regions[str(check.get("id"))] = down_in
            details[-1] += f", DOWN from {len(down_in)} region(s): {', '.join(down_in) or 'none'}"
    evidence: dict[str, Any] = {"checks": {str(c.get("id")): c.get("status") for c in checks}}
    if regions:
        evidence["regions_down"] = max(regions.values(), key=len)
    return worst, "; ".join(details), evidence


def http_probe(http: Http, url: str, timeout: float) -> Outcome:
    import httpx

    try:
        response = http.client.get(url, timeout=timeout)
    except httpx.TimeoutException:
        return "down", f"no answer within {timeout:g}s", {"error": "timeout"}
    except httpx.HTTPError as exc:
        return "down", f"{type(exc).__name__}: {exc}", {"error": type(exc).__name__}
    code = response.status_code
    status: Status = "ok" if code < 400 else ("degraded" if code < 500 else "down")
    return status, f"HTTP {code}", {"http_status": code}


# -- the vantage check: can this machine see the Internet at all? ----------------------------
def vantage_dns_check(address: str, provider: str, name: str, timeout: float) -> Outcome:
    """One public resolver asked for a name unrelated to Kaleo, over UDP and over TCP."""
    import dns.exception
    import dns.message
    import dns.query
    import dns.rcode
    import dns.rdatatype

    host, port = split_host_port(address, 53)

    def ask(transport: str) -> str:
        query = dns.message.make_query(name, dns.rdatatype.A)
        send = dns.query.udp if transport == "udp" else dns.query.tcp
        try:
            response = send(query, host, timeout=timeout, port=port)
        except dns.exception.Timeout:
            return f"no answer within {timeout:g}s"
        except (dns.exception.DNSException, OSError, EOFError, ValueError) as exc:  # EOFError: TCP cut short
            return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if any(rrset.rdtype == dns.rdatatype.A for rrset in response.answer):
            return "ok"
        return f"no address for {name} (rcode {dns.rcode.to_text(response.rcode())})"

    answers = _in_parallel({"udp": partial(ask, "udp"), "tcp": partial(ask, "tcp")})
    udp, tcp = str(answers["udp"]), str(answers["tcp"])
    evidence = {"kind": "dns", "provider": provider, "udp": udp, "tcp": tcp}
    if udp == "ok" and tcp == "ok":
        return "ok", f"{provider} resolver {address} answers {name} over UDP and TCP", evidence
    if "ok" in (udp, tcp):
        works, fails = ("UDP", f"TCP: {tcp}") if udp == "ok" else ("TCP", f"UDP: {udp}")
        return "degraded", f"{provider} resolver {address} answers over {works} only ({fails})", evidence
    return "down", f"{provider} resolver {address} gives no usable answer (UDP: {udp}; TCP: {tcp})", evidence


def vantage_https_check(
    http: Http, url: str, provider: str, expect_status: int, expect_body: str | None, timeout: float
) -> Outcome:
    """One connectivity-check endpoint; a captive portal or a proxy answering something else is not the Internet."""
    evidence: dict[str, Any] = {"kind": "https", "provider": provider}
    try:
        response = http.client.get(url, timeout=timeout)
    except http.httpx.TimeoutException:
        return "down", f"{provider}: no answer within {timeout:g}s from {url}", {**evidence, "error": "timeout"}
    except http.httpx.HTTPError as exc:
        return "down", f"{provider}: cannot reach {url}: {type(exc).__name__}", {**evidence, "error": str(exc)}
    evidence["http_status"] = response.status_code
    if response.status_code != expect_status or (expect_body is not None and expect_body not in response.text):
        return (
            "down",
            f"{provider}: {url} answered HTTP {response.status_code}, not the expected {expect_status}"
            + (f" with {expect_body!r}" if expect_body else "")
            + ": a captive portal or a proxy is in the way",
            {**evidence, "error": "unexpected answer"},
        )
    return "ok", f"{provider}: {url} answered as expected (HTTP {response.status_code})", evidence


@dataclass
class Vantage:
    """What this machine can reach: distinct providers answering over DNS and over HTTPS."""

    state: Literal["ok", "partial", "blind", "not-configured"]
    detail: str
    dns_providers: list[str]
    https_providers: list[str]
    min_providers: int

    @property
    def dns_ok(self) -> bool:
        return len(self.dns_providers) >= self.min_providers

    @property
    def https_ok(self) -> bool:
        return len(self.https_providers) >= self.min_providers

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "dns_ok": self.dns_ok, "https_ok": self.https_ok}


def _provider(result: CheckResult) -> str:
    """``vantage-dns:<provider>:<address>`` and ``vantage-https:<provider>:<url>`` name their provider."""
    return result.name.split(":", 2)[1]


def summarize_vantage(results: list[CheckResult], min_providers: int) -> Vantage:
    dns_probes = [r for r in results if r.category == "vantage" and r.name.startswith("vantage-dns:")]
    https_probes = [r for r in results if r.category == "vantage" and r.name.startswith("vantage-https:")]
    if not dns_probes and not https_probes:
        return Vantage("not-configured", "no vantage probe is configured (triage.vantage)", [], [], min_providers)
    # A resolver answering over one transport only still answers: that is reported, not counted against it.
    dns_up = sorted({_provider(r) for r in dns_probes if r.status in ("ok", "degraded")})
    https_up = sorted({_provider(r) for r in https_probes if r.status == "ok"})

    def part(kind: str, up: list[str], probes: list[CheckResult]) -> str:
        every = sorted({_provider(r) for r in probes})
        if not every:
            return f"{kind}: not checked"
        if not up:
            return f"{kind}: none of {', '.join(every)} answers"
        silent = sorted(set(every) - set(up))
        return f"{kind}: {', '.join(up)} answer" + (f" ({', '.join(silent)} do not)" if silent else "")

    detail = "; ".join([part("DNS", dns_up, dns_probes), part("HTTPS", https_up, https_probes)])
    vantage = Vantage("ok", detail, dns_up, https_up, min_providers)
    if not dns_up and not https_up:
        vantage.state = "blind"
    elif not (vantage.dns_ok and vantage.https_ok):
        vantage.state = "partial"
    return vantage


# -- DNS checks ------------------------------------------------------------------------------
def split_host_port(value: str, default_port: int) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if sep and port.isdigit() and host and ":" not in host:
        return host, int(port)
    return value, default_port


def dns_answers(name: str, rdtype: str, server: str, port: int, timeout: float) -> list[str]:
    import dns.exception
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [server]
    resolver.port = port
    resolver.lifetime = timeout
    resolver.timeout = timeout
    try:
        answer = resolver.resolve(name, rdtype, raise_on_no_answer=False)
    except dns.resolver.NXDOMAIN:
        return []
    except dns.exception.Timeout as exc:
        raise CheckError(f"no answer within {timeout:g}s") from exc
    except dns.exception.DNSException as exc:
        raise CheckError(f"{type(exc).__name__}: {exc}") from exc
    return sorted(r.to_text() for r in answer)


def _in_parallel(fns: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run small blocking calls at once; each value is its result or the CheckError it raised."""
    from concurrent.futures import ThreadPoolExecutor

    def wrap(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except CheckError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(1, len(fns))) as pool:
        futures = {key: pool.submit(wrap, fn) for key, fn in fns.items()}
        return {key: f.result() for key, f in futures.items()}


def dns_name_check(name: str, resolvers: list[str], default_port: int, timeout: float) -> Outcome:
    targets = {r: split_host_port(r, default_port) for r in resolvers}
    answers = _in_parallel({r: partial(dns_answers, name, "A", h, p, timeout) for r, (h, p) in targets.items()})
    failed = {r: str(a) for r, a in answers.items() if isinstance(a, CheckError)}
    good = {r: a for r, a in answers.items() if not isinstance(a, CheckError)}
    distinct = {tuple(a) for a in good.values()}
    evidence: dict[str, Any] = {"answers": good, "failed": failed}
    if not good:
        # Silence from every resolver says nothing about Kaleo's names: it is this machine's view that failed.
        evidence["resolvers_unreachable"] = True
        return "unknown", "no resolver answered: " + "; ".join(f"{r}: {e}" for r, e in failed.items()), evidence
    if all(not a for a in good.values()):
        return "down", f"{name} does not resolve (no address from {len(good)} resolver(s))", evidence
    if len(distinct) > 1:
        parts = "; ".join(f"{r} -> {', '.join(a) or 'nothing'}" for r, a in good.items())
        return "degraded", f"resolvers disagree: {parts}", evidence
    if failed:
        return (
            "degraded",
            f"{', '.join(failed)} did not answer; others agree on {', '.join(next(iter(distinct)))}",
            evidence,
        )
    return "ok", f"{len(good)} resolvers agree: {', '.join(next(iter(distinct)))}", evidence


def soa_serial(zone: str, host: str, port: int, timeout: float) -> int:
    import dns.exception
    import dns.message
    import dns.query
    import dns.rdatatype

    query = dns.message.make_query(zone, dns.rdatatype.SOA)
    try:
        response = dns.query.udp(query, host, timeout=timeout, port=port)
    except dns.exception.Timeout as exc:
        raise CheckError(f"no answer within {timeout:g}s") from exc
    except (dns.exception.DNSException, OSError) as exc:
        raise CheckError(f"{type(exc).__name__}: {exc}") from exc
    for rrset in response.answer:
        if rrset.rdtype == dns.rdatatype.SOA:
            return int(rrset[0].serial)
    raise CheckError(f"no SOA for {zone} (rcode {response.rcode()})")


def dns_soa_check(cfg: KaleoConfig) -> Outcome:
    dns_cfg = cfg.triage.dns
    zone = dns_cfg.zone or ""
    servers = [split_host_port(s, 53) for s in dns_cfg.authoritative]
    if not servers:
        resolver_host, resolver_port = split_host_port(dns_cfg.resolvers[0], dns_cfg.port)
        ns_names = dns_answers(zone, "NS", resolver_host, resolver_port, dns_cfg.timeout)
        if not ns_names:
            raise CheckError(f"no NS records for {zone}")
        for ns in ns_names:
            for ip in dns_answers(ns, "A", resolver_host, resolver_port, dns_cfg.timeout):
                servers.append((ip, 53))
    serials = _in_parallel({f"{h}:{p}": partial(soa_serial, zone, h, p, dns_cfg.timeout) for h, p in servers})
    good = {s: v for s, v in serials.items() if not isinstance(v, CheckError)}
    failed = {s: str(v) for s, v in serials.items() if isinstance(v, CheckError)}
    evidence: dict[str, Any] = {"serials": good, "failed": failed}
    if not good:
        return (
            "down",
            "no authoritative server answered: " + "; ".join(f"{s}: {e}" for s, e in failed.items()),
            evidence,
        )
    if len(set(good.values())) > 1:
        return "degraded", "SOA serials differ: " + ", ".join(f"{s}={v}" for s, v in good.items()), evidence
    if failed:
        return "degraded", f"{', '.join(failed)} did not answer; serial {next(iter(good.values()))} elsewhere", evidence
    return "ok", f"{len(good)} authoritative servers at serial {next(iter(good.values()))}", evidence


# -- AWS resource checks ---------------------------------------------------------------------
class AwsChecks:
    """Kaleo's own AWS resources, with short timeouts: an API that does not answer is evidence."""

    def __init__(self, cfg: KaleoConfig) -> None:
        self.aws = cfg.aws

    @property
    def timeout(self) -> float:
        # the calls' own budget, plus loading the client (botocore reads its service model)
        return (self.aws.connect_timeout + self.aws.read_timeout) * self.aws.max_attempts + 2.0

    def client(self, service: str) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            connect_timeout=self.aws.connect_timeout,
            read_timeout=self.aws.read_timeout,
            retries={"max_attempts": self.aws.max_attempts, "mode": "standard"},
        )
        session: Any = boto3.session.Session()
        return session.client(service, region_name=self.aws.region, endpoint_url=self.aws.endpoint_url, config=config)

    def call(self, service: str, method: str, **kwargs: Any) -> Any:
        from botocore import exceptions as bx

        try:
            return getattr(self.client(service), method)(**kwargs)
        except (
            bx.ConnectTimeoutError,
            bx.ReadTimeoutError,
            bx.EndpointConnectionError,
            bx.ConnectionClosedError,
        ) as exc:
            raise AwsUnreachable(f"AWS {service} API did not answer: {exc}") from exc
        except bx.NoCredentialsError as exc:
            raise CheckError("no AWS credentials available to check Kaleo's resources", "config") from exc
        except bx.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            status_code = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if status_code >= 500 or code in ("ServiceUnavailable", "InternalFailure", "InternalError"):
                raise AwsUnreachable(f"AWS {service} API failing: {code} (HTTP {status_code})") from exc
            raise AwsClientError(code, str(exc)) from exc
        except bx.BotoCoreError as exc:
            raise CheckError(f"AWS {service}: {type(exc).__name__}: {exc}") from exc

    def describe(self, service: str, method: str, missing_code: str, what: str, **kwargs: Any) -> Any:
        """``call`` describing one named resource (``what``): AWS answering ``missing_code`` raises
        ResourceMissing (the check's verdict is down); any other client error is a CheckError."""
        try:
            return self.call(service, method, **kwargs)
        except AwsClientError as exc:
            if exc.code == missing_code:
                raise ResourceMissing(what, exc.code) from exc
            raise CheckError(str(exc)) from exc

    def rds(self) -> Outcome:
        name = self.aws.rds_instance
        found = self.describe(
            "rds", "describe_db_instances", "DBInstanceNotFound", f"RDS instance {name}", DBInstanceIdentifier=name
        )
        inst = found["DBInstances"][0]
        state = inst.get("DBInstanceStatus", "unknown")
        evidence = {"db_status": state, "engine": inst.get("Engine")}
        if state == "available":
            return "ok", f"RDS {name} available", evidence
        if state in RDS_DOWN:
            return "down", f"RDS {name} {state}", evidence
        return "degraded", f"RDS {name} {state}", evidence

    def ec2(self) -> Outcome:
        filters = [{"Name": f"tag:{k}", "Values": [v]} for k, v in self.aws.ec2_tag_filter.items()]
        found = self.call("ec2", "describe_instances", Filters=filters)
        ids = [
            i["InstanceId"]
            for r in found.get("Reservations", [])
            for i in r.get("Instances", [])
            if i.get("State", {}).get("Name") != "terminated"
        ]
        tag_text = ", ".join(f"{k}={v}" for k, v in self.aws.ec2_tag_filter.items())
        if not ids:
            raise CheckError(f"no EC2 instances tagged {tag_text}")
        statuses = self.call("ec2", "describe_instance_status", InstanceIds=ids, IncludeAllInstances=True)
        bad: dict[str, str] = {}
        waiting: dict[str, str] = {}
        for st in statuses.get("InstanceStatuses", []):
            iid = st["InstanceId"]
            state = st.get("InstanceState", {}).get("Name", "unknown")
            system = st.get("SystemStatus", {}).get("Status", "not-applicable")
            instance = st.get("InstanceStatus", {}).get("Status", "not-applicable")
            if state != "running" or "impaired" in (system, instance):
                bad[iid] = f"{state}, system {system}, instance {instance}"
            elif "initializing" in (system, instance) or "insufficient-data" in (system, instance):
                waiting[iid] = f"system {system}, instance {instance}"
        evidence = {"instances": ids, "failing": bad, "initializing": waiting}
        if bad and len(bad) == len(ids):
            return "down", f"all {len(ids)} instances failing status checks", evidence
        if bad:
            return (
                "degraded",
                f"{len(bad)}/{len(ids)} instances failing: " + "; ".join(f"{k} {v}" for k, v in bad.items()),
                evidence,
            )
        if waiting:
            return "degraded", f"{len(waiting)}/{len(ids)} instances initializing", evidence
        return "ok", f"{len(ids)} instances pass system and instance status checks", evidence

    def s3(self, bucket: str, canary_key: str | None) -> Outcome:
        try:
            self.call("s3", "head_bucket", Bucket=bucket)
        except AwsClientError as exc:
            return "down", f"bucket {bucket}: {exc.code}", {"code": exc.code}
        if not canary_key:
            return "ok", f"bucket {bucket} answers", {}
        try:
            obj = self.call("s3", "get_object", Bucket=bucket, Key=canary_key)
            size = len(obj["Body"].read(1 << 20))
        except AwsClientError as exc:
            return "down", f"canary s3://{bucket}/{canary_key}: {exc.code}", {"code": exc.code}
        return "ok", f"bucket {bucket} answers, canary read ({size} bytes)", {"canary_bytes": size}

    def elasticache(self) -> Outcome:
        group = self.aws.elasticache_group
        found = self.describe(
            "elasticache",
            "describe_replication_groups",
            "ReplicationGroupNotFoundFault",
            f"replication group {group}",
            ReplicationGroupId=group,
        )
        state = found["ReplicationGroups"][0].get("Status", "unknown")
        if state == "available":
            return "ok", f"ElastiCache {group} available", {"group_status": state}
        status: Status = "down" if state in ("create-failed", "deleting") else "degraded"
        return status, f"ElastiCache {group} {state}", {"group_status": state}

    def opensearch(self) -> Outcome:
        domain = self.aws.opensearch_domain
        what = f"OpenSearch domain {domain}"
        found = self.describe("opensearch", "describe_domain", "ResourceNotFoundException", what, DomainName=domain)
        st = found["DomainStatus"]
        evidence: dict[str, Any] = {"processing": st.get("Processing"), "deleted": st.get("Deleted")}
        if st.get("Deleted"):
            return "down", f"OpenSearch {domain} is being deleted", evidence
        health = self.opensearch_health(str(domain), str(st.get("ARN", "")))
        evidence["cluster_health"] = health
        if health == "red":
            return "down", f"OpenSearch {domain} cluster health red", evidence
        if health == "yellow":
            return "degraded", f"OpenSearch {domain} cluster health yellow", evidence
        if st.get("Processing") or st.get("UpgradeProcessing"):
            return "degraded", f"OpenSearch {domain} is processing a change", evidence
        suffix = "green" if health == "green" else "no recent cluster health datapoint"
        return "ok", f"OpenSearch {domain} active, {suffix}", evidence

    def opensearch_health(self, domain: str, arn: str) -> str | None:
        """Cluster health from the domain's CloudWatch metrics (ClusterStatus.red/.yellow, last 10 minutes)."""
        account = arn.split(":")[4] if arn.count(":") >= 5 else None
        dims = [{"Name": "DomainName", "Value": domain}]
        if account:
            dims.append({"Name": "ClientId", "Value": account})
        # A minute past now: a datapoint stamped by a clock slightly ahead of ours still counts.
        end = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        seen = False
        for color in ("red", "yellow"):
            stats = self.call(
                "cloudwatch",
                "get_metric_statistics",
                Namespace="AWS/ES",
                MetricName=f"ClusterStatus.{color}",
                Dimensions=dims,
                StartTime=end - dt.timedelta(minutes=11),
                EndTime=end,
                Period=60,
                Statistics=["Maximum"],
            )
            points = stats.get("Datapoints", [])
            seen = seen or bool(points)
            if any(float(p.get("Maximum", 0)) >= 1 for p in points):
                return color
        return "green" if seen else None


RDS_DOWN = {
    "failed",
    "storage-full",
    "inaccessible-encryption-credentials",
    "incompatible-network",
    "incompatible-restore",
    "incompatible-parameters",
    "restore-error",
    "stopped",
    "stopping",
    "deleting",
}


class AwsUnreachable(CheckError):
    """The AWS API did not answer (timeout, connection refused, 5xx)."""


class AwsClientError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ResourceMissing(Exception):
    """AWS answered that the named resource does not exist: a verdict (down), not an unknown."""

    def __init__(self, what: str, code: str) -> None:
        super().__init__(f"{what} does not exist")
        self.code = code


def _aws_outcome(fn: Callable[[], Outcome]) -> Callable[[], Outcome]:
    def run() -> Outcome:
        try:
            return fn()
        except AwsUnreachable as exc:
            return "unknown", str(exc), {"api_unreachable": True}
        except ResourceMissing as exc:
            return "down", str(exc), {"code": exc.code}

    return run


# -- building the checks ---------------------------------------------------------------------
def build_checks(cfg: KaleoConfig, http: Http) -> list[Check]:
    tri = cfg.triage
    checks: list[Check] = []
    vantage = tri.vantage
    for resolver in vantage.resolvers:
        checks.append(
            Check(
                f"vantage-dns:{resolver.provider}:{resolver.address}",
                "vantage",
                f"{resolver.address} (UDP and TCP)",
                vantage.timeout,
                partial(vantage_dns_check, resolver.address, resolver.provider, vantage.dns_name, vantage.timeout),
            )
        )
    for site in vantage.https:
        checks.append(
            Check(
                f"vantage-https:{site.provider}:{site.url}",
                "vantage",
                site.url,
                vantage.timeout,
                partial(
                    vantage_https_check,
                    http,
                    site.url,
                    site.provider,
                    site.expect_status,
                    site.expect_body,
                    vantage.timeout,
                ),
            )
        )
    base = tri.aws_status_url.rstrip("/")
    for feed in tri.aws_status_feeds:
        url = f"{base}/{feed}.rss"
        checks.append(
            Check(
                f"aws-status:{feed}",
                "aws-status",
                url,
                tri.timeout,
                partial(aws_status_check, http, url, tri.timeout),
            )
        )
    cf_url = tri.cloudflare_status_url.rstrip("/") + "/summary.json"
    checks.append(
        Check(
            "cloudflare",
            "cloudflare",
            cf_url,
            tri.timeout,
            lambda: cloudflare_check(http, tri.cloudflare_status_url, tri.timeout, tri.cloudflare_edge_threshold),
        )
    )
    pd = tri.pingdom
    ids: list[int | None] = list(pd.check_ids) or [None]
    for check_id in ids:
        label = f"pingdom:{check_id}" if check_id is not None else "pingdom"
        path = f"/checks/{check_id}" if check_id is not None else "/checks"
        checks.append(
            Check(
                label,
                "monitoring",
                pd.api_url.rstrip("/") + path,
                pd.timeout,
                partial(pingdom_check, http, cfg, check_id),
            )
        )
    dns_cfg = tri.dns
    for name in dns_cfg.names:
        checks.append(
            Check(
                f"dns:{name}",
                "dns",
                ", ".join(dns_cfg.resolvers),
                dns_cfg.timeout,
                partial(dns_name_check, name, dns_cfg.resolvers, dns_cfg.port, dns_cfg.timeout),
            )
        )
    if dns_cfg.zone:
        stages = 1 if dns_cfg.authoritative else 3
        checks.append(
            Check(
                f"dns-soa:{dns_cfg.zone}",
                "dns",
                ", ".join(dns_cfg.authoritative) or f"NS of {dns_cfg.zone}",
                dns_cfg.timeout * stages,
                lambda: dns_soa_check(cfg),
            )
        )
    for url in tri.http_probes:
        checks.append(Check(f"http:{url}", "http", url, tri.timeout, partial(http_probe, http, url, tri.timeout)))
    if tri.aws_resources:
        aws = AwsChecks(cfg)
        endpoint = cfg.aws.endpoint_url or f"AWS API {cfg.aws.region}"
        if cfg.aws.rds_instance:
            checks.append(Check("aws:rds", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.rds)))
        if cfg.aws.ec2_tag_filter:
            checks.append(Check("aws:ec2", "aws-resources", endpoint, aws.timeout * 2, _aws_outcome(aws.ec2)))
        for i, bucket in enumerate(cfg.aws.s3_buckets):
            key = cfg.aws.s3_canary_key if i == 0 else None
            checks.append(
                Check(
                    f"aws:s3:{bucket}",
                    "aws-resources",
                    endpoint,
                    aws.timeout * 2,
                    _aws_outcome(partial(aws.s3, bucket, key)),
                )
            )
        if cfg.aws.elasticache_group:
            checks.append(
                Check("aws:elasticache", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.elasticache))
            )
        if cfg.aws.opensearch_domain:
            checks.append(Check("aws:opensearch", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.opensearch)))
    return checks


# -- the verdict -----------------------------------------------------------------------------
@dataclass
class Verdict:
    branch: Branch
    action: str
    next_command: str | None
    reasons: list[str]
    evidence: list[str]
    amazon_outage_since: str | None = None
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    vantage: dict[str, Any] = field(default_factory=dict)
    vantage_failure: bool = False
    not_evaluated: list[str] = field(default_factory=list)
    exit_code: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: The independent sources that may agree on an Amazon outage.
AMAZON_SOURCES = {
    "aws-status-feed": "a degraded or disrupted AWS status feed",
    "aws-apis": "Kaleo's AWS APIs failing while independent endpoints answer from here",
    "pingdom-regions": "Pingdom DOWN from several regions",
}
BLIND_REASON = "this machine cannot reach the internet (or DNS)"
SILENCE_KEYS = ("api_unreachable", "timed_out", "error", "resolvers_unreachable")


def _silent(result: CheckResult) -> bool:
    """The check got no answer at all (as opposed to an answer that says something is wrong)."""
    return result.status in ("down", "unknown") and any(result.evidence.get(k) for k in SILENCE_KEYS)


def decide(results: list[CheckResult], min_providers: int = 2, min_regions: int = 2) -> Verdict:
    """The plan's branch the evidence points to, with the results behind it.

    The vantage check comes first: from a machine that reaches nothing, no provider is blamed
    and no clock starts. A source that did not answer counts as evidence only when independent
    endpoints answer from the same machine. ``amazon-outage`` needs at least two of
    :data:`AMAZON_SOURCES` to agree. Every reason is worded from the results it names.
    """
    vantage = summarize_vantage(results, min_providers)
    checks = [r for r in results if r.category != "vantage"]
    vantage_names = [r.name for r in results if r.category == "vantage"]

    def names(rs: list[CheckResult]) -> list[str]:
        return [r.name for r in rs]

    def verdict(
        branch: Branch,
        reasons: list[str],
        evidence: list[str],
        warnings: list[str] | None = None,
        sources: list[str] | None = None,
        since: str | None = None,
        action: str | None = None,
    ) -> Verdict:
        default_action, command = BRANCHES[branch]
        action = action or default_action
        notes = list(warnings or [])
        if vantage.state == "partial":
            notes.insert(0, f"this machine's view is partial: {vantage.detail}")
        elif vantage.state == "not-configured":
            notes.insert(
                0, "no vantage probe is configured (triage.vantage): a source that does not answer is not evidence"
            )
        # The service checks answer "is Kaleo down?": one that could not look leaves even "healthy" open.
        missing = [r for r in checks if r.category in ("monitoring", "http") and r.status == "unknown"]
        code = int(ExitCode.CHECK_FAILED)
        if branch == "undetermined":
            code = int(ExitCode.INCONCLUSIVE)
        elif branch == "healthy":
            code = int(ExitCode.OK)
            if missing:
                config = any(r.evidence.get("cause") == "config" for r in missing)
                code = int(ExitCode.BAD_INPUT if config else ExitCode.INCONCLUSIVE)
                notes.insert(0, "healthy from the checks that answered; not evaluated: " + ", ".join(names(missing)))
        return Verdict(
            branch,
            action,
            command,
            reasons,
            evidence,
            since if branch == "amazon-outage" else None,
            notes,
            sources or [],
            vantage.to_dict(),
            vantage.state == "blind",
            [f"{r.name}: {r.detail}" for r in missing],
            code,
        )

    if vantage.state == "blind":
        answered = [r for r in checks if not _silent(r) and r.status != "unknown"]
        return verdict(
            "undetermined",
            [
                f"{BLIND_REASON}: {vantage.detail}",
                "no provider is blamed and no clock is started: checks that got no answer from here say "
                "nothing about AWS, Cloudflare or DNS",
            ],
            vantage_names,
            [f"answered anyway (not used): {r.name}: {r.status}" for r in answered],
            action="This machine cannot see the Internet: run triage again from another network (a phone "
            "hotspot, another site). Nothing is recorded against any provider.",
        )

    # Silence counts only where this machine's own view is clear for that channel; so do Kaleo's
    # names failing to resolve (a resolver that answers nothing right for any name says nothing).
    def counts(r: CheckResult) -> bool:
        if r.category == "dns" and r.status in ("down", "degraded") and not vantage.dns_ok:
            return False
        if not _silent(r):
            return True
        return vantage.dns_ok if r.evidence.get("resolvers_unreachable") else vantage.https_ok

    def status(r: CheckResult) -> str:
        return r.status if counts(r) else "unknown"

    discounted = [r for r in checks if r.status != "unknown" and not counts(r)]

    def of(category: str, *statuses: str) -> list[CheckResult]:
        return [r for r in checks if r.category == category and status(r) in statuses]

    monitoring = [r for r in checks if r.category == "monitoring"]
    probes = [r for r in checks if r.category == "http"]
    probes_down = of("http", "down")
    service_down = of("monitoring", "down") + (probes_down if probes and len(probes_down) == len(probes) else [])
    service_hurt = of("monitoring", "degraded") + of("http", "down", "degraded")
    service_known = any(status(r) != "unknown" for r in monitoring + probes)
    outage = bool(service_down or service_hurt)
    problems = [r for r in checks if status(r) in ("down", "degraded")]

    feeds_bad = of("aws-status", "down", "degraded")
    aws_resources = [r for r in checks if r.category == "aws-resources"]
    aws_silent = [r for r in aws_resources if _silent(r)]
    rds_bad = [r for r in aws_resources if r.name == "aws:rds" and r.status in ("down", "degraded")]
    other_aws_bad = [r for r in aws_resources if r.name != "aws:rds" and r.status in ("down", "degraded")]
    edge_bad = of("cloudflare", "down", "degraded") + of("dns", "down", "degraded")
    pingdom_ok = bool(monitoring) and all(r.status == "ok" for r in monitoring)
    backbone = probes_down if pingdom_ok else []

    # -- the Amazon sources, each independent of the others
    agreeing: dict[str, tuple[str, list[CheckResult]]] = {}
    if feeds_bad:
        agreeing["aws-status-feed"] = (
            "AWS status feeds report trouble: " + "; ".join(f"{r.name}: {r.detail}" for r in feeds_bad),
            feeds_bad,
        )
    api_failing: list[CheckResult] = []
    api_reasons: list[str] = []
    if aws_silent and vantage.https_ok and len(aws_silent) * 2 >= len(aws_resources):
        api_failing += aws_silent
        api_reasons.append(
            "AWS APIs do not answer ("
            + ", ".join(names(aws_silent))
            + ") while independent endpoints do ("
            + ", ".join(vantage.https_providers)
            + ")"
        )
    if other_aws_bad:
        api_failing += other_aws_bad
        api_reasons.append(
            "Kaleo's AWS resources are failing: " + "; ".join(f"{r.name}: {r.detail}" for r in other_aws_bad)
        )
    if api_failing:
        agreeing["aws-apis"] = ("; ".join(api_reasons), api_failing)
    pingdom_regions = [r for r in of("monitoring", "down") if len(r.evidence.get("regions_down") or []) >= min_regions]
    if pingdom_regions:
        agreeing["pingdom-regions"] = (
            "Pingdom sees Kaleo DOWN from several regions: "
            + "; ".join(f"{r.name}: {', '.join(r.evidence['regions_down'])}" for r in pingdom_regions),
            pingdom_regions,
        )
    since_values = [str(r.evidence["since"]) for r in feeds_bad if r.evidence.get("since")]
    since = min(since_values) if since_values else None
    symptom = names(service_down or service_hurt)
    notes = [f"not counted (no clear view from this machine): {r.name}: {r.detail}" for r in discounted]
    sources_text = ", ".join(f"{k} ({v})" for k, v in AMAZON_SOURCES.items())

    if service_known and not outage:
        warnings = notes + [f"{r.name}: {r.status}: {r.detail}" for r in problems]
        seen_up = [r for r in monitoring + probes if status(r) == "ok"]
        return verdict("healthy", ["Kaleo answers: " + ", ".join(names(seen_up))], names(seen_up), warnings)
    if len(agreeing) >= 2:
        reasons = [text for text, _ in agreeing.values()]
        reasons.append(f"{len(agreeing)} independent sources agree on an Amazon outage: {', '.join(agreeing)}")
        evidence = symptom + [n for _, rs in agreeing.values() for n in names(rs) if n not in symptom]
        return verdict("amazon-outage", reasons, evidence, notes, list(agreeing), since)
    if not service_known and not problems:
        return verdict(
            "undetermined",
            ["neither Pingdom nor an HTTP probe gave an answer, and no other check reports a problem"],
            names([r for r in checks if r.status == "unknown"]),
            notes,
        )
    single = [
        f"{text} (one source; an Amazon outage needs two of: {sources_text})"
        for key, (text, _) in agreeing.items()
        if key != "pingdom-regions"
    ]
    if rds_bad:
        if feeds_bad:
            context = "AWS status feeds report trouble, but no second source confirms an Amazon outage"
        else:
            context = "the AWS status feeds report no trouble"
        return verdict(
            "database-outage",
            [f"Kaleo's RDS instance is not available ({rds_bad[0].detail}) while {context}"],
            symptom + names(rds_bad + feeds_bad),
            notes + single,
        )
    if edge_bad or backbone:
        reasons = []
        if edge_bad:
            reasons.append("Cloudflare or DNS trouble: " + "; ".join(f"{r.name}: {r.detail}" for r in edge_bad))
        if backbone:
            independent = " while independent endpoints answer" if vantage.https_ok else ""
            reasons.append(
                f"Pingdom sees Kaleo up but it is unreachable from here{independent}: "
                "Internet backbone or local network"
            )
        return verdict("cloudflare-dns-backbone", reasons, symptom + names(edge_bad + backbone), notes + single)
    # Pingdom alone says Kaleo is down, not why; an AWS source alone is a hint, not an Amazon outage.
    aws_hint = {k: v for k, v in agreeing.items() if k != "pingdom-regions"}
    if aws_hint:
        ((key, (text, rs)),) = aws_hint.items()
        return verdict(
            "undetermined",
            [
                ("Kaleo fails and " if outage else "") + text,
                f"an Amazon outage needs at least two independent sources to agree ({sources_text}); only {key} does",
            ],
            symptom + names(rs),
            notes,
        )
    if outage:
        providers = [r for r in checks if r.category in ("aws-status", "aws-resources", "cloudflare", "dns")]
        unchecked = [r for r in providers if status(r) == "unknown"]
        if not providers or unchecked:
            return verdict(
                "undetermined",
                [
                    "the service fails and no provider check reports trouble, but "
                    + (
                        "these could not be checked: " + "; ".join(f"{r.name}: {r.detail}" for r in unchecked)
                        if unchecked
                        else "no provider check is configured"
                    )
                    + ": Kaleo code cannot be told apart from provider trouble"
                ],
                symptom + names(unchecked),
                notes,
            )
        return verdict(
            "kaleo-code",
            ["the service fails while every provider check answered ok: " + ", ".join(names(providers))],
            symptom + names(providers),
            notes,
        )
    return verdict(
        "undetermined",
        ["the service state is unknown; problems elsewhere: " + ", ".join(names(problems))],
        names(problems),
        notes,
    )


# -- the command -----------------------------------------------------------------------------
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
