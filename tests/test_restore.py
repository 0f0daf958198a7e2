"""``kaleo-dr restore``: the result it reports, its validation, its input checks, its TOC planning."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from scripts.db.manifest import FileEntry, Manifest, manifest_key
from scripts.db.restore.listing import parse_toc, plan_data
from scripts.db.restore.target import STAGING_SUFFIX, staging_name
from scripts.db.storage import open_store
from scripts.standins.localsvc import GcsEmulator, PgCluster
from tests.restore_support import create_db, drop_db, make_backup, new_bucket, table_checksums

SOURCE = "restore_src"


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> str:
    pg.psql(f"DROP DATABASE IF EXISTS {SOURCE} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {SOURCE}")
    pg.psql(
        """
        CREATE TABLE big (id bigserial PRIMARY KEY, body text);
        CREATE TABLE small (id int PRIMARY KEY, big_id bigint REFERENCES big(id));
        INSERT INTO big (body) SELECT repeat(md5(g::text), 4) FROM generate_series(1, 60000) g;
        INSERT INTO small SELECT g, g FROM generate_series(1, 100) g;
        CREATE SEQUENCE counter; SELECT setval('counter', 42);
        """,
        SOURCE,
    )
    return SOURCE


@pytest.fixture
def url(gcs_env: GcsEmulator) -> str:
    return new_bucket(gcs_env)


@pytest.fixture
def db(pg: PgCluster) -> Any:
    name = "restore_dst"
    drop_db(pg, name)
    yield name
    drop_db(pg, name)


def _args(pg: PgCluster, url: str, db: str, *extra: str) -> list[str]:
    return ["restore", "--from", url, "--target-dsn", pg.dsn(db), *extra]


def test_restore_reports_backup_rpo_phases_and_validation(
    pg: PgCluster, source: str, url: str, db: str, cli: Any
) -> None:
    manifest = make_backup(pg, source, url, minutes_ago=90)

    res = cli(*_args(pg, url, db, "--json", "--jobs", "3"), env={"PGPASSWORD": pg.password})

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()  # stdout is pure JSON: the progress lines went to stderr
    assert out["backup_id"] == manifest.backup_id
    assert out["url"] == url
    assert out["skipped"] == []
    assert 90 * 60 <= out["rpo_seconds"] < 95 * 60
    assert out["data_as_of"] == manifest.data_as_of
    phases = {"select", "prepare", "toc", "pre_data", "download", "data", "post_data", "analyze", "validate", "swap"}
    assert set(out["phases"]) == phases
    assert out["phases"]["download"] > 0 and out["phases"]["data"] > 0
    assert out["validation"]["ok"] is True and out["tables"] == 2
    assert out["bytes"] == sum(f.size for f in manifest.files)
    assert "restore: data" in res.stderr
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert pg.psql("SELECT last_value FROM counter", db) == "42"
    comment = pg.psql(f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{db}'")
    assert comment.startswith(f"kaleo-dr restored backup {manifest.backup_id}")


def test_human_summary_names_backup_data_age_and_phase_durations(
    pg: PgCluster, source: str, url: str, db: str, cli: Any
) -> None:
    manifest = make_backup(pg, source, url, minutes_ago=30)

    res = cli(*_args(pg, url, db), env={"PGPASSWORD": pg.password})

    assert res.code == 0, res.stdout + res.stderr
    assert f"restored backup {manifest.backup_id}" in " ".join(res.stdout.split())
    assert "data age (RPO) 30m" in res.stdout
    for phase in ("pre_data", "data", "post_data", "validate", "total"):
        assert phase in res.stdout


def test_validation_mismatch_fails_and_keeps_the_target_untouched(
    pg: PgCluster, source: str, url: str, db: str, cli: Any
) -> None:
    manifest = make_backup(pg, source, url)
    # The backup claims one more row than its dump holds (the "silently short dump" case).
    lying = Manifest.from_json(manifest.to_json())
    for table in lying.tables:
        if table.name == "big":
            table.rows += 1
    lying.sequences["public.counter"] = 41
    lying.objects["sequence_state"]["public.counter"] = [41, True]
    open_store(url).put_bytes(manifest_key(manifest.backup_id), lying.to_json().encode())

    res = cli(*_args(pg, url, db, "--json"), env={"PGPASSWORD": pg.password})

    assert res.code == 1
    err = res.json()["error"]
    assert "table public.big: 60000 rows, expected 60001" in err
    assert "sequence public.counter" in err
    assert "untouched" in err
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0"
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{staging_name(db)}'") == "1"


def test_restore_reads_its_settings_from_the_config_file(
    pg: PgCluster, source: str, url: str, db: str, cli: Any, tmp_path: Path
) -> None:
    make_backup(pg, source, url)
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(
        f"restore:\n  from: {url}\n  target_dsn: {pg.dsn(db)}\n  password: env:TARGET_PW\n  jobs: 1\n",
        encoding="utf-8",
    )
    res = cli("--config", str(config), "restore", "--json", env={"TARGET_PW": pg.password, "PGPASSWORD": ""})
    assert res.code == 0, res.stdout + res.stderr
    assert table_checksums(pg, db) == table_checksums(pg, source)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--backup-id", "20260101T000000Z-x", "--latest"], "exclude each other"),
        (["--backup-id", "20260101T000000Z-nope"], "not found"),
        (["--jobs", "0"], "--jobs"),
    ],
)
def test_bad_flags_are_exit_2(pg: PgCluster, url: str, cli: Any, extra: list[str], message: str) -> None:
    make_backup(pg, "postgres", url) if "not found" in message else None
    res = cli(*_args(pg, url, "restore_flags", "--json", *extra), env={"PGPASSWORD": pg.password})
    assert res.code == 2
    assert message in res.json()["error"]


def test_system_database_and_missing_location_are_refused(pg: PgCluster, cli: Any, in_tmp: Path) -> None:
    res = cli("restore", "--from", "file:///tmp/x", "--target-dsn", pg.dsn("postgres"), "--json")
    assert res.code == 2 and "system database" in res.json()["error"]
    res = cli("restore", "--target-dsn", pg.dsn("x"), "--json")
    assert res.code == 2 and "no backup location" in res.json()["error"]
    res = cli("restore", "--from", "ftp://x/y", "--target-dsn", pg.dsn("x"), "--json")
    assert res.code == 2 and "not a backup location" in res.json()["error"]


def test_staging_name_fits_postgres_identifier_limit() -> None:
    assert staging_name("kaleo") == "kaleo" + STAGING_SUFFIX
    long = staging_name("é" * 40)
    assert len(long.encode()) <= 63 and long.endswith(STAGING_SUFFIX)


LISTING = """;
; Archive created at 2026-11-27 03:36:21 UTC
;
214; 1259 16386 TABLE public t postgres
3341; 2613 16393 BLOB - 16393 postgres
3340; 0 16386 TABLE DATA public t postgres
3345; 0 16400 TABLE DATA sales data Customer Table postgres
3346; 0 16410 TABLE DATA public tiny postgres
3347; 0 0 SEQUENCE SET public t_id_seq postgres
3342; 0 0 BLOBS - BLOBS
3197; 2606 16392 CONSTRAINT public t t_pkey postgres
"""


def test_toc_plan_maps_every_table_to_its_file_largest_first_and_sets_large_objects_apart() -> None:
    entries = parse_toc(LISTING)
    assert [(e.dump_id, e.desc) for e in entries][:3] == [(214, "TABLE"), (3341, "BLOB"), (3340, "TABLE DATA")]
    assert entries[3].label == "sales.data Customer Table"  # display only; ids drive the restore
    files = [
        FileEntry("toc.dat", 100, "x"),
        FileEntry("3340.dat.gz", 10_000, "x"),
        FileEntry("3345.dat.gz", 50_000, "x"),
        FileEntry("3346.dat.gz", 10, "x"),
        FileEntry("blobs.toc", 20, "x"),
        FileEntry("blob_16393.dat.gz", 30, "x"),
    ]
    plan = plan_data(entries, files)
    assert [(e.dump_id, f.path) for e, f in plan.tables] == [
        (3345, "3345.dat.gz"),
        (3340, "3340.dat.gz"),
        (3346, "3346.dat.gz"),
    ]
    assert [e.dump_id for e in plan.blob_entries] == [3342]
    assert [f.path for f in plan.blob_files] == ["blobs.toc", "blob_16393.dat.gz"]


def test_data_entry_without_its_file_is_a_bad_backup() -> None:
    from scripts.db.restore import BadBackup

    with pytest.raises(BadBackup) as exc:
        plan_data(parse_toc(LISTING), [FileEntry("toc.dat", 1, "x")])
    assert any("3340" in f for f in exc.value.bad_files)


@pytest.mark.parametrize("kind", ["file", "s3"])
def test_restore_from_a_folder_and_from_s3(
    pg: PgCluster,
    source: str,
    db: str,
    cli: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    kind: str,
) -> None:
    env = {"PGPASSWORD": pg.password}
    if kind == "s3":
        import boto3

        moto = request.getfixturevalue("aws_env")
        bucket = f"dumps-{os.urandom(4).hex()}"
        boto3.client("s3", endpoint_url=moto.url).create_bucket(Bucket=bucket)
        url = f"s3://{bucket}/db"
    else:
        url = (tmp_path / "backups").as_uri()
    manifest = make_backup(pg, source, url)

    res = cli(*_args(pg, url, db, "--json"), env=env)

    assert res.code == 0, res.stdout + res.stderr
    assert res.json()["backup_id"] == manifest.backup_id
    assert table_checksums(pg, db) == table_checksums(pg, source)


def test_a_named_backup_is_found_by_listing_only_its_own_files(pg: PgCluster, source: str, tmp_path: Path) -> None:
    from scripts.db.restore.selection import scan_backups

    url = (tmp_path / "backups").as_uri()
    older = make_backup(pg, source, url, minutes_ago=60, label="older")
    newer = make_backup(pg, source, url, label="newer")
    store = open_store(url)

    every = scan_backups(store)
    named = scan_backups(store, older.backup_id)

    assert [r.backup_id for r in every] == [newer.backup_id, older.backup_id]
    assert [(r.backup_id, r.complete) for r in named] == [(older.backup_id, True)]
    assert named[0].sizes == {f.path: f.size for f in older.files}
    assert scan_backups(store, "20990101T000000Z-missing") == []


def test_an_archive_the_loader_cannot_read_is_restored_by_pg_restore_alone(
    pg: PgCluster, source: str, url: str, db: str, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.db import pgtoc

    make_backup(pg, source, url)
    # As if pg_dump had moved to an archive version newer than kaleo-dr's TOC reader knows.
    monkeypatch.setattr(pgtoc, "MAX_VERSION", (1, 13, 0))

    res = cli(*_args(pg, url, db, "--json"), env={"PGPASSWORD": pg.password})

    assert res.code == 0, res.stdout + res.stderr
    assert "restoring with pg_restore alone" in res.stderr
    assert res.json()["validation"]["ok"] is True
    assert res.json()["slowest_jobs"] == []  # no job ran in kaleo-dr's own loader
    assert table_checksums(pg, db) == table_checksums(pg, source)


WIDE = "restore_wide"
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def wide(pg: PgCluster) -> str:
    """A table whose compressed data file is several MiB: random hex text barely compresses."""
    create_db(pg, WIDE)
    pg.psql(
        """
        CREATE TABLE wide (id int PRIMARY KEY, body text);
        INSERT INTO wide SELECT g, md5(random()::text) || md5(random()::text) FROM generate_series(1, 150000) g;
        CREATE TABLE narrow (id int PRIMARY KEY, wide_id int REFERENCES wide(id));
        INSERT INTO narrow SELECT g, g FROM generate_series(1, 1000) g;
        """,
        WIDE,
    )
    return WIDE


def _spool_bytes(folder: Path) -> int:
    """Bytes of spooled and downloaded dump data under the work folder (logs and owner.pid left out)."""
    total = 0
    for top, _, names in os.walk(folder):  # folders removed meanwhile are skipped, not raised
        if Path(top).name in ("spool", "dump"):
            for name in names:
                with contextlib.suppress(OSError):
                    total += (Path(top) / name).stat().st_size
    return total


@pytest.mark.parametrize(("memory", "disk"), [(2 * MiB, 1 * MiB), (0, 3 * MiB)], ids=["memory-and-disk", "disk-only"])
def test_a_spool_smaller_than_the_dump_restores_it_within_its_bounds(
    pg: PgCluster, wide: str, db: str, tmp_path: Path, memory: int, disk: int
) -> None:
    from scripts.db.restore import Options, run_restore

    url = (tmp_path / "backups").as_uri()
    manifest = make_backup(pg, wide, url)
    biggest = max(f.size for f in manifest.files)
    assert biggest > memory + disk, "the dump must not fit in the spool, or the bound proves nothing"
    work = tmp_path / "work"
    work.mkdir()
    peak = 0
    done = threading.Event()

    def sample() -> None:  # the bytes really on disk, independent of the spool's own accounting
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _spool_bytes(work))
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        result = run_restore(
            Options(
                url=url,
                target_dsn=pg.dsn(db),
                password=pg.password,
                jobs=2,
                work_dir=work,
                spool_memory=memory,
                spool_disk=disk,
                as_json=True,
            )
        )
    finally:
        done.set()
        sampler.join()

    assert result.validation["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, wide)
    spool = result.as_dict()["spool"]
    assert spool["memory_bound_bytes"] == memory and spool["disk_bound_bytes"] == disk
    assert 0 < spool["disk_peak_bytes"] <= disk
    assert spool["memory_peak_bytes"] <= memory
    assert spool["downloads_waited_seconds"] > 0, "no download ever waited: the bound was never reached"
    assert 0 < peak <= disk, f"{peak} bytes on disk at the peak, bound {disk}"
    assert list(work.iterdir()) == []  # the work folder is removed


def test_a_disk_bound_too_small_for_toc_dat_is_refused_naming_its_key(
    pg: PgCluster, source: str, url: str, db: str, cli: Any, tmp_path: Path
) -> None:
    make_backup(pg, source, url)
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text("restore:\n  spool_disk_mb: 0\n  spool_memory_mb: 0\n", encoding="utf-8")

    res = cli("--config", str(config), *_args(pg, url, db, "--json"), env={"PGPASSWORD": pg.password})

    assert res.code == 2, res.stdout + res.stderr
    assert "restore.spool_disk_mb" in res.json()["error"] + res.json().get("hint", "")
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0"


def test_options_from_settings_take_the_config_under_what_the_caller_names(tmp_path: Path) -> None:
    from scripts.config import RestoreSettings
    from scripts.db.restore import Options

    cfg = RestoreSettings(jobs=3, spool_memory_mb=2, spool_disk_mb=5, work_dir=tmp_path, work_mem="32MB")
    opts = Options.from_settings(cfg, "pw", url="gs://b/p", target_dsn="postgresql://u@h/db", jobs=None)
    assert (opts.jobs, opts.work_dir, opts.work_mem, opts.password) == (3, tmp_path, "32MB", "pw")
    assert (opts.spool_memory, opts.spool_disk) == (2 * 1024 * 1024, 5 * 1024 * 1024)
    named = Options.from_settings(cfg, None, url="gs://b/p", target_dsn="postgresql://u@h/db", jobs=1, analyze=False)
    assert (named.jobs, named.analyze, named.spool_disk) == (1, False, 5 * 1024 * 1024)


def test_a_loader_reaching_its_file_before_the_download_pool_downloads_it_itself(
    pg: PgCluster, db: str, tmp_path: Path
) -> None:
    """A loader may reach its file before the download pool does (the pool is stuck behind big
    files waiting for spool room): a loader that claims its file first downloads it itself (a
    claim the pool would then refuse), or the restore never ends. It hung this way while small
    tables loaded beside the schema, in another order than the pool's."""
    from scripts.db.restore import Options, run_restore

    create_db(pg, "spool_order_src")
    pg.psql(
        "".join(  # two big tables: both download threads of the pool wait for room behind them
            f"CREATE TABLE big{n} (id int PRIMARY KEY, body text);"
            f"INSERT INTO big{n} SELECT g, md5(random()::text) || md5(random()::text)"
            " FROM generate_series(1, 100000) g;"
            for n in range(2)
        )
        + "".join(
            f"CREATE TABLE small{n} (id int PRIMARY KEY, v text);"
            f"INSERT INTO small{n} SELECT g, 'v' || g FROM generate_series(1, 200) g;"
            for n in range(6)
        ),
        "spool_order_src",
    )
    url = (tmp_path / "backups").as_uri()
    manifest = make_backup(pg, "spool_order_src", url)
    toc = next(f.size for f in manifest.files if f.path == "toc.dat")
    assert max(f.size for f in manifest.files) > 3 * MiB
    work = tmp_path / "work"
    work.mkdir()
    outcome: list[Any] = []

    def restore() -> None:
        try:
            outcome.append(
                run_restore(
                    Options(
                        url=url,
                        target_dsn=pg.dsn(db),
                        password=pg.password,
                        jobs=2,
                        work_dir=work,
                        spool_memory=2 * MiB,  # the two loaders' reserve only
                        spool_disk=toc + 1 * MiB,
                    )
                )
            )
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=restore, daemon=True)
    thread.start()
    thread.join(180)
    assert not thread.is_alive(), "the restore hung: a loader waited for a file nobody downloads"
    assert not isinstance(outcome[0], BaseException), outcome[0]
    assert outcome[0].validation["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, "spool_order_src")
    drop_db(pg, "spool_order_src")


def _pg_restores_under_us() -> list[str]:
    from scripts.db.proctree import descendants

    names = []
    for pid in descendants(os.getpid()):
        with contextlib.suppress(OSError):
            names.append(Path(f"/proc/{pid}/comm").read_text(encoding="utf-8").strip())
    return [n for n in names if n == "pg_restore"]


def test_the_load_is_planned_while_the_schema_step_runs(
    pg: PgCluster, source: str, url: str, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.db.load.plan import plan_load
    from scripts.db.restore import engine
    from scripts.db.restore.flow import run_restore
    from scripts.db.restore.options import Options
    from scripts.db.restore.schema import SchemaStep

    make_backup(pg, source, url)
    planned = threading.Event()
    run = SchemaStep._run

    def held(self: SchemaStep) -> None:
        # the schema step cannot even start its SQL before the load is planned: if the restore
        # waited for the schema before planning, this would time out and fail the restore
        assert planned.wait(30), "the load was not planned while the schema step ran"
        run(self)

    def planning(*args: Any, **kwargs: Any) -> Any:
        planned.set()
        return plan_load(*args, **kwargs)

    monkeypatch.setattr(SchemaStep, "_run", held)
    monkeypatch.setattr(engine, "plan_load", planning)  # the name the engine calls
    result = run_restore(Options(url=url, target_dsn=pg.dsn(db), password=pg.password, jobs=2, as_json=True))

    assert result.validation["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, source)


def test_a_failure_after_the_schema_step_began_leaves_no_pg_restore_or_session_running(
    pg: PgCluster, source: str, url: str, db: str, tmp_path: Path
) -> None:
    from scripts.db.restore.flow import run_restore
    from scripts.db.restore.options import Options
    from scripts.output import BadInput

    made = make_backup(pg, source, url)
    toc = next(f.size for f in made.files if f.path == "toc.dat")
    # toc.dat fits, so the schema step starts; the spool's room for the loaders does not
    opts = Options(url=url, target_dsn=pg.dsn(db), password=pg.password, jobs=2, spool_memory=0, spool_disk=toc + 1)
    with pytest.raises(BadInput, match="the spool needs room for one"):
        run_restore(opts)

    assert _pg_restores_under_us() == []
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0"
    assert pg.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kaleo-dr restore'") == "0"
