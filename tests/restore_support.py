"""Shared pieces of the restore tests: backups made the way ``backup create`` makes them, and
ways to compare two databases (normalised schema dump, per-table checksums, large objects)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import subprocess
import tempfile
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.db import pgtools
from scripts.db.inventory import inventory, manifest_parts, user_tables
from scripts.db.manifest import FileEntry, Manifest, Source, TableCount, file_key, manifest_key, new_backup_id
from scripts.db.storage import open_store, sha256_file
from scripts.standins.localsvc import PgCluster


def new_bucket(gcs_env: Any) -> str:
    """A fresh bucket in the GCS emulator; returns its gs:// URL."""
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    name = f"restore-{uuid.uuid4().hex[:10]}"
    storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials()).create_bucket(name)
    return f"gs://{name}/db"


@dataclass
class Dump:
    """A ``pg_dump -Fd -Z1 -j2`` of one database and what a manifest says of it."""

    dir: Path
    files: list[FileEntry]
    parts: tuple[Any, Any, Any]  # tables, objects, sequences (manifest_parts)
    version: Any
    dump_version: str


def dump_database(pg: PgCluster, db: str, out: Path) -> Dump:
    proc = subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "-Fd", "-Z1", "-j2", "-f", str(out), pg.dsn(db)],
        env=pg.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
        inv = inventory(conn)
        version = pgtools.server_version(conn)
    files = [
        FileEntry(path.relative_to(out).as_posix(), path.stat().st_size, sha256_file(path))
        for path in sorted(out.rglob("*"))
    ]
    dump_version = subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return Dump(out, files, manifest_parts(inv), version, dump_version)


class FrozenDumps:
    """Dumps of databases that do not change while this lives: each is dumped once, then shipped as
    many backups as asked (each its own copy in the store, free to be damaged)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._dumps: dict[tuple[int, str], Dump] = {}

    def get(self, pg: PgCluster, db: str) -> Dump:
        key = (pg.port, db)
        if key not in self._dumps:
            self._dumps[key] = dump_database(pg, db, self.root / f"{pg.port}-{db}")
        return self._dumps[key]


def make_backup(
    pg: PgCluster,
    db: str,
    url: str,
    *,
    minutes_ago: int = 0,
    label: str = "test",
    frozen: FrozenDumps | None = None,
) -> Manifest:
    """pg_dump -Fd (gzip 1) + inventory + files + manifest written last, in the backup layout.

    With ``frozen`` (``db`` does not change), the database's one dump is shipped again under a new id."""
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    backup_id = new_backup_id(label, now)
    store = open_store(url)
    with tempfile.TemporaryDirectory(prefix="kaleo-test-dump-") as tmp:
        dump = frozen.get(pg, db) if frozen is not None else dump_database(pg, db, Path(tmp) / "dump")
        for entry in dump.files:
            store.put_file(file_key(backup_id, entry.path), dump.dir / entry.path)
    tables, objects, sequences = copy.deepcopy(dump.parts)  # this manifest's own, free to be edited
    manifest = Manifest(
        backup_id=backup_id,
        created_at=now.isoformat(),
        completed_at=now.isoformat(),
        data_as_of=now.isoformat(),
        source=Source("dsn", db, dump.version.text, dump.version.num, host="127.0.0.1"),
        pg_dump_version=dump.dump_version,
        compression="gzip:1",
        jobs=2,
        files=copy.deepcopy(dump.files),
        tables=[TableCount(s, n, r) for s, n, r in tables],
        objects=objects,
        sequences=sequences,
        total_bytes=sum(f.size for f in dump.files),
    )
    store.put_bytes(manifest_key(backup_id), manifest.to_json().encode())
    return manifest


def create_db(pg: PgCluster, name: str) -> str:
    pg.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg.psql(f'DROP DATABASE IF EXISTS "{name}__kaleo_restore" WITH (FORCE)')
    pg.psql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    return name


def drop_db(pg: PgCluster, name: str) -> None:
    pg.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg.psql(f'DROP DATABASE IF EXISTS "{name}__kaleo_restore" WITH (FORCE)')


# -- comparing databases --------------------------------------------------------------------------

_NOISE = re.compile(r"^(--.*|SET .*|SELECT pg_catalog\.set_config.*|\\(un)?restrict .*)$")


def schema_dump(pg: PgCluster, db: str) -> str:
    """``pg_dump --schema-only``, without comments, SET lines and blank runs (normalised)."""
    proc = subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "--schema-only", pg.dsn(db)],
        env=pg.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line for line in proc.stdout.splitlines() if not _NOISE.match(line)]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()


def table_checksums(pg: PgCluster, db: str) -> dict[str, tuple[int, str]]:
    """schema.table -> (rows, md5 of every row's text in a total order)."""
    out: dict[str, tuple[int, str]] = {}
    with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
        for schema, name in user_tables(conn):
            rel = f"{pgtools.quote_ident(schema)}.{pgtools.quote_ident(name)}"
            row = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\"), ''))"
                f" FROM ONLY {rel} t"
            ).fetchone()
            assert row is not None
            out[f"{schema}.{name}"] = (int(row[0]), str(row[1]))
        for schema, name, populated in conn.execute(
            """SELECT n.nspname, c.relname, c.relispopulated FROM pg_class c
               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm'"""
        ).fetchall():
            if not populated:
                out[f"matview {schema}.{name}"] = (-1, "not populated")
                continue
            rel = f"{pgtools.quote_ident(schema)}.{pgtools.quote_ident(name)}"
            row = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\"), ''))"
                f" FROM {rel} t"
            ).fetchone()
            assert row is not None
            out[f"matview {schema}.{name}"] = (int(row[0]), str(row[1]))
    return out


def large_objects(pg: PgCluster, db: str) -> dict[int, str]:
    with closing(pgtools.connect(pg.dsn(db), pg.password)) as conn:
        rows = conn.execute("SELECT oid, md5(lo_get(oid)) FROM pg_largeobject_metadata ORDER BY oid").fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
