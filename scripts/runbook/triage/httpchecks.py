"""HTTP based checks over one shared client: the AWS Health Dashboard feeds, Cloudflare's
Statuspage summary, Pingdom (checks, and the probe regions that see a check DOWN) and plain
HTTP probes of Kaleo's public endpoints.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from typing import Any

from scripts.config import KaleoConfig, resolve_secret
from scripts.output import DrError
from scripts.runbook.triage.checks import STATUS_ORDER, CheckError, Outcome, Status


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
