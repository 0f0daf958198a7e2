"""``kaleo-dr backup``: ship database dumps out of AWS and prove they are complete and fresh.

Commands
    ``create``     dump a database (``--source-dsn``) or the newest RDS snapshot
                   (``--rds-instance``) in pg_dump directory format and upload it as it is
                   produced to one or more backup locations, manifest last;
    ``list``       the backups of a location, newest first, complete or not;
    ``verify``     re-read every file of a backup and check its size and sha256;
    ``freshness``  the RPO alarm: exit 1 when the newest complete backup is too old.

A backup is complete only when its ``manifest.json`` exists (it is written after every
file has been uploaded and checked), see :mod:`scripts.db.manifest`. The functions
:func:`list_backups`, :func:`load_manifest`, :func:`verify_backup` and
:func:`newest_complete` are what ``kaleo-dr restore`` uses to choose a backup.

Compression (measured with ``bench/backup_compression.py --scale 1.0 --repeat 2 --restore``)
    pg_dump 15 offers gzip levels only. Data set of 919 MiB (numeric rows with a foreign key
    and indexes, jsonb/text events, customers, high-entropy bytea), 2 cores shared with other
    work, fastest of 2 runs, ratios against plain ``pg_dump -Fd -j2`` (default gzip level 6):
    6.7 s and 144 MiB in that run.

    ================================================  =======  ====  ==========  ==========
    variant                                           seconds  MiB   time ratio  size ratio
    ================================================  =======  ====  ==========  ==========
    pg_dump -Fd -j2 -Z0 (local disk)                    2.6     567     0.39        3.93
    kaleo-dr backup create --compress none (GCS emu)    8.5     567     1.27        3.93
    pg_dump -Fd -j2 -Z1 (local disk)                    4.4     158     0.65        1.09
    kaleo-dr backup create --compress gzip:1 (GCS emu)  5.6     158     0.83        1.09
    pg_dump -Fd -j2 -Z6 (local disk)                    8.8     144     1.32        1.00
    kaleo-dr backup create --compress gzip:6 (GCS emu)  9.8     144     1.46        1.00
    pg_restore -j2 of the -Z0 dump (local disk)        19.7       -     -           -
    pg_restore -j2 of the -Z1 dump (local disk)        26.8       -     -           -
    pg_restore -j2 of the -Z6 dump (local disk)        28.6       -     -           -
    ================================================  =======  ====  ==========  ==========

    gzip level 1 ships fastest end to end (0.83 of plain pg_dump, against 1.27 uncompressed,
    whose 3.9x bytes make the upload the bottleneck, and 1.46 at level 6, whose CPU cost
    dominates on 2 cores); it is only 9 % larger than level 6 and restores as fast. An
    uncompressed dump restores faster from local disk (no gunzip) but has to be shipped out
    of AWS (egress billed per GB), stored and downloaded at 3.9x the size. Hence ``gzip:1``;
    ``--compress none`` stays available where the network is much faster than the CPU.
    Identical commands varied by up to 30 % between runs on the shared machine.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.db.manifest import (
    FILES_DIR,
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    Source,
    TableCount,
    backup_time,
    file_key,
    is_backup_id,
    manifest_key,
    new_backup_id,
)
from scripts.db.storage import NotFound, StorageError, Store, open_store, sha256_file
from scripts.output import BadInput, CheckFailed, DrError, console, emit, err_console, info

if TYPE_CHECKING:
    import psycopg

# Measured with bench/backup_compression.py (figures in the module docstring): gzip level 1 wins.
DEFAULT_COMPRESSION = "gzip:1"
UPLOAD_WORKERS = 4
POLL_SECONDS = 0.25

# -- durations ----------------------------------------------------------------------------------

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str, what: str = "--max-age") -> dt.timedelta:
    """``90m``, ``26h``, ``2d``, ``1h30m``, ``45s``, ``1w`` -> timedelta (BadInput otherwise)."""
    compact = text.strip().lower().replace(" ", "")
    if not compact or _DURATION_RE.sub("", compact):
        raise BadInput(f"{what} {text!r} is not a duration", hint="write e.g. 90m, 26h, 2d or 1h30m")
    seconds = sum(float(n) * _UNITS[u] for n, u in _DURATION_RE.findall(compact))
    if seconds <= 0:
        raise BadInput(f"{what} {text!r} must be longer than zero")
    return dt.timedelta(seconds=seconds)


def human_duration(delta: dt.timedelta | float) -> str:
    seconds = int(delta.total_seconds() if isinstance(delta, dt.timedelta) else delta)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    if days:
        return f"{sign}{days}d{hours}h"
    if hours:
        return f"{sign}{hours}h{minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m{secs:02d}s"
    return f"{sign}{secs}s"


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def _utc(value: dt.datetime | None = None) -> dt.datetime:
    return (value or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


# -- catalog: list, load, verify ------------------------------------------------------------------


@dataclass
class BackupInfo:
    """One backup found in a location; ``complete`` means its manifest exists and parses."""

    backup_id: str
    complete: bool
    bytes: int  # bytes stored (every object of the backup)
    files: int
    created_at: dt.datetime  # from the manifest, else from the id
    data_as_of: dt.datetime | None  # the moment the data reflects (None when incomplete)
    manifest: Manifest | None = None
    problem: str | None = None  # why it is incomplete

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        return _utc(now) - (self.data_as_of or self.created_at)

    def to_dict(self, now: dt.datetime | None = None) -> dict[str, Any]:
        return {
            "backup_id": self.backup_id,
            "complete": self.complete,
            "status": "complete" if self.complete else "incomplete",
            "bytes": self.bytes,
            "files": self.files,
            "created_at": self.created_at.isoformat(),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "age_seconds": int(self.age(now).total_seconds()),
            "age": human_duration(self.age(now)),
            "problem": self.problem,
        }


def load_manifest(store: Store, backup_id: str) -> Manifest:
    """The manifest of ``backup_id``; NotFound when missing (the backup is incomplete),
    CheckFailed when it does not parse."""
    data = store.get_bytes(manifest_key(backup_id))
    try:
        manifest = Manifest.from_json(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckFailed(f"{store.url}/{manifest_key(backup_id)} is not a valid manifest: {exc}") from exc
    if manifest.backup_id != backup_id:
        raise CheckFailed(
            f"{store.url}/{manifest_key(backup_id)} belongs to backup {manifest.backup_id}, not {backup_id}"
        )
    return manifest


def list_backups(store: Store) -> list[BackupInfo]:
    """Every backup of a location, newest first (by id, which sorts by time)."""
    groups: dict[str, list[int]] = {}
    has_manifest: set[str] = set()
    for obj in store.list():
        top, _, rest = obj.key.partition("/")
        if not is_backup_id(top) or not rest:
            continue
        groups.setdefault(top, []).append(obj.size)
        if rest == MANIFEST_NAME:
            has_manifest.add(top)
    out: list[BackupInfo] = []
    for backup_id in sorted(groups, reverse=True):
        sizes = groups[backup_id]
        info_ = BackupInfo(backup_id, False, sum(sizes), len(sizes), backup_time(backup_id), None)
        if backup_id not in has_manifest:
            info_.problem = "no manifest: the backup never finished"
        else:
            info_.files -= 1
        out.append(info_)
    with cf.ThreadPoolExecutor(max_workers=8) as pool:
        loaded = pool.map(
            _load_for_listing, [store] * len(out), [b.backup_id if b.problem is None else None for b in out]
        )
        for info_, (manifest, problem) in zip(out, loaded, strict=True):
            if manifest is not None:
                info_.complete = True
                info_.manifest = manifest
                info_.created_at = dt.datetime.fromisoformat(manifest.created_at)
                info_.data_as_of = manifest.data_time()
            elif problem is not None:
                info_.problem = problem
    return out


def _load_for_listing(store: Store, backup_id: str | None) -> tuple[Manifest | None, str | None]:
    if backup_id is None:
        return None, None
    try:
        return load_manifest(store, backup_id), None
    except (CheckFailed, NotFound) as exc:
        return None, exc.message


def newest_complete(store: Store) -> BackupInfo | None:
    return next((b for b in list_backups(store) if b.complete), None)


@dataclass
class BadFile:
    path: str  # relative to the backup's files/ folder (or "manifest.json")
    reason: str


@dataclass
class VerifyResult:
    backup_id: str
    url: str
    ok: bool
    complete: bool
    files_checked: int = 0
    bytes_checked: int = 0
    bad_files: list[BadFile] = field(default_factory=list)
    extra_files: list[str] = field(default_factory=list)  # stored but not in the manifest (ignored)
    manifest: Manifest | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "backup_id": self.backup_id,
            "url": self.url,
            "ok": self.ok,
            "complete": self.complete,
            "files_checked": self.files_checked,
            "bytes_checked": self.bytes_checked,
            "bad_files": [asdict(b) for b in self.bad_files],
            "extra_files": self.extra_files,
        }

    def summary(self) -> str:
        if self.ok:
            return f"backup {self.backup_id}: OK ({self.files_checked} files, {human_bytes(self.bytes_checked)})"
        bad = "; ".join(f"{b.path}: {b.reason}" for b in self.bad_files)
        return f"backup {self.backup_id}: BAD - {bad}"


def _check_file(store: Store, backup_id: str, entry: FileEntry, stored_size: int | None) -> BadFile | None:
    if stored_size is None:
        return BadFile(entry.path, "missing")
    if stored_size != entry.size:
        kind = "truncated" if stored_size < entry.size else "wrong size"
        return BadFile(entry.path, f"{kind}: {stored_size} bytes, expected {entry.size}")
    import hashlib

    digest = hashlib.sha256()
    size = 0
    try:
        for chunk in store.iter_chunks(file_key(backup_id, entry.path)):
            digest.update(chunk)
            size += len(chunk)
    except NotFound:
        return BadFile(entry.path, "missing")
    except StorageError as exc:
        return BadFile(entry.path, f"unreadable: {exc.message}")
    if size != entry.size:
        return BadFile(entry.path, f"read {size} bytes, expected {entry.size}")
    if digest.hexdigest() != entry.sha256:
        return BadFile(entry.path, "sha256 mismatch: content differs from what was backed up")
    return None


def verify_backup(
    store: Store,
    backup_id: str,
    *,
    workers: int = 4,
    on_file: Callable[[FileEntry, BadFile | None], None] | None = None,
) -> VerifyResult:
    """Re-read every file of a backup and check size and sha256 against its manifest.

    A missing or unreadable manifest makes the backup incomplete (``ok`` False, the
    manifest named as the bad file). Every bad file is listed with its reason.
    """
    result = VerifyResult(backup_id, store.url, ok=False, complete=False)
    try:
        manifest = load_manifest(store, backup_id)
    except NotFound:
        result.bad_files.append(BadFile(MANIFEST_NAME, "missing: the backup is incomplete"))
        return result
    except CheckFailed as exc:
        result.bad_files.append(BadFile(MANIFEST_NAME, exc.message))
        return result
    result.complete = True
    result.manifest = manifest
    prefix = f"{backup_id}/{FILES_DIR}/"
    stored = {o.key[len(prefix) :]: o.size for o in store.list(prefix) if o.key.startswith(prefix)}
    listed = {f.path for f in manifest.files}
    result.extra_files = sorted(set(stored) - listed)
    with cf.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_check_file, store, backup_id, f, stored.get(f.path)): f for f in manifest.files}
        for fut in cf.as_completed(futures):
            entry = futures[fut]
            bad = fut.result()
            result.files_checked += 1
            if bad is None:
                result.bytes_checked += entry.size
            else:
                result.bad_files.append(bad)
            if on_file is not None:
                on_file(entry, bad)
    result.bad_files.sort(key=lambda b: b.path)
    result.ok = not result.bad_files
    return result


def resolve_backup_id(store: Store, backup_id: str | None, latest: bool) -> str:
    """The id to act on: the given one (checked), else the newest backup (complete or not)."""
    if backup_id and latest:
        raise BadInput("give either --backup-id or --latest, not both")
    if backup_id:
        if not is_backup_id(backup_id):
            raise BadInput(f"--backup-id {backup_id!r} is not a backup id (like 20261127T031500Z-kaleo)")
        if not store.list(f"{backup_id}/"):
            raise CheckFailed(f"backup {backup_id} does not exist in {store.url}")
        return backup_id
    backups = list_backups(store)
    if not backups:
        raise CheckFailed(f"no backup in {store.url}")
    return backups[0].backup_id


def freshness(store: Store, max_age: dt.timedelta, now: dt.datetime | None = None) -> dict[str, Any]:
    """The RPO check: is the newest complete backup younger than ``max_age``?"""
    now = _utc(now)
    backups = list_backups(store)
    newest = next((b for b in backups if b.complete), None)
    newer_incomplete = [
        b.backup_id for b in backups if not b.complete and (newest is None or b.backup_id > newest.backup_id)
    ]
    result: dict[str, Any] = {
        "url": store.url,
        "max_age": human_duration(max_age),
        "max_age_seconds": int(max_age.total_seconds()),
        "fresh": False,
        "newest_complete": None,
        "age_seconds": None,
        "age": None,
        "incomplete_newer": newer_incomplete,
    }
    if newest is not None:
        age = newest.age(now)
        result.update(
            newest_complete=newest.backup_id,
            data_as_of=newest.data_as_of.isoformat() if newest.data_as_of else None,
            age_seconds=int(age.total_seconds()),
            age=human_duration(age),
            fresh=age <= max_age,
        )
    return result


# -- create -------------------------------------------------------------------------------------


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


def _children(pid: int) -> list[int]:
    """Child pids of ``pid`` (``/proc/PID/task/*/children``, else a scan of every ``/proc/*/stat``)."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    readable = False
    for task in tasks:
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
            readable = True
    if readable:
        return out
    for proc_dir in Path("/proc").iterdir():
        if not proc_dir.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (proc_dir / "stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                out.append(int(proc_dir.name))
    return out


def open_files(pid: int) -> set[str] | None:
    """Paths held open by a process and its descendants (None when /proc cannot tell)."""
    if not Path(f"/proc/{pid}/fd").is_dir():
        return None
    seen: set[str] = set()
    todo = [pid]
    done: set[int] = set()
    while todo:
        p = todo.pop()
        if p in done:
            continue
        done.add(p)
        try:
            fds = list(Path(f"/proc/{p}/fd").iterdir())
        except FileNotFoundError:
            continue  # exited meanwhile
        except PermissionError:
            return None
        for fd in fds:
            with contextlib.suppress(OSError):
                seen.add(str(fd.readlink()))
        todo += _children(p)
    return seen


@dataclass
class _Location:
    store: Store
    error: str | None = None


class _Uploader:
    """Uploads finished dump files to every location in parallel, each with its sha256.

    Files stay on local disk until the end: once pg_dump has exited, every file is stat-ed
    again and any file that changed after it was uploaded (it would mean it was not finished
    after all) is uploaded again, so a manifest can never describe a half-written file.
    """

    def __init__(self, locations: list[_Location], backup_id: str, workers: int) -> None:
        self.locations = locations
        self.backup_id = backup_id
        self.pool = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="upload")
        self.futures: list[cf.Future[None]] = []
        self.lock = threading.Lock()
        self.results: dict[str, tuple[FileEntry, tuple[int, int]]] = {}
        self.bytes_done = 0
        self.files_done = 0
        self.reuploads = 0
        self.cancelled = False

    def submit(self, path: Path, rel: str) -> None:
        self.futures.append(self.pool.submit(self._one, path, rel))

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int]:
        st = path.stat()
        return st.st_size, st.st_mtime_ns

    def _one(self, path: Path, rel: str) -> None:
        if self.cancelled:
            raise RuntimeError("cancelled")
        while True:
            before = self._stamp(path)
            entry = FileEntry(rel, before[0], sha256_file(path))
            for loc in self.locations:
                if loc.error is not None:
                    continue
                try:
                    info_ = loc.store.put_file(file_key(self.backup_id, rel), path)
                except DrError as exc:
                    with self.lock:
                        loc.error = loc.error or exc.message
                    continue
                if info_.size != entry.size:
                    with self.lock:
                        loc.error = loc.error or f"{rel}: stored {info_.size} bytes, expected {entry.size}"
            if self._stamp(path) == before:
                break
            with self.lock:
                self.reuploads += 1
        with self.lock:
            if rel not in self.results:
                self.bytes_done += entry.size
                self.files_done += 1
            self.results[rel] = (entry, before)

    def wait(self) -> None:
        for fut in self.futures:
            fut.result()
        self.futures = []

    def changed(self, folder: Path) -> list[str]:
        """Uploaded files whose size or mtime changed since their upload."""
        out = []
        for rel, (_, stamp) in self.results.items():
            path = folder / rel
            if not path.exists() or self._stamp(path) != stamp:
                out.append(rel)
        return out

    def finish(self, folder: Path) -> list[FileEntry]:
        self.wait()
        stale = self.changed(folder)
        if stale:
            with self.lock:
                self.reuploads += len(stale)
            for rel in stale:
                self.submit(folder / rel, rel)
            self.wait()
        self.pool.shutdown(wait=True)
        return sorted((e for e, _ in self.results.values()), key=lambda e: e.path)

    def abort(self) -> None:
        self.cancelled = True
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    if not enabled:
        yield lambda _text: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task("starting")
        yield lambda text: bar.update(task, description=text)


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
) -> dict[str, Any]:
    """Dump ``dsn`` with pg_dump -Fd -j in one exported snapshot and ship it to ``urls``.

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
    locations = [_Location(open_store(u)) for u in dict.fromkeys(urls)]
    for loc in locations:  # fail fast on a missing bucket or bad credentials, before a long dump
        try:
            loc.store.list("00000000T000000Z-preflight/")
        except DrError as exc:
            raise CheckFailed(
                f"backup location {loc.store.url} is not usable: {exc.message}",
                hint="check the bucket name, its existence and the credentials (GOOGLE_APPLICATION_CREDENTIALS, "
                "AWS_PROFILE...)",
            ) from exc
    source = source or SourceMeta()
    started = time.monotonic()
    conn = pgtools.connect(dsn, password)
    try:
        version = pgtools.server_version(conn)
        tool = pgtools.require_tool_for_server("pg_dump", version, pg_bin)
        conn.execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot(), now(), current_database()").fetchone()
        assert row is not None
        snapshot, snap_time, database = str(row[0]), _utc(row[1]), str(row[2])
        created = _utc()
        backup_id = new_backup_id(label or source.rds_instance or database, created)
        data_as_of = _utc(source.snapshot_time) if source.snapshot_time else snap_time
        if tmp_dir is not None:
            Path(tmp_dir).mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"kaleo-dump-{backup_id}-", dir=tmp_dir))
        try:
            entries, inv, dump_seconds = _dump_and_upload(
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
                version.major,
                pg_bin,
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        with contextlib.suppress(Exception):
            conn.close()
    tables, objects, sequences = pgtools.manifest_parts(inv)
    parts = pgtools.parse_dsn(dsn)
    manifest = Manifest(
        backup_id=backup_id,
        created_at=created.isoformat(),
        completed_at=_utc().isoformat(),
        data_as_of=data_as_of.isoformat(),
        source=Source(
            kind=source.kind,
            database=database,
            server_version=version.text,
            server_version_num=version.num,
            host=source.host or parts.get("host"),
            rds_instance=source.rds_instance,
            snapshot_id=source.snapshot_id,
            snapshot_time=_utc(source.snapshot_time).isoformat() if source.snapshot_time else None,
        ),
        pg_dump_version=tool.version,
        compression=comp_label,
        jobs=jobs,
        files=entries,
        tables=[TableCount(s, n, r) for s, n, r in tables],
        objects=objects,
        sequences=sequences,
        total_bytes=sum(e.size for e in entries),
    )
    body = manifest.to_json().encode()
    for loc in locations:
        if loc.error is None:
            try:
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
    }


def _archive_problems(
    conn: psycopg.Connection[Any], out_dir: Path, inv: dict[str, Any], server_major: int, pg_bin: str | Path | None
) -> list[str]:
    """Tables that hold rows in the snapshot but have no TABLE DATA entry in the archive.

    Guards against a dump that is silently missing data (the table of contents is read
    with ``pg_restore -l``). Tables that belong to an extension are recreated by the
    extension and are not required to be in the archive.
    """
    from scripts.db import pgtools

    try:
        tool = pgtools.find_tool("pg_restore", server_major, pg_bin)
    except BadInput:
        tool = pgtools.find_tool("pg_restore", server_major)
    proc = subprocess.run([str(tool.path), "-l", str(out_dir)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return [f"pg_restore -l cannot read the archive: {proc.stderr.strip()[-300:]}"]
    entries = [
        line.split(" TABLE DATA ", 1)[1]
        for line in proc.stdout.splitlines()
        if not line.startswith(";") and " TABLE DATA " in line
    ]
    members = {
        f"{r[0]}.{r[1]}"
        for r in conn.execute(
            """SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'"""
        ).fetchall()
    }
    problems = []
    for key, rows in inv["tables"].items():
        if not rows or key in members:
            continue
        schema, _, name = key.partition(".")
        if not any(e.startswith(f"{schema} {name} ") for e in entries):
            problems.append(f"{key} has {rows} rows but no data in the archive")
    return problems


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
    locations: list[_Location],
    backup_id: str,
    show_progress: bool,
    server_major: int,
    pg_bin: str | Path | None,
) -> tuple[list[FileEntry], dict[str, Any], float]:
    from scripts.db import pgtools

    out_dir = work / "dump"
    stderr_path = work / "pg_dump.stderr"
    argv = [
        str(pg_dump),
        "--format=directory",
        f"--jobs={jobs}",
        f"--compress={level}",
        f"--snapshot={snapshot}",
        "--no-password",
        f"--file={out_dir}",
        f"--dbname={dsn}",
    ]
    uploader = _Uploader(locations, backup_id, UPLOAD_WORKERS)
    inv_box: dict[str, Any] = {}

    def take_inventory() -> None:
        try:
            inv_box["inv"] = pgtools.inventory(conn)
        except Exception as exc:  # reported after pg_dump finished
            inv_box["error"] = exc

    t0 = time.monotonic()
    with stderr_path.open("wb") as err, _progress(show_progress) as say:
        proc = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=err, env=pgtools.client_env(password), start_new_session=True
        )
        counter = threading.Thread(target=take_inventory, name="inventory", daemon=True)
        counter.start()
        submitted: set[str] = set()
        dumped = 0
        try:
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
                if not running:
                    break
                say(
                    f"dumping {backup_id}: {human_bytes(dumped)} written, {uploader.files_done} files / "
                    f"{human_bytes(uploader.bytes_done)} uploaded"
                    + (", rows counted" if "inv" in inv_box else ", counting rows in the snapshot")
                )
                time.sleep(POLL_SECONDS)
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
        problems = _archive_problems(conn, out_dir, inv_box["inv"], server_major, pg_bin)
        if problems:
            uploader.abort()
            raise CheckFailed(
                f"the dump of {backup_id} lacks data the snapshot holds; no manifest written: " + "; ".join(problems)
            )
        try:
            entries = uploader.finish(out_dir)
        except Exception as exc:
            raise CheckFailed(f"upload of backup {backup_id} failed: {exc}") from exc
    with contextlib.suppress(Exception):
        conn.execute("COMMIT")
    if not any(e.path == "toc.dat" for e in entries):
        raise CheckFailed("pg_dump finished without writing toc.dat; the dump is unusable")
    return entries, inv_box["inv"], dump_seconds


