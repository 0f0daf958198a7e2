"""A real application's schema survives ``backup create`` -> ``restore`` (issue 18).

The source is a subset of GitLab's ``db/structure.sql`` (hundreds of tables: hash, list and
range partitions, partial and GIN indexes, trigram and btree_gist operator classes,
exclusion and CHECK constraints, triggers and their functions, views over the catalogs and
over tables, sequences shared by partitioned tables), owned by two roles with grants,
column privileges and default privileges (``tests/data/gitlab/``), filled by the
catalog-driven generator of ``tests/synthetic_rows.py``. It goes through
``kaleo-dr backup create`` into the GCS emulator and ``kaleo-dr restore`` into a fresh
cluster that has none of its roles (the backup brings them), and the copy must equal the
source: the schema dump with owners and privileges, every table's rows, every sequence's
position, and planner statistics on every table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest

from scripts.db import pgtools
from scripts.standins.localsvc import GcsEmulator, PgCluster
from tests.gitlab_schema import ROLES, load
from tests.restore_support import drop_db, new_bucket, schema_dump, table_checksums
from tests.synthetic_rows import Filled

SOURCE, TARGET = "gitlab_src", "gitlab_copy"
ROWS = 4  # per table: the schema's size is the point here, not the data's


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> Any:
    filled = load(pg, SOURCE, ROWS)
    yield filled
    drop_db(pg, SOURCE)


@pytest.fixture(scope="module")
def target() -> Iterator[PgCluster]:
    """A cluster of its own: none of the application's roles exist there before the restore."""
    with PgCluster("realschema-target") as cluster:
        yield cluster


def _sequences(pg: PgCluster, db: str) -> dict[str, tuple[int, bool]]:
    with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences ORDER BY 1"
            ).fetchall()
        ]
        out = {}
        for name in names:
            row = conn.execute(f"SELECT last_value, is_called FROM {name}").fetchone()
            assert row is not None
            out[name] = (int(row[0]), bool(row[1]))
    return out


def _never_analyzed(pg: PgCluster, db: str) -> list[str]:
    """Tables (leaf, partitioned) without planner statistics: never analyzed since the restore."""
    return pg.psql(
        """SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
           WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
             AND n.nspname NOT LIKE 'pg\\_%' AND s.last_analyze IS NULL ORDER BY 1""",
        db,
    ).splitlines()


def test_source_is_the_real_schema_with_rows(pg: PgCluster, source: Filled) -> None:
    """The comparison below means something only if the source has the shape it claims."""
    counts = dict(
        line.split("|")
        for line in pg.psql(
            """SELECT 'tables', count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'gitlab_partitions_static',
                                                                 'gitlab_partitions_dynamic')
               UNION ALL SELECT 'partitioned', count(*) FROM pg_partitioned_table
               UNION ALL SELECT 'partial', count(*) FROM pg_index WHERE indpred IS NOT NULL
               UNION ALL SELECT 'gin', count(*) FROM pg_class c JOIN pg_am a ON a.oid = c.relam
                 WHERE a.amname = 'gin'
               UNION ALL SELECT 'fk', count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0
               UNION ALL SELECT 'trigger', count(*) FROM pg_trigger WHERE NOT tgisinternal
               UNION ALL SELECT 'view', count(*) FROM pg_views WHERE schemaname = 'public'
               UNION ALL SELECT 'owners', count(DISTINCT c.relowner) FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S')""",
            SOURCE,
        ).splitlines()
    )
    assert int(counts["tables"]) >= 400
    assert int(counts["partitioned"]) >= 30
    assert int(counts["partial"]) >= 200 and int(counts["gin"]) >= 80
    assert int(counts["fk"]) >= 300 and int(counts["trigger"]) >= 100 and int(counts["view"]) >= 5
    assert counts["owners"] == "2"
    # most tables hold rows; the others are listed with their reason: mostly hash partitions
    # no parent key falls into (64 per table for 4 parent rows), a few a trigger refuses
    assert len(source.rows) >= 200, source.empty
    assert all(source.empty.values())
    hashed = set(
        pg.psql(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n"
            " ON n.oid = c.relnamespace WHERE c.relispartition"
            " AND pg_get_expr(c.relpartbound, c.oid) LIKE 'FOR VALUES WITH %'",
            SOURCE,
        ).splitlines()
    )
    assert len(set(source.empty) - hashed) <= 10, source.empty


def test_real_schema_round_trips(
    pg: PgCluster, target: PgCluster, source: Filled, gcs_env: GcsEmulator, cli: Any
) -> None:
    url = new_bucket(gcs_env)
    made = cli(
        "backup", "create", "--source-dsn", pg.dsn(SOURCE), "--to", url, "--json", env={"PGPASSWORD": pg.password}
    )
    assert made.code == 0, made.stdout + made.stderr
    assert target.psql(f"SELECT count(*) FROM pg_roles WHERE rolname IN {ROLES}") == "0"
    drop_db(target, TARGET)
    try:
        res = cli(
            "restore",
            "--from",
            url,
            "--target-dsn",
            target.dsn(TARGET),
            "--jobs",
            "2",
            "--json",
            env={"PGPASSWORD": target.password},
        )
        assert res.code == 0, res.stdout + res.stderr
        out = res.json()
        assert out["validation"]["ok"] is True
        assert out["statistics"]["tables_without"] == 0, out["statistics"]
        assert set(ROLES) <= set(out["roles"]["created"]), out["roles"]

        # the schema, owners and privileges included (pg_dump prints OWNER TO and GRANT/REVOKE)
        source_schema, copy_schema = schema_dump(pg, SOURCE), schema_dump(target, TARGET)
        assert "OWNER TO gitlab_ci" in source_schema and "GRANT SELECT(" in source_schema
        assert copy_schema == source_schema
        # every table's rows, in a total order
        sums = table_checksums(pg, SOURCE)
        assert sum(n for n, _ in sums.values()) == source.total > 0
        assert table_checksums(target, TARGET) == sums
        # every sequence where the application left it (is_called included)
        sequences = _sequences(pg, SOURCE)
        assert any(called for _, called in sequences.values())
        assert _sequences(target, TARGET) == sequences
        # planner statistics on every table before anything reads it
        assert _never_analyzed(target, TARGET) == []
    finally:
        drop_db(target, TARGET)
