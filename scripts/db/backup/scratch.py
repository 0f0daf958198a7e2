"""The dump's scratch folder: created locked, always removed, and swept when a crash left one.

``backup create`` dumps into ``<work_dir or temp>/kaleo-dump-<backup id>-XXXX/``. The
running job holds an exclusive ``flock`` on ``.lock`` inside it for as long as it lives; the
kernel drops the lock when the process dies, however it dies. Every run first sweeps the
folders whose lock nobody holds: leftovers of a killed run (a full dump each).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIX = "kaleo-dump-"
LOCK_NAME = ".lock"
FRESH_SECONDS = 60.0  # a folder without lock younger than this may belong to a job that is starting


def sweep(parent: Path | None) -> list[Path]:
    """Remove the scratch folders under ``parent`` (default: the temp folder) that no running job holds."""
    base = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    if not base.is_dir():
        return removed
    for folder in base.glob(f"{PREFIX}*"):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
        except FileNotFoundError:
            # an older release's folder, a crash before the lock existed, or a job starting right now
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime < FRESH_SECONDS:
                    continue
            fd = None
        except OSError:
            continue
        try:
            if fd is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a running backup holds it
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        finally:
            if fd is not None:
                os.close(fd)
    return removed


@contextlib.contextmanager
def scratch_folder(backup_id: str, parent: Path | None) -> Iterator[Path]:
    """A new scratch folder, locked while the block runs and removed after it, whatever happens."""
    if parent is not None:
        Path(parent).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{backup_id}-", dir=parent))
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)
