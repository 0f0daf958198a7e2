"""The loader's cost model: seconds of server work per byte, value, row and page.

A load costs per byte and per value by column type, a build per row by its keys, an ANALYZE
per sampled page and row. Only the order of the jobs depends on it (:mod:`scripts.db.load.plan`).
"""

from __future__ import annotations

import re

from scripts.db.pgtoc import Entry

# Cost model (seconds on one core, measured roughly on PostgreSQL 15): a COPY costs per
# byte plus per value by column type (parsing jsonb costs far more than parsing a bigint),
# an index or constraint build per row of its table. Only the order of the jobs depends on it.
# Recalibrated on bench/db.py's current shape (3 rounds): wide text rows loaded 3x slower per
# byte, and the build of an index on a jsonb expression took 1.4x its table's load, the
# longest job of the restore; both were under-costed, so that build started last.
BYTE_COST = 1 / 2.5e8
ROW_COST = 0.1e-6
DEFAULT_VALUE_COST = 0.1e-6
VALUE_COSTS = (  # first match wins, on the lower-cased type
    ("jsonb", 1.2e-6),
    ("json", 0.5e-6),
    ("[]", 0.6e-6),
    ("tsvector", 1.0e-6),
    ("geometry", 1.0e-6),
    ("numeric", 0.25e-6),
    ("timestamp", 0.2e-6),
    ("date", 0.1e-6),
    ("interval", 0.2e-6),
    ("double", 0.15e-6),
    ("real", 0.15e-6),
    ("uuid", 0.1e-6),
    ("inet", 0.15e-6),
    ("int", 0.05e-6),
    ("text", 0.05e-6),
    ("character", 0.05e-6),
)
INDEX_ROW_COST = 0.2e-6  # per row, plus per key column and more for an expression
KEY_COST = 0.1e-6
EXPRESSION_COST = 0.4e-6
JSON_EXPRESSION_COST = 2.5e-6
FK_ROW_COST = 0.3e-6
JOB_COST = 0.01
# ANALYZE reads a sample of 300 x default_statistics_target (100) rows from as many pages.
ANALYZE_SAMPLE = 30_000
# Measured on PostgreSQL 15: 1 M rows of 5 columns with jsonb (21,128 pages) 0.19 s, of 2
# integers (5,406 pages) 0.06 s, 40,000 small jsonb rows (334 pages) 0.013 s: mostly pages read.
ANALYZE_VALUE_FACTOR = 0.25  # per sampled row, of its parse cost
PAGE_COST = 9e-6
PAGE_BYTES = 8192
_KEYS = re.compile(r"(?:PRIMARY KEY|UNIQUE|USING \w+|FOREIGN KEY) \((.*)\)", re.S)
_COLUMN = re.compile(r'^ {4}("(?:[^"]|"")+"|[^\s"]+) (.+?),?$')


def build_cost(entry: Entry) -> float:
    """Estimated seconds per table row to build an index or constraint, from its definition."""
    if entry.desc == "FK CONSTRAINT":
        return FK_ROW_COST
    m = _KEYS.search(entry.defn)
    keys = m.group(1) if m else ""
    cost = INDEX_ROW_COST + KEY_COST * (keys.count(",") + 1)
    if "(" in keys:  # an expression key
        cost += JSON_EXPRESSION_COST if ("->" in keys or "jsonb" in keys) else EXPRESSION_COST
    return cost


def value_cost(table_defn: str) -> float:
    """Estimated seconds to parse one row of a table, from the column types of its CREATE TABLE."""
    total = ROW_COST
    for line in table_defn.splitlines():
        m = _COLUMN.match(line)
        if not m or m.group(1).upper() in ("CONSTRAINT", "CHECK"):
            continue
        kind = m.group(2).lower()
        total += next((c for key, c in VALUE_COSTS if key in kind), DEFAULT_VALUE_COST)
    return total
