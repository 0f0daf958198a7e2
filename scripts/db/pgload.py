"""Load table data and build indexes and constraints in parallel, longest chain first.

``kaleo-dr restore`` restores the schema (pre-data) and whatever is left at the end with
pg_restore, but runs the heavy middle itself, because it can do better than
``pg_restore -j`` there:

* **no zlib in the loaders**: the table data arrives through the sha256 check and is
  inflated with ISA-L (about twice as fast as zlib) straight into ``COPY ... FROM STDIN``;
* **critical path first**: pg_restore starts the largest *files* first; here every job's
  cost is estimated - a load per byte and per value by column type (parsing jsonb costs far
  more than parsing a bigint), an index or constraint build per row by its keys (an
  expression over jsonb costs more than a bigint key) - and of the jobs ready to run, the
  one with the longest chain of work behind it (itself plus everything that waits for it)
  runs first, loads and builds alike, so the end is not one big table's index builds on one
  core while the other cores idle;
* **no job waits for another's lock**: ADD CONSTRAINT locks its table exclusively, ADD
  FOREIGN KEY both of its tables against index builds and other keys; run side by side,
  one session would sit waiting with its core idle. A job runs only beside jobs whose table
  locks do not conflict with its own, and a table with much work left on it (its jobs run
  mostly one after another) starts early;
* **indexes and constraints as soon as possible**: an index, unique/primary key or foreign
  key is ready the moment every table it depends on is loaded (and the constraints it
  depends on exist); workers with nothing left to do lend themselves to the remaining index
  builds as parallel maintenance workers;
* **planner statistics before anyone queries**: each table gets an ANALYZE job, ready as
  soon as its data is in (and the expression indexes whose statistics ANALYZE collects), so
  it overlaps the other work instead of the ``vacuumdb --analyze-only`` an operator would
  otherwise run afterwards; without it the first queries after a failover are planned with
  default estimates.

What runs here, taken from the archive's TOC (:mod:`scripts.db.pgtoc`): every ``TABLE DATA``
entry, the post-data ``INDEX``, ``CONSTRAINT`` and ``FK CONSTRAINT`` entries whose
dependencies are all schema objects, table data or other entries run here, and an
``ANALYZE`` of every table whose data is loaded here. Everything else (sequence values,
triggers, comments, ACLs, partition index attachments and whatever depends on them) comes
after all of that, by construction never before anything run here:

* **the finale**: when every entry left is a plain statement (:data:`FINALE_DESCS`), the
  same warm connections run them, in pg_restore's passes (ACLs after everything else), in
  batches, and on both connections at once where their tables are apart (see
  :func:`plan_finale`). On a schema of hundreds of tables this saves a third pg_restore
  (a process, its connections, a round trip per statement);
* otherwise (large objects, materialized view data, event triggers, data pg_restore must
  load itself), all of it is left to one pg_restore run afterwards.

Each job runs on one of ``jobs`` connections with pg_restore's session settings. A COPY
commits only after its source reported the end of its data (for a backup file: after the
file's sha256 matched); any failure cancels the other jobs and is raised.
"""

from __future__ import annotations

import contextlib
import heapq
import re
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from scripts.db import pgtools
from scripts.db.pgtoc import SECTION_POST_DATA, SECTION_PRE_DATA, Entry, Toc

SQL_DESCS = ("INDEX", "CONSTRAINT", "FK CONSTRAINT")
# What the finale may run itself: entries pg_restore runs as their plain SQL (no owner to set,
# no data to read) in its main pass or, for ACLs, in its ACL pass. Anything else left (large
# objects, materialized view data and event triggers, which pg_restore runs after the ACLs,
# table data it must load) leaves the whole rest to pg_restore.
FINALE_DESCS = frozenset(
    {
        "ACL",
        "DEFAULT ACL",
        "COMMENT",
        "SEQUENCE SET",
        "INDEX ATTACH",
        "TRIGGER",
        "FK CONSTRAINT",
        "CHECK CONSTRAINT",
        "CONSTRAINT",
        "INDEX",
        "RULE",
        "POLICY",
        "ROW SECURITY",
    }
)
ACL_DESCS = frozenset({"ACL", "DEFAULT ACL"})
FINALE = "FINALE"  # the desc of the finale's jobs (each runs a list of entries, in order)
FINALE_ID = -(2**41)  # the synthetic dump ids of the finale's jobs: FINALE_ID - n
# Entries per finale job and per round trip (one implicit transaction: its locks add up).
FINALE_BATCH = 32
FINALE_ENTRY_COST = 0.2e-3  # seconds per entry (gitlab: 1,369 entries, 0.14 s of server work)
# Tiny SQL jobs (:func:`is_tiny`) ready together run in one round trip, up to this many, found
# among at most BATCH_SCAN ready jobs. On the gitlab shape (1,514 jobs of a few ms at most on 410
# small tables) a job's hand-over and round trip cost about as much as its server work.
TINY_WORK = 2e-3
BATCH_JOBS = 16
BATCH_SCAN = 64
ANALYZE = "ANALYZE"  # the desc of the statistics jobs this module adds to a plan
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
# Below this size a table is loaded with a plain COPY: emptying it first (a new file for the
# table, its TOAST table and index, the old ones unlinked at commit) costs more than FREEZE
# saves on a few pages (measured on 1,000 tables of 300 rows: 18 ms per table against 10).
FREEZE_MIN_BYTES = 4 * 1024 * 1024
MERGE_MAX_BYTES = 1024 * 1024  # a table this small has its builds run with its load (:func:`_merge_small`)
# A load whose chain (itself and the work waiting for it) is longer than this share of all
# the work divided among the workers is the critical path: the other workers would run out
# of work before it ends, so they join it with COPYs of their own (see :class:`SharedFeed`).
SHARED_LOAD_SHARE = 1.0
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


