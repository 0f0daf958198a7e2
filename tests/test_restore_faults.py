"""Restore under faults: bad backups, a flaky object store, kill -9, occupied targets, bad passwords.

Everything is real: PostgreSQL, the GCS emulator (behind a 503-injecting proxy where needed)
and ``kaleo-dr restore`` itself, in-process or - for kill -9 - as a child process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from scripts.db import pgtools
from scripts.db.manifest import Manifest, file_key, manifest_key
from scripts.db.restore.target import lock_key, staging_name
from scripts.db.storage import open_store
from scripts.standins.flaky import FlakyProxy
from scripts.standins.localsvc import GcsEmulator, PgCluster
from tests import restore_support
from tests.conftest import ROOT
from tests.restore_support import FrozenDumps, create_db, drop_db, new_bucket, table_checksums

SOURCE = "fault_src"
#: The source of this module never changes once made: one pg_dump of it, shipped as every test's backups.
FROZEN: dict[str, FrozenDumps] = {}


def make_backup(pg: PgCluster, db: str, url: str, **kwargs: Any) -> Manifest:
    return restore_support.make_backup(pg, db, url, frozen=FROZEN.get(db), **kwargs)


@pytest.fixture(scope="module")
def source(pg: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pg.psql(f"DROP DATABASE IF EXISTS {SOURCE} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {SOURCE}")
    pg.psql(
        """
        CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, balance numeric NOT NULL DEFAULT 0);
        CREATE TABLE events (id bigserial PRIMARY KEY, account_id int REFERENCES accounts(id), payload jsonb,
                             blob text);
        INSERT INTO accounts (name, balance) SELECT 'acct ' || g, g * 1.5 FROM generate_series(1, 5000) g;
        INSERT INTO events (account_id, payload, blob)
            SELECT 1 + g % 5000, jsonb_build_object('g', g), md5(g::text) || md5((g * 7)::text)
            FROM generate_series(1, 150000) g;
        CREATE INDEX events_account_idx ON events (account_id);
        SELECT lo_from_bytea(0, 'fault test large object'::bytea);
        """,
        SOURCE,
    )
    FROZEN[SOURCE] = FrozenDumps(tmp_path_factory.mktemp("fault-src-dump"))
    yield SOURCE
    FROZEN.pop(SOURCE, None)


@pytest.fixture
def url(gcs_env: GcsEmulator) -> str:
    return new_bucket(gcs_env)


@pytest.fixture
def target(pg: PgCluster) -> Any:
    names: list[str] = []

    def make(name: str, create: bool = False) -> str:
        names.append(name)
        drop_db(pg, name)
        if create:
            create_db(pg, name)
        return name

    yield make
    for name in names:
        drop_db(pg, name)


def _env(pg: PgCluster, **extra: str) -> dict[str, str]:
    return {"PGPASSWORD": pg.password, **extra}


def _restore(cli: Any, pg: PgCluster, url: str, db: str, *args: str, env: dict[str, str] | None = None) -> Any:
    return cli("restore", "--from", url, "--target-dsn", pg.dsn(db), "--json", *args, env=env or _env(pg))


def _exists(pg: PgCluster, db: str) -> bool:
    return pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "1"


def _corrupt(url: str, manifest: Manifest, truncate: bool = False) -> str:
    """Damage the backup's biggest data file in the store; returns its name."""
    biggest = max((f for f in manifest.files if f.path != "toc.dat"), key=lambda f: f.size)
    store = open_store(url)
    data = bytearray(store.get_bytes(file_key(manifest.backup_id, biggest.path)))
    if truncate:
        data = data[: len(data) // 2]
    else:
        data[len(data) // 2] ^= 0xFF  # same size, different bytes: only the sha256 can tell
    store.put_bytes(file_key(manifest.backup_id, biggest.path), bytes(data))
    return biggest.path


# -- bad backups ---------------------------------------------------------------------------------


MODES = {
    "direct": "restore: {}\n",
    "direct-disk": "restore:\n  spool_memory_mb: 0\n",
    # a spool far smaller than the dump: downloads wait for the loads (backpressure)
    "bounded": "restore:\n  spool_memory_mb: 2\n  spool_disk_mb: 1\n",
}


@pytest.mark.parametrize("mode", list(MODES))
def test_corrupted_newest_backup_falls_back_to_the_older_good_one(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any, tmp_path: Path, mode: str
) -> None:
    good = make_backup(pg, source, url, minutes_ago=60, label="good")
    bad = make_backup(pg, source, url, minutes_ago=5, label="bad")
    bad_file = _corrupt(url, bad)
    db = target("fault_corrupt")
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(MODES[mode], encoding="utf-8")

    res = cli("--config", str(config), "restore", "--from", url, "--target-dsn", pg.dsn(db), "--json", env=_env(pg))

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good.backup_id
    assert [s["backup_id"] for s in out["skipped"]] == [bad.backup_id]
    assert any(bad_file in f and "sha256" in f for f in out["skipped"][0]["bad_files"])
    assert "WARNING" in res.stderr and bad.backup_id in res.stderr and bad_file in res.stderr
    assert out["rpo_seconds"] >= 3600
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert not _exists(pg, staging_name(db))


def test_corrupted_backup_named_by_id_is_refused_and_target_untouched(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    make_backup(pg, source, url, minutes_ago=60, label="good")
    bad = make_backup(pg, source, url, minutes_ago=5, label="bad")
    bad_file = _corrupt(url, bad)
    db = target("fault_byid", create=True)

    res = _restore(cli, pg, url, db, "--backup-id", bad.backup_id)

    assert res.code == 1
    err = res.json()["error"]
    assert bad.backup_id in err and bad_file in err and "not touched" in err
    assert pg.psql("SELECT count(*) FROM pg_class WHERE relname = 'accounts'", db) == "0"
    assert not _exists(pg, staging_name(db))


def test_truncated_file_is_named_before_any_work_and_skipped(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    good = make_backup(pg, source, url, minutes_ago=60, label="good")
    bad = make_backup(pg, source, url, minutes_ago=5, label="trunc")
    bad_file = _corrupt(url, bad, truncate=True)
    db = target("fault_trunc")

    res = _restore(cli, pg, url, db)

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good.backup_id
    skipped = out["skipped"][0]
    assert skipped["backup_id"] == bad.backup_id
    assert any(f.startswith(f"{bad_file}:") and "manifest says" in f for f in skipped["bad_files"])

    refused = _restore(cli, pg, url, target("fault_trunc2"), "--backup-id", bad.backup_id)
    assert refused.code == 1 and bad_file in refused.json()["error"]
    assert not _exists(pg, "fault_trunc2") and not _exists(pg, staging_name("fault_trunc2"))


def test_backup_without_manifest_is_never_restored(pg: PgCluster, source: str, url: str, target: Any, cli: Any) -> None:
    good = make_backup(pg, source, url, minutes_ago=60, label="good")
    partial = make_backup(pg, source, url, minutes_ago=5, label="partial")
    open_store(url).delete(manifest_key(partial.backup_id))
    db = target("fault_nomanifest")

    res = _restore(cli, pg, url, db)
    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good.backup_id
    assert out["skipped"] == [
        {"backup_id": partial.backup_id, "reason": "incomplete: no manifest (never restored)", "bad_files": []}
    ]

    by_id = _restore(cli, pg, url, target("fault_nomanifest2"), "--backup-id", partial.backup_id)
    assert by_id.code == 1 and "no manifest" in by_id.json()["error"]

    open_store(url).delete(manifest_key(good.backup_id))
    none_left = _restore(cli, pg, url, target("fault_nomanifest3"))
    assert none_left.code == 1 and "no complete backup" in none_left.json()["error"]
    assert not _exists(pg, "fault_nomanifest3")


def test_only_bad_backups_with_force_keep_the_existing_target(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    bad = make_backup(pg, source, url, label="bad")
    _corrupt(url, bad)
    db = target("fault_keep", create=True)
    pg.psql("CREATE TABLE precious (v text); INSERT INTO precious VALUES ('still here')", db)

    res = _restore(cli, pg, url, db, "--force-replace", db)

    assert res.code == 1
    assert "no usable backup" in res.json()["error"]
    assert pg.psql("SELECT v FROM precious", db) == "still here"


# -- a flaky object store ------------------------------------------------------------------------------


def test_object_store_answering_503_for_a_while(
    pg: PgCluster, source: str, url: str, gcs: GcsEmulator, target: Any, cli: Any, backoff: Any
) -> None:
    make_backup(pg, source, url)
    db = target("fault_503")
    with FlakyProxy(gcs.url, fail_first=0) as proxy:
        proxy.arm(5)
        res = _restore(cli, pg, url, db, env=_env(pg, STORAGE_EMULATOR_HOST=proxy.url))
        assert proxy.failed == 5
        assert proxy.requests > 5
    assert len(backoff.delays) == 5 and all(d > 0 for d in backoff.delays)  # every 503 was backed off, then retried
    assert res.code == 0, res.stdout + res.stderr
    assert res.json()["validation"]["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, source)


# -- kill -9 -------------------------------------------------------------------------------------------


def _spawn(pg: PgCluster, gcs: GcsEmulator, url: str, db: str, config: Path, **extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, **gcs.gcs_env(), "PGPASSWORD": pg.password, "PYTHONWARNINGS": "ignore", **extra}
    argv = [sys.executable, "-m", "scripts", "--config", str(config), "restore", "--json", "--from", url]
    return subprocess.Popen(
        [*argv, "--target-dsn", pg.dsn(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _copy_running(pg: PgCluster, staging: str) -> bool:
    sql = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{staging}' AND query ILIKE 'COPY %'"
    return pg.psql(sql) != "0"


@pytest.mark.parametrize(
    ("mode", "phase"),
    [
        ("direct", "pre-data"),
        ("direct", "data + indexes"),
        ("direct-disk", "data + indexes"),
        ("direct", "post-data"),
        ("bounded", "data + indexes"),
    ],
)
def test_kill_9_mid_restore_then_rerun_completes(
    pg: PgCluster, source: str, url: str, gcs: GcsEmulator, target: Any, tmp_path: Path, cli: Any, mode: str, phase: str
) -> None:
    make_backup(pg, source, url)
    db = target(f"fault_kill_{mode}_{phase.split()[0].replace('-', '_')}")
    staging = staging_name(db)
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(MODES[mode], encoding="utf-8")
    proc = _spawn(pg, gcs, url, db, config)
    assert proc.stderr is not None
    try:
        seen = []
        for line in proc.stderr:
            seen.append(line)
            if line.strip() == f"restore: {phase}":
                break
        else:
            pytest.fail(f"the restore never reached {phase}: exit {proc.wait()}: {''.join(seen)[-2000:]}")
        if phase.startswith("data"):
            deadline = time.monotonic() + 20
            while not _copy_running(pg, staging) and time.monotonic() < deadline:
                time.sleep(0.01)
            assert _copy_running(pg, staging), "no COPY was running when the restore was killed"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its pg_restore children, all at once
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _exists(pg, staging), "the interrupted run left no staging database: was it killed too late?"
    assert not _exists(pg, db), "the target must not exist before the restored copy is validated"

    rerun = _restore(cli, pg, url, db)

    assert rerun.code == 0, rerun.stdout + rerun.stderr
    assert "interrupted restore" in rerun.stderr
    assert rerun.json()["validation"]["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert not _exists(pg, staging)


def _pg_restore_pids_of(work_dirs: set[str], flag: bytes | None = None) -> list[int]:
    pids = []
    for proc_dir in Path("/proc").iterdir():
        if not proc_dir.name.isdigit():
            continue
        try:
            argv = (proc_dir / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            argv
            and argv[0].endswith(b"pg_restore")
            and any(d.encode() in a for a in argv for d in work_dirs)
            and (flag is None or flag in argv)
        ):
            pids.append(int(proc_dir.name))
    return pids


def test_only_the_cli_killed_leaves_no_stuck_pg_restore(
    pg: PgCluster, source: str, url: str, gcs: GcsEmulator, target: Any, tmp_path: Path, cli: Any
) -> None:
    """kill -9 of the CLI alone while a pg_restore child works for it (here its listing of the
    archive, beside the schema step): the child dies with it (PDEATHSIG); the rerun removes the
    dead run's work folder and restores cleanly.

    The listing takes milliseconds, too short to kill the CLI during it reliably: in the killed
    run, pg_restore -l is a stand-in that lists nothing for a minute (named pg_restore, with the
    real arguments); every other pg_restore call is the real one."""
    import tempfile

    make_backup(pg, source, url)
    db = target("fault_kill_cli_only")
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(MODES["direct"], encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    real = pg.bin_dir / "pg_restore"
    slow = bin_dir / "pg_restore"
    slow.write_text(
        "#!/bin/bash\n"
        'case " $* " in\n'
        f'  *" -l "*) exec -a pg_restore {sys.executable} -c \'import time; time.sleep(60)\' "$@";;\n'
        f'  *) exec {real} "$@";;\n'
        "esac\n",
        encoding="utf-8",
    )
    slow.chmod(0o755)
    before = {str(p) for p in Path(tempfile.gettempdir()).glob("kaleo-restore-*")}
    proc = _spawn(pg, gcs, url, db, config, KALEO_PG_CLIENT_BIN=str(bin_dir))
    assert proc.stderr is not None
    work_dirs: set[str] = set()
    try:
        seen = []
        for line in proc.stderr:
            seen.append(line)
            if line.strip() == "restore: pre-data":
                break
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            work_dirs = {str(p) for p in Path(tempfile.gettempdir()).glob("kaleo-restore-*")} - before
            if _pg_restore_pids_of(work_dirs, b"-l"):  # the stand-in listing, not the short script run
                break
            time.sleep(0.005)
        assert _pg_restore_pids_of(work_dirs, b"-l"), (
            f"no pg_restore was running when the CLI was killed (exit {proc.poll()}): {''.join(seen)[-2000:]}"
        )
    finally:
        proc.kill()  # the CLI process only, not its process group
        proc.wait()
    assert work_dirs, "the killed run left no work folder"

    rerun = _restore(cli, pg, url, db)

    assert rerun.code == 0, rerun.stdout + rerun.stderr
    assert table_checksums(pg, db) == table_checksums(pg, source)
    deadline = time.monotonic() + 10
    while _pg_restore_pids_of(work_dirs) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pg_restore_pids_of(work_dirs) == []
    assert not any(Path(d).exists() for d in work_dirs)


def test_killed_between_validation_and_rename_rerun_finishes_the_swap(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    manifest = make_backup(pg, source, url)
    db = target("fault_swap")
    assert _restore(cli, pg, url, db).code == 0
    # The state a kill leaves after the old target was dropped, before the rename:
    staging = staging_name(db)
    pg.psql(f'ALTER DATABASE "{db}" RENAME TO "{staging}"')
    pg.psql(f"COMMENT ON DATABASE \"{staging}\" IS 'kaleo-dr restore validated {manifest.backup_id}'")

    res = _restore(cli, pg, url, db)

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["phases"]["data"] == 0 and out["phases"]["post_data"] == 0
    assert "already validated" in res.stderr
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert not _exists(pg, staging)


# -- occupied targets ----------------------------------------------------------------------------------


def test_non_empty_target_is_refused_untouched_then_replaced_with_force(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    make_backup(pg, source, url)
    db = target("fault_occupied", create=True)
    pg.psql("CREATE TABLE precious (v text); INSERT INTO precious VALUES ('keep me')", db)

    refused = _restore(cli, pg, url, db)

    assert refused.code == 2
    assert "already holds" in refused.json()["error"] and "--force-replace" in refused.json()["hint"]
    assert pg.psql("SELECT v FROM precious", db) == "keep me"
    assert not _exists(pg, staging_name(db))

    wrong = _restore(cli, pg, url, db, "--force-replace", "kaleo")
    assert wrong.code == 2 and "does not name the target database" in wrong.json()["error"]
    no_tty = _restore(cli, pg, url, db, "--force")
    assert no_tty.code == 2 and f"--force-replace {db}" in no_tty.json()["hint"]
    assert pg.psql("SELECT v FROM precious", db) == "keep me"

    forced = _restore(cli, pg, url, db, "--force-replace", db)

    assert forced.code == 0, forced.stdout + forced.stderr
    assert forced.json()["replaced_existing"] is True
    assert pg.psql("SELECT count(*) FROM pg_class WHERE relname = 'precious'", db) == "0"
    assert table_checksums(pg, db) == table_checksums(pg, source)
    # The restored database is itself non-empty now: a second restore is refused.
    assert _restore(cli, pg, url, db).code == 2


def test_empty_target_with_only_extension_objects_is_accepted(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    make_backup(pg, source, url)
    db = target("fault_ext", create=True)
    pg.psql("CREATE EXTENSION hstore", db)
    res = _restore(cli, pg, url, db)
    assert res.code == 0, res.stdout + res.stderr


def test_a_second_restore_into_the_same_target_waits_for_none(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    make_backup(pg, source, url)
    db = target("fault_lock")
    with closing(pgtools.connect(pg.dsn("postgres"), pg.password)) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (lock_key(db),))
        res = _restore(cli, pg, url, db)
    assert res.code == 1
    assert "another restore" in res.json()["error"]
    assert not _exists(pg, db)


# -- credentials ---------------------------------------------------------------------------------------


def test_wrong_target_password_is_a_clear_error_without_the_password(
    pg: PgCluster, source: str, url: str, target: Any, cli: Any
) -> None:
    make_backup(pg, source, url)
    db = target("fault_pw")
    wrong = "Wr0ng-pass-" + os.urandom(4).hex()

    res = _restore(cli, pg, url, db, env={"PGPASSWORD": wrong})
    human = cli("restore", "--from", url, "--target-dsn", pg.dsn(db), env={"PGPASSWORD": wrong})

    assert res.code == 2 and human.code == 2
    assert "password authentication failed" in res.json()["error"]
    assert "password authentication failed" in human.stderr
    for text in (res.stdout, res.stderr, human.stdout, human.stderr):
        assert wrong not in text
    assert not _exists(pg, db)


def test_password_in_the_dsn_is_refused_and_not_echoed(pg: PgCluster, url: str, cli: Any) -> None:
    secret = "s3cr3t-" + os.urandom(4).hex()
    res = cli(
        "restore", "--from", url, "--target-dsn", f"postgresql://postgres:{secret}@127.0.0.1:{pg.port}/x", "--json"
    )
    assert res.code == 2
    assert "contains a password" in res.json()["error"]
    assert secret not in res.stdout + res.stderr


def test_rds_targets_are_refused_unless_allowed(pg: PgCluster, source: str, url: str, target: Any, cli: Any) -> None:
    make_backup(pg, source, url)
    db = target("fault_rds")
    # libpq reaches hostaddr and checks the host name: a local server standing in for an RDS endpoint
    rds = "kaleo-prod.abcdefghij.us-east-1.rds.amazonaws.com"
    dsn = f"host={rds} hostaddr=127.0.0.1 port={pg.port} dbname={db} user=postgres"
    refused = cli("restore", "--from", url, "--target-dsn", dsn, "--json", env=_env(pg))
    assert refused.code == 2 and "Amazon RDS" in refused.json()["error"]
    assert "--allow-rds-target" in refused.json()["hint"]
    assert not _exists(pg, db)
    allowed = cli("restore", "--from", url, "--target-dsn", dsn, "--allow-rds-target", "--json", env=_env(pg))
    assert allowed.code == 0, allowed.stdout + allowed.stderr
    assert table_checksums(pg, db) == table_checksums(pg, source)


def test_target_written_during_the_restore_is_not_replaced(pg: PgCluster, target: Any) -> None:
    """The target is checked again inside the swap: objects that appeared since the start keep it."""
    from scripts.db.manifest import Manifest as M
    from scripts.db.manifest import Source
    from scripts.db.restore.target import Target, swap
    from scripts.output import CheckFailed

    db = target("fault_swap")
    target_ = Target(pg.dsn(db), pg.password, db, staging_name(db))
    pg.psql(f'DROP DATABASE IF EXISTS "{target_.staging}" WITH (FORCE)')
    pg.psql(f'CREATE DATABASE "{target_.staging}"')
    pg.psql("CREATE TABLE restored (v int)", target_.staging)
    manifest = M(
        "20261128T000000Z-x", "t", "t", "2026-11-28T00:00:00+00:00", Source("dsn", db, "15", 150000), "", "", 1
    )
    # the target did not exist when the restore began; someone created and filled it meanwhile
    pg.psql(f'CREATE DATABASE "{db}"')
    pg.psql("CREATE TABLE written_meanwhile (v text); INSERT INTO written_meanwhile VALUES ('new')", db)
    with contextlib.closing(target_.admin()) as admin:
        with pytest.raises(CheckFailed, match="holds 1 user object"):
            swap(target_, admin, manifest, target_exists=False)
        assert pg.psql("SELECT v FROM written_meanwhile", db) == "new"
        assert _exists(pg, target_.staging)
        # an empty target is replaced; --force-replace replaces an occupied one
        swap(target_, admin, manifest, target_exists=False, force=True)
    assert pg.psql("SELECT count(*) FROM pg_class WHERE relname = 'restored'", db) == "1"
    assert not _exists(pg, target_.staging)


def _garbage_member(url: str, manifest: Manifest) -> str:
    """Replace the biggest data file by valid gzip of rows COPY rejects, padded to the same size.

    It inflates without error and its size matches the manifest: only its sha256 (complete
    once the whole file was read) or the load can tell, and the load fails first."""
    import gzip

    biggest = max((f for f in manifest.files if f.path != "toc.dat"), key=lambda f: f.size)
    garbage = gzip.compress(b"not-a-number\tnot\tvalid\n" * 1000, compresslevel=1)
    k = biggest.size - len(garbage)
    for _ in range(50):  # stored (level 0) random bytes: the padding member's size is exact
        filler = gzip.compress(os.urandom(k), compresslevel=0)
        over = len(garbage) + len(filler) - biggest.size
        if over == 0:
            break
        k -= over if over > 0 else over - 1
    data = garbage + filler
    assert len(data) == biggest.size and data != open_store(url).get_bytes(file_key(manifest.backup_id, biggest.path))
    open_store(url).put_bytes(file_key(manifest.backup_id, biggest.path), data)
    return biggest.path


def test_valid_gzip_of_rows_copy_rejects_is_a_bad_backup(
    pg: PgCluster, source: str, url: str, gcs: GcsEmulator, target: Any, cli: Any, tmp_path: Path
) -> None:
    good = make_backup(pg, source, url, minutes_ago=60, label="good")
    bad = make_backup(pg, source, url, minutes_ago=5, label="bad")
    bad_file = _garbage_member(url, bad)
    assert next(f.size for f in bad.files if f.path == bad_file) > 3 * 1024 * 1024  # several download chunks
    db = target("fault_garbage")
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(MODES["bounded"], encoding="utf-8")

    # a slow link: the first garbage rows reach COPY long before the file's download (and sha256) ends;
    # COPY reports its error only at the end of its stream, which the held-back last chunk keeps
    # after the sha256 check: the outcome must be a bad backup (fallback), never a plain failure
    with FlakyProxy(gcs.url, fail_first=0, bytes_per_second=4 * 1024 * 1024) as proxy:
        env = _env(pg, STORAGE_EMULATOR_HOST=proxy.url)
        res = cli("--config", str(config), "restore", "--from", url, "--target-dsn", pg.dsn(db), "--json", env=env)

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good.backup_id
    assert [s["backup_id"] for s in out["skipped"]] == [bad.backup_id]
    assert any(bad_file in f and "sha256" in f for f in out["skipped"][0]["bad_files"])
    assert table_checksums(pg, db) == table_checksums(pg, source)


def _garbage_early_in_member(url: str, manifest: Manifest) -> str:
    """Overwrite bytes near the start of the biggest gzip data file's member (same size).

    Its inflate fails within the first 64 KiB of the file (checked here, from a fixed seed):
    the load stops long before the file's download, and so its sha256, is complete."""
    import random
    import zlib

    store = open_store(url)
    biggest = max((f for f in manifest.files if f.path.endswith(".dat.gz")), key=lambda f: f.size)
    key = file_key(manifest.backup_id, biggest.path)
    data = bytearray(store.get_bytes(key))
    data[4096:4608] = random.Random(8).randbytes(512)
    with pytest.raises(zlib.error):
        zlib.decompressobj(31).decompress(bytes(data[: 64 * 1024]))
    store.put_bytes(key, bytes(data))
    return biggest.path


def test_load_failing_early_on_garbage_inside_a_gzip_member_falls_back(
    pg: PgCluster, source: str, url: str, gcs: GcsEmulator, target: Any, cli: Any, tmp_path: Path
) -> None:
    """Item: a load that fails before its file's checksum is complete finishes the digest and calls
    the backup bad, so the restore falls back to the previous one (a plain failure would hit the same
    backup on every rerun)."""
    good = make_backup(pg, source, url, minutes_ago=60, label="good")
    bad = make_backup(pg, source, url, minutes_ago=5, label="bad")
    bad_file = _garbage_early_in_member(url, bad)
    size = next(f.size for f in bad.files if f.path == bad_file)
    assert size > 3 * 1024 * 1024  # several 1 MiB download chunks: the inflate fails in the first one
    db = target("fault_early")
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(MODES["bounded"], encoding="utf-8")

    # a slow link and a spool far smaller than the file: the download cannot finish before the load starts
    with FlakyProxy(gcs.url, fail_first=0, bytes_per_second=3 * 1024 * 1024) as proxy:
        env = _env(pg, STORAGE_EMULATOR_HOST=proxy.url)
        res = cli("--config", str(config), "restore", "--from", url, "--target-dsn", pg.dsn(db), "--json", env=env)

    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good.backup_id
    [skip] = out["skipped"]
    assert skip["backup_id"] == bad.backup_id
    # the load failed first (on the inflate), and the file was then read to its end and checked
    assert "its load failed" in skip["reason"] and bad_file in skip["reason"], skip
    assert any(bad_file in f and "sha256" in f for f in skip["bad_files"]), skip
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert not _exists(pg, staging_name(db))
