"""``rehearse --local``: the whole runbook played on this machine against stand-ins."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig, parse_config
from scripts.drill.localenv import LocalDrill
from scripts.drill.report import build_report, write_report
from scripts.drill.steps import local_steps
from scripts.runbook.incident import utcnow
from scripts.runbook.runner import RunContext, run_steps

DRILL_OVERRIDE = "local rehearsal: the simulated Amazon outage is younger than 24 hours"


@contextlib.contextmanager
def following_config(ctx: RunContext) -> Iterator[None]:
    """While the drill runs, ``get_config()`` (used by other commands' functions) answers ``ctx.config``."""
    from scripts.cliapp import AppState

    class _DrillState(AppState):
        @property
        def config(self) -> KaleoConfig:
            return ctx.config

    previous = AppState.current
    _DrillState(None)  # becomes AppState.current
    try:
        yield
    finally:
        AppState.current = previous


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGINT end the drill like Ctrl-C, so that every stand-in is still cleaned up.

    SIGINT is set explicitly: a shell without job control starts background commands with SIGINT
    ignored, and Python then never installs its Ctrl-C handler, so the drill would run on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


LOCAL_NOTES = [
    "Backup shipping runs before the outage, as the continuity agent's nightly job (kaleo-dr job run backup), "
    "and the watcher's freshness check reads its dump and its job record from GCS: during an Amazon outage "
    "nothing inside AWS can be read, so the drill stops production and the AWS stand-in before triage.",
    "The status, AWS status and Pingdom stand-ins simulate an outage that began 2 hours before the drill; "
    "the 24-hour gate is therefore passed with a logged override. RPO is measured from the backup's data "
    "time to the moment the drill cut production off.",
    "pulumi up is replaced by the offline plan (no cloud); provisioning check mode needs the VMs, so the drill "
    "renders the inventory from the planned VMs and checks the playbook's syntax and host lists.",
    "The app VM boots here for real (step app-boot: its startup script, root, a scratch prefix, the GCS "
    "emulator and a Secret Manager stand-in, a local redis-server and nginx); the smoke step's HTTP check goes "
    "through that nginx (no load balancer) and its Redis check to that redis-server. The search smoke check "
    "is skipped (no OpenSearch server can be installed here).",
    "Round trip: moto keeps nothing across its restart, so when AWS comes back the drill puts back what AWS held "
    "(the RDS instance, the uploads bucket and its objects, the app's EC2 instances); the old production server "
    "restarts on its own disk. The AWS search domain comes back empty and is rebuilt by a stand-in of the app's "
    "reindex (one document per row of the indexed tables, from the new database).",
]


def run_local(config: KaleoConfig, out: Path, as_json: bool = False) -> dict[str, Any]:
    from scripts.runbook.incident import IncidentLog

    started = utcnow()
    drill = LocalDrill(config.state.dir)
    result: dict[str, Any] = {"steps": []}
    backup: dict[str, Any] | None = None
    try:
        with terminate_as_interrupt():
            bootstrap = parse_config({"state": {"dir": str(drill.tmp / "state")}}, "<local drill>")
            with IncidentLog.open(bootstrap.state.incident_log_path()) as log:
                incident = log.open_incident("local DR rehearsal: Amazon outage")
                ctx = RunContext(
                    bootstrap, log, incident, config.pulumi.gcp_stack, as_json=as_json, override_reason=DRILL_OVERRIDE
                )
                steps = local_steps(drill)
                with following_config(ctx):
                    result = run_steps(ctx, steps, journal="rehearsal", keep_going=True)
                backup = ctx.data.get("backup")
    finally:
        drill.close()
    finished = utcnow()
    report = build_report("local", result, started, finished, drill, backup, [*LOCAL_NOTES, *drill.notes])
    report["files"] = write_report(report, out, config.state.dir / "reports")
    return report