SHARE = "share"  # CREATE INDEX: other index builds on the table may run beside it
EXCLUSIVE = "exclusive"  # COPY after TRUNCATE, ADD CONSTRAINT, ADD FOREIGN KEY: nothing else on it may


@dataclass
class Job:
    entry: Entry
    kind: str  # "data" | "sql" | "batch" (a finale job: its ``after`` entries, in order)
    cost: float
    waits: set[int] = field(default_factory=set)  # dump ids of the jobs this one needs first
    chain: float = 0.0  # its cost plus the chains of the jobs waiting for it: its priority
    locks: dict[int, str] = field(default_factory=dict)  # table dump id -> SHARE or EXCLUSIVE
    size: int = 0  # a load's data bytes (uncompressed or estimated)
    after: list[Entry] = field(default_factory=list)  # a small table's builds, run right after its load

    def conflicts(self, other: Job) -> bool:
        """Whether the server would make one of the two wait for the other's table lock.

        CREATE INDEX takes a SHARE lock, which only another SHARE lock lets by; ADD
        CONSTRAINT takes ACCESS EXCLUSIVE and ADD FOREIGN KEY SHARE ROW EXCLUSIVE on both
        tables, which conflict with SHARE and with themselves.
        """
        return any(
            t in other.locks and not (mode == SHARE and other.locks[t] == SHARE) for t, mode in self.locks.items()
        )


def table_locks(entry: Entry, by_id: dict[int, Entry]) -> dict[int, str]:
    """The tables a job locks (its TABLE dependencies: an FK lists both of its tables) and how."""
    mode = SHARE if entry.desc == "INDEX" else EXCLUSIVE
    return {d: mode for d in entry.deps if d in by_id and by_id[d].desc == "TABLE"}


@dataclass
class Plan:
    jobs: dict[int, Job]
    rest: list[Entry]  # what pg_restore does afterwards (every entry after pre-data not run here)

    @property
    def finale(self) -> list[Entry]:
        """The entries the finale's jobs run (empty if there is none)."""
        return [e for j in self.jobs.values() if j.kind == "batch" for e in j.after]

    @property
    def data_jobs(self) -> list[Job]:
        return [j for j in self.jobs.values() if j.kind == "data"]


def plan_load(
    toc: Toc,
    table_rows: dict[int, int],
    data_bytes: dict[int, int],
    analyze: bool = True,
    merge_below: int = MERGE_MAX_BYTES,
    finale: bool = True,
    listed: Collection[int] | None = None,
) -> Plan:
    """Split the data and post-data sections into jobs run here and the rest.

    ``data_bytes`` names the TABLE DATA entries loaded here (by dump id: the size of their
    data, uncompressed or estimated); ``table_rows`` their row counts. With ``analyze``, each
    table also gets an ANALYZE job (see :func:`_analyze_jobs`). With ``finale``, what is left
    runs here too, at the end, if it can (see :func:`plan_finale`); else it is the plan's
    ``rest``, for pg_restore. ``listed`` (pg_restore's listing of the archive) limits the rest
    to what pg_restore itself would restore: it skips some entries without being told, such
    as the ACLs and comments of the database itself (only restored with ``--create``).
    """
    by_id = toc.by_id()
    data_of: dict[int, int] = {}  # table dump id -> its TABLE DATA dump id
    jobs: dict[int, Job] = {}
    for e in toc.entries:
        if e.desc == "TABLE DATA" and e.copy_stmt.startswith("COPY ") and e.dump_id in data_bytes:
            tables = [by_id[d] for d in e.deps if d in by_id and by_id[d].desc == "TABLE"]
            per_row = value_cost(tables[0].defn) if tables else ROW_COST + 5 * DEFAULT_VALUE_COST
            rows = table_rows.get(e.dump_id, 0)
            cost = JOB_COST + rows * per_row + data_bytes[e.dump_id] * BYTE_COST
            jobs[e.dump_id] = Job(e, "data", cost, locks=table_locks(e, by_id), size=data_bytes[e.dump_id])
            for t in tables:
                data_of[t.dump_id] = e.dump_id
    rows_of_table = {t: table_rows.get(d, 0) for t, d in data_of.items()}
    candidates = {e.dump_id: e for e in toc.entries if e.section == SECTION_POST_DATA and e.desc in SQL_DESCS}

    def waits_for(e: Entry) -> set[int] | None:
        """The jobs an entry waits for; None if it needs something pg_restore does at the end."""
        waits: set[int] = set()
        for d in e.deps:
            dep = by_id.get(d)
            if dep is None:
                continue  # pg_restore ignores a dependency on an entry the archive lacks
            if d in data_of:
                waits.add(data_of[d])
            elif d in candidates:
                waits.add(d)
            elif dep.section != SECTION_PRE_DATA:
                return None
        return waits

    ours = {i: w for i, e in candidates.items() if (w := waits_for(e)) is not None}
    changed = True
    while changed:  # drop candidates that need a dropped candidate
        changed = False
        for i, w in list(ours.items()):
            if any(d in candidates and d not in ours for d in w):
                del ours[i]
                changed = True
    partitioned = {e.dump_id for e in toc.entries if e.desc == "TABLE" and "\nPARTITION BY " in e.defn}
    for i, w in ours.items():
        e = candidates[i]
        dep_tables = [d for d in e.deps if d in data_of]
        rows = max((rows_of_table.get(t, 0) for t in dep_tables), default=0)
        cost = JOB_COST + rows * build_cost(e)
        split = key_as_index(e) if not partitioned & set(e.deps) else None
        if split is None:
            jobs[i] = Job(e, "sql", cost, set(w), locks=table_locks(e, by_id))
            continue
        index, attach = split
        jobs[index.dump_id] = Job(index, "sql", cost, set(w), locks=table_locks(index, by_id))
        jobs[i] = Job(attach, "sql", JOB_COST, {*w, index.dump_id}, locks=table_locks(attach, by_id))
    if analyze:
        jobs.update(_analyze_jobs(toc, jobs, data_of, table_rows, data_bytes))
    _merge_small(jobs, merge_below)
    _set_chains(jobs)
    ran = set(jobs) | {e.dump_id for j in jobs.values() for e in j.after}
    rest = [
        e
        for e in toc.entries
        if e.section != SECTION_PRE_DATA and e.dump_id not in ran and (listed is None or e.dump_id in listed)
    ]
    last = plan_finale(toc, rest, jobs) if finale else None
    if last is None:
        return Plan(jobs, rest)
    loader = set(jobs)
    jobs.update(last)
    # A finale group that waits only for its own tables' jobs adds its cost to their chains, so
    # that they run early enough for it to start beside the load (on gitlab a partition tree's
    # 298 index attachments otherwise ran alone at the end); what waits for the whole load
    # (the ACLs, a sequence's value) would add the same to every job: its chain is its cost.
    _set_chains({i: j for i, j in jobs.items() if i in loader or not j.waits >= loader})
    return Plan(jobs, [])


