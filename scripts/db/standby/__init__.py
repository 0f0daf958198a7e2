"""``kaleo-dr standby``: a logically replicated standby of production on the GCP database VM.

With nightly dumps an Amazon outage loses up to a day of data; a standby fed by logical
replication loses seconds. The dump path stays the fallback, and the failover uses it
whenever the standby is not healthy. Modules:

``common``     settings, connections, the standby's own records (``kaleo_dr_local``);
``setup``      prerequisites, publication, schema, subscription, ``drop``;
``schema``     normalised schemas and drift;
``sequences``  copying sequence positions, and their catch-up at promote;
``status``     lag, retained WAL, states, drift, the safety valve, failover health;
``promote``    the one-time switch of the standby into the database.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.output import BadInput, CheckFailed, console, emit


def _render_status(data: dict[str, Any]) -> None:
    console.print(f"[bold]standby {esc(data['standby'])}[/] <- production {esc(data['source'])}")

    def show(value: Any, unit: str = "") -> str:
        return "unknown" if value is None else f"{value}{unit}"

    lag_s = data.get("lag_seconds")
    console.print(
        f"lag: {show(data.get('lag_bytes'), ' bytes')}, "
        f"{'unknown' if lag_s is None else f'{lag_s:.2f}s'}; "
        f"retained WAL: {show(data.get('retained_wal_bytes'), ' bytes')}; "
        f"last receipt: {show(data.get('last_receipt'))}"
    )
    tables = data.get("tables") or {}
    ready = sum(1 for st in tables.values() if st == "ready")
    console.print(
        f"tables ready: {ready}/{len(tables)}; drift: {show(None if data['drift'] is None else len(data['drift']))}"
    )
    for problem in data["problems"]:
        console.print(f"[red]✘[/] {esc(problem)}")
    if data["ok"]:
        console.print("[green]✔ standby healthy[/]")


def _render(data: dict[str, Any]) -> None:
    for key, value in data.items():
        console.print(f"{esc(key)}: {esc(str(value))}")


def register(app: typer.Typer) -> None:
    sub = new_app(
        "Low-RPO standby: logical replication from production (RDS) to the GCP database VM.\n\n"
        "setup once, status every minute (it also copies sequences and holds the safety valve), "
        "promote at failover (the failover does it when the standby is healthy), drop to remove."
    )
    app.add_typer(sub, name="standby")

    @sub.command("setup")
    def setup_cmd(
        replica_identity_full: Annotated[
            list[str] | None,
            typer.Option(
                "--replica-identity-full",
                help="Table without key to replicate with REPLICA IDENTITY FULL (set on production; repeatable).",
            ),
        ] = None,
        reinit: Annotated[
            bool, typer.Option("--reinit", help="Empty the standby's tables (never production's) and copy again.")
        ] = False,
        no_wait: Annotated[bool, typer.Option("--no-wait", help="Do not wait for the initial copy.")] = False,
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the initial copy.")] = 3600.0,
        as_json: JsonOpt = False,
    ) -> None:
        """Check production's prerequisites, create the publication, apply the schema on the standby,
        create the subscription (initial copy, streaming, binary where the types allow). Idempotent."""
        from scripts.db.standby.setup import setup

        data = setup(
            get_config(),
            replica_identity_full=replica_identity_full or [],
            reinit=reinit,
            wait=not no_wait,
            wait_timeout=timeout,
            as_json=as_json,
        )
        emit(data, as_json, _render)

    @sub.command("status")
    def status_cmd(
        fmt: Annotated[
            Literal["text", "json", "prometheus"],
            typer.Option("--format", help="text, json or prometheus (text exposition format)."),
        ] = "text",
        as_json: JsonOpt = False,
    ) -> None:
        """Lag (bytes, seconds), retained WAL, subscription and table states, schema drift.

        Exit 1 over standby.max_lag / max_lag_bytes, on drift, or when the safety valve trips
        (retained WAL over standby.max_retained_wal: the slot is dropped to protect production)."""
        from scripts.db.standby.status import prometheus, status

        data = status(get_config())
        if fmt == "prometheus" and not as_json:
            typer.echo(prometheus(data), nl=False)
        else:
            emit(data, as_json or fmt == "json", _render_status)
        if not data["ok"]:
            raise typer.Exit(1)

    @sub.command("sync-sequences")
    def sync_cmd(as_json: JsonOpt = False) -> None:
        """Copy every sequence position from production to the standby (status does it on every run)."""
        from scripts.db.standby import sequences
        from scripts.db.standby.common import settings_of, source_conn, standby_conn

        s = settings_of(get_config())
        with source_conn(s) as src, standby_conn(s) as dst:
            data = sequences.sync(src, dst, s)
        emit(data, as_json, _render)
        if data["missing_on_standby"]:
            raise CheckFailed(f"sequences missing on the standby: {', '.join(data['missing_on_standby'])}")

    @sub.command("promote")
    def promote_cmd(
        yes: Annotated[bool, typer.Option("--yes", help="Confirm: the standby becomes the database.")] = False,
        source_up_ok: Annotated[
            bool, typer.Option("--source-up-ok", help="Promote although production still answers (planned switch).")
        ] = False,
        no_analyze: Annotated[
            bool,
            typer.Option(
                "--no-analyze",
                help="Skip ANALYZE. Without fresh planner statistics the first queries after the failover are "
                "planned on default estimates (sequential scans, nested loops on large tables): run "
                "vacuumdb --analyze-only before traffic if you skip it.",
            ),
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Disable the subscription (production untouched), fix sequences, ANALYZE, check the standby, record it.

        Refuses a second run, and refuses while production answers unless --source-up-ok. Fails (exit 1,
        no promotion recorded) on any table left without planner statistics."""
        from scripts.db.standby.promote import promote

        if not yes:
            raise BadInput("promote turns the standby into the database: pass --yes to confirm")
        result = promote(get_config(), source_up_ok=source_up_ok, analyze=not no_analyze, as_json=as_json)
        emit(result, as_json, _render)

    @sub.command("drop")
    def drop_cmd(
        yes: Annotated[bool, typer.Option("--yes", help="Confirm removing the replication.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Remove the subscription (standby), the slot and the publication (production). Data stays."""
        from scripts.db.standby.setup import drop

        if not yes:
            raise BadInput("drop removes the subscription, production's slot and publication: pass --yes")
        emit(drop(get_config(), as_json=as_json), as_json, _render)
