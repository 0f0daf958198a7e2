"""Database continuity benchmark: kaleo-dr backup/restore against plain pg_dump/pg_restore.

One run, same machine, same data, for each data shape (``--shape NAME`` or ``all``; the
shapes are in ``bench/db_shapes.py``):

* backup:  ``pg_dump -Fd -j2`` to local disk  vs  ``kaleo-dr backup create --jobs 2`` to the
  GCS emulator (dump, sha256, upload, manifest);
* restore: ``pg_restore -j2`` of the same backup's files from local disk into a fresh
  database, then ``vacuumdb --analyze-only -j2`` (what an operator must run before the
  database can serve: without statistics the first queries get default estimates)  vs
  ``kaleo-dr restore --jobs 2`` from the GCS emulator (download, sha256, restore, ANALYZE,
  validation, swap) into a fresh database.

It prints both ratios per shape (kaleo-dr / plain): backup (target <= 1.10) and restore
against pg_restore + vacuumdb (target <= 1.00, goal <= 0.90), and beside it the ratio
against pg_restore alone. ``--rounds N`` runs the backup pair and the restore pair N times
each, alternating which goes first, and reports medians. Each backup round also times a
Python process that only loads kaleo-dr's command line and psycopg: the least any kaleo-dr
command adds before its pg_dump can start. With a pg_dump as fast as the baseline's and
nothing else added, the backup ratio would be (pg_dump + that) / pg_dump: the floor printed
for the shape (the baseline's pg_dump syncs its files to disk and kaleo-dr's does not, so on
a slow file system kaleo-dr can go under it). Usage::

    .venv/bin/python bench/db.py --shape all --rounds 3     # every shape (about 13 minutes, quiet machine,
                                                            # about 25 GB free: nothing is deleted before the end)
    .venv/bin/python bench/db.py --shape gitlab --rounds 3  # a real application's schema (GitLab's)
    .venv/bin/python bench/db.py --shape dominant --scale 0.5  # a quick look at one shape
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

from bench.db_shapes import SHAPES, build  # noqa: E402
from bench.fsinfo import creation_cost, filesystem, slow_files_warning, warning  # noqa: E402
from scripts.db.backup import download_files  # noqa: E402
from scripts.db.manifest import Manifest, manifest_key  # noqa: E402
from scripts.db.storage import open_store  # noqa: E402
from scripts.standins.localsvc import GcsEmulator, PgCluster, env_vars  # noqa: E402

# KEEP_UNTIL_THE_END: no database, dump or folder is deleted before the run ends (the
# cluster and the scratch folder go at the end, in one piece). On ext4 without a journal
# (this machine's; bench/fsinfo.py says which file system the cluster is on), a new file
# skips every inode of its block group freed in the last 1-6 minutes, checking each one:
# after a dropped database of 5,000 files, each file created costs 0.3-0.6 ms instead of
# 0.02-0.1 ms, and how many it skips depends on where the allocator puts the new database.
# Dropping each restored copy before the next restore made the schema step of the
# 1,000-table shapes swing 0.5-2.3 s on both sides (bench/README.md, run G). Kept copies
# need autovacuum off, or it would work on them during the next measurement; both sides
# restore into a cluster without it (kaleo-dr still pauses and resumes it per table).
# --drop-each measures the old way, for comparison.
BENCH_SETTINGS = {"autovacuum": "off"}


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
    return download_files(store, manifest, dest)


def run_shape(pg: PgCluster, shape: str, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """Build one shape, then time its backup pair and its restore pair ``args.rounds`` times each."""
    kaleo = [sys.executable, "-m", "scripts"]
    figures: dict[str, Any] = {"shape": shape, "scale": args.scale, "jobs": args.jobs}
    figures["method"] = "drop each restored database (until run G)" if args.drop_each else "keep everything to the end"
    source = f"src_{shape}"
    with GcsEmulator() as gcs, env_vars(gcs.gcs_env()):  # a fresh emulator per shape: it keeps objects in memory
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage

        bucket = f"bench-{uuid.uuid4().hex[:8]}"
        storage.Client(project="kaleo-dr-bench", credentials=AnonymousCredentials()).create_bucket(bucket)
        url = f"gs://{bucket}/db"
        env = {**pg.env(), **gcs.gcs_env(), "PYTHONWARNINGS": "ignore"}
        bin_dir = pg.bin_dir

        t = time.perf_counter()
        pg.psql(f"DROP DATABASE IF EXISTS {source} WITH (FORCE)")
        figures["dataset"] = build(pg, shape, source, args.scale)
        figures["dataset"]["build_seconds"] = round(time.perf_counter() - t, 1)
        print(f"{shape}: data set {json.dumps(figures['dataset'])}", file=sys.stderr)

        # -- backup ----------------------------------------------------------------------
        # Nothing this run writes is deleted before the run ends (see KEEP_UNTIL_THE_END).
        # ``--rounds`` pairs, in alternating order as the restores; the first backup is restored.
        backup_rounds: list[dict[str, Any]] = []
        backup_id = ""
        for n in range(args.rounds):
            order = ["plain", "kaleo"] if n % 2 == 0 else ["kaleo", "plain"]
            result = {"order": order}
            for which in order:
                if which == "plain":
                    plain_dir = scratch / shape / f"plain-dump-{n + 1}"
                    plain_dir.parent.mkdir(parents=True, exist_ok=True)
                    seconds, _ = timed(
                        [str(bin_dir / "pg_dump"), "-Fd", f"-j{args.jobs}", "-f", str(plain_dir), pg.dsn(source)], env
                    )
                    result["pg_dump_seconds"] = round(seconds, 2)
                    result["pg_dump_bytes"] = sum(p.stat().st_size for p in plain_dir.iterdir())
                    continue
                seconds, out = timed(
                    [
                        *kaleo,
                        "backup",
                        "create",
                        "--source-dsn",
                        pg.dsn(source),
                        "--to",
                        url,
                        "--jobs",
                        str(args.jobs),
                        "--json",
                    ],
                    env,
                )
                created = json.loads(out)
                backup_id = backup_id or created["backup_id"]
                result["kaleo_seconds"] = round(seconds, 2)
                # its own pg_dump's run, and what the command adds to it (start, snapshot, row
                # counts, uploads after pg_dump's exit, manifest): the figure a sub-second dump's
                # ratio is made of
                result["kaleo_pg_dump_seconds"] = round(created["dump_seconds"], 2)
                result["kaleo_added_seconds"] = round(seconds - created["dump_seconds"], 2)
                result["kaleo_bytes"] = created["bytes"]
                result["kaleo_compression"] = created.get("compression")
            # The least any kaleo-dr command adds before its pg_dump starts: a Python process that
            # loads the command line (typer, the validated configuration) and the database
            # driver, and exits. Against a sub-second pg_dump this alone sets the ratio's floor.
            seconds, _ = timed([sys.executable, "-c", "import scripts.cli, psycopg"], env)
            result["start_floor_seconds"] = round(seconds, 3)
            result["ratio"] = round(result["kaleo_seconds"] / result["pg_dump_seconds"], 3)
            result["floor_ratio"] = round((result["pg_dump_seconds"] + seconds) / result["pg_dump_seconds"], 3)
            print(f"{shape}: backup round {n + 1}: {json.dumps(result)}", file=sys.stderr)
            backup_rounds.append(result)
        figures["backup"] = {
            "rounds": backup_rounds,
            "pg_dump_seconds": statistics.median(r["pg_dump_seconds"] for r in backup_rounds),
            "pg_dump_bytes": backup_rounds[0]["pg_dump_bytes"],
            "kaleo_seconds": statistics.median(r["kaleo_seconds"] for r in backup_rounds),
            "kaleo_added_seconds": statistics.median(r["kaleo_added_seconds"] for r in backup_rounds),
            "kaleo_bytes": backup_rounds[0]["kaleo_bytes"],
            "kaleo_compression": backup_rounds[0]["kaleo_compression"],
            "ratio": round(statistics.median(r["ratio"] for r in backup_rounds), 3),
            "start_floor_seconds": statistics.median(r["start_floor_seconds"] for r in backup_rounds),
            "floor_ratio": round(statistics.median(r["floor_ratio"] for r in backup_rounds), 3),
        }

        # -- restore ---------------------------------------------------------------------
        local = scratch / shape / "same-dump"
        local.mkdir()
        fetch_backup(url, backup_id, local)
        # How long creating a file takes right now, beside the cluster: above the quiet range a
        # recent mass delete (a test run, an earlier bench's clean-up) will swing the schema steps.
        figures["file_create_us"] = round(creation_cost(pg.base / "fs-probes"), 1)
        if (note := slow_files_warning(figures["file_create_us"])) is not None:
            print(f"{shape}: {note}", file=sys.stderr)
        rounds: list[dict[str, Any]] = []
        for n in range(args.rounds):
            order = ["plain", "kaleo"] if n % 2 == 0 else ["kaleo", "plain"]
            result: dict[str, Any] = {"order": order}
            for which in order:
                db = f"restored_{shape}_{n + 1}_{which}"  # a fresh database each time, kept (see above)
                pg.psql("CHECKPOINT")
                if which == "plain":
                    pg.psql(f"CREATE DATABASE {db}")
                    seconds, _ = timed(
                        [str(bin_dir / "pg_restore"), f"-j{args.jobs}", "-d", pg.dsn(db), str(local)], env
                    )
                    result["pg_restore_seconds"] = round(seconds, 2)
                    seconds, _ = timed(
                        [str(bin_dir / "vacuumdb"), "--analyze-only", f"-j{args.jobs}", "-d", pg.dsn(db)], env
                    )
                    result["analyze_seconds"] = round(seconds, 2)
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
                    done = json.loads(out)
                    result["kaleo_seconds"] = round(seconds, 2)
                    result["kaleo_phases"] = {k: round(v, 2) for k, v in done["phases"].items()}
                    result["slowest_jobs"] = done.get("slowest_jobs", [])[:6]
                if args.drop_each:  # the method until run G, to compare with (see KEEP_UNTIL_THE_END)
                    pg.psql(f"DROP DATABASE {db} WITH (FORCE)")
            baseline = result["pg_restore_seconds"] + result["analyze_seconds"]
            result["ratio"] = round(result["kaleo_seconds"] / baseline, 3)
            result["ratio_pg_restore_only"] = round(result["kaleo_seconds"] / result["pg_restore_seconds"], 3)
            print(f"{shape}: restore round {n + 1}: {json.dumps(result)}", file=sys.stderr)
            rounds.append(result)
    figures["restore"] = {
        "rounds": rounds,
        "pg_restore_seconds": statistics.median(r["pg_restore_seconds"] for r in rounds),
        "analyze_seconds": statistics.median(r["analyze_seconds"] for r in rounds),
        "kaleo_seconds": statistics.median(r["kaleo_seconds"] for r in rounds),
        "ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
        "ratio_pg_restore_only": round(statistics.median(r["ratio_pg_restore_only"] for r in rounds), 3),
    }
    return figures


def compile_package() -> None:
    """Byte-compile kaleo-dr's own modules before anything is timed, as pip does when it
    installs a release (the continuity agent's role installs it so). The working tree is an
    editable install, and with ``PYTHONDONTWRITEBYTECODE`` set (as on this machine) Python
    never writes their ``.pyc``: every timed command compiled about 150 modules from source
    first, 40-50 ms an invocation that an installed kaleo-dr does not pay."""
    import compileall

    compileall.compile_dir(str(ROOT / "scripts"), quiet=1)


def main() -> None:
    compile_package()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", default="current", help=f"one of {', '.join(SHAPES)}, or all (default current)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every shape's row counts (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs on both sides (default 2)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="backup and restore comparisons per shape (alternating order)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--drop-each",
        action="store_true",
        help="measure as until run G: drop each restored database right after its measurement, with "
        "autovacuum on (on ext4 without a journal the next restore then meets recently freed inodes)",
    )
    args = parser.parse_args()
    shapes = list(SHAPES) if args.shape == "all" else [args.shape]
    if any(s not in SHAPES for s in shapes):
        parser.error(f"--shape {args.shape!r}: choose one of {', '.join(SHAPES)} or all")
    if args.rounds < 1 or args.scale <= 0:
        parser.error("--rounds must be at least 1 and --scale above 0")

    scratch = Path(tempfile.mkdtemp(prefix="kaleo-bench-db-"))
    results: list[dict[str, Any]] = []
    try:
        with PgCluster("bench", settings={} if args.drop_each else BENCH_SETTINGS) as pg:
            fs = filesystem(pg.data_dir)
            if (note := warning(fs)) is not None:
                print(note, file=sys.stderr)
            for shape in shapes:
                results.append({**run_shape(pg, shape, args, scratch), "filesystem": fs})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if args.json:
        print(json.dumps(results, indent=2))
        return
    for f in results:
        ds, b, r = f["dataset"], f["backup"], f["restore"]
        print(
            f"{f['shape']:>9}: {ds['tables']} tables, {ds['table_bytes'] / 2**20:.0f} MB of tables"
            f" ({ds['database_bytes'] / 2**20:.0f} MB database), scale {f['scale']}, jobs {f['jobs']}"
        )
        print(
            f"{'':>9}  backup : pg_dump -Fd local {b['pg_dump_seconds']:.1f}s | kaleo-dr -> GCS emulator"
            f" {b['kaleo_seconds']:.1f}s (pg_dump's run and {b['kaleo_added_seconds']:.2f}s of its own)"
            f"  ratio {b['ratio']:.3f} (target <= 1.10)"
            f"  [medians of {len(b['rounds'])}: {', '.join(str(x['ratio']) for x in b['rounds'])}]"
        )
        print(
            f"{'':>9}           a process that only loads kaleo-dr's command line and psycopg takes"
            f" {b['start_floor_seconds']:.2f}s: with a pg_dump as fast as the baseline's and nothing else"
            f" added, the ratio would be {b['floor_ratio']:.3f}"
        )
        print(
            f"{'':>9}  restore: pg_restore {r['pg_restore_seconds']:.1f}s + vacuumdb --analyze-only"
            f" {r['analyze_seconds']:.1f}s | kaleo-dr <- GCS emulator {r['kaleo_seconds']:.1f}s"
            f"  ratio {r['ratio']:.3f} (target <= 1.00), against pg_restore alone {r['ratio_pg_restore_only']:.3f}"
            f"  [medians of {len(r['rounds'])}: {', '.join(str(x['ratio']) for x in r['rounds'])}]"
        )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
