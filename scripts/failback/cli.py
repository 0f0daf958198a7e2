"""``kaleo-dr failback``: the commands of the way back to AWS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.output import console, emit


def _render(data: dict[str, Any]) -> None:
    console.print(f"old AWS database {esc(data['old'])} against GCP {esc(data['gcp'])}")
    console.print(f"last position GCP received: {data['since']} ({esc(data['since_source'])})")
    console.print(f"commit timestamps on the old database: {'yes' if data['commit_timestamps'] else 'no'}")
    for t in data["tables"]:
        if t["refused"]:
            console.print(f"[yellow]refused[/] {esc(t['refused'])}")
            continue
        line = (
            f"{esc(t['table'])} ({t['method']}, write time: {esc(t['evidence'])}): AWS {t['rows_aws']} rows, "
            f"GCP {t['rows_gcp']}; stranded {sum(t['stranded'].values())}, "
            f"unbounded {sum(t['unbounded'].values())}, only on GCP {t['only_on_gcp']}"
        )
        console.print(line)
        for note in t["notes"]:
            console.print(f"  note: {esc(note)}")
    for table, rows in data["missing_on_gcp"].items():
        console.print(f"[red]{esc(table)}[/] is missing on GCP ({rows} rows on AWS)")
    for row in data["rows"]:
        console.print(f"  {row['status']} {row['kind']} {esc(row['table'])} {esc(str(row['key']))} {row['written_at']}")
    if data["rows_total"] > data["rows_listed"]:
        console.print(f"  ... {data['rows_total'] - data['rows_listed']} more (--csv FILE lists every row)")
    colour = "red" if data["exit_code"] else "green"
    console.print(
        f"[{colour}]stranded writes: {data['stranded_writes']}, unbounded candidates: "
        f"{data['unbounded_candidates']}, tables refused: {len(data['refused'])}[/]"
    )


def register(app: typer.Typer) -> None:
    sub = new_app(
        "Back to AWS once it is healthy again.\n\n"
        "kaleo-dr failback --yes --reason TEXT [--resume] [--method dump]: the journaled run (gate, database to a "
        "NEW RDS instance, objects, search, DNS cutover to AWS, customer update); "
        "objects: uploads written on GCP copied back to S3 (verified, conflicts never overwritten); "
        "reconcile: which writes committed on the old AWS database never reached GCP (read-only); "
        "teardown: the GCP stack, once the cooling-off period after the cutover back to AWS has passed.",
        no_args_is_help=False,
        invoke_without_command=True,
    )
    app.add_typer(sub, name="failback")

    @sub.callback()
    def failback_cmd(
        ctx: typer.Context,
        resume: Annotated[
            bool, typer.Option("--resume", help="Continue the unfinished run at the step that did not finish.")
        ] = False,
        restart: Annotated[bool, typer.Option("--restart", help="Abandon an unfinished run and begin again.")] = False,
        method: Annotated[
            str | None,
            typer.Option(
                "--method",
                help="replication (GCP -> new RDS, seconds of write freeze) or dump (dump and restore); "
                "default failback.method (auto: replication when the GCP database has wal_level=logical).",
            ),
        ] = None,
        apply_deletes: Annotated[
            bool, typer.Option("--apply-deletes", help="objects: delete from S3 what GCS no longer has (else listed).")
        ] = False,
        yes: Annotated[bool, typer.Option("--yes", help="The decision to fail back, without the prompt.")] = False,
        reason: Annotated[
            str | None, typer.Option("--reason", help="Why now (recorded in the incident log with the decision).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Fail back to AWS: gate -> database -> objects -> search -> cutover --to aws -> notify.

        gate: every AWS check of triage answers ok (unknown is not healthy) and the decision
        (--yes --reason, or the prompt) is recorded. database: a NEW RDS database (failback.target_*,
        never the old instance) loaded by logical replication from GCP, a write freeze on GCP
        (failback.freeze_roles NOLOGIN) and a final catch-up; or dump and restore (--method dump).
        Each step is journaled in the incident log: after a failure or a crash, --resume.
        The GCP stack stays (failback teardown, after failback.cooling_off).

        Exit 0: every step passed; 1: a step failed or a gate refused; 2: bad input or config."""
        import sys

        if ctx.invoked_subcommand is not None:
            return
        from scripts.failback.run import failback, render
        from scripts.output import BadInput, CheckFailed, DrError, fail

        try:
            if method not in (None, "replication", "dump"):
                raise BadInput(f"--method {method!r}: use replication or dump")
            if not yes:
                if not sys.stdin.isatty():
                    raise BadInput("failback loads a new database and moves DNS: pass --yes --reason TEXT")
                if not typer.confirm("Fail back to AWS now?", default=False):
                    raise CheckFailed("failback cancelled")
                reason = reason or typer.prompt("Reason (recorded in the incident log)")
            if not (reason and reason.strip()):
                raise BadInput("--reason TEXT is required: the decision is recorded in the incident log")
            data = failback(
                get_config(),
                reason=reason.strip(),
                resume=resume,
                restart=restart,
                method=method,
                apply_deletes=apply_deletes,
                as_json=as_json,
            )
        except DrError as exc:  # this group's own options include --json: answer in JSON
            fail(exc, as_json)
        emit(data, as_json, render)
        if not data["ok"]:
            raise typer.Exit(1)

    @sub.command("reconcile")
    def reconcile_cmd(
        old_dsn: Annotated[
            str | None,
            typer.Option("--old-dsn", help="The old RDS database, DSN without password (default: failback.old_dsn)."),
        ] = None,
        gcp_dsn: Annotated[
            str | None,
            typer.Option("--gcp-dsn", help="The GCP database (default: failback.gcp_dsn, else restore.target_dsn)."),
        ] = None,
        since: Annotated[
            str | None,
            typer.Option(
                "--since",
                help="Last position GCP received, ISO 8601 (default: failback.since, else read from the GCP "
                "database: the standby's last receipt or the restored backup's data time).",
            ),
        ] = None,
        csv_file: Annotated[
            Path | None, typer.Option("--csv", help="Write every differing row (with the AWS row as JSON) here.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Compare the old AWS database with the GCP one, table by table, by primary key; never writes.

        Rows are hashed on each server and compared by buckets of key hashes, so memory stays
        bounded. A row present or different on AWS is STRANDED when its commit timestamp (or
        updated_at column) is after the position GCP received, NOT STRANDED when before (GCP
        changed or deleted it), UNBOUNDED when there is no write time (listed, never assumed).
        Tables without a primary key are compared by full-row hash (failback.no_primary_key).

        Exit 0: nothing stranded or unbounded; 1: stranded writes, candidates or tables missing
        on GCP (the business decides what to replay); 2: bad input; 3: a table was refused."""
        from scripts.failback.reconcile import reconcile

        data = reconcile(
            get_config(), old_dsn=old_dsn, gcp_dsn=gcp_dsn, since=since, csv_path=csv_file, as_json=as_json
        )
        emit(data, as_json, _render)
        if data["exit_code"]:
            raise typer.Exit(data["exit_code"])

    @sub.command("objects")
    def objects_cmd(
        since: Annotated[
            str | None,
            typer.Option(
                "--since",
                help="Time of the cutover to GCP, ISO 8601 (default: failback.cutover_at, else the incident log).",
            ),
        ] = None,
        apply_deletes: Annotated[
            bool,
            typer.Option(
                "--apply-deletes",
                help="Delete from S3 the pre-cutover objects GCS no longer has (default: only listed).",
            ),
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Copy the objects changed on GCS since the cutover back to S3, each verified (size, SHA-256).

        The buckets are failback.buckets (GCS bucket -> S3 bucket).

        Safe to run again after a crash: objects S3 already holds are not copied twice. An object
        changed on both sides since the cutover is a conflict: reported, never overwritten.
        Exit 0: everything copied or already there; 1: conflicts or a copy that did not verify."""
        from scripts.failback.objects import sync

        data = sync(get_config(), since=since, apply_deletes=apply_deletes, as_json=as_json)
        emit(data, as_json, _render_objects)
        if data["exit_code"]:
            raise typer.Exit(data["exit_code"])

    @sub.command("teardown")
    def teardown_cmd(
        stack: Annotated[str, typer.Option("--stack", help="The GCP failover stack to destroy.")] = "gcp",
        yes: Annotated[bool, typer.Option("--yes", help="Confirm: every resource of the stack is destroyed.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Destroy the GCP failover stack (pulumi destroy), only after the cooling-off period.

        failback.cooling_off (default 7d) must have passed since the DNS cutover back to AWS
        recorded in the incident log.

        Refused (exit 1) with no cutover back to AWS, after a later cutover to GCP, or during the
        cooling-off period (the message says from when it is allowed); exit 2 for the aws or
        gcp-standby stack, or without --yes."""
        from scripts.failback.teardown import teardown

        emit(teardown(get_config(), stack, yes=yes, as_json=as_json), as_json)


def _render_objects(data: dict[str, Any]) -> None:
    console.print(f"cutover to GCP: {data['cutover']} ({esc(data['cutover_source'])})")
    for b in data["buckets"]:
        console.print(
            f"gs://{esc(b['gcs'])} -> s3://{esc(b['s3'])}: copied {len(b['copied'])}, already there "
            f"{len(b['already'])}, conflicts {len(b['conflicts'])}, failed {len(b['failed'])}, "
            f"missing on GCS {len(b['missing_on_gcs'])} (deleted {len(b['deleted'])})"
        )
        for c in b["conflicts"]:
            console.print(f"  [red]conflict[/] {esc(c['key'])}: changed on GCS and on S3 since the cutover")
        for f in b["failed"]:
            console.print(f"  [red]failed[/] {esc(f['key'])}: {esc(f['error'])}")
        for key in b["missing_on_gcs"]:
            console.print(f"  missing on GCS (deleted on GCP, or never transferred): {esc(key)}")
