"""``kaleo-dr restore`` leaves planner statistics on every table before the swap (issue 18).

Without them the first queries after a failover are planned with default estimates. The
loader analyzes each table it loads as soon as its data is in; what it does not load (a
materialized view refreshed by pg_restore's last run) is analyzed before validation, and
validation reports any table still without statistics.
"""

from __future__ import annotations

from typing import Any

import pytest

from scripts.standins.localsvc import GcsEmulator, PgCluster
from tests.restore_support import drop_db, make_backup, new_bucket

SOURCE = "stats_src"
TABLES = {"orders", "order_lines", "empty_one", "readings", "readings_2025", "readings_2026", "order_totals"}


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> str:
    pg.psql(f"DROP DATABASE IF EXISTS {SOURCE} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {SOURCE}")
    pg.psql(
        """
        CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, placed date NOT NULL);
        CREATE TABLE order_lines (id int PRIMARY KEY, order_id int NOT NULL REFERENCES orders(id), sku text,
                                  qty int);
        CREATE INDEX order_lines_sku_idx ON order_lines (lower(sku));
        CREATE TABLE empty_one (id int PRIMARY KEY);
        CREATE TABLE readings (sensor int, at date NOT NULL, value float8) PARTITION BY RANGE (at);
        CREATE TABLE readings_2025 PARTITION OF readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE readings_2026 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        INSERT INTO orders SELECT g, 'c' || g % 50, date '2025-01-01' + g % 300 FROM generate_series(1, 2000) g;
        INSERT INTO order_lines SELECT g, 1 + g % 2000, 'SKU-' || g % 70, g % 9 FROM generate_series(1, 6000) g;
        INSERT INTO readings SELECT g % 10, date '2025-06-01' + g % 400, g / 3.0 FROM generate_series(1, 3000) g;
        CREATE MATERIALIZED VIEW order_totals AS
            SELECT order_id, sum(qty) AS qty FROM order_lines GROUP BY order_id;
        """,
        SOURCE,
    )
    return SOURCE


@pytest.fixture
def db(pg: PgCluster) -> Any:
    name = "stats_dst"
    drop_db(pg, name)
    yield name
    drop_db(pg, name)


def _analyzed(pg: PgCluster, db: str) -> dict[str, bool]:
    rows = pg.psql(
        """SELECT c.relname, s.last_analyze IS NOT NULL FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
           WHERE c.relnamespace = 'public'::regnamespace""",
        db,
    )
    return {name: flag == "t" for name, flag in (line.split("|") for line in rows.splitlines())}


def _with_column_stats(pg: PgCluster, db: str) -> set[str]:
    return set(pg.psql("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public'", db).splitlines())


def test_every_table_has_planner_statistics_after_restore(
    pg: PgCluster, source: str, gcs_env: GcsEmulator, db: str, cli: Any
) -> None:
    url = new_bucket(gcs_env)
    make_backup(pg, source, url)

    res = cli("restore", "--from", url, "--target-dsn", pg.dsn(db), "--json", env={"PGPASSWORD": pg.password})

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["statistics"] == {"analyzed": True, "tables_without": 0, "missing": []}
    # every table, partition, partitioned table and materialized view was analyzed
    assert _analyzed(pg, db) == dict.fromkeys(TABLES, True)
    # with column statistics where there are rows (the partitioned table's own, inherited ones too),
    # and the expression index's
    assert TABLES - {"empty_one"} | {"order_lines_sku_idx"} <= _with_column_stats(pg, db)
    assert pg.psql("SELECT reltuples FROM pg_class WHERE relname = 'order_lines'", db) == "6000"
    # the loader's own ANALYZE jobs ran beside its other jobs; the view was analyzed after pg_restore refreshed it
    assert any(j["job"].startswith("ANALYZE public.") for j in out["slowest_jobs"])
    assert out["phases"]["analyze"] > 0


def test_no_analyze_leaves_tables_without_statistics_and_says_so(
    pg: PgCluster, source: str, gcs_env: GcsEmulator, db: str, cli: Any
) -> None:
    url = new_bucket(gcs_env)
    make_backup(pg, source, url)

    res = cli(
        "restore", "--from", url, "--target-dsn", pg.dsn(db), "--no-analyze", "--json", env={"PGPASSWORD": pg.password}
    )

    assert res.code == 0, res.stdout + res.stderr
    stats = res.json()["statistics"]
    assert stats["analyzed"] is False and stats["tables_without"] == len(TABLES)
    # (listed at validation; autovacuum may analyze them any time after, so that is not checked here)
    assert set(stats["missing"]) == {f"public.{t}" for t in TABLES}
    human = cli("restore", "--help")
    assert "--no-analyze" in human.stdout
