"""Running a plan on ``jobs`` warm connections with pg_restore's session settings.

The scheduler hands out the jobs; the first failure cancels the rest and is raised.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scripts.db import pgtools
from scripts.db.load.copy import FREEZE_MIN_BYTES, SharedFeed, _copy, _copy_part
from scripts.db.load.finale import FINALE_BATCH
from scripts.db.load.jobs import Job, _name, loads_via_root
from scripts.db.load.plan import Plan
from scripts.db.load.scheduler import Scheduler
from scripts.db.pgtoc import Entry, Toc

# A load whose chain (itself and the work waiting for it) is longer than this share of all
# the work divided among the workers is the critical path: the other workers would run out
# of work before it ends, so they join it with COPYs of their own (see :class:`SharedFeed`).
SHARED_LOAD_SHARE = 1.0


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
