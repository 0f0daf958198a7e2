"""Schema drift: DDL is not replicated, so production and standby schemas are compared.

The normalised schema of one database is a set of lines, one per object, each with the
definition PostgreSQL itself prints (``format_type``, ``pg_get_constraintdef``,
``pg_get_indexdef``, ``pg_get_viewdef``, a hash of function bodies). Names and
definitions are schema-qualified the same way on both sides, so two databases with the
same DDL give the same set whatever their OIDs, and any difference is drift.
Covered: tables and their columns (type, NOT NULL, default, identity), constraints,
indexes, sequences (type and increment, not position), views, materialized views,
functions and procedures, enum labels. Not covered: privileges, comments, triggers'
functions beyond their bodies, statistics targets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.config import StandbySettings
from scripts.db.standby.common import scope_clause

if TYPE_CHECKING:
    import psycopg

_QUERIES = {
    "table": """
        SELECT format('%%I.%%I', n.nspname, c.relname), c.relkind::text || ' ' || c.relpersistence::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND {scope}""",
    "column": """
        SELECT format('%%I.%%I.%%I', n.nspname, c.relname, a.attname),
               format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
               || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND {scope}""",
    "constraint": """
        SELECT format('%%I.%%I.%%I', n.nspname, c.relname, k.conname), pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {scope}""",
    "index": """
        SELECT format('%%I.%%I', n.nspname, i.relname), pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
        WHERE {scope}""",
    "sequence": """
        SELECT format('%%I.%%I', n.nspname, c.relname),
               format_type(s.seqtypid, NULL) || ' increment ' || s.seqincrement || ' cycle ' || s.seqcycle
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {scope}""",
    "view": """
        SELECT format('%%I.%%I', n.nspname, c.relname), c.relkind::text || ' ' || md5(pg_get_viewdef(c.oid))
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND {scope}""",
    "function": """
        SELECT format('%%I.%%I(%%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),
               p.prokind::text || ' ' || md5(coalesce(p.prosrc, '') || pg_get_function_result(p.oid)::text)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE {scope}
          AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                          AND e.objid = p.oid AND e.deptype = 'e')""",
    "enum": """
        SELECT format('%%I.%%I', n.nspname, t.typname), string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE {scope} GROUP BY 1""",
}


def normalised_schema(conn: psycopg.Connection[Any], s: StandbySettings) -> dict[str, str]:
    """``{"column public.film.title": "text not null", ...}`` for the replicated scope."""
    scope, params = scope_clause(s)
    out: dict[str, str] = {}
    for kind, sql in _QUERIES.items():
        for name, definition in conn.execute(sql.format(scope=scope), params).fetchall():  # type: ignore[arg-type]
            out[f"{kind} {name}"] = str(definition)
    return out


def compare(source: dict[str, str], standby: dict[str, str]) -> list[str]:
    """Every difference, as a sentence; empty when the schemas match."""
    problems = [f"missing on the standby: {k} ({source[k]})" for k in sorted(source.keys() - standby.keys())]
    problems += [f"only on the standby: {k} ({standby[k]})" for k in sorted(standby.keys() - source.keys())]
    problems += [
        f"differs: {k}: production {source[k]!r}, standby {standby[k]!r}"
        for k in sorted(source.keys() & standby.keys())
        if source[k] != standby[k]
    ]
    return problems


def drift(source: psycopg.Connection[Any], standby: psycopg.Connection[Any], s: StandbySettings) -> list[str]:
    return compare(normalised_schema(source, s), normalised_schema(standby, s))
