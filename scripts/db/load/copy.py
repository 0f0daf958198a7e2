"""Table data into ``COPY ... FROM STDIN``.

One connection per file, or several sharing the critical path's file (:class:`SharedFeed`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from scripts.db import pgtools
from scripts.db.load.jobs import Job, loads_via_root

# Below this size a table is loaded with a plain COPY: emptying it first (a new file for the
# table, its TOAST table and index, the old ones unlinked at commit) costs more than FREEZE
# saves on a few pages (measured on 1,000 tables of 300 rows: 18 ms per table against 10).
FREEZE_MIN_BYTES = 4 * 1024 * 1024


def _copy(conn: Any, job: Job, data: Iterator[bytes]) -> int:
    """COPY one table's data; in the transaction that empties the table, with FREEZE.

    The table was created by this restore and is empty, so emptying it again changes
    nothing, but it lets the server skip WAL for the load when ``wal_level=minimal``, and
    lets FREEZE write the rows frozen and all-visible: the index builds, constraint checks
    and later reads then never rewrite the pages to set hint bits. Data loaded through a
    partitioned table's root goes in plainly (FREEZE is not allowed there), and so does a
    small table's (below :data:`FREEZE_MIN_BYTES`: emptying costs more than it saves).
    """
    stmt = job.entry.copy_stmt.strip().rstrip(";")
    e = job.entry
    freeze = not loads_via_root(e) and stmt.endswith("FROM stdin") and job.size >= FREEZE_MIN_BYTES
    # Without FREEZE the COPY is its own transaction (the connection is in autocommit):
    # a source that fails ends it with CopyFail, and nothing of it stays.
    with conn.transaction() if freeze or not conn.autocommit else contextlib.nullcontext(), conn.cursor() as cur:
        if freeze:
            cur.execute(f"TRUNCATE TABLE ONLY {pgtools.quote_ident(e.namespace)}.{pgtools.quote_ident(e.tag)}")
            stmt += " WITH (FREEZE)"
        with cur.copy(stmt) as copy:
            for chunk in data:
                copy.write(chunk)
        return int(cur.rowcount)


class SharedFeed:
    """One table's data, dealt out in whole lines to several COPYs into that table at once.

    When one table's load is most of the work (one table holding most of the data), the
    other workers would sit idle while it runs on one core: PostgreSQL parses a COPY on one
    core. Workers with nothing else to do join the load with a COPY of their own on their
    own connection, each taking the next piece of the stream (cut after its last newline:
    in COPY's text format a newline always ends a row). Such a table is loaded without
    FREEZE: emptying it first would lock the other COPYs out.

    Every part commits only once the stream ended (for a backup file: after its sha256
    matched); a failure in any part or in the source fails the others, and the load.
    """

    def __init__(self, source: Iterator[bytes], job: Job) -> None:
        self.source = source
        self.job = job
        self.lock = threading.Lock()
        self.done = threading.Condition(self.lock)
        self.rest = b""
        self.ended = False
        self.parts = 0  # COPYs running
        self.joined = 0  # COPYs that ran
        self.rows = 0
        self.error: BaseException | None = None

    def join(self) -> bool:
        """Whether one more COPY may join (the stream has not ended); counts it in if so."""
        with self.lock:
            if self.ended or self.error is not None:
                return False
            self.parts += 1
            self.joined += 1
            return True

    def pieces(self) -> Iterator[bytes]:
        while True:
            with self.lock:
                if self.error is not None:
                    raise RuntimeError(f"another COPY into the same table failed: {self.error}")
                piece = b""
                while not piece:
                    try:
                        chunk = next(self.source)
                    except StopIteration:
                        piece, self.rest, self.ended = self.rest, b"", True
                        break
                    except BaseException as exc:
                        # Marked before the lock is released: a generator that raised reads as
                        # ended to the next caller, whose COPY would then commit a part.
                        self.error = self.error or exc
                        self.ended = True
                        raise
                    buf = self.rest + chunk
                    cut = buf.rfind(b"\n") + 1
                    piece, self.rest = buf[:cut], buf[cut:]
            if not piece:
                return
            yield piece

    def run_part(self, copy: Callable[[SharedFeed], int], first: bool = False) -> int:
        """Run one COPY of the stream; the first part then waits for the others and returns
        the rows of all of them (a failure in any one is raised)."""
        if first:
            with self.lock:
                self.parts += 1
                self.joined += 1
        try:
            n = copy(self)
        except BaseException as exc:
            with self.lock:
                self.error = self.error or exc
                self.ended = True
                self.parts -= 1
                self.done.notify_all()
            if first:
                self._wait()
                raise (self.error or exc) from None  # the first failure: the source's, or a part's
            raise
        with self.lock:
            self.rows += n
            self.parts -= 1
            self.done.notify_all()
        if not first:
            return n
        self._wait()
        if self.error is not None:
            raise self.error
        return self.rows

    def _wait(self) -> None:
        with self.lock:
            while self.parts > 0:
                self.done.wait()


def _copy_part(conn: Any, feed: SharedFeed) -> int:
    """One COPY of a shared feed, its own transaction (the connection is in autocommit)."""
    stmt = feed.job.entry.copy_stmt.strip().rstrip(";")
    with conn.transaction() if not conn.autocommit else contextlib.nullcontext(), conn.cursor() as cur:
        with cur.copy(stmt) as copy:
            for piece in feed.pieces():
                copy.write(piece)
        return int(cur.rowcount)
