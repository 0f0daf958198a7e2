"""A restored database equals its source: schema dump, every table's rows, large objects.

Two sources: a schema built to be awkward (schemas with spaces, contrib extensions, enums,
domains, arrays, jsonb, bytea, large objects, unicode, NULLs, partitions, foreign keys,
unlogged tables, views, materialized views, triggers) and the pagila sample database.
Source and target are separate PostgreSQL clusters; the backup is made by
``kaleo-dr backup create`` into the GCS emulator.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.standins.localsvc import GcsEmulator, PgCluster
from tests.conftest import PAGILA
from tests.restore_support import large_objects, new_bucket, schema_dump, table_checksums

TRICKY_SQL = r"""
CREATE EXTENSION pgcrypto;
CREATE EXTENSION hstore;
CREATE EXTENSION citext;
CREATE SCHEMA "sales data";
CREATE SCHEMA audit;
CREATE TYPE "sales data".status AS ENUM ('new', 'paid', 'shipped', 'ça va');
CREATE DOMAIN "sales data".positive_money AS numeric(12, 2) CHECK (VALUE >= 0);
CREATE SEQUENCE audit.ticket_seq START 1000 INCREMENT 7;
CREATE TABLE "sales data"."Customer Table" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext UNIQUE NOT NULL,
    name text,
    tags text[],
    attrs hstore,
    profile jsonb,
    avatar bytea,
    created timestamptz DEFAULT now()
);
CREATE TABLE "sales data".orders (
    id serial,
    customer_id bigint REFERENCES "sales data"."Customer Table"(id) ON DELETE CASCADE,
    status "sales data".status NOT NULL DEFAULT 'new',
    total "sales data".positive_money,
    ordered_on date NOT NULL,
    note text,
    ticket int DEFAULT nextval('audit.ticket_seq'),
    PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);
CREATE TABLE "sales data".orders_2025 PARTITION OF "sales data".orders
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE "sales data".orders_2026 PARTITION OF "sales data".orders
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX orders_status_idx ON "sales data".orders (status);
CREATE UNLOGGED TABLE audit.scratch (k text PRIMARY KEY, v jsonb);
CREATE TABLE audit.log (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), what text, row_data jsonb);
-- storage options of its own: the restore pauses autovacuum on every table while loading and
-- must give back exactly these
ALTER TABLE audit.log SET (autovacuum_enabled = false, fillfactor = 90, toast.autovacuum_enabled = true);
ALTER TABLE "sales data".orders_2025 SET (autovacuum_vacuum_scale_factor = 0.05);
CREATE FUNCTION audit.log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.log(what, row_data) VALUES (TG_OP || ' ' || TG_TABLE_NAME, to_jsonb(NEW));
  RETURN NEW;
