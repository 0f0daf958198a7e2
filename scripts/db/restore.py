"""``kaleo-dr restore``: the newest good backup into a target database - verified, fast, restartable.

What happens, in order

1. **Choose the backup.** Complete backups (``manifest.json`` present) newest first, or the one
   named by ``--backup-id``. Every file the manifest lists must exist with the manifest's size
   (one listing call: missing and truncated files are named before any work starts), and
   every byte is checked against the manifest's sha256 while it is downloaded: by default
   every file is verified before any table data is restored (only the schema, in the
   staging database, is restored meanwhile); with ``--stream`` the last chunk of each file
   is held back until its digest matched, so pg_restore never commits a corrupt file.
   When the newest backup turns out bad and no ``--backup-id`` was given,
   the restore warns, names the bad backup and files, and falls back to the next older
   complete backup; with ``--backup-id`` it stops (exit 1). Incomplete backups are never
   restored. The result names the backup used, every backup skipped and why, and the data
   age (RPO = now - ``manifest.data_as_of``).

2. **Never touch the target until the end.** The restore runs into a staging database
   ``<target>__kaleo_restore`` on the target server, marked as ours by its comment. The
   target database is only replaced after the staging copy was restored completely and
   validated: the target is dropped (``WITH (FORCE)``) and the staging database renamed to
   its name, with the target's owner, encoding and locale. A corrupt file, a failed
   ``pg_restore`` or a failed validation therefore never changes the target.

3. **Non-empty targets.** A target database that holds user tables, views, sequences or large
   objects (objects created by extensions do not count) is refused (exit 2) and left
   untouched. With ``--force`` it is *replaced* by the restored copy - and only once that copy
   is complete and validated, so a failed forced restore still leaves the old database
   intact. Database-level GRANTs and ``ALTER DATABASE ... SET`` settings of a replaced
   target are not carried over (the owner, encoding and locale are).

4. **Fast.** Phases: select -> prepare -> toc -> pre-data -> data -> post-data -> validate
   -> swap (``download`` is reported too: it overlaps pre-data and data). ``toc.dat`` is
   fetched first and pg_restore restores the schema (pre-data) while every table's data file
   starts downloading, in the order the tables will load. Then :mod:`scripts.db.pgload` runs
   the heavy middle on ``--jobs`` connections: each table's COPY is fed straight from its
   download (through the sha256 check, inflated with ISA-L, the last chunk held back until
   the digest matched, so a corrupt file never commits), into the table emptied in the same
   transaction, ``WITH (FREEZE)``; indexes, primary/unique keys and foreign keys are ready as
   soon as their tables are in; of the ready jobs that would not wait for a running job's
   table lock, the one with the most estimated work behind it runs first; idle workers lend
   themselves to the remaining index builds.
   Downloads run ahead at the store's speed into a :class:`Spool` (memory first, then
   the work folder). Autovacuum is paused on the staging tables while they load (and their
   own options put back). What is left - sequence values, large objects, triggers, comments,
   ACLs, materialized view data, partition index attachments and whatever depends on them -
   goes to one final ``pg_restore -j N`` (``post-data`` in the phases also covers index
   builds still running when the last table finished loading). Every session gets
   restore-friendly settings (``maintenance_work_mem``, ``work_mem``,
   ``synchronous_commit=off``, ``jit=off``; through ``PGOPTIONS`` for pg_restore); nothing in
   the server's configuration is changed. Measured against plain ``pg_restore -j``:
   ``bench/db.py``.

   ``--stream`` (``restore.stream``) needs no local disk for the dump: every table data file
   is a named pipe; when a pg_restore worker opens one, its bytes stream from the object
   store through the sha256 check into the pipe (download and load fully overlapped), the
   last chunk held back until the digest matched, so a corrupt file never commits. Files
   smaller than ``restore.stream_min_bytes`` are fetched ahead into memory; large objects
   load through a second pg_restore as soon as the schema exists. Phases in this mode:
   pre-data until the first data file is opened, data until the last one was fed,
   post-data the rest.

5. **Validation.** Exact row count of every table (the server's own count of the rows each
   COPY committed into the empty table; ``count(*)`` for a table loaded otherwise), sequence
   positions and the counts of
   tables, indexes, constraints, functions, triggers, views, large objects, extensions...
   (``scripts.db.pgtools.inventory``) must equal what the backup recorded; any difference is
   exit 1 and the staging database is kept for inspection (the target is untouched).

6. **Killed at any moment.** A run killed with ``kill -9`` (with or without its
   ``pg_restore`` children) is repaired by running the same command again: a *clean
   restart*. The rerun finds the staging database by name and comment, drops it (ending any
   orphaned ``pg_restore`` sessions; orphaned pg_restore processes waiting on a named pipe of
   the dead run are released and its work folder removed) and restores again; if the kill
   hit between dropping
   the old target and renaming the validated staging copy, the rerun just finishes the
   rename. A session advisory lock on the server keeps two restores of the same target
   from running at once.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.db import pgload, pgtoc, pgtools
from scripts.db.manifest import MANIFEST_NAME, FileEntry, Manifest, file_key, is_backup_id
from scripts.db.storage import NotFound, StorageError, Store, open_store
from scripts.output import BadInput, CheckFailed, emit, err_console, info

STAGING_SUFFIX = "__kaleo_restore"
MARK_STAGING = "kaleo-dr restore staging"
MARK_VALIDATED = "kaleo-dr restore validated"
MARK_DONE = "kaleo-dr restored"
RESERVED_DATABASES = {"postgres", "template0", "template1"}
# Table data files smaller than this are fetched ahead into memory; larger ones stream from
# the object store when pg_restore opens their named pipe.
STREAM_MIN_BYTES = 4 * 1024 * 1024
# Named pipes get a 1 MiB buffer (Linux default 64 KiB): a pg_restore worker keeps decoding
# while the feeding thread waits for CPU, instead of stalling every 64 KiB.
PIPE_BYTES = 1024 * 1024
# Downloaded table data waiting to be loaded is kept in memory up to this many bytes, the
# rest in the work folder (compressed either way).
SPOOL_MEMORY_BYTES = 512 * 1024 * 1024
SLOWEST_JOBS = 20  # the longest data loads and index builds named in --json output
F_SETPIPE_SZ = 1031
DATA_DESCS = ("TABLE DATA", "SEQUENCE SET", "BLOBS", "LARGE OBJECTS")
PHASES = ("select", "prepare", "toc", "pre_data", "download", "data", "post_data", "validate", "swap")


# -- results ----------------------------------------------------------------------------------


@dataclass
class Skipped:
    backup_id: str
    reason: str
    bad_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"backup_id": self.backup_id, "reason": self.reason, "bad_files": self.bad_files}


@dataclass
class RestoreResult:
    backup_id: str
    url: str
    target: str
    data_as_of: str
    rpo_seconds: float
    bytes: int
    seconds: float
    phases: dict[str, float]
    skipped: list[Skipped]
    validation: dict[str, Any]
    replaced_existing: bool
    tables: int
    slowest: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "backup_id": self.backup_id,
            "url": self.url,
            "target": self.target,
            "data_as_of": self.data_as_of,
            "rpo_seconds": round(self.rpo_seconds, 1),
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "tables": self.tables,
            "replaced_existing": self.replaced_existing,
            "skipped": [s.as_dict() for s in self.skipped],
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
            "validation": self.validation,
            "slowest_jobs": self.slowest,
        }


class BadBackup(Exception):
    """The backup itself is unusable (incomplete, unreadable manifest, bad or missing files)."""

    def __init__(self, reason: str, bad_files: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.bad_files = bad_files or []


class Aborted(Exception):
    """Another worker failed; this one stops."""


# -- backups in the store ---------------------------------------------------------------------


@dataclass
class BackupRef:
    backup_id: str
    complete: bool
    sizes: dict[str, int]  # relpath under files/ -> size in the store


def scan_backups(store: Store, backup_id: str | None = None) -> list[BackupRef]:
    """Every backup under the location (or only ``backup_id``), newest first, with the sizes of
    its stored files. Naming the backup lists only its own files, not every kept backup's."""
    refs: dict[str, BackupRef] = {}
    for obj in store.list(f"{backup_id}/" if backup_id and is_backup_id(backup_id) else ""):
        head, _, rest = obj.key.partition("/")
        if not is_backup_id(head) or not rest:
            continue
        ref = refs.setdefault(head, BackupRef(head, False, {}))
        if rest == MANIFEST_NAME:
            ref.complete = True
        elif rest.startswith("files/"):
            ref.sizes[rest[len("files/") :]] = obj.size
    return sorted(refs.values(), key=lambda r: r.backup_id, reverse=True)


