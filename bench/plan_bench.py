"""Benchmark: the offline plan of the GCP stacks against an empty-program plan.

Both are measured in this run, on this machine, with the same harness: a fresh
interpreter evaluating the program under Pulumi mocks (``scripts.cloud.plan``). The baseline
registers nothing, so the ratio shows what the stack itself costs on top of interpreter
start-up and the Pulumi runtime. The issue's budget is < 5 s wall time for the gcp plan.

    .venv/bin/python bench/plan_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.cloud.plan import run_plan  # noqa: E402

BUDGET_SECONDS = 5.0

EMPTY_PROGRAM = """
import json, sys
from pathlib import Path
import stacks
import scripts.cloud.plan as plan
stacks.build_from_config = lambda: {}
p = plan._plan_in_process(Path(sys.argv[1]), "gcp")
print(json.dumps({"seconds": p.seconds, "resources": len(p.resources)}))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def empty_plan() -> tuple[float, float, int, float]:
    cpu, started = _children_cpu(), time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", EMPTY_PROGRAM, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    wall = time.perf_counter() - started
    data = json.loads(out.stdout)
    assert data["resources"] == 0
    return wall, data["seconds"], 0, _children_cpu() - cpu


def stack_plan(stack: str) -> tuple[float, float, int, float]:
    cpu, started = _children_cpu(), time.perf_counter()
    plan = run_plan(stack, ROOT)
    return time.perf_counter() - started, plan.seconds, len(plan.resources), _children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    samples: dict[str, list[tuple[float, float, int, float]]] = {"empty": [], "gcp": [], "gcp-standby": []}
    for _ in range(args.runs):  # interleaved so that machine load affects all alike
        samples["empty"].append(empty_plan())
        for stack in ("gcp", "gcp-standby"):
            samples[stack].append(stack_plan(stack))

    def median(name: str, index: int) -> float:
        return statistics.median(s[index] for s in samples[name])

    base_wall, base_inner, base_cpu = median("empty", 0), median("empty", 1), median("empty", 3)
    load = ", ".join(f"{x:.1f}" for x in __import__("os").getloadavg())
    print(f"runs: {args.runs} (medians); load average {load}")
    print(f"{'plan':<14}{'resources':>10}{'wall s':>9}{'cpu s':>8}{'program s':>11}{'wall/empty':>12}{'cpu/empty':>11}")
    print(f"{'empty program':<14}{0:>10}{base_wall:>9.2f}{base_cpu:>8.2f}{base_inner:>11.3f}{1.0:>12.2f}{1.0:>11.2f}")
    for stack in ("gcp", "gcp-standby"):
        wall, inner, cpu = median(stack, 0), median(stack, 1), median(stack, 3)
        count = samples[stack][0][2]
        print(
            f"{stack:<14}{count:>10}{wall:>9.2f}{cpu:>8.2f}{inner:>11.3f}"
            f"{wall / base_wall:>12.2f}{cpu / base_cpu:>11.2f}"
        )
    gcp_wall, gcp_cpu = median("gcp", 0), median("gcp", 3)
    verdict = "within" if gcp_wall < BUDGET_SECONDS else "OVER"
    print(f"gcp plan {gcp_wall:.2f}s wall ({gcp_cpu:.2f}s CPU): {verdict} the {BUDGET_SECONDS:.0f}s budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
