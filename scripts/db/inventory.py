"""What a database holds, in one dict, and how two such dicts differ.

:func:`inventory` describes a database: exact row count of every user table (regular tables,
unlogged tables and leaf partitions; partitioned parents hold no rows of their own and are
only counted as objects), object counts (tables, indexes, constraints, functions,
procedures, views, materialized views, sequences, triggers, types, large objects,
extensions), sequence positions and extension versions. The backup records it in the
manifest in the dump's snapshot; restore computes it again on the target and
:func:`compare_inventories` lists every difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scripts.db.pgtools import qualified, quote_ident

if TYPE_CHECKING:
    import psycopg

    from scripts.db.manifest import Manifest

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
