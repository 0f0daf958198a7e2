"""Triage's result types and the runner: every check runs at once in its own thread, each with its
deadline (its timeout plus a grace); a check that has not answered by then is ``unknown``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["ok", "degraded", "down", "unknown"]
STATUS_ORDER: dict[str, int] = {"ok": 0, "unknown": 1, "degraded": 2, "down": 3}
STATUS_STYLE = {"ok": "green", "degraded": "yellow", "down": "bold red", "unknown": "magenta"}


@dataclass
class CheckResult:
    name: str
    category: str
    status: Status
    detail: str
    latency_ms: float
    source: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        # ``evaluated``: the check got an answer; when it did not, ``detail`` is the reason.
        return {**asdict(self), "evaluated": self.status != "unknown"}


Outcome = tuple[Status, str, dict[str, Any]]


@dataclass
class Check:
    name: str
    category: str
    source: str
    timeout: float
    run: Callable[[], Outcome]


Cause = Literal["config", "unreachable", "no-data"]


class CheckError(Exception):
    """A check could not reach a verdict: the message becomes its ``unknown`` detail.

    ``cause`` says why: ``config`` (a missing secret, a refused token, nothing configured to read:
    exit 2 where it decides), ``unreachable`` (the source did not answer or answered an error:
    inconclusive, exit 3) or ``no-data`` (the source answered but had nothing for the window).
    """

    def __init__(self, message: str, cause: Cause = "unreachable") -> None:
        super().__init__(message)
        self.cause: Cause = cause


# -- the runner ---------------------------------------------------------------------------
def run_checks(checks: list[Check], grace: float = 1.0) -> list[CheckResult]:
    """Run every check at once; each gets ``timeout + grace`` seconds, then counts as unknown."""
    results: dict[int, CheckResult] = {}
    started = time.monotonic()

    def runner(index: int, check: Check) -> None:
        t0 = time.monotonic()
        try:
            status, detail, evidence = check.run()
        except CheckError as exc:
            status, detail, evidence = "unknown", str(exc), {"cause": exc.cause}
        except Exception as exc:
            status, detail, evidence = "unknown", f"check failed: {type(exc).__name__}: {exc}", {}
        latency = round((time.monotonic() - t0) * 1000, 1)
        results[index] = CheckResult(check.name, check.category, status, detail, latency, check.source, evidence)

    threads = []
    for index, check in enumerate(checks):
        thread = threading.Thread(target=runner, args=(index, check), name=f"triage-{check.name}", daemon=True)
        thread.start()
        threads.append(thread)
    out: list[CheckResult] = []
    for index, (check, thread) in enumerate(zip(checks, threads, strict=True)):
        deadline = started + check.timeout + grace
        thread.join(max(0.0, deadline - time.monotonic()))
        if index in results:
            out.append(results[index])
        else:
            out.append(
                CheckResult(
                    check.name,
                    check.category,
                    "unknown",
                    f"no answer within {check.timeout + grace:.1f}s (timeout)",
                    round((time.monotonic() - started) * 1000, 1),
                    check.source,
                    {"timed_out": True},
                )
            )
    return out
