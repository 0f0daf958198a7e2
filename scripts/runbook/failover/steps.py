"""The failover's steps by name (``failover.steps`` picks and orders them) and their default order."""

from __future__ import annotations

from collections.abc import Callable

from scripts.output import BadInput
from scripts.runbook.failover.backup import BackupStep
from scripts.runbook.failover.database import PromoteStep, ProvisionCheckStep, ProvisionStep, RestoreStep
from scripts.runbook.failover.gate import GateStep, QuotaStep
from scripts.runbook.failover.handoff import HandoffStep, HoldStep
from scripts.runbook.failover.search import SearchStep
from scripts.runbook.failover.smoke import SmokeStep
from scripts.runbook.failover.stack import StackPlanStep, StackUpStep
from scripts.runbook.runner import Step

DEFAULT_STEPS = ("gate", "quota", "backup", "stack", "provision", "restore", "search", "smoke", "handoff")

REGISTRY: dict[str, Callable[[], Step]] = {
    "gate": GateStep,
    "quota": QuotaStep,
    "backup": BackupStep,
    "stack": StackUpStep,
    "stack-plan": StackPlanStep,
    "provision": ProvisionStep,
    "provision-check": ProvisionCheckStep,
    "restore": RestoreStep,
    "search": SearchStep,
    "promote": PromoteStep,
    "smoke": SmokeStep,
    "hold": HoldStep,
    "handoff": HandoffStep,
}


def steps_by_name(names: list[str] | tuple[str, ...]) -> list[Step]:
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise BadInput(f"failover.steps: unknown step(s) {', '.join(unknown)}", hint=f"known: {', '.join(REGISTRY)}")
    if len(set(names)) != len(names):
        raise BadInput("failover.steps: a step is listed twice")
    return [REGISTRY[n]() for n in names]


def journaled_steps(names: list[str]) -> list[Step] | None:
    """The steps a journaled failover run listed, for its resume; None if one is not a failover step."""
    return steps_by_name(names) if all(n in REGISTRY for n in names) else None
