"""The file system under a folder, and whether it is ext4 without a journal.

On ext4 without a journal, the kernel does not reuse an inode freed in the last 60 s (360 s
while its inode-table block is dirty): each new file scans past every such inode of its
block group (``recently_deleted()`` under ``__ext4_new_inode``). After a benchmark drops a
database of thousands of files, the next restore's CREATE TABLEs then take 300-600 us a
file instead of about 25 us, on both sides, by an amount that depends on where the new
database's folder lands. ``bench/db.py`` prints this so its figures are read with that in
mind (``bench/README.md``, "Why the schema step swings").
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

# Creating an empty file took 15-130 us at quiet times on this machine, 300-700 us right after
# thousands of files were deleted (bench/README.md, "Why the schema step swings").
SLOW_CREATE_US = 200.0


def filesystem(path: Path, proc: Path = Path("/proc")) -> dict[str, Any]:
    """Mount point, type and device of ``path``; for ext4, whether it has a journal (None: unknown)."""
    dev = os.stat(path).st_dev
    wanted = f"{os.major(dev)}:{os.minor(dev)}"
    for line in (proc / "self" / "mountinfo").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) < 10 or fields[2] != wanted:
            continue
        after = fields.index("-")
        kind, source = fields[after + 1], fields[after + 2]
        info: dict[str, Any] = {"mount": fields[4], "type": kind, "device": source, "journal": None}
        if kind == "ext4":
            name = Path(source).name
            jbd2 = proc / "fs" / "jbd2"
            if (proc / "fs" / "ext4" / name).exists() and jbd2.is_dir():
                info["journal"] = any(p.name.startswith(name + "-") for p in jbd2.iterdir())
        return info
    return {"mount": None, "type": None, "device": None, "journal": None}


def warning(info: dict[str, Any]) -> str | None:
    """A line for the reader when the folder is on ext4 without a journal."""
    if info["type"] == "ext4" and info["journal"] is False:
        return (
            f"note: the cluster's files are on ext4 without a journal ({info['device']} on {info['mount']}): "
            "creating files is slow for minutes after many were deleted, on both sides; "
            "see bench/README.md, 'Why the schema step swings'"
        )
    return None


def creation_cost(folder: Path, files: int = 300) -> float:
    """Microseconds to create one empty file, over ``files`` new files in a new subfolder of
    ``folder``. The files are left in place: deleting them would slow the next creations."""
    probe = folder / f"fs-probe-{time.monotonic_ns()}"
    probe.mkdir(parents=True)
    started = time.perf_counter()
    for n in range(files):
        os.close(os.open(probe / f"f{n}", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    return (time.perf_counter() - started) / files * 1e6


def slow_files_warning(micros: float) -> str | None:
    """A line for the reader when creating files is slow right now (a recent mass delete)."""
    if micros > SLOW_CREATE_US:
        return (
            f"warning: creating a file takes {micros:.0f} us here right now (quiet: under {SLOW_CREATE_US:.0f}): "
            "something deleted many files in the last minutes; the small shapes' schema steps will swing"
        )
    return None