def load_manifest(store: Store, backup_id: str) -> Manifest:
    """The backup's manifest (``scripts.db.backup.load_manifest``); any problem makes the backup unusable."""
    from scripts.db import backup

    try:
        return backup.load_manifest(store, backup_id)
    except NotFound as exc:
        raise BadBackup("incomplete: no manifest (never restored)") from exc
    except CheckFailed as exc:
        raise BadBackup(f"manifest unreadable: {exc.message}") from exc


def check_sizes(manifest: Manifest, ref: BackupRef) -> None:
    """Every listed file present with the manifest's size (names every bad file)."""
    bad: list[str] = []
    for fe in manifest.files:
        size = ref.sizes.get(fe.path)
        if size is None:
            bad.append(f"{fe.path}: missing")
        elif size != fe.size:
            bad.append(f"{fe.path}: {size} bytes, manifest says {fe.size}")
    if not any(fe.path == "toc.dat" for fe in manifest.files):
        bad.append("toc.dat: not in the manifest")
    if bad:
        raise BadBackup(f"{len(bad)} bad file(s)", bad)


# -- the pg_restore table of contents -----------------------------------------------------------


@dataclass
class TocEntry:
    dump_id: int
    desc: str
    label: str
    line: str


_TOC_RE = re.compile(r"^(\d+); (\d+) (\d+) (.*)$")


def parse_toc(listing: str) -> list[TocEntry]:
    """Entries of ``pg_restore -l`` (only the data-section kinds are told apart)."""
    out: list[TocEntry] = []
    for line in listing.splitlines():
        m = _TOC_RE.match(line)
        if not m:
            continue
        rest = m.group(4)
        desc = next((d for d in DATA_DESCS if rest == d or rest.startswith(d + " ")), rest.split(" ", 1)[0])
        label = rest[len(desc) :].strip()
        # "schema name owner": drop the owner for display.
        label = label.rsplit(" ", 1)[0] if label.count(" ") >= 2 else label
        out.append(TocEntry(int(m.group(1)), desc, label.replace(" ", ".", 1) if label else desc, line))
    return out


@dataclass
class DataPlan:
    """What the data section needs: a file per table, the large-object files, the rest of the TOC."""

    tables: list[tuple[TocEntry, FileEntry]]  # largest first
    blob_entries: list[TocEntry]
    blob_files: list[FileEntry]
    main_entries: list[TocEntry]  # every entry except the large-object data
    all_entries: list[TocEntry]


def plan_data(entries: list[TocEntry], files: list[FileEntry]) -> DataPlan:
    """Map each TABLE DATA entry to its file (a missing one makes the backup unusable)."""
    by_path = {f.path: f for f in files}
    tables: list[tuple[TocEntry, FileEntry]] = []
    blob_entries: list[TocEntry] = []
    missing: list[str] = []
    for e in entries:
        if e.desc == "TABLE DATA":
            fe = next(
                (by_path[p] for p in (f"{e.dump_id}.dat{s}" for s in ("", ".gz", ".lz4", ".zst")) if p in by_path),
                None,
            )
            if fe is None:
                missing.append(f"{e.dump_id}.dat*: missing (data of {e.label})")
            else:
                tables.append((e, fe))
        elif e.desc in ("BLOBS", "LARGE OBJECTS"):
            blob_entries.append(e)
    if missing:
        raise BadBackup("data files named by toc.dat are missing", missing)
    tables.sort(key=lambda t: t[1].size, reverse=True)
    blob_files = [f for f in files if f.path.startswith("blob")] if blob_entries else []
    main = [e for e in entries if e.desc not in ("BLOBS", "LARGE OBJECTS")]
    return DataPlan(tables, blob_entries, blob_files, main, entries)


# -- progress ------------------------------------------------------------------------------------


class Progress:
    """Bytes, tables and phase: a Rich bar on a TTY, plain lines otherwise (stderr with --json)."""

    def __init__(self, as_json: bool, total_bytes: int = 0) -> None:
        self.as_json = as_json
        self.lock = threading.Lock()
        self.bytes = 0
        self.tables_done = 0
        self.tables_total = 0
        self.phase = ""
        self._bar: Any = None
        self._task: Any = None
        if err_console.is_terminal:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                TextColumn,
                TimeElapsedColumn,
                TransferSpeedColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TextColumn("{task.fields[tables]}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self._task = self._bar.add_task("restore", total=total_bytes or None, tables="")
            self._bar.start()

    def set_total(self, total_bytes: int, tables: int) -> None:
        self.tables_total = tables
        if self._bar is not None:
            self._bar.update(self._task, total=total_bytes, tables=f"tables 0/{tables}")

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        if self._bar is not None:
            self._bar.update(self._task, description=phase)
        else:
            info(f"restore: {phase}", self.as_json)

    def add_bytes(self, n: int) -> None:
        with self.lock:
            self.bytes += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n)

    def table_done(self, n: int) -> None:
        with self.lock:
            self.tables_done += n
        if self._bar is not None:
            self._bar.update(self._task, tables=f"tables {self.tables_done}/{self.tables_total}")

    def warn(self, message: str) -> None:
        (self._bar.console if self._bar is not None else err_console).print(message)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


# -- the target server ---------------------------------------------------------------------------


@dataclass
class Target:
    dsn: str
    password: str | None
    database: str
    staging: str

    def dsn_for(self, dbname: str) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(self.dsn, dbname=dbname)

    def connect(self, dbname: str) -> Any:
        return pgtools.connect(self.dsn_for(dbname), self.password)

    def admin(self) -> Any:
        """A connection to the server's maintenance database (``postgres``, else ``template1``)."""
        try:
            return self.connect("postgres")
        except CheckFailed:
            return self.connect("template1")


def staging_name(database: str) -> str:
    name = database
    while len((name + STAGING_SUFFIX).encode()) > 63:
        name = name[:-1]
    return name + STAGING_SUFFIX


def _db_comment(conn: Any, dbname: str) -> str | None:
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (dbname,)
    ).fetchone()
    return None if row is None else (row[0] or "")


