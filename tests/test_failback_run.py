"""kaleo-dr failback, the journaled run: real servers (two PostgreSQL clusters, moto, the GCS emulator, the
AWS status stand-in), the run killed with SIGKILL and resumed, and the gate refusing an unknown or sick AWS."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pwd
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.db import pgtools
from scripts.db.manifest import MANIFEST_NAME
from scripts.runbook.incident import IncidentLog
from scripts.standins.awsstatus import AwsStatusStandin
from scripts.standins.localsvc import GcsEmulator, MotoServer, PgCluster
from scripts.standins.pgpair import SOURCE_SETTINGS, STANDBY_SETTINGS, write_passfile
from tests.conftest import past_the_second

ROOT = Path(__file__).resolve().parent.parent
CLOSED = "http://127.0.0.1:9"  # nothing listens: refused at once


@pytest.fixture(scope="module")
def pair() -> Iterator[tuple[PgCluster, PgCluster]]:
    with PgCluster("fb-gcp", settings=SOURCE_SETTINGS) as gcp, PgCluster("fb-rds", settings=STANDBY_SETTINGS) as rds:
        yield gcp, rds


@pytest.fixture(scope="module")
def aws_status() -> Iterator[AwsStatusStandin]:
    with AwsStatusStandin("ok") as standin:
        yield standin


def server_user(cluster: PgCluster) -> str:
    return "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name


class Rig:
    """One test's GCP database, new RDS database, buckets and configuration."""

    def __init__(
        self, gcp: PgCluster, rds: PgCluster, moto: MotoServer, gcs: GcsEmulator, status: str, tmp: Path
    ) -> None:
        import boto3
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        tag = os.urandom(3).hex()
        self.gcp, self.rds, self.tmp, self.db, self.role = gcp, rds, tmp, f"fb_{tag}", f"app_{tag}"
        gcp.create_database(self.db)
        rds.create_database(self.db)
        gcp.psql(f"CREATE ROLE {self.role} LOGIN PASSWORD 'app-{tag}'")
        rds.psql(f"CREATE ROLE {self.role} LOGIN PASSWORD 'app-{tag}'")  # the app's role exists on AWS too
        gcp.psql(
            f"CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL); "
            f"CREATE TABLE tags (id serial PRIMARY KEY, name text UNIQUE); "
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {self.role}; "
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {self.role}; "
            "INSERT INTO notes(body) SELECT repeat('n', 200) || g FROM generate_series(1, 20000) g; "
            "INSERT INTO tags(name) SELECT 'tag' || g FROM generate_series(1, 50) g",
            self.db,
        )
        self.old_instance, self.new_instance = f"old-{tag}", f"new-{tag}"
        client = boto3.client("rds", endpoint_url=moto.url, region_name="us-east-1")
        client.create_db_instance(
            DBInstanceIdentifier=self.old_instance,
            Engine="postgres",
            DBInstanceClass="db.r6g.large",
            AllocatedStorage=100,
            MasterUsername="kaleo",
            MasterUserPassword=os.urandom(8).hex(),
        )
        self.s3_bucket, self.gcs_bucket = f"prod-{tag}", f"up-{tag}"
        self.s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1")
        self.s3.create_bucket(Bucket=self.s3_bucket)
        self.s3.put_object(Bucket=self.s3_bucket, Key="aws-era.txt", Body=b"before the outage")
        self.bucket = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials()).create_bucket(
            self.gcs_bucket
        )
        # S3 LastModified has one-second resolution, rounded down: the AWS-era object above reads older than
        # the cutover, and every S3 write from here on (the run's copies) reads newer
        cutover = past_the_second(dt.datetime.now(dt.UTC))
        self.objects = {f"gcp-era/{i}.bin": os.urandom(500 + i) for i in range(8)}
        for key, data in self.objects.items():
            self.bucket.blob(key).upload_from_string(data)
        self.env = {
            **moto.aws_env(),
            **gcs.gcs_env(),
            "KDR_GCP_PASSWORD": gcp.password,
            "KDR_NEW_RDS_PASSWORD": rds.password,
            "PYTHONPATH": str(ROOT),
        }
        self.raw: dict[str, Any] = {
            "state": {"dir": str(tmp / "state")},
            "aws": {
                "endpoint_url": moto.url,
                "rds_instance": self.old_instance,
                "s3_buckets": [self.s3_bucket],
                "ec2_tag_filter": {},
                "connect_timeout": 1,
                "read_timeout": 2,
                "max_attempts": 1,
            },
            "triage": {
                "aws_status_url": status + "/rss",
                "cloudflare_status_url": CLOSED + "/api/v2",
                "pingdom": {"api_url": CLOSED, "timeout": 1},
                "timeout": 2,
                "grace": 0.5,
            },
            "failback": {
                "steps": ["gate", "database", "objects"],
                "gcp_dsn": gcp.dsn(self.db),
                "gcp_password": "env:KDR_GCP_PASSWORD",
                "target_dsn": rds.dsn(self.db),
                "target_password": "env:KDR_NEW_RDS_PASSWORD",
                "target_instance": self.new_instance,
                "publication": f"pub_{tag}",
                "subscription": f"sub_{tag}",
                "sslmode": "disable",
                "freeze_roles": [self.role],
                "catch_up_timeout": 60,
                "buckets": {self.gcs_bucket: self.s3_bucket},
                "cutover_at": cutover.isoformat(),
            },
        }
        self.config = tmp / "kaleo-dr.yaml"
        self.write()
        path = tmp / "state" / "incidents.sqlite"
        from scripts.config import parse_config

        path = parse_config(self.raw).state.incident_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with IncidentLog.open(path) as log:
            log.open_incident("Amazon outage")
        self.log_path = path

    def write(self) -> None:
        self.config.write_text(yaml.safe_dump(self.raw), encoding="utf-8")

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "scripts", "--config", str(self.config), "failback", *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args), cwd=ROOT, env={**os.environ, **self.env}, capture_output=True, text=True, timeout=180
        )

    def query(self, cluster: PgCluster, sql: str, db: str | None = None) -> list[tuple[Any, ...]]:
        with contextlib.closing(pgtools.connect(cluster.dsn(db or self.db), cluster.password)) as conn:
            return list(conn.execute(sql).fetchall())


