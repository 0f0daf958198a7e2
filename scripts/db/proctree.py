"""The process tree under a pid and the files it holds open, read from ``/proc`` (Linux).

Used for pg_dump's workers (a dump file nobody holds open is finished) and pg_restore's (killed with it).
"""

from __future__ import annotations

import contextlib
from pathlib import Path


def children(pid: int) -> list[int]:
    """Child pids of ``pid`` (``/proc/PID/task/*/children``, else a scan of every ``/proc/*/stat``)."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    readable = False
    for task in tasks:
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
            readable = True
    if readable:
        return out
    for proc_dir in Path("/proc").iterdir():
        if not proc_dir.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (proc_dir / "stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                out.append(int(proc_dir.name))
    return out


def descendants(pid: int) -> list[int]:
    """Every process under ``pid``: its children, theirs, and so on."""
    out: list[int] = []
    todo = [pid]
    while todo:
        kids = children(todo.pop())
        out += kids
        todo += kids
    return out


def open_files(pid: int) -> set[str] | None:
    """Paths held open by a process and its descendants (None when /proc cannot tell)."""
    if not Path(f"/proc/{pid}/fd").is_dir():
        return None
    seen: set[str] = set()
    todo = [pid]
    done: set[int] = set()
    while todo:
        p = todo.pop()
        if p in done:
            continue
        done.add(p)
        try:
            fds = list(Path(f"/proc/{p}/fd").iterdir())
        except FileNotFoundError:
            continue  # exited meanwhile
        except PermissionError:
            return None
        for fd in fds:
            with contextlib.suppress(OSError):
                seen.add(str(fd.readlink()))
        todo += children(p)
    return seen
