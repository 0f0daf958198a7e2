"""``backup create --rds-instance`` against moto server (RDS) with the dump served by a local PostgreSQL.

The temporary instance's endpoint only exists inside moto, so ``--connect-host/--connect-port``
send the dump to the local cluster, as a tunnel or bastion would in production. A pg_dump
wrapper (a stand-in of the external tool) records what RDS looks like while the dump runs.
"""

from __future__ import annotations

import json
import stat
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.db import pgtools
from scripts.db.backup import verify_backup
from scripts.db.manifest import Manifest, manifest_key
from scripts.db.rds import TAG_RUN_ID, TAG_SOURCE, TAG_TEMPORARY
from scripts.db.storage import open_store
from scripts.standins.localsvc import MotoServer, PgCluster
from tests.rds_support import RdsWorld, instance_ids, make_world, snapshot
from tests.tls_support import LocalCa, make_ca

RDS_CA_FILE: list[Path] = []  # the CA of the module's TLS server, set by the rds_ca fixture

WRAPPER = """#!{python}
import json, os, sys
import boto3
real = {real!r}
if "--version" not in sys.argv:
    rds = boto3.client("rds", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
    seen = []
    for inst in rds.describe_db_instances()["DBInstances"]:
        seen.append({{
            "id": inst["DBInstanceIdentifier"],
            "subnet_group": inst.get("DBSubnetGroup", {{}}).get("DBSubnetGroupName"),
            "security_groups": [g["VpcSecurityGroupId"] for g in inst.get("VpcSecurityGroups", [])],
            "public": inst.get("PubliclyAccessible"),
            "class": inst.get("DBInstanceClass"),
            "tags": {{t["Key"]: t["Value"] for t in inst.get("TagList", [])}},
        }})
    with open(os.environ["KALEO_TEST_RDS_SEEN"], "w") as f:
        json.dump(seen, f)
    if os.environ.get("KALEO_TEST_DUMP_SLEEPS"):
        import time
        time.sleep(float(os.environ["KALEO_TEST_DUMP_SLEEPS"]))
    if os.environ.get("KALEO_TEST_DUMP_FAILS"):
        print("pg_dump: error: simulated failure in the middle of the dump", file=sys.stderr)
        sys.exit(1)
os.execv(real, [real] + sys.argv[1:])
"""


RDS_NAMES = "*.aaaaaaaaaa.us-east-1.rds.amazonaws.com"  # moto's instance endpoints


@pytest.fixture(scope="module")
def rds_ca(tmp_path_factory: pytest.TempPathFactory) -> LocalCa:
    ca = make_ca(tmp_path_factory.mktemp("rds-ca"), hostnames=(RDS_NAMES,), ips=())
    RDS_CA_FILE[:] = [ca.ca_file]
    return ca


