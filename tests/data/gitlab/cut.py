"""Cut a faithful subset out of GitLab's ``db/structure.sql``, on object boundaries.

Usage::

    python tests/data/gitlab/cut.py FULL_STRUCTURE_SQL > tests/data/gitlab/structure.sql

The rule (stdlib only, deterministic):

1. Split the file into whole statements (quotes, dollar quotes and comments respected).
2. Seed tables: every table of the public schema whose name starts with one of ``SEEDS``.
3. Close the set, until nothing changes, over: the target of every foreign key of a kept
   table; the parent of a kept partition and every partition of a kept partitioned table;
   every table a kept trigger's function names in its body; every table a kept function
   returns as a row type.
4. Keep, verbatim and in the original order: the schemas and extensions; every table of the
   set; every sequence owned by a kept table or used by a kept column default; every
   constraint, index, index attachment, partition attachment, default, trigger and comment
   of a kept table (a foreign key only if its target is kept: step 3 makes that always so);
   every function a kept trigger executes or that returns a kept table's row type; every view
   whose relations are all kept tables, kept views or system catalogs. Everything else is
   left out.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SEEDS = (
    "issue",
    "merge_request",
    "label",
    "milestone",
    "epic",
    "work_item",
    "p_ci_",
    "ci_pipeline",
    "deployment",
    "environment",
    "route",
    "snippet",
    "shard",
    "design_management",
    "group_wiki",
)

NOT_RELATIONS = {"LATERAL", "SELECT", "unnest"}  # what follows FROM/JOIN in a view and is no relation
IDENT = r'(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_$]*)'
QNAME = rf"{IDENT}(?:\.{IDENT})?"


def statements(text: str) -> list[str]:
    out: list[str] = []
    i, start, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "'":
            i += 1
            while i < n:
                if text[i] == "'":
                    if i + 1 < n and text[i + 1] == "'":
                        i += 2
                        continue
                    break
                i += 1
        elif c == "$":
            m = re.match(r"\$[A-Za-z_]*\$", text[i:])
            if m:
                end = text.find(m.group(0), i + len(m.group(0)))
                i = end + len(m.group(0)) - 1
        elif c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == ";":
            out.append(text[start : i + 1].strip())
            start = i + 1
        i += 1
    return [s for s in out if s]


def bare(name: str) -> str:
    """``public.x`` and ``x`` are the same table; other schemas keep their prefix."""
    name = name.replace('"', "")
    return name[len("public.") :] if name.startswith("public.") else name


def classify(stmt: str) -> tuple[str, str, str | None]:
    """(kind, object it belongs to, other object it needs) for one statement."""
    m = re.match(rf"CREATE TABLE ({QNAME})", stmt)
    if m:
        return "table", bare(m.group(1)), None
    m = re.match(rf"ALTER TABLE (?:ONLY )?({QNAME}) ATTACH PARTITION ({QNAME})", stmt)
    if m:
        return "attach", bare(m.group(2)), bare(m.group(1))
    m = re.match(rf"ALTER TABLE (?:ONLY )?({QNAME})\s", stmt)
    if m:
        ref = re.search(rf"REFERENCES ({QNAME})", stmt)
        return "table-part", bare(m.group(1)), bare(ref.group(1)) if ref else None
    m = re.match(rf"CREATE (?:UNIQUE )?INDEX ({QNAME}) ON (?:ONLY )?({QNAME})", stmt)
    if m:
        return "index", bare(m.group(2)), bare(m.group(1))
    m = re.match(rf"ALTER INDEX ({QNAME}) ATTACH PARTITION ({QNAME})", stmt)
    if m:
        return "index-attach", bare(m.group(1)), bare(m.group(2))
    m = re.match(rf"CREATE SEQUENCE ({QNAME})", stmt)
    if m:
        return "sequence", bare(m.group(1)), None
    m = re.match(rf"ALTER SEQUENCE ({QNAME}) OWNED BY ({QNAME})\.{IDENT}", stmt)
    if m:
        return "sequence-owner", bare(m.group(1)), bare(m.group(2))
    m = re.match(rf"CREATE TRIGGER {IDENT} .*? ON ({QNAME}) .*EXECUTE FUNCTION ({QNAME})\(", stmt, re.S)
    if m:
        return "trigger", bare(m.group(1)), bare(m.group(2))
    m = re.match(rf"CREATE FUNCTION ({QNAME})\(", stmt)
    if m:
        return "function", bare(m.group(1)), None
    m = re.match(rf"CREATE VIEW ({QNAME})", stmt)
    if m:
        return "view", bare(m.group(1)), None
    m = re.match(rf"COMMENT ON (TABLE|COLUMN|INDEX|VIEW|FUNCTION) ({QNAME})", stmt)
    if m:
        target = bare(m.group(2))
        if m.group(1) == "COLUMN":
            target = target.rsplit(".", 1)[0]
        return "comment-" + m.group(1).lower(), target, None
    if stmt.startswith(("CREATE SCHEMA", "COMMENT ON SCHEMA", "CREATE EXTENSION")):
        return "preamble", "", None
    raise ValueError(f"unclassified statement: {stmt[:120]}")


def cut(text: str) -> str:
    stmts = statements(text)
    parsed = [classify(s) for s in stmts]
    tables = {obj for kind, obj, _ in parsed if kind == "table"}
    functions = {obj: s for s, (kind, obj, _) in zip(stmts, parsed, strict=True) if kind == "function"}
    words = {f: set(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", body)) for f, body in functions.items()}
    returns = {
        f: bare(m.group(1))
        for f, body in functions.items()
        if (m := re.search(rf"\) RETURNS ({QNAME})\s", body)) and bare(m.group(1)) in tables
    }
    fks: dict[str, set[str]] = {}
    parent_of: dict[str, str] = {}
    triggers: dict[str, set[str]] = {}
    for kind, obj, other in parsed:
        if kind == "table-part" and other:
            fks.setdefault(obj, set()).add(other)
        elif kind == "attach" and other:
            parent_of[obj] = other
        elif kind == "trigger" and other:
            triggers.setdefault(obj, set()).add(other)

    keep = {t for t in tables if "." not in t and t.startswith(SEEDS)}
    while True:
        grow = set(keep)
        for t in keep:
            grow |= fks.get(t, set())
            if t in parent_of:
                grow.add(parent_of[t])
            for fn in triggers.get(t, set()):
                grow |= {w for w in words.get(fn, set()) if w in tables}
        grow |= {child for child, parent in parent_of.items() if parent in grow}
        for fn, table in returns.items():
            if any(fn in triggers.get(t, set()) for t in grow):
                grow.add(table)
        if grow == keep:
            break
        keep = grow

    kept_functions = {fn for t in keep for fn in triggers.get(t, set())} | {
        fn for fn, table in returns.items() if table in keep
    }
    sequences: set[str] = set()
    for s, (kind, obj, other) in zip(stmts, parsed, strict=True):
        if kind == "sequence-owner" and other in keep:
            sequences.add(obj)
        if kind == "table-part" and obj in keep:
            sequences |= {bare(q) for q in re.findall(r"nextval\('([^']+)'", s)}
        if kind == "function" and obj in kept_functions:
            sequences |= {bare(q) for q in re.findall(r"nextval\('([^']+)'", s)}
    views = set()
    for s, (kind, obj, _) in zip(stmts, parsed, strict=True):
        if kind == "view":
            body = s.split(" AS ", 1)[1]
            used = {bare(n) for n in re.findall(rf"(?:FROM|JOIN)[\s(]+({QNAME})", body)} - NOT_RELATIONS
            if used and all(n in keep or n in views or n.startswith("pg_") for n in used):
                views.add(obj)
    kept_indexes = {other for kind, obj, other in parsed if kind == "index" and obj in keep}

    out: list[str] = []
    for s, (kind, obj, other) in zip(stmts, parsed, strict=True):
        take = (
            kind == "preamble"
            or (kind in ("table", "attach", "comment-table", "comment-column", "trigger") and obj in keep)
            or (kind == "table-part" and obj in keep and (other is None or other in keep))
            or (kind == "index" and obj in keep)
            or (kind in ("comment-index",) and obj in kept_indexes)
            or (kind == "index-attach" and obj in kept_indexes and other in kept_indexes)
            or (kind in ("sequence", "sequence-owner") and obj in sequences)
            or (kind in ("function", "comment-function") and obj in kept_functions)
            or (kind in ("view", "comment-view") and obj in views)
        )
        if take:
            out.append(s)
    return "\n\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: cut.py FULL_STRUCTURE_SQL > structure.sql")
    sys.stdout.write(cut(Path(sys.argv[1]).read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
