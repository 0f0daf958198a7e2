"""pgtools against a real PostgreSQL: DSN hygiene, tool discovery, inventory and its comparison."""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import pytest

from scripts.db import inventory as db_inventory
from scripts.db import pgtools
from scripts.db.inventory import compare_inventories, inventory, inventory_from_manifest, manifest_parts, row_counts
from scripts.output import BadInput
from scripts.standins.localsvc import PgCluster

SCHEMA = """
CREATE EXTENSION citext;
CREATE SCHEMA "sales dept";
CREATE TABLE "sales dept"."Order Lines" (id serial PRIMARY KEY, note citext, qty int CHECK (qty > 0));
INSERT INTO "sales dept"."Order Lines" (note, qty) SELECT 'n' || g, g FROM generate_series(1, 37) g;
CREATE UNLOGGED TABLE public.scratch (k int);
INSERT INTO public.scratch SELECT generate_series(1, 5);
CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX ON public.events (at);
INSERT INTO public.events SELECT g, '2025-06-01'::date + g FROM generate_series(1, 300) g;
CREATE SEQUENCE public.unused_seq;
CREATE SEQUENCE public.set_seq; SELECT setval('public.set_seq', 42, false);
CREATE VIEW public.v AS SELECT 1 AS one;
CREATE MATERIALIZED VIEW public.mv AS SELECT count(*) AS n FROM public.events;
CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE public.p() LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION public.tg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER t BEFORE INSERT ON public.scratch FOR EACH ROW EXECUTE FUNCTION public.tg();
CREATE TYPE public.mood AS ENUM ('ok', 'meh');
CREATE DOMAIN public.pos AS int CHECK (VALUE > 0);
SELECT lo_from_bytea(0, 'hello');
"""


@pytest.fixture(scope="module")
def db(pg: PgCluster) -> str:
    name = f"inv_{uuid.uuid4().hex[:8]}"
    dsn = pg.create_database(name)
    pg.psql(SCHEMA, name)
    return dsn


def test_dsn_with_password_is_refused_without_echoing_it() -> None:
    with pytest.raises(BadInput) as err:
        pgtools.check_dsn("postgresql://app:s3cr3t-pw@db.example:5432/kaleo")
    assert "s3cr3t-pw" not in err.value.message + (err.value.hint or "")
    assert "PGPASSWORD" in (err.value.hint or "")
    with pytest.raises(BadInput):
        pgtools.check_dsn("host=db.example user=app password=s3cr3t-pw dbname=kaleo")
    assert pgtools.check_dsn("postgresql://app@db.example:5433/kaleo")["port"] == "5433"


@pytest.mark.parametrize(
    "dsn",
    [
        "host=db.example user=app sslpassword=k3y-pass dbname=kaleo",
        "postgresql://app@db.example/kaleo?sslpassword=k3y-pass",
        "postgresql://app@db.example/kaleo?password=k3y-pass",
    ],
)
def test_every_secret_bearing_dsn_key_is_refused(dsn: str) -> None:
    with pytest.raises(BadInput) as err:
        pgtools.check_dsn(dsn, "--target-dsn")
    assert err.value.message.startswith("--target-dsn contains ")
    assert "k3y-pass" not in err.value.message + (err.value.hint or "")
    with pytest.raises(BadInput):
        pgtools.connect(dsn)  # every connection goes through the same check


def test_display_dsn_and_redact_never_show_password() -> None:
    shown = pgtools.display_dsn("postgresql://app:s3cr3t-pw@db.example:5433/kaleo")
    assert shown == "app@db.example:5433/kaleo"
    assert "s3cr3t" not in pgtools.redact("dsn password=s3cr3t-pw and more", None)
    assert "s3cr3t" not in pgtools.redact("postgresql://app:s3cr3t-pw@h/db", None)
    assert pgtools.redact("oops s3cr3t-pw", "s3cr3t-pw") == "oops ***"


