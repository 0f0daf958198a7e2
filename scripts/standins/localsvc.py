"""Local stand-ins for the services the toolkit talks to, for rehearsals and tests.

Each stand-in is a real server started as a separate process on 127.0.0.1 with a free
port: a throwaway PostgreSQL cluster (run as the ``postgres`` user when we are root,
because the server refuses to run as root), moto in server mode for AWS APIs and
gcp-storage-emulator for GCS. Every one is a context manager and cleans up after itself.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Self

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def pg_bin_dir() -> Path:
    override = os.environ.get("KALEO_PG_BIN")
    if override:
        return Path(override)
    for cand in PG_BIN_CANDIDATES:
        if (Path(cand) / "initdb").exists():
            return Path(cand)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql-15)")


class Managed:
    """A service with ``start()``/``stop()`` used as a context manager: ``with X() as x`` always stops it."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class PgCluster(Managed):
    """A throwaway PostgreSQL cluster on 127.0.0.1 with password (scram) authentication.

    The superuser is ``postgres`` with a random password available as :attr:`password`;
    :meth:`env` gives a PGPASSWORD environment for clients. As root the server runs as the
    ``postgres`` OS user (``runuser``), otherwise as the current user.
    """

    def __init__(
        self, name: str = "kaleo", bin_dir: Path | None = None, settings: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.bin_dir = bin_dir or pg_bin_dir()
        self.port = free_port()
        self.password = os.urandom(12).hex()
        self.settings = settings or {}
        self.base = Path(tempfile.mkdtemp(prefix=f"kaleo-pg-{name}-"))
        self.data_dir = self.base / "data"
        self.socket_dir = self.base / "run"
        self._as_postgres = os.geteuid() == 0
        self._started = False

    # -- process helpers -----------------------------------------------------------------
    def _run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        if self._as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        # The server's own libpq connections (a subscription) must not inherit the caller's PGPASSWORD & co.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run(argv, capture_output=True, text=True, check=False, env=env)

    def _pg_ctl(self, *action: str) -> subprocess.CompletedProcess[str]:
        """pg_ctl on this cluster's data folder, logging to its server.log, waiting up to 60 s."""
        data, log = str(self.data_dir), str(self.base / "server.log")
        return self._run([str(self.bin_dir / "pg_ctl"), "-D", data, "-l", log, "-w", "-t", "60", *action])

    def serve_tls(self, cert_file: Path, key_file: Path) -> None:
        """Serve TLS with this certificate and key (set before :meth:`start`): copied where the
        server's user can read them, the key 0600."""
        cert, key = self.base / "server.pem", self.base / "server.key"
        shutil.copy(cert_file, cert)
        shutil.copy(key_file, key)
        key.chmod(0o600)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            for path in (cert, key):
                os.chown(path, user.pw_uid, user.pw_gid)
        self.settings = {**self.settings, "ssl": "on", "ssl_cert_file": f"'{cert}'", "ssl_key_file": f"'{key}'"}

    def start(self) -> Self:
        if self._as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        self.base.chmod(0o700)
        pwfile = self.base / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if self._as_postgres:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        pwfile.chmod(0o600)
        init = self._run(
            [
                str(self.bin_dir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                "postgres",
                "--pwfile",
                str(pwfile),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        pwfile.unlink()
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr.strip()}")
        self._run(["mkdir", "-p", str(self.socket_dir)])
        opts = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_wal_size": "'2GB'",
            "max_connections": "60",
            "shared_buffers": "'128MB'",
            "log_min_messages": "warning",
        }
        opts.update(self.settings)
        with (self.data_dir / "postgresql.auto.conf").open("a", encoding="utf-8") as f:
            for key, value in opts.items():
                f.write(f"{key} = {value}\n")
        started = self._pg_ctl("start")
        if started.returncode != 0:
            log = (self.base / "server.log").read_text(errors="replace") if (self.base / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr.strip()} {log[-2000:]}")
        self._started = True
        return self

    def restart(self) -> Self:
        """Start the server again on its own data folder and port: after :meth:`kill`, crash recovery
        (the machine coming back); when it runs, a fast restart (settings that need one)."""
        done = self._pg_ctl("-m", "fast", "restart")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl restart failed: {done.stderr.strip()}")
        self._started = True
        return self

    def kill(self) -> None:
        """SIGKILL every process of the server at once, like a machine losing power (no shutdown at all)."""
        pid_file = self.data_dir / "postmaster.pid"
        if not self._started or not pid_file.exists():
            return
        postmaster = int(pid_file.read_text().split()[0])
        from scripts.db.proctree import descendants

        pids = {postmaster, *descendants(postmaster)}
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        if self._started:
            self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])
            self._started = False
        shutil.rmtree(self.base, ignore_errors=True)

    # -- client helpers ------------------------------------------------------------------
    def dsn(self, dbname: str = "postgres", user: str = "postgres") -> str:
        """A libpq URI without password (the password travels in PGPASSWORD, see :meth:`env`)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PGPASSWORD"] = self.password
        return env

    def psql(self, sql: str, dbname: str = "postgres", check: bool = True) -> str:
        proc = subprocess.run(
            [
                str(self.bin_dir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                self.dsn(dbname),
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            env=self.env(),
            check=False,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"psql failed: {proc.stderr.strip()}")
        return proc.stdout.strip()

    def psql_file(self, path: Path, dbname: str = "postgres") -> None:
        proc = subprocess.run(
            [str(self.bin_dir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.dsn(dbname), "-f", str(path)],
            capture_output=True,
            text=True,
            env=self.env(),
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"psql -f {path} failed: {proc.stderr.strip()[-2000:]}")

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}"')
        return self.dsn(name)


class _ServerProcess(Managed):
    """A server started as a child process on a free loopback port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="kaleo-svc-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def argv(self) -> list[str]:
        raise NotImplementedError

    def _env(self) -> dict[str, str]:
        return dict(os.environ)

    def start(self) -> Self:
        self.proc = subprocess.Popen(
            self.argv(), stdout=self.log, stderr=subprocess.STDOUT, env=self._env(), start_new_session=True
        )
        try:
            wait_for_port(self.port, 60, self.proc)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None
        self.log.close()
        with contextlib.suppress(OSError):
            Path(self.log.name).unlink()


