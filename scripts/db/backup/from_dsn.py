"""``backup create --source-dsn``: pg_dump in one exported snapshot, uploaded while it is produced."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.db import roles, trust
from scripts.db.backup import scratch, terminate
from scripts.db.backup.formatting import human_bytes, spinner, utc
from scripts.db.backup.upload import Location, Uploader
from scripts.db.manifest import FileEntry, Manifest, Source, TableCount, manifest_key, new_backup_id
from scripts.db.proctree import open_files
from scripts.db.storage import open_store
from scripts.output import BadInput, CheckFailed, DrError, info

if TYPE_CHECKING:
    import psycopg
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


# Measured with bench/backup_compression.py (figures in the docstring of scripts.db.backup): gzip level 1 wins.
DEFAULT_COMPRESSION = "gzip:1"
UPLOAD_WORKERS = 4
POLL_SECONDS = 0.25


def parse_compression(text: str) -> tuple[str, int]:
    """``none``/``0``, ``gzip`` (level 6), ``gzip:N`` or ``N`` -> (label, pg_dump -Z level)."""
    value = text.strip().lower()
    if value in ("none", "0", "gzip:0"):
        return "none", 0
    if value == "gzip":
        return "gzip:6", 6
    level = value.removeprefix("gzip:")
    if level.isdigit() and 1 <= int(level) <= 9:
        return f"gzip:{int(level)}", int(level)
    raise BadInput(
        f"--compress {text!r} is not supported",
        hint="use none, gzip (level 6) or gzip:1 .. gzip:9 (pg_dump 15 compresses with gzip only)",
    )


@dataclass
class SourceMeta:
    """What the manifest records about where the data came from (defaults: a plain DSN)."""

    kind: str = "dsn"
    host: str | None = None
    rds_instance: str | None = None
    snapshot_id: str | None = None
    snapshot_time: dt.datetime | None = None


def create_backup(
    dsn: str,
    urls: list[str],
    *,
    password: str | None = None,
    jobs: int = 2,
    compression: str = DEFAULT_COMPRESSION,
    label: str | None = None,
    pg_bin: str | Path | None = None,
    source: SourceMeta | None = None,
    show_progress: bool = False,
    tmp_dir: Path | None = None,
    signing_key: Ed25519PrivateKey | None = None,
) -> dict[str, Any]:
    """Dump ``dsn`` with pg_dump -Fd -j in one exported snapshot and ship it to ``urls``.

    With ``signing_key`` the manifest's exact bytes are signed (Ed25519) and the signature
    is stored next to it, before it (:mod:`scripts.db.trust`).

    Files are uploaded while pg_dump still runs (a file is finished once no pg_dump
    process holds it open), each with its sha256; ``toc.dat`` comes last from pg_dump,
    then the manifest is written to every location whose uploads all succeeded. Row counts
    and the inventory are read in the dump's own snapshot, concurrently with the dump.
    """
    from scripts.db import pgtools

    if jobs < 1:
        raise BadInput("--jobs must be at least 1")
    comp_label, level = parse_compression(compression)
    pgtools.check_dsn(dsn)
    locations = [Location(open_store(u)) for u in dict.fromkeys(urls)]  # checked once pg_dump has started
    source = source or SourceMeta()
    started = time.monotonic()
    for stale in scratch.sweep(tmp_dir):
        info(f"removed the scratch folder of an earlier, killed backup run: {stale}", True)  # stderr
    with terminate.sigterm_raises():
        return _create(
            dsn,
            locations,
            password,
            jobs,
            comp_label,
            level,
            label,
            pg_bin,
            source,
            show_progress,
            tmp_dir,
            signing_key,
            started,
        )


def _create(
    dsn: str,
    locations: list[Location],
    password: str | None,
    jobs: int,
    comp_label: str,
    level: int,
    label: str | None,
    pg_bin: str | Path | None,
    source: SourceMeta,
    show_progress: bool,
    tmp_dir: Path | None,
    signing_key: Ed25519PrivateKey | None,
    started: float,
) -> dict[str, Any]:
    from scripts.db import pgtools
    from scripts.db.inventory import manifest_parts

    conn = pgtools.connect(dsn, password)
    try:
        version = pgtools.server_version(conn)
        tool = pgtools.require_tool_for_server("pg_dump", version, pg_bin)
        conn.execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot(), now(), current_database()").fetchone()
        assert row is not None
        snapshot, snap_time, database = str(row[0]), utc(row[1]), str(row[2])
        created = utc()
        backup_id = new_backup_id(label or source.rds_instance or database, created)
        data_as_of = utc(source.snapshot_time) if source.snapshot_time else snap_time
        with scratch.scratch_folder(backup_id, tmp_dir) as work:
            entries, packs, inv, dump_seconds = _dump_and_upload(
                conn,
                tool.path,
                dsn,
                password,
                snapshot,
                work,
                jobs,
                level,
                locations,
                backup_id,
                show_progress,
            )
    finally:
        with contextlib.suppress(Exception):
            conn.close()
    tables, objects, sequences = manifest_parts(inv)
    parts = pgtools.parse_dsn(dsn)
    manifest = Manifest(
        backup_id=backup_id,
        created_at=created.isoformat(),
        completed_at=utc().isoformat(),
        data_as_of=data_as_of.isoformat(),
        source=Source(
            kind=source.kind,
            database=database,
            server_version=version.text,
            server_version_num=version.num,
            host=source.host or parts.get("host"),
            rds_instance=source.rds_instance,
            snapshot_id=source.snapshot_id,
            snapshot_time=utc(source.snapshot_time).isoformat() if source.snapshot_time else None,
        ),
        pg_dump_version=tool.version,
        compression=comp_label,
        jobs=jobs,
        files=entries,
        packs=packs,
        tables=[TableCount(s, n, r) for s, n, r in tables],
        objects=objects,
        sequences=sequences,
        total_bytes=sum(e.size for e in entries),
    )
    body = manifest.to_json().encode()
    signature = trust.sign(signing_key, body) if signing_key is not None else None
    for loc in locations:
        if loc.error is None:
            try:
                if signature is not None:  # before the manifest: a manifest never exists unsigned
                    loc.store.put_bytes(trust.signature_key(backup_id), signature)
                loc.store.put_bytes(manifest_key(backup_id), body)
            except DrError as exc:
                loc.error = f"manifest: {exc.message}"
    good = [loc.store.url for loc in locations if loc.error is None]
    failed = {loc.store.url: loc.error for loc in locations if loc.error is not None}
    if not good:
        raise CheckFailed(
            f"backup {backup_id} failed: no location received every file; it stays incomplete (no manifest)",
            hint="; ".join(f"{u}: {e}" for u, e in failed.items()),
        )
    return {
        "backup_id": backup_id,
        "url": good[0],
        "urls": good,
        "failed_urls": failed,
        "ok": not failed,
        "bytes": manifest.total_bytes,
        "files": len(entries),
        "tables": len(manifest.tables),
        "rows": sum(t.rows for t in manifest.tables),
        "seconds": round(time.monotonic() - started, 3),
        "dump_seconds": round(dump_seconds, 3),
        "data_as_of": manifest.data_as_of,
        "compression": comp_label,
        "jobs": jobs,
        "pg_dump_version": tool.version,
        "server_version": version.text,
        "source": asdict(manifest.source),
        "signed": signature is not None,
    }


def _check_locations(locations: list[Location]) -> None:
    """Fail fast on a missing bucket or bad credentials: one listing per location.

    Run while pg_dump starts, not before it: the first request to a store loads its client
    library and waits for an answer (boto3 for S3: about 0.17 s; the GCS reader: about 15 ms
    and a request), which delayed every dump. A location that fails stops the dump before its
    first upload."""
    for loc in locations:
        try:
            loc.store.list("00000000T000000Z-preflight/")
        except DrError as exc:
            raise CheckFailed(
                f"backup location {loc.store.url} is not usable: {exc.message}",
                hint="check the bucket name, its existence and the credentials (GOOGLE_APPLICATION_CREDENTIALS, "
                "AWS_PROFILE...)",
            ) from exc


def _archive_problems(conn: psycopg.Connection[Any], out_dir: Path, inv: dict[str, Any]) -> list[str]:
    """Tables that hold rows in the snapshot but have no TABLE DATA entry in the archive.

    Guards against a dump that is silently missing data. The archive's table of contents is
    read by :mod:`scripts.db.pgtoc`, as a restore reads it (two ``pg_restore`` runs, its
    version and its listing, cost about 45 ms after every dump). Tables that belong to an
    extension are recreated by the extension and are not required to be in the archive.
    """
    from scripts.db import pgtoc

    try:
        toc = pgtoc.read_toc(out_dir / "toc.dat")
    except (OSError, pgtoc.TocError) as exc:
        return [f"the archive's toc.dat cannot be read: {exc}"]
    dumped = {f"{e.namespace}.{e.tag}" for e in toc.entries if e.desc == "TABLE DATA"}
    members = {
        f"{r[0]}.{r[1]}"
        for r in conn.execute(
            """SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'"""
        ).fetchall()
    }
    return [
        f"{key} has {rows} rows but no data in the archive"
        for key, rows in inv["tables"].items()
        if rows and key not in members and key not in dumped
    ]


