"""Shared output and error conventions for every ``kaleo-dr`` command.

Exit codes (documented in the README and in ``kaleo-dr --help``):

* 0 - everything worked and every check passed;
* 1 - the command ran but a check failed (a corrupt backup, a failed probe, a shortfall...);
* 2 - bad input or bad configuration (the message names the flag, key or file to fix),
  including a check that could not run because its configuration is missing (a secret that
  is not set, a file that is not there);
* 3 - inconclusive: the command could not look (a source did not answer, this machine
  cannot reach the internet, no data for the window), so it cannot say yes or no. An
  answer that could not be given is never reported as "ok".
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console

# Human output goes to stderr when --json is given so that stdout stays machine readable.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1
    BAD_INPUT = 2
    INCONCLUSIVE = 3


class DrError(Exception):
    """An error that ends a command with a clear message and a documented exit code."""

    def __init__(self, message: str, code: ExitCode = ExitCode.BAD_INPUT, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.hint = hint


class BadInput(DrError):
    """Bad flags, bad config, a file that does not parse: exit 2."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, ExitCode.BAD_INPUT, hint)


class CheckFailed(DrError):
    """The command ran but what it checked is not right: exit 1."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, ExitCode.CHECK_FAILED, hint)


class Inconclusive(DrError):
    """The command could not look (a source unreachable, no data): exit 3, never 0."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, ExitCode.INCONCLUSIVE, hint)


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, default=_default, ensure_ascii=False)


def emit(data: Any, as_json: bool, render: Callable[[Any], None] | None = None) -> None:
    """Print a command's result: JSON on stdout with ``--json``, else the human rendering."""
    if as_json:
        sys.stdout.write(to_json(data) + "\n")
        sys.stdout.flush()
    elif render is not None:
        render(data)
    else:
        console.print(to_json(data))


def info(message: str, as_json: bool = False) -> None:
    """Progress or status text for people; never pollutes --json stdout."""
    (err_console if as_json else console).print(message)


def fail(error: DrError, as_json: bool) -> NoReturn:
    """Report an error (as JSON on stdout with --json) and exit with its code."""
    if as_json:
        payload: dict[str, Any] = {"error": error.message, "exit_code": int(error.code)}
        if error.hint:
            payload["hint"] = error.hint
        sys.stdout.write(to_json(payload) + "\n")
    else:
        err_console.print(f"[bold red]error:[/] {error.message}")
        if error.hint:
            err_console.print(f"[yellow]hint:[/] {error.hint}")
    raise SystemExit(int(error.code))
