"""The plan of a load, from the archive's TOC.

One job per table load, index, key and foreign key build and ANALYZE, each with the jobs it
waits for and its chain (its cost plus what waits for it: its priority); small tables have
their builds run with their load, and keys are built as unique indexes beside the others.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from scripts.db import pgtools
from scripts.db.load.cost import (
    ANALYZE_SAMPLE,
    ANALYZE_VALUE_FACTOR,
    BYTE_COST,
    DEFAULT_VALUE_COST,
    JOB_COST,
    PAGE_BYTES,
    PAGE_COST,
    ROW_COST,
    build_cost,
    value_cost,
)
from scripts.db.load.finale import plan_finale
from scripts.db.load.jobs import EXCLUSIVE, SHARE, Job, _table_parents, _waiters, loads_via_root, table_locks
from scripts.db.pgtoc import SECTION_POST_DATA, SECTION_PRE_DATA, Entry, Toc

SQL_DESCS = ("INDEX", "CONSTRAINT", "FK CONSTRAINT")
ANALYZE = "ANALYZE"  # the desc of the statistics jobs this module adds to a plan
MERGE_MAX_BYTES = 1024 * 1024  # a table this small has its builds run with its load (:func:`_merge_small`)


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