def plan_finale(toc: Toc, rest: list[Entry], loader: dict[int, Job]) -> dict[int, Job] | None:
    """The entries left after the load as jobs of the load's own connections, or None when
    one of them is not a plain statement (:data:`FINALE_DESCS`): pg_restore then runs them all.

    Entries are grouped by the tables they reach through their dependencies, a partition tree
    or inheritance family counting as one table, and a group runs in TOC order on one
    connection, so what depends on an entry (a comment on a trigger, an attachment of an
    attached index) comes after it. A group's job waits for every job of the load (``loader``)
    that locks one of its tables, and holds them all exclusively: it starts as soon as its
    tables are done, beside the load's work on other tables, and two groups never lock the same
    table, so nothing waits for (or deadlocks on) anything else's lock. A group that reaches no
    table (a sequence's value) waits for the whole load. Small groups are packed into jobs of
    about :data:`FINALE_BATCH` entries.

    ACLs come last, as in pg_restore's ACL pass: their jobs wait for every other job. Each
    changes one object's privileges, and they run side by side in any grouping, as pg_restore's
    parallel workers run them.
    """
    if not rest:
        return {}
    for e in rest:
        if e.desc not in FINALE_DESCS or (e.desc == "COMMENT" and e.tag.startswith("EVENT TRIGGER ")):
            return None
    by_id = toc.by_id()
    tables = {e.dump_id for e in toc.entries if e.desc == "TABLE"}
    family = _Families()
    for child, parents in _table_parents(toc).items():
        for p in parents:
            family.union(child, p)
    reach: dict[int, frozenset[int]] = {}

    def tables_of(i: int) -> frozenset[int]:
        """The tables an entry reaches through its dependencies (not through a table's own)."""
        if i not in reach:
            reach[i] = frozenset()  # a cycle (none in a valid TOC) ends here
            entry = by_id.get(i)
            found: set[int] = set()
            for d in entry.deps if entry is not None else ():
                found |= {d} if d in tables else tables_of(d)
            reach[i] = frozenset(found)
        return reach[i]

    main = [e for e in rest if e.defn and e.desc not in ACL_DESCS]
    acls = [e for e in rest if e.defn and e.desc in ACL_DESCS]
    for e in main:
        reached = sorted(tables_of(e.dump_id))
        for t in reached[1:]:
            family.union(reached[0], t)
    members: dict[int, set[int]] = {}
    for t in tables:
        members.setdefault(family.find(t), set()).add(t)
    groups: dict[int, list[Entry]] = {}
    for e in main:
        reached = sorted(tables_of(e.dump_id))
        key = family.find(reached[0]) if reached else e.dump_id  # no table (a sequence value): alone
        groups.setdefault(key, []).append(e)
    locking: dict[int, set[int]] = {}  # table -> the load's jobs that lock it
    for i, j in loader.items():
        for t in j.locks:
            locking.setdefault(t, set()).add(i)
    out: dict[int, Job] = {}

    def add(entries: list[Entry], locked: set[int], waits: set[int]) -> None:
        i = FINALE_ID - len(out)
        tag = f"{len(entries)} entries" if len(entries) > 1 else f"{entries[0].desc} {_name(entries[0])}"
        entry = Entry(i, False, tag, FINALE, SECTION_POST_DATA, "", "", "", "", "", (), None)
        cost = FINALE_ENTRY_COST * len(entries)
        job = Job(entry, "batch", cost, set(waits), cost, {t: EXCLUSIVE for t in locked}, after=entries)
        out[i] = job

    def add_packed(entries: list[Entry], locked: set[int], whole_load: bool) -> None:
        """Packed groups wait for the load's jobs on their tables (for all of it if one reaches none)."""
        add(entries, locked, set(loader) if whole_load else {i for t in locked for i in locking.get(t, ())})

    batch: list[Entry] = []
    locked: set[int] = set()
    whole_load = False
    for key, entries in groups.items():  # in TOC order of their first entries
        if batch and len(batch) + len(entries) > FINALE_BATCH:
            add_packed(batch, locked, whole_load)
            batch, locked, whole_load = [], set(), False
        batch += entries
        if key in members:
            locked |= members[key]
        else:
            whole_load = True
    if batch:
        add_packed(batch, locked, whole_load)
    everything = set(loader) | set(out)
    for n in range(0, len(acls), FINALE_BATCH):
        add(acls[n : n + FINALE_BATCH], set(), everything)
    return out


