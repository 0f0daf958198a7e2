"""PostgreSQL plumbing shared by backup and restore: DSNs, connections, client tools, inventory.

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

Inventory
    :func:`inventory` describes a database in one dict: exact row count of every user table
    (regular tables, unlogged tables and leaf partitions; partitioned parents hold no rows
    of their own and are only counted as objects), object counts (tables, indexes,
    constraints, functions, procedures, views, materialized views, sequences, triggers,
    types, large objects, extensions), sequence positions and extension versions. The
    backup records it in the manifest in the dump's snapshot; restore computes it again
    on the target and :func:`compare_inventories` lists every difference.
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

    from scripts.db.manifest import Manifest

CLIENT_BIN_ENV = "KALEO_PG_CLIENT_BIN"
PG_LIB = Path("/usr/lib/postgresql")
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")
# Schemas that belong to PostgreSQL itself; temporary schemas are excluded by pattern too.
_USER_NS = (
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
)
# Objects created by CREATE EXTENSION are not the database's own: the restore recreates them
# from the extension, so they are left out of the object counts (extensions are listed apart).
_NOT_EXT = (
    "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = {cat}::regclass AND d.objid = {obj} AND d.deptype = 'e')"
)

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


# -- inventory --------------------------------------------------------------------------------


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str, name: str) -> str:
    """Display key of a relation: ``schema.name`` (names are shown unquoted)."""
    return f"{schema}.{name}"


def user_tables(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    """(schema, table) of every table holding rows: regular, unlogged and leaf partitions."""
    rows = conn.execute(
        f"""
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u') AND {_USER_NS}
        ORDER BY 1, 2"""
    ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


TABLES_PER_QUERY = 200


def row_counts(conn: psycopg.Connection[Any], tables: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Exact ``count(*)`` of each table (``ONLY``: inherited rows are counted in their own table).

    One query counts a batch of tables (``UNION ALL``): a round trip per table cost more than
    the counts themselves on a schema of hundreds of small tables, as for sequences."""
    names = tables if tables is not None else user_tables(conn)
    out: dict[str, int] = {}
    for start in range(0, len(names), TABLES_PER_QUERY):
        part = names[start : start + TABLES_PER_QUERY]
        sql = " UNION ALL ".join(
            f"SELECT {n}, count(*) FROM ONLY {quote_ident(schema)}.{quote_ident(name)}"
            for n, (schema, name) in enumerate(part)
        )
        found = {int(r[0]): int(r[1]) for r in conn.execute(sql).fetchall()}
        for n, (schema, name) in enumerate(part):
            out[qualified(schema, name)] = found[n]
    return out


