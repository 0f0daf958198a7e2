"""A writer committing small transactions to production and logging every commit the server acknowledged.

Each transaction inserts one row into ``kaleo_drill.writes`` (its id comes back with the
commit acknowledgement in autocommit mode). The log of acknowledged ids and moments is the
ground truth the drill measures lost writes against: an id in the log and missing on GCP
after failover is a lost acknowledged commit. The writer ends when production dies under it
(the connection fails) or when it is stopped.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

TABLE = "kaleo_drill.writes"
DDL = (
    "CREATE SCHEMA IF NOT EXISTS kaleo_drill; "
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"
)


@dataclass
class CommitWriter:
    dsn: str
    password: str
    pause: float = 0.002
    acknowledged: list[tuple[int, float]] = field(default_factory=list)
    ended_by: str | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> CommitWriter:
        from scripts.db import pgtools

        with pgtools.connect(self.dsn, self.password) as conn:
            conn.execute(DDL)
        self._thread = threading.Thread(target=self._run, name="drill-writer", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        import psycopg

        try:
            with psycopg.connect(self.dsn, password=self.password, autocommit=True, connect_timeout=5) as conn:
                while not self._stop.is_set():
                    row = conn.execute(f"INSERT INTO {TABLE} DEFAULT VALUES RETURNING id").fetchone()
                    if row is not None:
                        self.acknowledged.append((int(row[0]), time.time()))
                    time.sleep(self.pause)
            self.ended_by = "stopped"
        except psycopg.Error as exc:
            self.ended_by = f"production went away: {type(exc).__name__}"

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_ended(self, timeout: float = 10.0) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    def summary(self) -> dict[str, Any]:
        n = len(self.acknowledged)
        span = self.acknowledged[-1][1] - self.acknowledged[0][1] if n > 1 else 0.0
        return {"acknowledged": n, "rate_per_second": round(n / span, 1) if span else None, "ended_by": self.ended_by}
