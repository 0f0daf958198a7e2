"""What every local drill step shares: the drill it plays in, checks and the outcome built from them."""

from __future__ import annotations

from typing import Any

from scripts.drill.localenv import LocalDrill
from scripts.output import CheckFailed
from scripts.runbook.runner import Step, StepOutcome


def require_module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise CheckFailed(f"not available: {name} is not part of this checkout yet") from exc


def check(name: str, ok: bool, detail: str) -> dict[str, Any]:
    return {"name": name, "status": "passed" if ok else "failed", "detail": detail}


def outcome(checks: list[dict[str, Any]], detail: str, data: dict[str, Any] | None = None) -> StepOutcome:
    failed = [c for c in checks if c["status"] == "failed"]
    if failed:
        raise CheckFailed("; ".join(f"{c['name']}: {c['detail']}" for c in failed))
    return StepOutcome("passed", detail, data or {}, checks)


class DrillStep(Step):
    def __init__(self, drill: LocalDrill) -> None:
        self.drill = drill
