"""Benchmark: the local DR drill (``kaleo-dr rehearse --local``) against its budget and its own set-up.

The baseline is measured in the same run: starting and stopping the same stand-ins
(two PostgreSQL clusters, moto, the GCS emulator) with nothing else. The drill's wall
time is printed as a ratio to that baseline and to the 3-minute budget, with each
step's share, RTO and RPO.

    .venv/bin/python bench/drill_bench.py [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.standins.localsvc import GcsEmulator, MotoServer, PgCluster  # noqa: E402

BUDGET_SECONDS = 180.0


def baseline() -> float:
    started = time.perf_counter()
    with PgCluster("bench-a"), PgCluster("bench-b"), MotoServer(), GcsEmulator():
        pass
    return time.perf_counter() - started


def drill(out: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "scripts", "rehearse", "--local", "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        cwd=out.parent,
        check=False,
    )
    wall = time.perf_counter() - started
    report = json.loads(proc.stdout)
    return wall, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    base = statistics.median(baseline() for _ in range(args.runs))
    walls, reports = [], []
    with tempfile.TemporaryDirectory(prefix="kaleo-drill-bench-") as tmp:
        for i in range(args.runs):
            wall, report = drill(Path(tmp) / f"run{i}")
            walls.append(wall)
            reports.append(report)
    wall = statistics.median(walls)
    last = reports[-1]
    print(f"baseline (start+stop the stand-ins only): {base:.2f} s")
    print(
        f"drill wall time: {wall:.2f} s  = {wall / base:.1f}x baseline, {wall / BUDGET_SECONDS:.0%} of the 3 min budget"
    )
    print(f"drill ok: {last['ok']}  RTO {last['rto_seconds']} s  RPO {last['rpo_seconds']} s")
    total = sum(s["seconds"] for s in last["steps"]) or 1.0
    for s in sorted(last["steps"], key=lambda s: -s["seconds"]):
        print(f"  {s['step']:<16} {s['seconds']:7.2f} s  {s['seconds'] / total:5.1%}  {s['status']}")


if __name__ == "__main__":
    main()
