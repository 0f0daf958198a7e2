"""``kaleo-dr restore``: the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.db.restore.flow import run_restore
from scripts.db.restore.options import Options, role_password_lookup
from scripts.output import BadInput, emit


def _render(data: dict[str, Any]) -> None:
    from rich.table import Table

    from scripts.output import console

    for s in data["skipped"]:
        files = "".join(f"\n    - {f}" for f in s["bad_files"])
        console.print(f"[yellow]skipped[/] {s['backup_id']}: {s['reason']}{files}")
    from scripts.db.backup import human_duration

    console.print(
        f"[bold green]restored[/] backup [bold]{data['backup_id']}[/] from {data['url']} into {data['target']}"
        + (" (replaced the existing database)" if data["replaced_existing"] else "")
    )
    console.print(f"data as of {data['data_as_of']}: data age (RPO) {human_duration(data['rpo_seconds'])}")
    console.print(f"validation: {data['tables']} tables, row counts, sequences and object counts equal the manifest")
    stats = data.get("statistics") or {}
    if stats.get("tables_without"):
        console.print(
            f"[yellow]planner statistics: {stats['tables_without']} table(s) have none (--no-analyze)[/]: "
            "run vacuumdb --analyze-only before the database serves traffic"
        )
    elif stats:
        console.print("planner statistics: every table analyzed")
    roles = data.get("roles") or {}
    if roles.get("shipped"):
        console.print(
            f"roles: {len(roles['created'])} created, {len(roles['altered'])} altered, "
            f"{len(roles['passwords_set'])} password(s) set"
        )
        if roles["login_without_password"]:
            console.print(
                "[yellow]login roles without a password (set restore.role_passwords)[/]: "
                + ", ".join(roles["login_without_password"])
            )
    elif roles.get("shipped") is False:
        console.print("roles: this backup ships none (made before roles were shipped): owners need existing roles")
    table = Table(title="phases", show_header=True)
    table.add_column("phase")
    table.add_column("seconds", justify="right")
    for name, seconds in data["phases"].items():
        table.add_row(name, f"{seconds:.2f}")
    table.add_row("[bold]total[/]", f"[bold]{data['seconds']:.2f}[/]")
    console.print(table)


def restore(
    from_url: Annotated[
        str | None,
        typer.Option("--from", help="Backup location URL: gs://bucket/prefix, s3://bucket/prefix or file:///path."),
    ] = None,
    target_dsn: Annotated[
        str | None,
        typer.Option(
            "--target-dsn",
            help="Target database DSN without password (PGPASSWORD/PGPASSFILE or restore.password). "
            "The database is created if missing.",
        ),
    ] = None,
    backup_id: Annotated[
        str | None, typer.Option("--backup-id", help="Restore exactly this backup; refuse if it is bad.")
    ] = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="Restore the newest good backup (the default), falling back if bad.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Parallel restore jobs (default restore.jobs).")
    ] = None,
    force_replace: Annotated[
        str | None,
        typer.Option(
            "--force-replace",
            metavar="DBNAME",
            help="Replace the target database DBNAME even if it holds data - only once the restored copy "
            "is complete and validated. DBNAME must be the target's database name.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Like --force-replace, after an interactive confirmation that shows the host and database "
            "(refused when there is no terminal).",
        ),
    ] = False,
    allow_rds_target: Annotated[
        bool,
        typer.Option(
            "--allow-rds-target",
            help="Allow a target under *.rds.amazonaws.com (failing back into AWS); refused otherwise.",
        ),
    ] = False,
    no_owner: Annotated[
        bool,
        typer.Option(
            "--no-owner",
            help="Do not restore object ownership: only for a backup made before roles were shipped, restored "
            "onto a server lacking its roles (newer backups bring their roles).",
        ),
    ] = False,
    no_analyze: Annotated[
        bool,
        typer.Option(
            "--no-analyze",
            help="Skip planner statistics (ANALYZE of every table, overlapped with the restore). Without them the "
            "first queries are planned with default estimates: only for a copy nobody will query soon.",
        ),
    ] = False,
    work_dir: Annotated[
        Path | None,
        typer.Option("--work-dir", help="Scratch folder for downloaded data waiting to load (default: system temp)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Restore the newest good backup into a database: verified, parallel, validated, restartable.

    Every file is checked against the manifest (size and sha256) before its data is used.
    A bad newest backup is skipped with a warning naming it and its bad files, and the next older one is used
    (with --backup-id the restore stops instead). Backups without a manifest are never restored.

    The backup's roles (without passwords), the database's privileges and settings are applied before the
    schema, so owners and privileges restore as they were: a role that exists is altered, one that does not is
    created, and a role's password comes from restore.role_passwords (Secret Manager or env:/file:). A backup
    made before roles were shipped restores as it is (with --no-owner where its roles are missing).

    Every table is analyzed as soon as its data is in, so the planner has statistics before the first query
    (--no-analyze skips it). The restore runs into a staging database <target>__kaleo_restore; the target is
    replaced only once the copy is complete and validated (exact row counts, sequences, object counts, planner
    statistics). A target that already holds data is refused and left untouched, unless --force-replace
    DBNAME names it (or --force, confirmed interactively).
    Right before the swap the target is checked again: a database that was empty (or missing) when the
    restore began and holds user objects now is never replaced without --force-replace. Targets on RDS
    (*.rds.amazonaws.com) are refused unless --allow-rds-target.

    Downloads run ahead of the loads into a spool bounded in memory (restore.spool_memory_mb) and on disk
    (restore.spool_disk_mb, default half the free space of the work folder); when both are full, downloads wait.

    Killed at any moment, the same command run again starts cleanly over. The result names the backup used,
    the backups skipped and why, the data age (RPO) and the duration of each phase.

    Exit codes: 0 restored and validated; 1 no good backup, a failed pg_restore or a failed validation;
    2 bad input (flags, DSN, password, a non-empty target without --force-replace, an RDS target).
    """
    cfg = get_config().restore
    if backup_id and latest:
        raise BadInput("--backup-id and --latest exclude each other")
    url = from_url or cfg.from_url or get_config().backup.to
    if not url:
        raise BadInput("no backup location", hint="pass --from gs://bucket/prefix or set restore.from")
    dsn = target_dsn or cfg.target_dsn
    if not dsn:
        raise BadInput("no target database", hint="pass --target-dsn postgresql://user@host:5432/db")
    replace = confirm_replace(dsn, force_replace, force)
    password = pgtools_secret(cfg.password)
    opts = Options.from_settings(
        cfg,
        password,
        url=url,
        target_dsn=dsn,
        backup_id=backup_id,
        jobs=jobs,
        force=replace,
        allow_rds_target=allow_rds_target,
        no_owner=no_owner or cfg.no_owner,
        work_dir=work_dir,
        analyze=not no_analyze,
        role_password=role_password_lookup(get_config()),
        as_json=as_json,
    )
    result = run_restore(opts)
    emit(result.as_dict(), as_json, _render)


