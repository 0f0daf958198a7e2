"""The verdict: the continuity plan's branch the results point to, its next step and exit code,
with the results behind it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from scripts.output import ExitCode
from scripts.runbook.triage.checks import CheckResult
from scripts.runbook.triage.vantage import summarize_vantage

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
