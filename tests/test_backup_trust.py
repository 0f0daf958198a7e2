"""Backups are authenticated end to end: signed manifests, refused forgeries, no future-dated backups.

``backup list``, ``backup freshness`` and ``restore`` run through the CLI against a file://
location; the attacker's backups are written straight into the location, as someone with
write access to the bucket could.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.db import trust
from scripts.db.manifest import Manifest, file_key, manifest_key
from scripts.db.storage import open_store
from scripts.standins.localsvc import PgCluster
from tests.conftest import past_the_second
from tests.restore_support import drop_db, make_backup, table_checksums

SOURCE = "trust_src"
FUTURE_ID = "29991231T235959Z-x"


@pytest.fixture(scope="module")
def source(pg: PgCluster) -> str:
    pg.psql(f"DROP DATABASE IF EXISTS {SOURCE} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {SOURCE}")
    pg.psql(
        "CREATE TABLE t (id int PRIMARY KEY, v text); "
        "INSERT INTO t SELECT g, 'row' || g FROM generate_series(1, 500) g;",
        SOURCE,
    )
    return SOURCE


@pytest.fixture
def db(pg: PgCluster) -> Any:
    name = "trust_dst"
    drop_db(pg, name)
    yield name
    drop_db(pg, name)


def _config(tmp: Path, url: str, **backup: Any) -> Path:
    path = tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump({"backup": {"to": url, "max_age": "1h", **backup}}))
    return path


def _copy_backup(url: str, from_id: str, to_id: str, edit: Any = None, signature: bytes | None = None) -> None:
    """What an attacker with write access to the location can do: copy files, rewrite the manifest."""
    store = open_store(url)
    manifest = Manifest.from_json(store.get_bytes(manifest_key(from_id)))
    for entry in manifest.objects_stored():
        store.put_bytes(file_key(to_id, entry.path), store.get_bytes(file_key(from_id, entry.path)))
    manifest.backup_id = to_id
    if edit is not None:
        edit(manifest)
    if signature is not None:
        store.put_bytes(trust.signature_key(to_id), signature)
    store.put_bytes(manifest_key(to_id), manifest.to_json().encode())


def _list(cli: Any, cfg: Path) -> dict[str, dict[str, Any]]:
    res = cli("--config", str(cfg), "backup", "list", "--json")
    assert res.code == 0, res.stdout
    return {b["backup_id"]: b for b in res.json()["backups"]}


def test_signed_backups_only_and_forgeries_are_skipped_end_to_end(
    pg: PgCluster, source: str, db: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", pg.password)
    url = f"file://{tmp_path / 'backups'}"
    keygen = cli("backup", "keygen", "--out", str(tmp_path / "signing.pem"), "--json")
    assert keygen.code == 0, keygen.stdout
    assert (tmp_path / "signing.pem").stat().st_mode & 0o777 == 0o600
    assert cli("backup", "keygen", "--out", str(tmp_path / "signing.pem"), "--json").code == 2  # never overwritten
    public = keygen.json()["public_key"]
    cfg = _config(tmp_path, url, signing_key=f"file:{tmp_path / 'signing.pem'}", public_key=public)

    made = cli("--config", str(cfg), "backup", "create", "--source-dsn", pg.dsn(source), "--json")
    assert made.code == 0, made.stdout + made.stderr
    good = made.json()["backup_id"]
    assert made.json()["signed"] is True
    store = open_store(url)
    assert store.get_bytes(trust.signature_key(good))

    past_the_second(dt.datetime.now(dt.UTC))  # the attackers' backups get newer ids (one-second resolution)
    # 1. a newer backup without signature (made the old way, or planted)
    unsigned = make_backup(pg, source, url, label="unsigned").backup_id
    # 2. a newer copy whose manifest was altered: the original signature no longer matches
    forged = unsigned.replace("unsigned", "forged")
    _copy_backup(
        url,
        good,
        forged,
        lambda m: setattr(m, "data_as_of", m.completed_at),
        store.get_bytes(trust.signature_key(good)),
    )
    # 3. a future-dated copy, even correctly signed with the real key
    key = trust.load_signing_key(f"file:{tmp_path / 'signing.pem'}")
    future_manifest = Manifest.from_json(store.get_bytes(manifest_key(good)))
    future_manifest.backup_id = FUTURE_ID
    future_manifest.data_as_of = "2999-12-31T23:59:59+00:00"
    body = future_manifest.to_json().encode()
    _copy_backup(url, good, FUTURE_ID, lambda m: m.__dict__.update(future_manifest.__dict__))
    store.put_bytes(trust.signature_key(FUTURE_ID), trust.sign(key, body))
    store.put_bytes(manifest_key(FUTURE_ID), body)

    listed = _list(cli, cfg)
    assert listed[good]["complete"] and listed[good]["signed"]
    assert not listed[unsigned]["complete"] and "unsigned" in listed[unsigned]["problem"]
    assert not listed[forged]["complete"] and "bad signature" in listed[forged]["problem"]
    assert not listed[FUTURE_ID]["complete"] and "future-dated" in listed[FUTURE_ID]["problem"]

    fresh = cli("--config", str(cfg), "backup", "freshness", "--json")
    assert fresh.code == 0, fresh.stdout
    data = fresh.json()
    assert data["newest_complete"] == good and data["age_seconds"] >= 0
    assert {r["backup_id"] for r in data["refused"]} == {unsigned, forged, FUTURE_ID}

    verify = cli("--config", str(cfg), "backup", "verify", "--backup-id", forged, "--json")
    assert verify.code == 1 and "bad signature" in json.dumps(verify.json()["bad_files"])
    latest = cli("--config", str(cfg), "backup", "verify", "--json")  # the newest is never the future-dated one
    assert latest.json()["backup_id"] == max(unsigned, forged)

    res = cli("--config", str(cfg), "restore", "--target-dsn", pg.dsn(db), "--json")
    assert res.code == 0, res.stdout + res.stderr
    out = res.json()
    assert out["backup_id"] == good
    reasons = {s["backup_id"]: s["reason"] for s in out["skipped"]}
    assert set(reasons) == {FUTURE_ID, forged, unsigned}
    assert "future-dated" in reasons[FUTURE_ID] and "bad signature" in reasons[forged]
    assert "unsigned" in reasons[unsigned]
    assert table_checksums(pg, db) == table_checksums(pg, source)

    # turning the requirement off explicitly accepts the unsigned one, never the forged one
    relaxed = _config(tmp_path, url, public_key=public, require_signature=False)
    listed = _list(cli, relaxed)
    assert listed[unsigned]["complete"] and not listed[unsigned]["signed"]
    assert "bad signature" in listed[forged]["problem"]


def test_future_dated_backup_is_never_fresh_nor_restored_without_keys(
    pg: PgCluster, source: str, db: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reported case: a self-consistent 29991231T235959Z-x made freshness say fresh with a negative age."""
    monkeypatch.setenv("PGPASSWORD", pg.password)
    url = f"file://{tmp_path / 'backups'}"
    cfg = _config(tmp_path, url, max_age="26h")
    old = make_backup(pg, source, url, minutes_ago=60 * 30).backup_id  # 30 h old: stale
    _copy_backup(url, old, FUTURE_ID, lambda m: setattr(m, "data_as_of", "2999-12-31T23:59:59+00:00"))

    listed = _list(cli, cfg)
    assert "future-dated" in listed[FUTURE_ID]["problem"]
    fresh = cli("--config", str(cfg), "backup", "freshness", "--json")
    assert fresh.code == 1, fresh.stdout  # stale: the planted backup does not count
    assert fresh.json()["newest_complete"] == old and fresh.json()["age_seconds"] > 0

    res = cli("--config", str(cfg), "restore", "--target-dsn", pg.dsn(db), "--json")
    assert res.code == 0, res.stdout + res.stderr
    assert res.json()["backup_id"] == old
    assert [s["backup_id"] for s in res.json()["skipped"]] == [FUTURE_ID]


def test_require_signature_without_public_key_is_bad_config(cli: Any, tmp_path: Path) -> None:
    cfg = _config(tmp_path, f"file://{tmp_path / 'b'}", require_signature=True)
    res = cli("--config", str(cfg), "backup", "list", "--json")
    assert res.code == 2 and "backup.public_key" in res.json()["error"]
    bad = _config(tmp_path, f"file://{tmp_path / 'b'}", public_key="not-a-key")
    res = cli("--config", str(bad), "backup", "list", "--json")
    assert res.code == 2 and "backup.public_key" in res.json()["error"]
