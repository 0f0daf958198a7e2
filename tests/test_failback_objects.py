"""kaleo-dr failback objects: GCS uploads copied back to S3 (gcp-storage-emulator and moto)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.config import parse_config
from scripts.failback.objects import sync
from scripts.output import BadInput
from scripts.runbook.incident import IncidentLog
from tests.conftest import past_the_second

ROOT = Path(__file__).resolve().parent.parent


class Buckets:
    def __init__(self, gcs_url: str, s3_url: str, tmp: Path) -> None:
        import boto3
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage

        self.tmp = tmp
        self.gcs_name, self.s3_name = f"up-{os.urandom(4).hex()}", f"prod-{os.urandom(4).hex()}"
        self.gcs = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials()).create_bucket(
            self.gcs_name
        )
        self.s3 = boto3.client("s3", endpoint_url=s3_url)
        self.s3.create_bucket(Bucket=self.s3_name)

    def gcs_put(self, key: str, data: bytes) -> None:
        self.gcs.blob(key).upload_from_string(data)

    def s3_put(self, key: str, data: bytes) -> None:
        self.s3.put_object(Bucket=self.s3_name, Key=key, Body=data)

    def s3_get(self, key: str) -> bytes:
        return bytes(self.s3.get_object(Bucket=self.s3_name, Key=key)["Body"].read())

    def s3_keys(self) -> list[str]:
        return sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=self.s3_name).get("Contents", []))

    def raw(self, cutover: dt.datetime | None) -> dict[str, Any]:
        failback: dict[str, Any] = {"buckets": {self.gcs_name: self.s3_name}}
        if cutover is not None:
            failback["cutover_at"] = cutover.isoformat()
        return {"state": {"dir": str(self.tmp / "state")}, "failback": failback}


@pytest.fixture
def buckets(gcs_env: Any, aws_env: Any, tmp_path: Path) -> Buckets:
    return Buckets(gcs_env.url, aws_env.url, tmp_path)


def cut(b: Buckets) -> dt.datetime:
    """Objects written before this moment are the AWS era; after it, the GCP era.

    S3 LastModified has one-second resolution, rounded down: objects written before read older than the
    moment, and objects written once it returns read newer."""
    return past_the_second(dt.datetime.now(dt.UTC))


def test_gcp_era_objects_are_copied_verified_and_a_conflict_is_never_overwritten(buckets: Buckets) -> None:
    b = buckets
    for key in ("old/a.txt", "old/b.txt", "gone.txt"):
        b.s3_put(key, f"aws {key}".encode())
        b.gcs_put(key, f"aws {key}".encode())
    b.s3_put("late-on-aws.txt", b"uploaded on AWS, never transferred")
    cutover = cut(b)
    b.gcs_put("new/1.bin", os.urandom(3000))
    b.gcs_put("new/2.bin", b"")
    b.gcs_put("old/a.txt", b"changed on gcp")
    b.gcs_put("both.txt", b"gcp version")
    b.s3_put("both.txt", b"aws version written after the cutover")
    b.gcs.blob("gone.txt").delete()

    data = sync(parse_config(b.raw(cutover)))
    assert {c["key"] for c in data["buckets"][0]["copied"]} == {"new/1.bin", "new/2.bin", "old/a.txt"}
    assert [c["key"] for c in data["buckets"][0]["conflicts"]] == ["both.txt"]
    assert b.s3_get("both.txt") == b"aws version written after the cutover"  # not overwritten
    assert b.s3_get("old/a.txt") == b"changed on gcp"
    assert b.s3_get("new/1.bin") == b.gcs.blob("new/1.bin").download_as_bytes()
    assert sorted(data["buckets"][0]["missing_on_gcs"]) == ["gone.txt", "late-on-aws.txt"]
    assert "gone.txt" in b.s3_keys()  # listed, not replayed
    assert data["exit_code"] == 1 and data["conflicts"] == 1 and data["cutover_source"] == "given"

    again = sync(parse_config(b.raw(cutover)), apply_deletes=True)
    assert again["copied"] == 0 and again["already"] == 3 and again["conflicts"] == 1
    assert sorted(again["buckets"][0]["deleted"]) == ["gone.txt", "late-on-aws.txt"]
    assert "gone.txt" not in b.s3_keys()


def test_a_copy_changed_again_on_gcp_after_it_was_copied_is_not_a_conflict(buckets: Buckets) -> None:
    b = buckets
    cutover = cut(b)
    b.gcs_put("doc.txt", b"first")
    assert sync(parse_config(b.raw(cutover)))["copied"] == 1
    b.gcs_put("doc.txt", b"second, still on GCP")
    data = sync(parse_config(b.raw(cutover)))
    assert (data["copied"], data["conflicts"], data["exit_code"]) == (1, 0, 0)
    assert b.s3_get("doc.txt") == b"second, still on GCP"


def test_the_cutover_time_comes_from_the_incident_log(buckets: Buckets) -> None:
    b = buckets
    raw = b.raw(None)
    with pytest.raises(BadInput, match="--since"):
        sync(parse_config(raw))
    at = dt.datetime(2026, 11, 28, 4, 0, tzinfo=dt.UTC)
    path = parse_config(raw).state.incident_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with IncidentLog.open(path) as log:
        log.record("note", {"cutover": {"phase": "switched", "to": "gcp"}}, None, at=at)
        log.record("note", {"cutover": {"phase": "restored", "to": "aws"}}, None, at=at + dt.timedelta(hours=1))
    data = sync(parse_config(raw))
    assert (data["cutover"], data["cutover_source"]) == (at.isoformat(), "incident log (cutover to gcp)")


CRASH = """
import os, signal, sys
from scripts.config import load_config
from scripts.db import storage
from scripts.failback.objects import sync
real, puts = storage.S3Store.put_file, []
def put_file(self, key, path):
    puts.append(key)
    if len(puts) == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)  # the machine dies in the middle of a copy
    return real(self, key, path)
storage.S3Store.put_file = put_file
sync(load_config(__import__("pathlib").Path(sys.argv[1])))
"""


def test_killed_with_sigkill_and_run_again_copies_each_object_once(buckets: Buckets, tmp_path: Path) -> None:
    b = buckets
    cutover = cut(b)
    objects = {f"gcp/{i:02d}.bin": os.urandom(100 + i) for i in range(12)}
    for key, data in objects.items():
        b.gcs_put(key, data)
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(yaml.safe_dump(b.raw(cutover)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, str(config), "6"], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert crashed.returncode == -9, crashed.stderr.decode()[-2000:]
    journal = tmp_path / "state" / "failback" / "objects.jsonl"
    first = [json.loads(line)["key"] for line in journal.read_text().splitlines()]
    assert len(first) == 5  # five verified copies recorded before the sixth put died

    resumed = subprocess.run(
        [sys.executable, "-m", "scripts", "--config", str(config), "failback", "objects", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert resumed.returncode == 0, resumed.stdout.decode() + resumed.stderr.decode()[-2000:]
    data = json.loads(resumed.stdout)
    assert data["already"] == 5 and data["copied"] == 7
    assert not {c["key"] for c in data["buckets"][0]["copied"]} & set(first)
    lines = [json.loads(line)["key"] for line in journal.read_text().splitlines()]
    assert sorted(lines) == sorted(objects)  # each object copied (and recorded) exactly once
    assert b.s3_keys() == sorted(objects)
    assert all(b.s3_get(k) == v for k, v in objects.items())
