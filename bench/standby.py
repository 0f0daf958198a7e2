"""Standby benchmark: replication lag under a sustained write load, and initial sync against restore.

One run, same machine, two throwaway clusters (production with wal_level=logical, standby):

* **lag**: a writer commits small transactions (one INSERT each) at ``--rate`` per second for
  ``--seconds``; an observer polls the standby every 5 ms for the highest replicated id. Each
  commit's lag is the moment it was first seen on the standby minus the moment production
  acknowledged it (same clock). Reports p50/p99/max and the achieved rate. Goal: p99 < 2 s.
* **initial sync vs restore**: the ``current`` shape of ``bench/db_shapes.py`` (``--size-mb``) is copied by
  ``kaleo-dr standby setup`` (schema dump + subscription, until every table is ready) and, as
  the baseline, restored by ``pg_restore -j2`` from a ``pg_dump -Fd -j2`` on local disk into a
  fresh database of the standby cluster. Reports both times and the ratio sync / restore.

Usage::

    .venv/bin/python bench/standby.py                          # 600 tx/s for 30 s, 200 MB
    .venv/bin/python bench/standby.py --rate 800 --seconds 60 --size-mb 500 --json
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
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db_shapes import build  # noqa: E402
from scripts.config import parse_config  # noqa: E402
from scripts.db.standby.setup import drop, setup  # noqa: E402
from scripts.standins.localsvc import PgCluster, env_vars  # noqa: E402
from scripts.standins.pgpair import clusters, password_env, standby_config  # noqa: E402


def _config(source: PgCluster, standby: PgCluster, db: str, state: Path) -> Any:
    return parse_config({"state": {"dir": str(state)}, "standby": standby_config(source, standby, db)})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def lag_run(source: PgCluster, standby: PgCluster, state: Path, rate: float, seconds: float) -> dict[str, Any]:
    import psycopg

    db = "lagbench"
    source.create_database(db)
    standby.create_database(db)
    source.psql("CREATE TABLE ticks (id bigint PRIMARY KEY, note text NOT NULL)", db)
    cfg = _config(source, standby, db, state)
    setup(cfg, replica_identity_full=[], as_json=True)
    acked: dict[int, float] = {}
    seen: dict[int, float] = {}
    stop = threading.Event()

    def observe() -> None:
        with psycopg.connect(standby.dsn(db), password=standby.password, autocommit=True) as conn:
            high = 0
            while not stop.is_set() or high < max(acked, default=0):
                row = conn.execute("SELECT coalesce(max(id), 0) FROM ticks").fetchone()
                now = time.monotonic()
                top = int(row[0]) if row else 0
                for i in range(high + 1, top + 1):
                    seen[i] = now
                high = max(high, top)
                if stop.is_set() and time.monotonic() > stop_at + 30:
                    return
                time.sleep(0.005)

    stop_at = float("inf")
    observer = threading.Thread(target=observe, daemon=True)
    observer.start()
    with psycopg.connect(source.dsn(db), password=source.password, autocommit=True) as conn:
        t0 = time.monotonic()
        n = 0
        while True:
            now = time.monotonic()
            if now - t0 >= seconds:
                break
            due = t0 + n / rate
            if due > now:
                time.sleep(due - now)
            n += 1
            conn.execute("INSERT INTO ticks VALUES (%s, 'tick')", (n,))
            acked[n] = time.monotonic()
        elapsed = time.monotonic() - t0
    stop_at = time.monotonic()
    stop.set()
    observer.join(60)
    lags = [seen[i] - acked[i] for i in acked if i in seen]
    drop(cfg)
    return {
        "target_rate": rate,
        "commits": n,
        "achieved_rate": round(n / elapsed, 1),
        "seen_on_standby": len(lags),
        "lag_p50_s": round(percentile(lags, 0.50), 4),
        "lag_p99_s": round(percentile(lags, 0.99), 4),
        "lag_max_s": round(max(lags), 4),
        "lag_mean_s": round(statistics.fmean(lags), 4),
    }


def sync_vs_restore(source: PgCluster, standby: PgCluster, state: Path, size_mb: int) -> dict[str, Any]:
    db = "syncbench"
    built = build(source, "current", db, size_mb / 1024)
    bindir = source.bin_dir
    work = Path(tempfile.mkdtemp(prefix="kaleo-standby-bench-"))
    try:
        env = dict(os.environ, PGPASSWORD=source.password)
        t = time.monotonic()
        subprocess.run(
            [str(bindir / "pg_dump"), "-Fd", "-j2", "-f", str(work / "dump"), "-d", source.dsn(db)], env=env, check=True
        )
        dump_s = time.monotonic() - t
        standby.psql("CREATE DATABASE restored")
        env = dict(os.environ, PGPASSWORD=standby.password)
        t = time.monotonic()
        subprocess.run(
            [str(bindir / "pg_restore"), "-j2", "-d", standby.dsn("restored"), str(work / "dump")], env=env, check=True
        )
        restore_s = time.monotonic() - t
    finally:
        shutil.rmtree(work, ignore_errors=True)
    standby.create_database(db)
    cfg = _config(source, standby, db, state)
    t = time.monotonic()
    result = setup(cfg, replica_identity_full=[], as_json=True)
    sync_s = time.monotonic() - t
    drop(cfg)
    return {
        "size_mb": size_mb,
        "table_bytes": built["table_bytes"],
        "pg_dump_s": round(dump_s, 2),
        "pg_restore_s": round(restore_s, 2),
        "initial_sync_s": round(sync_s, 2),
        "sync_over_restore": round(sync_s / restore_s, 3),
        "sync_over_dump_plus_restore": round(sync_s / (dump_s + restore_s), 3),
        "binary": result["binary"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=600.0, help="target small transactions per second")
    ap.add_argument("--seconds", type=float, default=30.0, help="length of the write load")
    ap.add_argument("--size-mb", type=int, default=200, help="size of the 'current' data set for the initial sync")
    ap.add_argument("--skip-sync", action="store_true", help="measure the lag only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    source, standby = clusters()
    state = Path(tempfile.mkdtemp(prefix="kaleo-standby-state-"))
    with source, standby, env_vars(password_env(source, standby)):
        print(f"lag: {args.rate:.0f} tx/s for {args.seconds:.0f}s", file=sys.stderr)
        figures: dict[str, Any] = {"lag": lag_run(source, standby, state, args.rate, args.seconds)}
        if not args.skip_sync:
            print(f"initial sync vs restore: {args.size_mb} MB", file=sys.stderr)
            figures["sync"] = sync_vs_restore(source, standby, state, args.size_mb)
    shutil.rmtree(state, ignore_errors=True)
    figures["goal_p99_lt_2s"] = figures["lag"]["lag_p99_s"] < 2.0
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        lag = figures["lag"]
        print(
            f"lag at {lag['achieved_rate']} tx/s ({lag['commits']} commits): p50 {lag['lag_p50_s']}s, "
            f"p99 {lag['lag_p99_s']}s, max {lag['lag_max_s']}s (goal p99 < 2 s: {figures['goal_p99_lt_2s']})"
        )
        if "sync" in figures:
            s = figures["sync"]
            print(
                f"initial sync {s['initial_sync_s']}s vs pg_restore -j2 {s['pg_restore_s']}s "
                f"(ratio {s['sync_over_restore']}; pg_dump -j2 {s['pg_dump_s']}s)"
            )


if __name__ == "__main__":
    main()
