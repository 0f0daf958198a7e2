"""Child processes: pg_restore dies with kaleo-dr; orphans of a killed run are released."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any


def _load_prctl() -> Any:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


# Resolved once in the parent: the child between fork and exec may only make this one call.
_PRCTL = _load_prctl()


def die_with_parent() -> None:
    """In the pg_restore child before exec: receive SIGKILL when kaleo-dr dies (Linux)."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError):
                kids = [int(c) for c in (task / "children").read_text().split()]
                out += kids
                todo += kids
    return out


def release_stale_pipes(base: Path | None = None) -> None:
    """Unblock pg_restore workers orphaned by a killed run (waiting on a pipe nobody feeds), clean up.

    A killed run leaves its work folder with ``owner.pid``; when that process is gone, each
    named pipe still waited on is opened for writing and closed at once: the orphaned reader
    sees end-of-file, fails and exits (its staging database is dropped anyway).
    """
    root = base or Path(tempfile.gettempdir())
    for work in root.glob("kaleo-restore-*"):
        try:
            pid = int((work / "owner.pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and Path(f"/proc/{pid}").exists():
            continue  # still running (another restore)
        for fifo in (work / "dump").glob("*"):
            if fifo.is_fifo():
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        shutil.rmtree(work, ignore_errors=True)
