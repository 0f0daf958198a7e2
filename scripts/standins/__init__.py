"""Local stand-ins for the third-party services the toolkit talks to (tests and ``rehearse --local``).

One module per service. For triage, declare and notify, each is a real server on 127.0.0.1 that serves the service's
documented response shapes and can be switched between scenarios:

* :mod:`scripts.standins.statuspage` - Statuspage API v2 (Cloudflare status);
* :mod:`scripts.standins.pingdom` - Pingdom API 3.1 (checks, results, outage summary, probes);
* :mod:`scripts.standins.awsstatus` - the AWS Health Dashboard per-service RSS feeds;
* :mod:`scripts.standins.dns` - a DNS server (dnslib) with A, NS and SOA records;
* :mod:`scripts.standins.smtp` - an SMTP sink (aiosmtpd) that keeps every message.

Scenarios shared by the HTTP stand-ins: ``ok``, ``aws-outage`` (AWS down everywhere,
Pingdom DOWN from every region), ``region-down`` (Pingdom DOWN from one region only),
``hang`` (accepts connections, never answers).

Other modules here serve other commands (the Cloudflare API for cutover, a fault-injecting
proxy for the storage layer); each documents itself.
"""

from __future__ import annotations

SCENARIOS = ("ok", "aws-outage", "region-down", "hang")