class MotoServer(_ServerProcess):
    """moto in server mode: AWS APIs (RDS, S3, EC2, ElastiCache, OpenSearch) on loopback."""

    def argv(self) -> list[str]:
        return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]

    def aws_env(self) -> dict[str, str]:
        """Environment for boto3 clients (and subprocesses) pointed at this server."""
        return {
            "AWS_ENDPOINT_URL": self.url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def reset(self) -> None:
        req = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")  # noqa: S310 - loopback URL
        with urllib.request.urlopen(req, timeout=10):  # noqa: S310 - loopback URL built here
            pass


class GcsEmulator(_ServerProcess):
    """gcp-storage-emulator (in memory) on loopback: set STORAGE_EMULATOR_HOST to :attr:`url`."""

    def argv(self) -> list[str]:
        exe = Path(sys.executable).with_name("gcp-storage-emulator")
        return [str(exe), "start", "--host", "127.0.0.1", "--port", str(self.port), "--in-memory"]

    def gcs_env(self) -> dict[str, str]:
        return {"STORAGE_EMULATOR_HOST": self.url, "GOOGLE_CLOUD_PROJECT": "kaleo-dr-test"}


class RedisServer(_ServerProcess):
    """Debian's redis-server on loopback, no persistence, one ACL user (password from a 0600 file, never argv)."""

    def __init__(self, user: str, password: str) -> None:
        super().__init__()
        self.user = user
        self.dir = Path(tempfile.mkdtemp(prefix="kaleo-redis-"))
        conf = self.dir / "redis.conf"
        conf.touch(mode=0o600)
        conf.write_text(
            f'port {self.port}\nbind 127.0.0.1\nsave ""\nappendonly no\ndir {self.dir}\n'
            f"user default off\nuser {user} on >{password} ~* &* +@all\n",
            encoding="utf-8",
        )

    def argv(self) -> list[str]:
        exe = shutil.which("redis-server") or "/usr/bin/redis-server"
        return [exe, str(self.dir / "redis.conf")]

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def env_vars(values: dict[str, str]) -> Iterator[None]:
    """Temporarily set environment variables in this process."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
