"""Durations and sizes as people write and read them, and the progress spinner."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from scripts.output import BadInput, console, err_console

_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str, what: str = "--max-age") -> dt.timedelta:
    """``90m``, ``26h``, ``2d``, ``1h30m``, ``45s``, ``1w`` -> timedelta (BadInput otherwise)."""
    compact = text.strip().lower().replace(" ", "")
    if not compact or _DURATION_RE.sub("", compact):
        raise BadInput(f"{what} {text!r} is not a duration", hint="write e.g. 90m, 26h, 2d or 1h30m")
    seconds = sum(float(n) * _UNITS[u] for n, u in _DURATION_RE.findall(compact))
    if seconds <= 0:
        raise BadInput(f"{what} {text!r} must be longer than zero")
    return dt.timedelta(seconds=seconds)


def human_duration(delta: dt.timedelta | float) -> str:
    seconds = int(delta.total_seconds() if isinstance(delta, dt.timedelta) else delta)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    if days:
        return f"{sign}{days}d{hours}h"
    if hours:
        return f"{sign}{hours}h{minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m{secs:02d}s"
    return f"{sign}{secs}s"


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def print_freshness(r: Mapping[str, Any]) -> None:
    """The FRESH/STALE line of a freshness result (``catalog.freshness``), for people."""
    if r["newest_complete"] is None:
        console.print(f"[red]STALE[/]: no complete backup in {r['url']}")
    elif r["fresh"]:
        console.print(f"[green]FRESH[/]: {r['newest_complete']} is {r['age']} old (max {r['max_age']})")
    else:
        console.print(f"[red]STALE[/]: {r['newest_complete']} is {r['age']} old (max {r['max_age']})")


def utc(value: dt.datetime | None = None) -> dt.datetime:
    return (value or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


@contextlib.contextmanager
def spinner(enabled: bool) -> Iterator[Callable[[str], None]]:
    if not enabled:
        yield lambda _text: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task("starting")
        yield lambda text: bar.update(task, description=text)
