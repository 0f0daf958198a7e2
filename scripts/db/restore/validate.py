"""Validation: the staging copy's inventory and exact row counts against the manifest."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from scripts.db import pgtools
from scripts.db.inventory import compare_inventories, inventory, inventory_from_manifest, row_counts
from scripts.db.manifest import Manifest
from scripts.db.restore.statistics import missing_statistics
from scripts.db.restore.target import Target


def validate(
    target: Target,
    manifest: Manifest,
    jobs: int = 2,
    copied: dict[tuple[str, str], int] | None = None,
    without_statistics: list[tuple[str, str]] | None = None,
    conn: Any = None,
) -> list[str]:
    """Compare the staging copy's inventory with the manifest's.

    A table's row count is the server's own count of the rows its ``COPY`` committed into the
    empty table (``copied``: nothing else writes into the staging database, and triggers and
    rules only exist after the data is in); every other table is counted with ``count(*)``,
    ``jobs`` at a time. The tables without planner statistics are listed into
    ``without_statistics`` when given (the caller decides whether that is a failure).
    """
    copied = copied or {}
    with contextlib.closing(target.connect(target.staging)) if conn is None else contextlib.nullcontext(conn) as conn:
        actual = inventory(conn, rows=False)
        if without_statistics is not None:
            without_statistics[:] = missing_statistics(conn)
        # Largest first, so the counts end together; a table's size is a file's size read by the
        # server, only worth asking for the tables that must be counted (usually none).
        tables = conn.execute(
            """SELECT n.nspname, c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u')
                 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                 AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"""
        ).fetchall()
        left = [(str(r[0]), str(r[1]), int(r[2])) for r in tables if (str(r[0]), str(r[1])) not in copied]
        if len(left) > 1:
            sizes = dict(
                conn.execute(
                    "SELECT oid::bigint, pg_relation_size(oid) FROM pg_class WHERE oid = ANY(%s)",
                    [[t[2] for t in left]],
                ).fetchall()
            )
            left.sort(key=lambda t: -int(sizes.get(t[2], 0)))
    counts: dict[str, int] = {pgtools.qualified(sch, name): n for (sch, name), n in copied.items()}
    queue = [(sch, name) for sch, name, _ in left]
    lock = threading.Lock()
    errors: list[BaseException] = []

    def count() -> None:
        try:
            with contextlib.closing(target.connect(target.staging)) as c:
                c.execute("SET jit = off")
                while True:
                    with lock:
                        if not queue or errors:
                            return
                        table = queue.pop(0)
                    result = row_counts(c, [table])
                    with lock:
                        counts.update(result)
        except BaseException as exc:
            with lock:
                errors.append(exc)

    workers = [threading.Thread(target=count, daemon=True) for _ in range(min(jobs, len(queue)))]
    for th in workers:
        th.start()
    for th in workers:
        th.join()
    if errors:
        raise errors[0]
    actual["tables"] = counts
    expected = inventory_from_manifest(manifest)
    return compare_inventories(expected, actual)
