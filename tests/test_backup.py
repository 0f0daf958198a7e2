"""``kaleo-dr backup`` with real parts: PostgreSQL 15, gcp-storage-emulator, moto S3, local folders."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import stat
import subprocess
import threading
import uuid
from pathlib import Path
from typing import Any

import psycopg  # noqa: F401 - imported before the writer thread starts (thread-safe first import)
import pytest
import time_machine

from scripts.db import pgtools
from scripts.db.backup import (
    download_files,
    freshness,
    list_backups,
    parse_compression,
    parse_duration,
    verify_backup,
)
from scripts.db.inventory import compare_inventories, inventory
from scripts.db.manifest import Manifest, file_key, manifest_key
from scripts.db.storage import open_store
from scripts.output import BadInput
from scripts.standins.flaky import FlakyProxy
from scripts.standins.localsvc import PgCluster

DATA = """
CREATE SCHEMA "back office";
CREATE TABLE "back office"."Ledger" (id bigserial PRIMARY KEY, amount numeric, memo text);
INSERT INTO "back office"."Ledger" (amount, memo) SELECT g * 1.5, repeat('x', g % 50) FROM generate_series(1, 4000) g;
CREATE TABLE public.users (id int PRIMARY KEY, email text UNIQUE);
INSERT INTO public.users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 1500) g;
CREATE TABLE public.orders (id int PRIMARY KEY, user_id int REFERENCES public.users, total int);
INSERT INTO public.orders SELECT g, 1 + g % 1500, g FROM generate_series(1, 6000) g;
CREATE UNLOGGED TABLE public.cache (k text);
INSERT INTO public.cache VALUES ('a'), ('b');
CREATE TABLE public.ticks (id bigserial PRIMARY KEY, at timestamptz DEFAULT clock_timestamp());
SELECT lo_from_bytea(0, 'large object payload');
"""


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> str:
    name = f"bk_{uuid.uuid4().hex[:8]}"
    dsn = pg.create_database(name)
    pg.psql(DATA, name)
    return dsn


@pytest.fixture
def pgpass(pg: PgCluster, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    return pg.password


def _gcs_bucket() -> str:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    name = f"bk-{uuid.uuid4().hex[:10]}"
    storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials()).create_bucket(name)
    return name


def _s3_bucket(url: str) -> str:
    import boto3

    name = f"bk-{uuid.uuid4().hex[:10]}"
    boto3.client("s3", endpoint_url=url).create_bucket(Bucket=name)
    return name


def _create(cli: Any, *args: str) -> Any:
    result = cli("backup", "create", *args, "--json")
    assert result.code == 0, result.stdout + result.stderr
    return result.json()


# -- create -----------------------------------------------------------------------------------


def test_create_to_file_records_a_complete_manifest(cli: Any, source: str, pgpass: str, tmp_path: Path) -> None:
    url = f"file://{tmp_path}/backups"
    scratch = tmp_path / "scratch"
    out = _create(cli, "--source-dsn", source, "--to", url, "--jobs", "2", "--work-dir", str(scratch))
    assert list(scratch.iterdir()) == []  # the local dump files are gone once shipped
    assert {"backup_id", "url", "bytes", "seconds"} <= set(out)
    assert out["url"] == url
    store = open_store(url)
    manifest = Manifest.from_json(store.get_bytes(manifest_key(out["backup_id"])))
    counts = {f"{t.schema}.{t.name}": t.rows for t in manifest.tables}
    assert counts == {
        "back office.Ledger": 4000,
        "public.users": 1500,
        "public.orders": 6000,
        "public.cache": 2,
        "public.ticks": 0,
    }
    assert manifest.objects["large_objects"] == 1
    assert manifest.sequences["back office.Ledger_id_seq"] == 4000
    assert manifest.compression == "gzip:1"
    assert manifest.pg_dump_version.startswith("15.")
    assert manifest.source.server_version_num >= 150000
    assert manifest.total_bytes == out["bytes"] == sum(f.size for f in manifest.files)
    names = {f.path for f in manifest.files}
    assert "toc.dat" in names and "blobs.toc" in names
    stored = {o.key: o.size for o in store.list(f"{out['backup_id']}/files/")}
    assert stored == {file_key(out["backup_id"], f.path): f.size for f in manifest.objects_stored()}
    assert manifest.data_time() <= dt.datetime.fromisoformat(manifest.completed_at)
    # the dump is a real pg_dump directory archive that pg_restore can read
    local = tmp_path / "dl"
    download_files(store, manifest, local)
    listing = subprocess.run(
        [str(pgtools.find_tool("pg_restore", 15).path), "-l", str(local)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA back office Ledger" in listing
    assert verify_backup(store, out["backup_id"]).ok


def test_create_to_gcs_and_s3_at_once(
    cli: Any, source: str, pgpass: str, gcs_env: Any, aws_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    gs_url = f"gs://{_gcs_bucket()}/kaleo/db"
    s3_url = f"s3://{_s3_bucket(aws_env.url)}/kaleo/db"
    out = _create(cli, "--source-dsn", source, "--to", gs_url, "--also-to", s3_url, "--compress", "none")
    assert out["urls"] == [gs_url, s3_url]
    for url in (gs_url, s3_url):
        backups = list_backups(open_store(url))
        assert [b.backup_id for b in backups] == [out["backup_id"]]
        assert backups[0].complete
        assert backups[0].manifest is not None and backups[0].manifest.compression == "none"
        verified = cli("backup", "verify", "--from", url, "--latest", "--json")
        assert verified.code == 0, verified.stdout
        assert verified.json()["ok"] is True
        assert verified.json()["files_checked"] == out["files"]


def test_row_counts_come_from_the_dump_snapshot(pg: PgCluster, source: str, pgpass: str, tmp_path: Path) -> None:
    """Rows inserted while the dump runs are neither in the dump nor in the manifest's counts."""
    from scripts.db.backup import create_backup

    stop = threading.Event()

    def writer() -> None:
        with pgtools.connect(source, pg.password) as conn:
            while not stop.is_set():
                conn.execute("INSERT INTO public.ticks DEFAULT VALUES")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        out = create_backup(source, [f"file://{tmp_path}/snap"], jobs=2, compression="gzip:1")
    finally:
        stop.set()
        thread.join()
    store = open_store(f"file://{tmp_path}/snap")
    manifest = Manifest.from_json(store.get_bytes(manifest_key(out["backup_id"])))
    expected = next(t.rows for t in manifest.tables if t.name == "ticks")
    # find the ticks data file through the archive's table of contents
    local = tmp_path / "dl"
    download_files(store, manifest, local)
    toc = subprocess.run(
        [str(pgtools.find_tool("pg_restore", 15).path), "-l", str(local)], capture_output=True, text=True, check=True
    ).stdout
    dump_id = next(line.split(";")[0] for line in toc.splitlines() if "TABLE DATA public ticks" in line)
    rows = gzip.decompress((local / f"{dump_id}.dat.gz").read_bytes()).decode().splitlines()
    rows = [r for r in rows if r and r != "\\."]
    assert len(rows) == expected
    with pgtools.connect(source, pg.password) as conn:
        now_rows = conn.execute("SELECT count(*) FROM public.ticks").fetchone()
    assert now_rows is not None and now_rows[0] > expected  # the writer went on after the snapshot


