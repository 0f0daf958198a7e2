"""``kaleo-dr search``: the search data leaves AWS as OpenSearch snapshots and comes back on GCP.

* ``search snapshot`` (AWS side, on a schedule while AWS is up): registers the manual snapshot
  repository (type ``s3``: the AWS stack's bucket and the role the domain writes it with)
  when it is missing or different, takes a snapshot of ``search.indices`` and waits for it. The
  document count of every index goes into the snapshot's ``metadata``, so the counts travel
  with the snapshot (S3 -> Storage Transfer -> GCS).
* ``search restore`` (GCP side, at failover): registers the GCS copy as a **read-only**
  repository, picks the newest SUCCESS snapshot, restores its indices and compares each
  index's ``_count`` with the count recorded at snapshot time. Exit 1 on a difference or when
  no usable snapshot exists (then use the fallback).
* ``search reindex``: the documented fallback, the app's own reindex from PostgreSQL
  (``search.reindex_command``, an argv run with the GCP cluster's URL in ``KALEO_SEARCH_URL``).

Requests to AWS are SigV4-signed (service ``es``) with the caller's AWS credentials; the GCP
cluster takes basic auth (``search.gcp_user``/``gcp_password``). TLS is verified
(``search.ca_file`` for a private CA).
"""

from __future__ import annotations

import datetime as dt
import os
import ssl
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import SearchSettings, resolve_secret
from scripts.output import BadInput, CheckFailed, Inconclusive, console, emit, info


class _SigV4(httpx.Auth):
    """Sign each request for the OpenSearch service with botocore's SigV4 (the caller's credentials)."""

    def __init__(self, region: str) -> None:
        import boto3

        credentials = boto3.Session().get_credentials()
        if credentials is None:
            raise BadInput("search.aws_auth is sigv4 but no AWS credentials were found (AWS_PROFILE, role, env)")
        self.credentials = credentials.get_frozen_credentials()
        self.region = region

    def auth_flow(self, request: httpx.Request) -> Any:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest

        aws = AWSRequest(method=request.method, url=str(request.url), data=request.content, headers={})
        aws.headers["Content-Type"] = request.headers.get("content-type", "application/json")
        SigV4Auth(self.credentials, "es", self.region).add_auth(aws)
        for key, value in aws.headers.items():
            request.headers[key] = value
        yield request


@dataclass
class Cluster:
    url: str
    client: httpx.Client

    def call(self, method: str, path: str, body: Any = None, ok: tuple[int, ...] = (200,)) -> Any:
        try:
            resp = self.client.request(method, self.url.rstrip("/") + path, json=body)
        except httpx.HTTPError as exc:
            raise Inconclusive(f"{method} {self.url}{path}: {exc}") from exc
        data = resp.json() if resp.content else {}
        if resp.status_code not in ok:
            error = data.get("error") if isinstance(data, dict) else None
            reason = error.get("reason") if isinstance(error, dict) else error or resp.text[:200]
            raise CheckFailed(f"{method} {path}: HTTP {resp.status_code}: {reason}")
        return data


def _client(s: SearchSettings, side: str) -> Cluster:
    verify: Any = ssl.create_default_context(cafile=str(s.ca_file)) if s.ca_file else True
    if side == "aws":
        if not s.aws_url:
            raise BadInput("search.aws_url is not set (the AWS OpenSearch domain endpoint)")
        auth: httpx.Auth | None = _SigV4(s.aws_region) if s.aws_auth == "sigv4" else None
        return Cluster(s.aws_url, httpx.Client(auth=auth, verify=verify, timeout=s.timeout))
    if not s.gcp_url:
        raise BadInput("search.gcp_url is not set (the GCP OpenSearch cluster)")
    password = resolve_secret(s.gcp_password, "search.gcp_password") if s.gcp_password else None
    basic = httpx.BasicAuth(s.gcp_user, password) if password else None
    return Cluster(s.gcp_url, httpx.Client(auth=basic, verify=verify, timeout=s.timeout))


def index_matches(name: str, patterns: str) -> bool:
    """OpenSearch's multi-target syntax: comma-separated wildcards, ``-pattern`` excludes."""
    import fnmatch

    included = False
    for pattern in [p.strip() for p in patterns.split(",") if p.strip()]:
        if pattern.startswith("-"):
            if fnmatch.fnmatch(name, pattern[1:]):
                return False
        elif fnmatch.fnmatch(name, pattern):
            included = True
    return included


def _ensure_repository(cluster: Cluster, name: str, spec: dict[str, Any]) -> bool:
    """Register ``name`` unless it is already registered with these settings; True when it was (re)registered."""
    current = cluster.call("GET", f"/_snapshot/{name}", ok=(200, 404))
    if (
        name in current
        and current[name].get("type") == spec["type"]
        and current[name].get("settings") == spec["settings"]
    ):
        return False
    cluster.call("PUT", f"/_snapshot/{name}", spec)
    return True


