"""Sequences: PostgreSQL 15 does not replicate their positions.

``sync-sequences`` copies every sequence's position from production to the standby while
production answers (setup does it once, status does it on every run). At ``promote``
each sequence is moved past every value production may have handed out, in its own
direction:

* ascending: the larger of (last synced + ``standby.sequence_margin``) and (the largest
  value in any column it feeds + 1);
* descending (negative increment): the smaller of (last synced - margin) and (the
  smallest value in those columns - 1).

The margin covers values production handed out after the last sync, the column extreme
covers rows replicated after it. The sequence's limits hold: when the margin would cross
``maxvalue`` (``minvalue`` when descending) the next value stops at the limit, as long as
the data itself is within it; a sequence whose columns already reach past its limit is
left as synced and reported (a cycling one wraps, as it would on production; any other
is exhausted there too). Columns fed by a sequence are found both through ownership
(serial, identity) and through column defaults calling ``nextval`` on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.config import StandbySettings
from scripts.db import pgtools
from scripts.db.standby.common import LOCAL_SCHEMA, ensure_local_schema, scope_clause

if TYPE_CHECKING:
    import psycopg


def positions(conn: psycopg.Connection[Any], s: StandbySettings) -> dict[str, dict[str, Any]]:
    """Every sequence in scope: ``{"public.film_film_id_seq": {"last_value": 1000, "increment": 1,
    "min_value": 1, "max_value": 9223372036854775807, "cycle": False}}``."""
    scope, params = scope_clause(s, "schemaname")
    rows = conn.execute(
        "SELECT format('%%I.%%I', schemaname, sequencename), last_value, increment_by, min_value, max_value, cycle"
        f" FROM pg_sequences WHERE {scope}",
        params,
    ).fetchall()
    return {
        str(r[0]): {
            "last_value": r[1],
            "increment": int(r[2]),
            "min_value": int(r[3]),
            "max_value": int(r[4]),
            "cycle": bool(r[5]),
        }
        for r in rows
    }


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


def next_value(info: dict[str, Any], extreme: int | None, margin: int) -> tuple[int | None, str | None]:
    """The value the sequence hands out next after promote, and a note when it is not the plain rule's.

    ``info`` is a :func:`positions` entry; ``extreme`` the largest value in the columns the
    sequence feeds (the smallest for a descending one). None: leave the sequence as synced."""
    up = info["increment"] > 0
    synced = info["last_value"]
    lo, hi = info["min_value"], info["max_value"]
    limit, limit_name = (hi, "maxvalue") if up else (lo, "minvalue")
    data_bound = None if extreme is None else (extreme + 1 if up else extreme - 1)
    past_sync = None if synced is None else (synced + margin if up else synced - margin)
    known = [c for c in (past_sync, data_bound) if c is not None]
    if not known:
        return None, "never used and no data: left as is"
    nxt = max(known) if up else min(known)
    nxt = max(nxt, lo) if up else min(nxt, hi)  # never before the start of the range
    if (nxt <= hi) if up else (nxt >= lo):
        return nxt, None
    if data_bound is None or ((data_bound <= hi) if up else (data_bound >= lo)):
        return limit, f"the margin stops at the sequence's {limit_name} {limit}"
    if info["cycle"]:
        return None, f"its columns already reach {extreme}, past {limit_name} {limit}: left as synced (it cycles)"
    return None, f"exhausted: its columns already reach {extreme}, past {limit_name} {limit}"


def catch_up(standby: psycopg.Connection[Any], s: StandbySettings) -> list[dict[str, Any]]:
    """Move every sequence, in its own direction, past its last synced position (plus the margin) and
    the data it fed, within its limits."""
    out: list[dict[str, Any]] = []
    for name, info in sorted(positions(standby, s).items()):
        up = info["increment"] > 0
        extreme: int | None = None
        fed = standby.execute(_FED_COLUMNS, {"seq": name}).fetchall()
        agg = "max" if up else "min"
        for table, column in fed:
            row = standby.execute(f"SELECT {agg}({pgtools.quote_ident(column)})::bigint FROM {table}").fetchone()
            if row and row[0] is not None:
                value = int(row[0])
                extreme = value if extreme is None else (max(extreme, value) if up else min(extreme, value))
        nxt, note = next_value(info, extreme, s.sequence_margin)
        entry: dict[str, Any] = {
            "sequence": name,
            "increment": info["increment"],
            "last_synced": info["last_value"],
            "column_max" if up else "column_min": extreme,
            "columns": [f"{t}.{c}" for t, c in fed],
            "next": nxt,
        }
        if note:
            entry["note"] = note
        if nxt is not None:
            standby.execute("SELECT setval(%s::regclass, %s, false)", (name, nxt))
        out.append(entry)
    return out
