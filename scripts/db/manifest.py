"""The backup manifest: what a complete backup is, in one JSON document written last.

Layout of one backup under a location URL::

    <url>/<backup_id>/files/<pg_dump directory-format files: toc.dat, NNNN.dat.zst, ...>
    <url>/<backup_id>/manifest.json      <- written last; without it the backup is incomplete

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

FORMAT = "kaleo-dr-backup/1"
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
    format: str = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported manifest format {data.get('format')!r} (expected {FORMAT})")
        data["source"] = Source(**data["source"])
        data["files"] = [FileEntry(**f) for f in data.get("files", [])]
        data["tables"] = [TableCount(**t) for t in data.get("tables", [])]
        return cls(**data)

    def data_time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.data_as_of)