class _Families:
    """Union-find over tables: the tables that lock one another's (a partition tree, an
    inheritance family, the tables of one finale group)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, t: int) -> int:
        root = t
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while t != root:  # path compression
            self.parent[t], t = root, self.parent.get(t, t)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _table_parents(toc: Toc) -> dict[int, set[int]]:
    """Each table's parents: the partitioned tables it is attached to (``TABLE ATTACH``, or
    ``PARTITION OF``) and the tables it inherits from."""
    tables = {e.dump_id: e for e in toc.entries if e.desc == "TABLE"}
    parents: dict[int, set[int]] = {t: set() for t in tables}
    for e in toc.entries:
        if e.desc == "TABLE ATTACH":  # ALTER TABLE ONLY parent ATTACH PARTITION child (the entry's tag)
            pair = [d for d in e.deps if d in tables]
            child = next((d for d in pair if tables[d].tag == e.tag and tables[d].namespace == e.namespace), None)
            if child is not None:
                parents[child] |= {d for d in pair if d != child}
    for t, e in tables.items():
        if "\nINHERITS (" in e.defn or " PARTITION OF " in e.defn:
            parents[t] |= {d for d in e.deps if d in tables and d != t}
    return parents


_KEY_CONSTRAINT = re.compile(
    r"ALTER TABLE ONLY (?P<table>\S+)\n    ADD CONSTRAINT (?P<name>\S+) (?P<kind>PRIMARY KEY|UNIQUE) "
    r"(?P<keys>\([^()]*\)(?: INCLUDE \([^()]*\))?)(?P<with> WITH \([^()]*\))?;\s*",
)
KEY_INDEX_ID = -(2**40)  # the synthetic dump ids of key indexes: KEY_INDEX_ID - the constraint's id


def key_as_index(entry: Entry) -> tuple[Entry, Entry] | None:
    """A primary key or unique constraint as two jobs: its unique index, built with a SHARE
    lock beside the table's other index builds, then the constraint on that index
    (``ADD CONSTRAINT ... USING INDEX``: a catalog change). Built directly, ``ADD CONSTRAINT``
    locks the table exclusively for the whole build, so it can only run after every other
    build on the table, while a core may sit idle. The result is the same constraint on the
    same index (same name, tablespace and storage options).

    None for what ``USING INDEX`` cannot take or pg_dump's plain form does not show (a
    deferrable or NULLS NOT DISTINCT key, a partitioned table's): those run as written.
    The index entry keeps the constraint's dependencies; the constraint keeps its dump id.
    """
    m = _KEY_CONSTRAINT.fullmatch(entry.defn) if entry.desc == "CONSTRAINT" else None
    if m is None:
        return None
    table, name, kind = m["table"], m["name"], m["kind"]
    create = f"CREATE UNIQUE INDEX {name} ON {table} USING btree {m['keys']}{m['with'] or ''};\n"
    index = Entry(
        KEY_INDEX_ID - entry.dump_id,
        False,
        name,
        "INDEX",
        entry.section,
        create,
        "",
        entry.namespace,
        entry.tablespace,
        entry.owner,
        entry.deps,
        None,
    )
    attach = Entry(
        entry.dump_id,
        entry.had_dumper,
        entry.tag,
        entry.desc,
        entry.section,
        f"ALTER TABLE ONLY {table}\n    ADD CONSTRAINT {name} {kind} USING INDEX {name};\n",
        entry.copy_stmt,
        entry.namespace,
        entry.tablespace,
        entry.owner,
        entry.deps,
        entry.filename,
    )
    return index, attach


def analyze_entry(table: Entry) -> Entry:
    """The statistics job of a table, as a TOC-like entry (a negative dump id: no TOC has it)."""
    name = f"{pgtools.quote_ident(table.namespace)}.{pgtools.quote_ident(table.tag)}"
    return Entry(
        -table.dump_id,
        False,
        table.tag,
        ANALYZE,
        SECTION_POST_DATA,
        f"ANALYZE {name};\n",
        "",
        table.namespace,
        "",
        table.owner,
        (table.dump_id,),
        None,
    )


def index_keys(defn: str) -> list[str]:
    """The key items of a CREATE INDEX or index-backed constraint (empty if none are found)."""
    m = re.search(r"(?:PRIMARY KEY|UNIQUE|USING \w+|EXCLUDE USING \w+) \(", defn)
    if not m:
        return []
    keys: list[str] = []
    depth, start, quote = 0, m.end(), ""
    for n in range(m.end(), len(defn)):
        ch = defn[n]
        if quote:
            quote = "" if ch == quote else quote  # a doubled quote closes and reopens: the same
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch in ",)" and depth == 0:
            keys.append(defn[start:n].strip())
            start = n + 1
            if ch == ")":
                return keys
        elif ch == ")":
            depth -= 1
    return keys


def has_expression(entry: Entry) -> bool:
    """Whether an index (or the index of a constraint) has an expression key: ANALYZE
    collects statistics on such an index's expressions, so it must exist first."""
    keys = [re.sub(r'"(?:[^"]|"")*"', "", k) for k in index_keys(entry.defn)]  # quoted names aside
    return entry.desc in ("INDEX", "CONSTRAINT") and any("(" in k for k in keys)


