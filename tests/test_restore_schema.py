"""The schema step: pg_restore's pre-data script, run in batches on one connection, against a
real server, and compared with what pg_restore restores itself."""

from __future__ import annotations

import re
import subprocess
import threading
from pathlib import Path

import pytest

from scripts.db import pgtools
from scripts.db.restore import schema
from scripts.db.restore.errors import BadBackup
from scripts.output import CheckFailed
from scripts.standins.localsvc import PgCluster

SOURCE = """
CREATE SCHEMA "sales data";
CREATE TYPE "sales data".mood AS ENUM ('low', 'high');
CREATE TABLE "sales data"."Customer" (id bigint PRIMARY KEY, m "sales data".mood DEFAULT 'high', note text);
CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- a body line that reads like pg_dump's psql-only guard: it must reach the server untouched
CREATE FUNCTION "sales data".touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, '
\\restrict abc');
  RETURN NEW;
END $$;
CREATE VIEW "sales data".happy AS SELECT id FROM "sales data"."Customer" WHERE m = 'high';
COMMENT ON TABLE "sales data"."Customer" IS 'customers – ünïcödé';
CREATE ROLE schema_step_reader;
GRANT USAGE ON SCHEMA "sales data" TO schema_step_reader;
GRANT SELECT ON "sales data"."Customer" TO schema_step_reader;
ALTER TABLE events_2025 SET (autovacuum_enabled = false);
"""
GUARD = re.compile(r"\\(?:un)?restrict [A-Za-z0-9]+")


@pytest.fixture(scope="module")
def dump(pg: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pg.psql("DROP DATABASE IF EXISTS schema_src WITH (FORCE)")
    pg.psql("DROP ROLE IF EXISTS schema_step_reader")
    pg.psql("CREATE DATABASE schema_src")
    pg.psql(SOURCE, "schema_src")
    out = tmp_path_factory.mktemp("schema") / "dump"
    subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "-Fd", "-f", str(out), pg.dsn("schema_src")],
        env=pg.env(),
        check=True,
        capture_output=True,
    )
    return out


def _script(pg: PgCluster, dump: Path) -> bytes:
    argv = [str(pg.bin_dir / "pg_restore"), "--section=pre-data", "-f", "-", str(dump)]
    return schema.read_script(schema.start_script(argv, pg.env()))


def _fresh(pg: PgCluster, db: str) -> None:
    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {db}")


def _schema_of(pg: PgCluster, db: str) -> str:
    out = subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "-s", pg.dsn(db)], env=pg.env(), check=True, capture_output=True, text=True
    ).stdout
    return "\n".join(line for line in out.splitlines() if not GUARD.fullmatch(line))


def _run(pg: PgCluster, db: str, script: bytes) -> None:
    step = schema.SchemaStep(
        script, lambda: pgtools.connect(pg.dsn(db), pg.password), "SET synchronous_commit = 'off';\n", threading.Event()
    )
    step.start()
    step.wait().close()


def test_the_script_restores_the_schema_pg_restore_restores(pg: PgCluster, dump: Path) -> None:
    script = _script(pg, dump)
    pieces = schema.split_script(script)
    # the preamble, then one piece per entry; pg_dump's psql-only guard lines are gone, not the body's
    assert pieces[0].lstrip().startswith(b"--") and b"SET standard_conforming_strings" in pieces[0]
    assert not any(line.startswith(b"\\") for p in (pieces[0], pieces[-1]) for line in p.splitlines())
    assert b"\n\\restrict abc');" in b"".join(pieces)
    assert schema.describe(next(p for p in pieces if b'CREATE TABLE "sales data"' in p)) == (
        "TABLE sales data.Customer"
    )
    _fresh(pg, "schema_ours")
    _fresh(pg, "schema_theirs")
    small = schema.BATCH_PIECES
    try:
        schema.BATCH_PIECES = 3  # several batches, so the session settings must carry from one to the next
        _run(pg, "schema_ours", script)
    finally:
        schema.BATCH_PIECES = small
    subprocess.run(
        [str(pg.bin_dir / "pg_restore"), "--section=pre-data", "-d", pg.dsn("schema_theirs"), str(dump)],
        env=pg.env(),
        check=True,
        capture_output=True,
    )

    ours = _schema_of(pg, "schema_ours")
    assert ours == _schema_of(pg, "schema_theirs")
    assert 'GRANT SELECT ON TABLE "sales data"."Customer" TO schema_step_reader' in ours
    assert "customers – ünïcödé" in ours and "autovacuum_enabled='false'" in ours


def test_a_failing_entry_is_named_and_nothing_after_it_runs(pg: PgCluster, dump: Path) -> None:
    script = _script(pg, dump)
    _fresh(pg, "schema_clash")
    # the schema exists already: its entry (the first) fails, and nothing after it runs
    pg.psql('CREATE SCHEMA "sales data"; CREATE TABLE "sales data".happy (x int)', "schema_clash")

    with pytest.raises(CheckFailed) as err:
        _run(pg, "schema_clash", script)

    assert err.value.message.startswith("restoring the schema failed at SCHEMA sales data: ")
    assert 'schema "sales data" already exists' in err.value.message
    assert pg.psql("SELECT count(*) FROM pg_type WHERE typname = 'mood'", "schema_clash") == "0"


def test_a_batch_that_fails_runs_again_entry_by_entry_to_name_the_entry(pg: PgCluster, dump: Path) -> None:
    script = _script(pg, dump)
    _fresh(pg, "schema_late")
    pg.psql('CREATE SCHEMA "sales data"', "schema_late")
    pg.psql('CREATE VIEW "sales data".happy AS SELECT 1 AS id', "schema_late")
    pieces = schema.split_script(script)
    without_schema = b"".join(p for p in pieces if schema.describe(p) != "SCHEMA sales data")

    with pytest.raises(CheckFailed) as err:
        _run(pg, "schema_late", without_schema)  # one batch: the failing view is in its middle

    assert err.value.message.startswith("restoring the schema failed at VIEW sales data.happy: ")
    # what came before the view in that batch ran again on its own and stayed
    assert pg.psql("SELECT count(*) FROM pg_class WHERE relname = 'Customer'", "schema_late") == "1"


def test_an_archive_pg_restore_cannot_read_is_a_bad_backup(pg: PgCluster, tmp_path: Path) -> None:
    (tmp_path / "toc.dat").write_bytes(b"not an archive")
    with pytest.raises(BadBackup, match=r"pg_restore cannot read toc\.dat"):
        argv = [str(pg.bin_dir / "pg_restore"), "--section=pre-data", "-f", "-", str(tmp_path)]
        schema.read_script(schema.start_script(argv, pg.env()))


def test_batches_keep_order_and_bound_entries_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "BATCH_PIECES", 2)
    monkeypatch.setattr(schema, "BATCH_BYTES", 10)
    pieces = [b"a" * 3, b"b" * 3, b"c" * 3, b"d" * 20, b"e"]
    assert schema.batches(pieces) == [[b"aaa", b"bbb"], [b"ccc"], [b"d" * 20], [b"e"]]
