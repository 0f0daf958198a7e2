"""Backups of many small tables: their files packed into few objects, and restored from them.

A dump of 41 small tables: ``backup create`` packs every file under 1 MiB (all of them but
``toc.dat``) into packs, one per look at pg_dump's folder, so they ship while pg_dump runs
(checked in ``test_backup.py``). These tests check the layout and the packing; that
``backup verify`` and a restore check every packed file against its own sha256 (a damaged one
is named); that both restore paths (the pack read whole, and a ranged read per file when the
disk bound cannot hold the packs) give the source's data back; that a signed manifest covers
the packs; and that format-1 manifests still restore.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from scripts.db import pgtools, roles
from scripts.db.backup import create_backup, download_files, verify_backup
from scripts.db.backup.upload import Location, Uploader
from scripts.db.manifest import Manifest, file_key, manifest_key
from scripts.db.restore.errors import BadBackup
from scripts.db.restore.packs import PackReader
from scripts.db.storage import open_store
from scripts.standins.localsvc import PgCluster
from tests.restore_support import drop_db, make_backup, table_checksums

SOURCE = "packs_src"
TABLES = 40


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> str:
    pg.psql(f"DROP DATABASE IF EXISTS {SOURCE} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {SOURCE}")
    sql = [
        "CREATE TABLE owners (id int PRIMARY KEY, name text)",
        "INSERT INTO owners SELECT g, 'o' || g FROM generate_series(1, 50) g",
    ]
    for n in range(TABLES):
        sql.append(f"CREATE TABLE t{n} (id int PRIMARY KEY, owner int REFERENCES owners, v text)")
        sql.append(f"INSERT INTO t{n} SELECT g, 1 + g % 50, md5(g::text) FROM generate_series(1, {20 + n}) g")
    pg.psql(";\n".join(sql), SOURCE)
    return SOURCE


@pytest.fixture(scope="module")
def packed(pg: PgCluster, source: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Manifest]:
    url = (tmp_path_factory.mktemp("packs") / "backups").as_uri()
    out = create_backup(pg.dsn(source), [url], password=pg.password, jobs=2, compression="gzip:1")
    store = open_store(url)
    return url, Manifest.from_json(store.get_bytes(manifest_key(out["backup_id"])))


@pytest.fixture
def db(pg: PgCluster) -> Any:
    name = "packs_dst"
    drop_db(pg, name)
    yield name
    drop_db(pg, name)


def _copy(url: str, manifest: Manifest, to: str) -> tuple[str, Manifest]:
    """The same backup in another location (to damage it there)."""
    store, dest = open_store(url), open_store(to)
    for f in manifest.objects_stored():
        dest.put_bytes(file_key(manifest.backup_id, f.path), store.get_bytes(file_key(manifest.backup_id, f.path)))
    dest.put_bytes(manifest_key(manifest.backup_id), store.get_bytes(manifest_key(manifest.backup_id)))
    return to, manifest


def _restore(pg: PgCluster, url: str, db: str, tmp: Path, spool_disk: int | None = None) -> Any:
    from scripts.db.restore import Options, run_restore

    work = tmp / "work"
    work.mkdir(exist_ok=True)
    return run_restore(
        Options(url=url, target_dsn=pg.dsn(db), password=pg.password, jobs=2, work_dir=work, spool_disk=spool_disk)
    )


def test_small_files_are_packed_and_each_keeps_its_sha256(
    pg: PgCluster, packed: tuple[str, Manifest], tmp_path: Path
) -> None:
    url, manifest = packed
    store = open_store(url)
    assert manifest.format == "kaleo-dr-backup/2"
    assert [f.path for f in manifest.files if f.pack is None] == ["toc.dat"]  # read first and alone
    assert len([f for f in manifest.files if f.path.endswith(".dat.gz")]) == TABLES + 1
    assert roles.FILE_NAME in {f.path for f in manifest.files}
    assert [p.path for p in manifest.packs] == [f"pack-{n:04d}.kpack" for n in range(len(manifest.packs))]
    assert sum(len(manifest.members(p.path)) for p in manifest.packs) == len(manifest.files) - 1
    stored = {o.key: o.size for o in store.list(f"{manifest.backup_id}/files/")}
    assert stored == {file_key(manifest.backup_id, f.path): f.size for f in manifest.objects_stored()}
    for pack in manifest.packs:
        body = store.get_bytes(file_key(manifest.backup_id, pack.path))
        assert hashlib.sha256(body).hexdigest() == pack.sha256
        members = manifest.members(pack.path)
        assert sum(m.size for m in members) == len(body) and members[0].offset == 0
        for m in members:
            assert hashlib.sha256(body[m.offset : m.offset + m.size]).hexdigest() == m.sha256
    assert verify_backup(store, manifest.backup_id).ok
    local = tmp_path / "dl"
    download_files(store, manifest, local)
    listing = subprocess.run(
        [str(pgtools.find_tool("pg_restore", 15).path), "-l", str(local)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public t39" in listing


def test_each_flush_makes_one_pack_of_what_waits(tmp_path: Path) -> None:
    url = (tmp_path / "store").as_uri()
    files = []
    for n, size in enumerate((10, 0, 300, 2048)):
        path = tmp_path / f"{n}.dat.gz"
        path.write_bytes(bytes([n]) * size)
        files.append(path)
    (tmp_path / "toc.dat").write_bytes(b"toc")
    uploader = Uploader([Location(open_store(url))], "b1", workers=2, pack_below=1024)
    for path in files[:2]:
        uploader.submit(path, path.name)
    uploader.flush()
    uploader.flush()  # nothing waits: no empty pack
    uploader.submit(files[2], files[2].name)
    uploader.submit(files[3], files[3].name)  # not small: its own object
    uploader.submit(tmp_path / "toc.dat", "toc.dat")  # never packed
    entries = {e.path: e for e in uploader.finish()}
    assert sorted(uploader.packs) == ["pack-0000.kpack", "pack-0001.kpack"]
    assert [(entries[f"{n}.dat.gz"].pack, entries[f"{n}.dat.gz"].offset) for n in range(3)] == [
        ("pack-0000.kpack", 0),
        ("pack-0000.kpack", 10),
        ("pack-0001.kpack", 0),
    ]
    assert entries["3.dat.gz"].pack is None and entries["toc.dat"].pack is None
    store = open_store(url)
    assert store.get_bytes(file_key("b1", "pack-0000.kpack")) == bytes([0]) * 10
    assert store.get_bytes(file_key("b1", "pack-0001.kpack")) == bytes([2]) * 300
    assert uploader.packs["pack-0001.kpack"].sha256 == hashlib.sha256(bytes([2]) * 300).hexdigest()


def test_verify_names_a_damaged_packed_file_and_every_file_of_a_truncated_pack(
    packed: tuple[str, Manifest], tmp_path: Path
) -> None:
    url, manifest = _copy(*packed, (tmp_path / "bad").as_uri())
    store = open_store(url)
    pack = manifest.packs[0]
    victim = max(manifest.members(pack.path), key=lambda m: m.size)
    raw = bytearray(store.get_bytes(file_key(manifest.backup_id, pack.path)))
    raw[victim.offset + victim.size // 2] ^= 0xFF
    store.put_bytes(file_key(manifest.backup_id, pack.path), bytes(raw))
    result = verify_backup(store, manifest.backup_id)
    assert not result.ok and result.files_checked == len(manifest.files)
    assert [(b.path, b.reason) for b in result.bad_files] == [(victim.path, f"sha256 mismatch (pack {pack.path})")]
    store.put_bytes(file_key(manifest.backup_id, pack.path), bytes(raw[:10]))
    bad = {b.path: b.reason for b in verify_backup(store, manifest.backup_id).bad_files}
    assert set(bad) == {m.path for m in manifest.members(pack.path)}
    assert bad[victim.path] == f"truncated: 10 bytes, expected {pack.size} (pack {pack.path})"


@pytest.mark.parametrize("whole", [True, False], ids=["pack-read-whole", "ranged-reads"])
def test_restore_from_packs_gives_the_source_back(
    pg: PgCluster, source: str, packed: tuple[str, Manifest], db: str, tmp_path: Path, whole: bool
) -> None:
    """Read whole into the dump folder when the disk bound holds the packs beside toc.dat, else
    each packed file through the spool (in memory) by a ranged read of its pack."""
    url, manifest = packed
    toc = next(f for f in manifest.files if f.path == "toc.dat")
    spool_disk = None if whole else toc.size + sum(p.size for p in manifest.packs) - 1
    result = _restore(pg, url, db, tmp_path, spool_disk)
    assert result.validation["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, source)
    assert pg.psql("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated", db) == str(TABLES)


def test_restore_refuses_a_damaged_packed_file(
    pg: PgCluster, packed: tuple[str, Manifest], db: str, tmp_path: Path
) -> None:
    url, manifest = _copy(*packed, (tmp_path / "bad").as_uri())
    store = open_store(url)
    pack = manifest.packs[0]
    victim = max(manifest.members(pack.path), key=lambda m: m.size)
    raw = bytearray(store.get_bytes(file_key(manifest.backup_id, pack.path)))
    raw[victim.offset + victim.size // 2] ^= 0xFF
    store.put_bytes(file_key(manifest.backup_id, pack.path), bytes(raw))
    with pytest.raises(Exception, match="does not match the manifest") as info:
        _restore(pg, url, db, tmp_path)
    assert victim.path in str(getattr(info.value, "details", "")) + str(info.value)
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0"


def test_pack_reader_serves_each_file_once_verified(packed: tuple[str, Manifest], tmp_path: Path) -> None:
    url, manifest = _copy(*packed, (tmp_path / "bad").as_uri())
    store = open_store(url)
    pack = manifest.packs[0]
    members = manifest.members(pack.path)
    victim = members[len(members) // 2]
    raw = bytearray(store.get_bytes(file_key(manifest.backup_id, pack.path)))
    raw[victim.offset] ^= 0xFF
    store.put_bytes(file_key(manifest.backup_id, pack.path), bytes(raw))
    folder = tmp_path / "dump"
    folder.mkdir()

    def small_chunks(entry: Any) -> Any:  # pieces cut across file boundaries
        data = store.get_bytes(file_key(manifest.backup_id, entry.path))
        for i in range(0, len(data), 777):
            yield data[i : i + 777]

    reader = PackReader(manifest, folder, small_chunks)
    with pytest.raises(BadBackup) as info:
        reader.fetch(pack.path)
    assert victim.path in info.value.bad_files[0]
    stop = threading.Event()
    for m in members[: members.index(victim)]:  # the files before it are whole and verified
        assert hashlib.sha256(b"".join(reader.read(m.path, stop))).hexdigest() == m.sha256
    with pytest.raises(BadBackup):
        next(reader.read(victim.path, stop))
    assert list(folder.iterdir()) == [folder / pack.path]  # one file per pack, none per table


def test_a_format_1_manifest_still_restores(pg: PgCluster, source: str, db: str, tmp_path: Path) -> None:
    url = (tmp_path / "old").as_uri()
    manifest = make_backup(pg, source, url)  # every file an object of its own
    data = json.loads(manifest.to_json())
    data["format"] = "kaleo-dr-backup/1"
    del data["packs"]
    for f in data["files"]:
        del f["pack"], f["offset"]
    open_store(url).put_bytes(manifest_key(manifest.backup_id), json.dumps(data).encode())
    result = _restore(pg, url, db, tmp_path)
    assert result.validation["ok"] is True
    assert table_checksums(pg, db) == table_checksums(pg, source)


def test_a_signed_manifest_covers_every_packed_file(pg: PgCluster, source: str, tmp_path: Path) -> None:
    """The signature is over the manifest, which holds each pack's and each packed file's
    sha256: a pack swapped for other bytes is caught by those, and a manifest edited to match
    them no longer verifies."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from scripts.db.backup.catalog import load_trusted_manifest
    from scripts.db.trust import TrustPolicy
    from scripts.output import CheckFailed

    key = Ed25519PrivateKey.generate()
    policy = TrustPolicy(key.public_key(), require_signature=True)
    url = (tmp_path / "signed").as_uri()
    out = create_backup(pg.dsn(source), [url], password=pg.password, jobs=2, signing_key=key)
    store = open_store(url)
    manifest, signed = load_trusted_manifest(store, out["backup_id"], policy)
    assert signed and manifest.packs
    pack = manifest.packs[0]
    victim = manifest.members(pack.path)[0]
    raw = bytearray(store.get_bytes(file_key(manifest.backup_id, pack.path)))
    raw[victim.offset + victim.size // 2] ^= 0xFF
    store.put_bytes(file_key(manifest.backup_id, pack.path), bytes(raw))
    assert [b.path for b in verify_backup(store, manifest.backup_id).bad_files] == [victim.path]
    # rewriting the manifest to the new bytes breaks its signature
    victim.sha256 = hashlib.sha256(raw[victim.offset : victim.offset + victim.size]).hexdigest()
    pack.sha256 = hashlib.sha256(raw).hexdigest()
    store.put_bytes(manifest_key(manifest.backup_id), manifest.to_json().encode())
    with pytest.raises(CheckFailed, match="bad signature"):
        load_trusted_manifest(store, manifest.backup_id, policy)


def test_pack_reader_writes_out_the_files_pg_restore_reads_itself(packed: tuple[str, Manifest], tmp_path: Path) -> None:
    url, manifest = packed
    store = open_store(url)
    pack = manifest.packs[0]
    wanted = [m for m in manifest.members(pack.path)][::3]
    reader = PackReader(
        manifest,
        tmp_path,
        lambda e: iter([store.get_bytes(file_key(manifest.backup_id, e.path))]),
        extract=[m.path for m in wanted],
    )
    reader.fetch(pack.path)
    reader.fetch(pack.path)  # claimed: fetched once
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([pack.path, *(m.path for m in wanted)])
    for m in wanted:
        assert hashlib.sha256((tmp_path / m.path).read_bytes()).hexdigest() == m.sha256