def _analyze_jobs(
    toc: Toc, jobs: dict[int, Job], data_of: dict[int, int], table_rows: dict[int, int], data_bytes: dict[int, int]
) -> dict[int, Job]:
    """One ANALYZE job per table, ready as soon as the table's data is in (and the indexes
    whose expressions ANALYZE collects statistics for): it then overlaps the other work.

    Plain indexes are not waited for: ANALYZE reads only the table for them, and running it
    right after the load reads pages still in cache. A partitioned table's ANALYZE also
    analyzes every partition under it (PostgreSQL 15 has no ``ANALYZE ONLY``), so a tree of
    partitions gets one job, at its root, after all of its partitions' data. An inheritance
    parent's statistics sample its children too: it waits for their data. A table whose data
    is left to pg_restore (not in ``data_of``) gets no job here: the restore analyzes what
    has no statistics after pg_restore's last run.
    """
    by_id = toc.by_id()
    tables = {e.dump_id: e for e in toc.entries if e.desc == "TABLE"}
    has_data = {d for e in toc.entries if e.desc == "TABLE DATA" for d in e.deps if d in tables}
    parents = _table_parents(toc)
    children: dict[int, list[int]] = {t: [] for t in tables}
    for t, ps in parents.items():
        for p in ps:
            children[p].append(t)
    partitioned = {t for t, e in tables.items() if "\nPARTITION BY " in e.defn}

    def below(t: int, seen: set[int]) -> set[int]:
        for c in children[t]:
            if c not in seen:
                seen.add(c)
                below(c, seen)
        return seen

    expression_builds: dict[int, list[int]] = {}
    for i, j in jobs.items():
        if j.kind == "sql" and has_expression(j.entry):
            for t in j.locks:
                expression_builds.setdefault(t, []).append(i)
    rows_of = {t: table_rows.get(d, 0) for t, d in data_of.items()}
    bytes_of = {t: data_bytes.get(d, 0) for t, d in data_of.items()}
    out: dict[int, Job] = {}
    for t, table in tables.items():
        if parents[t] & partitioned:
            continue  # a partition: its root's ANALYZE analyzes it
        tree = below(t, set())
        covered = {t, *tree} if t in partitioned else {t}
        read = {t, *tree}
        if any(x in has_data and x not in data_of for x in read):
            continue  # some of its data comes with pg_restore's last run
        waits = {data_of[x] for x in read if x in data_of}
        waits |= {i for x in covered for i in expression_builds.get(x, [])}
        locks = {x: EXCLUSIVE for x in covered} | {x: SHARE for x in read - covered}
        cost = JOB_COST
        for x in covered:
            per_row = value_cost(by_id[x].defn) * ANALYZE_VALUE_FACTOR
            pages = bytes_of.get(x, 0) / PAGE_BYTES
            cost += min(rows_of.get(x, 0), ANALYZE_SAMPLE) * per_row + min(pages, ANALYZE_SAMPLE) * PAGE_COST
        entry = analyze_entry(table)
        out[entry.dump_id] = Job(entry, "sql", cost, waits, locks=locks)
    return out


def _merge_small(jobs: dict[int, Job], below: int) -> None:
    """Fold a small table's own builds (indexes, keys, ANALYZE: every job that locks that table
    alone and waits only for its load or for each other) into its load job, run in order on
    the same connection right after the COPY. A schema of thousands of small tables otherwise
    spends as much on handing jobs between workers as on the jobs (measured on 1,000 tables
    of 300 rows: about 1 ms a job either way); foreign keys stay separate jobs (two tables).
    Jobs are looked up by the tables they lock, and waiters by what they wait for, so this
    takes time in proportion to the jobs (it took 2.6 s on 1,000 tables when each table
    scanned every job)."""
    by_tables: dict[frozenset[int], list[int]] = {}
    for i, j in jobs.items():
        if j.kind == "sql" and j.entry.desc != "FK CONSTRAINT":
            by_tables.setdefault(frozenset(j.locks), []).append(i)
    waiting = _waiters(jobs)
    for d, load in list(jobs.items()):
        if load.kind != "data" or load.size >= below or loads_via_root(load.entry):
            continue
        group = [i for i in by_tables.get(frozenset(load.locks), []) if i in jobs]
        merged: list[int] = []
        done = {d}
        progress = True
        while progress:
            progress = False
            for i in group:
                if i not in done and jobs[i].waits <= done:
                    merged.append(i)
                    done.add(i)
                    progress = True
        for i in merged:
            load.after.append(jobs[i].entry)
            load.cost += jobs[i].cost
        folded = set(merged)
        for i in merged:
            for w in waiting.pop(i, []):
                if w in jobs and w not in folded:
                    jobs[w].waits = (jobs[w].waits - folded) | {d}
                    waiting.setdefault(d, []).append(w)
            del jobs[i]


def _waiters(jobs: dict[int, Job]) -> dict[int, list[int]]:
    """For each job, the jobs waiting for it."""
    waiting: dict[int, list[int]] = {i: [] for i in jobs}
    for i, j in jobs.items():
        for w in j.waits:
            waiting[w].append(i)
    return waiting


def _set_chains(jobs: dict[int, Job]) -> None:
    """A job's chain: its cost plus the chains of the jobs waiting for it (the work it unlocks)."""
    waiting = _waiters(jobs)
    memo: dict[int, float] = {}

    def chain(i: int) -> float:
        if i not in memo:
            memo[i] = jobs[i].cost + sum(chain(n) for n in waiting[i])
        return memo[i]

    for i, j in jobs.items():
        j.chain = chain(i)


class _Failed(Exception):
    """Which entry of a job failed (a load job runs its small table's builds too)."""

    def __init__(self, entry: Entry, cause: BaseException) -> None:
        self.entry = entry
        self.cause = cause
        super().__init__(str(cause))


class LoadError(Exception):
    def __init__(self, entry: Entry, cause: BaseException) -> None:
        self.entry = entry
        self.cause = cause
        super().__init__(f"{entry.desc} {_name(entry)}: {cause}")


@dataclass(frozen=True)
class JobTiming:
    desc: str
    name: str
    start: float  # seconds after the load started
    seconds: float


@dataclass
class LoadResult:
    rows: dict[int, int]  # TABLE DATA dump id -> rows the server reported for its COPY
    data_seconds: float
    seconds: float
    timeline: list[JobTiming]
    shared: dict[str, int] = field(default_factory=dict)  # table -> COPYs that loaded it side by side


def loads_via_root(entry: Entry) -> bool:
    """A partition's TABLE DATA that pg_dump routes through the partitioned table's root."""
    return entry.defn.startswith("-- load via partition root")


def _name(entry: Entry) -> str:
    return f"{entry.namespace}.{entry.tag}" if entry.namespace else entry.tag


def session_sql(toc: Toc) -> str:
    """The fixed session state pg_restore sets up before running any entry."""
    special = {e.desc: e.defn for e in toc.entries if e.desc in ("ENCODING", "STDSTRINGS", "SEARCHPATH")}
    return (
        "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\n"
        + special.get("ENCODING", "")
        + special.get("STDSTRINGS", "")
        + special.get("SEARCHPATH", "SELECT pg_catalog.set_config('search_path', '', false);\n")
        + "SET check_function_bodies = false;\nSET xmloption = content;\n"
        "SET client_min_messages = warning;\nSET row_security = off;\n"
    )


