"""DNS checks: a name resolved through several resolvers with the answers compared, and the SOA
serial of a zone on every authoritative server.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from scripts.config import KaleoConfig
from scripts.runbook.triage.checks import CheckError, Outcome


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
