"""Database continuity benchmark: kaleo-dr backup/restore against plain pg_dump/pg_restore.

One run, same machine, same data:

* backup:  ``pg_dump -Fd -j2`` to local disk  vs  ``kaleo-dr backup create --jobs 2`` to the
  GCS emulator (dump, sha256, upload, manifest);
* restore: ``pg_restore -j2`` of the same backup's files from local disk into a fresh
  database  vs  ``kaleo-dr restore --jobs 2`` from the GCS emulator (download, sha256,
  restore, validation, swap) into a fresh database.

It prints both ratios (kaleo-dr / plain); targets: backup <= 1.10, restore <= 1.00.

The data set (default 1024 MB of table data, ``--size-mb`` to change) is generated
server-side with generate_series in a throwaway PostgreSQL cluster: wide text rows, narrow
numeric rows, jsonb documents and a parent table, with primary keys, secondary indexes
and foreign keys. Usage::

    .venv/bin/python bench/db.py                 # full size (about 5-10 minutes on 2 cores)
    .venv/bin/python bench/db.py --size-mb 200   # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.db.manifest import Manifest, file_key, manifest_key  # noqa: E402
from scripts.db.storage import open_store  # noqa: E402
from scripts.standins.localsvc import GcsEmulator, PgCluster, env_vars  # noqa: E402

# Share of the table data per table, and the approximate bytes per row on disk.
SHAPES = {"customers": (0.05, 120), "documents": (0.40, 330), "measurements": (0.30, 75), "events": (0.25, 230)}


def build_dataset(pg: PgCluster, db: str, size_mb: int) -> dict[str, Any]:
    rows = {name: max(1000, int(size_mb * 1024 * 1024 * share / width)) for name, (share, width) in SHAPES.items()}
    pg.psql(f"CREATE DATABASE {db}")
    pg.psql(
        f"""
        CREATE TABLE customers (
            id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, country char(2), created_at timestamptz);
        INSERT INTO customers
            SELECT g, 'Customer ' || g, 'c' || g || '@example.com', (ARRAY['FR','DE','US','GB','ES'])[1 + g % 5],
                   timestamptz '2020-01-01' + g * interval '1 minute'
            FROM generate_series(1, {rows["customers"]}) g;
        """,
        db,
    )
    pg.psql(
        f"""
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
        """,
        db,
    )
    pg.psql(
        f"""
        CREATE TABLE measurements (
            id bigint PRIMARY KEY, sensor int NOT NULL, taken_at timestamptz NOT NULL, value double precision,
            qty numeric(12, 2));
        INSERT INTO measurements
            SELECT g, g % 5000, timestamptz '2025-01-01' + g * interval '100 ms', random() * 1000,
                   (g % 100000) / 100.0
            FROM generate_series(1, {rows["measurements"]}) g;
        """,
        db,
    )
    pg.psql(
        f"""
        CREATE TABLE events (
            id bigint PRIMARY KEY, customer_id bigint REFERENCES customers(id), kind text NOT NULL, payload jsonb);
        INSERT INTO events
            SELECT g, 1 + g % {rows["customers"]}, (ARRAY['login','order','refund','visit'])[1 + g % 4],
                   jsonb_build_object('n', g, 'ip', '10.0.' || (g % 255) || '.' || (g % 253),
                                      'agent', 'Mozilla/5.0 ' || md5(g::text),
                                      'items', jsonb_build_array(g % 97, g % 89, md5((g * 5)::text)),
                                      'total', (g % 10000) / 100.0)
            FROM generate_series(1, {rows["events"]}) g;
        """,
        db,
    )
    pg.psql(
        """
        CREATE INDEX documents_customer_idx ON documents (customer_id);
        CREATE INDEX documents_updated_idx ON documents (updated_at);
        CREATE INDEX measurements_sensor_idx ON measurements (sensor, taken_at);
        CREATE INDEX events_customer_idx ON events (customer_id);
        CREATE INDEX events_kind_idx ON events (kind, (payload ->> 'total'));
        """,
        db,
    )
    pg.psql("VACUUM ANALYZE", db)
    tables = int(
        pg.psql(
            "SELECT sum(pg_table_size(oid)) FROM pg_class WHERE relname IN "
            "('customers','documents','measurements','events')",
            db,
        )
    )
    total = int(pg.psql(f"SELECT pg_database_size('{db}')", db))
    return {"rows": rows, "table_bytes": tables, "database_bytes": total}


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv[:3])} failed ({proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
        )
    return seconds, proc.stdout


def fetch_backup(url: str, backup_id: str, dest: Path) -> int:
    """Copy a backup's files from the store to a local pg_dump directory (not timed)."""
    store = open_store(url)
    manifest = Manifest.from_json(store.get_bytes(manifest_key(backup_id)))
    for fe in manifest.files:
        store.get_file(file_key(backup_id, fe.path), dest / fe.path)
    return sum(fe.size for fe in manifest.files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024, help="table data to generate (default 1024)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs on both sides (default 2)")
    parser.add_argument("--rounds", type=int, default=1, help="restore comparisons to run (alternating order)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    kaleo = [sys.executable, "-m", "scripts"]
    scratch = Path(tempfile.mkdtemp(prefix="kaleo-bench-db-"))
    figures: dict[str, Any] = {"size_mb": args.size_mb, "jobs": args.jobs}
    try:
        with PgCluster("bench") as pg, GcsEmulator() as gcs, env_vars(gcs.gcs_env()):
            from google.auth.credentials import AnonymousCredentials
            from google.cloud import storage

            bucket = f"bench-{uuid.uuid4().hex[:8]}"
            storage.Client(project="kaleo-dr-bench", credentials=AnonymousCredentials()).create_bucket(bucket)
            url = f"gs://{bucket}/db"
            env = {**pg.env(), **gcs.gcs_env(), "PYTHONWARNINGS": "ignore"}
            bin_dir = pg.bin_dir

            t = time.perf_counter()
            figures["dataset"] = build_dataset(pg, "bench", args.size_mb)
            figures["dataset"]["build_seconds"] = round(time.perf_counter() - t, 1)
            print(f"data set: {json.dumps(figures['dataset'])}", file=sys.stderr)

            # -- backup ----------------------------------------------------------------------
            plain_dir = scratch / "plain-dump"
            plain_backup, _ = timed(
                [str(bin_dir / "pg_dump"), "-Fd", f"-j{args.jobs}", "-f", str(plain_dir), pg.dsn("bench")], env
            )
            plain_bytes = sum(p.stat().st_size for p in plain_dir.iterdir())
            shutil.rmtree(plain_dir)
            kaleo_backup, out = timed(
                [
                    *kaleo,
                    "backup",
                    "create",
                    "--source-dsn",
                    pg.dsn("bench"),
                    "--to",
                    url,
                    "--jobs",
                    str(args.jobs),
                    "--json",
                ],
                env,
            )
            created = json.loads(out)
            backup_id = created["backup_id"]
            figures["backup"] = {
                "pg_dump_seconds": round(plain_backup, 2),
                "pg_dump_bytes": plain_bytes,
                "kaleo_seconds": round(kaleo_backup, 2),
                "kaleo_bytes": created["bytes"],
                "kaleo_compression": created.get("compression"),
                "ratio": round(kaleo_backup / plain_backup, 3),
            }
            print(f"backup: {json.dumps(figures['backup'])}", file=sys.stderr)

            # -- restore ---------------------------------------------------------------------
            local = scratch / "same-dump"
            local.mkdir()
            fetch_backup(url, backup_id, local)
            rounds: list[dict[str, Any]] = []
            for n in range(args.rounds):
                order = ["plain", "kaleo"] if n % 2 == 0 else ["kaleo", "plain"]
                result: dict[str, Any] = {"order": order}
                for which in order:
                    db = f"restored_{which}"
                    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
                    pg.psql("CHECKPOINT")
                    if which == "plain":
                        pg.psql(f"CREATE DATABASE {db}")
                        seconds, _ = timed(
                            [str(bin_dir / "pg_restore"), f"-j{args.jobs}", "-d", pg.dsn(db), str(local)], env
                        )
                        result["pg_restore_seconds"] = round(seconds, 2)
                    else:
                        seconds, out = timed(
                            [
                                *kaleo,
                                "restore",
                                "--from",
                                url,
                                "--backup-id",
                                backup_id,
                                "--target-dsn",
                                pg.dsn(db),
                                "--jobs",
                                str(args.jobs),
                                "--json",
                            ],
                            env,
                        )
                        result["kaleo_seconds"] = round(seconds, 2)
                        result["kaleo_phases"] = json.loads(out)["phases"]
                    # Drop it at once: autovacuum working on it would slow the next measurement down.
                    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
                result["ratio"] = round(result["kaleo_seconds"] / result["pg_restore_seconds"], 3)
                print(f"restore round {n + 1}: {json.dumps(result)}", file=sys.stderr)
                rounds.append(result)
            figures["restore"] = {
                "rounds": rounds,
                "pg_restore_seconds": statistics.median(r["pg_restore_seconds"] for r in rounds),
                "kaleo_seconds": statistics.median(r["kaleo_seconds"] for r in rounds),
                "ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
            }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if args.json:
        print(json.dumps(figures, indent=2))
        return
    ds = figures["dataset"]
    print(f"data set: {ds['table_bytes'] / 2**20:.0f} MB of tables, {ds['database_bytes'] / 2**20:.0f} MB database")
    b = figures["backup"]
    print(
        f"backup : pg_dump -Fd -j{args.jobs} local {b['pg_dump_seconds']:.1f}s ({b['pg_dump_bytes'] / 2**20:.0f} MB)"
        f" | kaleo-dr backup create -> GCS emulator {b['kaleo_seconds']:.1f}s ({b['kaleo_bytes'] / 2**20:.0f} MB,"
        f" {b['kaleo_compression']})  ratio {b['ratio']:.3f}  (target <= 1.10)"
    )
    r = figures["restore"]
    print(
        f"restore: pg_restore -j{args.jobs} local {r['pg_restore_seconds']:.1f}s"
        f" | kaleo-dr restore <- GCS emulator {r['kaleo_seconds']:.1f}s  ratio {r['ratio']:.3f}  (target <= 1.00)"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
