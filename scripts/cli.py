"""``kaleo-dr``: the Kaleo business continuity plan as one command line.

Commands are listed in the order the continuity plan uses them: triage and declare,
tell customers, recover the database inside AWS, keep backups outside AWS, review and
build the GCP stack, provision it, restore, fail over, cut DNS over, rehearse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scripts import __version__
from scripts import backup as backup_cmd
from scripts import contacts as contacts_cmd
from scripts import cutover as cutover_cmd
from scripts import declare as declare_cmd
from scripts import failover as failover_cmd
from scripts import notify as notify_cmd
from scripts import parity as parity_cmd
from scripts import plan as plan_cmd
from scripts import policy as policy_cmd
from scripts import provision as provision_cmd
from scripts import recover as recover_cmd
from scripts import rehearse as rehearse_cmd
from scripts import restore as restore_cmd
from scripts import triage as triage_cmd
from scripts.cliapp import AppState, KaleoGroup, new_app

EPILOG = (
    "Exit codes: 0 ok; 1 a check failed; 2 bad input or configuration. "
    "Every command takes --json. Configuration: kaleo-dr.yaml (or --config / $KALEO_DR_CONFIG)."
)

class RunbookGroup(KaleoGroup):
    """The root group: `kaleo-dr --help` lists the commands in the order the continuity plan uses them."""

    command_order = (
        "triage",
        "declare",
        "report-customer",
        "notify",
        "contacts",
        "db",
        "backup",
        "restore",
        "plan",
        "parity",
        "policy",
        "provision",
        "failover",
        "cutover",
        "rehearse",
    )


app = new_app(
    "Kaleo disaster-recovery toolkit: the business continuity plan as code.\n\n"
    "Runbook order: triage -> declare -> notify customers -> (database outage: db recover-in-aws) -> "
    "(Amazon outage >= 24h: failover to GCP) -> cutover -> rehearse quarterly.",
    epilog=EPILOG,
    cls=RunbookGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kaleo-dr {__version__}")
        raise typer.Exit()


@app.callback()
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


# Registration order is the order of `kaleo-dr --help`: keep it the runbook's order.
# 1. triage, declare, report-customer      (scripts.triage, scripts.declare)
# 2. notify, contacts                      (scripts.notify, scripts.contacts)
# 3. db recover-in-aws                     (scripts.recover)
# 4. backup, restore                       (scripts.backup, scripts.restore)
# 5. plan, parity, policy                  (scripts.plan, scripts.parity, scripts.policy)
# 6. provision                             (scripts.provision)
# 7. failover, cutover, rehearse           (scripts.failover, scripts.cutover, scripts.rehearse)
triage_cmd.register(app)
declare_cmd.register(app)
notify_cmd.register(app)
contacts_cmd.register(app)
recover_cmd.register(app)
backup_cmd.register(app)
restore_cmd.register(app)
plan_cmd.register(app)
parity_cmd.register(app)
policy_cmd.register(app)
provision_cmd.register(app)
failover_cmd.register(app)
cutover_cmd.register(app)
rehearse_cmd.register(app)


def main() -> None:
    app(prog_name="kaleo-dr")


if __name__ == "__main__":
    main()
