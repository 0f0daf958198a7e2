"""Planner statistics on the staging copy: which tables have none, and ANALYZE for those.

The loader (:mod:`scripts.db.load`) analyzes every table it loads as soon as its data is
in. What it does not load - materialized views refreshed by pg_restore's last run, tables
whose data pg_restore loads itself, an archive restored by pg_restore alone - is analyzed
here, before validation and the swap: a database without statistics plans its first
queries with default estimates (nested loops and sequential scans on large tables) at the
worst possible moment, right after a failover. A promoted standby
(:mod:`scripts.db.standby.promote`) analyzes every relation the same way, through
:func:`analyze_tables`.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from scripts.db import pgtools

# The relations that take planner statistics: user tables, partitioned tables and populated
# materialized views (unpopulated ones cannot be analyzed).
_RELATIONS = r"""
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'p', 'm') AND c.relpersistence IN ('p', 'u')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT (c.relkind = 'm' AND NOT c.relispopulated)
"""
# A table has statistics when pg_stats shows any of its columns (for a partitioned table:
# its inheritance statistics), or when it was analyzed and is empty (ANALYZE stores no
# column statistics for an empty table, but records when it ran).
MISSING_SQL = f"""
SELECT n.nspname, c.relname {_RELATIONS}
  AND NOT EXISTS (SELECT 1 FROM pg_stats p WHERE p.schemaname = n.nspname AND p.tablename = c.relname)
  AND s.last_analyze IS NULL AND s.last_autoanalyze IS NULL
ORDER BY 1, 2
"""
# Every relation ANALYZE has to visit once: a partitioned table's ANALYZE samples and
# analyzes its partitions too, so partitions are left to their root. Largest first: the
# long jobs start early and the short ones fill in around them.
ALL_SQL = f"""
SELECT n.nspname, c.relname {_RELATIONS}
  AND NOT c.relispartition
ORDER BY CASE WHEN c.relkind = 'p'
              THEN (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t)
              ELSE pg_total_relation_size(c.oid) END DESC, 1, 2
"""


def missing_statistics(conn: Any) -> list[tuple[str, str]]:
    """The user tables, partitioned tables and materialized views without planner statistics."""
    return [(str(r[0]), str(r[1])) for r in conn.execute(MISSING_SQL).fetchall()]


def analyzable(conn: Any) -> list[tuple[str, str]]:
    """Every relation to ANALYZE for fresh statistics of the whole database (partitions through their root)."""
    return [(str(r[0]), str(r[1])) for r in conn.execute(ALL_SQL).fetchall()]


def analyze_missing(connect: Any, jobs: int, setup_sql: str = "", conn: Any = None) -> list[tuple[str, str]]:
    """ANALYZE every table that has no statistics yet, on ``jobs`` connections; returns them.
    ``conn``: a connection to look with (else one of ``connect()``)."""
    if conn is not None:
        todo = missing_statistics(conn)
    else:
        with contextlib.closing(connect()) as own:
            todo = missing_statistics(own)
    analyze_tables(connect, todo, jobs, setup_sql)
    return todo


def analyze_tables(connect: Any, tables: list[tuple[str, str]], jobs: int, setup_sql: str = "") -> None:
    """ANALYZE ``tables`` (schema, name) in that order on at most ``jobs`` connections of ``connect()``
    (autocommit); the first error ends the work and is raised."""
    queue = list(tables)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with contextlib.closing(connect()) as c:
                if setup_sql:
                    c.execute(setup_sql)
                while True:
                    with lock:
                        if not queue or errors:
                            return
                        schema, name = queue.pop(0)
                    c.execute(f"ANALYZE {pgtools.quote_ident(schema)}.{pgtools.quote_ident(name)}")
        except BaseException as exc:
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(min(max(1, jobs), len(queue)))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        raise errors[0]
