"""PostgreSQL plumbing shared by backup and restore: DSNs, connections, client tools, identifiers.

What a database holds (its inventory) is :mod:`scripts.db.inventory`.

Passwords
    A DSN never carries a password: it would sit in argv, shell history, process lists and
    logs. :func:`check_dsn` refuses one with a clear error (that never echoes the DSN). The
    password comes from ``PGPASSWORD``, a ``PGPASSFILE``/``~/.pgpass`` or a secret reference
    (``env:NAME`` / ``file:/path``) resolved by the caller and handed to :func:`connect` and
    :func:`client_env`; it then travels to ``pg_dump``/``pg_restore`` in their environment.

Client tools
    :func:`find_tool` prefers ``/usr/lib/postgresql/<server major>/bin``, then the newest
    installed major that is not older than the server, then ``PATH``. ``$KALEO_PG_CLIENT_BIN``
    (or an explicit ``bin_dir``) overrides the search. :func:`require_tool_for_server`
    refuses a ``pg_dump``/``pg_restore`` older than the server (it could not read the
    server's catalog correctly).

"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.output import BadInput, CheckFailed

if TYPE_CHECKING:
    import psycopg


CLIENT_BIN_ENV = "KALEO_PG_CLIENT_BIN"
PG_LIB = Path("/usr/lib/postgresql")

# -- DSNs -------------------------------------------------------------------------------------


def parse_dsn(dsn: str) -> dict[str, str]:
    """A libpq DSN (URI or ``key=value``) as a dict; a DSN libpq cannot parse is BadInput."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {k: str(v) for k, v in conninfo_to_dict(dsn).items() if v is not None}
    except Exception as exc:
        # The libpq message may quote the DSN; never repeat it (it may hold a password).
        raise BadInput(
            "the database DSN does not parse",
            hint="use postgresql://user@host:port/dbname or 'host=... port=... dbname=... user=...'",
        ) from exc


# libpq connection keys whose value is itself a secret (``passfile``, ``sslkey`` are paths)
SECRET_DSN_KEYS = ("password", "sslpassword")


def check_dsn(dsn: str, what: str = "--source-dsn") -> dict[str, str]:
    """Parse ``dsn`` and refuse it if it carries a secret (a password, the TLS key's
    ``sslpassword``, ...); return its parts. The error names the key, never its value."""
    parts = parse_dsn(dsn)
    found = [key for key in SECRET_DSN_KEYS if key in parts]
    if found:
        raise BadInput(
            f"{what} contains a {'password' if found == ['password'] else 'secret'} ({', '.join(found)}); secrets "
            "are never accepted on the command line or in config files (they would reach argv, logs and reports)",
            hint="remove it from the DSN: a password comes from PGPASSWORD, ~/.pgpass (PGPASSFILE) or a secret "
            "reference (env:NAME / file:/path) in kaleo-dr.yaml; use a client key file without a passphrase (0600)",
        )
    return parts


def display_dsn(dsn: str) -> str:
    """The DSN without any password, for messages and reports (``user@host:port/db``)."""
    try:
        parts = parse_dsn(dsn)
    except BadInput:
        return "<unparsable DSN>"
    user = parts.get("user", "")
    host = parts.get("host", parts.get("hostaddr", "localhost"))
    port = parts.get("port", "5432")
    db = parts.get("dbname", user or "postgres")
    return f"{user + '@' if user else ''}{host}:{port}/{db}"


def build_dsn(host: str, port: int, dbname: str, user: str, **extra: str) -> str:
    """A ``key=value`` DSN (quoted as libpq wants) without password."""
    from psycopg.conninfo import make_conninfo

    return make_conninfo("", host=host, port=str(port), dbname=dbname, user=user, **extra)


def dsn_database(dsn: str) -> str:
    parts = parse_dsn(dsn)
    return parts.get("dbname") or parts.get("user") or os.environ.get("PGDATABASE") or "postgres"


def redact(text: str, password: str | None) -> str:
    """Remove a password from a message, belt and braces on top of never formatting it in."""
    text = re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)
    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]+):[^@\s]+@", r"\1:***@", text)
    if password:
        text = text.replace(password, "***")
    return text


