"""The backup manifest: what a complete backup is, in one JSON document written last.

Layout of one backup under a location URL::

    <url>/<backup_id>/files/<pg_dump directory-format files: toc.dat, NNNN.dat.zst, ...>
    <url>/<backup_id>/files/pack-NNNN.kpack  <- small files, concatenated (format 2)
    <url>/<backup_id>/manifest.json      <- written last; without it the backup is incomplete

Format 2 packs the small files of a dump (below ``scripts.db.backup.upload.PACK_BELOW``
bytes each, ``toc.dat`` aside) into a few *pack* objects: an object store costs tens of milliseconds per request,
so a schema of a thousand small tables would otherwise spend most of its backup and
restore on requests. Each packed file keeps its own entry (path, size, sha256) with the
pack holding it and its offset there; each pack has an entry of its own in ``packs`` (its
size and sha256). A signed manifest therefore covers every byte of every pack. Format 1
manifests (every file its own object) are still read.

Backup ids sort by time (``20261127T031500Z-kaleo``), so the newest backup is the
greatest id. Nothing is ever restored from a backup without a manifest, and every file
is checked against the manifest's size and sha256 before a restore touches the target.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

FORMAT = "kaleo-dr-backup/2"
FORMATS = ("kaleo-dr-backup/1", FORMAT)  # what from_json reads: 1 has no packs
MANIFEST_NAME = "manifest.json"
FILES_DIR = "files"
_ID_RE = re.compile(r"^\d{8}T\d{6}Z(-[A-Za-z0-9_.-]+)?$")


def new_backup_id(label: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-") or "db"
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{safe}"


def is_backup_id(value: str) -> bool:
    return bool(_ID_RE.match(value))


def backup_time(backup_id: str) -> dt.datetime:
    return dt.datetime.strptime(backup_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def manifest_key(backup_id: str) -> str:
    return f"{backup_id}/{MANIFEST_NAME}"


def file_key(backup_id: str, relpath: str) -> str:
    return f"{backup_id}/{FILES_DIR}/{relpath}"


@dataclass
class FileEntry:
    path: str
    size: int
    sha256: str
    pack: str | None = None  # the pack object holding it (a name under files/); None: an object of its own
    offset: int = 0  # where it starts in its pack

    def key(self, backup_id: str) -> str:
        """The object holding its bytes (its own, or its pack)."""
        return file_key(backup_id, self.pack or self.path)


@dataclass
class TableCount:
    schema: str
    name: str
    rows: int


@dataclass
class Source:
    kind: str  # "dsn" | "rds-snapshot"
    database: str
    server_version: str
    server_version_num: int
    host: str | None = None
    rds_instance: str | None = None
    snapshot_id: str | None = None
    snapshot_time: str | None = None


@dataclass
class Manifest:
    backup_id: str
    created_at: str
    completed_at: str
    data_as_of: str  # the moment the data reflects (snapshot time or dump start): the RPO reference
    source: Source
    pg_dump_version: str
    compression: str
    jobs: int
    files: list[FileEntry] = field(default_factory=list)
    tables: list[TableCount] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)  # counts: tables, indexes, constraints, functions...
    sequences: dict[str, int | None] = field(default_factory=dict)  # "schema.seq" -> last_value (None if unused)
    total_bytes: int = 0
    packs: list[FileEntry] = field(default_factory=list)  # the pack objects: name, size, sha256
    format: str = FORMAT

    def objects_stored(self) -> list[FileEntry]:
        """What is stored under files/: every unpacked file and every pack."""
        return [f for f in self.files if f.pack is None] + self.packs

    def members(self, pack: str) -> list[FileEntry]:
        """The files of one pack, in the order they are stored."""
        return sorted((f for f in self.files if f.pack == pack), key=lambda f: f.offset)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        data = json.loads(text)
        if data.get("format") not in FORMATS:
            raise ValueError(f"unsupported manifest format {data.get('format')!r} (expected one of {FORMATS})")
        data["source"] = Source(**data["source"])
        data["files"] = [FileEntry(**f) for f in data.get("files", [])]
        data["packs"] = [FileEntry(**f) for f in data.get("packs", [])]
        packs = {p.path: p for p in data["packs"]}
        for f in data["files"]:
            pack = packs.get(f.pack) if f.pack is not None else None
            if f.pack is not None and (pack is None or f.offset < 0 or f.offset + f.size > pack.size):
                raise ValueError(f"file {f.path}: pack {f.pack!r} is not listed or does not hold it")
        data["tables"] = [TableCount(**t) for t in data.get("tables", [])]
        return cls(**data)

    def data_time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data_as_of)