@pytest.fixture(scope="module")
def pg(rds_ca: LocalCa, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    """A PostgreSQL serving TLS with a certificate for the RDS endpoint names, like RDS does."""
    cluster = PgCluster("rds-tls")
    cluster.serve_tls(rds_ca.cert_file, rds_ca.key_file)
    with cluster:
        yield cluster


@pytest.fixture
def world(aws_env: MotoServer) -> RdsWorld:
    return make_world(aws_env.url)


@pytest.fixture
def db(pg: PgCluster, monkeypatch: pytest.MonkeyPatch) -> str:
    name = f"rds_{uuid.uuid4().hex[:8]}"
    pg.create_database(name)
    pg.psql("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 250);", name)
    monkeypatch.setenv("PGPASSWORD", pg.password)
    return name


@pytest.fixture
def wrapper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    real = pgtools.find_tool("pg_dump", 15).path
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "pg_dump"
    script.write_text(WRAPPER.format(python=sys.executable, real=str(real)))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    seen = tmp_path / "seen.json"
    monkeypatch.setenv("KALEO_TEST_RDS_SEEN", str(seen))
    return bin_dir


def _args(world: RdsWorld, pg: PgCluster, db: str, url: str, bin_dir: Path, *extra: str) -> list[str]:
    return [
        "backup",
        "create",
        "--rds-instance",
        world.instance_id,
        "--to",
        url,
        "--connect-host",
        "127.0.0.1",
        "--connect-port",
        str(pg.port),
        "--db-name",
        db,
        "--pg-bin",
        str(bin_dir),
        "--rds-ca-bundle",
        str(RDS_CA_FILE[0]),
        "--json",
        *extra,
    ]


def _temporaries(world: RdsWorld) -> list[str]:
    out = []
    for inst in world.rds.describe_db_instances()["DBInstances"]:
        tags = {t["Key"]: t["Value"] for t in inst.get("TagList", [])}
        if tags.get(TAG_SOURCE) == world.instance_id:
            out.append(inst["DBInstanceIdentifier"])
    return out


def test_dumps_newest_snapshot_through_a_temporary_private_instance(
    cli: Any, world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path
) -> None:
    snapshot(world, f"older-{uuid.uuid4().hex[:6]}")
    newest = snapshot(world, f"newest-{uuid.uuid4().hex[:6]}")
    url = f"file://{tmp_path}/rds"
    second = f"file://{tmp_path}/second"
    result = cli(*_args(world, pg, db, url, wrapper, "--also-to", second))
    assert result.code == 0, result.stdout + result.stderr
    out = result.json()
    assert out["snapshot_id"] == newest
    assert out["urls"] == [url, second]
    assert verify_backup(open_store(second), out["backup_id"]).ok
    # what RDS looked like while pg_dump ran: one temporary instance in the source's network
    seen = json.loads((tmp_path / "seen.json").read_text())
    temps = [i for i in seen if i["tags"].get(TAG_TEMPORARY) == "true"]
    assert len(temps) == 1
    temp = temps[0]
    assert temp["id"] == out["temporary_instance"]
    assert temp["subnet_group"] == world.subnet_group
    assert sorted(temp["security_groups"]) == sorted(world.security_groups)
    assert temp["public"] is False
    assert temp["class"] == "db.m6g.large"
    assert temp["tags"][TAG_SOURCE] == world.instance_id and temp["tags"][TAG_RUN_ID]
    # ... and it is gone afterwards, the source untouched
    assert out["temporary_instance"] not in instance_ids(world)
    assert world.instance_id in instance_ids(world)
    manifest = Manifest.from_json(open_store(url).get_bytes(manifest_key(out["backup_id"])))
    assert out["backup_id"].endswith(world.instance_id)
    assert manifest.source.kind == "rds-snapshot"
    assert manifest.source.rds_instance == world.instance_id
    assert manifest.source.snapshot_id == newest
    assert manifest.source.snapshot_time == manifest.data_as_of
    assert [(t.name, t.rows) for t in manifest.tables] == [("t", 250)]


def test_temporary_instance_is_deleted_when_the_dump_fails(
    cli: Any,
    world: RdsWorld,
    pg: PgCluster,
    db: str,
    wrapper: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    snapshot(world)
    monkeypatch.setenv("KALEO_TEST_DUMP_FAILS", "1")
    result = cli(*_args(world, pg, db, f"file://{tmp_path}/rds", wrapper))
    assert result.code == 1
    assert "simulated failure" in result.json()["error"]
    seen = json.loads((tmp_path / "seen.json").read_text())
    created = [i["id"] for i in seen if i["tags"].get(TAG_SOURCE) == world.instance_id]
    assert len(created) == 1  # it existed during the dump
    assert _temporaries(world) == []  # and was deleted despite the failure
    assert not any(Path(tmp_path / "rds").rglob("manifest.json"))


def test_unreachable_temporary_instance_is_deleted_too(
    cli: Any, world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path
) -> None:
    snapshot(world)
    args = _args(world, pg, db, f"file://{tmp_path}/rds", wrapper)
    args[args.index("--connect-port") + 1] = "1"  # nothing listens there
    result = cli(*args)
    assert result.code == 1
    assert "cannot connect" in result.json()["error"]
    assert _temporaries(world) == []


def test_leftover_of_a_crashed_run_is_removed_first(
    cli: Any, world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path
) -> None:
    snap = snapshot(world)
    leftover = f"kaleo-dr-crashed-{uuid.uuid4().hex[:6]}"
    world.rds.restore_db_instance_from_db_snapshot(
        DBInstanceIdentifier=leftover,
        DBSnapshotIdentifier=snap,
        Tags=[
            {"Key": TAG_TEMPORARY, "Value": "true"},
            {"Key": TAG_SOURCE, "Value": world.instance_id},
            {"Key": TAG_RUN_ID, "Value": "crashed"},
        ],
    )
    unrelated = f"other-{uuid.uuid4().hex[:6]}"
    world.rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier=unrelated, DBSnapshotIdentifier=snap)
    result = cli(*_args(world, pg, db, f"file://{tmp_path}/rds", wrapper))
    assert result.code == 0, result.stdout
    assert result.json()["leftovers_removed"] == [leftover]
    seen = {i["id"] for i in json.loads((tmp_path / "seen.json").read_text())}
    assert leftover not in seen  # removed before the new temporary instance was made
    assert leftover not in instance_ids(world)
    assert unrelated in instance_ids(world)  # instances without our tags are never touched
    assert _temporaries(world) == []


def test_named_snapshot_missing_instance_and_no_snapshot(
    cli: Any, world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path
) -> None:
    named = snapshot(world)
    snapshot(world)  # newer, but the named one is asked for
    ok = cli(*_args(world, pg, db, f"file://{tmp_path}/rds", wrapper, "--snapshot", named))
    assert ok.code == 0, ok.stdout
    assert ok.json()["snapshot_id"] == named
    missing = cli(*_args(world, pg, db, f"file://{tmp_path}/rds", wrapper, "--snapshot", "no-such-snap"))
    assert missing.code == 2 and "no-such-snap" in missing.json()["error"]
    args = _args(world, pg, db, f"file://{tmp_path}/rds", wrapper)
    args[args.index("--rds-instance") + 1] = "no-such-instance"
    gone = cli(*args)
    assert gone.code == 2 and "no such RDS instance" in gone.json()["error"]
    assert _temporaries(world) == []


def test_sigterm_mid_dump_still_deletes_the_temporary_instance(
    world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path, aws_env: MotoServer
) -> None:
    """A scheduler killing the job (SIGTERM) in the middle of the dump leaves nothing behind."""
    import os
    import signal
    import subprocess
    import time

    snapshot(world)
    env = {**os.environ, **aws_env.aws_env(), "PGPASSWORD": pg.password, "KALEO_TEST_DUMP_SLEEPS": "60"}
    argv = [sys.executable, "-m", "scripts", *_args(world, pg, db, f"file://{tmp_path}/rds", wrapper)]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = tmp_path / "seen.json"
    deadline = time.monotonic() + 60
    while not seen.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert seen.exists(), proc.communicate()[1]
    assert len(_temporaries(world)) == 1  # the dump is running against the temporary instance
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert _temporaries(world) == [], err
    assert not any((tmp_path / "rds").rglob("manifest.json"))


def test_the_temporary_instance_is_verified_against_the_rds_ca(
    cli: Any, world: RdsWorld, pg: PgCluster, db: str, wrapper: Path, tmp_path: Path
) -> None:
    """sslmode=verify-full with the RDS CA bundle: another CA is refused, and no bundle is bad config."""
    snapshot(world)
    url = f"file://{tmp_path}/rds"
    args = _args(world, pg, db, url, wrapper)
    other = make_ca(tmp_path / "other-ca", hostnames=(RDS_NAMES,), ips=())
    at = args.index("--rds-ca-bundle")
    wrong = cli(*args[:at], "--rds-ca-bundle", str(other.ca_file), *args[at + 2 :])
    assert wrong.code != 0
    assert "certificate verify failed" in wrong.stdout + wrong.stderr
    assert _temporaries(world) == []  # deleted anyway
    assert not any((tmp_path / "rds").rglob("manifest.json"))
    missing = cli(*args[:at], *args[at + 2 :])
    assert missing.code == 2 and "backup.rds_ca_bundle" in missing.json()["error"]
    assert _temporaries(world) == []
    ok = cli(*args)
    assert ok.code == 0, ok.stdout + ok.stderr
