"""Notify 5,000 customer contacts through a local SMTP server (aiosmtpd in its own process).

Target (issue): 5,000 contacts in less than 15 s. Baseline measured in the same run: the
bare minimum, 5,000 small messages over one persistent smtplib connection with no
templates and no ledger; the ratio shows what rendering and the never-twice ledger cost.

    .venv/bin/python bench/notify_bench.py [N]
"""

from __future__ import annotations

import json
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.runbook.incident import IncidentLog
from scripts.standins.localsvc import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
TARGET = 15.0


def baseline(port: int, n: int) -> float:
    """The floor: pre-built small messages over one persistent connection, no rendering, no ledger."""
    raws = [
        (
            f"base{i}@example.com",
            f"From: status@example.com\r\nTo: base{i}@example.com\r\n"
            f"Subject: baseline\r\n\r\nbaseline message\r\n".encode(),
        )
        for i in range(n)
    ]
    t0 = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for to, raw in raws:
            smtp.sendmail("status@example.com", [to], raw)
    return time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    tmp = Path(tempfile.mkdtemp(prefix="kaleo-notify-bench-"))
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "scripts.standins.smtp", "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, 30, sink)
        lines = ["customer_id,name,contact_name,contact_email"]
        lines += [f"C{i:05d},Example Customer {i},Contact {i},contact{i}@customer{i}.example.com" for i in range(n)]
        (tmp / "customers.csv").write_text("\n".join(lines) + "\n")
        results = {}
        for connections in (1, 2, 4):
            state = tmp / f"state-{connections}"
            cfg = {
                "state": {"dir": str(state)},
                "contacts": {"customers_file": str(tmp / "customers.csv")},
                "notify": {
                    "sender": "status@example.com",
                    "rate_per_second": 0,
                    "connections": connections,
                    "smtp": {"host": "127.0.0.1", "port": port, "starttls": False},
                },
            }
            (tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
            with IncidentLog.open(state / "incidents.sqlite") as log:
                log.open_incident("bench")
            t0 = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scripts",
                    "--config",
                    str(tmp / "kaleo-dr.yaml"),
                    "notify",
                    "--phase",
                    "investigating",
                    "--json",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.perf_counter() - t0
            data = json.loads(proc.stdout)
            assert proc.returncode == 0 and data["sent"] == n, proc.stdout[-2000:] + proc.stderr[-2000:]
            results[connections] = elapsed
        base = baseline(port, n)
        # the rate limit holds: 60 messages at 40/s take about 1.5 s
        rate_n, rate = 60, 40.0
        state = tmp / "state-rate"
        lines = ["customer_id,name,contact_name,contact_email"]
        lines += [f"R{i:03d},Rate {i},Contact {i},rate{i}@customer{i}.example.com" for i in range(rate_n)]
        (tmp / "rate.csv").write_text("\n".join(lines) + "\n")
        cfg = {
            "state": {"dir": str(state)},
            "contacts": {"customers_file": str(tmp / "rate.csv")},
            "notify": {
                "sender": "status@example.com",
                "rate_per_second": rate,
                "connections": 4,
                "smtp": {"host": "127.0.0.1", "port": port, "starttls": False},
            },
        }
        (tmp / "kaleo-dr.yaml").write_text(yaml.safe_dump(cfg))
        with IncidentLog.open(state / "incidents.sqlite") as log:
            log.open_incident("bench")
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "scripts",
                "--config",
                str(tmp / "kaleo-dr.yaml"),
                "notify",
                "--phase",
                "investigating",
                "--json",
            ],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        rate_elapsed = time.perf_counter() - t0
        with IncidentLog.open(state / "incidents.sqlite") as log:
            claimed = sorted(r.created_at for r in log.ledger(log.incidents()[0].id))
        rate_span = (claimed[-1] - claimed[0]).total_seconds()
    finally:
        sink.terminate()
        sink.wait(10)
    print(
        f"rate limit {rate:.0f}/s: {rate_n} messages, first to last claim {rate_span:.2f} s "
        f"(ideal {(rate_n - 1) / rate:.2f} s) -> measured {(rate_n - 1) / rate_span:.1f}/s; "
        f"whole run with start-up {rate_elapsed:.2f} s"
    )
    print(f"contacts: {n}")
    print(f"baseline (raw smtplib, 1 connection, no ledger) : {base:6.2f} s  ({n / base:7.0f} msg/s)")
    for connections, elapsed in results.items():
        print(
            f"kaleo-dr notify, {connections} connection(s):          {elapsed:6.2f} s  ({n / elapsed:7.0f} msg/s)"
            f"  ratio to baseline {elapsed / base:4.2f}x  target < {TARGET:.0f} s: "
            f"{'PASS' if elapsed < TARGET else 'FAIL'}"
        )


if __name__ == "__main__":
    main()
