"""The finale: what is left after the load, run on the load's own connections.

ACLs, comments, sequence values, triggers, partition index attachments and the keys of
partitioned tables, in pg_restore's passes, in batches, grouped by partition tree (see
:func:`plan_finale`).
"""

from __future__ import annotations

from scripts.db.load.jobs import EXCLUSIVE, Job, _name, _table_parents
from scripts.db.pgtoc import SECTION_POST_DATA, Entry, Toc

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
