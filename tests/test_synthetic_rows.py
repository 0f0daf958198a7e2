"""The catalog-driven row generator (``tests/synthetic_rows.py``) on constraints GitLab's schema
lacks (enums, domains, a unique boolean) or has only a few of: rows that the database accepts,
and a reason for every table it cannot fill."""

from __future__ import annotations

from contextlib import closing

from scripts.db import pgtools
from scripts.standins.localsvc import PgCluster
from tests.restore_support import create_db, drop_db
from tests.synthetic_rows import populate

SCHEMA = """
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN short_code AS varchar(3) CHECK (VALUE ~ '^[a-z]');
CREATE TABLE owners (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, mood mood NOT NULL,
                     code short_code, score numeric(4, 2), flag boolean UNIQUE);
CREATE TABLE events (partition_id int NOT NULL, id bigint NOT NULL, owner_id bigint REFERENCES owners,
                     parent_id bigint, kind text NOT NULL CHECK (kind IN ('push', 'merge')),
                     PRIMARY KEY (partition_id, id)) PARTITION BY LIST (partition_id);
CREATE TABLE events_100 PARTITION OF events FOR VALUES IN (100);
CREATE TABLE events_101 PARTITION OF events FOR VALUES IN (101);
CREATE TABLE notes (id bigserial PRIMARY KEY, partition_id int NOT NULL, event_id bigint NOT NULL,
                    project_id bigint, group_id bigint, body text,
                    FOREIGN KEY (partition_id, event_id) REFERENCES events,
                    CHECK (num_nonnulls(project_id, group_id) = 1));
CREATE UNIQUE INDEX one_open_note ON notes (event_id) WHERE body IS NULL;
CREATE TABLE buckets (owner_id bigint NOT NULL REFERENCES owners, slot int NOT NULL) PARTITION BY HASH (slot);
CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE buckets_1 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE chain (id bigint PRIMARY KEY, before_id bigint NOT NULL REFERENCES chain);
"""


def test_rows_respect_the_constraints_and_every_empty_table_says_why(pg: PgCluster) -> None:
    db = create_db(pg, "synthetic_rows")
    try:
        pg.psql(SCHEMA, db)
        with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
            filled = populate(conn, 6)

        # the unique boolean allows two rows (and NULLs); the rest get what was asked
        assert filled.rows["public.owners"] >= 2
        for table in ("events_100", "events_101", "notes", "buckets_0", "buckets_1"):
            assert filled.rows[f"public.{table}"] >= 1, filled.empty
        # a NOT NULL reference to itself cannot be filled from nothing: empty, with the reason
        assert set(filled.empty) == {"public.chain"}
        assert "chain" in filled.empty["public.chain"]
        assert sum(filled.rows.values()) == filled.total
        assert pg.psql("SELECT count(DISTINCT mood) > 1 FROM owners", db) == "t"
        # the sequences advanced as the application's inserts would have advanced them
        assert pg.psql("SELECT last_value FROM owners_id_seq", db) == pg.psql("SELECT max(id) FROM owners", db)
    finally:
        drop_db(pg, db)