def _count(conn: psycopg.Connection[Any], sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def object_counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    not_ext_class = _NOT_EXT.format(cat="'pg_class'", obj="c.oid")
    not_ext_proc = _NOT_EXT.format(cat="'pg_proc'", obj="p.oid")
    not_ext_type = _NOT_EXT.format(cat="'pg_type'", obj="t.oid")
    rel = f"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_NS} AND {not_ext_class}"

    def relkind(kinds: str) -> int:
        return _count(conn, f"SELECT count(*) {rel} AND c.relkind IN ({kinds}) AND c.relpersistence <> 't'")

    proc = f"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {_USER_NS} AND {not_ext_proc}"
    typ = f"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {_USER_NS} AND {not_ext_type}"
    return {
        "tables": relkind("'r'"),
        "partitioned_tables": relkind("'p'"),
        "unlogged_tables": _count(conn, f"SELECT count(*) {rel} AND c.relkind = 'r' AND c.relpersistence = 'u'"),
        "foreign_tables": relkind("'f'"),
        "indexes": relkind("'i', 'I'"),
        "views": relkind("'v'"),
        "materialized_views": relkind("'m'"),
        "sequences": relkind("'S'"),
        "constraints": _count(
            conn,
            f"""SELECT count(*) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace
                WHERE {_USER_NS} AND {_NOT_EXT.format(cat="'pg_constraint'", obj="co.oid")}
                AND (co.conrelid = 0 OR NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                     AND d.objid = co.conrelid AND d.deptype = 'e'))""",
        ),
        "functions": _count(conn, f"SELECT count(*) {proc} AND p.prokind IN ('f', 'a', 'w')"),
        "procedures": _count(conn, f"SELECT count(*) {proc} AND p.prokind = 'p'"),
        "triggers": _count(
            conn,
            f"""SELECT count(*) FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT tg.tgisinternal AND {_USER_NS} AND {not_ext_class}""",
        ),
        "enums": _count(conn, f"SELECT count(*) {typ} AND t.typtype = 'e'"),
        "domains": _count(conn, f"SELECT count(*) {typ} AND t.typtype = 'd'"),
        "schemas": _count(
            conn,
            f"""SELECT count(*) FROM pg_namespace n WHERE {_USER_NS}
                AND {_NOT_EXT.format(cat="'pg_namespace'", obj="n.oid")}""",
        ),
        "large_objects": _count(conn, "SELECT count(*) FROM pg_largeobject_metadata"),
        "extensions": _count(conn, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'"),
    }


def sequence_positions(conn: psycopg.Connection[Any]) -> dict[str, int | None]:
    """``schema.seq`` -> last value handed out, or None while ``is_called`` is false.

    The full state (``last_value`` and ``is_called``, which together say what the next
    ``nextval`` returns) is in the inventory's ``sequence_state``.
    """
    return {k: v[0] if v[1] else None for k, v in _sequence_state(conn).items()}


SEQUENCES_PER_QUERY = 200


def _sequence_state(conn: psycopg.Connection[Any]) -> dict[str, tuple[int, bool]]:
    rows = conn.execute(
        f"""SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND {_USER_NS} ORDER BY 1, 2"""
    ).fetchall()
    names = [(str(schema), str(name)) for schema, name in rows]
    out: dict[str, tuple[int, bool]] = {}
    # Each sequence is a relation of its own: one query reads a batch of them (a round trip
    # per sequence cost more than the reads on a schema of hundreds of sequences).
    for start in range(0, len(names), SEQUENCES_PER_QUERY):
        part = names[start : start + SEQUENCES_PER_QUERY]
        sql = " UNION ALL ".join(
            f"SELECT {n}, last_value, is_called FROM {quote_ident(schema)}.{quote_ident(name)}"
            for n, (schema, name) in enumerate(part)
        )
        found = {int(r[0]): (int(r[1]), bool(r[2])) for r in conn.execute(sql).fetchall()}
        for n, (schema, name) in enumerate(part):
            if n in found:
                out[qualified(schema, name)] = found[n]
    return out


def extensions(conn: psycopg.Connection[Any]) -> dict[str, str]:
    rows = conn.execute("SELECT extname, extversion FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1")
    return {str(r[0]): str(r[1]) for r in rows.fetchall()}


def inventory(conn: psycopg.Connection[Any], *, rows: bool = True) -> dict[str, Any]:
    """Everything the restore validation compares, read in the connection's current snapshot.

    Shape::

        {"tables": {"schema.table": rows, ...},          # leaf tables only
         "objects": {"tables": n, "indexes": n, ...},    # see object_counts()
         "sequences": {"schema.seq": last_value | None}, # None = never used
         "sequence_state": {"schema.seq": [last_value, is_called]},
         "extensions": {"name": "version"}}

    Call it inside ``REPEATABLE READ`` (as the backup does, in the dump's snapshot) to get a
    consistent picture of a live database.
    """
    state = _sequence_state(conn)
    return {
        "tables": row_counts(conn) if rows else {},
        "objects": object_counts(conn),
        "sequences": {k: v[0] if v[1] else None for k, v in state.items()},
        "sequence_state": {k: [v[0], v[1]] for k, v in state.items()},
        "extensions": extensions(conn),
    }


def inventory_from_manifest(manifest: Manifest) -> dict[str, Any]:
    """The inventory a backup recorded, in the shape of :func:`inventory` (for comparisons)."""
    objects = dict(manifest.objects)
    ext = objects.pop("extension_versions", {})
    seq_state = objects.pop("sequence_state", None)
    inv: dict[str, Any] = {
        "tables": {qualified(t.schema, t.name): t.rows for t in manifest.tables},
        "objects": {k: v for k, v in objects.items() if isinstance(v, int)},
        "sequences": dict(manifest.sequences),
        "extensions": dict(ext) if isinstance(ext, dict) else {},
    }
    if isinstance(seq_state, dict):
        inv["sequence_state"] = seq_state
    return inv


def manifest_parts(inv: Mapping[str, Any]) -> tuple[list[tuple[str, str, int]], dict[str, Any], dict[str, int | None]]:
    """Split an inventory into the manifest's ``tables``, ``objects`` and ``sequences`` fields."""
    tables = []
    for key, count in inv["tables"].items():
        schema, _, name = key.partition(".")
        tables.append((schema, name, int(count)))
    objects: dict[str, Any] = dict(inv["objects"])
    objects["extension_versions"] = dict(inv.get("extensions", {}))
    if "sequence_state" in inv:
        objects["sequence_state"] = dict(inv["sequence_state"])
    return tables, objects, dict(inv["sequences"])


def compare_inventories(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    """Every difference between two inventories, as readable lines (empty list = identical)."""
    problems: list[str] = []
    exp_tables: Mapping[str, int] = expected.get("tables", {})
    act_tables: Mapping[str, int] = actual.get("tables", {})
    for key in sorted(set(exp_tables) | set(act_tables)):
        if key not in act_tables:
            problems.append(f"table {key}: missing ({exp_tables[key]} rows expected)")
        elif key not in exp_tables:
            problems.append(f"table {key}: unexpected table ({act_tables[key]} rows)")
        elif int(exp_tables[key]) != int(act_tables[key]):
            problems.append(f"table {key}: {act_tables[key]} rows, expected {exp_tables[key]}")
    exp_obj: Mapping[str, int] = expected.get("objects", {})
    act_obj: Mapping[str, int] = actual.get("objects", {})
    for key in sorted(set(exp_obj) & set(act_obj)):
        if exp_obj[key] != act_obj[key]:
            problems.append(f"{key.replace('_', ' ')}: {act_obj[key]}, expected {exp_obj[key]}")
    for key in sorted(set(exp_obj) - set(act_obj)):
        problems.append(f"{key.replace('_', ' ')}: not measured on the target, expected {exp_obj[key]}")
    if "sequence_state" in expected and "sequence_state" in actual:
        exp_seq = {k: tuple(v) for k, v in expected["sequence_state"].items()}
        act_seq = {k: tuple(v) for k, v in actual["sequence_state"].items()}
        fmt = _fmt_seq
    else:
        exp_seq = dict(expected.get("sequences", {}))
        act_seq = dict(actual.get("sequences", {}))
        fmt = _fmt_last
    for key in sorted(set(exp_seq) | set(act_seq)):
        if key not in act_seq:
            problems.append(f"sequence {key}: missing")
        elif key not in exp_seq:
            problems.append(f"sequence {key}: unexpected sequence")
        elif exp_seq[key] != act_seq[key]:
            problems.append(f"sequence {key}: {fmt(act_seq[key])}, expected {fmt(exp_seq[key])}")
    exp_ext: Mapping[str, str] = expected.get("extensions", {})
    act_ext: Mapping[str, str] = actual.get("extensions", {})
    for key in sorted(set(exp_ext) - set(act_ext)):
        problems.append(f"extension {key}: missing (version {exp_ext[key]} expected)")
    for key in sorted(set(exp_ext) & set(act_ext)):
        if exp_ext[key] != act_ext[key]:
            problems.append(f"extension {key}: version {act_ext[key]}, expected {exp_ext[key]}")
    return problems


def _fmt_seq(value: Any) -> str:
    last, called = value
    return f"last value {last}" if called else f"next value {last} (never called since set)"


def _fmt_last(value: Any) -> str:
    return "never used" if value is None else f"last value {value}"
