"""Converge tests: site.yml through ansible-runner against this machine (local connection).

The roles install Debian's postgresql-15, redis-server and nginx, fetch the release
artifact from a GCS emulator, start everything from the init scripts (no systemd here)
and must then answer: psql as the created role over TCP with scram, redis-cli PING with
ACL auth, HTTP 200 from nginx's health endpoints. A second run must change nothing.

Services use their own ports (and their own PostgreSQL cluster) and are stopped at the end.
Needs root and apt (Debian 12), like CI.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest
import yaml

from scripts.cloud.provision.playbook import DEFAULT_PLAYBOOK, run_playbook
from scripts.standins.gcemetadata import TOKEN_PATH, MetadataStandin
from scripts.standins.localsvc import GcsEmulator, env_vars, free_port
from scripts.standins.secretmanager import SecretManagerStandin
from tests.tls_support import make_ca

ROOT = Path(__file__).resolve().parent.parent
RELEASE_SRC = ROOT / "tests" / "data" / "kaleo-release"
CLUSTER = "kaleoconverge"
CREATECLUSTER = Path("/etc/postgresql-common/createcluster.conf")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0 or shutil.which("apt-get") is None, reason="needs root on Debian (apt)"),
]


def _release_tarball() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        tar.add(RELEASE_SRC / "bin", arcname="bin")
    return buf.getvalue()


def _upload_release(gcs: GcsEmulator, bucket: str, name: str, data: bytes) -> None:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    with env_vars(gcs.gcs_env()):
        client = storage.Client(project="kaleo-dr-test", credentials=AnonymousCredentials())
        b = client.bucket(bucket)
        if not b.exists():
            b = client.create_bucket(bucket)
        b.blob(name).upload_from_string(data)


def _service(name: str, action: str) -> None:
    script = Path("/etc/init.d") / name
    if script.exists():
        subprocess.run([str(script), action], capture_output=True, check=False, timeout=60)


class Converge:
    def __init__(
        self, tmp: Path, gcs: GcsEmulator, metadata: MetadataStandin, secret_manager: SecretManagerStandin
    ) -> None:
        self.tmp = tmp
        self.metadata = metadata
        self.secret_manager = secret_manager
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.app_port = free_port()
        self.nginx_port = free_port()
        self.db_password = "db-" + os.urandom(12).hex()
        self.redis_password = "redis-" + os.urandom(12).hex()
        # The database CA (as the GCP stack makes it): certificate and key in Secret Manager for the
        # db host, the certificate alone in the metadata for the app.
        self.db_ca = make_ca(tmp / "db-ca")
        ca_pem = self.db_ca.ca_file.read_text()
        # The Redis password is not given to Ansible: the host reads it from Secret Manager with
        # its service account token, finding the secret id in its metadata (as on the GCP stack).
        metadata.set_scenario(
            "ok",
            attributes={
                "kaleo-redis-password-secret": "kaleo-gcp-redis-password",
                "kaleo-buckets": json.dumps({"uploads": "kaleo-dr-uploads"}),
                "kaleo-db-ca-secret": "kaleo-gcp-db-ca",
                "kaleo-db-ca-cert": ca_pem,
            },
        )
        secret_manager.set_scenario(
            "ok",
            secrets={
                "kaleo-gcp-redis-password": self.redis_password,
                "kaleo-gcp-db-ca": ca_pem + self.db_ca.ca_key_file.read_text(),
            },
        )
        self.artifacts = tmp / "artifacts"
        tarball = _release_tarball()
        _upload_release(gcs, "kaleo-releases-test", "releases/kaleo-1.0.0.tar.gz", tarball)
        hostvars = {
            "ansible_connection": "local",
            "ansible_python_interpreter": "/usr/bin/python3",
            "kaleo_private_ip": "127.0.0.1",
            # common: what a container-like host can take
            "common_time_sync_enabled": False,
            "common_oslogin_enabled": False,
            "common_metadata_url": metadata.url,
            "common_secret_manager_endpoint": secret_manager.url,
            # postgresql: own cluster, own port, small memory
            "postgresql_cluster_name": CLUSTER,
            "kaleo_db_port": self.pg_port,
            "postgresql_memory_mb": 1024,
            "postgresql_listen_addresses": ["127.0.0.1"],
            # redis
            "kaleo_redis_port": self.redis_port,
            "redis_bind_addresses": ["127.0.0.1"],
            "redis_memory_mb": 512,
            "redis_sysctl_overcommit": False,
            # app
            "app_port": self.app_port,
            "app_nginx_port": self.nginx_port,
            "app_release_auth": "metadata",
            "app_metadata_url": metadata.url,
            "app_gcs_endpoint": gcs.url,
            "app_release_bucket": "kaleo-releases-test",
            "app_release_version": "1.0.0",
            "app_release_object": "releases/kaleo-1.0.0.tar.gz",
            "app_release_sha256": hashlib.sha256(tarball).hexdigest(),
            "app_config_format": "json",
        }
        self.inventory = tmp / "inventory.yml"
        groups = {"db": ["localhost"], "cache": ["localhost"], "app": ["localhost"]}
        self.write_inventory({"localhost": hostvars}, groups)
        self.hostvars = hostvars

    def write_inventory(self, hosts: dict, groups: dict, path: Path | None = None) -> Path:
        path = path or self.inventory
        inv = {"all": {"hosts": hosts, "children": {g: {"hosts": {h: None for h in hs}} for g, hs in groups.items()}}}
        path.write_text(yaml.safe_dump(inv), encoding="utf-8")
        return path

    def secrets(self) -> dict[str, str]:
        return {"kaleo_db_password": self.db_password}

    def run(self, **kwargs):
        return run_playbook(
            inventory=kwargs.pop("inventory", self.inventory),
            playbook=DEFAULT_PLAYBOOK,
            artifacts_dir=self.artifacts,
            extravars={"kaleo_service_manager": "sysvinit"},
            secret_values=self.secrets(),
            **kwargs,
        )


@pytest.fixture(scope="module")
def converge_lock():
    """One converge at a time on this machine: concurrent test sessions would fight over
    /etc/redis/redis.conf, the nginx site and the test cluster. A second session waits here."""
    lock_dir = Path("/run/lock") if Path("/run/lock").is_dir() else Path(tempfile.gettempdir())
    with (lock_dir / "kaleo-dr-converge.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="module")
def converge(tmp_path_factory, gcs, converge_lock):
    saved_conf = CREATECLUSTER.read_bytes() if CREATECLUSTER.exists() else None
    metadata = MetadataStandin().start()
    secret_manager = SecretManagerStandin().start()
    c = Converge(tmp_path_factory.mktemp("converge"), gcs, metadata, secret_manager)
    c.first = c.run()
    try:
        yield c
    finally:
        metadata.stop()
        secret_manager.stop()
        # the four services are independent: stopped at once (each init script waits for its daemon to exit)
        stops = [
            threading.Thread(target=_service, args=(name, "stop")) for name in ("kaleo-app", "nginx", "redis-server")
        ]
        stops.append(
            threading.Thread(
                target=subprocess.run,
                args=(["pg_dropcluster", "--stop", "15", CLUSTER],),
                kwargs={"capture_output": True, "check": False},
            )
        )
        for thread in stops:
            thread.start()
        for thread in stops:
            thread.join()
        if saved_conf is not None:
            CREATECLUSTER.write_bytes(saved_conf)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split("[│┃]", line)]


def _summary(result) -> str:
    return json.dumps(result.to_dict()["hosts"], indent=1)


def test_first_run_converges(converge):
    r = converge.first
    assert r.ok, _summary(r)
    (host,) = r.hosts
    assert host.host == "localhost"
    assert host.changed > 0 and host.failed == 0 and host.unreachable == 0


def test_postgresql_accepts_the_role_with_scram_over_tcp(converge):
    env = dict(os.environ, PGPASSWORD=converge.db_password, PGCONNECT_TIMEOUT="5")
    out = subprocess.run(
        [
            "psql",
            "-X",
            "-A",
            "-t",
            "-h",
            "127.0.0.1",
            "-p",
            str(converge.pg_port),
            "-U",
            "kaleo",
            "-d",
            "kaleo",
            "-c",
            "select current_user, current_database(), current_setting('password_encryption')",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "kaleo|kaleo|scram-sha-256"
    stored = subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            "psql",
            "-X",
            "-A",
            "-t",
            "-p",
            str(converge.pg_port),
            "-c",
            "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = 'kaleo'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert stored.stdout.strip() == "t", stored.stderr
    wrong = subprocess.run(
        ["psql", "-X", "-h", "127.0.0.1", "-p", str(converge.pg_port), "-U", "kaleo", "-d", "kaleo", "-c", "select 1"],
        capture_output=True,
        text=True,
        env=dict(env, PGPASSWORD="wrong"),
        check=False,
    )
    assert wrong.returncode != 0 and "password authentication failed" in wrong.stderr


def test_postgresql_is_tuned_and_hba_is_scram_only(converge):
    conf = Path(f"/etc/postgresql/15/{CLUSTER}/conf.d/50-kaleo.conf").read_text()
    assert "shared_buffers = 256MB" in conf  # 0.25 of the 1024 MB given to the role
    assert f"port = {converge.pg_port}" in conf
    hba = Path(f"/etc/postgresql/15/{CLUSTER}/pg_hba.conf").read_text()
    methods = {line.split()[-1] for line in hba.splitlines() if line.startswith("host")}
    assert methods == {"scram-sha-256"}
    assert "10.40.0.0/22" in hba  # the app subnet


def test_the_app_verifies_the_database_server_certificate_issued_from_the_db_ca(converge, tmp_path):
    """verify-full with the app's own settings: the server's certificate comes from the database CA
    (issued on the host from the CA in Secret Manager), and names the address the app connects to."""
    import psycopg

    cfg = json.loads(Path("/etc/kaleo/kaleo.json").read_text())["database"]
    assert cfg["sslmode"] == "verify-full"
    assert Path(cfg["sslrootcert"]).read_text() == converge.db_ca.ca_file.read_text()
    params = {
        "host": cfg["host"],
        "port": cfg["port"],
        "dbname": cfg["name"],
        "user": cfg["user"],
        "password": converge.db_password,
        "connect_timeout": 5,
    }
    with psycopg.connect(**params, sslmode=cfg["sslmode"], sslrootcert=cfg["sslrootcert"]) as conn:
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
    key = Path(f"/etc/postgresql/15/{CLUSTER}/tls/ca.key")
    assert oct(key.stat().st_mode & 0o777) == "0o600" and key.stat().st_uid == 0
    # another CA's certificate does not verify this server
    other = make_ca(tmp_path / "other-ca")
    with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
        psycopg.connect(**params, sslmode="verify-full", sslrootcert=str(other.ca_file)).close()


def test_redis_requires_auth_and_answers_ping(converge):
    base = ["redis-cli", "-h", "127.0.0.1", "-p", str(converge.redis_port)]
    anon = subprocess.run([*base, "PING"], capture_output=True, text=True, check=False)
    assert "NOAUTH" in anon.stdout + anon.stderr
    env = dict(os.environ, REDISCLI_AUTH=converge.redis_password)
    ok = subprocess.run([*base, "--user", "kaleo", "PING"], capture_output=True, text=True, env=env, check=False)
    assert ok.stdout.strip() == "PONG", ok.stderr
    conf = Path("/etc/redis/redis.conf").read_text()
    assert converge.redis_password not in conf  # stored hashed
    assert "maxmemory 307mb" in conf  # 0.6 of 512 MB


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_nginx_health_endpoints_answer(converge):
    status, body = _get(f"http://127.0.0.1:{converge.nginx_port}/nginx-health")
    assert (status, body.strip()) == (200, "ok")
    # proxied to the app service, which checks the database and Redis endpoints it was configured with
    status, body = _get(f"http://127.0.0.1:{converge.nginx_port}/health")
    assert status == 200, body
    data = json.loads(body)
    assert data == {"status": "ok", "release": "1.0.0", "checks": {"database": True, "redis": True}}


def test_release_was_fetched_with_the_service_account_token(converge):
    token_requests = [h for _, path, h in converge.metadata.requests if path == TOKEN_PATH]
    assert token_requests and token_requests[0].get("metadata-flavor") == "Google"
    assert Path("/opt/kaleo/current").resolve() == Path("/opt/kaleo/releases/1.0.0")


def test_redis_password_was_read_from_secret_manager_on_the_host(converge):
    reads = [
        h
        for _, path, h in converge.secret_manager.requests
        if path == "/v1/projects/kaleo-dr/secrets/kaleo-gcp-redis-password/versions/latest:access"
    ]
    assert reads and reads[0].get("authorization") == "Bearer ya29.standin-token"
    # only the secrets the host lacked were read
    assert {p for _, p, _ in converge.secret_manager.requests} == {
        "/v1/projects/kaleo-dr/secrets/kaleo-gcp-redis-password/versions/latest:access",
        "/v1/projects/kaleo-dr/secrets/kaleo-gcp-db-ca/versions/latest:access",
    }


def test_app_config_holds_the_endpoints_and_is_private(converge):
    path = Path("/etc/kaleo/kaleo.json")
    cfg = json.loads(path.read_text())
    assert cfg["database"]["port"] == converge.pg_port
    assert cfg["redis"]["port"] == converge.redis_port
    # the bucket names came from the instance metadata (kaleo-buckets), not from a role default
    assert cfg["object_storage"]["buckets"] == {"uploads": "kaleo-dr-uploads"}
    assert oct(path.stat().st_mode & 0o777) == "0o640"


def test_secrets_stay_out_of_the_artifacts(converge):
    run_dir = Path(converge.first.artifacts)
    assert (run_dir / "stdout").exists() and any((run_dir / "job_events").iterdir())
    for f in run_dir.rglob("*"):
        if f.is_file():
            text = f.read_text(errors="replace")
            assert converge.db_password not in text, f
            assert converge.redis_password not in text, f
    assert "Read the secrets from Secret Manager" in (run_dir / "stdout").read_text()


def test_second_run_changes_nothing(converge):
    r = converge.run()
    assert r.ok, _summary(r)
    assert [(h.host, h.changed) for h in r.hosts] == [("localhost", 0)], _summary(r)


def test_check_run_on_the_converged_host_prints_the_per_host_table(converge, cli, tmp_path, monkeypatch):
    """`kaleo-dr provision run --check` against a static inventory: the per-host table, nothing to change."""
    cfg = tmp_path / "kaleo-dr.yaml"
    cfg.write_text(
        yaml.safe_dump({"provision": {"service_manager": "sysvinit", "artifacts_dir": str(tmp_path / "artifacts")}})
    )
    monkeypatch.setenv("COLUMNS", "160")
    env = {"KALEO_DB_PASSWORD": converge.db_password, "KALEO_REDIS_PASSWORD": converge.redis_password}
    r = cli("--config", str(cfg), "provision", "run", "--inventory", str(converge.inventory), "--check", env=env)
    assert r.code == 0, r.stdout + r.stderr
    assert "check mode: nothing was changed" in r.stdout
    header = next(line for line in r.stdout.splitlines() if "unreachable" in line and "changed" in line)
    row = next(line for line in r.stdout.splitlines() if "localhost" in line and "│" in line)
    cells = dict(zip(_cells(header), _cells(row), strict=True))
    assert cells["host"] == "localhost"
    assert int(cells["ok"]) > 20
    assert (cells["changed"], cells["failed"], cells["unreachable"]) == ("0", "0", "0")
