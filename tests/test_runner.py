"""The journaled step runner shared by failover, failback and the drills: what a resumed run runs."""

from __future__ import annotations

from pathlib import Path

from scripts.config import parse_config
from scripts.output import CheckFailed
from scripts.runbook.incident import IncidentLog
from scripts.runbook.runner import RunContext, Step, StepOutcome, run_steps


def _steps(ran: list[str], fail: frozenset[str] = frozenset()) -> list[Step]:
    """Steps named as failover steps are ("gate", "hold"), but of another journal."""

    def make(step_name: str) -> Step:
        class Own(Step):
            name = step_name
            title = f"own {step_name}"

            def run(self, ctx: RunContext) -> StepOutcome:
                ran.append(self.name)
                if self.name in fail:
                    raise CheckFailed(f"{self.name} failed")
                return StepOutcome("passed", "ok")

        return Own()

    return [make("gate"), make("hold")]


def test_a_resumed_run_of_another_journal_runs_its_callers_steps_not_the_failovers(tmp_path: Path) -> None:
    config = parse_config({"state": {"dir": str(tmp_path / "state")}})
    with IncidentLog.open(config.state.incident_log_path()) as log:
        ctx = RunContext(config, log, log.ensure_incident("outage")[0], "gcp", as_json=True)
        ran: list[str] = []
        first = run_steps(ctx, _steps(ran, fail=frozenset({"hold"})), journal="custom")
        assert ran == ["gate", "hold"] and first["ok"] is False
        # resumed with a list that no longer matches the journal's ("gate", "hold"): the names are
        # all failover steps', but without steps_named the caller's own steps run (before, the
        # failover's HoldStep replaced them and waited for a hold file)
        ran.clear()
        extra = _steps(ran)
        resumed = run_steps(ctx, [*extra, *_steps(ran)[1:]], resume=True, journal="custom")
        assert ran == ["hold", "hold"]
        assert [(s["step"], s["resumed"]) for s in resumed["steps"]] == [
            ("gate", True),
            ("hold", False),
            ("hold", False),
        ]


def test_a_resumed_run_goes_on_with_the_steps_steps_named_gives_for_its_journal(tmp_path: Path) -> None:
    config = parse_config({"state": {"dir": str(tmp_path / "state")}})
    with IncidentLog.open(config.state.incident_log_path()) as log:
        ctx = RunContext(config, log, log.ensure_incident("outage")[0], "gcp", as_json=True)
        ran: list[str] = []
        run_steps(ctx, _steps(ran, fail=frozenset({"hold"})), journal="custom")
        asked: list[list[str]] = []

        def steps_named(names: list[str]) -> list[Step] | None:
            asked.append(names)
            return _steps(ran)

        ran.clear()
        resumed = run_steps(ctx, _steps(ran)[:1], resume=True, journal="custom", steps_named=steps_named)
        assert asked == [["gate", "hold"]]  # the journal's list, not the caller's changed one
        assert ran == ["hold"]
        assert [(s["step"], s["resumed"]) for s in resumed["steps"]] == [("gate", True), ("hold", False)]
