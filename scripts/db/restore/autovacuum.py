"""Autovacuum paused on the staging tables while they load, and put back exactly."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def pause_autovacuum(conn: Any, small: Collection[tuple[str, str]] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """Switch autovacuum off for the tables of the staging database, but the ``small`` ones
    (schema, name): a small table loads and is analyzed in milliseconds, long before
    autovacuum could get in the way, and pausing it costs as much. Returns what to reset.

    While the data loads, autovacuum would start on the freshly filled tables (insert
    thresholds), take CPU and I/O from the restore, and hold locks that every ``CREATE
    INDEX`` must first cancel (after ``deadlock_timeout``, one second by default): the
    PostgreSQL manual's advice for bulk loads is to keep it off. Only the staging copy,
    which nothing else uses, is touched; a table whose dump sets the option itself is
    left alone, and :func:`resume_autovacuum` removes exactly the options set here.
    """
    rows = conn.execute(
        """SELECT c.oid::regclass::text, coalesce(c.reloptions, '{}'), c.reltoastrelid <> 0,
                  coalesce(t.reloptions, '{}'), n.nspname, c.relname
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
           WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u')
             AND n.nspname NOT IN ('pg_catalog', 'information_schema')"""
    ).fetchall()
    paused: list[tuple[str, tuple[str, ...]]] = []
    for name, options, has_toast, toast_options, schema, relname in rows:
        if (schema, relname) in small:
            continue
        keys: list[str] = []
        if not any(o.startswith("autovacuum_enabled=") for o in options):
            keys.append("autovacuum_enabled")
        if has_toast and not any(o.startswith("autovacuum_enabled=") for o in toast_options):
            keys.append("toast.autovacuum_enabled")
        if keys:
            paused.append((str(name), tuple(keys)))
    if paused:
        conn.execute(
            "".join(f"ALTER TABLE {name} SET ({', '.join(k + ' = false' for k in keys)});\n" for name, keys in paused)
        )
    return paused


def resume_autovacuum(conn: Any, paused: list[tuple[str, tuple[str, ...]]]) -> None:
    """Undo :func:`pause_autovacuum`: the tables' options are again exactly those of the dump."""
    if paused:
        conn.execute("".join(f"ALTER TABLE {name} RESET ({', '.join(keys)});\n" for name, keys in paused))