def test_connect_and_server_version(pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        version = pgtools.server_version(conn)
    assert version.major == 15
    assert version.num >= 150000


def test_wrong_password_is_a_clear_bad_input(pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "definitely-wrong-pw")
    with pytest.raises(BadInput) as err:
        pgtools.connect(db)
    assert "password authentication failed" in err.value.message
    assert "definitely-wrong-pw" not in err.value.message + (err.value.hint or "")


def test_find_tool_prefers_server_major_and_refuses_older(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = pgtools.find_tool("pg_dump", 15)
    assert tool.major == 15
    assert "/15/" in str(tool.path) or tool.path.name == "pg_dump"

    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.14'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv(pgtools.CLIENT_BIN_ENV, str(tmp_path))
    old = pgtools.find_tool("pg_dump")
    assert (old.major, old.minor) == (13, 14)
    with pytest.raises(BadInput) as err:
        pgtools.require_tool_for_server("pg_dump", pgtools.ServerVersion(150018, "15.18"))
    assert "older than the PostgreSQL server" in err.value.message
    with pytest.raises(BadInput, match="not found"):
        pgtools.find_tool("pg_restore")


def test_inventory_counts_everything(pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        inv = inventory(conn)
    assert inv["tables"] == {
        "public.events_2025": 213,
        "public.events_2026": 87,
        "public.scratch": 5,
        "sales dept.Order Lines": 37,
    }
    objects = inv["objects"]
    assert objects["tables"] == 4
    assert objects["partitioned_tables"] == 1
    assert objects["unlogged_tables"] == 1
    # primary key + partitioned index and its two partition indexes
    assert objects["indexes"] == 4
    assert objects["views"] == 1
    assert objects["materialized_views"] == 1
    assert objects["sequences"] == 3
    assert objects["functions"] == 2
    assert objects["procedures"] == 1
    assert objects["triggers"] == 1
    assert objects["enums"] == 1
    assert objects["domains"] == 1
    assert objects["large_objects"] == 1
    assert objects["extensions"] == 1
    assert objects["constraints"] >= 3  # pk, check, domain check
    assert inv["extensions"] == {"citext": inv["extensions"]["citext"]}
    assert inv["sequences"]["sales dept.Order Lines_id_seq"] == 37
    assert inv["sequences"]["public.unused_seq"] is None
    assert inv["sequence_state"]["public.set_seq"] == [42, False]


def test_sequences_are_read_in_batches_with_the_same_result(
    pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        whole = inventory(conn, rows=False)["sequence_state"]
        monkeypatch.setattr(db_inventory, "SEQUENCES_PER_QUERY", 2)  # 3 sequences: a batch of 2 and one of 1
        batched = inventory(conn, rows=False)["sequence_state"]
    assert len(whole) == 3
    assert list(batched.items()) == list(whole.items())  # the same values, in the same (name) order


def test_rows_are_counted_in_batches_with_the_same_result(
    pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        whole = row_counts(conn)
        monkeypatch.setattr(db_inventory, "TABLES_PER_QUERY", 3)  # 4 tables: a batch of 3 and one of 1
        batched = row_counts(conn)
        assert row_counts(conn, []) == {}
    assert len(whole) == 4 and len(set(whole.values())) == 4
    assert list(batched.items()) == list(whole.items())  # the same counts, in the same order


def test_compare_inventories_names_every_difference(pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        before = inventory(conn)
        assert compare_inventories(before, inventory(conn)) == []
        conn.execute('DELETE FROM "sales dept"."Order Lines" WHERE id = 1')
        conn.execute("SELECT nextval('public.unused_seq')")
        conn.execute("DROP INDEX public.events_at_idx")
        conn.execute("CREATE TABLE public.extra (x int)")
        try:
            after = inventory(conn)
        finally:
            conn.execute('INSERT INTO "sales dept"."Order Lines" (id, note, qty) VALUES (1, \'n1\', 1)')
            conn.execute("CREATE INDEX events_at_idx ON public.events (at)")
            conn.execute("DROP TABLE public.extra")
            conn.execute("ALTER SEQUENCE public.unused_seq RESTART")
    problems = compare_inventories(before, after)
    text = "\n".join(problems)
    assert "table sales dept.Order Lines: 36 rows, expected 37" in text
    assert "table public.extra: unexpected table" in text
    assert "sequence public.unused_seq" in text
    assert "indexes: 1, expected 4" in text


def test_manifest_round_trip_keeps_the_inventory(pg: PgCluster, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.db.manifest import Manifest, Source, TableCount

    monkeypatch.setenv("PGPASSWORD", pg.password)
    with pgtools.connect(db) as conn:
        inv = inventory(conn)
    tables, objects, sequences = manifest_parts(inv)
    manifest = Manifest(
        backup_id="20260101T000000Z-x",
        created_at="2026-01-01T00:00:00+00:00",
        completed_at="2026-01-01T00:00:00+00:00",
        data_as_of="2026-01-01T00:00:00+00:00",
        source=Source(kind="dsn", database="x", server_version="15", server_version_num=150000),
        pg_dump_version="15.0",
        compression="none",
        jobs=1,
        tables=[TableCount(s, n, r) for s, n, r in tables],
        objects=objects,
        sequences=sequences,
    )
    back = inventory_from_manifest(Manifest.from_json(manifest.to_json()))
    assert compare_inventories(back, inv) == []
    assert back["tables"] == inv["tables"]


def test_no_password_leaks_into_environment_helpers(pg: PgCluster) -> None:
    env = pgtools.client_env("pw-123", base={"PATH": os.environ.get("PATH", "")})
    assert env["PGPASSWORD"] == "pw-123"
    assert "PGPASSWORD" not in pgtools.client_env(None, base={})


def test_pgpassfile_is_honoured(pg: PgCluster, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg.port}:*:postgres:{pg.password}\n")
    passfile.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with pgtools.connect(db) as conn:
        assert pgtools.server_version(conn).major == 15
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "absent"))
    with pytest.raises(BadInput, match="password authentication failed"):
        pgtools.connect(db)
