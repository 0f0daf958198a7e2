"""The spool: a downloaded file a loader follows while it grows, in memory or in the work folder."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from scripts.db.restore.errors import Aborted
from scripts.db.restore.objects import STREAM_READ
from scripts.output import CheckFailed


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
