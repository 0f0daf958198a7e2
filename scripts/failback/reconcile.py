"""``kaleo-dr failback reconcile``: the writes committed on AWS that never reached GCP.

Two databases take part and neither is written to: the *old* database (the RDS instance
that was production when AWS went down, readable again once AWS is back) and the *GCP*
database (the one the service ran on during the outage). Each is read in one read-only
REPEATABLE READ transaction, so each side is compared as one consistent snapshot.

How a table is compared (memory bounded on both sides, whatever the table's size):

1. The server hashes every row: ``md5`` of the primary key's text (the *key hash*) and
   ``md5`` of the row's text over the columns both sides have (the *row hash*). Rows are
   put in buckets by the first hex digits of their key hash (16^2 to 16^4 buckets, from the
   table's size), and each server returns, per bucket, the row count and two sums of the
   row hashes. Only those bucket summaries reach this process.
2. Buckets whose summaries agree hold the same rows. For the buckets that differ, both
   sides stream ``(key hash, row hash)`` ordered by key hash through server-side cursors,
   and a merge join finds the keys present only on AWS, present only on GCP, or different.

A table without a primary key is compared by **full-row hash** (``failback.no_primary_key:
hash``, the default): the row hash is the key, and the rows AWS holds more often than GCP
are listed. A changed row then shows up as one AWS row missing on GCP (its new version on
GCP is not told apart from a GCP-era insert). ``no_primary_key: refuse`` skips such tables
instead; a refused table is reported and the command cannot exit 0.

Which differences are *stranded writes*: the last position GCP received (``--since``: the
restored backup's data time, or the standby's last receipt; read from the GCP database when
not given) bounds the window. For every AWS row that differs, the evidence of when it was
written is, in order, its commit timestamp (``pg_xact_commit_timestamp(xmin)``, when
``track_commit_timestamp`` is on on the old database) or its ``updated_at`` column
(``failback.updated_at``). A row written after the position is **stranded** (inserted or
changed on AWS, never seen by GCP). A row written at or before it is **not stranded** (GCP
received it and changed or deleted it since). A row without evidence is **unbounded**: a
candidate that is listed and counted, never assumed either way. Rows present only on GCP
were written on GCP or deleted on AWS after the position; the two cannot be told apart
from the data, so they are counted, not classified.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scripts.config import FailbackSettings, KaleoConfig, resolve_secret
from scripts.db import pgtools
from scripts.db.inventory import row_counts, user_tables
from scripts.output import BadInput, info

if TYPE_CHECKING:
    import psycopg

# Session settings that make the text of every value identical on both servers.
_SESSION = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 3",
    "SET bytea_output = 'hex'",
)
_DATA_AS_OF = re.compile(r"\(data as of ([0-9T:.+\-Z ]+)\)")
CSV_FIELDS = ("table", "key", "status", "kind", "written_at", "evidence", "aws_row")
FETCH = 5000
MAX_WIDTH = 8  # hex digits of the key hash a bucket is named by, at the finest level
SPLIT_MIN_ROWS = 16  # a differing bucket is split further only when they average this many rows


@dataclass
class TableResult:
    table: str
    method: str
    key: list[str] | None = None
    evidence: str = "none"
    rows_aws: int = 0
    rows_gcp: int = 0
    buckets: int = 0
    differing_buckets: int = 0
    levels: int = 1
    rows_streamed: int = 0
    stranded: dict[str, int] = field(default_factory=lambda: {"inserted": 0, "changed": 0})
    unbounded: dict[str, int] = field(default_factory=lambda: {"inserted": 0, "changed": 0})
    not_stranded: dict[str, int] = field(default_factory=lambda: {"deleted_on_gcp": 0, "changed_on_gcp": 0})
    only_on_gcp: int = 0
    notes: list[str] = field(default_factory=list)
    refused: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Listing:
    """Differing rows: every one to the CSV file (streamed), the first ``limit`` in the result."""

    def __init__(self, csv_file: IO[str] | None, limit: int) -> None:
        self.writer = csv.DictWriter(csv_file, fieldnames=CSV_FIELDS) if csv_file else None
        if self.writer:
            self.writer.writeheader()
        self.limit = limit
        self.rows: list[dict[str, Any]] = []
        self.total = 0

    def add(self, row: dict[str, Any]) -> None:
        self.total += 1
        if self.writer:
            self.writer.writerow(row)
        if len(self.rows) < self.limit:
            self.rows.append({k: v for k, v in row.items() if k != "aws_row"})


# -- the position GCP received ----------------------------------------------------------------


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def parse_since(text: str, what: str) -> dt.datetime:
    try:
        return _utc(dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        raise BadInput(f"{what}: '{text}' is not an ISO 8601 time like 2026-11-28T03:00:00+00:00") from None


def position_from_gcp(conn: psycopg.Connection[Any]) -> tuple[dt.datetime, str] | None:
    """The last position the GCP database received: the standby's last receipt (its promotion
    record) or the restored backup's data time (the comment restore puts on the database)."""
    if conn.execute("SELECT to_regclass('kaleo_dr_local.promotion') IS NOT NULL").fetchone()[0]:  # type: ignore[index]
        row = conn.execute("SELECT detail->>'last_receipt' FROM kaleo_dr_local.promotion").fetchone()
        if row and row[0]:
            return parse_since(row[0], "the standby's last receipt"), "standby last receipt (promotion record)"
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    match = _DATA_AS_OF.search(row[0] or "") if row else None
    if match:
        return parse_since(match.group(1), "the restored backup's data time"), "restored backup (data as of)"
    return None


