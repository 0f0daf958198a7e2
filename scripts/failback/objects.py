"""``kaleo-dr failback objects``: the uploads written on GCP, copied back to their S3 buckets.

For each pair of ``failback.buckets`` (GCS upload bucket -> S3 bucket; default: the reverse of
``readiness.buckets``), every GCS object created or changed since the cutover to GCP is:

* **copied** when S3 has no such object, or holds the version from before the cutover;
* **already there** when S3 holds the same bytes (size and SHA-256): nothing is written, so a
  run that was killed and started again copies only what it had not copied yet;
* a **conflict** when S3 holds different bytes written after the cutover that this command did
  not put there: reported, never overwritten (the business decides which version wins).

Each copy goes through a local file: downloaded, hashed (SHA-256), uploaded with its MD5 (S3
refuses a corrupted body), then read back from S3 and compared by size and SHA-256. Every
verified copy is appended (fsync) to ``<state.dir>/failback/objects.jsonl``: the record that
tells a later run which post-cutover S3 versions are its own.

S3 objects from before the cutover that GCS no longer has are listed as **missing on GCS**:
deleted on GCP, or uploaded on AWS so late that the bucket transfer never copied them (the data
cannot tell these apart). They are deleted from S3 only with ``--apply-deletes``.

The cutover time is ``--since``, else ``failback.cutover_at``, else the last cutover to GCP in
the incident log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig
from scripts.db.storage import ObjectInfo, Store, open_store
from scripts.failback.reconcile import parse_since
from scripts.output import BadInput, info

JOURNAL_NAME = "objects.jsonl"


def _sha256(store: Store, key: str, size: int) -> str:
    digest = hashlib.sha256()
    if size == 0:  # nothing to read (and some servers answer an empty range badly)
        return digest.hexdigest()
    for chunk in store.iter_chunks(key):
        digest.update(chunk)
    return digest.hexdigest()


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def bucket_pairs(config: KaleoConfig) -> dict[str, str]:
    pairs = config.failback.buckets or {gcs: s3 for s3, gcs in config.readiness.buckets.items()}
    if not pairs:
        raise BadInput("failback.buckets is not set (GCS upload bucket -> S3 bucket), nor readiness.buckets")
    return pairs


def cutover_time(config: KaleoConfig, given: str | None) -> tuple[dt.datetime, str]:
    text = given or config.failback.cutover_at
    if text:
        return parse_since(text, "--since / failback.cutover_at"), "given"
    from scripts.runbook.incident import IncidentLog

    path = config.state.incident_log_path()
    if path.exists():
        with IncidentLog.open(path) as log:
            for event in reversed(log.events(kind="note")):
                cut = event.payload.get("cutover")
                if isinstance(cut, dict) and cut.get("phase") == "switched" and cut.get("to") == "gcp":
                    return _utc(event.at) or event.at, "incident log (cutover to gcp)"
    raise BadInput(
        "the cutover to GCP is not in the incident log: give its time with --since or failback.cutover_at",
        hint="the time DNS was switched to GCP, ISO 8601 (objects changed on GCS after it are copied back)",
    )


class Journal:
    """Verified copies, one JSON line each, appended and fsynced before the next copy starts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.copied: dict[tuple[str, str], str] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    self.copied[(entry["s3_bucket"], entry["key"])] = entry["sha256"]

    def add(self, s3_bucket: str, key: str, sha: str, size: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"s3_bucket": s3_bucket, "key": key, "sha256": sha, "size": size, "at": _now()})
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.copied[(s3_bucket, key)] = sha


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _copy(src: Store, dst: Store, obj: ObjectInfo, work: Path) -> str:
    """Copy one object through a local file; returns its SHA-256 once S3 holds the same bytes."""
    local = work / "object"
    if obj.size:
        src.get_file(obj.key, local)
    else:
        local.write_bytes(b"")
    digest = hashlib.sha256()
    with local.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    dst.put_file(obj.key, local)
    local.unlink()
    stored = next((o for o in dst.list(obj.key) if o.key == obj.key), None)
    if stored is None or stored.size != obj.size or _sha256(dst, obj.key, stored.size) != sha:
        raise CopyMismatch(f"{dst.url}/{obj.key}: the copy does not match the GCS object (size or SHA-256)")
    return sha