def _counts(cluster: Cluster, indices: list[str]) -> dict[str, int]:
    return {index: int(cluster.call("GET", f"/{index}/_count")["count"]) for index in indices}


@dataclass
class SnapshotResult:
    repository: str
    snapshot: str
    registered: bool
    indices: dict[str, int] = field(default_factory=dict)


def take_snapshot(s: SearchSettings, now: dt.datetime | None = None) -> SnapshotResult:
    if not s.s3_bucket or not s.s3_role_arn:
        raise BadInput("search.s3_bucket and search.s3_role_arn must be set (AWS stack outputs searchSnapshot*)")
    cluster = _client(s, "aws")
    spec = {
        "type": "s3",
        "settings": {
            "bucket": s.s3_bucket,
            "base_path": s.base_path,
            "region": s.aws_region,
            "role_arn": s.s3_role_arn,
            "server_side_encryption": "true",
        },
    }
    registered = _ensure_repository(cluster, s.repository, spec)
    from scripts.standins.opensearch import _matches

    names = [
        row["index"] for row in cluster.call("GET", "/_cat/indices?format=json") if _matches(row["index"], s.indices)
    ]
    counts = _counts(cluster, names)
    name = f"kaleo-{(now or dt.datetime.now(dt.UTC)).strftime('%Y%m%dt%H%M%Sz')}"
    body = {"indices": s.indices, "include_global_state": False, "metadata": {"doc_counts": counts}}
    done = cluster.call("PUT", f"/_snapshot/{s.repository}/{name}?wait_for_completion=true", body)
    snap = done.get("snapshot") or {}
    if snap.get("state") != "SUCCESS" or (snap.get("shards") or {}).get("failed"):
        raise CheckFailed(f"snapshot {name} ended {snap.get('state')} with {snap.get('shards')}")
    return SnapshotResult(s.repository, name, registered, counts)


@dataclass
class RestoreResult:
    repository: str
    snapshot: str
    taken_at: str
    expected: dict[str, int]
    restored: dict[str, int]

    @property
    def differences(self) -> list[str]:
        return [
            f"{index}: {self.restored.get(index)} documents, the snapshot recorded {count}"
            for index, count in sorted(self.expected.items())
            if self.restored.get(index) != count
        ]


def restore_newest(s: SearchSettings) -> RestoreResult:
    if not s.gcs_bucket:
        raise BadInput("search.gcs_bucket is not set (kaleo:gcpSearchSnapshotBucket)")
    cluster = _client(s, "gcp")
    spec = {"type": "gcs", "settings": {"bucket": s.gcs_bucket, "base_path": s.base_path, "readonly": "true"}}
    _ensure_repository(cluster, s.repository, spec)
    snapshots = [
        x for x in cluster.call("GET", f"/_snapshot/{s.repository}/_all")["snapshots"] if x["state"] == "SUCCESS"
    ]
    if not snapshots:
        raise CheckFailed(
            f"no successful snapshot in gs://{s.gcs_bucket}/{s.base_path}",
            hint="kaleo-dr search reindex rebuilds the indices from PostgreSQL (search.reindex_command)",
        )
    newest = max(snapshots, key=lambda x: x["start_time_in_millis"])
    expected = {str(k): int(v) for k, v in ((newest.get("metadata") or {}).get("doc_counts") or {}).items()}
    if not expected:
        raise CheckFailed(f"snapshot {newest['snapshot']} records no document counts: it was not taken by kaleo-dr")
    body = {"indices": ",".join(sorted(expected)), "include_global_state": False}
    done = cluster.call(
        "POST", f"/_snapshot/{s.repository}/{newest['snapshot']}/_restore?wait_for_completion=true", body
    )
    shards = (done.get("snapshot") or {}).get("shards") or {}
    if shards.get("failed"):
        raise CheckFailed(f"restore of {newest['snapshot']}: {shards['failed']} shard(s) failed")
    taken = dt.datetime.fromtimestamp(newest["start_time_in_millis"] / 1000, dt.UTC).isoformat()
    return RestoreResult(s.repository, newest["snapshot"], taken, expected, _counts(cluster, sorted(expected)))


def reindex(s: SearchSettings, side: str = "gcp") -> int:
    """Run the app's reindex against the ``side`` cluster (gcp at failover, aws at failback)."""
    if not s.reindex_command:
        raise BadInput("search.reindex_command is not set: the app's command that reindexes from PostgreSQL")
    url = s.gcp_url if side == "gcp" else s.aws_url
    if not url:
        raise BadInput(f"search.{side}_url is not set (the cluster to reindex into)")
    env = {**os.environ, "KALEO_SEARCH_URL": url}
    return subprocess.run(s.reindex_command, env=env, check=False).returncode


