"""The storage layer against real stand-ins: local folder, gcp-storage-emulator, moto S3."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.db.storage import NotFound, StorageError, open_store, sha256_file
from scripts.output import BadInput
from scripts.standins.flaky import FlakyProxy


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    p = tmp_path / "blob.bin"
    p.write_bytes(os.urandom(9 * 1024 * 1024 + 17))  # more than one 8 MiB chunk
    return p


@pytest.fixture
def gcs_bucket(gcs_env):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    client = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())
    name = f"dumps-{os.urandom(4).hex()}"
    client.create_bucket(name)
    return name


@pytest.fixture
def s3_bucket(aws_env):
    import boto3

    name = f"dumps-{os.urandom(4).hex()}"
    boto3.client("s3", endpoint_url=aws_env.url).create_bucket(Bucket=name)
    return name


def _roundtrip(url: str, payload: Path, tmp_path: Path) -> None:
    store = open_store(url)
    store.put_file("b1/files/blob.bin", payload)
    store.put_bytes("b1/manifest.json", b'{"ok": true}')
    listing = {o.key: o.size for o in store.list()}
    assert listing == {"b1/files/blob.bin": payload.stat().st_size, "b1/manifest.json": 12}
    assert {o.key for o in store.list("b1/files")} == {"b1/files/blob.bin"}
    out = tmp_path / "down.bin"
    store.get_file("b1/files/blob.bin", out)
    assert sha256_file(out) == sha256_file(payload)
    assert b"".join(store.iter_chunks("b1/files/blob.bin")) == payload.read_bytes()
    assert store.get_bytes("b1/manifest.json") == b'{"ok": true}'
    assert store.exists("b1/manifest.json")
    assert not store.exists("b1/absent")
    with pytest.raises(NotFound):
        store.get_bytes("b1/absent")
    store.delete("b1/manifest.json")
    assert not store.exists("b1/manifest.json")


def test_file_store_roundtrip(tmp_path, payload):
    _roundtrip(f"file://{tmp_path}/backups", payload, tmp_path)


def test_gcs_store_roundtrip(tmp_path, payload, gcs_bucket):
    _roundtrip(f"gs://{gcs_bucket}/kaleo/db", payload, tmp_path)


def test_s3_store_roundtrip(tmp_path, payload, s3_bucket):
    _roundtrip(f"s3://{s3_bucket}/kaleo/db", payload, tmp_path)


def test_prefixes_do_not_leak_between_locations(tmp_path, gcs_bucket):
    a = open_store(f"gs://{gcs_bucket}/a")
    b = open_store(f"gs://{gcs_bucket}/ab")
    a.put_bytes("x", b"1")
    b.put_bytes("y", b"2")
    assert [o.key for o in a.list()] == ["x"]
    assert [o.key for o in b.list()] == ["y"]


def test_gcs_rides_out_503s(tmp_path, payload, gcs_bucket, gcs, backoff, monkeypatch):
    with FlakyProxy(gcs.url, fail_first=4) as proxy:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
        store = open_store(f"gs://{gcs_bucket}/flaky")
        store.put_bytes("small", b"abc")
        assert proxy.failed == 4
        proxy.arm(3)
        assert store.get_bytes("small") == b"abc"
        assert proxy.failed == 3
    assert backoff.delays  # the retries backed off (on the recording clock: 1/100 of the wait)


def test_s3_rides_out_503s(tmp_path, s3_bucket, moto_server, monkeypatch):
    with FlakyProxy(moto_server.url, fail_first=5) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        store = open_store(f"s3://{s3_bucket}/flaky")
        store.put_bytes("small", b"abc")
        assert proxy.failed == 5
        assert store.get_bytes("small") == b"abc"


def test_persistent_outage_is_a_clear_storage_error(gcs_bucket, gcs, monkeypatch):
    monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "2")
    with FlakyProxy(gcs.url, fail_first=1000) as proxy:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
        store = open_store(f"gs://{gcs_bucket}/down")
        with pytest.raises(StorageError) as err:
            store.put_bytes("x", b"1")
        assert "upload" in err.value.message
        assert err.value.code == 1


@pytest.mark.parametrize("url", ["ftp://host/x", "gs:///nobucket", "file://relative/path", "bucket/prefix", "s3://"])
def test_bad_urls_are_bad_input(url):
    with pytest.raises(BadInput):
        open_store(url)


def test_file_keys_cannot_escape_the_root(tmp_path):
    store = open_store(f"file://{tmp_path}/root")
    with pytest.raises(BadInput):
        store.put_bytes("../../etc/evil", b"x")


def test_gcs_ranged_read_rides_out_503s_between_ranges(payload, gcs_bucket, gcs, backoff, monkeypatch):
    with FlakyProxy(gcs.url, fail_first=0) as proxy:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", proxy.url)
        store = open_store(f"gs://{gcs_bucket}/ranged")
        store.put_file("blob.bin", payload)
        chunks = store.iter_chunks("blob.bin")
        first = next(chunks)
        proxy.arm(3)  # the second range is refused three times, then served
        rest = b"".join(chunks)
        assert proxy.failed == 3
    assert len(backoff.delays) == 3  # each refusal backed off before the range was asked again
    assert first + rest == payload.read_bytes()
    assert len(first) == 8 * 1024 * 1024  # read in ranges: each retried on its own