def confirm_replace(dsn: str, force_replace: str | None, force: bool) -> bool:
    """Whether an occupied target may be replaced: ``--force-replace`` naming the target's database,
    or ``--force`` confirmed at a terminal by typing the database name shown with its host."""
    import sys

    from scripts.db import pgtools

    parts = pgtools.check_dsn(dsn, "--target-dsn")
    database = parts.get("dbname") or ""
    where = pgtools.display_dsn(dsn)
    if force_replace is not None:
        if force_replace != database:
            raise BadInput(
                f"--force-replace {force_replace!r} does not name the target database {database!r} ({where})",
                hint=f"--force-replace {database} replaces it; check the DSN if that is not the database you meant",
            )
        return True
    if not force:
        return False
    if not sys.stdin.isatty():
        raise BadInput(
            "--force needs a confirmation at a terminal",
            hint=f"name the database it may replace instead: --force-replace {database} ({where})",
        )
    answer = typer.prompt(
        f"Replace database {database!r} on {parts.get('host') or parts.get('hostaddr') or 'localhost'}"
        f":{parts.get('port') or '5432'} if it holds data? Type its name to confirm"
    )
    if answer.strip() != database:
        raise BadInput(f"not confirmed: {answer.strip()!r} is not {database!r}; nothing was done")
    return True


def pgtools_secret(ref: str | None) -> str | None:
    if not ref:
        return None
    from scripts.config import resolve_secret

    return resolve_secret(ref, "restore.password")


def register(app: typer.Typer) -> None:
    app.command("restore")(restore)