def is_tiny(job: Job) -> bool:
    """A SQL job whose own work is estimated under :data:`TINY_WORK`: the index or key of a
    table of a few thousand rows, a foreign key between two such tables, their ANALYZE. A round
    trip and a hand-over between workers cost about as much as one of these."""
    return job.kind == "sql" and job.cost - JOB_COST <= TINY_WORK


class Scheduler:
    """Which ready job runs next; run_load calls it under its lock.

    Of the ready jobs that would not wait for a running job's table lock (letting the server
    queue them leaves a core idle while they wait), the one with the most work behind it:
    the longest chain of jobs waiting for it, loads and builds alike (measured: preferring
    every ready index build to the next table leaves a big table's builds for the very end),
    or the work not started yet on one of its tables, if that is more (jobs on one table
    mostly run one after another, so a table with much left must start early).

    The ready jobs sit in a heap. A job's priority only falls (the work left on its tables
    only shrinks), so a stale entry is pushed back with its new priority when it reaches the
    top: each pick costs about log(ready jobs), however many thousand jobs a schema has.
    """

    def __init__(self, jobs: dict[int, Job]) -> None:
        self.jobs = jobs
        self.active: dict[int, Job] = {}
        self.evaluations = 0  # priorities computed: what a pick costs
        self._waiting = _waiters(jobs)
        self._pending = {i: len(j.waits) for i, j in jobs.items()}
        self._backlog: dict[int, float] = {}
        for j in jobs.values():
            for t in j.locks:
                self._backlog[t] = self._backlog.get(t, 0.0) + j.cost
        self._heap: list[tuple[float, float, int]] = []
        for i, n in self._pending.items():
            if n == 0:
                heapq.heappush(self._heap, self._key(i))

    def _key(self, i: int) -> tuple[float, float, int]:
        self.evaluations += 1
        j = self.jobs[i]
        return (-max([j.chain, *(self._backlog[t] for t in j.locks)]), -j.chain, i)

    def next(self, take: bool = True) -> int | None:
        """The job to run next, or None if every ready job would wait for a running one (or
        none is ready). ``take`` marks it running; without, it only says whether there is one."""
        aside: list[tuple[float, float, int]] = []
        found: int | None = None
        while self._heap:
            i = self._heap[0][2]
            key = self._key(i)
            if key > self._heap[0]:
                heapq.heapreplace(self._heap, key)  # its priority fell: back in its place
                continue
            if any(self.jobs[i].conflicts(a) for a in self.active.values()):
                aside.append(heapq.heappop(self._heap))
                continue
            found = i
            if take:
                heapq.heappop(self._heap)
                self.active[i] = self.jobs[i]
                for t in self.jobs[i].locks:
                    self._backlog[t] -= self.jobs[i].cost
            break
        for entry in aside:
            heapq.heappush(self._heap, entry)
        return found

    def companions(self, first: int, limit: int = BATCH_JOBS, scan: int = BATCH_SCAN) -> list[int]:
        """Jobs to run in one round trip with ``first`` (just taken), when it is tiny: other
        ready tiny SQL jobs that would not wait for any running job's lock (nor for each
        other's: each one taken counts as running), taken too. Looks at most ``scan`` ready
        jobs, in about the order :meth:`next` would pick them."""
        if not is_tiny(self.jobs[first]):
            return []
        out: list[int] = []
        aside: list[tuple[float, float, int]] = []
        while self._heap and len(out) < limit - 1 and len(aside) + len(out) < scan:
            key = heapq.heappop(self._heap)
            j = self.jobs[key[2]]
            if is_tiny(j) and not any(j.conflicts(a) for a in self.active.values()):
                out.append(key[2])
                self.active[key[2]] = j
                for t in j.locks:
                    self._backlog[t] -= j.cost
            else:
                aside.append(key)
        for key in aside:
            heapq.heappush(self._heap, key)
        return out

    def finish(self, i: int) -> None:
        """Job ``i`` is done: the jobs that were waiting only for it become ready."""
        del self.active[i]
        for n in self._waiting[i]:
            self._pending[n] -= 1
            if self._pending[n] == 0:
                heapq.heappush(self._heap, self._key(n))

    def abandon(self, i: int) -> None:
        """Job ``i`` failed: it no longer holds its locks (and nothing waiting for it becomes ready)."""
        del self.active[i]


