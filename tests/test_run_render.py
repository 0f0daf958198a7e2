"""The human output of the journaled runs (failover, failback): steps, where a run stopped, how to resume."""

from __future__ import annotations

from typing import Any

from scripts.failback.run import render as render_failback
from scripts.output import console
from scripts.runbook.failover.cli import _render as render_failover

STEPS = [
    {"step": "gate", "title": "gate", "status": "passed", "seconds": 1.25, "detail": "AWS healthy", "resumed": True},
    {"step": "database", "title": "new database", "status": "failed", "seconds": 3.0, "detail": "refused"},
]


def _shown(render: Any, data: dict[str, Any]) -> str:
    with console.capture() as captured:
        render(data)
    return captured.get()


def test_a_stopped_failback_names_the_step_the_hint_and_the_resume_command() -> None:
    data = {
        "run": "r1",
        "incident": 7,
        "steps": STEPS,
        "failed": {"step": "database", "error": "target refused", "hint": "check failback.target_dsn"},
        "freeze_seconds": 0.4,
        "next": "kaleo-dr failback teardown",
    }
    out = _shown(render_failback, data)
    assert "failback r1 (incident 7)" in out and "(earlier run)" in out
    assert "stopped at database: target refused" in out
    assert "hint: check failback.target_dsn" in out
    assert "kaleo-dr failback --resume --yes --reason TEXT" in out
    assert "next:" not in out and "writes frozen" not in out  # nothing after a stop but how to resume


def test_a_finished_failback_reports_the_freeze_and_what_comes_next() -> None:
    data = {
        "run": "r2",
        "incident": 7,
        "steps": STEPS[:1],
        "failed": None,
        "freeze_seconds": 0.42,
        "next": "kaleo-dr failback teardown",
    }
    out = _shown(render_failback, data)
    assert "writes frozen on GCP 0.4s" in out and "next: kaleo-dr failback teardown" in out
    assert "stopped at" not in out


def test_a_stopped_failover_keeps_its_rto_and_database_path_and_resumes_with_failover() -> None:
    data = {
        "run": "r3",
        "incident": 2,
        "stack": "gcp",
        "steps": STEPS,
        "failed": {"step": "database", "error": "restore failed", "hint": None},
        "rto_seconds_so_far": 3600,
        "rto_from": "2026-11-29T01:00:00Z",
        "steps_seconds": 120,
        "database_path": {"path": "promote", "reason": "standby fresh"},
        "next": "kaleo-dr cutover",
    }
    out = _shown(render_failover, data)
    assert "failover r3 (incident 2, stack gcp)" in out
    assert "stopped at database: restore failed" in out and "hint:" not in out
    assert "kaleo-dr failover --resume" in out and "RTO so far" in out
    assert "database: promote (standby fresh)" in out and "next:" not in out
