"""Triage of 30 checks with one hanging endpoint: does the hang stall triage?

Target (issue): the whole triage finishes in less than the slowest check timeout + 1 s.
Baseline measured in the same run: the same 30 checks with nothing hanging.

    .venv/bin/python bench/triage_bench.py
"""

from __future__ import annotations

import os
import time

from scripts.config import parse_config
from scripts.runbook.triage.cli import run_triage
from scripts.standins.awsstatus import AwsStatusStandin
from scripts.standins.connectivity import ConnectivityStandin
from scripts.standins.dns import DnsStandin
from scripts.standins.pingdom import CHECK_ID, PingdomStandin
from scripts.standins.statuspage import StatuspageStandin

TIMEOUT = 2.0
GRACE = 0.5
RUNS = 3


def config(aws, statuspage, pingdom, dns, web):
    names = [f"host{i}.example.com" for i in range(8)]
    return parse_config(
        {
            "triage": {
                "aws_status_url": aws.url + "/rss",
                "aws_status_feeds": [f"svc{i}-us-east-1" for i in range(12)],
                "cloudflare_status_url": statuspage.url + "/api/v2",
                "pingdom": {
                    "api_url": pingdom.url + "/api/3.1",
                    "token": "env:BENCH_PINGDOM_TOKEN",
                    "check_ids": [CHECK_ID],
                    "timeout": TIMEOUT,
                },
                "dns": {
                    "names": names,
                    "resolvers": [d.address for d in dns],
                    "zone": "example.com",
                    "authoritative": [d.address for d in dns],
                    "timeout": TIMEOUT,
                },
                "http_probes": [f"{aws.url}/rss/probe{i}.rss" for i in range(7)],
                "timeout": TIMEOUT,
                "grace": GRACE,
                "aws_resources": False,
                "vantage": {
                    "resolvers": [{"address": d.address, "provider": f"resolver-{i}"} for i, d in enumerate(dns)],
                    "dns_name": "host0.example.com",
                    "https": [{"url": f"{w.url}/generate_204", "provider": f"web-{i}"} for i, w in enumerate(web)],
                    "timeout": TIMEOUT,
                },
            }
        }
    )


def best_of(cfg):
    times = []
    results = None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        results, _verdict, _ = run_triage(cfg)
        times.append(time.perf_counter() - t0)
    return min(times), results


def main() -> None:
    os.environ["BENCH_PINGDOM_TOKEN"] = "bench-token"
    records = {f"host{i}.example.com": ["192.0.2.10"] for i in range(8)}
    with (
        AwsStatusStandin("ok") as aws,
        StatuspageStandin("ok") as statuspage,
        PingdomStandin("ok", token="bench-token") as pingdom,
        DnsStandin(records) as dns1,
        DnsStandin(records) as dns2,
        ConnectivityStandin() as web1,
        ConnectivityStandin() as web2,
    ):
        cfg = config(aws, statuspage, pingdom, [dns1, dns2], [web1, web2])
        baseline, results = best_of(cfg)
        n = len(results)
        statuspage.set_scenario("hang")
        hanging, results = best_of(cfg)
        hung = [r for r in results if r.status == "unknown"]
    target = TIMEOUT + 1.0
    print(f"checks: {n}; hanging endpoint: {', '.join(r.name for r in hung)}")
    print(f"baseline (nothing hangs):        {baseline:6.2f} s")
    print(f"with one hanging endpoint:       {hanging:6.2f} s  (ratio to baseline {hanging / baseline:5.1f}x)")
    print(f"slowest check timeout:           {TIMEOUT:6.2f} s  (+ grace {GRACE} s)")
    print(
        f"target < timeout + 1 s:          {target:6.2f} s  -> {'PASS' if hanging < target else 'FAIL'}"
        f" (ratio to target {hanging / target:4.2f})"
    )


if __name__ == "__main__":
    main()
