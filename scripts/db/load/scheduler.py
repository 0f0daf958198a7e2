"""Which ready job runs next on a free connection.

Longest chain first, never beside a job whose table locks conflict with its own; tiny jobs
ready together go in one round trip.
"""

from __future__ import annotations

import heapq

from scripts.db.load.cost import JOB_COST
from scripts.db.load.jobs import Job, _waiters

# Tiny SQL jobs (:func:`is_tiny`) ready together run in one round trip, up to this many, found
# among at most BATCH_SCAN ready jobs. On the gitlab shape (1,514 jobs of a few ms at most on 410
# small tables) a job's hand-over and round trip cost about as much as its server work.
TINY_WORK = 2e-3
BATCH_JOBS = 16
BATCH_SCAN = 64


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
