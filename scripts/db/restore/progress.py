"""Restore progress: bytes, tables and phase, a Rich bar on a TTY, plain lines otherwise."""

from __future__ import annotations

import threading
from typing import Any

from scripts.output import err_console, info


class Progress:
    """Bytes, tables and phase: a Rich bar on a TTY, plain lines otherwise (stderr with --json)."""

    def __init__(self, as_json: bool, total_bytes: int = 0) -> None:
        self.as_json = as_json
        self.lock = threading.Lock()
        self.bytes = 0
        self.tables_done = 0
        self.tables_total = 0
        self.phase = ""
        self._bar: Any = None
        self._task: Any = None
        if err_console.is_terminal:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                TextColumn,
                TimeElapsedColumn,
                TransferSpeedColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TextColumn("{task.fields[tables]}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self._task = self._bar.add_task("restore", total=total_bytes or None, tables="")
            self._bar.start()

    def set_total(self, total_bytes: int, tables: int) -> None:
        self.tables_total = tables
        if self._bar is not None:
            self._bar.update(self._task, total=total_bytes, tables=f"tables 0/{tables}")

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        if self._bar is not None:
            self._bar.update(self._task, description=phase)
        else:
            info(f"restore: {phase}", self.as_json)

    def add_bytes(self, n: int) -> None:
        with self.lock:
            self.bytes += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n)

    def table_done(self, n: int) -> None:
        with self.lock:
            self.tables_done += n
        if self._bar is not None:
            self._bar.update(self._task, tables=f"tables {self.tables_done}/{self.tables_total}")

    def warn(self, message: str) -> None:
        (self._bar.console if self._bar is not None else err_console).print(message)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
