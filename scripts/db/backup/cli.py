"""``kaleo-dr backup``: create, list, verify, freshness."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.db.backup.catalog import freshness, list_backups, resolve_backup_id, verify_backup
from scripts.db.backup.formatting import human_bytes, parse_duration, print_freshness, utc
from scripts.db.backup.from_dsn import DEFAULT_COMPRESSION, create_backup
from scripts.db.backup.from_rds import create_from_rds
from scripts.db.storage import StorageError, open_store
from scripts.db.trust import generate, load_signing_key
from scripts.output import BadInput, DrError, Inconclusive, console, emit, err_console

ToOpt = Annotated[
    str | None, typer.Option("--to", help="Backup location URL: gs://bucket/prefix, s3://bucket/prefix, file:///dir.")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Backup location URL (default: backup.to in kaleo-dr.yaml).")
]


# What a storage failure means for a yes/no answer: a cause the operator fixes in the configuration
# (no credentials, a bucket that does not exist or refuses them) or a store that did not answer.
CONFIG_FAILURES = {"DefaultCredentialsError", "NoCredentialsError", "RefreshError", "NotFound", "Forbidden"}
CONFIG_CODES = {"NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403", "404"}
CONFIG_STATUS = {401, 403, 404}  # the HTTP status of a GCS read's error (scripts.db.gcsjson)


def unreadable(exc: StorageError, url: str, what: str) -> DrError:
    """``exc`` as the error of a check that could not look: exit 2 (configuration) or 3 (inconclusive)."""
    cause = exc.__cause__
    code = str((getattr(cause, "response", None) or {}).get("Error", {}).get("Code", "")) if cause else ""
    status = getattr(cause, "code", None)
    if type(cause).__name__ in CONFIG_FAILURES or code in CONFIG_CODES or status in CONFIG_STATUS:
        return BadInput(
            f"{what} cannot be checked: {exc.message}",
            hint=f"check the location {url} and the credentials that can read it",
        )
    return Inconclusive(
        f"{what} is unknown, not fine: {url} did not answer ({exc.message})",
        hint="check the network to the storage service and run it again",
    )


def _location(url: str | None, flag: str) -> str:
    url = url or get_config().backup.to
    if not url:
        raise BadInput(f"{flag} is required (or set backup.to in kaleo-dr.yaml)")
    return url


def _password(ref: str | None) -> str | None:
    from scripts.config import resolve_secret

    ref = ref or get_config().backup.source_password
    return resolve_secret(ref, "--password-ref") if ref else None


def _render_list(data: dict[str, Any]) -> None:
    from rich.table import Table

    if not data["backups"]:
        console.print(f"no backup in {data['url']}")
        return
    table = Table(title=f"backups in {data['url']} (newest first)")
    for col in ("backup id", "age", "size", "files", "status"):
        table.add_column(col, justify="right" if col in ("size", "files", "age") else "left")
    for b in data["backups"]:
        status = "[green]complete[/]" if b["complete"] else f"[red]incomplete[/] ({b['problem']})"
        if b["complete"] and b.get("signed"):
            status += ", signed"
        table.add_row(b["backup_id"], b["age"], human_bytes(b["bytes"]), str(b["files"]), status)
    console.print(table)


def register(app: typer.Typer) -> None:
    backup_app = new_app(
        "Ship database dumps out of AWS and prove them: create, list, verify, freshness.\n\n"
        "A backup is complete only when its manifest.json exists (written last, after every file "
        "was uploaded with its sha256). Passwords come from PGPASSWORD, PGPASSFILE or --password-ref, "
        "never from a DSN."
    )
    app.add_typer(backup_app, name="backup")

    @backup_app.command("create")
    def create_cmd(
        source_dsn: Annotated[
            str | None,
            typer.Option("--source-dsn", help="Database to dump, without password (postgresql://user@host:port/db)."),
        ] = None,
        rds_instance: Annotated[
            str | None,
            typer.Option("--rds-instance", help="Dump the newest snapshot of this RDS instance instead."),
        ] = None,
        snapshot: Annotated[
            str, typer.Option("--snapshot", help="With --rds-instance: 'latest' or a snapshot identifier.")
        ] = "latest",
        to: ToOpt = None,
        also_to: Annotated[
            list[str] | None, typer.Option("--also-to", help="Another location receiving the same backup (repeat).")
        ] = None,
        jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel pg_dump jobs.")] = None,
        compress: Annotated[
            str | None,
            typer.Option("--compress", help=f"none, gzip, gzip:1..9 (default {DEFAULT_COMPRESSION}, measured)."),
        ] = None,
        label: Annotated[
            str | None, typer.Option("--label", help="Suffix of the backup id (default: database name).")
        ] = None,
        password_ref: Annotated[
            str | None,
            typer.Option("--password-ref", help="Password secret reference env:NAME or file:/path (not the password)."),
        ] = None,
        pg_bin: Annotated[
            Path | None, typer.Option("--pg-bin", help="Folder with pg_dump (default: matching the server).")
        ] = None,
        connect_host: Annotated[
            str | None,
            typer.Option("--connect-host", help="With --rds-instance: reach the temporary instance here (tunnel)."),
        ] = None,
        connect_port: Annotated[
            int | None, typer.Option("--connect-port", help="With --rds-instance: port of the tunnel.")
        ] = None,
        db_name: Annotated[
            str | None, typer.Option("--db-name", help="With --rds-instance: database to dump (default DBName).")
        ] = None,
        db_user: Annotated[
            str | None, typer.Option("--db-user", help="With --rds-instance: user (default: the master user).")
        ] = None,
        wait_timeout: Annotated[
            float, typer.Option("--wait-timeout", help="With --rds-instance: seconds to wait for the instance.")
        ] = 3600.0,
        rds_ca_bundle: Annotated[
            Path | None,
            typer.Option(
                "--rds-ca-bundle",
                help="With --rds-instance: the RDS CA bundle the instance is verified against "
                "(sslmode verify-full; default backup.rds_ca_bundle).",
            ),
        ] = None,
        work_dir: Annotated[
            Path | None,
            typer.Option("--work-dir", help="Scratch folder for the dump files (default: the system temp folder)."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Dump a database in parallel and upload it as it is produced, manifest last.

        With --source-dsn the database is dumped directly; with --rds-instance the newest available
        snapshot is restored into a temporary private instance, dumped and the instance deleted
        (even on failure). Refuses a pg_dump older than the server.

        The password comes from PGPASSWORD, PGPASSFILE or --password-ref (for --rds-instance: the
        source instance's master password, which the snapshot keeps); a DSN with a password is refused.
        --json prints backup_id, url, bytes, seconds, files, tables, rows and data_as_of.
        """
        cfg = get_config().backup
        if source_dsn and rds_instance:
            raise BadInput("give either --source-dsn or --rds-instance, not both")
        source_dsn = source_dsn or (None if rds_instance else cfg.source_dsn)
        rds_instance = rds_instance or (None if source_dsn else cfg.rds_instance)
        if not source_dsn and not rds_instance:
            raise BadInput("--source-dsn or --rds-instance is required (or backup.source_dsn in kaleo-dr.yaml)")
        urls = [_location(to, "--to"), *(also_to or cfg.also_to)]
        show = err_console.is_terminal and not as_json
        common: dict[str, Any] = {
            "password": _password(password_ref),
            "jobs": jobs or cfg.jobs,
            "compression": compress or cfg.compression,
            "pg_bin": pg_bin or cfg.pg_bin,
            "show_progress": show,
            "tmp_dir": work_dir or cfg.work_dir,
            "signing_key": load_signing_key(cfg.signing_key) if cfg.signing_key else None,
        }
        if rds_instance:
            result = create_from_rds(
                rds_instance,
                urls,
                snapshot=snapshot,
                db_name=db_name,
                db_user=db_user,
                connect_host=connect_host or cfg.connect_host,
                connect_port=connect_port or cfg.connect_port,
                wait_timeout=wait_timeout,
                ca_bundle=rds_ca_bundle or cfg.rds_ca_bundle,
                as_json=as_json,
                label=label,
                **common,
            )
        else:
            assert source_dsn is not None
            result = create_backup(source_dsn, urls, label=label, **common)

        def render(r: dict[str, Any]) -> None:
            console.print(
                f"[green]backup {r['backup_id']}[/] complete in {', '.join(r['urls'])}: {human_bytes(r['bytes'])} "
                f"in {r['files']} files, {r['tables']} tables / {r['rows']} rows, {r['seconds']:.1f}s "
                f"(data as of {r['data_as_of']})"
            )
            for url, error in r["failed_urls"].items():
                console.print(f"[red]FAILED[/] {url}: {error} (left incomplete, no manifest)")

        emit(result, as_json, render)
        if result["failed_urls"]:
            raise typer.Exit(1)

    @backup_app.command("keygen")
    def keygen_cmd(
        out: Annotated[
            Path, typer.Option("--out", help="Where the new private key (PEM, 0600) is written; never overwritten.")
        ],
        as_json: JsonOpt = False,
    ) -> None:
        """Create the Ed25519 key pair that signs manifests.

        The private key goes to --out (mode 0600): keep it only where backups are made and point
        backup.signing_key at it (file:/path). The printed public key goes to backup.public_key
        everywhere backups are read (restore, failover, the watcher).
        """
        public = generate(out)
        emit(
            {"private_key_file": str(out), "public_key": public},
            as_json,
            lambda d: console.print(
                f"private key: {d['private_key_file']} (set backup.signing_key: file:{d['private_key_file']})\n"
                f"public key:  {d['public_key']} (set backup.public_key)"
            ),
        )

    @backup_app.command("list")
    def list_cmd(from_: FromOpt = None, as_json: JsonOpt = False) -> None:
        """List the backups of a location, newest first: id, age, size, complete or incomplete."""
        store = open_store(_location(from_, "--from"))
        now = utc()
        data = {"url": store.url, "backups": [b.to_dict(now) for b in list_backups(store)]}
        emit(data, as_json, _render_list)

    @backup_app.command("verify")
    def verify_cmd(
        from_: FromOpt = None,
        backup_id: Annotated[str | None, typer.Option("--backup-id", help="The backup to verify.")] = None,
        latest: Annotated[bool, typer.Option("--latest", help="Verify the newest backup (the default).")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Re-read every file of a backup and check size and sha256; names every bad file, exit 1 if any."""
        store = open_store(_location(from_, "--from"))
        chosen = resolve_backup_id(store, backup_id, latest)
        result = verify_backup(store, chosen)

        def render(_: Any) -> None:
            if result.ok:
                console.print(f"[green]{result.summary()}[/]")
            else:
                console.print(f"[red]backup {chosen} is BAD[/] ({store.url})")
                for bad in result.bad_files:
                    console.print(f"  [red]{bad.path}[/]: {bad.reason}")

        emit(result.to_dict(), as_json, render)
        if not result.ok:
            raise typer.Exit(1)

    @backup_app.command("freshness")
    def freshness_cmd(
        from_: FromOpt = None,
        max_age: Annotated[
            str | None,
            typer.Option("--max-age", help="Oldest acceptable data age: 90m, 26h, 2d (default backup.max_age)."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The RPO alarm: exit 1 when the newest complete backup is older than --max-age (or there is none).

        Exit 2 when the location cannot be read for a configuration cause (credentials, no such bucket),
        3 when the storage service did not answer: freshness unknown is never reported as fresh.
        """
        store = open_store(_location(from_, "--from"))
        limit = parse_duration(max_age or get_config().backup.max_age)
        try:
            result = freshness(store, limit)
        except StorageError as exc:
            raise unreadable(exc, store.url, "backup freshness") from exc

        def render(r: dict[str, Any]) -> None:
            print_freshness(r)
            if r["incomplete_newer"]:
                console.print(f"[yellow]incomplete newer backups[/]: {', '.join(r['incomplete_newer'])}")
            for refused in r["refused"]:
                console.print(f"[red]refused[/] {refused['backup_id']}: {refused['problem']}")

        emit(result, as_json, render)
        if not result["fresh"]:
            raise typer.Exit(1)
