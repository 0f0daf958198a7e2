"""The schema step: pg_restore's pre-data section, written as SQL by pg_restore itself and run
in batches through one connection.

pg_restore restoring into a database sends each statement of the section on its own and waits
for its answer. On a schema of hundreds of tables (the bench's ``gitlab`` shape: 2,553
statements) a quarter of the step was those round trips, with the server idle. Here pg_restore
writes the same section as a script (``-f -``: the same statements, owners, privileges and
session settings it would send, in the same order), and the script runs on one connection in
batches of :data:`BATCH_PIECES` TOC entries, one round trip each. The order is the script's and
the connection is one, so every ``SET`` the script makes (search path, tablespace, table access
method) holds for what follows, as in pg_restore's own session. On ``gitlab``: 0.33 s against
pg_restore's 0.50-0.56 s, the restored schema identical (``bench/README.md``).

A batch is one implicit transaction: when it fails, nothing of it stays, and its entries run
again one at a time, so the failure names its entry and stops the step there, as
``pg_restore --exit-on-error`` would. Running out of lock memory in a batch (many tables
created in one transaction) is not a failure: its entries simply run one at a time.

The bytes go to the server as pg_restore wrote them (no decoding on the way): the script sets
the archive's ``client_encoding`` itself. Only the two psql-only lines pg_dump adds around a
script (``\\restrict`` and ``\\unrestrict``, a guard against psql meta-commands) are left out:
they are not SQL, and pg_restore never sends them to a database.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import threading
from collections.abc import Callable
from typing import Any

from scripts.db import pgtools
from scripts.db.load.run import is_statement_error
from scripts.db.restore.errors import Aborted, unreadable_toc
from scripts.db.restore.procs import die_with_parent
from scripts.output import CheckFailed

BATCH_PIECES = 64  # TOC entries per round trip
BATCH_BYTES = 1 << 20  # and at most this much SQL (a long function body is a batch of its own)
APPLICATION_NAME = "kaleo-dr restore"  # as pg_restore's sessions are named (PGAPPNAME)
_ENTRY = re.compile(rb"(?m)^(?=--\n-- (?:Data for )?Name: )")
_HEADER = re.compile(rb"-- (?:Data for )?Name: (?P<name>.*?); Type: (?P<type>.*?); Schema: (?P<schema>[^;\n]*)")
_PSQL_ONLY = re.compile(rb"(?m)^\\(?:un)?restrict [A-Za-z0-9]+$\n?")


def start_script(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start ``pg_restore ... -f -`` (it dies with kaleo-dr); :func:`read_script` takes its script."""
    return subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=die_with_parent,
    )


def read_script(proc: subprocess.Popen[bytes]) -> bytes:
    """The script of a :func:`start_script`. An archive pg_restore cannot read is a bad backup
    (its toc.dat is all the pre-data section reads)."""
    script, err = proc.communicate()
    if proc.returncode != 0:
        raise unreadable_toc(err.decode(errors="replace"))
    return script


def split_script(script: bytes) -> list[bytes]:
    """The script in pieces: its preamble (the session settings), then one piece per TOC entry,
    from the entry's header comment to the next one. pg_dump's psql-only lines are left out of
    the preamble and the last piece, the only places it writes them."""
    pieces = [p for p in _ENTRY.split(script) if p]
    if pieces:
        pieces[0] = _PSQL_ONLY.sub(b"", pieces[0])
        pieces[-1] = _PSQL_ONLY.sub(b"", pieces[-1])
    return pieces


def describe(piece: bytes) -> str:
    """The entry a piece restores, as its header names it (``TABLE public.users``)."""
    m = _HEADER.search(piece)
    if m is None:
        return "the script's session settings"
    name, kind, schema = (m.group(g).decode(errors="replace") for g in ("name", "type", "schema"))
    return f"{kind} {name}" if schema in ("-", "") else f"{kind} {schema}.{name}"


def batches(pieces: list[bytes]) -> list[list[bytes]]:
    out: list[list[bytes]] = []
    size = 0
    for piece in pieces:
        if not out or len(out[-1]) >= BATCH_PIECES or size + len(piece) > BATCH_BYTES:
            out.append([])
            size = 0
        out[-1].append(piece)
        size += len(piece)
    return out


class SchemaStep:
    """The script run on one connection, in a thread of its own (:meth:`start`): the restore
    lists the archive and plans the load meanwhile. :meth:`wait` raises what went wrong and
    hands over the connection; :meth:`kill` stops it between batches and cancels the one
    running."""

    def __init__(
        self,
        script: bytes,
        connect: Callable[[], Any],
        setup_sql: str,
        stop: threading.Event,
        password: str | None = None,
    ) -> None:
        self.pieces = split_script(script)
        self.connect = connect
        self.setup_sql = setup_sql + f"SET application_name = '{APPLICATION_NAME}';\n"
        self.stop = stop
        self.password = password
        self.conn: Any = None
        self.error: BaseException | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="schema", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = self.connect()
            with self._lock:
                self.conn = conn
            if self.stop.is_set():
                raise Aborted
            conn.execute(self.setup_sql)
            for batch in batches(self.pieces):
                if self.stop.is_set():
                    raise Aborted
                try:
                    conn.execute(b"".join(batch))
                except Exception as exc:
                    if self.stop.is_set():
                        raise Aborted from None
                    if not is_statement_error(exc):  # the connection, not an entry
                        raise self._failed(None, exc) from None
                    if len(batch) == 1:
                        raise self._failed(batch[0], exc) from None
                    self._one_by_one(conn, batch)
        except BaseException as exc:
            self.error = exc

    def _one_by_one(self, conn: Any, batch: list[bytes]) -> None:
        """A failed batch (rolled back whole) again, an entry at a time: the failing one is named."""
        for piece in batch:
            if self.stop.is_set():
                raise Aborted
            try:
                conn.execute(piece)
            except Exception as exc:
                raise self._failed(piece, exc) from None

    def _failed(self, piece: bytes | None, exc: BaseException) -> BaseException:
        if self.stop.is_set():
            return Aborted()
        detail = pgtools.redact(str(exc).strip(), self.password)
        where = f" at {describe(piece)}" if piece is not None else ""
        return CheckFailed(f"restoring the schema failed{where}: {detail}")

    def wait(self) -> Any:
        """Wait for the step; raise its failure, else return its connection (the caller closes it)."""
        self._thread.join()
        if self.error is not None:
            self.close()
            raise self.error
        with self._lock:
            conn, self.conn = self.conn, None
        if conn is None:  # killed after it finished: its connection is closed
            raise Aborted
        return conn

    def kill(self, timeout: float = 10.0) -> None:
        """Stop: no further batch starts, the running one is cancelled on the server, and the
        connection is closed once the thread is out (nothing of the step outlives the restore)."""
        self.stop.set()
        with self._lock:
            conn = self.conn
        if conn is not None:
            with contextlib.suppress(Exception):  # the connection may be gone already: nothing to stop
                conn.cancel_safe()
        if self._thread.ident is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        if not self._thread.is_alive():
            self.close()

    def close(self) -> None:
        with self._lock:
            conn, self.conn = self.conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # closing what failed: the failure is reported already
                conn.close()