def client_env(password: str | None = None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for libpq client tools: ``PGPASSWORD`` set when a password was resolved."""
    env = dict(os.environ if base is None else base)
    if password:
        env["PGPASSWORD"] = password
    return env


# -- connections ------------------------------------------------------------------------------


def connect(
    dsn: str, password: str | None = None, *, autocommit: bool = True, connect_timeout: int = 10
) -> psycopg.Connection[Any]:
    """Connect with psycopg; a failure is a clear error that never contains the password.

    Authentication failures are bad configuration (exit 2: fix the password); anything
    else (server down, network) is a failed check (exit 1).
    """
    import psycopg

    check_dsn(dsn, "the database DSN")
    kwargs: dict[str, Any] = {"autocommit": autocommit, "application_name": "kaleo-dr"}
    if "connect_timeout" not in dsn:
        kwargs["connect_timeout"] = connect_timeout
    if password:
        kwargs["password"] = password
    try:
        return psycopg.connect(dsn, **kwargs)
    except psycopg.OperationalError as exc:
        message = redact(str(exc).strip(), password or os.environ.get("PGPASSWORD"))
        where = display_dsn(dsn)
        if "password authentication failed" in message or "no password supplied" in message:
            raise BadInput(
                f"cannot log in to {where}: password authentication failed",
                hint="check PGPASSWORD / PGPASSFILE or the password secret reference (the password is never shown)",
            ) from None
        raise CheckFailed(f"cannot connect to {where}: {message.splitlines()[-1] if message else 'failed'}") from None


@dataclass(frozen=True)
class ServerVersion:
    num: int  # server_version_num, e.g. 150018
    text: str  # e.g. "15.18 (Debian 15.18-0+deb12u1)"

    @property
    def major(self) -> int:
        return self.num // 10000 if self.num >= 100000 else self.num // 100


def server_version(conn: psycopg.Connection[Any]) -> ServerVersion:
    row = conn.execute(
        "SELECT current_setting('server_version_num')::int, current_setting('server_version')"
    ).fetchone()
    assert row is not None
    return ServerVersion(int(row[0]), str(row[1]))


# -- client tools -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tool:
    path: Path
    version_text: str  # "pg_dump (PostgreSQL) 15.18 (Debian ...)"
    major: int
    minor: int

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"


_VERSION_RE = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


def tool_version(path: Path) -> Tool:
    try:
        proc = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=20, check=False)
    except OSError as exc:
        raise BadInput(f"cannot run {path}: {exc.strerror}") from exc
    match = _VERSION_RE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise BadInput(f"{path} --version did not report a PostgreSQL version: {proc.stdout.strip()[:200]!r}")
    return Tool(path, proc.stdout.strip(), int(match.group(1)), int(match.group(2) or 0))


def _installed_majors() -> list[int]:
    if not PG_LIB.is_dir():
        return []
    return sorted((int(p.name) for p in PG_LIB.iterdir() if p.name.isdigit()), reverse=True)


def find_tool(name: str, server_major: int | None = None, bin_dir: Path | str | None = None) -> Tool:
    """Locate ``pg_dump``/``pg_restore``/``psql``; see the module docstring for the order."""
    override = bin_dir or os.environ.get(CLIENT_BIN_ENV)
    candidates: list[Path] = []
    if override:
        candidates.append(Path(override) / name)
    else:
        majors = _installed_majors()
        if server_major is not None and server_major in majors:
            candidates.append(PG_LIB / str(server_major) / "bin" / name)
        candidates += [PG_LIB / str(m) / "bin" / name for m in majors]
        on_path = shutil.which(name)
        if on_path:
            candidates.append(Path(on_path))
    for cand in candidates:
        if cand.is_file() and os.access(cand, os.X_OK):
            return tool_version(cand)
    where = f"{override}" if override else "/usr/lib/postgresql/*/bin and PATH"
    raise BadInput(
        f"{name} not found in {where}",
        hint="install the PostgreSQL client of the server's major version (apt-get install postgresql-client-NN)"
        + (f" or fix ${CLIENT_BIN_ENV}" if override else ""),
    )


def require_tool_for_server(
    name: str, server: ServerVersion, bin_dir: Path | str | None = None, *, what: str = "server"
) -> Tool:
    """The client tool to use against ``server``; refuses one older than the server."""
    tool = find_tool(name, server.major, bin_dir)
    if tool.major < server.major:
        raise BadInput(
            f"{tool.path} is version {tool.version}, older than the PostgreSQL {what} ({server.text}): "
            f"an older {name} cannot read a newer server reliably",
            hint=f"install postgresql-client-{server.major} (or newer) or point ${CLIENT_BIN_ENV} at its bin folder",
        )
    return tool


# -- SQL identifiers --------------------------------------------------------------------------


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str, name: str) -> str:
    """Display key of a relation: ``schema.name`` (names are shown unquoted)."""
    return f"{schema}.{name}"
