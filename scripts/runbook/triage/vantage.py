"""The vantage check: can this machine see the Internet at all? Public resolvers of several
providers asked over UDP and TCP, connectivity-check endpoints over HTTPS, and the summary of
which providers answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import partial
from typing import Any, Literal

from scripts.runbook.triage.checks import CheckResult, Outcome
from scripts.runbook.triage.dnschecks import _in_parallel, split_host_port
from scripts.runbook.triage.httpchecks import Http


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