def run_load(
    plan: Plan,
    connect: Callable[[], Any],
    jobs: int,
    source: Callable[[Job], Iterator[bytes]],
    setup_sql: str,
    stop: threading.Event,
    on_data_done: Callable[[Job, int], None] | None = None,
) -> LoadResult:
    """Run the plan's jobs on ``jobs`` connections; raise :class:`LoadError` on the first failure."""
    todo = dict(plan.jobs)
    sched = Scheduler(todo)
    cond = threading.Condition()
    done = 0
    working = 0  # workers running a job (several tiny jobs at once count as one)
    errors: list[LoadError] = []
    rows: dict[int, int] = {}
    timeline: list[JobTiming] = []
    conns: list[Any] = []
    t0 = time.monotonic()
    data_left = sum(1 for j in todo.values() if j.kind == "data")
    t_data: list[float] = []

    def worker() -> None:
        nonlocal done, data_left, working
        try:
            conn = connect()
        except BaseException as exc:
            with cond:
                errors.append(LoadError(next(iter(todo.values())).entry, exc))
                stop.set()
                cond.notify_all()
            return
        with cond:
            conns.append(conn)
        helpers = -1
        tablespace: list[str] = []  # the connection's default_tablespace, once set
        try:
            conn.execute(setup_sql)
            while True:
                with cond:
                    feed: SharedFeed | None = None
                    while (i := sched.next()) is None and sched.active and not stop.is_set() and done < len(todo):
                        feed = next((f for f in feeds.values() if f.join()), None)
                        if feed is not None:
                            break
                        cond.wait(0.5)
                if feed is not None:  # nothing else to do: help load the table everything waits for
                    started = time.monotonic()
                    with contextlib.suppress(BaseException):  # the table's own job reports any failure
                        feed.run_part(lambda f: _copy_part(conn, f))
                    with cond:  # in the timeline as its own line: the job's line covers the whole load
                        name = f"{_name(feed.job.entry)} (shared COPY)"
                        timeline.append(JobTiming("TABLE DATA", name, started - t0, time.monotonic() - started))
                    continue
                with cond:
                    if stop.is_set() or i is None:
                        cond.notify_all()
                        return
                    extra = sched.companions(i)  # tiny jobs ready beside it: one round trip for all
                    # Workers with nothing to do (the tail of the restore, or only jobs left
                    # that would wait for this one's locks) lend their CPU to this index
                    # build as parallel workers; while there is other work, none.
                    working += 1
                    idle = 0 if sched.next(take=False) is not None else n_workers - working
                job = todo[i]
                started = time.monotonic()
                try:
                    if job.kind == "data" and i in shared:
                        feed = SharedFeed(source(job), job)
                        with cond:
                            feeds[i] = feed
                            cond.notify_all()
                        try:
                            n = feed.run_part(lambda f: _copy_part(conn, f), first=True)
                        finally:
                            with cond:
                                del feeds[i]
                                shared_parts[_name(job.entry)] = feed.joined
                        rows[i] = n
                        if on_data_done is not None:
                            on_data_done(job, n)
                    elif job.kind == "data":
                        n = _copy(conn, job, source(job))
                        rows[i] = n
                        if on_data_done is not None:
                            on_data_done(job, n)
                    if job.kind == "data":
                        _execute_all(conn, job.after, tablespace)
                    elif job.kind == "batch":
                        for n in range(0, len(job.after), FINALE_BATCH):
                            _execute_all(conn, job.after[n : n + FINALE_BATCH], tablespace)
                    elif extra:
                        _execute_all(conn, [job.entry, *(todo[x].entry for x in extra)], tablespace)
                    else:
                        if idle != helpers:
                            conn.execute(f"SET max_parallel_maintenance_workers = {idle}")
                            helpers = idle
                        _execute(conn, job.entry, tablespace)
                except BaseException as exc:
                    with cond:
                        working -= 1
                        for x in (i, *extra):
                            sched.abandon(x)
                        if not stop.is_set():
                            failed = exc if isinstance(exc, _Failed) else _Failed(job.entry, exc)
                            errors.append(LoadError(failed.entry, failed.cause))
                        stop.set()
                        cond.notify_all()
                    return
                with cond:
                    seconds = time.monotonic() - started
                    for x in (i, *extra):  # jobs run together share their round trip's time
                        timeline.append(JobTiming(todo[x].entry.desc, _name(todo[x].entry), started - t0, seconds))
                    done += 1 + len(extra)
                    working -= 1
                    if job.kind == "data":
                        data_left -= 1
                        if data_left == 0:
                            t_data.append(time.monotonic())
                    for x in (i, *extra):
                        sched.finish(x)
                    cond.notify_all()
        finally:
            with contextlib.suppress(Exception):
                conn.close()

    def cancel_all() -> None:
        with cond:
            for c in list(conns):
                with contextlib.suppress(Exception):
                    c.cancel_safe()

    n_workers = max(1, min(jobs, len(todo) or 1))
    total = sum(j.cost for j in todo.values())
    shared = {
        i
        for i, j in todo.items()
        if n_workers > 1
        and j.kind == "data"
        and j.size >= FREEZE_MIN_BYTES  # a small table's load is over before a helper could join
        and not loads_via_root(j.entry)
        and j.entry.copy_stmt.strip().rstrip(";").endswith("FROM stdin")
        and j.chain > SHARED_LOAD_SHARE * total / n_workers
    }
    feeds: dict[int, SharedFeed] = {}
    shared_parts: dict[str, int] = {}
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(n_workers)]
    for th in threads:
        th.start()
    try:
        while any(th.is_alive() for th in threads):
            for th in threads:
                th.join(0.2)
            if stop.is_set():
                cancel_all()
    except BaseException:
        stop.set()
        cancel_all()
        raise
    if errors:
        raise errors[0]
    if done < len(todo):
        raise RuntimeError("the load stopped before every job ran")
    end = time.monotonic()
    timeline.sort(key=lambda t: t.start)
    return LoadResult(rows, (t_data[0] if t_data else end) - t0, end - t0, timeline, shared_parts)


def _copy(conn: Any, job: Job, data: Iterator[bytes]) -> int:
    """COPY one table's data; in the transaction that empties the table, with FREEZE.

    The table was created by this restore and is empty, so emptying it again changes
    nothing, but it lets the server skip WAL for the load when ``wal_level=minimal``, and
    lets FREEZE write the rows frozen and all-visible: the index builds, constraint checks
    and later reads then never rewrite the pages to set hint bits. Data loaded through a
    partitioned table's root goes in plainly (FREEZE is not allowed there), and so does a
    small table's (below :data:`FREEZE_MIN_BYTES`: emptying costs more than it saves).
    """
    stmt = job.entry.copy_stmt.strip().rstrip(";")
    e = job.entry
    freeze = not loads_via_root(e) and stmt.endswith("FROM stdin") and job.size >= FREEZE_MIN_BYTES
    # Without FREEZE the COPY is its own transaction (the connection is in autocommit):
    # a source that fails ends it with CopyFail, and nothing of it stays.
    with conn.transaction() if freeze or not conn.autocommit else contextlib.nullcontext(), conn.cursor() as cur:
        if freeze:
            cur.execute(f"TRUNCATE TABLE ONLY {pgtools.quote_ident(e.namespace)}.{pgtools.quote_ident(e.tag)}")
            stmt += " WITH (FREEZE)"
        with cur.copy(stmt) as copy:
            for chunk in data:
                copy.write(chunk)
        return int(cur.rowcount)


