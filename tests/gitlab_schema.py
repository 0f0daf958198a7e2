"""A real application's database: a subset of GitLab's ``db/structure.sql`` (see
``tests/data/gitlab/README.md``), with two owners and grants, filled with synthetic rows.

Used by the real-schema round trip (``tests/test_restore_realschema.py``) and by the
``gitlab`` shape of ``bench/db.py``.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from scripts.db import pgtools
from scripts.standins.localsvc import PgCluster
from tests.synthetic_rows import Filled, populate

DATA = Path(__file__).resolve().parent / "data" / "gitlab"
STRUCTURE = DATA / "structure.sql"
OVERLAY = DATA / "overlay.sql"
ROLES = ("gitlab", "gitlab_ci", "gitlab_readonly")


def create_roles(pg: PgCluster) -> None:
    """The overlay's roles, cluster-wide (a backup ships them; a restore creates them on its
    target). NOLOGIN: they own and are granted, nobody logs in as them here."""
    for role in ROLES:
        pg.psql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN"
            f" CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )


def load(pg: PgCluster, db: str, rows: int) -> Filled:
    """Create ``db`` (dropped first) holding the schema, the overlay and ``rows`` rows per table."""
    pg.psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    pg.psql(f"CREATE DATABASE \"{db}\" TEMPLATE template0 ENCODING 'UTF8'")
    return fill(pg, db, rows)


def fill(pg: PgCluster, db: str, rows: int) -> Filled:
    """Load the schema and the overlay into the empty database ``db``, then ``rows`` rows per table."""
    create_roles(pg)
    with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
        with conn.transaction():  # one transaction: thousands of statements, one commit
            conn.execute(STRUCTURE.read_text(encoding="utf-8"))
            conn.execute(OVERLAY.read_text(encoding="utf-8"))
        return populate(conn, rows)
