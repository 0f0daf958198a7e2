"""Synthetic rows for any schema, driven by its catalog (used by the tests and by ``bench/``).

:func:`populate` fills every table of a database with ``rows`` rows that respect its
constraints, without knowing anything about the schema beforehand:

* tables are filled parents first (the foreign-key graph of leaf tables; a partitioned
  table is filled through its leaf partitions); a foreign key takes its values from the
  referenced table's rows, or NULL where the column allows it and the parent is not filled
  (self references, cycles);
* each column gets a value of its type derived from the row number (text within its length,
  numbers within their precision, enum labels, arrays, json, ...), its own default on some
  rows, the string literals its CHECKs name on some rows, and NULL on some rows where it is
  nullable: a pool of such candidate rows is then
  filtered, in SQL, by the table's CHECK constraints, its partition constraint, every
  foreign key (existence) and every unique index (first row of each key, partial
  predicates and NULLs as PostgreSQL counts them), and the first ``rows`` that pass are
  inserted, with the table's triggers firing and its sequences advancing as the
  application's would;
* identity and serial columns (``nextval`` defaults) and generated columns are left to the
  database.

A table that cannot be filled (a NOT NULL foreign key to an empty table, a type without a
generator, a candidate pool that no row of passes) stays empty and is listed with its
reason in the returned :class:`Filled`; nothing is hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from scripts.db.pgtools import quote_ident as qi

POOL_FACTOR = 8  # candidate rows per row wanted


@dataclass
class Column:
    num: int
    name: str
    type_sql: str  # format_type(): the cast target
    base: str  # typname of the base type (domains resolved), element type for arrays
    category: str  # pg_type.typcategory of that base type
    is_array: bool
    not_null: bool
    default: str | None
    identity: bool
    generated: bool
    typmod: int
    enum_labels: list[str] = field(default_factory=list)


@dataclass
class ForeignKey:
    columns: list[str]
    parent: str  # qualified name of the referenced table
    parent_oid: int
    parent_columns: list[str]


@dataclass
class Table:
    oid: int
    name: str  # qualified, quoted
    columns: list[Column]
    checks: list[str]
    partition_constraint: str | None
    bound: str | None
    key_column: str | None  # the immediate parent's partition key column (one plain column)
    fks: list[ForeignKey]
    uniques: list[tuple[list[str], str | None]]  # key expressions, partial predicate


@dataclass
class Filled:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows inserted
    empty: dict[str, str] = field(default_factory=dict)  # table -> why it has none

    @property
    def total(self) -> int:
        return sum(self.rows.values())


_USER = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"


def _tables(conn: Any) -> dict[int, Table]:
    rels = conn.execute(
        f"""SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                   CASE WHEN c.relispartition THEN pg_get_partition_constraintdef(c.oid) END,
                   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                   (SELECT a.attname FROM pg_inherits i JOIN pg_partitioned_table pt ON pt.partrelid = i.inhparent
                    JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
                    WHERE i.inhrelid = c.oid AND pt.partnatts = 1)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relpersistence IN ('p', 'u') AND {_USER}"""
    ).fetchall()
    tables = {int(oid): Table(int(oid), name, [], [], pc, bound, key, [], []) for oid, name, pc, bound, key in rels}
    if not tables:
        return tables
    oids = list(tables)
    for row in conn.execute(
        """SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                  bt.typname, bt.typcategory, t.typcategory = 'A', a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                  a.attidentity <> '', a.attgenerated <> '', a.atttypmod,
                  CASE WHEN bt.typtype = 'e' THEN (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)
                                                   FROM pg_enum e WHERE e.enumtypid = bt.oid) END
           FROM pg_attribute a
           JOIN pg_type t ON t.oid = a.atttypid
           JOIN pg_type bt ON bt.oid = (SELECT CASE WHEN t2.typelem <> 0 AND t2.typcategory = 'A' THEN t2.typelem
                                                    WHEN t2.typtype = 'd' THEN t2.typbasetype ELSE t2.oid END
                                        FROM pg_type t2 WHERE t2.oid = a.atttypid)
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum""",
        (oids,),
    ).fetchall():
        rel, num, name, type_sql, base, cat, is_array, nn, default, ident, gen, typmod, labels = row
        tables[int(rel)].columns.append(
            Column(
                int(num),
                str(name),
                str(type_sql),
                str(base),
                str(cat),
                bool(is_array),
                bool(nn),
                default,
                bool(ident),
                bool(gen),
                int(typmod),
                list(labels or []),
            )
        )
    for rel, kind, definition, conkey, confrelid, confkey in conn.execute(
        """SELECT con.conrelid, con.contype, pg_get_constraintdef(con.oid),
                  (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                  con.confrelid,
                  (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
           FROM pg_constraint con
           WHERE con.conrelid = ANY(%s) AND con.contype IN ('c', 'f')
             AND NOT (con.contype = 'f' AND (SELECT relispartition FROM pg_class WHERE oid = con.confrelid))
           ORDER BY con.conrelid, con.conname""",
        (oids,),
    ).fetchall():
        table = tables[int(rel)]
        if kind == "c":
            table.checks.append(re.sub(r"\s+NOT VALID$", "", str(definition))[len("CHECK ") :])
        else:
            parent = conn.execute(
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = %s",
                (confrelid,),
            ).fetchone()[0]
            key = (list(conkey), int(confrelid), list(confkey))
            if key not in [(f.columns, f.parent_oid, f.parent_columns) for f in table.fks]:
                table.fks.append(ForeignKey(list(conkey), str(parent), int(confrelid), list(confkey)))
    for table in tables.values():  # "CHECK (col IS NOT NULL)" (a NOT NULL added without a table rewrite)
        required = {m for c in table.checks for m in re.findall(r"^\(\((\w+) IS NOT NULL\)\)$", c)}
        for col in table.columns:
            col.not_null = col.not_null or col.name in required
    # unique indexes of the leaf itself (a partitioned table's unique index exists on every leaf)
    for rel, nkeys, indexrelid, pred in conn.execute(
        """SELECT i.indrelid, i.indnkeyatts, i.indexrelid, pg_get_expr(i.indpred, i.indrelid)
           FROM pg_index i WHERE i.indrelid = ANY(%s) AND i.indisunique ORDER BY i.indrelid, i.indexrelid""",
        (oids,),
    ).fetchall():
        keys = [
            str(conn.execute("SELECT pg_get_indexdef(%s, %s, true)", (indexrelid, k)).fetchone()[0])
            for k in range(1, int(nkeys) + 1)
        ]
        tables[int(rel)].uniques.append((keys, pred))
    return tables


def _leaves(conn: Any) -> dict[int, set[int]]:
    """Every table (partitioned or not) -> the leaf tables holding its rows."""
    out: dict[int, set[int]] = {}
    for root, leaf in conn.execute(
        """WITH RECURSIVE tree(root, rel) AS (
               SELECT c.oid, c.oid FROM pg_class c WHERE c.relkind IN ('r', 'p')
               UNION ALL SELECT t.root, i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.rel)
           SELECT t.root, t.rel FROM tree t JOIN pg_class c ON c.oid = t.rel WHERE c.relkind = 'r'"""
    ).fetchall():
        out.setdefault(int(root), set()).add(int(leaf))
    return out


def _order(tables: dict[int, Table], leaves: dict[int, set[int]]) -> list[int]:
    """Parents first. A cycle is broken at the table missing the fewest parents among those
    whose missing parents are all behind nullable foreign keys (they get NULL), or else at
    the table missing the fewest parents."""

    def parents(t: Table, hard: bool) -> set[int]:
        return {
            leaf
            for fk in t.fks
            if not hard or any(c.not_null for c in t.columns if c.name in fk.columns)
            for leaf in leaves.get(fk.parent_oid, set())
            if leaf != t.oid and leaf in tables
        }

    every = {oid: parents(t, False) for oid, t in tables.items()}
    hard = {oid: parents(t, True) for oid, t in tables.items()}
    order: list[int] = []
    done: set[int] = set()
    remaining = sorted(tables, key=lambda o: tables[o].name)
    while remaining:
        ready = [o for o in remaining if every[o] <= done]
        if not ready:
            soft = [o for o in remaining if hard[o] <= done]
            ready = [min(soft, key=lambda o: len(every[o] - done))] if soft else []
        if not ready:
            ready = [min(remaining, key=lambda o: len(hard[o] - done))]
        for o in ready:
            order.append(o)
            done.add(o)
        remaining = [o for o in remaining if o not in done]
    return order


def _bound_literal(bound: str | None) -> str | None:
    """The value a partition's bound names first: IN (x, ...) -> x; FROM (x) TO (...) -> x."""
    if not bound:
        return None
    m = re.match(r"FOR VALUES (?:IN|FROM) \(((?:'(?:[^']|'')*'|[^,()]+))[,)]", bound)
    if not m or m.group(1) in ("MINVALUE", "MAXVALUE", "NULL"):
        return None
    return m.group(1)


def _h(g: str, salt: int, bits: int = 1) -> str:
    """A pseudo-random small number per (row, column): varies NULLs, defaults and booleans."""
    return f"((hashint4({g} * 131 + {salt}) >> {salt % 7}) & {(1 << bits) - 1})"


def _numeric_expr(col: Column, g: str) -> str:
    if col.typmod >= 4:
        precision, scale = ((col.typmod - 4) >> 16) & 0xFFFF, (col.typmod - 4) & 0xFFFF
        digits = min(precision - scale, 6)
        if digits <= 0:
            return "0"
        return f"(({g} % {10**digits}) + ({g} % 97) / 100.0)::numeric % {10**digits}"
    return f"({g} / 7.0)"


def _value(col: Column, g: str, salt: int) -> str | None:
    """A SQL expression of the column's base type for row ``g``; None when there is no generator."""
    base, name = col.base, col.name.replace("'", "''")
    if col.enum_labels:
        labels = ", ".join("'" + label.replace("'", "''") + "'" for label in col.enum_labels)
        return f"(ARRAY[{labels}])[1 + ({g} + {salt}) % {len(col.enum_labels)}]"
    if base == "bool":
        return f"({_h(g, salt)} = 0)"
    if base == "int2":
        return f"({g} % 32000)"
    if base in ("int4", "int8", "oid"):
        return f"{g}"
    if base == "numeric":
        return _numeric_expr(col, g)
    if base in ("float4", "float8"):
        return f"({g} / 7.0)"
    if base in ("text", "varchar", "bpchar", "citext", "name"):
        return f"'{name}-' || {g}"
    if base == "bytea":
        return f"decode(md5('{name}' || {g}), 'hex')"
    if base == "uuid":
        return f"md5('{name}' || {g})::uuid"
    if base == "date":
        return f"(date '2025-01-01' + ({g} % 365))"
    if base in ("timestamp", "timestamptz"):
        return f"(timestamp '2025-01-01' + {g} * interval '17 minutes')"
    if base in ("time", "timetz"):
        return f"(time '00:00' + {g} * interval '1 second')"
    if base == "interval":
        return f"({g} * interval '1 second')"
    if base in ("json", "jsonb"):
        return f"(CASE WHEN {_h(g, salt)} = 0 THEN jsonb_build_object('n', {g}) ELSE jsonb_build_array({g}) END)"
    if base in ("inet", "cidr"):
        return f"('10.0.0.0'::inet + {g})"
    if base == "tsvector":
        return f"to_tsvector('simple', '{name} word' || {g})"
    if base == "macaddr":
        return "('08:00:2b:00:00:00'::macaddr)"
    return None


def _literals(check: str) -> list[str]:
    """The quoted string literals of a CHECK (``kind = ANY (ARRAY['push'::text, 'merge'::text])``)."""
    return re.findall(r"'(?:[^']|'')*'", check)


def _column_expr(col: Column, t: Table, g: str, salt: int, nulls: str) -> str | None:
    value = _value(col, g, salt)
    literal = _bound_literal(t.bound) if col.name == t.key_column else None
    if literal is not None:
        return f"({literal})::{col.type_sql}"
    if value is None:
        if col.default is not None:
            return f"({col.default})::{col.type_sql}"
        return None if col.not_null else f"NULL::{col.type_sql}"
    if col.is_array:
        value = f"ARRAY[{value}]"
    expr = f"({value})::{col.type_sql}"
    named = [lit for c in t.checks if re.search(rf"\b{re.escape(col.name)}\b", c) for lit in _literals(c)]
    if named and not col.is_array and col.category == "S":  # the strings its CHECK names (an IN list) on some rows
        choices = ", ".join(f"({lit})::{col.type_sql}" for lit in sorted(set(named)))
        expr = f"CASE WHEN {_h(g, salt + 3)} = 0 THEN (ARRAY[{choices}])[1 + {g} % {len(set(named))}] ELSE {expr} END"
    if col.default is not None:  # the column's own default on some rows (often the only value its CHECK allows)
        expr = f"CASE WHEN {_h(g, salt + 1)} = 0 THEN ({col.default})::{col.type_sql} ELSE {expr} END"
    if not col.not_null and nulls == "all":
        return f"NULL::{col.type_sql}"
    if not col.not_null and nulls == "some":
        expr = f"CASE WHEN {_h(g, salt + 2, 2)} = 0 THEN NULL ELSE {expr} END"
    return expr


def _insert_sql(t: Table, rows: int, has_rows: Callable[[str], bool], nulls: str = "some") -> tuple[str, str | None]:
    """The INSERT filling ``t``, or ("", reason) when it cannot be filled. ``nulls``: where a
    column is nullable, NULL on ``some`` rows, on ``all`` rows or on ``none``."""
    g = "kaleo__g"
    ctes: list[str] = []
    exprs: dict[str, str] = {}
    fk_tests: list[str] = []
    for i, fk in enumerate(t.fks):
        nullable = all(not c.not_null for c in t.columns if c.name in fk.columns)
        if not has_rows(fk.parent):
            if not any(c.not_null for c in t.columns if c.name in fk.columns):
                for name in fk.columns:
                    exprs.setdefault(name, "NULL")
                continue
            return "", f"foreign key ({', '.join(fk.columns)}) to {fk.parent}, which has no rows"
        order = ", ".join(qi(c) for c in fk.parent_columns)
        aggs = ", ".join(f"array_agg({qi(pc)} ORDER BY {order}) AS a{j}" for j, pc in enumerate(fk.parent_columns))
        # a key shared with the partition key (partition_id): the parent rows of this partition
        literal = _bound_literal(t.bound)
        same = [
            f"{qi(pc)} = {literal}"
            for pc, cc in zip(fk.parent_columns, fk.columns, strict=True)
            if cc == t.key_column and literal is not None
        ]
        where = f" WHERE {' AND '.join(same)}" if same else ""
        ctes.append(f"fk{i} AS (SELECT {aggs} FROM {fk.parent}{where})")
        for j, name in enumerate(fk.columns):
            pick = f"fk{i}.a{j}[1 + ({g} - 1 + {i * 3}) % cardinality(fk{i}.a0)]"
            if nullable and nulls == "all":
                pick = "NULL"
            elif nullable and nulls == "some" and name not in exprs:
                pick = f"CASE WHEN {_h(g, 1000 + i, 2)} = 0 THEN NULL ELSE {pick} END"
            exprs.setdefault(name, pick)
        match = " AND ".join(f"p.{qi(pc)} = c.{qi(cc)}" for pc, cc in zip(fk.parent_columns, fk.columns, strict=True))
        any_null = " OR ".join(f"c.{qi(cc)} IS NULL" for cc in fk.columns)
        fk_tests.append(f"({any_null} OR EXISTS (SELECT 1 FROM {fk.parent} p WHERE {match}))")
    cols: list[str] = []
    select: list[str] = []
    for salt, col in enumerate(t.columns):
        if col.generated or (col.name not in exprs and (col.identity or (col.default or "").startswith("nextval("))):
            continue
        if col.name in exprs and col.name != t.key_column:
            expr: str | None = f"({exprs[col.name]})::{col.type_sql}"
        else:
            expr = _column_expr(col, t, g, salt * 3, nulls)
        if expr is None:
            return "", f"no generator for column {col.name} ({col.type_sql})"
        cols.append(qi(col.name))
        select.append(f"{expr} AS {qi(col.name)}")
    if not cols:
        return f"INSERT INTO {t.name} SELECT FROM generate_series(1, {rows})", None
    names = {c.name for c in t.columns}
    candidate_cols = {col.strip('"') for col in cols}
    omitted = {c.name for c in t.columns} - candidate_cols
    # a CHECK on a column the database fills (an id from its sequence) is the database's to
    # enforce, and so are all of them when every nullable column is NULL (a trigger may fill them)
    checks = [] if nulls == "all" else t.checks
    tests = [f"(({c}) IS NOT FALSE)" for c in checks if not omitted & set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", c))]
    if t.partition_constraint:
        tests.append(f"({t.partition_constraint})")
    tests += fk_tests
    ranks: list[str] = []
    keep: list[str] = []
    for k, (keys, pred) in enumerate(t.uniques):
        plain = [key.strip('"') for key in keys]
        if any(p in names and p not in candidate_cols for p in plain):
            continue  # a key holding a sequence-filled column: unique by construction
        in_scope = f"({pred})" if pred else "true"
        ranks.append(f"row_number() OVER (PARTITION BY {', '.join(keys)}, {in_scope} ORDER BY {g}) AS kaleo__r{k}")
        null_key = " OR ".join(f"({key}) IS NULL" for key in keys)
        keep.append(f"(kaleo__r{k} = 1 OR NOT {in_scope} OR {null_key})")
        if not pred and all(p in names for p in plain):  # rows already there (a trigger's)
            match = " AND ".join(f"x.{qi(p)} = c.{qi(p)}" for p in plain)
            tests.append(f"NOT EXISTS (SELECT 1 FROM {t.name} x WHERE {match})")
    with_ = ("WITH " + ", ".join(ctes) + " ") if ctes else ""
    from_fk = "".join(f" CROSS JOIN fk{i}" for i in range(len(t.fks)) if f"fk{i} AS" in " ".join(ctes))
    candidates = f"SELECT {g}, {', '.join(select)} FROM generate_series(1, {rows * POOL_FACTOR}) {g}{from_fk}"
    passing = f"SELECT * FROM ({candidates}) c" + (f" WHERE {' AND '.join(tests)}" if tests else "")
    ranked = f"SELECT *{''.join(', ' + r for r in ranks)} FROM ({passing}) c"
    chosen = f"SELECT {', '.join(cols)} FROM ({ranked}) c"
    if keep:
        chosen += f" WHERE {' AND '.join(keep)}"
    chosen += f" ORDER BY {g} LIMIT {rows}"
    sql = f"INSERT INTO {t.name} ({', '.join(cols)}) {with_}{chosen}"
    return sql, None


def populate(conn: Any, rows: int) -> Filled:
    """Fill every table of the connected database (``conn`` in autocommit mode) with up to ``rows`` rows."""
    tables = _tables(conn)
    leaves = _leaves(conn)
    done = Filled()
    filled: dict[int, int] = {}
    reasons: dict[int, str] = {}

    def has_rows(table: str) -> bool:
        return bool(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])

    for oid in _order(tables, leaves):
        t = tables[oid]
        reason: str | None = None
        first: str | None = None
        # NULLs on some rows first; then on every row where allowed (a trigger deriving a
        # column from the parent row, as sharding keys are, then fills it), then on none
        for nulls in ("some", "all", "none"):
            sql, reason = _insert_sql(t, rows, has_rows, nulls)
            if reason is not None:
                break
            try:
                filled[oid] = conn.execute(sql).rowcount
            except psycopg.Error as exc:  # the table stays empty (unless a later variant passes), with its reason
                reason = str(exc).strip().splitlines()[0]
                first = first or reason
                continue
            if filled[oid]:
                break
            first = first or "no candidate row passed its constraints"
        reason = first or reason
        if not filled.get(oid):
            filled[oid] = 0
            reasons[oid] = reason or "no candidate row passed its constraints"
    # what the tables hold at the end (a trigger may have filled a table before its turn)
    for oid, t in tables.items():
        count = int(conn.execute(f"SELECT count(*) FROM ONLY {t.name}").fetchone()[0])
        if count:
            done.rows[t.name] = count
        else:
            done.empty[t.name] = reasons.get(oid, "emptied by a trigger")
    return done