def compare_clusters(s: SearchSettings) -> tuple[list[str], dict[str, dict[str, int | None]]]:
    """Document counts of every index of ``search.indices`` on both clusters, and their differences."""
    aws, gcp = _client(s, "aws"), _client(s, "gcp")

    def listed(cluster: Cluster) -> list[str]:
        rows = cluster.call("GET", "/_cat/indices?format=json")
        return [row["index"] for row in rows if index_matches(row["index"], s.indices)]

    names_gcp = listed(gcp)
    counts_gcp = _counts(gcp, names_gcp)
    names_aws = set(listed(aws))
    counts_aws = _counts(aws, [n for n in names_gcp if n in names_aws])
    counts: dict[str, dict[str, int | None]] = {
        n: {"gcp": counts_gcp[n], "aws": counts_aws.get(n)} for n in sorted(names_gcp)
    }
    differences = [
        f"{n}: {c['aws']} documents on AWS, {c['gcp']} on GCP" if c["aws"] is not None else f"{n}: missing on AWS"
        for n, c in counts.items()
        if c["aws"] != c["gcp"]
    ]
    return differences, counts


app = new_app("OpenSearch data outside AWS: snapshots to S3 (copied to GCS), restore on GCP, reindex fallback.")


@app.command("snapshot")
def snapshot_cmd(as_json: JsonOpt = False) -> None:
    """Take a snapshot of the AWS domain into the S3 repository (run on a schedule while AWS is up)."""
    s = get_config().search
    info(f"snapshot of {s.aws_url} into s3://{s.s3_bucket}/{s.base_path}...", as_json)
    result = take_snapshot(s)
    emit(
        {"repository": result.repository, "snapshot": result.snapshot, "registered": result.registered,
         "indices": result.indices},
        as_json,
        lambda _: console.print(f"snapshot {result.snapshot}: {len(result.indices)} indices, "
                                f"{sum(result.indices.values())} documents"),
    )  # fmt: skip


@app.command("restore")
def restore_cmd(as_json: JsonOpt = False) -> None:
    """Restore the newest snapshot (GCS copy) on the GCP cluster; compare document counts, exit 1 on a difference.

    TLS is verified with search.ca_file, else with the CA certificate of search.gcp_ca_secret (Secret Manager).
    """
    from scripts.search.ca import with_gcp_ca

    s = with_gcp_ca(get_config())
    info(f"restoring the newest snapshot of gs://{s.gcs_bucket}/{s.base_path} on {s.gcp_url}...", as_json)
    result = restore_newest(s)
    data = {
        "snapshot": result.snapshot,
        "taken_at": result.taken_at,
        "expected": result.expected,
        "restored": result.restored,
        "differences": result.differences,
        "ok": not result.differences,
    }
    emit(data, as_json, lambda _: console.print(
        f"restored {result.snapshot} (taken {result.taken_at}): "
        + ("; ".join(result.differences) or f"{len(result.restored)} indices, counts equal")))  # fmt: skip
    if result.differences:
        raise typer.Exit(1)


@app.command("ca-cert")
def ca_cert_cmd(
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write it (default: <state.dir>/search/gcp-ca.pem).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the GCP cluster's CA certificate, read from search.gcp_ca_secret (never its key), for curl --cacert."""
    from scripts.search.ca import default_path, fingerprint, gcp_ca_certificate, write_certificate

    cfg = get_config()
    pem = gcp_ca_certificate(cfg)
    path = write_certificate(pem, out or default_path(cfg))
    data = {"secret": cfg.search.gcp_ca_secret, "path": str(path), "sha256_fingerprint": fingerprint(pem)}
    emit(data, as_json, lambda _: console.print(f"CA certificate of {data['secret']} -> {path}\n"
                                                f"SHA-256 {data['sha256_fingerprint']}"))  # fmt: skip


@app.command("reindex")
def reindex_cmd(
    as_json: JsonOpt = False,
    yes: Annotated[bool, typer.Option("--yes", help="Run it (it rebuilds every index from PostgreSQL).")] = False,
) -> None:
    """Fallback without a usable snapshot: run search.reindex_command against the GCP cluster."""
    s = get_config().search
    if not yes:
        raise BadInput(
            f"this runs {s.reindex_command or '(search.reindex_command unset)'} against {s.gcp_url}: add --yes"
        )
    code = reindex(s)
    emit({"command": s.reindex_command, "exit_code": code}, as_json)
    if code != 0:
        raise CheckFailed(f"the reindex command exited {code}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="search")