class SharedFeed:
    """One table's data, dealt out in whole lines to several COPYs into that table at once.

    When one table's load is most of the work (one table holding most of the data), the
    other workers would sit idle while it runs on one core: PostgreSQL parses a COPY on one
    core. Workers with nothing else to do join the load with a COPY of their own on their
    own connection, each taking the next piece of the stream (cut after its last newline:
    in COPY's text format a newline always ends a row). Such a table is loaded without
    FREEZE: emptying it first would lock the other COPYs out.

    Every part commits only once the stream ended (for a backup file: after its sha256
    matched); a failure in any part or in the source fails the others, and the load.
    """

    def __init__(self, source: Iterator[bytes], job: Job) -> None:
        self.source = source
        self.job = job
        self.lock = threading.Lock()
        self.done = threading.Condition(self.lock)
        self.rest = b""
        self.ended = False
        self.parts = 0  # COPYs running
        self.joined = 0  # COPYs that ran
        self.rows = 0
        self.error: BaseException | None = None

    def join(self) -> bool:
        """Whether one more COPY may join (the stream has not ended); counts it in if so."""
        with self.lock:
            if self.ended or self.error is not None:
                return False
            self.parts += 1
            self.joined += 1
            return True

    def pieces(self) -> Iterator[bytes]:
        while True:
            with self.lock:
                if self.error is not None:
                    raise RuntimeError(f"another COPY into the same table failed: {self.error}")
                piece = b""
                while not piece:
                    try:
                        chunk = next(self.source)
                    except StopIteration:
                        piece, self.rest, self.ended = self.rest, b"", True
                        break
                    except BaseException as exc:
                        # Marked before the lock is released: a generator that raised reads as
                        # ended to the next caller, whose COPY would then commit a part.
                        self.error = self.error or exc
                        self.ended = True
                        raise
                    buf = self.rest + chunk
                    cut = buf.rfind(b"\n") + 1
                    piece, self.rest = buf[:cut], buf[cut:]
            if not piece:
                return
            yield piece

    def run_part(self, copy: Callable[[SharedFeed], int], first: bool = False) -> int:
        """Run one COPY of the stream; the first part then waits for the others and returns
        the rows of all of them (a failure in any one is raised)."""
        if first:
            with self.lock:
                self.parts += 1
                self.joined += 1
        try:
            n = copy(self)
        except BaseException as exc:
            with self.lock:
                self.error = self.error or exc
                self.ended = True
                self.parts -= 1
                self.done.notify_all()
            if first:
                self._wait()
                raise (self.error or exc) from None  # the first failure: the source's, or a part's
            raise
        with self.lock:
            self.rows += n
            self.parts -= 1
            self.done.notify_all()
        if not first:
            return n
        self._wait()
        if self.error is not None:
            raise self.error
        return self.rows

    def _wait(self) -> None:
        with self.lock:
            while self.parts > 0:
                self.done.wait()


def _copy_part(conn: Any, feed: SharedFeed) -> int:
    """One COPY of a shared feed, its own transaction (the connection is in autocommit)."""
    stmt = feed.job.entry.copy_stmt.strip().rstrip(";")
    with conn.transaction() if not conn.autocommit else contextlib.nullcontext(), conn.cursor() as cur:
        with cur.copy(stmt) as copy:
            for piece in feed.pieces():
                copy.write(piece)
        return int(cur.rowcount)


def _execute_all(conn: Any, entries: list[Entry], current: list[str]) -> None:
    """A small table's builds, in one round trip (one implicit transaction: all or nothing).

    On 1,000 small tables, a round trip per statement cost about as much as the statements.
    If the batch fails, nothing of it stays, and the entries run again one by one, so the
    failure is reported with the entry that caused it (a cancelled batch is not rerun)."""
    if len(entries) > 1:
        sql: list[str] = []
        setting = list(current)
        for entry in entries:
            tablespace = pgtools.quote_ident(entry.tablespace) if entry.tablespace else "''"
            if setting != [tablespace]:
                sql.append(f"SET default_tablespace = {tablespace};\n")
                setting = [tablespace]
            sql.append(entry.defn if entry.defn.rstrip().endswith(";") else entry.defn + ";\n")
        try:
            conn.execute("".join(sql))
        except BaseException as exc:
            current[:] = []  # the SETs rolled back with the rest: the next entry sets it again
            if type(exc).__name__ in ("QueryCanceled", "KeyboardInterrupt", "SystemExit") or not is_statement_error(
                exc
            ):
                raise _Failed(entries[0], exc) from exc
        else:
            current[:] = setting
            return
    for entry in entries:
        try:
            _execute(conn, entry, current)
        except BaseException as exc:
            raise _Failed(entry, exc) from exc


def is_statement_error(exc: BaseException) -> bool:
    """An error the server reported for a statement (not a lost connection or a cancel):
    a batch that failed so runs again one statement at a time. That includes running out of
    shared memory for locks (SQLSTATE class 53), which a batch's locks can and a single
    statement's rarely do."""
    import psycopg

    if not isinstance(exc, psycopg.errors.DatabaseError):
        return False
    return not isinstance(exc, psycopg.errors.OperationalError) or str(exc.sqlstate or "").startswith("53")


def _execute(conn: Any, entry: Entry, current: list[str]) -> None:
    """Run an entry's SQL in the tablespace pg_dump noted for it; ``current`` holds the
    connection's last setting, so the SET goes out only when it changes."""
    tablespace = pgtools.quote_ident(entry.tablespace) if entry.tablespace else "''"
    if current != [tablespace]:
        conn.execute(f"SET default_tablespace = {tablespace}")
        current[:] = [tablespace]
    conn.execute(entry.defn)
