"""Uploading finished dump files to every backup location, each with its sha256.

Files below :data:`PACK_BELOW` bytes (but ``toc.dat``, which a restore reads first and alone)
are not uploaded one by one: an object store answers each request in tens of milliseconds (the
GCS emulator here: 20-30 ms), which for a schema of a thousand small tables was most of the
backup. They wait for :meth:`Uploader.flush`, which concatenates the ones waiting into one
*pack*, uploaded as one object (a pack is also cut at :data:`PACK_BYTES`); the manifest records
each file's pack and offset (:mod:`scripts.db.manifest`). The backup flushes at each look at
pg_dump's folder, so what pg_dump has finished ships while it still runs, in one request per
look rather than one per file.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scripts.db.manifest import FileEntry, file_key
from scripts.db.storage import ObjectInfo, Store, sha256_file
from scripts.output import DrError

PACK_BELOW = 1024 * 1024  # a file smaller than this goes into a pack
PACK_BYTES = 64 * 1024 * 1024  # a pack is uploaded once it holds this much
UNPACKED = ("toc.dat",)  # read first and alone by a restore: always an object of its own


@dataclass
class Location:
    store: Store
    error: str | None = None


class Uploader:
    """Uploads finished dump files to every location in parallel, each with its sha256.

    Files stay on local disk until the end: once pg_dump has exited, every file is stat-ed
    again and any file that changed after it was uploaded (it would mean it was not finished
    after all) is uploaded again, so a manifest can never describe a half-written file.
    """

    def __init__(
        self,
        locations: list[Location],
        backup_id: str,
        workers: int,
        pack_below: int = PACK_BELOW,
        pack_bytes: int = PACK_BYTES,
    ) -> None:
        self.pack_below = pack_below
        self.pack_bytes = pack_bytes
        self.pending: list[tuple[Path, str]] = []  # small files waiting for their pack
        self.pending_bytes = 0
        self.packs: dict[str, FileEntry] = {}  # pack name -> its entry
        self.locations = locations
        self.backup_id = backup_id
        self.pool = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="upload")
        self.futures: list[cf.Future[None]] = []
        self.lock = threading.Lock()
        self.results: dict[str, tuple[FileEntry, tuple[int, int]]] = {}
        self.paths: dict[str, Path] = {}  # rel -> the local file it was read from
        self.bytes_done = 0
        self.files_done = 0
        self.reuploads = 0
        self.cancelled = False

    def submit(self, path: Path, rel: str) -> None:
        size = path.stat().st_size
        self.paths[rel] = path
        if size >= self.pack_below or rel in UNPACKED:
            self.futures.append(self.pool.submit(self._one, path, rel))
            return
        self.pending.append((path, rel))
        self.pending_bytes += size
        if self.pending_bytes >= self.pack_bytes:
            self.flush()

    def flush(self) -> None:
        """Upload the small files waiting so far as one pack (nothing when none waits)."""
        if not self.pending:
            return
        name = f"pack-{len(self.packs):04d}.kpack"
        self.packs[name] = FileEntry(name, 0, "")  # its name taken; filled in by _pack
        members, self.pending, self.pending_bytes = self.pending, [], 0
        self.futures.append(self.pool.submit(self._pack, name, members))

    def _put(self, rel: str, size: int, put: Callable[[Store, str], ObjectInfo]) -> None:
        for loc in self.locations:
            if loc.error is not None:
                continue
            try:
                info_ = put(loc.store, file_key(self.backup_id, rel))
            except DrError as exc:
                with self.lock:
                    loc.error = loc.error or exc.message
                continue
            if info_.size != size:
                with self.lock:
                    loc.error = loc.error or f"{rel}: stored {info_.size} bytes, expected {size}"

    def _pack(self, name: str, members: list[tuple[Path, str]]) -> None:
        """One pack: the members' bytes one after another, each with its offset and sha256."""
        if self.cancelled:
            raise RuntimeError("cancelled")
        blob = bytearray()
        entries: list[tuple[FileEntry, tuple[int, int]]] = []
        for path, rel in members:
            before = self._stamp(path)
            data = path.read_bytes()
            entries.append((FileEntry(rel, len(data), hashlib.sha256(data).hexdigest(), name, len(blob)), before))
            blob += data
        body = bytes(blob)
        pack = FileEntry(name, len(body), hashlib.sha256(body).hexdigest())
        self._put(name, len(body), lambda store, key: store.put_bytes(key, body))
        with self.lock:
            self.packs[name] = pack
            for entry, stamp in entries:
                if entry.path not in self.results:
                    self.bytes_done += entry.size
                    self.files_done += 1
                # a member changed while it was read shows in changed(): it is packed again
                self.results[entry.path] = (entry, stamp)

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
            self._put(rel, entry.size, lambda store, key: store.put_file(key, path))
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

    def changed(self) -> list[str]:
        """Uploaded files whose size or mtime changed since their upload."""
        out = []
        for rel, (_, stamp) in self.results.items():
            path = self.paths[rel]
            if not path.exists() or self._stamp(path) != stamp:
                out.append(rel)
        return out

    def finish(self) -> list[FileEntry]:
        """Every file's entry, once all are uploaded (``packs`` then lists the packs they use)."""
        self.flush()
        self.wait()
        stale = self.changed()
        if stale:
            with self.lock:
                self.reuploads += len(stale)
            for rel in stale:
                self.submit(self.paths[rel], rel)
            self.flush()
            self.wait()
        self.pool.shutdown(wait=True)
        entries = sorted((e for e, _ in self.results.values()), key=lambda e: e.path)
        used = {e.pack for e in entries}
        self.packs = {n: p for n, p in self.packs.items() if n in used}  # a pack whose members all moved
        return entries

    def abort(self) -> None:
        self.cancelled = True
        self.pool.shutdown(wait=True, cancel_futures=True)