@pytest.fixture
def rig(
    pair: tuple[PgCluster, PgCluster], aws_env: MotoServer, gcs_env: GcsEmulator, aws_status: AwsStatusStandin,
    tmp_path: Path,
) -> Rig:  # fmt: skip
    aws_status.set_scenario("ok")
    return Rig(*pair, aws_env, gcs_env, aws_status.url, tmp_path)


def test_killed_with_sigkill_mid_run_and_resumed_carries_every_row_and_object_once(rig: Rig) -> None:
    sub = rig.raw["failback"]["subscription"]
    proc = subprocess.Popen(
        rig.argv("--yes", "--reason", "AWS healthy for 6 h", "--json"),
        cwd=ROOT,
        env={**os.environ, **rig.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if rig.query(rig.rds, f"SELECT 1 FROM pg_subscription WHERE subname = '{sub}'", "postgres"):
            break  # the initial copy GCP -> new RDS has begun: the machine dies now
        time.sleep(0.02)
    assert proc.poll() is None, proc.communicate()[1][-3000:]
    # the new "RDS" server has no passfile (no PG* environment, no ~/.pgpass) and GCP asks every TCP login
    # for a scram password: the subscription logs in with the password in its CONNECTION
    assert not (Path(pwd.getpwnam(server_user(rig.rds)).pw_dir) / ".pgpass").exists()
    assert {r[0] for r in rig.query(rig.gcp, "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host'")} == {
        "scram-sha-256"
    }
    conninfo = rig.query(rig.rds, f"SELECT subconninfo FROM pg_subscription WHERE subname = '{sub}'", "postgres")
    assert "passfile" not in conninfo[0][0] and f"password={rig.gcp.password}" in conninfo[0][0]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -9

    with IncidentLog.open(rig.log_path) as log:
        steps = [e.payload for e in log.steps(1) if e.payload.get("journal") == "failback"]
    assert not any(p.get("step") == "_run" and p.get("state") == "finished" for p in steps)
    assert [p["state"] for p in steps if p.get("step") == "database"] == ["started"]

    fresh = rig.run("--yes", "--reason", "again")
    assert fresh.returncode == 2 and "--resume" in fresh.stderr  # an unfinished run is never begun afresh

    rig.query(rig.gcp, "SELECT 1")
    resumed = rig.run("--resume", "--yes", "--reason", "resume after the crash", "--json")
    assert resumed.returncode == 0, resumed.stdout[-3000:] + resumed.stderr[-3000:]
    data = json.loads(resumed.stdout)
    assert [(s["step"], s["status"], s["resumed"]) for s in data["steps"]] == [
        ("gate", "passed", True),
        ("database", "passed", False),
        ("objects", "passed", False),
    ]
    assert data["method"] == "replication"
    assert "frozen" in data["steps"][1]["detail"] and 0 < data["freeze_seconds"] < 60

    # every row once: same rows on both sides, no key twice, and the sequences past the data
    for table in ("notes", "tags"):
        gcp_rows = rig.query(rig.gcp, f"SELECT id, md5(t::text) FROM {table} t ORDER BY id")
        rds_rows = rig.query(rig.rds, f"SELECT id, md5(t::text) FROM {table} t ORDER BY id")
        assert rds_rows == gcp_rows and len(rds_rows) > 0
    new_id = rig.query(rig.rds, "INSERT INTO notes(body) VALUES ('first AWS write') RETURNING id")[0][0]
    assert new_id > rig.query(rig.gcp, "SELECT max(id) FROM notes")[0][0]
    # the replication is gone on both sides; the GCP app is frozen out
    assert rig.query(rig.rds, f"SELECT count(*) FROM pg_subscription WHERE subname = '{sub}'", "postgres") == [(0,)]
    assert rig.query(rig.gcp, f"SELECT count(*) FROM pg_replication_slots WHERE slot_name = '{sub}'") == [(0,)]
    assert rig.query(rig.gcp, f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{rig.role}'") == [(False,)]
    # every GCP-era object once in S3, byte for byte; the journal of copies holds each key once
    journal = rig.tmp / "state" / "failback" / "objects.jsonl"
    keys = [json.loads(line)["key"] for line in journal.read_text().splitlines()]
    assert sorted(keys) == sorted(rig.objects)
    for key, body in rig.objects.items():
        assert rig.s3.get_object(Bucket=rig.s3_bucket, Key=key)["Body"].read() == body

    with IncidentLog.open(rig.log_path) as log:
        decisions = [e.payload for e in log.events(1, kind="decision")]
        freezes = [e.payload["failback_freeze"] for e in log.events(1, kind="note") if "failback_freeze" in e.payload]
    assert {"reason": "AWS healthy for 6 h"}.items() <= decisions[0]["failback"].items()
    assert any(d.get("failback_database_method") == "replication" for d in decisions)
    assert len(freezes) == 1 and freezes[0]["roles"] == [rig.role]

    again = rig.run("--resume", "--yes", "--reason", "nothing left")
    assert again.returncode == 2 and "no unfinished failback run" in again.stderr


def test_the_gate_refuses_when_aws_is_unhealthy_or_unknown_and_loads_nothing(
    rig: Rig, aws_status: AwsStatusStandin
) -> None:
    aws_status.set_scenario("aws-outage")
    sick = rig.run("--yes", "--reason", "too early", "--json")
    assert sick.returncode == 1, sick.stderr[-2000:]
    data = json.loads(sick.stdout)
    assert data["failed"]["step"] == "gate" and "AWS is not healthy" in data["failed"]["error"]

    aws_status.set_scenario("ok")
    rig.raw["aws"]["endpoint_url"] = CLOSED  # the AWS APIs do not answer: unknown, not healthy
    rig.env["AWS_ENDPOINT_URL"] = CLOSED
    rig.write()
    blind = rig.run("--yes", "--reason", "cannot see AWS", "--json")
    assert blind.returncode == 1, blind.stderr[-2000:]
    data = json.loads(blind.stdout)
    assert data["failed"]["step"] == "gate" and "unknown is not healthy" in data["failed"]["error"]
    assert len(data["steps"]) == 1

    no_reason = rig.run("--yes")
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    # nothing reached the new database, no decision was recorded, the app was never frozen
    assert rig.query(rig.rds, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    assert rig.query(rig.gcp, f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{rig.role}'") == [(True,)]
    with IncidentLog.open(rig.log_path) as log:
        assert not [e for e in log.events(1, kind="decision")]
        gates = [e.payload["failback_gate"]["aws"] for e in log.events(1, kind="note") if "failback_gate" in e.payload]
    assert gates == ["unhealthy", "unknown"]


def test_the_old_instance_is_never_the_target(rig: Rig) -> None:
    rig.raw["failback"]["target_instance"] = rig.old_instance
    rig.raw["failback"]["steps"] = ["database"]
    rig.write()
    result = rig.run("--yes", "--reason", "wrong target", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["failed"]["step"] == "database" and "OLD database" in data["failed"]["error"]
    assert rig.query(rig.rds, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_a_failing_subscription_never_shows_the_password(rig: Rig) -> None:
    wrong = "wrong-" + os.urandom(8).hex()
    rig.env["KDR_REPLICATION_PASSWORD"] = wrong
    rig.raw["failback"]["subscription_password"] = "env:KDR_REPLICATION_PASSWORD"
    rig.raw["failback"]["steps"] = ["database"]
    rig.write()
    result = rig.run("--yes", "--reason", "wrong replication password", "--json")
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    error = json.loads(result.stdout)["failed"]["error"]
    assert "CREATE SUBSCRIPTION" in error and "password authentication failed" in error
    assert wrong not in result.stdout + result.stderr
    assert wrong.encode() not in rig.log_path.read_bytes()  # nor in the journal / incident log
    assert rig.query(rig.rds, "SELECT count(*) FROM pg_subscription", "postgres") == [(0,)]


def test_a_passfile_is_refused_for_an_rds_subscriber(rig: Rig) -> None:
    rig.raw["failback"]["subscription_passfile"] = str(write_passfile(rig.rds, rig.gcp))
    rig.raw["failback"]["steps"] = ["database"]
    rig.write()
    result = rig.run("--yes", "--reason", "passfile on RDS", "--json")
    assert result.returncode != 0
    error = json.loads(result.stdout)["failed"]["error"]
    assert "failback.subscription_passfile" in error and "no file system" in error


def test_the_target_dsn_is_built_from_the_new_instances_endpoint(rig: Rig, tmp_path: Path) -> None:
    import boto3

    ca = tmp_path / "rds-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    rig.raw["backup"] = {"rds_ca_bundle": str(ca)}
    del rig.raw["failback"]["target_dsn"]
    rig.raw["failback"]["steps"] = ["database"]
    rig.write()
    result = rig.run("--yes", "--reason", "endpoint DSN", "--json")
    # moto's endpoint is a name that does not resolve: the run fails connecting to exactly that database
    endpoint = boto3.client("rds", endpoint_url=rig.raw["aws"]["endpoint_url"], region_name="us-east-1")
    inst = endpoint.describe_db_instances(DBInstanceIdentifier=rig.new_instance)["DBInstances"][0]
    address, port = inst["Endpoint"]["Address"], int(inst["Endpoint"]["Port"])
    assert address and result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    error = json.loads(result.stdout)["failed"]["error"]
    assert f"kaleo@{address}:{port}/{rig.db}" in error  # master user, endpoint, the GCP database's name

    from scripts.config import parse_config
    from scripts.failback import database

    cfg = database.with_target(parse_config(rig.raw), inst)
    parts = pgtools.parse_dsn(cfg.failback.target_dsn or "")
    assert parts == {
        "host": address,
        "port": str(port),
        "dbname": rig.db,
        "user": "kaleo",
        "sslmode": "verify-full",
        "sslrootcert": str(ca.resolve()),
    }
    rig.raw["failback"].update(target_user="kaleo_admin", target_dbname="kaleo")
    parts = pgtools.parse_dsn(database.with_target(parse_config(rig.raw), inst).failback.target_dsn or "")
    assert (parts["user"], parts["dbname"]) == ("kaleo_admin", "kaleo")


def test_without_target_dsn_or_target_instance_the_error_names_both_keys(rig: Rig) -> None:
    del rig.raw["failback"]["target_dsn"]
    del rig.raw["failback"]["target_instance"]
    rig.raw["failback"]["steps"] = ["database"]
    rig.write()
    result = rig.run("--yes", "--reason", "no target", "--json")
    assert result.returncode != 0
    error = json.loads(result.stdout)["failed"]["error"]
    assert "failback.target_dsn" in error and "failback.target_instance" in error


REINDEX = """
import json, os, sys, urllib.request
for spec in sys.argv[1:]:
    index, count = spec.split("=")
    for i in range(int(count)):
        req = urllib.request.Request(os.environ["KALEO_SEARCH_URL"] + f"/{index}/_doc", json.dumps({"id": i}).encode(),
                                     {"Content-Type": "application/json"}, method="POST")
        urllib.request.urlopen(req).read()
"""


def test_the_search_step_reindexes_into_aws_and_compares_document_counts(tmp_path: Path) -> None:
    from scripts.config import parse_config
    from scripts.failback.steps import FailbackSearchStep
    from scripts.output import CheckFailed
    from scripts.runbook.runner import RunContext
    from scripts.standins.opensearch import OpenSearchStandin

    docs = {"questions": [{"id": i} for i in range(7)], "users": [{"id": i} for i in range(3)], ".kibana": [{}]}
    with OpenSearchStandin() as aws, OpenSearchStandin(indices=docs) as gcp:

        def step(*reindexed: str) -> Any:
            config = parse_config(
                {
                    "state": {"dir": str(tmp_path / "state")},
                    "search": {
                        "aws_url": aws.url,
                        "aws_auth": "none",
                        "gcp_url": gcp.url,
                        "reindex_command": [sys.executable, "-c", REINDEX, *reindexed],
                    },
                }
            )
            with IncidentLog.open(config.state.incident_log_path()) as log:
                ctx = RunContext(config, log, log.ensure_incident("outage")[0], "gcp", as_json=True)
                return FailbackSearchStep().run(ctx)

        with pytest.raises(CheckFailed, match="users: 1 documents on AWS, 3 on GCP"):
            step("questions=7", "users=1")
        aws.set_scenario("ok", indices={})
        done = step("questions=7", "users=3")
    assert done.status == "passed" and done.data["search"] == {
        "questions": {"gcp": 7, "aws": 7},
        "users": {"gcp": 3, "aws": 3},
    }


def test_method_dump_freezes_first_then_dumps_and_restores_into_the_new_database(rig: Rig) -> None:
    rig.raw["failback"]["steps"] = ["database"]
    rig.raw["failback"]["dump_to"] = f"file://{rig.tmp / 'dumps'}"
    rig.write()
    result = rig.run("--method", "dump", "--yes", "--reason", "replication not wanted", "--json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["method"] == "dump" and data["steps"][0]["status"] == "passed"
    for table in ("notes", "tags"):
        assert rig.query(rig.rds, f"SELECT id, md5(t::text) FROM {table} t ORDER BY id") == rig.query(
            rig.gcp, f"SELECT id, md5(t::text) FROM {table} t ORDER BY id"
        )
    assert rig.query(rig.gcp, f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{rig.role}'") == [(False,)]
    assert any((rig.tmp / "dumps").rglob(MANIFEST_NAME))
    with IncidentLog.open(rig.log_path) as log:
        decision = next(e.payload for e in log.events(1, kind="decision") if "failback_database_method" in e.payload)
    assert decision["failback_database_method"] == "dump" and "asked for" in decision["reason"]


def test_auto_falls_back_to_dump_when_the_gcp_database_is_not_logical(
    pg: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.config import parse_config
    from scripts.failback.database import choose_method, freeze
    from scripts.output import BadInput, CheckFailed

    monkeypatch.setenv("KDR_PLAIN_PASSWORD", pg.password)
    raw = {
        "state": {"dir": str(tmp_path)},
        "failback": {"gcp_dsn": pg.dsn(), "gcp_password": "env:KDR_PLAIN_PASSWORD"},
    }
    choice = choose_method(parse_config(raw))
    assert choice["method"] == "dump" and "wal_level=replica, not logical" in choice["reason"]
    with pytest.raises(CheckFailed, match="logical replication cannot run"):
        choose_method(parse_config(raw), "replication")
    # the freeze never locks kaleo-dr itself out of the GCP database
    raw["failback"]["freeze_roles"] = ["postgres"]
    with pytest.raises(BadInput, match="the role kaleo-dr itself logs in as"):
        freeze(parse_config(raw))
    assert pg.psql("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'postgres'") == "t"


def test_an_rds_subscriber_that_cannot_verify_the_gcp_certificate_gets_the_dump_method(tmp_path: Path) -> None:
    from scripts.config import parse_config
    from scripts.failback.database import choose_method
    from scripts.output import CheckFailed

    raw = {
        "state": {"dir": str(tmp_path)},
        "failback": {
            "gcp_dsn": "host=10.40.0.5 dbname=kaleo user=kaleo_repl",
            "gcp_password": "env:KDR_UNUSED_PASSWORD",
            "target_instance": "kaleo-prod-failback",
        },
    }
    choice = choose_method(parse_config(raw))  # decided before any connection: nothing listens at 10.40.0.5
    assert choice["method"] == "dump" and "no file system for the CA" in choice["reason"]
    with pytest.raises(CheckFailed, match="unverified TLS"):
        choose_method(parse_config(raw), "replication")
    assert choose_method(parse_config(raw), "dump")["method"] == "dump"