END $$;
CREATE TRIGGER customer_audit AFTER INSERT OR UPDATE ON "sales data"."Customer Table"
    FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE FUNCTION "sales data".order_count(c bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM "sales data".orders WHERE customer_id = c $$;
CREATE VIEW "sales data"."Big Spenders" AS
    SELECT c.id, c.email, sum(o.total) AS spent FROM "sales data"."Customer Table" c
    JOIN "sales data".orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
CREATE MATERIALIZED VIEW audit.daily AS
    SELECT ordered_on, count(*) AS n, sum(total) AS total FROM "sales data".orders GROUP BY ordered_on;
CREATE INDEX daily_idx ON audit.daily (ordered_on);
COMMENT ON TABLE "sales data"."Customer Table" IS 'customers – ünïcödé comment';

INSERT INTO "sales data"."Customer Table" (email, name, tags, attrs, profile, avatar)
SELECT 'User' || g || '@Example.com',
       CASE WHEN g % 7 = 0 THEN NULL ELSE '名前 ' || g || ' Ωmega 🚀' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE ARRAY['a' || g, 'b"quoted', NULL, 'c,comma'] END,
       hstore(ARRAY['k' || g, 'v'], ARRAY['x', NULL]),
       jsonb_build_object('n', g, 'nested', jsonb_build_object('arr', jsonb_build_array(g, 'é', NULL)), 'f', g / 3.0),
       CASE WHEN g % 3 = 0 THEN NULL ELSE digest(g::text, 'sha256') END
FROM generate_series(1, 2000) g;
INSERT INTO "sales data".orders (customer_id, status, total, ordered_on, note)
SELECT 1 + g % 2000, (ARRAY['new', 'paid', 'shipped', 'ça va'])[1 + g % 4]::"sales data".status,
       (g % 1000) / 7.0, DATE '2025-01-01' + (g % 700),
       CASE WHEN g % 11 = 0 THEN NULL ELSE E'line\nbreak\ttab \\ back' END
FROM generate_series(1, 20000) g;
INSERT INTO audit.scratch SELECT 'key ' || g, jsonb_build_object('g', g) FROM generate_series(1, 300) g;
SELECT setval('audit.ticket_seq', 987654);
REFRESH MATERIALIZED VIEW audit.daily;
SELECT lo_from_bytea(0, convert_to('large object ✓ ' || g, 'UTF8')) FROM generate_series(1, 5) g;
SELECT lo_from_bytea(0, decode(repeat('00ff', 100000), 'hex'));
"""


@pytest.fixture(scope="module")
def target_pg() -> Iterator[PgCluster]:
    with PgCluster("restore-target") as cluster:
        yield cluster


def _restore(cli, url: str, target_pg: PgCluster, db: str, *pre: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    res = cli(
        *pre,
        "restore",
        "--from",
        url,
        "--target-dsn",
        target_pg.dsn(db),
        "--jobs",
        "2",
        "--json",
        env={"PGPASSWORD": target_pg.password},
    )
    assert res.code == 0, res.stdout + res.stderr
    return res.json()  # type: ignore[no-any-return]


def _backup(cli, pg: PgCluster, db: str, url: str) -> str:  # type: ignore[no-untyped-def]
    """``kaleo-dr backup create`` of ``db`` to ``url``; returns the backup id."""
    res = cli("backup", "create", "--source-dsn", pg.dsn(db), "--to", url, "--json", env={"PGPASSWORD": pg.password})
    assert res.code == 0, res.stdout + res.stderr
    return str(res.json()["backup_id"])


def _assert_equal(src: PgCluster, src_db: str, dst: PgCluster, dst_db: str) -> None:
    assert schema_dump(dst, dst_db) == schema_dump(src, src_db)
    src_sums = table_checksums(src, src_db)
    assert src_sums, "the source has no tables: the comparison would prove nothing"
    assert table_checksums(dst, dst_db) == src_sums
    assert large_objects(dst, dst_db) == large_objects(src, src_db)


FIDELITY_MODES = {
    # direct (the default): COPY fed from the verified download, indexes and constraints built by kaleo-dr
    "direct": "restore: {}\n",
    # the same with every downloaded file spooled on disk instead of in memory
    "direct-disk": "restore:\n  spool_memory_mb: 0\n",
    # a spool far smaller than the data: downloads wait for the loads (backpressure)
    "bounded": "restore:\n  spool_memory_mb: 2\n  spool_disk_mb: 1\n",
}


@pytest.mark.parametrize("mode", list(FIDELITY_MODES))
def test_tricky_schema_round_trips(
    pg: PgCluster,
    target_pg: PgCluster,
    gcs_env: GcsEmulator,
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    mode: str,
) -> None:
    pg.psql('DROP DATABASE IF EXISTS "tricky_src" WITH (FORCE)')
    pg.psql("CREATE DATABASE \"tricky_src\" TEMPLATE template0 ENCODING 'UTF8'")
    sql = tmp_path / "tricky.sql"
    sql.write_text(TRICKY_SQL, encoding="utf-8")
    pg.psql_file(sql, "tricky_src")
    url = new_bucket(gcs_env)
    backup_id = _backup(cli, pg, "tricky_src", url)

    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(FIDELITY_MODES[mode], encoding="utf-8")
    target_pg.psql('DROP DATABASE IF EXISTS "Tricky-Copy" WITH (FORCE)')
    out = _restore(cli, url, target_pg, "Tricky-Copy", "--config", str(config))

    assert out["backup_id"] == backup_id
    assert out["validation"]["ok"] is True
    _assert_equal(pg, "tricky_src", target_pg, "Tricky-Copy")
    # Things a sloppy restore gets wrong, checked by name on top of the dump diff:
    assert target_pg.psql("SELECT last_value FROM audit.ticket_seq", "Tricky-Copy") == "987654"
    assert target_pg.psql("SELECT count(*) FROM audit.scratch", "Tricky-Copy") == "300"
    assert target_pg.psql("SELECT relpersistence FROM pg_class WHERE relname = 'scratch'", "Tricky-Copy") == "u"
    assert target_pg.psql("SELECT count(*) FROM audit.daily", "Tricky-Copy") == pg.psql(
        "SELECT count(*) FROM audit.daily", "tricky_src"
    )


def test_pagila_round_trips(
    pg: PgCluster,
    target_pg: PgCluster,
    gcs_env: GcsEmulator,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    schema, data = PAGILA / "pagila-schema.sql", PAGILA / "pagila-data.sql"
    if not (schema.is_file() and data.is_file()):
        pytest.skip(f"pagila sample database not found in {PAGILA} (pagila-schema.sql, pagila-data.sql)")
    pg.psql("DROP DATABASE IF EXISTS pagila WITH (FORCE)")
    pg.psql("CREATE DATABASE pagila TEMPLATE template0 ENCODING 'UTF8'")
    pg.psql_file(schema, "pagila")
    pg.psql_file(data, "pagila")
    url = new_bucket(gcs_env)
    _backup(cli, pg, "pagila", url)

    out = _restore(cli, url, target_pg, "pagila")

    assert out["tables"] >= 15
    _assert_equal(pg, "pagila", target_pg, "pagila")
