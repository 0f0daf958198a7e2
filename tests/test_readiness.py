"""``kaleo-dr readiness`` against real stand-ins: one stale or wrong item at a time gives exit 1 naming it.

The baseline world is ready: a verified dump (PostgreSQL), a restore-test record, S3 (moto)
copied to GCS (emulator), a search snapshot, the running release in GCS, a synced secret
(Secret Manager stand-in), an ACTIVE certificate (Certificate Manager stand-in), a GCS
Pulumi backend, a fresh calling list and low Cloudflare TTLs (Cloudflare stand-in).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml

from scripts.standins.certmanager import CertificateManagerStandin
from scripts.standins.cloudflare import CloudflareStandin
from scripts.standins.secretmanager import SecretManagerStandin
from tests.restore_support import make_backup

CF_TOKEN = "cf-test-token-readiness"
VERSION = "1.2.3"


class VersionHandler(BaseHTTPRequestHandler):
    version = VERSION

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        body = json.dumps({"version": type(self).version}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _gcs_client() -> Any:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    return storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())


@pytest.fixture(scope="module")
def world(pg, moto_server, gcs, tmp_path_factory) -> Iterator[dict[str, Any]]:
    from scripts.jobs import records
    from scripts.standins.localsvc import env_vars

    tmp = tmp_path_factory.mktemp("readiness")
    env = {**moto_server.aws_env(), **gcs.gcs_env(), "READINESS_CF_TOKEN": CF_TOKEN}
    with env_vars(env):
        # a verified dump and a successful restore test record
        pg.psql("DROP DATABASE IF EXISTS readiness_src WITH (FORCE)")
        pg.psql("CREATE DATABASE readiness_src")
        pg.psql(
            "CREATE TABLE t (id int primary key); INSERT INTO t SELECT generate_series(1, 50)", dbname="readiness_src"
        )
        dumps = f"file://{tmp}/dumps"
        manifest = make_backup(pg, "readiness_src", dumps)
        now = dt.datetime.now(dt.UTC)
        record = {
            "format": records.FORMAT,
            "job": records.RESTORE_TEST_JOB,
            "host": "watcher",
            "host_role": "watcher",
            "command": ["watch", "restore-test"],
            "started_at": now.isoformat(),
            "finished_at": now.isoformat(),
            "status": "ok",
            "restore_test": {"backup_id": manifest.backup_id},
        }
        records.write_record(f"{dumps}/_continuity", record)
        # S3 bucket copied to GCS, a search snapshot, the running release
        suffix = uuid.uuid4().hex[:8]
        s3_name, gcs_name = f"prod-uploads-{suffix}", f"dr-uploads-{suffix}"
        snapshots, releases = f"dr-snapshots-{suffix}", f"dr-releases-{suffix}"
        s3 = boto3.client("s3", endpoint_url=moto_server.url, region_name="us-east-1")
        s3.create_bucket(Bucket=s3_name)
        client = _gcs_client()
        for name in (gcs_name, snapshots, releases):
            client.create_bucket(name)
        for key, body in {"a.txt": b"alpha", "b/c.bin": b"\x00" * 100}.items():
            s3.put_object(Bucket=s3_name, Key=key, Body=body)
            client.bucket(gcs_name).blob(key).upload_from_string(body)
        client.bucket(snapshots).blob("repo/index-3").upload_from_string(b"{}")
        client.bucket(releases).blob(f"kaleo-{VERSION}.tar.gz").upload_from_string(b"release")
        # a synced secret: AWS -> Secret Manager stand-in, confirmed by a real sync
        aws_secret = f"kaleo/readiness/{suffix}"
        boto3.client("secretsmanager", endpoint_url=moto_server.url, region_name="us-east-1").create_secret(
            Name=aws_secret, SecretString="app-key"
        )
        sm = SecretManagerStandin().start()
        certs = CertificateManagerStandin(certificates={"kaleo-dr": {"state": "ACTIVE"}}).start()
        cf = CloudflareStandin(CF_TOKEN).start()
        cf.add_record("app.kaleo.test", "A", "203.0.113.5", ttl=60)
        cf.add_record("app.kaleo.test", "MX", "mx.kaleo.test", ttl=3600)  # not switched: not checked
        version_server = ThreadingHTTPServer(("127.0.0.1", 0), VersionHandler)
        threading.Thread(target=version_server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        # the Pulumi project (GCS backend, default secrets providers) and the calling list
        project = tmp / "project"
        project.mkdir()
        (project / "Pulumi.yaml").write_text("name: kaleo\nruntime: python\n")
        for stack in ("gcp", "gcp-standby"):
            (project / f"Pulumi.{stack}.yaml").write_text("config:\n  kaleo:cloud: gcp\n")
        calling = tmp / "calling-list.csv"
        calling.write_text("name,phone\n")
        config: dict[str, Any] = {
            "state": {"dir": str(tmp / "state")},
            "aws": {"endpoint_url": moto_server.url, "region": "us-east-1"},
            "gcp": {"project": "kaleo-dr"},
            "backup": {"to": dumps, "max_age": "26h"},
            "cloudflare": {
                "api_url": cf.url,
                "api_token": "env:READINESS_CF_TOKEN",
                "zone_id": cf.zone_id,
                "records": ["app.kaleo.test"],
            },
            "pulumi": {"project_dir": str(project), "backend_url": "gs://kaleo-pulumi-state"},
            "secrets": {"endpoint": sm.url, "sync": {"kaleo-sync-app-secret-key": aws_secret}},
            "readiness": {
                "buckets": {s3_name: gcs_name},
                "search_snapshots": f"gs://{snapshots}/repo",
                "release_version_url": f"http://127.0.0.1:{version_server.server_address[1]}/version",
                "release_object": f"gs://{releases}/kaleo-{{version}}.tar.gz",
                "certificate": "kaleo-dr",
                "certificate_endpoint": certs.url,
                "calling_list": [str(calling)],
                "dns_max_ttl": 300,
            },
        }
        from scripts.cloud.secrets import sync
        from scripts.config import parse_config

        results = sync(parse_config(config), create=True)
        assert [r.status for r in results] == ["created"]
        time.sleep(1.2)  # everything above is now older than a "1s" budget
        try:
            yield {"config": config, "tmp": tmp, "env": env, "s3": s3, "s3_bucket": s3_name, "cf": cf, "certs": certs}
        finally:
            version_server.shutdown()
            for standin in (sm, certs, cf):
                standin.stop()


def run(cli, world, tmp_path: Path, changes: dict[str, Any] | None = None, *args: str):
    config = json.loads(json.dumps(world["config"]))
    for dotted, value in (changes or {}).items():
        section, key = dotted.split(".", 1)
        config.setdefault(section, {})[key] = value
    path = tmp_path / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return cli("--config", str(path), "readiness", *args, env=world["env"])


def states(result) -> dict[str, str]:
    return {i["name"]: i["state"] for i in result.json()["items"]}


def test_ready_world_exits_0_with_every_item_ok(cli, world, tmp_path):
    r = run(cli, world, tmp_path, None, "--json")
    assert r.code == 0, r.stdout
    got = states(r)
    assert got.pop("standby-lag") == "n/a"  # no standby configured
    assert set(got) == {
        "backup",
        "restore-test",
        f"objects:{world['s3_bucket']}",
        "search-snapshot",
        "release",
        "secret:kaleo-sync-app-secret-key",
        "certificate",
        "pulumi-backend",
        "calling-list",
        "dns-ttl",
    }
    assert set(got.values()) == {"ok"}, got
    report = r.json()
    assert report["ready"] is True and report["over_budget_or_failed"] == [] and report["unknown"] == []
    backup = next(i for i in report["items"] if i["name"] == "backup")
    assert backup["age_seconds"] > 0 and backup["budget_seconds"] == 26 * 3600


@pytest.mark.parametrize(
    ("changes", "item"),
    [
        ({"readiness.backup_max_age": "1s"}, "backup"),
        ({"readiness.restore_test_max_age": "1s"}, "restore-test"),
        ({"readiness.search_snapshot_max_age": "1s"}, "search-snapshot"),
        ({"readiness.secrets_max_age": "1s"}, "secret:kaleo-sync-app-secret-key"),
        ({"readiness.calling_list_max_age": "1s"}, "calling-list"),
        ({"readiness.release_object": "gs://nowhere-{version}/kaleo.tar.gz"}, "release"),
        ({"readiness.certificate": "kaleo-missing"}, "certificate"),
        ({"pulumi.backend_url": "s3://kaleo-pulumi-state"}, "pulumi-backend"),
        ({"readiness.dns_max_ttl": 30}, "dns-ttl"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_one_stale_or_wrong_item_exits_1_naming_it(cli, world, tmp_path, changes, item):
    r = run(cli, world, tmp_path, changes, "--json")
    assert r.code == 1, r.stdout
    report = r.json()
    assert report["over_budget_or_failed"] == [item], report
    assert states(r)[item] in ("over", "failed")


def test_an_s3_object_not_copied_in_time_exits_1_naming_the_bucket(cli, world, tmp_path):
    s3, bucket = world["s3"], world["s3_bucket"]
    s3.put_object(Bucket=bucket, Key="not-copied.txt", Body=b"late")
    try:
        fresh = run(cli, world, tmp_path, None, "--json")
        assert fresh.code == 0  # newer than the 2h budget: still to be copied, not late
        time.sleep(1.2)
        r = run(cli, world, tmp_path, {"readiness.objects_max_age": "1s"}, "--json")
    finally:
        s3.delete_object(Bucket=bucket, Key="not-copied.txt")
    assert r.code == 1
    assert r.json()["over_budget_or_failed"] == [f"objects:{bucket}"]
    item = next(i for i in r.json()["items"] if i["name"] == f"objects:{bucket}")
    assert "not-copied.txt" in item["detail"] and item["data"]["s3_objects"] == 3


def test_certificate_not_active_is_failed_with_its_issue(cli, world, tmp_path):
    world["certs"].set_scenario("ok", certificates={"kaleo-dr": {"state": "PROVISIONING", "issue": "CAA"}})
    try:
        r = run(cli, world, tmp_path, None, "--json")
    finally:
        world["certs"].set_scenario("ok", certificates={"kaleo-dr": {"state": "ACTIVE"}})
    assert r.code == 1 and r.json()["over_budget_or_failed"] == ["certificate"]
    assert "PROVISIONING (CAA)" in next(i["detail"] for i in r.json()["items"] if i["name"] == "certificate")


def test_unreachable_source_is_unknown_and_never_exit_0(cli, world, tmp_path):
    r = run(cli, world, tmp_path, {"readiness.certificate_endpoint": "http://127.0.0.1:9"}, "--json")
    assert r.code == 3, r.stdout  # inconclusive: nothing failed, one item could not be checked
    assert r.json()["unknown"] == ["certificate"] and r.json()["ready"] is False


def test_unconfigured_items_are_unknown_not_ok_unless_skipped(cli, world, tmp_path):
    r = run(cli, world, tmp_path, {"readiness.calling_list": []}, "--json")
    assert r.code == 3 and r.json()["unknown"] == ["calling-list"]
    skipped = run(cli, world, tmp_path, {"readiness.calling_list": [], "readiness.skip": ["calling-list"]}, "--json")
    assert skipped.code == 0 and states(skipped)["calling-list"] == "skipped"
    bad = run(cli, world, tmp_path, {"readiness.skip": ["nonsense"]}, "--json")
    assert bad.code == 2 and "readiness.skip" in bad.stdout


def test_prometheus_textfile(cli, world, tmp_path):
    out = tmp_path / "kaleo_dr_readiness.prom"
    r = run(cli, world, tmp_path, {"readiness.calling_list_max_age": "1s"}, "--format", "prometheus", "-o", str(out))
    assert r.code == 1
    text = out.read_text()
    assert 'kaleo_dr_readiness_ok{item="calling-list"} 0' in text
    assert 'kaleo_dr_readiness_ok{item="backup"} 1' in text
    assert 'kaleo_dr_readiness_state{item="standby-lag",state="n/a"} 1' in text
    assert 'kaleo_dr_readiness_budget_seconds{item="calling-list"} 1' in text
    assert "kaleo_dr_readiness_exit_code 1" in text
    assert "# TYPE kaleo_dr_readiness_age_seconds gauge" in text
    assert not list(tmp_path.glob(".*.tmp"))