def _db_exists(conn: Any, dbname: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone() is not None


def _user_objects(conn: Any) -> int:
    """Tables, views, sequences and large objects of the database itself (not of extensions)."""
    row = conn.execute(
        """SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                     AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                     AND d.objid = c.oid AND d.deptype = 'e'))
                + (SELECT count(*) FROM pg_largeobject_metadata)"""
    ).fetchone()
    return int(row[0]) if row else 0


def _q(name: str) -> str:
    return pgtools.quote_ident(name)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- the restore engine ----------------------------------------------------------------------------


class Engine:
    """One restore of one backup into the staging database.

    Default (:meth:`run_direct`): pg_restore restores the schema; :mod:`scripts.db.pgload` loads
    every table from its verified download and builds the indexes and constraints, longest
    chain first; one last pg_restore does the rest. With ``stream`` (:meth:`run_stream`): a
    single ``pg_restore -j N`` runs the archive and every table data file is a named pipe fed
    from the object store when a worker opens it; large objects load through a second
    pg_restore once the schema exists.
    """

    def __init__(
        self,
        store: Store,
        manifest: Manifest,
        target: Target,
        jobs: int,
        work_dir: Path,
        progress: Progress,
        pg_restore: Path,
        settings: dict[str, str],
        no_owner: bool,
        stream_min_bytes: int = STREAM_MIN_BYTES,
        stream: bool = False,
        spool_memory: int = SPOOL_MEMORY_BYTES,
    ) -> None:
        self.stream = stream
        self.stream_min_bytes = stream_min_bytes
        self.store = store
        self.manifest = manifest
        self.target = target
        self.jobs = max(1, jobs)
        self.work = work_dir
        self.dump = work_dir / "dump"
        self.progress = progress
        self.pg_restore = pg_restore
        self.no_owner = no_owner
        env = pgtools.client_env(target.password)
        pgoptions = " ".join(f"-c {k}={v}" for k, v in settings.items())
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " " + pgoptions).strip()
        env["PGAPPNAME"] = "kaleo-dr restore"
        self.env = env
        self.stop = threading.Event()
        self.procs: set[subprocess.Popen[bytes]] = set()
        self.procs_lock = threading.Lock()
        # Forking pg_restore (Popen with preexec_fn) while another thread submits to a thread
        # pool has broken the pool's locks ("release unlocked lock"): the two never overlap.
        self.fork_lock = threading.Lock()
        self.phases: dict[str, float] = {}
        self.errors: list[BaseException] = []
        self.paused_autovacuum: list[tuple[str, tuple[str, ...]]] = []
        self.copied_rows: dict[tuple[str, str], int] = {}
        self.timeline: list[pgload.JobTiming] = []
        self.spool_memory = spool_memory
        # The same settings for kaleo-dr's own connections as pg_restore gets through PGOPTIONS.
        self.session_sql = "".join(f"SET {k} = '{v}';\n" for k, v in settings.items())
        self._cache: dict[str, bytes] = {}
        self._cache_state: dict[str, threading.Event] = {}
        self._cache_cond = threading.Condition()
        self._cache_bytes = 0

    # -- downloads -----------------------------------------------------------------------------
    def _key(self, fe: FileEntry) -> str:
        return file_key(self.manifest.backup_id, fe.path)

    def _fetch_verified(self, fe: FileEntry, sink: Callable[[bytes], object]) -> None:
        """Stream one file through sha256 into ``sink``; the last chunk only once it matched."""
        digest = hashlib.sha256()
        size = 0
        pending: bytes | None = None
        for chunk in stream_object(self.store, self._key(fe), self.stop):
            digest.update(chunk)
            size += len(chunk)
            if size > fe.size:
                break
            if pending is not None:
                sink(pending)
            pending = chunk
            self.progress.add_bytes(len(chunk))
        if size != fe.size:
            got = str(size) if size <= fe.size else f"more than {fe.size}"
            raise BadBackup(
                "a file does not match the manifest", [f"{fe.path}: {got} bytes read, manifest says {fe.size}"]
            )
        if digest.hexdigest() != fe.sha256:
            raise BadBackup(
                "a file does not match the manifest",
                [f"{fe.path}: sha256 {digest.hexdigest()[:16]}... differs from the manifest's {fe.sha256[:16]}..."],
            )
        if pending is not None:
            sink(pending)

    def _download(self, fe: FileEntry) -> None:
        """Fetch one file through its sha256 check into the dump folder."""
        dest = self.dump / fe.path
        part = dest.with_name(dest.name + ".part")
        with part.open("wb") as f:
            self._fetch_verified(fe, f.write)
        part.replace(dest)

    def _prefetch(self, files: list[FileEntry]) -> None:
        """Fetch small files ahead into memory (bounded), in the order pg_restore will want them."""
        budget = 256 * 1024 * 1024
        try:
            for fe in files:
                with self._cache_cond:
                    if fe.path in self._cache_state:
                        continue  # a feeder got there first
                    while self._cache_bytes > budget and not self.stop.is_set():
                        self._cache_cond.wait(0.2)
                    ready = threading.Event()
                    self._cache_state[fe.path] = ready
                buf: list[bytes] = []
                try:
                    self._fetch_verified(fe, buf.append)
                    with self._cache_cond:
                        self._cache[fe.path] = b"".join(buf)
                        self._cache_bytes += fe.size
                finally:
                    ready.set()
        except BaseException as exc:
            self._fail(exc)

    # -- processes -----------------------------------------------------------------------------
    def _start(self, args: list[str], log_name: str) -> tuple[subprocess.Popen[bytes], Path]:
        if self.stop.is_set():
            raise Aborted
        log = self.work / f"{log_name}.log"
        argv = [str(self.pg_restore), "--exit-on-error", *(["--no-owner"] if self.no_owner else []), *args]
        argv += ["-d", self.target.dsn_for(self.target.staging), str(self.dump)]
        with log.open("wb") as err, self.fork_lock:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=self.env,
                preexec_fn=_die_with_parent,
            )
        with self.procs_lock:
            self.procs.add(proc)
        return proc, log

    def _finish(self, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
        rc = proc.wait()
        with self.procs_lock:
            self.procs.discard(proc)
        if self.stop.is_set() and rc != 0:
            raise Aborted
        if rc != 0:
            text = pgtools.redact(log.read_text(errors="replace").strip(), self.target.password)
            raise CheckFailed(f"pg_restore failed during {what} (exit {rc}): {text[-1500:]}")

    def _fail(self, exc: BaseException) -> None:
        with self.procs_lock:
            self.errors.append(exc)
        self.kill_all()

    def kill_all(self) -> None:
        """Stop everything: our threads see ``stop``; pg_restore and its workers get SIGKILL."""
        self.stop.set()
        with self.procs_lock:
            procs = list(self.procs)
        for proc in procs:
            for pid in [*_descendants(proc.pid), proc.pid]:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        with self._cache_cond:
            self._cache_cond.notify_all()

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> None:
        if self.stream:
            self.run_stream()
        else:
            self.run_direct()

    def _prepare_toc(self) -> DataPlan:
        self.dump.mkdir(parents=True, exist_ok=True)
        files = {f.path: f for f in self.manifest.files}
        self.progress.set_phase("toc")
        self._download(files["toc.dat"])
        listing = subprocess.run(
            [str(self.pg_restore), "-l", str(self.dump)], capture_output=True, text=True, check=False, env=self.env
        )
        if listing.returncode != 0:
            raise BadBackup(f"pg_restore cannot read toc.dat: {listing.stderr.strip()[-500:]}", ["toc.dat: unreadable"])
        plan = plan_data(parse_toc(listing.stdout), self.manifest.files)
        self.progress.set_total(sum(f.size for f in self.manifest.files), len(plan.tables))
        return plan

    def _restore_schema(self) -> None:
        """pg_restore's pre-data section, then autovacuum paused on the new (empty) tables."""
        proc, log = self._start(["--section=pre-data"], "pre-data")
        self._finish(proc, log, "pre-data")
        with contextlib.closing(self.target.connect(self.target.staging)) as conn:
            self.paused_autovacuum = pause_autovacuum(conn)

    def resume_autovacuum(self) -> None:
        if self.paused_autovacuum:
            with contextlib.closing(self.target.connect(self.target.staging)) as conn:
                resume_autovacuum(conn, self.paused_autovacuum)
            self.paused_autovacuum = []

    def run_direct(self) -> None:
        """Schema by pg_restore; table data, indexes and constraints by :mod:`scripts.db.pgload`
        (COPY straight from the verified download, longest chain first); the rest by pg_restore."""
        t0 = time.monotonic()
        plan = self._prepare_toc()
        try:
            toc = pgtoc.read_toc(self.dump / "toc.dat")
        except pgtoc.TocError as exc:
            # pg_restore read this archive (its listing worked), kaleo-dr's own reader cannot:
            # restore with pg_restore alone rather than not at all.
            self.progress.warn(f"[yellow]kaleo-dr cannot plan this archive ({exc}): restoring with pg_restore alone[/]")
            self.run_stream()
            return
        rows_by_name = {(t.schema, t.name): t.rows for t in self.manifest.tables}
        by_id = toc.by_id()
        files_of: dict[int, FileEntry] = {}
        data_bytes: dict[int, int] = {}
        table_rows: dict[int, int] = {}
        for te, fe in plan.tables:
            if fe.path.endswith((".dat", ".dat.gz")) and te.dump_id in by_id:
                entry = by_id[te.dump_id]
                files_of[te.dump_id] = fe
                data_bytes[te.dump_id] = fe.size * (3 if fe.path.endswith(".gz") else 1)
                table_rows[te.dump_id] = rows_by_name.get((entry.namespace, entry.tag), 0)
        load = pgload.plan_load(toc, table_rows, data_bytes)
        order = sorted(load.data_jobs, key=lambda j: -j.chain)
        spools: dict[int, Spool] = {}
        memory = self.spool_memory
        for j in order:  # the first tables to load are kept in memory while the budget lasts
            fe = files_of[j.entry.dump_id]
            in_memory = fe.size <= memory
            memory -= fe.size if in_memory else 0
            spools[j.entry.dump_id] = Spool(None if in_memory else self.dump / (fe.path + ".part"))
        # Whatever pg_restore reads itself at the end: large objects, data it has to load.
        local = [fe for te, fe in plan.tables if te.dump_id not in spools] + plan.blob_files
        t_start = time.monotonic()
        self.phases["toc"] = t_start - t0

        def abort_spools() -> None:
            for sp in spools.values():
                sp.fail(Aborted())

        def fetch(job: pgload.Job) -> None:
            spool = spools[job.entry.dump_id]
            try:
                self._fetch_verified(files_of[job.entry.dump_id], spool.write)
                spool.finish()
            except BaseException as exc:
                spool.fail(exc)
                raise

        # Every download is queued here, before any pg_restore is forked: submitting to a pool
        # from another thread while this one forks has been seen to break the pool's locks.
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, self.jobs))
        futures = [pool.submit(fetch, j) for j in order] + [pool.submit(self._download, fe) for fe in local]

        def download_all() -> None:
            try:
                for fut in concurrent.futures.as_completed(futures):
                    fut.result()
            except BaseException as exc:
                # Whatever happens here must reach the loaders, or they would wait forever.
                self._fail(exc)  # sets stop: every other download ends at its next chunk
                abort_spools()
            finally:
                pool.shutdown(wait=True)
            # Downloads overlap the schema and data phases: this is how long they took.
            self.phases["download"] = time.monotonic() - t_start

        downloader = threading.Thread(target=download_all, daemon=True)
        downloader.start()
        self.progress.set_phase("pre-data")
        try:
            self._restore_schema()
            t_data = time.monotonic()
            self.phases["pre_data"] = t_data - t_start
            self.progress.set_phase("data + indexes")

            def source(job: pgload.Job) -> Iterator[bytes]:
                fe = files_of[job.entry.dump_id]
                chunks = spools[job.entry.dump_id].chunks(self.stop)
                return inflate(chunks, fe.path) if fe.path.endswith(".gz") else chunks

            def data_done(job: pgload.Job, rows: int) -> None:
                if not pgload.loads_via_root(job.entry):  # else its rows land in other tables
                    self.copied_rows[(job.entry.namespace, job.entry.tag)] = rows
                spools[job.entry.dump_id].remove()
                self.progress.table_done(1)

            try:
                result = pgload.run_load(
                    load,
                    lambda: self.target.connect(self.target.staging),
                    self.jobs,
                    source,
                    pgload.session_sql(toc) + self.session_sql,
                    self.stop,
                    data_done,
                )
            except pgload.LoadError as exc:
                if isinstance(exc.cause, (BadBackup, Aborted, StorageError)):
                    raise exc.cause from None
                raise CheckFailed(f"restoring {exc}") from None
            self.phases["data"] = result.data_seconds
            self.timeline = result.timeline
            downloader.join()
            self._raise_first_error()
            listed = {e.dump_id for e in load.rest}
            rest_lines = [e.line for e in plan.all_entries if e.dump_id in listed]
            if rest_lines:
                self.progress.set_phase("post-data")
                rest_list = self.work / "rest.list"
                rest_list.write_text("".join(line + "\n" for line in rest_lines), encoding="utf-8")
                proc, log = self._start(
                    ["-L", str(rest_list), "--section=data", "--section=post-data", f"--jobs={self.jobs}"], "rest"
                )
                self._finish(proc, log, "the rest of the data and post-data")
            self.phases["post_data"] = time.monotonic() - t_data - result.data_seconds
        except BaseException as exc:
            self._fail(exc)
            abort_spools()
            downloader.join()
        self._raise_first_error()

    def run_stream(self) -> None:
        t0 = time.monotonic()
        plan = self._prepare_toc()
        for _, fe in plan.tables:
            os.mkfifo(self.dump / local_name(fe), 0o600)
        main_list = self.work / "main.list"
        main_list.write_text("".join(e.line + "\n" for e in plan.main_entries), encoding="utf-8")
        t_start = time.monotonic()
        self.phases["toc"] = t_start - t0

        self.progress.set_phase("pre-data")
        small = [fe for _, fe in plan.tables if fe.size < self.stream_min_bytes]
        threads = [threading.Thread(target=self._prefetch, args=(small,), daemon=True)] if small else []
        for th in threads:
            th.start()
        try:
            self._restore_schema()
            proc, log = self._start(
                ["-L", str(main_list), "--section=data", "--section=post-data", f"--jobs={self.jobs}"], "restore"
            )
        except BaseException as err:
            # A prefetch that found a bad file stops everything: its BadBackup is what to report.
            self._fail(err)
            for th in threads:
                th.join()
            self._raise_first_error()
            raise
        blob_thread: threading.Thread | None = None
        t_first: float | None = None
        t_fed = t_start
        try:
            pending = {fe.path: fe for _, fe in plan.tables}
            with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs + 1) as pool:
                running: set[concurrent.futures.Future[None]] = set()
                every: list[concurrent.futures.Future[None]] = []
                while (pending or running) and not self.stop.is_set():
                    opened = self._poll_fifos(pending, proc)
                    if opened and t_first is None:
                        t_first = time.monotonic()
                        self.progress.set_phase("data")
                    for fe, fd in opened:
                        with self.fork_lock:  # never submit while another thread forks pg_restore
                            fut = pool.submit(self._feed, fe, fd)
                        running.add(fut)
                        every.append(fut)
                    if t_first is not None and blob_thread is None and plan.blob_entries:
                        blob_thread = self._start_blobs(plan)
                    for fut in [f for f in running if f.done()]:
                        running.discard(fut)
                        if fut.exception() is not None:
                            self.kill_all()
                    if not pending and not running:
                        break
                    if proc.poll() is not None and pending:
                        break  # pg_restore stopped before asking for every file: _finish says why
                    time.sleep(0.002 if running or opened else 0.005)
                t_fed = time.monotonic()
            for fut in every:  # the pool has finished every feed here
                exc = fut.exception()
                if exc is not None:
                    self._fail(exc)
            self.progress.set_phase("post-data")
            if blob_thread is None and plan.blob_entries and not self.stop.is_set():
                blob_thread = self._start_blobs(plan)
            self._finish(proc, log, "the restore")
            if pending and not self.stop.is_set():
                raise CheckFailed(f"pg_restore finished without reading {len(pending)} data file(s)")
        except BaseException as exc:
            self._fail(exc)
        finally:
            self.kill_all_if_failed()
            for th in [*threads, *([blob_thread] if blob_thread else [])]:
                th.join()
        self._raise_first_error()
        t_end = time.monotonic()
        first = t_first if t_first is not None else t_fed
        self.phases["pre_data"] = first - t_start
        self.phases["data"] = t_fed - first
        self.phases["post_data"] = t_end - t_fed

    def kill_all_if_failed(self) -> None:
        if self.errors:
            self.kill_all()

    def _raise_first_error(self) -> None:
        real = [e for e in self.errors if not isinstance(e, Aborted)]
        if real:
            # A bad file is what decides the fallback: report it before anything it caused.
            raise next((e for e in real if isinstance(e, BadBackup)), real[0])
        if self.errors:
            raise CheckFailed("the restore was stopped")

    def _poll_fifos(self, pending: dict[str, FileEntry], proc: subprocess.Popen[bytes]) -> list[tuple[FileEntry, int]]:
        """Named pipes a pg_restore worker has opened for reading since the last poll."""
        opened: list[tuple[FileEntry, int]] = []
        for path, fe in list(pending.items()):
            try:
                fd = os.open(self.dump / local_name(fe), os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:
                    raise
                continue
            os.set_blocking(fd, True)
            if PIPE_BYTES:
                with contextlib.suppress(OSError):
                    fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
            del pending[path]
            opened.append((fe, fd))
        return opened

    def _feed(self, fe: FileEntry, fd: int) -> None:
        writer = os.fdopen(fd, "wb")
        try:
            data = self._cached(fe)
            inflater = Inflater(fe.path) if local_name(fe) != fe.path else None

            def write(chunk: bytes) -> None:
                for piece in inflater.pieces(chunk) if inflater else (chunk,):
                    writer.write(piece)

            if data is not None:
                write(data)
            else:
                self._fetch_verified(fe, write)
            if inflater is not None:
                inflater.close()
        except BaseException:
            # Kill pg_restore before its COPY sees the end of this file, so nothing partial commits.
            self.kill_all()
            with contextlib.suppress(OSError):
                writer.close()
            raise
        try:
            writer.close()
        except BrokenPipeError:
            if not self.stop.is_set():
                raise CheckFailed(f"pg_restore stopped reading {fe.path}") from None
        with contextlib.suppress(FileNotFoundError):
            (self.dump / local_name(fe)).unlink()
        self.progress.table_done(1)

    def _cached(self, fe: FileEntry) -> bytes | None:
        """The prefetched bytes of a small file (waiting if its fetch is under way), else None."""
        with self._cache_cond:
            ready = self._cache_state.get(fe.path)
            if ready is None:
                self._cache_state[fe.path] = threading.Event()  # claimed: the prefetcher skips it
                return None
        ready.wait()
        with self._cache_cond:
            data = self._cache.pop(fe.path, None)
            if data is not None:
                self._cache_bytes -= fe.size
                self._cache_cond.notify_all()
        if data is None:
            raise Aborted  # the prefetch failed; its error is reported
        return data

    def _start_blobs(self, plan: DataPlan) -> threading.Thread:
        def run() -> None:
            try:
                for fe in plan.blob_files:
                    self._download(fe)
                blob_list = self.work / "blobs.list"
                blob_list.write_text("".join(e.line + "\n" for e in plan.blob_entries), encoding="utf-8")
                proc, log = self._start(["-L", str(blob_list)], "large-objects")
                self._finish(proc, log, "large objects")
            except BaseException as exc:
                self._fail(exc)

        th = threading.Thread(target=run, daemon=True)
        th.start()
        return th


def local_name(fe: FileEntry) -> str:
    """The name a table data file gets in the local dump folder: gzip files are stored inflated."""
    return fe.path[: -len(".gz")] if fe.path.endswith(".gz") and not fe.path.startswith("blob") else fe.path


def _zlib_module() -> Any:
    try:
        from isal import isal_zlib  # ISA-L: the same format, about twice as fast to inflate

        return isal_zlib
    except ImportError:  # pragma: no cover - isal is a dependency; zlib keeps restores working without it
        import zlib

        return zlib


# Inflated bytes per call: sent on while still in the CPU cache (measured: about 18 % less
# CPU for inflating and sending than whole 8 MiB chunks' worth).
INFLATE_PIECE = 1024 * 1024


class Inflater:
    """A gzip stream decompressed chunk by chunk (several gzip members allowed): :meth:`pieces`
    yields each chunk's bytes in pieces of at most :data:`INFLATE_PIECE`."""

    def __init__(self, name: str) -> None:
        self._zlib = _zlib_module()
        self._name = name
        self._d = self._zlib.decompressobj(31)
        self._started = False

    def pieces(self, chunk: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self._d.decompress(chunk, INFLATE_PIECE)
            except self._zlib.error as exc:
                raise BadBackup("a file cannot be decompressed", [f"{self._name}: {exc}"]) from exc
            self._started = self._started or bool(chunk)
            if out:
                yield out
            if self._d.eof:
                chunk = self._d.unused_data  # a further gzip member may follow
                self._d = self._zlib.decompressobj(31)
                self._started = False
                if not chunk:
                    return
            else:
                chunk = self._d.unconsumed_tail
                if not chunk and len(out) < INFLATE_PIECE:
                    return  # all input used and nothing held back

    def close(self) -> None:
        if self._started and not self._d.eof:
            raise BadBackup("a file cannot be decompressed", [f"{self._name}: the gzip stream is truncated"])


def inflate(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream given in chunks (several members allowed)."""
    inflater = Inflater(name)
    for chunk in chunks:
        yield from inflater.pieces(chunk)
    inflater.close()


class Spool:
    """A file being downloaded that a reader follows while it grows.

    The downloader appends verified bytes (:meth:`write`) and calls :meth:`finish` once the
    whole file matched its sha256 (the last chunk is only written then), or :meth:`fail`.
    :meth:`chunks` yields the bytes as they arrive and ends only after :meth:`finish`, so a
    COPY fed from it cannot complete on a file that was not verified. The download runs at
    the store's speed whatever the reader's pace (one slow HTTP stream per table would hold
    a connection open for as long as the table takes to load). The bytes are kept in memory
    (``path`` None; each chunk is dropped once read) or in a local file.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._f = path.open("wb") if path is not None else None
        self._mem: list[bytes | None] = []
        self.size = 0
        self.done = False
        self.error: BaseException | None = None
        self.cond = threading.Condition()

    def write(self, chunk: bytes) -> None:
        if self._f is not None:
            self._f.write(chunk)
            self._f.flush()
        with self.cond:
            if self._f is None:
                self._mem.append(chunk)
            self.size += len(chunk)
            self.cond.notify_all()

    def finish(self) -> None:
        if self._f is not None:
            self._f.close()
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def fail(self, exc: BaseException) -> None:
        if self._f is not None:
            with contextlib.suppress(OSError):
                self._f.close()
        with self.cond:
            if self.error is None and not self.done:
                self.error = exc
            self.cond.notify_all()

    def _wait(self, pos: int, stop: threading.Event) -> int:
        """Bytes available past ``pos`` (0: the end); raises if the download failed."""
        with self.cond:
            while pos >= self.size and not self.done and self.error is None and not stop.is_set():
                self.cond.wait(0.5)
            if self.error is not None:
                raise self.error
            if stop.is_set():
                raise Aborted
            return self.size - pos

    def chunks(self, stop: threading.Event) -> Iterator[bytes]:
        pos = 0
        if self.path is None:
            index = 0
            while self._wait(pos, stop):
                with self.cond:
                    chunk, self._mem[index] = self._mem[index], None
                index += 1
                if chunk is None:  # pragma: no cover - each chunk is read once
                    raise CheckFailed("a spooled chunk was read twice")
                pos += len(chunk)
                yield chunk
            return
        with self.path.open("rb") as f:
            while available := self._wait(pos, stop):
                data = f.read(min(available, STREAM_READ))
                if not data:
                    raise CheckFailed(f"{self.path.name}: the local copy ended early")
                pos += len(data)
                yield data

    def remove(self) -> None:
        self._mem.clear()
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()


STREAM_READ = 1024 * 1024
_TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


class _Transient(Exception):
    pass


def stream_object(store: Store, key: str, stop: threading.Event) -> Iterator[bytes]:
    """The bytes of one object as a stream of 1 MiB chunks, resumed where it broke on errors.

    One streaming GET per object (``Range: bytes=N-`` after an interruption) instead of the
    storage layer's 8 MiB ranged reads: it costs a fraction of the CPU, which on a small
    restore machine is taken from pg_restore and the server. Transient failures (HTTP 408,
    429, 5xx, dropped connections) are retried with jittered backoff, the attempts counted
    afresh after every chunk that arrived. Stores without a streaming API fall back to
    ``iter_chunks``.
    """
    opener = _stream_opener(store, key)
    if opener is None:
        for chunk in store.iter_chunks(key):
            if stop.is_set():
                raise Aborted
            yield chunk
        return
    attempts = int(os.environ.get("KALEO_STORAGE_ATTEMPTS", "8"))
    offset = 0
    failures = 0
    while True:
        try:
            for chunk in opener(offset):
                if stop.is_set():
                    raise Aborted
                offset += len(chunk)
                failures = 0
                yield chunk
            return
        except (Aborted, NotFound, GeneratorExit):
            raise
        except Exception as exc:
            if not (isinstance(exc, _Transient) or _is_transient_error(exc)):
                raise StorageError(f"download {store.url}/{key}: {type(exc).__name__}: {exc}") from exc
            failures += 1
            if failures >= attempts:
                raise StorageError(f"download {store.url}/{key}: {exc} (after {attempts} attempts)") from exc
            time.sleep(min(8.0, 0.5 * 2 ** (failures - 1)) * (0.5 + random.random() / 2))  # noqa: S311


def _is_transient_error(exc: BaseException) -> bool:
    from scripts.db.storage import _is_transient

    return _is_transient(exc) or isinstance(exc, ConnectionError | TimeoutError)


def _stream_opener(store: Store, key: str) -> Callable[[int], Iterator[bytes]] | None:
    """A function opening the object at an offset and iterating its bytes, if the store has one."""
    from scripts.db.storage import FileStore, GcsStore, S3Store

    if isinstance(store, FileStore):
        path = store._path(key)

        def read_file(offset: int) -> Iterator[bytes]:
            if not path.is_file():
                raise NotFound(f"{store.url}/{key} does not exist")
            with path.open("rb") as f:
                f.seek(offset)
                while chunk := f.read(STREAM_READ):
                    yield chunk

        return read_file
    if isinstance(store, GcsStore):
        try:
            blob = store._blob(key)
            client = store.bucket.client
            url = blob._get_download_url(client)
            session = client._http
        except AttributeError:
            return None

        def read_gcs(offset: int) -> Iterator[bytes]:
            headers = {"Range": f"bytes={offset}-"} if offset else {}
            with session.get(url, headers=headers, stream=True, timeout=(10, 120)) as resp:
                if resp.status_code == 404:
                    raise NotFound(f"{store.url}/{key} does not exist")
                if resp.status_code in _TRANSIENT_STATUS:
                    raise _Transient(f"HTTP {resp.status_code}")
                if resp.status_code not in (200, 206) or (offset and resp.status_code != 206):
                    raise StorageError(f"download {store.url}/{key}: HTTP {resp.status_code}")
                try:
                    yield from resp.iter_content(chunk_size=STREAM_READ)
                except Exception as exc:  # a connection dropped mid-body: resume from the offset
                    raise _Transient(f"{type(exc).__name__}: {exc}") from exc

        return read_gcs
    if isinstance(store, S3Store):
        from scripts.db.storage import _join

        def read_s3(offset: int) -> Iterator[bytes]:
            kwargs: dict[str, Any] = {"Bucket": store.bucket, "Key": _join(store.prefix, key)}
            if offset:
                kwargs["Range"] = f"bytes={offset}-"
            try:
                body = store.client.get_object(**kwargs)["Body"]
            except Exception as exc:
                if store._is_missing(exc):
                    raise NotFound(f"{store.url}/{key} does not exist") from exc
                raise
            try:
                yield from body.iter_chunks(STREAM_READ)
            except Exception as exc:
                raise _Transient(f"{type(exc).__name__}: {exc}") from exc
            finally:
                body.close()

        return read_s3
    return None


def _load_prctl() -> Any:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


# Resolved once in the parent: the child between fork and exec may only make this one call.
_PRCTL = _load_prctl()


def _die_with_parent() -> None:
    """In the pg_restore child before exec: receive SIGKILL when kaleo-dr dies (Linux)."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError):
                kids = [int(c) for c in (task / "children").read_text().split()]
                out += kids
                todo += kids
    return out


def release_stale_pipes(base: Path | None = None) -> None:
    """Unblock pg_restore workers orphaned by a killed run (waiting on a pipe nobody feeds), clean up.

    A killed run leaves its work folder with ``owner.pid``; when that process is gone, each
    named pipe still waited on is opened for writing and closed at once: the orphaned reader
    sees end-of-file, fails and exits (its staging database is dropped anyway).
    """
    root = base or Path(tempfile.gettempdir())
    for work in root.glob("kaleo-restore-*"):
        try:
            pid = int((work / "owner.pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and Path(f"/proc/{pid}").exists():
            continue  # still running (another restore)
        for fifo in (work / "dump").glob("*"):
            if fifo.is_fifo():
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        shutil.rmtree(work, ignore_errors=True)


# -- the command's flow -------------------------------------------------------------------------------


@dataclass
class Options:
    url: str
    target_dsn: str
    backup_id: str | None = None
    jobs: int = 2
    force: bool = False
    no_owner: bool = False
    password: str | None = None
    work_dir: Path | None = None
    maintenance_work_mem: str = "512MB"
    work_mem: str = "64MB"
    stream_min_bytes: int = STREAM_MIN_BYTES
    spool_memory: int = SPOOL_MEMORY_BYTES
    stream: bool = False
    as_json: bool = False


def _session_settings(opts: Options) -> dict[str, str]:
    """Restore-friendly settings for every session of the restore (pg_restore's and kaleo-dr's)."""
    for value, key in ((opts.maintenance_work_mem, "maintenance_work_mem"), (opts.work_mem, "work_mem")):
        if not re.fullmatch(r"\d+\s*(kB|MB|GB)?", value):
            raise BadInput(f"restore.{key} {value!r} is not a PostgreSQL memory size", hint="e.g. 512MB or 1GB")
    return {
        "maintenance_work_mem": opts.maintenance_work_mem.replace(" ", ""),
        "work_mem": opts.work_mem.replace(" ", ""),
        "synchronous_commit": "off",
        # pg_restore already builds --jobs indexes at once: parallel workers per build would
        # only oversubscribe the CPUs (measured: bench/db.py).
        "max_parallel_maintenance_workers": "0",
        # Foreign-key checks and row counts scan whole tables: compiling them costs more than it saves.
        "jit": "off",
    }


def _prepare_target(target: Target, admin: Any, force: bool, progress: Progress) -> tuple[bool, str | None]:
    """Check the target; clean leftovers of an interrupted run. Returns (target exists, validated backup id)."""
    exists = _db_exists(admin, target.database)
    if exists:
        comment = _db_comment(admin, target.database) or ""
        with contextlib.closing(target.connect(target.database)) as conn:
            objects = _user_objects(conn)
        if objects and not force:
            raise BadInput(
                f"target database {target.database!r} already holds {objects} user object(s) "
                "(tables, views, sequences or large objects); it was not touched",
                hint="restore into an empty or new database, or pass --force to replace it once the restored copy "
                "is complete and validated" + (f" (it was restored by kaleo-dr: {comment})" if comment else ""),
            )
    validated: str | None = None
    if _db_exists(admin, target.staging):
        comment = _db_comment(admin, target.staging) or ""
        if not comment.startswith(("kaleo-dr restore staging", MARK_VALIDATED)):
            raise BadInput(
                f"database {target.staging!r} exists and is not a kaleo-dr staging database; it was not touched",
                hint="rename or drop it: kaleo-dr restores into this name before replacing the target",
            )
        if comment.startswith(MARK_VALIDATED) and not exists:
            validated = comment.removeprefix(MARK_VALIDATED).strip().split(" ", 1)[0]
        else:
            progress.warn(
                f"[yellow]found the staging database {target.staging!r} of an interrupted restore: "
                "dropping it and starting again[/]"
            )
            admin.execute(f"DROP DATABASE {_q(target.staging)} WITH (FORCE)")
    return exists, validated


def _create_staging(target: Target, admin: Any, manifest: Manifest, target_exists: bool) -> None:
    parts = ["TEMPLATE template0"]
    if target_exists:
        row = admin.execute(
            """SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype,
                      datlocprovider, daticulocale
               FROM pg_database WHERE datname = %s""",
            (target.database,),
        ).fetchone()
        owner, encoding, collate, ctype, provider, icu = row
        parts += [f"OWNER {_q(owner)}", f"ENCODING {_lit(encoding)}", f"LC_COLLATE {_lit(collate)}"]
        parts.append(f"LC_CTYPE {_lit(ctype)}")
        if provider == "i" and icu:
            parts += ["LOCALE_PROVIDER icu", f"ICU_LOCALE {_lit(icu)}"]
    else:
        parts.append("ENCODING 'UTF8'")
    admin.execute(f"CREATE DATABASE {_q(target.staging)} {' '.join(parts)}")
    mark = json.dumps({"backup_id": manifest.backup_id, "started_at": dt.datetime.now(dt.UTC).isoformat()})
    admin.execute(f"COMMENT ON DATABASE {_q(target.staging)} IS {_lit(MARK_STAGING + ' ' + mark)}")


def pause_autovacuum(conn: Any) -> list[tuple[str, tuple[str, ...]]]:
    """Switch autovacuum off for every table of the staging database; returns what to reset.

    While the data loads, autovacuum would start on the freshly filled tables (insert
    thresholds), take CPU and I/O from the restore, and hold locks that every ``CREATE
    INDEX`` must first cancel (after ``deadlock_timeout``, one second by default): the
    PostgreSQL manual's advice for bulk loads is to keep it off. Only the staging copy,
    which nothing else uses, is touched; a table whose dump sets the option itself is
    left alone, and :func:`resume_autovacuum` removes exactly the options set here.
    """
    rows = conn.execute(
        """SELECT c.oid::regclass::text, coalesce(c.reloptions, '{}'), c.reltoastrelid <> 0,
                  coalesce(t.reloptions, '{}')
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
           WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u')
             AND n.nspname NOT IN ('pg_catalog', 'information_schema')"""
    ).fetchall()
    paused: list[tuple[str, tuple[str, ...]]] = []
    for name, options, has_toast, toast_options in rows:
        keys: list[str] = []
        if not any(o.startswith("autovacuum_enabled=") for o in options):
            keys.append("autovacuum_enabled")
        if has_toast and not any(o.startswith("autovacuum_enabled=") for o in toast_options):
            keys.append("toast.autovacuum_enabled")
        if keys:
            paused.append((str(name), tuple(keys)))
    if paused:
        conn.execute(
            "".join(f"ALTER TABLE {name} SET ({', '.join(k + ' = false' for k in keys)});\n" for name, keys in paused)
        )
    return paused


def resume_autovacuum(conn: Any, paused: list[tuple[str, tuple[str, ...]]]) -> None:
    """Undo :func:`pause_autovacuum`: the tables' options are again exactly those of the dump."""
    if paused:
        conn.execute("".join(f"ALTER TABLE {name} RESET ({', '.join(keys)});\n" for name, keys in paused))


def _validate(
    target: Target, manifest: Manifest, jobs: int = 2, copied: dict[tuple[str, str], int] | None = None
) -> list[str]:
    """Compare the staging copy's inventory with the manifest's.

    A table's row count is the server's own count of the rows its ``COPY`` committed into the
    empty table (``copied``: nothing else writes into the staging database, and triggers and
    rules only exist after the data is in); every other table is counted with ``count(*)``,
    ``jobs`` at a time.
    """
    copied = copied or {}
    with contextlib.closing(target.connect(target.staging)) as conn:
        actual = pgtools.inventory(conn, rows=False)
        tables = conn.execute(
            """SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u')
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                 AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
               ORDER BY pg_relation_size(c.oid) DESC"""
        ).fetchall()
    counts: dict[str, int] = {pgtools.qualified(sch, name): n for (sch, name), n in copied.items()}
    queue = [(str(r[0]), str(r[1])) for r in tables if (str(r[0]), str(r[1])) not in copied]
    lock = threading.Lock()
    errors: list[BaseException] = []

    def count() -> None:
        try:
            with contextlib.closing(target.connect(target.staging)) as c:
                c.execute("SET jit = off")
                while True:
                    with lock:
                        if not queue or errors:
                            return
                        table = queue.pop(0)
                    result = pgtools.row_counts(c, [table])
                    with lock:
                        counts.update(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)

    workers = [threading.Thread(target=count, daemon=True) for _ in range(min(jobs, len(queue)))]
    for th in workers:
        th.start()
    for th in workers:
        th.join()
    if errors:
        raise errors[0]
    actual["tables"] = counts
    expected = pgtools.inventory_from_manifest(manifest)
    return pgtools.compare_inventories(expected, actual)


def _swap(target: Target, admin: Any, manifest: Manifest, target_exists: bool) -> None:
    admin.execute(f"COMMENT ON DATABASE {_q(target.staging)} IS {_lit(MARK_VALIDATED + ' ' + manifest.backup_id)}")
    if target_exists:
        admin.execute(f"DROP DATABASE {_q(target.database)} WITH (FORCE)")
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (target.staging,),
    )
    admin.execute(f"ALTER DATABASE {_q(target.staging)} RENAME TO {_q(target.database)}")
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    note = f"{MARK_DONE} backup {manifest.backup_id} (data as of {manifest.data_as_of}) at {stamp}"
    admin.execute(f"COMMENT ON DATABASE {_q(target.database)} IS {_lit(note)}")


def _lock_key(database: str) -> int:
    return int.from_bytes(hashlib.sha256(f"kaleo-dr restore {database}".encode()).digest()[:8], "big", signed=True)


def run_restore(opts: Options) -> RestoreResult:
    """Restore the newest good backup (or ``opts.backup_id``) into ``opts.target_dsn``."""
    started = time.monotonic()
    phases: dict[str, float] = dict.fromkeys(PHASES, 0.0)
    parts = pgtools.check_dsn(opts.target_dsn, "--target-dsn")
    database = parts.get("dbname")
    if not database:
        raise BadInput("--target-dsn names no database", hint="end the DSN with /dbname (e.g. .../kaleo)")
    if database in RESERVED_DATABASES:
        raise BadInput(f"--target-dsn names the system database {database!r}", hint="restore into its own database")
    if opts.jobs < 1:
        raise BadInput("--jobs must be at least 1")
    settings = _session_settings(opts)
    target = Target(opts.target_dsn, opts.password, database, staging_name(database))
    store = open_store(opts.url)
    progress = Progress(opts.as_json)
    try:
        return _run(opts, target, store, progress, phases, started, settings)
    finally:
        progress.close()


def _run(
    opts: Options,
    target: Target,
    store: Store,
    progress: Progress,
    phases: dict[str, float],
    started: float,
    settings: dict[str, str],
) -> RestoreResult:
    timeline: list[pgload.JobTiming] = []
    t = time.monotonic()
    progress.set_phase("select")
    try:
        refs = scan_backups(store, opts.backup_id)
    except StorageError as exc:
        raise CheckFailed(f"cannot list {store.url}: {exc.message}") from exc
    skipped: list[Skipped] = []
    if opts.backup_id:
        chosen = [r for r in refs if r.backup_id == opts.backup_id]
        if not chosen:
            raise BadInput(
                f"backup {opts.backup_id!r} not found in {store.url}", hint="kaleo-dr backup list --from ..."
            )
        candidates = chosen
    else:
        candidates = []
        for ref in refs:
            if ref.complete:
                candidates.append(ref)
            else:
                skipped.append(Skipped(ref.backup_id, "incomplete: no manifest (never restored)"))
        if not candidates:
            raise CheckFailed(
                f"no complete backup in {store.url}" + (f" ({len(skipped)} incomplete)" if skipped else ""),
                hint="a backup is complete only once its manifest.json was written",
            )
    phases["select"] = time.monotonic() - t

    t = time.monotonic()
    progress.set_phase("prepare")
    admin = target.admin()
    with contextlib.closing(admin):
        version = pgtools.server_version(admin)
        tool = pgtools.require_tool_for_server("pg_restore", version, what="target server")
        got = admin.execute("SELECT pg_try_advisory_lock(%s)", (_lock_key(target.database),)).fetchone()
        if not got or not got[0]:
            raise CheckFailed(f"another restore into {target.database!r} is running on this server")
        target_exists, validated = _prepare_target(target, admin, opts.force, progress)
        phases["prepare"] = time.monotonic() - t

        for ref in candidates:
            try:
                if not ref.complete:
                    raise BadBackup("incomplete: no manifest (never restored)")
                manifest = load_manifest(store, ref.backup_id)
                check_sizes(manifest, ref)
                if tool.major < _archive_major(manifest):
                    raise BadInput(
                        f"{tool.path} ({tool.version}) is older than the pg_dump that wrote backup "
                        f"{ref.backup_id} ({manifest.pg_dump_version})",
                        hint="install a newer postgresql-client",
                    )
                if validated == ref.backup_id:
                    progress.warn(f"finishing the interrupted restore of {ref.backup_id}: it was already validated")
                    problems = _validate(target, manifest)
                    if problems:
                        raise CheckFailed("the validated staging copy no longer validates: " + "; ".join(problems[:5]))
                else:
                    if validated is not None:
                        with contextlib.suppress(Exception):
                            admin.execute(f"DROP DATABASE {_q(target.staging)} WITH (FORCE)")
                        validated = None
                    problems = _restore_one(
                        opts,
                        target,
                        admin,
                        store,
                        manifest,
                        target_exists,
                        progress,
                        phases,
                        tool.path,
                        settings,
                        timeline,
                    )
            except BadBackup as exc:
                skip = Skipped(ref.backup_id, exc.reason, exc.bad_files)
                skipped.append(skip)
                progress.warn(
                    f"[bold red]WARNING: backup {ref.backup_id} is unusable: {exc.reason}[/]"
                    + "".join(f"\n  - {f}" for f in exc.bad_files)
                )
                if opts.backup_id:
                    raise CheckFailed(
                        f"backup {ref.backup_id} is unusable: {exc.reason}"
                        + (": " + "; ".join(exc.bad_files) if exc.bad_files else "")
                        + "; the target was not touched",
                        hint="restore the newest good backup instead (omit --backup-id) "
                        "or check it with kaleo-dr backup verify",
                    ) from None
                continue
            if problems:
                raise CheckFailed(
                    f"validation of backup {ref.backup_id} failed ({len(problems)} difference(s)): "
                    + "; ".join(problems[:20])
                    + f". The target is untouched; the restored copy is kept as {target.staging!r} for inspection.",
                    hint="a rerun drops the staging copy and restores again",
                )
            t = time.monotonic()
            progress.set_phase("swap")
            _swap(target, admin, manifest, target_exists)
            phases["swap"] = time.monotonic() - t
            now = dt.datetime.now(dt.UTC)
            return RestoreResult(
                backup_id=manifest.backup_id,
                url=store.url,
                target=pgtools.display_dsn(target.dsn),
                data_as_of=manifest.data_as_of,
                rpo_seconds=(now - manifest.data_time()).total_seconds(),
                bytes=sum(f.size for f in manifest.files),
                seconds=time.monotonic() - started,
                phases=phases,
                skipped=skipped,
                validation={"ok": True, "problems": [], "tables": len(manifest.tables)},
                replaced_existing=target_exists,
                tables=len(manifest.tables),
                slowest=[
                    {"job": f"{t.desc} {t.name}", "start": round(t.start, 3), "seconds": round(t.seconds, 3)}
                    for t in sorted(timeline, key=lambda t: -t.seconds)[:SLOWEST_JOBS]
                ],
            )
    raise CheckFailed(
        f"no usable backup in {store.url}: "
        + "; ".join(
            f"{s.backup_id}: {s.reason}" + (f" ({', '.join(s.bad_files)})" if s.bad_files else "") for s in skipped
        ),
        hint="the target was not touched; run kaleo-dr backup verify to see every bad file",
    )


def _archive_major(manifest: Manifest) -> int:
    m = re.search(r"(\d+)(?:\.\d+)?", manifest.pg_dump_version or "")
    return int(m.group(1)) if m else 0


def _restore_one(
    opts: Options,
    target: Target,
    admin: Any,
    store: Store,
    manifest: Manifest,
    target_exists: bool,
    progress: Progress,
    phases: dict[str, float],
    pg_restore: Path,
    settings: dict[str, str],
    timeline: list[pgload.JobTiming] | None = None,
) -> list[str]:
    """Restore one backup into a fresh staging database and validate it; returns the differences."""
    _create_staging(target, admin, manifest, target_exists)
    release_stale_pipes(opts.work_dir)
    work = Path(tempfile.mkdtemp(prefix="kaleo-restore-", dir=opts.work_dir))
    (work / "owner.pid").write_text(str(os.getpid()), encoding="utf-8")  # lets a later run clean up after a kill
    engine = Engine(
        store,
        manifest,
        target,
        opts.jobs,
        work,
        progress,
        pg_restore,
        settings,
        opts.no_owner,
        opts.stream_min_bytes,
        opts.stream,
        opts.spool_memory,
    )
    try:
        engine.run()
        engine.resume_autovacuum()
    except BadBackup:
        engine.kill_all()
        # Nothing of a bad backup may stay around: drop the staging copy before falling back.
        admin.execute(f"DROP DATABASE {_q(target.staging)} WITH (FORCE)")
        raise
    except StorageError as exc:
        engine.kill_all()
        raise CheckFailed(
            f"reading backup {manifest.backup_id} failed: {exc.message}",
            hint="the target was not touched; run the same command again once the object store answers",
        ) from exc
    except CheckFailed as exc:
        engine.kill_all()
        raise CheckFailed(
            exc.message,
            hint=exc.hint
            or f"the target was not touched; the partial copy {target.staging!r} is dropped by the next run",
        ) from exc
    except BaseException:
        engine.kill_all()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        phases.update(engine.phases)
        if timeline is not None:
            timeline[:] = engine.timeline
    t = time.monotonic()
    progress.set_phase("validate")
    problems = _validate(target, manifest, opts.jobs, engine.copied_rows)
    phases["validate"] = time.monotonic() - t
    return problems


# -- CLI -----------------------------------------------------------------------------------------------


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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace a target database that already holds data - only once the restored copy "
            "is complete and validated.",
        ),
    ] = False,
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help="Stream table data from the object store straight into pg_restore through named pipes "
            "(no local copy of the dump; for machines whose disk cannot hold it).",
        ),
    ] = False,
    no_owner: Annotated[
        bool, typer.Option("--no-owner", help="Do not restore object ownership (roles missing on the target).")
    ] = False,
    work_dir: Annotated[
        Path | None, typer.Option("--work-dir", help="Scratch folder for the downloaded dump (default: system temp).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Restore the newest good backup into a database: verified, parallel, validated, restartable.

    Every file is checked against the manifest (size and sha256) before its data is used.
    A bad newest backup is skipped with a warning naming it and its bad files, and the next older one is used
    (with --backup-id the restore stops instead). Backups without a manifest are never restored.

    The restore runs into a staging database <target>__kaleo_restore; the target is replaced only once the copy
    is complete and validated (exact row counts, sequences, object counts). A target that already holds data is
    refused and left untouched, unless --force.

    Killed at any moment, the same command run again starts cleanly over. The result names the backup used,
    the backups skipped and why, the data age (RPO) and the duration of each phase.

    Exit codes: 0 restored and validated; 1 no good backup, a failed pg_restore or a failed validation;
    2 bad input (flags, DSN, password, a non-empty target without --force).
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
    password = pgtools_secret(cfg.password)
    opts = Options(
        url=url,
        target_dsn=dsn,
        backup_id=backup_id,
        jobs=jobs if jobs is not None else cfg.jobs,
        force=force,
        no_owner=no_owner or cfg.no_owner,
        password=password,
        work_dir=work_dir or cfg.work_dir,
        maintenance_work_mem=cfg.maintenance_work_mem,
        work_mem=cfg.work_mem,
        stream_min_bytes=cfg.stream_min_bytes,
        spool_memory=cfg.spool_memory_mb * 1024 * 1024,
        stream=stream or cfg.stream,
        as_json=as_json,
    )
    result = run_restore(opts)
    emit(result.as_dict(), as_json, _render)


def pgtools_secret(ref: str | None) -> str | None:
    if not ref:
        return None
    from scripts.config import resolve_secret

    return resolve_secret(ref, "restore.password")


def register(app: typer.Typer) -> None:
    app.command("restore")(restore)