# -- the AWS path ---------------------------------------------------------------------------------


def _raise_on_sigterm() -> Any:
    """Turn SIGTERM (cron timeouts, systemd stop) into an exception so cleanup code runs."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, handler)


def _restore_sigterm(previous: Any) -> None:
    import signal

    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, previous)


def create_from_rds(
    instance_id: str,
    urls: list[str],
    *,
    snapshot: str = "latest",
    password: str | None = None,
    db_name: str | None = None,
    db_user: str | None = None,
    connect_host: str | None = None,
    connect_port: int | None = None,
    wait_timeout: float = 3600.0,
    poll_seconds: float = 15.0,
    show_progress: bool = False,
    as_json: bool = False,
    **dump_args: Any,
) -> dict[str, Any]:
    """Dump the newest (or the named) snapshot of an RDS instance through a temporary instance.

    The temporary instance is private, in the source's subnet group and security groups,
    tagged for cleanup; it is deleted (no final snapshot, no automated backups) whatever
    happens, and leftovers of an earlier crashed run are deleted first.
    """
    from scripts.db import pgtools, rds

    client = rds.client()
    source = rds.require_instance(client, instance_id)
    removed = []
    for left in rds.temporary_instances(client, instance_id):
        leftover_id = left["DBInstanceIdentifier"]
        if left.get("DBInstanceStatus") != "deleting":
            info(f"removing leftover temporary instance {leftover_id} of an earlier run", as_json)
            rds.delete_instance(client, leftover_id)
        removed.append(leftover_id)
    snap = rds.choose_snapshot(client, instance_id, snapshot)
    snap_at = rds.snapshot_time(snap)
    run_id = rds.new_run_id()
    temp_id = rds.temp_instance_id(instance_id, run_id)
    info(
        f"restoring snapshot {snap['DBSnapshotIdentifier']} ({snap_at.isoformat()}) into temporary instance {temp_id}",
        as_json,
    )
    previous = _raise_on_sigterm()
    try:
        rds.restore_temporary(client, source, snap, temp_id, run_id)
        with _progress(show_progress) as say:
            inst = rds.wait_available(
                client, temp_id, wait_timeout, poll_seconds, say if show_progress else lambda m: info(m, as_json)
            )
        host, port = rds.endpoint(inst)
        dsn = pgtools.build_dsn(
            connect_host or host,
            connect_port or port,
            db_name or source.get("DBName") or "postgres",
            db_user or source.get("MasterUsername") or "postgres",
            sslmode=os.environ.get("PGSSLMODE", "prefer"),
        )
        result = create_backup(
            dsn,
            urls,
            password=password,
            label=dump_args.pop("label", None) or instance_id,
            source=SourceMeta(
                kind="rds-snapshot",
                host=host,
                rds_instance=instance_id,
                snapshot_id=snap["DBSnapshotIdentifier"],
                snapshot_time=snap_at,
            ),
            show_progress=show_progress,
            **dump_args,
        )
    finally:
        # Always, even when the restore call itself failed (it may have created the instance
        # before the error reached us); a crash that skips this is cleaned up by the next run.
        if rds.delete_instance(client, temp_id):
            info(f"deleted temporary instance {temp_id}", as_json)
        _restore_sigterm(previous)
    result.update(
        temporary_instance=temp_id,
        temporary_instance_deleted=True,
        snapshot_id=snap["DBSnapshotIdentifier"],
        leftovers_removed=removed,
    )
    return result


# -- CLI ------------------------------------------------------------------------------------------

ToOpt = Annotated[
    str | None, typer.Option("--to", help="Backup location URL: gs://bucket/prefix, s3://bucket/prefix, file:///dir.")
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Backup location URL (default: backup.to in kaleo-dr.yaml).")
]


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

    @backup_app.command("list")
    def list_cmd(from_: FromOpt = None, as_json: JsonOpt = False) -> None:
        """List the backups of a location, newest first: id, age, size, complete or incomplete."""
        store = open_store(_location(from_, "--from"))
        now = _utc()
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
        """The RPO alarm: exit 1 when the newest complete backup is older than --max-age (or there is none)."""
        store = open_store(_location(from_, "--from"))
        limit = parse_duration(max_age or get_config().backup.max_age)
        result = freshness(store, limit)

        def render(r: dict[str, Any]) -> None:
            if r["newest_complete"] is None:
                console.print(f"[red]STALE[/]: no complete backup in {r['url']}")
            elif r["fresh"]:
                console.print(f"[green]FRESH[/]: {r['newest_complete']} is {r['age']} old (max {r['max_age']})")
            else:
                console.print(f"[red]STALE[/]: {r['newest_complete']} is {r['age']} old (max {r['max_age']})")
            if r["incomplete_newer"]:
                console.print(f"[yellow]incomplete newer backups[/]: {', '.join(r['incomplete_newer'])}")

        emit(result, as_json, render)
        if not result["fresh"]:
            raise typer.Exit(1)
