"""The pg_restore table of contents: its listing parsed, and the data section's plan (a file per table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.db.manifest import FileEntry
from scripts.db.restore.errors import BadBackup

DATA_DESCS = ("TABLE DATA", "SEQUENCE SET", "BLOBS", "LARGE OBJECTS")


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
    """What the data section needs: a file per table, the large-object files, every entry of the TOC."""

    tables: list[tuple[TocEntry, FileEntry]]  # largest first
    blob_entries: list[TocEntry]
    blob_files: list[FileEntry]
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
    return DataPlan(tables, blob_entries, blob_files, entries)
