"""The restore spool: a loader follows its download, and the room shared by every download stays bounded."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from scripts.db.restore.errors import Aborted, BadBackup
from scripts.db.restore.spool import PIECE, Spool, SpoolRoom
from scripts.output import BadInput


def _room(tmp_path: Path, memory: int, disk: int, loaders: int = 1, fixed: int = 0) -> SpoolRoom:
    return SpoolRoom(memory, disk, tmp_path, loaders, fixed)


@pytest.mark.parametrize(("memory", "disk"), [(64 * PIECE, 0), (0, 64 * PIECE)], ids=["memory", "disk"])
def test_spool_reader_follows_the_writer_and_ends_only_when_finished(tmp_path: Path, memory: int, disk: int) -> None:
    room = _room(tmp_path, memory, disk)
    spool = Spool(room, "1.dat.gz")
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.extend(spool.chunks(threading.Event())))
    reader.start()
    for i in range(5):
        spool.write(bytes([i]) * 1000)
        time.sleep(0.01)
    time.sleep(0.1)
    assert reader.is_alive(), "the reader ended before the file was finished (verified)"
    spool.finish()
    reader.join(5)
    assert b"".join(got) == b"".join(bytes([i]) * 1000 for i in range(5))
    assert room.held == {"memory": 0, "disk": 0}, "pieces already read must be released"
    assert list(tmp_path.iterdir()) == []
    assert room.peak["disk" if disk else "memory"] > 0


def test_spool_failure_reaches_the_reader(tmp_path: Path) -> None:
    spool = Spool(_room(tmp_path, 4 * PIECE, 0), "1.dat.gz")
    spool.write(b"x" * 10)
    it = spool.chunks(threading.Event())
    assert next(it) == b"x" * 10
    spool.fail(BadBackup("a file does not match the manifest", ["1.dat.gz: sha256 differs"]))
    with pytest.raises(BadBackup):
        next(it)
    stop = threading.Event()
    stop.set()
    with pytest.raises(Aborted):
        next(Spool(_room(tmp_path, 4 * PIECE, 0), "2.dat.gz").chunks(stop))


def test_a_full_room_makes_the_download_wait_and_is_never_exceeded(tmp_path: Path) -> None:
    # one piece of reserve (in memory), one more in memory, two on disk: 4 pieces in all
    room = _room(tmp_path, 2 * PIECE, 2 * PIECE)
    spool = Spool(room, "big.dat.gz")
    data = bytes(range(256)) * (12 * PIECE // 256 + 1)
    written = threading.Event()

    def download() -> None:
        spool.write(data)  # cut into pieces, each waiting for room
        spool.finish()
        written.set()

    writer = threading.Thread(target=download)
    writer.start()
    time.sleep(0.3)
    assert not written.is_set(), "the download did not wait for room"
    assert room.held["memory"] <= 2 * PIECE and room.held["disk"] <= 2 * PIECE
    got = b"".join(spool.chunks(threading.Event()))
    writer.join(5)
    assert got == data
    assert room.peak["memory"] <= 2 * PIECE and room.peak["disk"] <= 2 * PIECE
    assert room.peak["disk"] > 0 and room.waited > 0
    assert room.held == {"memory": 0, "disk": 0}
    assert list(tmp_path.iterdir()) == []


def test_a_loader_waiting_for_data_progresses_while_other_downloads_fill_the_room(tmp_path: Path) -> None:
    # No general room left: a table that is not loading yet holds all of it.
    room = _room(tmp_path, 2 * PIECE, 0, loaders=2)
    cold = Spool(room, "cold.dat.gz")
    filler = threading.Thread(target=lambda: (cold.write(b"c" * 5 * PIECE), cold.finish()))
    filler.start()
    time.sleep(0.2)
    assert filler.is_alive(), "the cold download should wait: no room is left"
    hot = Spool(room, "hot.dat.gz")
    hot_data = b"h" * (3 * PIECE + 17)
    writer = threading.Thread(target=lambda: (hot.write(hot_data), hot.finish()))
    writer.start()
    got = b"".join(hot.chunks(threading.Event()))  # through the reserve, one piece at a time
    writer.join(5)
    assert got == hot_data
    assert filler.is_alive(), "the cold download must still wait: the reserve is for waiting loaders only"
    assert b"".join(cold.chunks(threading.Event())) == b"c" * 5 * PIECE
    filler.join(5)
    assert room.peak["memory"] <= 2 * PIECE


def test_stop_ends_a_download_waiting_for_room(tmp_path: Path) -> None:
    room = _room(tmp_path, PIECE, 0)
    spool = Spool(room, "1.dat.gz")
    errors: list[BaseException] = []

    def download() -> None:
        try:
            spool.write(b"x" * 3 * PIECE)
        except Aborted as exc:
            errors.append(exc)

    writer = threading.Thread(target=download)
    writer.start()
    time.sleep(0.1)
    room.abort()
    writer.join(5)
    assert not writer.is_alive() and len(errors) == 1


def test_a_room_without_space_for_the_reserve_or_the_fixed_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"restore\.spool_memory_mb"):
        _room(tmp_path, PIECE, 0, loaders=2)
    with pytest.raises(BadInput, match=r"restore\.spool_disk_mb"):
        _room(tmp_path, 8 * PIECE, 100, fixed=200)
    room = _room(tmp_path, 0, 3 * PIECE, loaders=2)  # the reserve on disk when memory is too small
    assert room.reserve_place == "disk" and room.limits["disk"] == PIECE


def test_only_the_first_claim_downloads(tmp_path: Path) -> None:
    spool = Spool(_room(tmp_path, PIECE, 0), "1.dat.gz")
    assert spool.claim() is True
    assert spool.claim() is False
