"""The backups of a location: list, load a manifest, verify every file, freshness (the RPO alarm)."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scripts.db.backup.formatting import human_bytes, human_duration, utc
from scripts.db.manifest import (
    FILES_DIR,
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    backup_time,
    file_key,
    is_backup_id,
    manifest_key,
)
from scripts.db.storage import NotFound, StorageError, Store
from scripts.db.trust import SIGNATURE_NAME, TrustPolicy, check_not_future, is_future, signature_key
from scripts.output import BadInput, CheckFailed


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
    problem: str | None = None  # why it is incomplete (or refused: badly signed, future-dated)
    signed: bool = False  # a valid signature was verified with backup.public_key
    has_manifest: bool = False  # a manifest is stored (a refused one too)

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        return utc(now) - (self.data_as_of or self.created_at)

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
            "signed": self.signed,
        }


def load_manifest(store: Store, backup_id: str, policy: TrustPolicy | None = None) -> Manifest:
    """The manifest of ``backup_id``, authenticated (see :mod:`scripts.db.trust`).

    NotFound when missing (the backup is incomplete); CheckFailed when it is badly signed,
    unsigned while signatures are required, future-dated, or does not parse."""
    return load_trusted_manifest(store, backup_id, policy)[0]


def load_trusted_manifest(
    store: Store, backup_id: str, policy: TrustPolicy | None = None, now: dt.datetime | None = None
) -> tuple[Manifest, bool]:
    """The manifest and whether a valid signature was checked. The signature is verified on
    the manifest's bytes before they are parsed, so before any byte of the backup is used."""
    policy = policy or TrustPolicy.current()
    where = f"{store.url}/{manifest_key(backup_id)}"
    check_not_future(backup_id, None, now)
    data = store.get_bytes(manifest_key(backup_id))
    signature: bytes | None = None
    if policy.public_key is not None:
        try:
            signature = store.get_bytes(signature_key(backup_id))
        except NotFound:
            signature = None
    signed = policy.check(data, signature, where)
    try:
        manifest = Manifest.from_json(data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckFailed(f"{where} is not a valid manifest: {exc}") from exc
    if manifest.backup_id != backup_id:
        raise CheckFailed(f"{where} belongs to backup {manifest.backup_id}, not {backup_id}")
    try:
        data_time = manifest.data_time()
    except (ValueError, TypeError) as exc:
        raise CheckFailed(f"{where}: data_as_of {manifest.data_as_of!r} is not a time") from exc
    check_not_future(backup_id, data_time, now)
    return manifest, signed


def list_backups(store: Store, policy: TrustPolicy | None = None) -> list[BackupInfo]:
    """Every backup of a location, newest first (by id, which sorts by time).

    Only authenticated backups are complete: a badly signed, unsigned-while-required or
    future-dated one is listed incomplete with the reason (never the newest complete)."""
    policy = policy or TrustPolicy.current()
    groups: dict[str, list[int]] = {}
    has_manifest: set[str] = set()
    has_signature: set[str] = set()
    for obj in store.list():
        top, _, rest = obj.key.partition("/")
        if not is_backup_id(top) or not rest:
            continue
        groups.setdefault(top, []).append(obj.size)
        if rest == MANIFEST_NAME:
            has_manifest.add(top)
        elif rest == SIGNATURE_NAME:
            has_signature.add(top)
    out: list[BackupInfo] = []
    for backup_id in sorted(groups, reverse=True):
        sizes = groups[backup_id]
        info_ = BackupInfo(backup_id, False, sum(sizes), len(sizes), backup_time(backup_id), None)
        info_.files -= (backup_id in has_manifest) + (backup_id in has_signature)
        info_.has_manifest = backup_id in has_manifest
        if backup_id not in has_manifest:
            info_.problem = "no manifest: the backup never finished"
            if is_future(backup_id):
                info_.problem = "future-dated id, and no manifest"
        out.append(info_)
    with cf.ThreadPoolExecutor(max_workers=8) as pool:
        loaded = pool.map(
            _load_for_listing,
            [store] * len(out),
            [b.backup_id if b.problem is None else None for b in out],
            [policy] * len(out),
        )
        for info_, (manifest, signed, problem) in zip(out, loaded, strict=True):
            if manifest is not None:
                info_.complete = True
                info_.signed = signed
                info_.manifest = manifest
                info_.created_at = dt.datetime.fromisoformat(manifest.created_at)
                info_.data_as_of = manifest.data_time()
            elif problem is not None:
                info_.problem = problem
    return out


def _load_for_listing(
    store: Store, backup_id: str | None, policy: TrustPolicy
) -> tuple[Manifest | None, bool, str | None]:
    if backup_id is None:
        return None, False, None
    try:
        manifest, signed = load_trusted_manifest(store, backup_id, policy)
    except (CheckFailed, NotFound) as exc:
        return None, False, exc.message
    return manifest, signed, None


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


def _check_pack(
    store: Store, backup_id: str, pack: FileEntry, members: list[FileEntry], stored_size: int | None
) -> list[tuple[FileEntry, BadFile | None]]:
    """Read one pack once and check each of its files against its own size and sha256; a pack
    missing, of the wrong size or unreadable makes every file of it bad (the pack named)."""
    import hashlib

    def all_bad(reason: str) -> list[tuple[FileEntry, BadFile | None]]:
        return [(m, BadFile(m.path, f"{reason} (pack {pack.path})")) for m in members]

    bad_pack = _check_file(store, backup_id, pack, stored_size) if stored_size != pack.size else None
    if bad_pack is not None:
        return all_bad(bad_pack.reason)
    digests = [hashlib.sha256() for _ in members]
    whole = hashlib.sha256()
    pos = 0
    try:
        for chunk in store.iter_chunks(file_key(backup_id, pack.path)):
            whole.update(chunk)
            for m, d in zip(members, digests, strict=True):
                lo, hi = max(m.offset, pos), min(m.offset + m.size, pos + len(chunk))
                if lo < hi:
                    d.update(chunk[lo - pos : hi - pos])
            pos += len(chunk)
    except NotFound:
        return all_bad("missing")
    except StorageError as exc:
        return all_bad(f"unreadable: {exc.message}")
    if pos != pack.size:
        return all_bad(f"read {pos} bytes, expected {pack.size}")
    out: list[tuple[FileEntry, BadFile | None]] = [
        (m, None if d.hexdigest() == m.sha256 else BadFile(m.path, f"sha256 mismatch (pack {pack.path})"))
        for m, d in zip(members, digests, strict=True)
    ]
    if whole.hexdigest() != pack.sha256 and all(bad is None for _, bad in out):
        # every file matched, yet the pack did not: bytes outside its files differ
        out.append((pack, BadFile(pack.path, "sha256 mismatch: the pack differs outside its files")))
    return out


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
    listed = {f.path for f in manifest.objects_stored()}
    result.extra_files = sorted(set(stored) - listed)
    with cf.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [
            pool.submit(lambda f: [(f, _check_file(store, backup_id, f, stored.get(f.path)))], f)
            for f in manifest.files
            if f.pack is None
        ] + [
            pool.submit(_check_pack, store, backup_id, p, manifest.members(p.path), stored.get(p.path))
            for p in manifest.packs
        ]
        for fut in cf.as_completed(futures):
            for entry, bad in fut.result():
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


def download_files(store: Store, manifest: Manifest, dest: Path) -> int:
    """A backup's pg_dump directory in ``dest`` (each pack split into its files, each file
    checked against its sha256): what ``pg_restore`` reads. Returns the bytes written."""
    import hashlib

    dest.mkdir(parents=True, exist_ok=True)
    for f in manifest.files:
        if f.pack is None:
            store.get_file(file_key(manifest.backup_id, f.path), dest / f.path)
    for p in manifest.packs:
        body = store.get_bytes(file_key(manifest.backup_id, p.path))
        for m in manifest.members(p.path):
            data = body[m.offset : m.offset + m.size]
            if hashlib.sha256(data).hexdigest() != m.sha256:
                raise CheckFailed(f"{m.path} (in {p.path}): sha256 differs from the manifest's")
            (dest / m.path).write_bytes(data)
    return sum(f.size for f in manifest.files)


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
    backups = [b for b in list_backups(store) if not is_future(b.backup_id)]
    if not backups:
        raise CheckFailed(f"no backup in {store.url} (future-dated ones are never the newest)")
    return backups[0].backup_id


def freshness(store: Store, max_age: dt.timedelta, now: dt.datetime | None = None) -> dict[str, Any]:
    """The RPO check: is the newest complete backup younger than ``max_age``?"""
    now = utc(now)
    backups = list_backups(store)
    newest = next((b for b in backups if b.complete), None)
    newer_incomplete = [
        b.backup_id for b in backups if not b.complete and (newest is None or b.backup_id > newest.backup_id)
    ]
    refused = [{"backup_id": b.backup_id, "problem": b.problem} for b in backups if not b.complete and b.has_manifest]
    result: dict[str, Any] = {
        "url": store.url,
        "max_age": human_duration(max_age),
        "max_age_seconds": int(max_age.total_seconds()),
        "fresh": False,
        "newest_complete": None,
        "age_seconds": None,
        "age": None,
        "incomplete_newer": newer_incomplete,
        "refused": refused,
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