class CopyMismatch(Exception):
    pass


def sync(
    config: KaleoConfig, *, since: str | None = None, apply_deletes: bool = False, as_json: bool = False
) -> dict[str, Any]:
    t0 = time.monotonic()
    cutover, cutover_source = cutover_time(config, since)
    journal = Journal(config.state.dir / "failback" / JOURNAL_NAME)
    buckets: list[dict[str, Any]] = []
    for gcs_bucket, s3_bucket in bucket_pairs(config).items():
        src, dst = open_store(f"gs://{gcs_bucket}"), open_store(f"s3://{s3_bucket}")
        gcs_objects = {o.key: o for o in src.list()}
        s3_objects = {o.key: o for o in dst.list()}
        report: dict[str, Any] = {
            "gcs": gcs_bucket,
            "s3": s3_bucket,
            "copied": [],
            "already": [],
            "conflicts": [],
            "failed": [],
            "missing_on_gcs": [],
            "deleted": [],
            "unchanged_since_cutover": 0,
        }
        with tempfile.TemporaryDirectory(prefix="kaleo-failback-") as tmp:
            for key, obj in sorted(gcs_objects.items()):
                updated = _utc(obj.updated)
                if updated is not None and updated <= cutover:
                    report["unchanged_since_cutover"] += 1
                    continue
                current = s3_objects.get(key)
                if current is not None:
                    s3_sha = _sha256(dst, key, current.size)
                    if current.size == obj.size and s3_sha == _sha256(src, key, obj.size):
                        report["already"].append(key)
                        continue
                    s3_time = _utc(current.updated)
                    ours = journal.copied.get((s3_bucket, key)) == s3_sha
                    if (s3_time is None or s3_time > cutover) and not ours:
                        report["conflicts"].append(
                            {"key": key, "gcs_updated": updated, "s3_updated": s3_time, "s3_sha256": s3_sha}
                        )
                        continue
                info(f"failback objects: gs://{gcs_bucket}/{key} -> s3://{s3_bucket}/{key}", as_json)
                try:
                    sha = _copy(src, dst, obj, Path(tmp))
                except CopyMismatch as exc:
                    report["failed"].append({"key": key, "error": str(exc)})
                    continue
                journal.add(s3_bucket, key, sha, obj.size)
                report["copied"].append({"key": key, "size": obj.size, "sha256": sha})
        for key, obj in sorted(s3_objects.items()):
            s3_time = _utc(obj.updated)
            if key in gcs_objects or (s3_time is not None and s3_time > cutover):
                continue
            report["missing_on_gcs"].append(key)
            if apply_deletes:
                dst.delete(key)
                report["deleted"].append(key)
        buckets.append(report)
    conflicts = sum(len(b["conflicts"]) for b in buckets)
    failed = sum(len(b["failed"]) for b in buckets)
    return {
        "cutover": cutover.isoformat(),
        "cutover_source": cutover_source,
        "apply_deletes": apply_deletes,
        "buckets": buckets,
        "copied": sum(len(b["copied"]) for b in buckets),
        "already": sum(len(b["already"]) for b in buckets),
        "conflicts": conflicts,
        "failed": failed,
        "missing_on_gcs": sum(len(b["missing_on_gcs"]) for b in buckets),
        "deleted": sum(len(b["deleted"]) for b in buckets),
        "journal": str(journal.path),
        "seconds": round(time.monotonic() - t0, 3),
        "exit_code": 1 if conflicts or failed else 0,
    }