def _stop_inventory(conn: psycopg.Connection[Any], counter: threading.Thread) -> None:
    with contextlib.suppress(Exception):
        conn.cancel()
    counter.join(timeout=30)


def _dump_and_upload(
    conn: psycopg.Connection[Any],
    pg_dump: Path,
    dsn: str,
    password: str | None,
    snapshot: str,
    work: Path,
    jobs: int,
    level: int,
    locations: list[Location],
    backup_id: str,
    show_progress: bool,
) -> tuple[list[FileEntry], list[FileEntry], dict[str, Any], float]:
    from scripts.db import pgtools
    from scripts.db.inventory import inventory

    out_dir = work / "dump"
    stderr_path = work / "pg_dump.stderr"
    argv = [
        str(pg_dump),
        "--format=directory",
        # The local files are a scratch copy, deleted once uploaded: syncing them to disk (pg_dump's
        # default) only makes the job wait for the disk, and their deletion for its journal.
        "--no-sync",
        f"--jobs={jobs}",
        f"--compress={level}",
        f"--snapshot={snapshot}",
        "--no-password",
        f"--file={out_dir}",
        f"--dbname={dsn}",
    ]
    uploader = Uploader(locations, backup_id, UPLOAD_WORKERS)
    inv_box: dict[str, Any] = {}

    def take_inventory() -> None:
        try:
            inv_box["inv"] = inventory(conn)
        except Exception as exc:  # reported after pg_dump finished
            inv_box["error"] = exc
            return
        # The roles, database privileges and settings pg_dump leaves out, read in the same snapshot:
        # a file of the backup like the others (in the manifest, so under its signature), which
        # ships with the dump's files while pg_dump runs.
        try:
            shipped = roles.read_globals(conn)
        except Exception as exc:
            inv_box["roles_error"] = exc
            return
        roles_file = work / roles.FILE_NAME
        roles_file.write_text(shipped.to_json(), encoding="utf-8")
        inv_box["roles"] = roles_file

    t0 = time.monotonic()
    with stderr_path.open("wb") as err, spinner(show_progress) as say:
        proc = subprocess.Popen(  # dies with this process, even when it is SIGKILLed
            terminate.die_with_parent(argv),
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=pgtools.client_env(password),
            start_new_session=True,
        )
        counter = threading.Thread(target=take_inventory, name="inventory", daemon=True)
        counter.start()
        submitted: set[str] = set()
        dumped = 0

        def ship_roles() -> None:
            """The roles file, once read, goes with the next pack."""
            if "roles" in inv_box and roles.FILE_NAME not in submitted:
                submitted.add(roles.FILE_NAME)
                uploader.submit(inv_box["roles"], roles.FILE_NAME)

        try:
            _check_locations(locations)
            while True:
                running = proc.poll() is None
                if out_dir.is_dir():
                    names = [p for p in out_dir.iterdir() if p.is_file()]
                    with contextlib.suppress(OSError):
                        dumped = sum(p.stat().st_size for p in names)
                    busy = open_files(proc.pid) if running else set()
                    if busy is not None:
                        for path in names:
                            if path.name in submitted or (running and path.name == "toc.dat"):
                                continue
                            if str(path) in busy:
                                continue
                            submitted.add(path.name)
                            uploader.submit(path, path.name)
                ship_roles()
                # What this look found finished ships now, as one pack: after pg_dump's exit
                # only its last files and toc.dat are left to upload.
                uploader.flush()
                if not running:
                    break
                say(
                    f"dumping {backup_id}: {human_bytes(dumped)} written, {uploader.files_done} files / "
                    f"{human_bytes(uploader.bytes_done)} uploaded"
                    + (", rows counted" if "inv" in inv_box else ", counting rows in the snapshot")
                )
                # Until the next look at the folder, or pg_dump's exit, whichever comes first
                # (a plain sleep added half a poll, on average, to every backup).
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=POLL_SECONDS)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 9)
            proc.wait()
            uploader.abort()
            _stop_inventory(conn, counter)
            raise
        dump_seconds = time.monotonic() - t0
        if proc.returncode != 0:
            uploader.abort()
            _stop_inventory(conn, counter)
            message = pgtools.redact(stderr_path.read_text(errors="replace").strip(), password)
            tail = " | ".join(message.splitlines()[-5:]) or f"exit code {proc.returncode}"
            raise CheckFailed(f"pg_dump failed: {tail}")
        say(f"uploading the last files of {backup_id}")
        counter.join()
        if "error" in inv_box:
            uploader.abort()
            raise CheckFailed(f"counting rows in the dump snapshot failed: {inv_box['error']}")
        if "roles_error" in inv_box:
            uploader.abort()
            exc = inv_box["roles_error"]
            raise CheckFailed(f"reading the roles and database settings for {backup_id} failed: {exc}") from exc
        ship_roles()  # when it was read after pg_dump's last look at its folder
        uploader.flush()
        # The archive is checked while its last files upload; nothing is final before the manifest.
        problems = _archive_problems(conn, out_dir, inv_box["inv"])
        if problems:
            uploader.abort()
            raise CheckFailed(
                f"the dump of {backup_id} lacks data the snapshot holds; no manifest written: " + "; ".join(problems)
            )
        try:
            entries = uploader.finish()
        except Exception as exc:
            raise CheckFailed(f"upload of backup {backup_id} failed: {exc}") from exc
    with contextlib.suppress(Exception):
        conn.execute("COMMIT")
    if not any(e.path == "toc.dat" for e in entries):
        raise CheckFailed("pg_dump finished without writing toc.dat; the dump is unusable")
    return entries, sorted(uploader.packs.values(), key=lambda p: p.path), inv_box["inv"], dump_seconds
