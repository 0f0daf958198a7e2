"""Which pg_dump compression should ``kaleo-dr backup create`` use? Measured, in one run.

Builds a data set of several table shapes (narrow numeric rows with a foreign key and
indexes, jsonb/text events, customers, high-entropy bytea) in a throwaway PostgreSQL 15,
then for each compression level measures

* ``pg_dump -Fd -j2 -Z<level>`` to local disk (time, size), and
* ``kaleo-dr backup create --compress <level>`` to the GCS emulator (time, size),

and prints every figure as a ratio against the plain ``pg_dump -Fd -j2`` with pg_dump's
default compression (gzip level 6) measured in the same run.

Usage: ``python bench/backup_compression.py [--scale 1.0]`` (scale 1.0 is about 1 GB of
table data; the default 0.4 keeps a run at a few minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.backup import create_backup
from scripts.localsvc import GcsEmulator, PgCluster, env_vars


def build(pg: PgCluster, db: str, scale: float) -> None:
    n_orders = int(6_000_000 * scale)
    n_events = int(1_500_000 * scale)
    n_customers = int(300_000 * scale)
    n_blobs = int(400_000 * scale)
    pg.psql(
        f"""
        CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, created timestamptz);
        INSERT INTO customers SELECT g, 'Customer ' || g, 'c' || g || '@example.com', now() - g * interval '1 min'
          FROM generate_series(1, {n_customers}) g;
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
          amount numeric(12,2), status smallint, created timestamptz);
        INSERT INTO orders SELECT g, 1 + (g::bigint * 7919) % {n_customers}, (g % 100000) / 100.0, g % 5,
          now() - (g % 1000000) * interval '1 s' FROM generate_series(1, {n_orders}) g;
        CREATE INDEX ON orders (customer_id);
        CREATE TABLE events (id bigserial PRIMARY KEY, kind text, payload jsonb, note text);
        INSERT INTO events (kind, payload, note) SELECT 'kind' || (g % 17),
          jsonb_build_object('user', g % 5000, 'path', '/app/page/' || (g % 300), 'ms', g % 997),
          md5(g::text) || ' ' || repeat('lorem ipsum ', 1 + g % 6) FROM generate_series(1, {n_events}) g;
        CREATE INDEX ON events (kind);
        CREATE TABLE attachments (id int PRIMARY KEY, data bytea);
        INSERT INTO attachments SELECT g, decode(md5(g::text) || md5((g * 31)::text) || md5((g * 97)::text), 'hex')
          FROM generate_series(1, {n_blobs}) g;
        """,
        db,
    )
    pg.psql("VACUUM ANALYZE", db)


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain_dump(pg: PgCluster, db: str, level: int | None, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    argv = [str(pg.bin_dir / "pg_dump"), "-Fd", "-j2", "-f", str(out), pg.dsn(db)]
    if level is not None:
        argv.insert(2, f"-Z{level}")
    t0 = time.monotonic()
    subprocess.run(argv, env=pg.env(), check=True)
    seconds = time.monotonic() - t0
    size = dir_size(out)
    shutil.rmtree(out, ignore_errors=True)
    return seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.4)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kaleo-bench-comp-"))
    with PgCluster("bench") as pg, GcsEmulator() as gcs, env_vars({**gcs.gcs_env(), "PGPASSWORD": pg.password}):
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage

        db = "bench"
        pg.create_database(db)
        t0 = time.monotonic()
        build(pg, db, args.scale)
        size = pg.psql("SELECT pg_database_size('bench')", db)
        print(f"data set: {int(size) / 2**20:.0f} MiB (built in {time.monotonic() - t0:.0f}s)")
        client = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())
        base_s, base_b = plain_dump(pg, db, None, work / "dump")
        print(f"baseline pg_dump -Fd -j2 (default gzip 6): {base_s:.1f}s, {base_b / 2**20:.0f} MiB")
        print(f"{'variant':44} {'seconds':>8} {'MiB':>7} {'time ratio':>11} {'size ratio':>11}")
        for level in (0, 1, 6):
            s, b = plain_dump(pg, db, level, work / "dump")
            print(
                f"{'pg_dump -Fd -j2 -Z' + str(level) + ' (local disk)':44} {s:8.1f} {b / 2**20:7.0f} "
                f"{s / base_s:11.2f} {b / base_b:11.2f}"
            )
            bucket = f"bench-{uuid.uuid4().hex[:8]}"
            client.create_bucket(bucket)
            comp = "none" if level == 0 else f"gzip:{level}"
            r = create_backup(pg.dsn(db), [f"gs://{bucket}/db"], jobs=2, compression=comp, tmp_dir=work)
            print(
                f"{'kaleo-dr backup create --compress ' + comp + ' (GCS emu)':44} {r['seconds']:8.1f} "
                f"{r['bytes'] / 2**20:7.0f} {r['seconds'] / base_s:11.2f} {r['bytes'] / base_b:11.2f}"
            )
    shutil.rmtree(work, ignore_errors=True)
    os.sync()


if __name__ == "__main__":
    main()
