"""Which pg_dump compression should ``kaleo-dr backup create`` use? Measured, in one run.

Builds a data set of several table shapes (narrow numeric rows with a foreign key and
indexes, jsonb/text events, customers, high-entropy bytea) in a throwaway PostgreSQL 15,
then for each compression level measures

* ``pg_dump -Fd -j2 -Z<level>`` to local disk (time, size), and
* ``kaleo-dr backup create --compress <level>`` to the GCS emulator (time, size),

and prints every figure as a ratio against the plain ``pg_dump -Fd -j2`` with pg_dump's
default compression (gzip level 6) measured in the same run.

Usage: ``python bench/backup_compression.py [--scale 1.0] [--repeat 2] [--restore]`` (scale
1.0 is about 1 GB of table data; the default 0.4 keeps a run at a few minutes on 2 cores;
``--restore`` also times ``pg_restore -j2`` of each level, the restore-time cost of the choice).
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

from scripts.db.backup import create_backup
from scripts.standins.localsvc import GcsEmulator, PgCluster, env_vars


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


def plain_restore(pg: PgCluster, src_db: str, level: int, work: Path) -> float:
    """pg_dump -Z<level> to disk, then time pg_restore -j2 of it into a fresh database."""
    out = work / "rdump"
    shutil.rmtree(out, ignore_errors=True)
    dump = [str(pg.bin_dir / "pg_dump"), "-Fd", "-j2", f"-Z{level}", "-f", str(out), pg.dsn(src_db)]
    subprocess.run(dump, env=pg.env(), check=True)
    target = f"r_{uuid.uuid4().hex[:8]}"
    pg.create_database(target)
    pg.psql("CHECKPOINT")
    os.sync()
    t0 = time.monotonic()
    subprocess.run([str(pg.bin_dir / "pg_restore"), "-j2", "-d", pg.dsn(target), str(out)], env=pg.env(), check=True)
    seconds = time.monotonic() - t0
    pg.psql(f'DROP DATABASE "{target}"')
    shutil.rmtree(out, ignore_errors=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.4)
    parser.add_argument("--repeat", type=int, default=2, help="runs per variant; the fastest counts (shared machine)")
    parser.add_argument("--restore", action="store_true", help="also time pg_restore -j2 of each level")
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
        print(f"data set: {int(size) / 2**20:.0f} MiB (built in {time.monotonic() - t0:.0f}s)", flush=True)
        client = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())
        best: dict[str, tuple[float, int]] = {}

        def keep(name: str, seconds: float, size: int) -> None:
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, size)

        def settle() -> None:
            # Let the previous step's writes reach the disk so that they do not slow the next one.
            pg.psql("CHECKPOINT")
            os.sync()

        for _ in range(max(1, args.repeat)):
            settle()
            keep("baseline", *plain_dump(pg, db, None, work / "dump"))
            for level in (0, 1, 6):
                settle()
                keep(f"pg_dump -Fd -j2 -Z{level} (local disk)", *plain_dump(pg, db, level, work / "dump"))
                bucket = f"bench-{uuid.uuid4().hex[:8]}"
                client.create_bucket(bucket)
                comp = "none" if level == 0 else f"gzip:{level}"
                settle()
                r = create_backup(pg.dsn(db), [f"gs://{bucket}/db"], jobs=2, compression=comp, tmp_dir=work)
                keep(f"kaleo-dr backup create --compress {comp} (GCS emu)", r["seconds"], r["bytes"])
        if args.restore:
            for _ in range(max(1, args.repeat)):
                for level in (0, 1, 6):
                    settle()
                    keep(f"pg_restore -j2 of a -Z{level} dump (local disk)", plain_restore(pg, db, level, work), 0)
        base_s, base_b = best.pop("baseline")
        print(f"baseline pg_dump -Fd -j2 (default gzip 6): {base_s:.1f}s, {base_b / 2**20:.0f} MiB")
        print(f"{'variant':48} {'seconds':>8} {'MiB':>7} {'time ratio':>11} {'size ratio':>11}")
        for name, (s, b) in best.items():
            sizes = f"{b / 2**20:7.0f} " if b else f"{'-':>7} "
            ratio = f"{b / base_b:11.2f}" if b else f"{'-':>11}"
            print(f"{name:48} {s:8.1f} {sizes}{s / base_s:11.2f} {ratio}")
    shutil.rmtree(work, ignore_errors=True)
    os.sync()


if __name__ == "__main__":
    main()
