"""``kaleo-dr``: the Kaleo business continuity plan as one command line.

Commands are listed in the order the continuity plan uses them: triage and declare,
tell customers, recover the database inside AWS, keep backups outside AWS, review and
build the GCP stack, provision it, restore, fail over, cut DNS over, rehearse.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import warnings
from pathlib import Path
from typing import Annotated, Any

import typer

from scripts import __version__
from scripts.cliapp import AppState, KaleoGroup, new_app

# The module behind each command, in the runbook's order (the order of `kaleo-dr --help`):
# 1. triage, declare, report-customer; 2. notify, contacts; 3. db recover-in-aws;
# 4. backup, restore, standby, and the continuity jobs that keep them coming (job, watch, alarm),
# secrets (kept outside AWS all year), readiness (all of it proven there);
# 5. plan, parity, policy; 6. provision; 7. failover, cutover, failback, rehearse.
COMMAND_MODULES = {
    "triage": "runbook.triage.cli",
    "declare": "runbook.declare",
    "report-customer": "runbook.declare",
    "notify": "runbook.notify.cli",
    "contacts": "runbook.contacts.cli",
    "db": "db.recover",
    "backup": "db.backup.cli",
    "restore": "db.restore.cli",
    "standby": "db.standby",
    "job": "jobs.runner",
    "watch": "jobs.watch",
    "alarm": "runbook.alarm",
    "secrets": "cloud.secrets",
    "readiness": "runbook.readiness",
    "plan": "cloud.plan",
    "parity": "cloud.parity",
    "policy": "cloud.policy",
    "wiring": "cloud.wiring",
    "provision": "cloud.provision.cli",
    "boot": "cloud.boot",
    "search": "search.snapshot",
    "failover": "runbook.failover.cli",
    "cutover": "runbook.cutover",
    "failback": "failback.cli",
    "rehearse": "drill.rehearse",
}
ROOT_OPTIONS_WITH_VALUE = ("--config", "-c")

EPILOG = (
    "Exit codes: 0 ok; 1 a check failed; 2 bad input or configuration (including a missing secret "
    "a check needs); 3 inconclusive: a source did not answer or this machine cannot reach it, "
    "so there is no yes or no (never reported as 0). "
    "Every command takes --json. Configuration: kaleo-dr.yaml (or --config / $KALEO_DR_CONFIG)."
)


class RunbookGroup(KaleoGroup):
    """The root group: `kaleo-dr --help` lists the commands in the order the continuity plan uses them."""

    command_order = tuple(COMMAND_MODULES)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kaleo-dr {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Path to kaleo-dr.yaml (default: $KALEO_DR_CONFIG or ./kaleo-dr.yaml)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    state = AppState(config)
    ctx.obj = state
    if ctx.invoked_subcommand is not None:
        # Validate kaleo-dr.yaml up front: a typo must stop every command, not surface mid-outage.
        _ = state.config


def build_app(command: str | None = None) -> typer.Typer:
    """The CLI with every command, or only the one about to run (its module alone is imported:
    a restore at 3 a.m. does not wait for the triage, notify and provisioning code to load)."""
    app = new_app(
        "Kaleo disaster-recovery toolkit: the business continuity plan as code.\n\n"
        "Runbook order: triage -> declare -> notify customers -> (database outage: db recover-in-aws) -> "
        "(Amazon outage >= 24h: failover to GCP) -> cutover -> rehearse quarterly.",
        epilog=EPILOG,
        cls=RunbookGroup,
    )
    app.callback()(root)
    modules = (
        [COMMAND_MODULES[command]] if command in COMMAND_MODULES else list(dict.fromkeys(COMMAND_MODULES.values()))
    )
    for name in modules:
        importlib.import_module(f"scripts.{name}").register(app)
    return app


def invoked_command(argv: list[str]) -> str | None:
    """The command named on a command line (None for none or an unknown one: then all are loaded)."""
    args = iter(argv)
    for arg in args:
        if arg in ROOT_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg if arg in COMMAND_MODULES else None
    return None


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    """``scripts.cli.app``: the CLI with every command, built on first use."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(name)


_PROJECT_ROOT = Path(__file__).resolve().parent.parent
_OWN_CODE = tuple(f"{_PROJECT_ROOT / name}/" for name in ("scripts", "stacks", "policy"))


def route_warnings() -> None:
    """Warnings raised by third-party libraries (for example google-api-core's Python-version
    FutureWarning) go to the debug log, not to the operator's terminal; the project's own
    warnings are shown as usual."""
    shown = warnings.showwarning
    log = logging.getLogger("kaleo_dr.warnings")

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if str(Path(filename).resolve()).startswith(_OWN_CODE):
            shown(message, category, filename, lineno, file, line)
        else:
            log.debug("%s:%s: %s: %s", filename, lineno, category.__name__, message)

    warnings.showwarning = show


def main() -> None:
    route_warnings()
    try:
        app = build_app(invoked_command(sys.argv[1:]))
        # What the imports made lives as long as the process: out of the collector's way
        # (scripts.__main__ kept the collector off while importing), then collect as usual.
        gc.freeze()
        gc.enable()
        app(prog_name="kaleo-dr")
    finally:
        # The interpreter's last garbage collections at exit go through every object a long
        # command made (a restore's plan of thousands of TOC entries and jobs): 0.1 s of a
        # restore of 1,000 small tables (bench/README.md). Nothing left then needs them:
        # the objects are still freed, only not scanned for cycles.
        gc.freeze()


if __name__ == "__main__":
    main()
