"""The data sets ``bench/db.py`` backs up and restores: one function per shape.

Every shape is generated server-side (``generate_series``) into a fresh database of a
throwaway cluster, then ``VACUUM ANALYZE``d. ``scale`` multiplies the row counts (1.0 is the
size stated in each builder's docstring, chosen so that one restore round of both sides
stays under about a minute on this 2-core machine).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.standins.localsvc import PgCluster

# current: share of the table data per table, and the approximate bytes per row on disk.
CURRENT = {"customers": (0.05, 120), "documents": (0.40, 330), "measurements": (0.30, 75), "events": (0.25, 230)}


def current(pg: PgCluster, db: str, scale: float) -> None:
    """The original set, 1024 MB of table data at scale 1: ``customers`` (parent),
    ``documents`` (wide text rows), ``measurements`` (narrow numeric rows), ``events``
    (jsonb), with primary keys, five secondary indexes and two foreign keys."""
    size_mb = 1024 * scale
    rows = {name: max(1000, int(size_mb * 1024 * 1024 * share / width)) for name, (share, width) in CURRENT.items()}
    pg.psql(
        f"""
        CREATE TABLE customers (
            id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, country char(2), created_at timestamptz);
        INSERT INTO customers
            SELECT g, 'Customer ' || g, 'c' || g || '@example.com', (ARRAY['FR','DE','US','GB','ES'])[1 + g % 5],
                   timestamptz '2020-01-01' + g * interval '1 minute'
            FROM generate_series(1, {rows["customers"]}) g;
        CREATE TABLE documents (
            id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), title text, body text,
            updated_at timestamptz);
        INSERT INTO documents
            SELECT g, 1 + g % {rows["customers"]}, 'Document ' || g,
                   md5(g::text) || ' ' || md5((g + 1)::text) || ' lorem ipsum dolor sit amet ' || md5((g * 3)::text)
                   || ' ' || md5((g * 7)::text) || ' consectetur adipiscing elit ' || md5((g * 11)::text)
                   || ' ' || md5((g * 13)::text) || ' ' || md5((g * 17)::text),
                   timestamptz '2024-01-01' + g * interval '1 second'
            FROM generate_series(1, {rows["documents"]}) g;
        CREATE TABLE measurements (
            id bigint PRIMARY KEY, sensor int NOT NULL, taken_at timestamptz NOT NULL, value double precision,
            qty numeric(12, 2));
        INSERT INTO measurements
            SELECT g, g % 5000, timestamptz '2025-01-01' + g * interval '100 ms', random() * 1000,
                   (g % 100000) / 100.0
            FROM generate_series(1, {rows["measurements"]}) g;
        CREATE TABLE events (
            id bigint PRIMARY KEY, customer_id bigint REFERENCES customers(id), kind text NOT NULL, payload jsonb);
        INSERT INTO events
            SELECT g, 1 + g % {rows["customers"]}, (ARRAY['login','order','refund','visit'])[1 + g % 4],
                   jsonb_build_object('n', g, 'ip', '10.0.' || (g % 255) || '.' || (g % 253),
                                      'agent', 'Mozilla/5.0 ' || md5(g::text),
                                      'items', jsonb_build_array(g % 97, g % 89, md5((g * 5)::text)),
                                      'total', (g % 10000) / 100.0)
            FROM generate_series(1, {rows["events"]}) g;
        CREATE INDEX documents_customer_idx ON documents (customer_id);
        CREATE INDEX documents_updated_idx ON documents (updated_at);
        CREATE INDEX measurements_sensor_idx ON measurements (sensor, taken_at);
        CREATE INDEX events_customer_idx ON events (customer_id);
        CREATE INDEX events_kind_idx ON events (kind, (payload ->> 'total'));
        """,
        db,
    )


def dominant(pg: PgCluster, db: str, scale: float) -> None:
    """One table holding most of the data, shaped as reported in issue 12 (5 M rows with a
    foreign key to 1.5 M) at 0.6 of its size, so that a round stays under about a minute
    here: ``activities``, 3 M rows at scale 1 (jsonb payload, primary key, two secondary
    indexes, a foreign key to ``accounts``, 0.9 M rows), plus three small tables."""
    big, parent, small = int(3_000_000 * scale), int(900_000 * scale), int(30_000 * scale)
    pg.psql(
        f"""
        CREATE TABLE accounts (
            id bigint PRIMARY KEY, name text NOT NULL, plan text NOT NULL, created_at timestamptz NOT NULL);
        INSERT INTO accounts
            SELECT g, 'Account ' || g, (ARRAY['free','team','business'])[1 + g % 3],
                   timestamptz '2020-01-01' + g * interval '1 minute'
            FROM generate_series(1, {parent}) g;
        CREATE TABLE activities (
            id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts(id),
            created_at timestamptz NOT NULL, kind text NOT NULL, payload jsonb NOT NULL);
        INSERT INTO activities
            SELECT g, 1 + (g::bigint * 7919) % {parent}, timestamptz '2024-01-01' + g * interval '5 seconds',
                   (ARRAY['view','edit','share','comment','export'])[1 + g % 5],
                   jsonb_build_object('n', g, 'ip', '10.' || (g % 251) || '.' || (g % 253) || '.' || (g % 7),
                                      'agent', 'Mozilla/5.0 ' || md5(g::text),
                                      'tags', jsonb_build_array('t' || g % 97, 't' || g % 89),
                                      'score', (g % 10000) / 100.0)
            FROM generate_series(1, {big}) g;
        CREATE INDEX activities_account_idx ON activities (account_id);
        CREATE INDEX activities_created_idx ON activities (created_at);
        CREATE TABLE teams (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts(id), name text);
        INSERT INTO teams SELECT g, 1 + g % {parent}, 'Team ' || g FROM generate_series(1, {small}) g;
        CREATE TABLE invoices (
            id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts(id), total numeric(12, 2),
            issued_on date NOT NULL);
        INSERT INTO invoices
            SELECT g, 1 + g % {parent}, (g % 100000) / 100.0, date '2024-01-01' + g % 700
            FROM generate_series(1, {small}) g;
        CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
        INSERT INTO settings SELECT 'key' || g, md5(g::text) FROM generate_series(1, 1000) g;
        """,
        db,
    )


def many(pg: PgCluster, db: str, scale: float) -> None:
    """1,000 small tables (about 300 rows each at scale 1), each with a primary key, a
    secondary index and a foreign key to ``owners``: per-job and scheduling overhead."""
    rows = max(10, int(300 * scale))
    statements = [
        "CREATE TABLE owners (id int PRIMARY KEY, name text NOT NULL);",
        "INSERT INTO owners SELECT g, 'owner ' || g FROM generate_series(1, 1000) g;",
    ]
    for n in range(1, 1001):
        t = f"t{n:04d}"
        statements += [
            f"CREATE TABLE {t} (id bigint PRIMARY KEY, owner_id int NOT NULL REFERENCES owners(id),"
            " label text NOT NULL, amount numeric(10, 2), created_at timestamptz NOT NULL);",
            f"INSERT INTO {t} SELECT g, 1 + (g * {n}) % 1000, 'item ' || g || ' of {t}', g / 7.0,"
            f" timestamptz '2025-01-01' + g * interval '1 hour' FROM generate_series(1, {rows}) g;",
            f"CREATE INDEX {t}_created_idx ON {t} (created_at);",
        ]
    with tempfile.TemporaryDirectory() as tmp:  # too long for psql's command line; one statement at a time
        script = Path(tmp) / "many.sql"
        script.write_text("\n".join(statements), encoding="utf-8")
        script.chmod(0o644)
        Path(tmp).chmod(0o755)
        pg.psql_file(script, db)


def toast(pg: PgCluster, db: str, scale: float) -> None:
    """TOAST-heavy: ``attachments``, 60,000 rows at scale 1 of a wide text body (about 6 KB of
    hex, stored out of line) and a bytea of 2-6 KB, with a primary key and one index."""
    rows = int(60_000 * scale)
    pg.psql(
        f"""
        CREATE TABLE attachments (
            id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL, body text NOT NULL,
            content bytea NOT NULL);
        INSERT INTO attachments
            SELECT g, 'file-' || g || '.bin', timestamptz '2024-01-01' + g * interval '1 minute',
                   (SELECT string_agg(md5((g * 1000 + i)::text), ' ') FROM generate_series(1, 180) i),
                   (SELECT decode(string_agg(md5((g * 7 + i)::text), ''), 'hex')
                    FROM generate_series(1, 128 + g % 256) i)
            FROM generate_series(1, {rows}) g;
        CREATE INDEX attachments_created_idx ON attachments (created_at);
        """,
        db,
    )


def gitlab(pg: PgCluster, db: str, scale: float) -> None:
    """A real application's schema: the GitLab subset of ``tests/data/gitlab/`` (442 tables, 410
    of them holding rows, 2,006 indexes, 380 foreign keys, 126 triggers, two owners and grants),
    up to 200 synthetic rows per table at scale 1 (``tests/synthetic_rows.py``): per-job and
    scheduling overhead, on the shapes, constraints and triggers of a real application."""
    from tests.gitlab_schema import fill

    filled = fill(pg, db, max(4, int(200 * scale)))
    print(f"gitlab: {len(filled.rows)} tables filled ({filled.total} rows), {len(filled.empty)} empty", file=sys.stderr)


SHAPES: dict[str, Callable[[PgCluster, str, float], None]] = {
    "current": current,
    "dominant": dominant,
    "many": many,
    "toast": toast,
    "gitlab": gitlab,
}


def build(pg: PgCluster, shape: str, db: str, scale: float) -> dict[str, Any]:
    """Create ``db`` holding ``shape``; returns its sizes."""
    pg.psql(f"CREATE DATABASE {db}")
    SHAPES[shape](pg, db, scale)
    pg.psql("VACUUM ANALYZE", db)
    counts = pg.psql(
        "SELECT count(*), coalesce(sum(pg_table_size(c.oid)), 0) FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
        db,
    ).split("|")
    total = int(pg.psql(f"SELECT pg_database_size('{db}')", db))
    return {"tables": int(counts[0]), "table_bytes": int(counts[1]), "database_bytes": total}
