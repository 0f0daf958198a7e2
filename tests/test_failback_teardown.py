"""kaleo-dr failback teardown: the GCP stack stays through the cooling-off period after the cutover back."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.config import parse_config
from scripts.failback.teardown import check_allowed, teardown
from scripts.output import BadInput, CheckFailed
from scripts.runbook.incident import IncidentLog

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def raw(tmp: Path, **failback: Any) -> dict[str, Any]:
    return {"state": {"dir": str(tmp / "state")}, "pulumi": {"project_dir": str(ROOT)}, "failback": failback}


def cutovers(tmp: Path, *moves: tuple[str, dt.datetime]) -> None:
    path = parse_config(raw(tmp)).state.incident_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with IncidentLog.open(path) as log:
        for to, at in moves:
            phase = "switched" if to == "gcp" else "restored"
            log.record("note", {"cutover": {"phase": phase, "to": to}}, None, at=at)


def test_teardown_is_refused_during_the_cooling_off_period(tmp_path: Path) -> None:
    cutovers(tmp_path, ("gcp", T0), ("aws", T0 + dt.timedelta(days=3)))
    cfg = parse_config(raw(tmp_path, cooling_off="7d"))
    with pytest.raises(CheckFailed, match="cooling-off") as exc:
        teardown(cfg, "gcp", yes=True, now=T0 + dt.timedelta(days=9))
    assert "2026-11-30T10:00:00+00:00" in exc.value.message  # when it becomes allowed
    gate = check_allowed(cfg, T0 + dt.timedelta(days=10, seconds=1))
    assert gate["allowed_since"] == "2026-11-30T10:00:00+00:00"


def test_teardown_is_refused_while_the_service_may_run_on_gcp(tmp_path: Path) -> None:
    cfg = parse_config(raw(tmp_path, cooling_off="1h"))
    with pytest.raises(CheckFailed, match="no DNS cutover back to AWS"):
        teardown(cfg, "gcp", yes=True, now=T0)
    cutovers(tmp_path, ("gcp", T0), ("aws", T0 + dt.timedelta(days=1)), ("gcp", T0 + dt.timedelta(days=2)))
    with pytest.raises(CheckFailed, match="was to GCP"):
        teardown(cfg, "gcp", yes=True, now=T0 + dt.timedelta(days=30))


@pytest.mark.parametrize("stack", ["aws", "gcp-standby"])
def test_teardown_never_touches_production_or_the_standby_stack(tmp_path: Path, stack: str) -> None:
    cutovers(tmp_path, ("gcp", T0), ("aws", T0 + dt.timedelta(days=1)))
    with pytest.raises(BadInput, match=stack):
        teardown(parse_config(raw(tmp_path, cooling_off="1h")), stack, yes=True, now=T0 + dt.timedelta(days=30))


def test_after_the_cooling_off_teardown_needs_yes_then_runs_pulumi_destroy(tmp_path: Path) -> None:
    cutovers(tmp_path, ("gcp", T0), ("aws", T0 + dt.timedelta(days=1)))
    cfg = parse_config(raw(tmp_path, cooling_off="2d"))
    later = T0 + dt.timedelta(days=3, seconds=1)
    with pytest.raises(BadInput, match="--yes"):
        teardown(cfg, "gcp", now=later)
    if shutil.which("pulumi"):
        pytest.skip("a real Pulumi CLI is installed: not destroying anything from a test")
    with pytest.raises(CheckFailed, match="Pulumi CLI"):  # past every guard, the destroy itself is reached
        teardown(cfg, "gcp", yes=True, now=later)


def test_the_command_line_refusal_is_exit_1_and_names_the_time(cli: Any, tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    cutovers(tmp_path, ("gcp", now - dt.timedelta(days=2)), ("aws", now - dt.timedelta(hours=1)))
    path = tmp_path / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(raw(tmp_path)), encoding="utf-8")
    r = cli("--config", str(path), "failback", "teardown", "--stack", "gcp", "--yes", "--json")
    assert r.code == 1
    assert "cooling-off" in json.loads(r.stdout)["error"]
    path.write_text(yaml.safe_dump(raw(tmp_path, cooling_off="soon")), encoding="utf-8")
    r = cli("--config", str(path), "failback", "teardown", "--stack", "gcp", "--yes", "--json")
    assert r.code == 2 and "failback.cooling_off" in json.loads(r.stdout)["error"]