def test_open_files_sees_files_held_by_a_process_tree(tmp_path: Path) -> None:
    """A dump file counts as finished only once no process of pg_dump's tree holds it open."""
    from scripts.db.proctree import open_files

    held, child_held, closed = tmp_path / "a.dat", tmp_path / "b.dat", tmp_path / "c.dat"
    closed.write_text("done")
    script = f"exec 3>{held}; sh -c 'exec 4>{child_held}; sleep 30' & sleep 30"
    proc = subprocess.Popen(["sh", "-c", script], start_new_session=True)
    try:
        for _ in range(100):
            busy = open_files(proc.pid)
            assert busy is not None
            if str(child_held) in busy:
                break
            threading.Event().wait(0.05)
        assert str(held) in busy and str(child_held) in busy
        assert str(closed) not in busy
    finally:
        os.killpg(proc.pid, 9)
        proc.wait()


def test_object_store_answering_503_for_a_while(
    cli: Any, source: str, pgpass: str, gcs: Any, gcs_env: Any, backoff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = _gcs_bucket()
    with FlakyProxy(gcs.url, fail_first=5) as proxy:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
        out = _create(cli, "--source-dsn", source, "--to", f"gs://{bucket}/db")
        assert proxy.failed == 5
    # each 503 was waited out with a growing (jittered, exponential) backoff before the retry
    assert len(backoff.delays) == 5
    assert 0 < backoff.delays[0] < backoff.delays[-1]
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", gcs.url)
    assert verify_backup(open_store(f"gs://{bucket}/db"), out["backup_id"]).ok


class FailAfter(FlakyProxy):
    """Forwards the first ``ok_first`` requests, then answers 503 to everything."""

    def __init__(self, upstream: str, ok_first: int) -> None:
        self.ok_first = ok_first
        super().__init__(upstream, fail_first=0)

    @property  # type: ignore[override]
    def fail_first(self) -> int:
        return 10**9 if self.requests > self.ok_first else 0

    @fail_first.setter
    def fail_first(self, value: int) -> None:
        return


def test_upload_failing_midway_leaves_no_manifest(
    cli: Any,
    source: str,
    pgpass: str,
    gcs: Any,
    gcs_env: Any,
    backoff: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bucket = _gcs_bucket()
    good = f"file://{tmp_path}/good"
    monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "2")
    with FailAfter(gcs.url, ok_first=4) as proxy:  # the location check, then three uploads
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
        alone = cli("backup", "create", "--source-dsn", source, "--to", f"gs://{bucket}/db", "--json")
        assert alone.code == 1
        assert "incomplete" in alone.json()["error"]
        proxy.requests = 0
        both = cli(
            "backup", "create", "--source-dsn", source, "--to", good, "--also-to", f"gs://{bucket}/db2", "--json"
        )
    assert both.code == 1, both.stdout
    data = both.json()
    assert data["urls"] == [good] and f"gs://{bucket}/db2" in data["failed_urls"]
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", gcs.url)
    store = open_store(f"gs://{bucket}/db")
    backups = list_backups(store)
    assert len(backups) == 1 and not backups[0].complete
    # some files made it, not all of them, and never the manifest
    assert 0 < backups[0].files < data["files"]
    listed = cli("backup", "list", "--from", f"gs://{bucket}/db", "--json").json()
    assert listed["backups"][0]["status"] == "incomplete"
    verified = cli("backup", "verify", "--from", f"gs://{bucket}/db", "--json")
    assert verified.code == 1
    assert verified.json()["bad_files"] == [{"path": "manifest.json", "reason": "missing: the backup is incomplete"}]
    assert cli("backup", "freshness", "--from", f"gs://{bucket}/db", "--max-age", "2d").code == 1
    assert verify_backup(open_store(good), data["backup_id"]).ok


# -- verify -----------------------------------------------------------------------------------


@pytest.fixture
def made(cli: Any, source: str, pgpass: str, tmp_path: Path) -> tuple[str, str, Manifest]:
    url = f"file://{tmp_path}/v"
    out = _create(cli, "--source-dsn", source, "--to", url)
    manifest = Manifest.from_json(open_store(url).get_bytes(manifest_key(out["backup_id"])))
    return url, out["backup_id"], manifest


def _one_object_per_file(url: str, manifest: Manifest) -> Manifest:
    """The same backup with every packed file moved to an object of its own, as files of 1 MiB
    or more and format-1 backups are stored."""
    store = open_store(url)
    for pack in manifest.packs:
        body = store.get_bytes(file_key(manifest.backup_id, pack.path))
        for m in manifest.members(pack.path):
            store.put_bytes(file_key(manifest.backup_id, m.path), body[m.offset : m.offset + m.size])
            m.pack, m.offset = None, 0
        store.delete(file_key(manifest.backup_id, pack.path))
    manifest.packs = []
    store.put_bytes(manifest_key(manifest.backup_id), manifest.to_json().encode())
    return manifest


def test_verify_names_every_bad_file(cli: Any, made: tuple[str, str, Manifest], tmp_path: Path) -> None:
    url, backup_id, manifest = made
    manifest = _one_object_per_file(url, manifest)
    assert cli("backup", "verify", "--from", url, "--backup-id", backup_id).code == 0
    root = tmp_path / "v" / backup_id / "files"
    data_files = sorted(
        (f for f in manifest.files if f.path.endswith(".dat.gz") and f.size > 100), key=lambda f: f.path
    )
    corrupt, truncate, remove = data_files[0].path, data_files[1].path, data_files[2].path
    raw = bytearray((root / corrupt).read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (root / corrupt).write_bytes(bytes(raw))
    with (root / truncate).open("r+b") as f:
        f.truncate(10)
    (root / remove).unlink()
    result = cli("backup", "verify", "--from", url, "--backup-id", backup_id, "--json")
    assert result.code == 1
    bad = {b["path"]: b["reason"] for b in result.json()["bad_files"]}
    assert set(bad) == {corrupt, truncate, remove}
    assert bad[corrupt].startswith("sha256 mismatch")
    assert bad[truncate].startswith("truncated: 10 bytes")
    assert bad[remove] == "missing"
    human = cli("backup", "verify", "--from", url, "--backup-id", backup_id)
    assert human.code == 1
    for name in (corrupt, truncate, remove):
        assert name in human.stdout


def test_verify_missing_manifest_and_bad_ids(cli: Any, made: tuple[str, str, Manifest], tmp_path: Path) -> None:
    url, backup_id, _ = made
    (tmp_path / "v" / backup_id / "manifest.json").unlink()
    result = cli("backup", "verify", "--from", url, "--json")
    assert result.code == 1
    assert result.json()["complete"] is False
    assert result.json()["bad_files"][0]["path"] == "manifest.json"
    assert cli("backup", "verify", "--from", url, "--backup-id", "nonsense").code == 2
    assert cli("backup", "verify", "--from", url, "--backup-id", "20200101T000000Z-x").code == 1
    assert cli("backup", "list", "--from", url, "--json").json()["backups"][0]["complete"] is False


# -- list / freshness -------------------------------------------------------------------------


def test_list_newest_first_and_freshness_alarm(cli: Any, made: tuple[str, str, Manifest], tmp_path: Path) -> None:
    url, backup_id, manifest = made
    store = open_store(url)
    # an older complete backup: the same files under an id (and data time) three days back
    old_time = manifest.data_time() - dt.timedelta(days=3)
    old_id = old_time.strftime("%Y%m%dT%H%M%SZ") + "-old"
    for f in manifest.objects_stored():
        store.put_bytes(file_key(old_id, f.path), store.get_bytes(file_key(backup_id, f.path)))
    old = Manifest.from_json(manifest.to_json())
    old.backup_id, old.data_as_of, old.created_at = old_id, old_time.isoformat(), old_time.isoformat()
    store.put_bytes(manifest_key(old_id), old.to_json().encode())
    listed = cli("backup", "list", "--from", url, "--json").json()["backups"]
    assert [b["backup_id"] for b in listed] == [backup_id, old_id]
    assert listed[1]["age_seconds"] >= 3 * 86400 - 60
    human = cli("backup", "list", "--from", url)
    assert backup_id in human.stdout and "complete" in human.stdout

    fresh = cli("backup", "freshness", "--from", url, "--max-age", "90m", "--json")
    assert fresh.code == 0 and fresh.json()["newest_complete"] == backup_id
    with time_machine.travel(manifest.data_time() + dt.timedelta(hours=27), tick=False):
        assert cli("backup", "freshness", "--from", url, "--max-age", "26h").code == 1
        assert cli("backup", "freshness", "--from", url, "--max-age", "2d").code == 0
        result = freshness(store, parse_duration("1h30m"))
        assert result["fresh"] is False and result["age"].startswith("1d3h")
    # only the old one complete: the newest is incomplete and does not count
    store.delete(manifest_key(backup_id))
    stale = cli("backup", "freshness", "--from", url, "--max-age", "2d", "--json")
    assert stale.code == 1
    assert stale.json()["newest_complete"] == old_id
    assert stale.json()["incomplete_newer"] == [backup_id]


def test_freshness_without_any_backup_and_bad_durations(cli: Any, tmp_path: Path) -> None:
    url = f"file://{tmp_path}/empty"
    result = cli("backup", "freshness", "--from", url, "--max-age", "26h", "--json")
    assert result.code == 1 and result.json()["newest_complete"] is None
    bad = cli("backup", "freshness", "--from", url, "--max-age", "soon", "--json")
    assert bad.code == 2 and "--max-age" in bad.json()["error"]
    assert parse_duration("90m").total_seconds() == 5400
    assert parse_duration("2d").total_seconds() == 172800
    with pytest.raises(BadInput):
        parse_duration("0h")
    assert cli("backup", "list", "--from", "ftp://nope").code == 2


def test_freshness_of_a_bucket_that_does_not_exist_is_bad_input(cli: Any, gcs_env: Any) -> None:
    url = f"gs://no-such-bucket-{uuid.uuid4().hex[:8]}/prod"
    result = cli("backup", "freshness", "--from", url, "--max-age", "26h", "--json")
    assert result.code == 2, result.stdout
    assert "backup freshness cannot be checked" in result.json()["error"] and "no-such-bucket" in result.stdout


def test_freshness_of_an_unreachable_store_is_inconclusive(
    cli: Any, gcs_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.standins.localsvc import free_port

    monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "1")
    result = cli("backup", "freshness", "--from", "gs://kaleo-dr-backups/prod", "--max-age", "26h", "--json")
    assert result.code == 3, result.stdout
    assert "backup freshness is unknown, not fine" in result.json()["error"]
    assert "gs://kaleo-dr-backups/prod" in result.json()["error"]


def test_compression_choices() -> None:
    assert parse_compression("none") == ("none", 0)
    assert parse_compression("gzip") == ("gzip:6", 6)
    assert parse_compression("gzip:1") == ("gzip:1", 1)
    with pytest.raises(BadInput):
        parse_compression("zstd")


# -- refusals ---------------------------------------------------------------------------------


def test_refuses_pg_dump_older_than_the_server(cli: Any, source: str, pgpass: str, tmp_path: Path) -> None:
    fake_bin = tmp_path / "oldbin"
    fake_bin.mkdir()
    fake = fake_bin / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.14'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    result = cli(
        "backup", "create", "--source-dsn", source, "--to", f"file://{tmp_path}/b", "--pg-bin", str(fake_bin), "--json"
    )
    assert result.code == 2
    assert "older than the PostgreSQL server" in result.json()["error"]
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_wrong_password_is_clear_and_never_printed(
    cli: Any, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "Wr0ng-" + uuid.uuid4().hex
    monkeypatch.setenv("PGPASSWORD", secret)
    for extra in ([], ["--json"]):
        result = cli("backup", "create", "--source-dsn", source, "--to", f"file://{tmp_path}/b", *extra)
        assert result.code == 2
        assert "password authentication failed" in result.stdout + result.stderr
        assert secret not in result.stdout + result.stderr
    # a password given through a secret reference is used, and still never shown
    pw_file = tmp_path / "pw"
    pw_file.write_text(secret)
    result = cli(
        "backup", "create", "--source-dsn", source, "--to", f"file://{tmp_path}/b", "--password-ref", f"file:{pw_file}"
    )
    assert result.code == 2 and secret not in result.stdout + result.stderr


def test_password_in_dsn_is_refused(cli: Any, pg: PgCluster, tmp_path: Path) -> None:
    dsn = f"postgresql://postgres:{pg.password}@127.0.0.1:{pg.port}/postgres"
    result = cli("backup", "create", "--source-dsn", dsn, "--to", f"file://{tmp_path}/b", "--json")
    assert result.code == 2
    assert "contains a password" in result.json()["error"]
    assert pg.password not in result.stdout + result.stderr


def test_password_ref_is_used(
    cli: Any, pg: PgCluster, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("KALEO_TEST_DBPW", pg.password)
    out = _create(cli, "--source-dsn", source, "--to", f"file://{tmp_path}/r", "--password-ref", "env:KALEO_TEST_DBPW")
    assert pg.password not in json.dumps(out)
    assert os.environ.get("PGPASSWORD") is None


def test_a_backup_made_here_restores_with_kaleo_restore(
    cli: Any, pg: PgCluster, source: str, pgpass: str, gcs_env: Any, tmp_path: Path
) -> None:
    url = f"gs://{_gcs_bucket()}/db"
    # an incomplete backup only: restore refuses it
    incomplete = f"{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}-partial"
    open_store(url).put_bytes(file_key(incomplete, "toc.dat"), b"not a dump")
    target = f"rt_{uuid.uuid4().hex[:8]}"
    refused = cli("restore", "--from", url, "--target-dsn", pg.dsn(target), "--json")
    assert refused.code == 1, refused.stdout
    assert "no complete backup" in refused.json()["error"]

    out = _create(cli, "--source-dsn", source, "--to", url)
    restored = cli("restore", "--from", url, "--target-dsn", pg.dsn(target), "--json")
    assert restored.code == 0, restored.stdout + restored.stderr
    assert out["backup_id"] in restored.stdout
    with pgtools.connect(source) as a, pgtools.connect(pg.dsn(target)) as b:
        assert compare_inventories(inventory(a), inventory(b)) == []


def test_unusable_location_stops_the_dump_before_any_upload(
    cli: Any, source: str, pgpass: str, gcs_env: Any, tmp_path: Path
) -> None:
    """Locations are checked while pg_dump starts: one that fails kills the dump, and nothing
    reaches any location (not even a usable one), nor stays on local disk."""
    good, scratch = tmp_path / "good", tmp_path / "scratch"
    result = cli(
        "backup", "create", "--source-dsn", source, "--to", good.as_uri(),
        "--also-to", "gs://no-such-bucket-kaleo/db", "--work-dir", str(scratch), "--json",
    )  # fmt: skip
    assert result.code == 1
    assert "gs://no-such-bucket-kaleo/db is not usable" in result.json()["error"]
    assert not good.exists() or list(good.rglob("*")) == []
    assert list(scratch.iterdir()) == []
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    assert str(scratch) not in ps  # no pg_dump left running


def test_unreadable_manifest_makes_a_backup_incomplete(cli: Any, made: tuple[str, str, Manifest]) -> None:
    url, backup_id, _ = made
    open_store(url).put_bytes(manifest_key(backup_id), b'{"format": "kaleo-dr-backup/1", "backup_id": ')
    listed = cli("backup", "list", "--from", url, "--json").json()["backups"]
    assert listed[0]["complete"] is False and "not a valid manifest" in listed[0]["problem"]
    verified = cli("backup", "verify", "--from", url, "--backup-id", backup_id, "--json")
    assert verified.code == 1
    assert verified.json()["bad_files"][0]["path"] == "manifest.json"
    assert "not a valid manifest" in verified.json()["bad_files"][0]["reason"]


def test_create_from_the_config_file(
    cli: Any, pg: PgCluster, source: str, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("KALEO_TEST_SOURCE_PW", pg.password)
    (in_tmp / "kaleo-dr.yaml").write_text(
        "backup:\n"
        f"  to: file://{in_tmp}/primary\n"
        f"  also_to: ['file://{in_tmp}/secondary']\n"
        f"  source_dsn: {source}\n"
        "  source_password: env:KALEO_TEST_SOURCE_PW\n"
        "  compression: gzip:6\n"
        "  max_age: 1h\n"
    )
    out = _create(cli)
    assert out["compression"] == "gzip:6"
    assert out["urls"] == [f"file://{in_tmp}/primary", f"file://{in_tmp}/secondary"]
    assert cli("backup", "freshness").code == 0
    assert cli("backup", "verify", "--json").json()["ok"] is True
    (in_tmp / "kaleo-dr.yaml").write_text(f"backup:\n  source_dsn: {source}\n  source_password: 's3cr3t'\n")
    bad = cli("backup", "create", "--to", f"file://{in_tmp}/x", "--json")
    assert bad.code == 2 and "secrets are references" in bad.json()["error"]
    assert "s3cr3t" not in bad.stdout


SLOW_PG_DUMP = """#!{python}
import json, os, subprocess, sys, time
from pathlib import Path
real = {real!r}
if "--version" in sys.argv:
    os.execv(real, [real] + sys.argv[1:])
code = subprocess.run([real] + sys.argv[1:]).returncode
# pg_dump has finished writing but this process is still "pg_dump": watch the destination
root = Path(os.environ["KALEO_TEST_WATCH_DIR"])
seen = {{"packs_while_running": [], "toc_while_running": False}}
deadline = time.monotonic() + 20
while time.monotonic() < deadline and not any(root.rglob("*.kpack")):
    time.sleep(0.05)
time.sleep(1)  # the next looks at the dump folder (every 0.25 s) ship what is left as packs
seen["packs_while_running"] = sorted(p.name for p in root.rglob("*.kpack"))
seen["toc_while_running"] = any(root.rglob("toc.dat"))
Path(os.environ["KALEO_TEST_WATCH_REPORT"]).write_text(json.dumps(seen))
sys.exit(code)
"""


def test_files_ship_while_pg_dump_runs_and_toc_comes_last(
    cli: Any, source: str, pgpass: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "pg_dump"
    wrapper.write_text(SLOW_PG_DUMP.format(python=sys.executable, real=str(pgtools.find_tool("pg_dump", 15).path)))
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    report = tmp_path / "report.json"
    monkeypatch.setenv("KALEO_TEST_WATCH_DIR", str(tmp_path / "dest"))
    monkeypatch.setenv("KALEO_TEST_WATCH_REPORT", str(report))
    out = _create(cli, "--source-dsn", source, "--to", f"file://{tmp_path}/dest", "--pg-bin", str(bin_dir))
    seen = json.loads(report.read_text())
    assert seen["toc_while_running"] is False  # the table of contents only after pg_dump exited
    store = open_store(f"file://{tmp_path}/dest")
    assert verify_backup(store, out["backup_id"]).ok
    manifest = Manifest.from_json(store.get_bytes(manifest_key(out["backup_id"])))
    shipped = {m.path for name in seen["packs_while_running"] for m in manifest.members(name)}
    data = {f.path for f in manifest.files if f.path.endswith(".dat.gz")}
    # every table's rows (Ledger, users, orders, cache; ticks may be empty) and the large object's
    assert len(data) >= 5 and data <= shipped  # all uploaded before pg_dump exited


def _pg_dump_wrapper(tmp_path: Path, body: str) -> Path:
    """A folder holding a ``pg_dump`` shell script: ``body``, with ``{real}`` the real pg_dump."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "pg_dump"
    wrapper.write_text("#!/bin/sh\n" + body.format(real=pgtools.find_tool("pg_dump", 15).path))
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def test_a_dump_whose_table_of_contents_cannot_be_read_is_never_completed(
    cli: Any, source: str, pgpass: str, tmp_path: Path
) -> None:
    """A pg_dump that leaves a cut toc.dat (here: a wrapper truncating it) is caught."""
    bin_dir = _pg_dump_wrapper(
        tmp_path,
        """{real} "$@" || exit $?
for a in "$@"; do case "$a" in --file=*) f="${{a#--file=}}";; esac; done
if [ -n "$f" ]; then head -c 40 "$f/toc.dat" > "$f/cut" && mv "$f/cut" "$f/toc.dat"; fi
""",
    )
    url = f"file://{tmp_path}/cut"
    result = cli("backup", "create", "--source-dsn", source, "--to", url, "--pg-bin", str(bin_dir), "--json")
    assert result.code == 1, result.stdout
    assert "the archive's toc.dat cannot be read: toc.dat ends too early" in result.json()["error"]
    assert all(not b.complete for b in list_backups(open_store(url)))


def test_a_dump_silently_missing_table_data_is_never_completed(
    cli: Any, source: str, pgpass: str, tmp_path: Path
) -> None:
    """A pg_dump that leaves a table's rows out (here: a wrapper adding --exclude-table-data) is caught."""
    bin_dir = _pg_dump_wrapper(tmp_path, 'exec {real} "$@" --exclude-table-data=public.orders\n')
    url = f"file://{tmp_path}/silent"
    result = cli("backup", "create", "--source-dsn", source, "--to", url, "--pg-bin", str(bin_dir), "--json")
    assert result.code == 1
    assert "public.orders has 6000 rows but no data in the archive" in result.json()["error"]
    assert all(not b.complete for b in list_backups(open_store(url)))
