"""Uploading finished dump files to every backup location, each with its sha256."""

from __future__ import annotations

import concurrent.futures as cf
import threading
from dataclasses import dataclass
from pathlib import Path

from scripts.db.manifest import FileEntry, file_key
from scripts.db.storage import Store, sha256_file
from scripts.output import DrError


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

    def __init__(self, locations: list[Location], backup_id: str, workers: int) -> None:
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
