"""A load job and the table locks it takes: the model the plan, the finale and the scheduler share."""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.db.pgtoc import Entry, Toc

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


def _waiters(jobs: dict[int, Job]) -> dict[int, list[int]]:
    """For each job, the jobs waiting for it."""
    waiting: dict[int, list[int]] = {i: [] for i in jobs}
    for i, j in jobs.items():
        for w in j.waits:
            waiting[w].append(i)
    return waiting


def loads_via_root(entry: Entry) -> bool:
    """A partition's TABLE DATA that pg_dump routes through the partitioned table's root."""
    return entry.defn.startswith("-- load via partition root")


def _name(entry: Entry) -> str:
    return f"{entry.namespace}.{entry.tag}" if entry.namespace else entry.tag
