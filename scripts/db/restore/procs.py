"""Child processes: pg_restore dies with kaleo-dr; the work folders of killed runs are removed."""

from __future__ import annotations

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


def remove_stale_work_dirs(base: Path | None = None) -> None:
    """Remove the work folders of killed runs (their spool and dump files).

    A run leaves its work folder with ``owner.pid``; a folder whose process is gone belongs to a
    killed run (its pg_restore died with it, its staging database is dropped by the next run).
    """
    root = base or Path(tempfile.gettempdir())
    for work in root.glob("kaleo-restore-*"):
        try:
            pid = int((work / "owner.pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and Path(f"/proc/{pid}").exists():
            continue  # still running (another restore)
        shutil.rmtree(work, ignore_errors=True)