# -- catalog ----------------------------------------------------------------------------------


def _columns(conn: psycopg.Connection[Any], schema: str, table: str) -> dict[str, str]:
    rows = conn.execute(
        """SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
           WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""",
        (f"{pgtools.quote_ident(schema)}.{pgtools.quote_ident(table)}",),
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


def _primary_key(conn: psycopg.Connection[Any], schema: str, table: str) -> list[str] | None:
    rows = conn.execute(
        """SELECT a.attname FROM pg_index i
           CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
           WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY k.n""",
        (f"{pgtools.quote_ident(schema)}.{pgtools.quote_ident(table)}",),
    ).fetchall()
    return [str(r[0]) for r in rows] or None


def _estimate(conn: psycopg.Connection[Any], schema: str, table: str) -> int:
    row = conn.execute(
        "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
        (f"{pgtools.quote_ident(schema)}.{pgtools.quote_ident(table)}",),
    ).fetchone()
    return int(row[0]) if row else 0


def bucket_width(rows: int) -> int:
    """Hex digits of the key hash per bucket: about 4,000 rows per bucket at most below 16M rows."""
    if rows <= 1_000_000:
        return 2
    if rows <= 16_000_000:
        return 3
    return 4


# -- the comparison ---------------------------------------------------------------------------


@dataclass
class Shape:
    relation: str  # quoted schema.table
    key_expr: str  # md5 of the key's text (or of the row's, without key)
    row_expr: str  # md5 of the row's text over the shared columns
    row_json: str  # the AWS row as JSON, for the CSV
    key_json: str  # the key as JSON
    evidence_expr: str  # the AWS row's write time, or NULL

    def hashed(self, old: bool) -> str:
        extra = f", {self.row_json} AS j, {self.key_json} AS kj, {self.evidence_expr} AS w" if old else ""
        return f"SELECT {self.key_expr} AS k, {self.row_expr} AS r{extra} FROM ONLY {self.relation}"


def _summaries(
    conn: psycopg.Connection[Any], shape: Shape, width: int, within: tuple[int, list[str]] | None = None
) -> dict[str, tuple[int, int, int]]:
    """Per bucket of ``width`` hex digits: row count and two sums of row hashes (optionally only
    inside the coarser buckets ``within``)."""
    where = f" WHERE left(h.k, {within[0]}) = ANY(%s)" if within else ""
    sql = (
        f"SELECT left(h.k, {width}), count(*), coalesce(sum(hashtextextended(h.r, 0)), 0),"
        f" coalesce(sum(hashtextextended(h.r, 1)), 0) FROM ({shape.hashed(False)}) h{where} GROUP BY 1"
    )
    params = (within[1],) if within else None
    return {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in conn.execute(sql, params)}


def _differing(a: dict[str, tuple[int, int, int]], b: dict[str, tuple[int, int, int]]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _rows_in(buckets: list[str], *sides: dict[str, tuple[int, int, int]]) -> int:
    return sum(max(side.get(k, (0, 0, 0))[0] for side in sides) for k in buckets)


def _stream(
    conn: psycopg.Connection[Any], shape: Shape, width: int, buckets: list[str], old: bool, by_row: bool, name: str
) -> Iterator[tuple[Any, ...]]:
    """Rows of the differing buckets ordered by key hash, through a server-side cursor."""
    if by_row:  # no key: one line per distinct row with its multiplicity
        extra = ", min(h.j), max(h.w)" if old else ""
        sql = (
            f"SELECT h.k, count(*){extra} FROM ({shape.hashed(old)}) h "
            f"WHERE left(h.k, {width}) = ANY(%s) GROUP BY h.k ORDER BY h.k"
        )
    else:
        extra = ", h.j, h.kj, h.w" if old else ""
        sql = f"SELECT h.k, h.r{extra} FROM ({shape.hashed(old)}) h WHERE left(h.k, {width}) = ANY(%s) ORDER BY h.k"
    with conn.cursor(name=name) as cur:
        cur.itersize = FETCH
        cur.execute(sql, (buckets,))
        yield from cur


def _merge(
    old: Iterator[tuple[Any, ...]], new: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]]:
    """Pairs of (old, new) rows with the same key hash; None where one side has none."""
    a, b = next(old, None), next(new, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            yield a, None
            a = next(old, None)
        elif a is None or b[0] < a[0]:
            yield None, b
            b = next(new, None)
        else:
            yield a, b
            a, b = next(old, None), next(new, None)


def _classify(written: Any, since: dt.datetime) -> str:
    if written is None:
        return "unbounded"
    return "stranded" if _utc(written) > since else "not_stranded"


def _evidence(
    old: psycopg.Connection[Any], settings: FailbackSettings, table: str, cols: dict[str, str], commit_ts: bool
) -> tuple[str, str]:
    """SQL giving an AWS row's write time, and its description."""
    column = settings.updated_at.get(table)
    if column is not None and column not in cols:
        raise BadInput(f"failback.updated_at: table {table} has no column '{column}'")
    if column is None and settings.updated_at_column in cols and "timestamp" in cols[settings.updated_at_column]:
        column = settings.updated_at_column
    ts = "pg_xact_commit_timestamp(xmin)"
    if column and commit_ts:
        return f"coalesce({ts}, {pgtools.quote_ident(column)}::timestamptz)", f"commit timestamp, else {column}"
    if commit_ts:
        return ts, "commit timestamp"
    if column:
        return f"{pgtools.quote_ident(column)}::timestamptz", f"column {column}"
    return "NULL::timestamptz", "none"


def compare_table(
    old: psycopg.Connection[Any],
    new: psycopg.Connection[Any],
    schema: str,
    table: str,
    since: dt.datetime,
    settings: FailbackSettings,
    listing: Listing,
    commit_ts: bool,
) -> TableResult:
    name = pgtools.qualified(schema, table)
    old_cols, new_cols = _columns(old, schema, table), _columns(new, schema, table)
    key = _primary_key(old, schema, table)
    result = TableResult(table=name, method="primary key" if key else "full-row hash", key=key)
    if key is None and settings.no_primary_key == "refuse":
        result.refused = (
            f"{name} has no primary key: not compared (failback.no_primary_key: refuse); "
            "set it to 'hash' to compare it by full-row hash"
        )
        return result
    shared = [c for c in old_cols if c in new_cols]
    for col in old_cols:
        if col not in new_cols:
            result.notes.append(f"column {col} exists only on AWS: not compared")
        elif old_cols[col] != new_cols[col]:
            result.notes.append(f"column {col} is {old_cols[col]} on AWS and {new_cols[col]} on GCP")
    if key and any(k not in new_cols for k in key):
        result.refused = f"{name}: a primary-key column is missing on GCP; rows cannot be matched"
        return result
    q = pgtools.quote_ident
    row_text = f"ROW({', '.join(q(c) for c in shared)})::text" if shared else "''"
    evidence_expr, result.evidence = _evidence(old, settings, name, old_cols, commit_ts)
    shape = Shape(
        relation=f"{q(schema)}.{q(table)}",
        key_expr=f"md5(ROW({', '.join(q(c) for c in key)})::text)" if key else f"md5({row_text})",
        row_expr=f"md5({row_text})",
        row_json=f"row_to_json({q(table)})::text",
        key_json=f"json_build_object({', '.join(f'{_lit(c)}, {q(c)}' for c in key)})::text" if key else "NULL",
        evidence_expr=evidence_expr,
    )
    width = bucket_width(max(_estimate(old, schema, table), _estimate(new, schema, table)))
    a, b = _summaries(old, shape, width), _summaries(new, shape, width)
    result.rows_aws, result.rows_gcp = sum(v[0] for v in a.values()), sum(v[0] for v in b.values())
    result.buckets = len(a.keys() | b.keys())
    differing = _differing(a, b)
    result.differing_buckets = len(differing)
    # Differences scattered over many buckets: split only the differing buckets further
    # (two more hex digits per level) until the rows left to stream are few.
    while (
        differing
        and width < MAX_WIDTH
        and _rows_in(differing, a, b) > settings.leaf_rows
        and _rows_in(differing, a, b) >= SPLIT_MIN_ROWS * len(differing)
    ):
        within = None if len(differing) == len(a.keys() | b.keys()) else (width, differing)
        width += 2
        a, b = _summaries(old, shape, width, within), _summaries(new, shape, width, within)
        differing = _differing(a, b)
        result.levels += 1
    result.rows_streamed = _rows_in(differing, a, b)
    if not differing:
        return result
    pairs = _merge(
        _stream(old, shape, width, differing, True, key is None, "kdr_old"),
        _stream(new, shape, width, differing, False, key is None, "kdr_new"),
    )
    for o, n in pairs:
        if key is None:
            surplus = (o[1] if o else 0) - (n[1] if n else 0)
            if surplus <= 0:
                result.only_on_gcp -= surplus
                continue
            status = _classify(o[3] if o else None, since)
            kind = "inserted" if status != "not_stranded" else "deleted_on_gcp"
            _count(result, status, kind, surplus)
            for _ in range(surplus):
                listing.add(_listed(name, None, status, kind, o[3] if o else None, result.evidence, o and o[2]))
            continue
        if o is None:
            result.only_on_gcp += 1
            continue
        if n is not None and n[1] == o[1]:
            continue
        status = _classify(o[4], since)
        if n is None:
            kind = "inserted" if status != "not_stranded" else "deleted_on_gcp"
        else:
            kind = "changed" if status != "not_stranded" else "changed_on_gcp"
        _count(result, status, kind, 1)
        listing.add(_listed(name, json.loads(o[3]), status, kind, o[4], result.evidence, o[2]))
    return result


def _lit(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _count(result: TableResult, status: str, kind: str, n: int) -> None:
    bucket: dict[str, int] = getattr(result, status)
    bucket[kind] = bucket.get(kind, 0) + n


def _listed(table: str, key: Any, status: str, kind: str, written: Any, evidence: str, row: Any) -> dict[str, Any]:
    return {
        "table": table,
        "key": json.dumps(key, default=str) if key is not None else None,
        "status": status,
        "kind": kind,
        "written_at": _utc(written).isoformat() if written is not None else None,
        "evidence": evidence,
        "aws_row": row or None,
    }


# -- the command ------------------------------------------------------------------------------


def _connect(dsn: str | None, password_ref: str | None, key: str, pw_key: str) -> psycopg.Connection[Any]:
    import psycopg

    if not dsn:
        raise BadInput(f"{key} is not set (kaleo-dr.yaml or the command's flag)")
    pgtools.check_dsn(dsn, key)
    password = resolve_secret(password_ref, pw_key) if password_ref else None
    conn = pgtools.connect(dsn, password, autocommit=False)
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    for statement in _SESSION:
        conn.execute(statement)
    return conn


def _scope(conn: psycopg.Connection[Any], settings: FailbackSettings) -> list[tuple[str, str]]:
    return [t for t in user_tables(conn) if t[0] not in settings.exclude_schemas]


def reconcile(
    config: KaleoConfig,
    *,
    old_dsn: str | None = None,
    gcp_dsn: str | None = None,
    since: str | None = None,
    csv_path: Path | None = None,
    as_json: bool = False,
) -> dict[str, Any]:
    """Compare the old AWS database with the GCP one; the result's ``exit_code`` says what was found."""
    s = config.failback
    t0 = time.monotonic()
    old_dsn = old_dsn or s.old_dsn
    from scripts.failback.database import gcp_database

    default_dsn, gcp_pw = gcp_database(config)
    gcp_dsn = gcp_dsn or default_dsn
    old = _connect(old_dsn, s.old_password, "failback.old_dsn (--old-dsn)", "failback.old_password")
    try:
        new = _connect(gcp_dsn, gcp_pw, "failback.gcp_dsn (--gcp-dsn)", "failback.gcp_password")
        try:
            return _run(config, old, new, since, csv_path, as_json, t0, old_dsn or "", gcp_dsn or "")
        finally:
            new.close()
    finally:
        old.rollback()
        old.close()


def _run(
    config: KaleoConfig,
    old: psycopg.Connection[Any],
    new: psycopg.Connection[Any],
    since_text: str | None,
    csv_path: Path | None,
    as_json: bool,
    t0: float,
    old_dsn: str,
    gcp_dsn: str,
) -> dict[str, Any]:
    s = config.failback
    since_text = since_text or s.since
    if since_text:
        since, since_source = parse_since(since_text, "--since / failback.since"), "given"
    else:
        found = position_from_gcp(new)
        if found is None:
            raise BadInput(
                "the last position GCP received is unknown (--since / failback.since not given): the GCP "
                "database has no standby promotion record and no restore comment",
                hint="give it: --since <ISO time> (or failback.since): the backup's data time or the last receipt",
            )
        since, since_source = found
    commit_ts = str(old.execute("SHOW track_commit_timestamp").fetchone()[0]) == "on"  # type: ignore[index]
    aws_tables, gcp_tables = _scope(old, s), _scope(new, s)
    gcp_set = set(gcp_tables)
    out = csv_path.open("w", encoding="utf-8", newline="") if csv_path else None
    try:
        listing = Listing(out, s.max_listed)
        tables: list[TableResult] = []
        missing: dict[str, int] = {}
        for schema, table in aws_tables:
            name = pgtools.qualified(schema, table)
            if (schema, table) not in gcp_set:
                missing[name] = row_counts(old, [(schema, table)])[name]
                continue
            info(f"reconcile: comparing {name}", as_json)
            tables.append(compare_table(old, new, schema, table, since, s, listing, commit_ts))
    finally:
        if out:
            out.close()
    total = {
        status: sum(sum(getattr(t, status).values()) for t in tables)
        for status in ("stranded", "unbounded", "not_stranded")
    }
    refused = [t.refused for t in tables if t.refused]
    found_something = total["stranded"] or total["unbounded"] or any(missing.values())
    code = 1 if found_something else (3 if refused else 0)
    return {
        "old": pgtools.display_dsn(old_dsn),
        "gcp": pgtools.display_dsn(gcp_dsn),
        "since": since.isoformat(),
        "since_source": since_source,
        "commit_timestamps": commit_ts,
        "tables_compared": len([t for t in tables if not t.refused]),
        "stranded_writes": total["stranded"],
        "unbounded_candidates": total["unbounded"],
        "not_stranded": total["not_stranded"],
        "only_on_gcp": sum(t.only_on_gcp for t in tables),
        "missing_on_gcp": missing,
        "refused": refused,
        "only_on_gcp_tables": sorted(pgtools.qualified(*t) for t in gcp_set - set(aws_tables)),
        "tables": [t.as_dict() for t in tables],
        "rows": listing.rows,
        "rows_listed": len(listing.rows),
        "rows_total": listing.total,
        "csv": str(csv_path) if csv_path else None,
        "seconds": round(time.monotonic() - t0, 3),
        "exit_code": code,
    }
