"""Sequences: PostgreSQL 15 does not replicate their positions.

``sync-sequences`` copies every sequence's position from production to the standby while
production answers (setup does it once, status does it on every run). At ``promote``
each sequence is set so that its next value is the larger of (last synced position +
``standby.sequence_margin``) and (the largest value in any column it feeds + 1): the
margin covers values production handed out after the last sync, the column maximum
covers rows replicated after it. Columns fed by a sequence are found both through
ownership (serial, identity) and through column defaults calling ``nextval`` on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.config import StandbySettings
from scripts.db import pgtools
from scripts.db.standby.common import LOCAL_SCHEMA, ensure_local_schema, scope_clause

if TYPE_CHECKING:
    import psycopg


def positions(conn: psycopg.Connection[Any], s: StandbySettings) -> dict[str, dict[str, Any]]:
    """Every sequence in scope: ``{"public.film_film_id_seq": {"last_value": 1000, "increment": 1}}``."""
    scope, params = scope_clause(s, "schemaname")
    rows = conn.execute(
        f"SELECT format('%%I.%%I', schemaname, sequencename), last_value, increment_by FROM pg_sequences WHERE {scope}",
        params,
    ).fetchall()
    return {str(r[0]): {"last_value": r[1], "increment": int(r[2])} for r in rows}


def sync(source: psycopg.Connection[Any], standby: psycopg.Connection[Any], s: StandbySettings) -> dict[str, Any]:
    """Copy production's sequence positions to the standby; sequences missing there are listed."""
    src = positions(source, s)
    dst = positions(standby, s)
    copied: dict[str, int] = {}
    missing = sorted(set(src) - set(dst))
    with standby.transaction():
        for name, info in sorted(src.items()):
            if name in missing or info["last_value"] is None:
                continue
            standby.execute("SELECT setval(%s::regclass, %s, true)", (name, info["last_value"]))
            copied[name] = int(info["last_value"])
    ensure_local_schema(standby)
    standby.execute(
        f"INSERT INTO {LOCAL_SCHEMA}.events(kind, detail) VALUES ('sequences', jsonb_build_object('copied', %s::int))",
        (len(copied),),
    )
    return {"sequences": len(src), "copied": copied, "missing_on_standby": missing}


_FED_COLUMNS = """
SELECT DISTINCT c.oid::regclass::text, a.attname
FROM pg_depend d
JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
JOIN pg_class c ON c.oid = ad.adrelid
JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = %(seq)s::regclass
UNION
SELECT DISTINCT c.oid::regclass::text, a.attname
FROM pg_depend d
JOIN pg_class c ON c.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_class'::regclass AND d.objid = %(seq)s::regclass
  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
"""


def catch_up(standby: psycopg.Connection[Any], s: StandbySettings) -> list[dict[str, Any]]:
    """Set every sequence past both its last synced position (plus the margin) and the data it fed."""
    out: list[dict[str, Any]] = []
    for name, info in sorted(positions(standby, s).items()):
        increment = info["increment"]
        synced = info["last_value"]
        column_max: int | None = None
        fed = standby.execute(_FED_COLUMNS, {"seq": name}).fetchall()
        for table, column in fed:
            row = standby.execute(f"SELECT max({pgtools.quote_ident(column)})::bigint FROM {table}").fetchone()
            if row and row[0] is not None:
                column_max = row[0] if column_max is None else max(column_max, row[0])
        entry: dict[str, Any] = {
            "sequence": name,
            "last_synced": synced,
            "column_max": column_max,
            "columns": [f"{t}.{c}" for t, c in fed],
        }
        if increment < 0:
            entry["next"] = None
            entry["note"] = "descending sequence left as synced"
            out.append(entry)
            continue
        candidates = []
        if synced is not None:
            candidates.append(int(synced) + s.sequence_margin)
        if column_max is not None:
            candidates.append(column_max + 1)
        if not candidates:
            entry["next"] = None
            entry["note"] = "never used and no data: left as is"
            out.append(entry)
            continue
        nxt = max(candidates)
        standby.execute("SELECT setval(%s::regclass, %s, false)", (name, nxt))
        entry["next"] = nxt
        out.append(entry)
    return out
