"""The spool: downloaded table data waiting for its loader, bounded in memory and on disk.

Downloads run ahead of the loads at the store's speed, as far as the room allows. Each piece
(at most :data:`PIECE` bytes) goes to memory while ``restore.spool_memory_mb`` lasts, then to
the work folder while ``restore.spool_disk_mb`` lasts; when both are full, the download waits
(backpressure) until a loader has read a piece, which frees its room at once. So a restore
never holds more than those two bounds, however large the dump and however slow the loads.

Downloads for tables that are not loading yet could fill the whole room while the running
loads starve. A *reserve* of one piece per loader (``--jobs``) prevents that: a loader waiting
for data lets its own download take a piece from the reserve, so the running loads always
progress. The reserve is part of the memory bound (of the disk bound when memory is too small
for it), never added to it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.db.restore.errors import Aborted
from scripts.output import BadInput, CheckFailed

PIECE = 1024 * 1024  # the unit of room: a download's chunks are cut to at most this size
MEMORY = "memory"
DISK = "disk"
PLACES = (MEMORY, DISK)


@dataclass
class Piece:
    place: str
    size: int
    reserve: bool
    data: bytes | None = None
    path: Path | None = None


class SpoolRoom:
    """The room every spool of one restore shares: ``memory`` bytes in memory, ``disk`` bytes in ``folder``.

    ``fixed_disk`` bytes of the disk bound are taken up front for files that stay on disk until
    the end (``toc.dat``, files pg_restore reads itself); ``loaders`` is the number of loaders
    that read spools at once (the size of the reserve).
    """

    def __init__(self, memory: int, disk: int, folder: Path, loaders: int, fixed_disk: int = 0) -> None:
        self.folder = folder
        self.cond = threading.Condition()
        self.stop = threading.Event()
        self.bounds = {MEMORY: memory, DISK: disk}
        if fixed_disk > disk:
            raise BadInput(
                f"the dump's files that must stay on disk take {fixed_disk} bytes, more than restore.spool_disk_mb "
                f"allows ({disk} bytes)",
                hint="raise restore.spool_disk_mb, or point --work-dir at a larger disk",
            )
        self.reserve = max(1, loaders) * PIECE
        if memory >= self.reserve:
            self.reserve_place = MEMORY
        elif disk - fixed_disk >= self.reserve:
            self.reserve_place = DISK
        else:
            raise BadInput(
                f"the spool needs room for one {PIECE // 1024 // 1024} MiB piece per loader ({self.reserve} bytes for "
                f"--jobs {loaders}) in memory or on disk: restore.spool_memory_mb allows {memory} bytes, "
                f"restore.spool_disk_mb {disk - fixed_disk} bytes after the files that stay on disk",
                hint="raise restore.spool_memory_mb or restore.spool_disk_mb, or lower --jobs",
            )
        self.limits = dict(self.bounds)
        self.limits[self.reserve_place] -= self.reserve
        self.limits[DISK] -= fixed_disk
        self.used = {MEMORY: 0, DISK: 0}  # taken from the general room (without the reserve and fixed files)
        self.reserve_used = 0
        self.held = {MEMORY: 0, DISK: fixed_disk}  # every byte held, reserve and fixed files included
        self.peak = dict(self.held)
        self.waited = 0.0  # seconds downloads spent waiting for room, summed over downloads

    def take(self, spool: Spool, size: int) -> tuple[str, bool]:
        """Room for one piece of ``spool``: (place, from the reserve). Waits while there is none."""
        with self.cond:
            t0: float | None = None
            while True:
                if self.stop.is_set():
                    raise Aborted
                place = next((p for p in PLACES if self.used[p] + size <= self.limits[p]), None)
                if place is not None:
                    self.used[place] += size
                    reserve = False
                    break
                if spool.starved and not spool.has_reserve and self.reserve_used + size <= self.reserve:
                    self.reserve_used += size
                    spool.has_reserve = True
                    place, reserve = self.reserve_place, True
                    break
                t0 = t0 or time.monotonic()
                self.cond.wait(0.5)
            if t0 is not None:
                self.waited += time.monotonic() - t0
            self.held[place] += size
            self.peak[place] = max(self.peak[place], self.held[place])
            return place, reserve

    def release(self, spool: Spool, piece: Piece) -> None:
        with self.cond:
            if piece.reserve:
                self.reserve_used -= piece.size
                spool.has_reserve = False
            else:
                self.used[piece.place] -= piece.size
            self.held[piece.place] -= piece.size
            self.cond.notify_all()

    def abort(self) -> None:
        """Every download waiting for room stops (:class:`Aborted`)."""
        self.stop.set()
        with self.cond:
            self.cond.notify_all()

    def summary(self) -> dict[str, float]:
        return {
            "memory_bound_bytes": self.bounds[MEMORY],
            "disk_bound_bytes": self.bounds[DISK],
            "memory_peak_bytes": self.peak[MEMORY],
            "disk_peak_bytes": self.peak[DISK],
            "downloads_waited_seconds": round(self.waited, 3),
        }


class Spool:
    """One table data file being downloaded, which its loader follows while it grows.

    The downloader appends verified bytes (:meth:`write`, which waits for room) and calls
    :meth:`finish` once the whole file matched its sha256 (the last chunk is only written then),
    or :meth:`fail`. :meth:`chunks` yields the bytes as they arrive, frees the room of every
    piece it read, and ends only after :meth:`finish`, so a COPY fed from it cannot complete on
    a file that was not verified. :meth:`claim` makes sure one download, and only one, fills it.
    """

    def __init__(self, room: SpoolRoom, name: str) -> None:
        self.room = room
        self.name = name
        self.cond = room.cond
        self.pieces: deque[Piece] = deque()
        self.count = 0
        self.done = False
        self.error: BaseException | None = None
        self.starved = False  # its loader waits for data: its download may use the reserve
        self.has_reserve = False
        self.claimed = False

    def claim(self) -> bool:
        """True for the first caller only: that one downloads the file."""
        with self.cond:
            first = not self.claimed
            self.claimed = True
            return first

    def write(self, chunk: bytes) -> None:
        for start in range(0, len(chunk), PIECE):
            data = chunk if len(chunk) <= PIECE else chunk[start : start + PIECE]
            place, reserve = self.room.take(self, len(data))
            piece = Piece(place, len(data), reserve)
            try:
                if place == DISK:
                    piece.path = self.room.folder / f"{self.name}.{self.count}"
                    piece.path.write_bytes(data)
                else:
                    piece.data = data
            except BaseException:
                self.room.release(self, piece)
                raise
            with self.cond:
                self.count += 1
                self.pieces.append(piece)
                self.cond.notify_all()

    def finish(self) -> None:
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def fail(self, exc: BaseException) -> None:
        with self.cond:
            if self.error is None and not self.done:
                self.error = exc
            self.cond.notify_all()

    def _next(self, stop: threading.Event) -> Piece | None:
        """The next piece (None: the end); raises if the download failed."""
        with self.cond:
            while not self.pieces and not self.done and self.error is None and not stop.is_set():
                if not self.starved:
                    self.starved = True
                    self.cond.notify_all()  # a download waiting for room may now use the reserve
                self.cond.wait(0.5)
            self.starved = False
            if self.error is not None:
                raise self.error
            if stop.is_set():
                raise Aborted
            return self.pieces.popleft() if self.pieces else None

    def chunks(self, stop: threading.Event) -> Iterator[bytes]:
        while (piece := self._next(stop)) is not None:
            try:
                if piece.path is not None:
                    data = piece.path.read_bytes()
                    piece.path.unlink()
                else:
                    data = piece.data or b""
            finally:
                self.room.release(self, piece)
            if len(data) != piece.size:
                raise CheckFailed(f"{self.name}: a spooled piece of {piece.size} bytes came back with {len(data)}")
            yield data

    def remove(self) -> None:
        """Free whatever is left (a load that stopped early)."""
        with self.cond:
            left = list(self.pieces)
            self.pieces.clear()
        for piece in left:
            if piece.path is not None:
                with contextlib.suppress(OSError):
                    piece.path.unlink()
            self.room.release(self, piece)
