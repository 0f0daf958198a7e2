"""Choosing the backup: complete backups newest first, every listed file present with its size."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.db.manifest import MANIFEST_NAME, Manifest, is_backup_id
from scripts.db.restore.errors import BadBackup
from scripts.db.storage import NotFound, Store
from scripts.output import CheckFailed


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
    from scripts.db.backup.catalog import load_manifest as load_trusted

    try:
        return load_trusted(store, backup_id)
    except NotFound as exc:
        raise BadBackup("incomplete: no manifest (never restored)") from exc
    except CheckFailed as exc:
        raise BadBackup(f"manifest unreadable: {exc.message}") from exc


def check_sizes(manifest: Manifest, ref: BackupRef) -> None:
    """Every listed file (or the pack holding it) present with the manifest's size (names every bad file)."""
    bad: list[str] = []
    for fe in manifest.objects_stored():
        size = ref.sizes.get(fe.path)
        what = f"{fe.path} (the pack of {len(manifest.members(fe.path))} files)" if fe in manifest.packs else fe.path
        if size is None:
            bad.append(f"{what}: missing")
        elif size != fe.size:
            bad.append(f"{what}: {size} bytes, manifest says {fe.size}")
    if not any(fe.path == "toc.dat" for fe in manifest.files):
        bad.append("toc.dat: not in the manifest")
    if bad:
        raise BadBackup(f"{len(bad)} bad file(s)", bad)
