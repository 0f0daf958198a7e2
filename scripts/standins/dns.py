"""A DNS server stand-in (dnslib) on 127.0.0.1: A records, NS and SOA for one zone.

Start several with different answers or serials to play resolvers that disagree or
authoritative servers out of sync. It answers over UDP and, with ``tcp=True`` (the
default), over TCP on the same port, as public resolvers do. Scenarios: ``ok`` (answers), ``hang`` (never answers),
``servfail`` (answers SERVFAIL to everything).

    with DnsStandin({"app.example.com": ["192.0.2.10"]}, zone="example.com", serial=7) as dns:
        dns.address  # "127.0.0.1:<port>"
"""

from __future__ import annotations

import argparse
import errno
import threading
import time
from collections.abc import Callable
from typing import Any, Self

from scripts.standins.localsvc import Managed

BIND_ATTEMPTS = 20


class DnsStandin(Managed):
    scenarios = ("ok", "hang", "servfail")

    def __init__(
        self,
        records: dict[str, list[str]] | None = None,
        zone: str = "example.com",
        serial: int = 2026010101,
        port: int = 0,
        host: str = "127.0.0.1",
        scenario: str = "ok",
        tcp: bool = True,
    ) -> None:
        self.records = {k.rstrip(".").lower(): list(v) for k, v in (records or {}).items()}
        self.zone = zone.rstrip(".").lower()
        self.serial = serial
        self.host = host
        self.requested_port = port  # 0: a free port, chosen when the servers bind (see start())
        self.port = port
        self.scenario = scenario
        self._release = threading.Event()
        self.tcp = tcp
        self._servers: list[Any] = []
        self.queries = 0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def set_scenario(self, scenario: str) -> None:
        if scenario not in self.scenarios:
            raise ValueError(f"dns: unknown scenario {scenario!r}; known: {', '.join(self.scenarios)}")
        self.scenario = scenario

    def _resolve(self, request: Any) -> Any:
        from dnslib import NS, QTYPE, RCODE, RR, SOA, A

        self.queries += 1
        if self.scenario == "hang":
            self._release.wait()
        reply = request.reply()
        if self.scenario == "servfail":
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        qname = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        if qname == self.zone and qtype == "SOA":
            reply.add_answer(
                RR(
                    request.q.qname,
                    QTYPE.SOA,
                    ttl=300,
                    rdata=SOA(f"ns1.{self.zone}.", f"hostmaster.{self.zone}.", (self.serial, 3600, 600, 86400, 300)),
                )
            )
        elif qname == self.zone and qtype == "NS":
            for ns in ("ns1", "ns2"):
                reply.add_answer(RR(request.q.qname, QTYPE.NS, ttl=300, rdata=NS(f"{ns}.{self.zone}.")))
        elif qname in (f"ns1.{self.zone}", f"ns2.{self.zone}") and qtype == "A":
            reply.add_answer(RR(request.q.qname, QTYPE.A, ttl=300, rdata=A(self.host)))
        elif qname in self.records and qtype == "A":
            for ip in self.records[qname]:
                reply.add_answer(RR(request.q.qname, QTYPE.A, ttl=60, rdata=A(ip)))
        elif qname not in self.records:
            reply.header.rcode = RCODE.NXDOMAIN
        return reply

    def start(self) -> Self:
        from dnslib.server import BaseResolver, DNSLogger, DNSServer

        standin = self

        class Resolver(BaseResolver):  # type: ignore[misc]
            def resolve(self, request: Any, handler: Any) -> Any:
                return standin._resolve(request)

        logger = DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)
        self._release.clear()
        self._servers = self._bind(
            lambda port, tcp: DNSServer(Resolver(), port=port, address=self.host, logger=logger, tcp=tcp)
        )
        for server, protocol in zip(self._servers, ("udp", "tcp"), strict=False):
            threading.Thread(
                target=server.server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"dns-standin-{protocol}",
                daemon=True,
            ).start()
        return self

    def _bind(self, make: Callable[[int, bool], Any]) -> list[Any]:
        """The UDP server, and the TCP one on the same port, bound before any thread serves.
        Without a requested port, UDP binds port 0 and TCP then takes the port the kernel gave:
        a port probed free earlier and bound later can be taken in between by another
        process. If the port's TCP side is taken, the UDP side is released and another port
        is tried; a requested port is bound as given or fails."""
        for _ in range(BIND_ATTEMPTS):
            udp = make(self.requested_port, False)
            port = int(udp.server.server_address[1])
            if not self.tcp:
                self.port = port
                return [udp]
            try:
                tcp = make(port, True)
            except OSError as exc:
                udp.server.server_close()
                if self.requested_port or exc.errno != errno.EADDRINUSE:
                    raise
                continue
            self.port = port
            return [udp, tcp]
        raise OSError(errno.EADDRINUSE, f"dns stand-in: no port free for both UDP and TCP in {BIND_ATTEMPTS} tries")

    def stop(self) -> None:
        self._release.set()
        for server in self._servers:
            server.server.shutdown()
            server.server.server_close()
        self._servers = []


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="local DNS stand-in")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--zone", default="example.com")
    parser.add_argument("--serial", type=int, default=2026010101)
    parser.add_argument("--record", action="append", default=[], help="name=ip (repeatable)")
    parser.add_argument("--scenario", default="ok", choices=DnsStandin.scenarios)
    args = parser.parse_args(argv)
    records: dict[str, list[str]] = {}
    for spec in args.record:
        name, _, ip = spec.partition("=")
        records.setdefault(name, []).append(ip)
    standin = DnsStandin(records, args.zone, args.serial, args.port, scenario=args.scenario).start()
    print(f"dns stand-in on {standin.address}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()
