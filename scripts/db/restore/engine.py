"""The restore engine: one backup into the staging database (schema, data, indexes, the rest)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import errno
import fcntl
import hashlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from scripts.db import pgload, pgtoc, pgtools
from scripts.db.manifest import FileEntry, Manifest, file_key
from scripts.db.restore.autovacuum import pause_autovacuum, resume_autovacuum
from scripts.db.restore.errors import Aborted, BadBackup
from scripts.db.restore.inflate import Inflater, inflate
from scripts.db.restore.listing import DataPlan, parse_toc, plan_data
from scripts.db.restore.objects import stream_object
from scripts.db.restore.options import SPOOL_MEMORY_BYTES, STREAM_MIN_BYTES
from scripts.db.restore.procs import descendants, die_with_parent
from scripts.db.restore.progress import Progress
from scripts.db.restore.spool import Spool
from scripts.db.restore.target import Target
from scripts.db.storage import StorageError, Store
from scripts.output import CheckFailed

# Named pipes get a 1 MiB buffer (Linux default 64 KiB): a pg_restore worker keeps decoding
# while the feeding thread waits for CPU, instead of stalling every 64 KiB.
PIPE_BYTES = 1024 * 1024
F_SETPIPE_SZ = 1031


class Engine:
    """One restore of one backup into the staging database.

    Default (:meth:`run_direct`): pg_restore restores the schema; :mod:`scripts.db.pgload` loads
    every table from its verified download and builds the indexes and constraints, longest
    chain first; one last pg_restore does the rest. With ``stream`` (:meth:`run_stream`): a
    single ``pg_restore -j N`` runs the archive and every table data file is a named pipe fed
    from the object store when a worker opens it; large objects load through a second
    pg_restore once the schema exists.
    """

    def __init__(
        self,
        store: Store,
        manifest: Manifest,
        target: Target,
        jobs: int,
        work_dir: Path,
        progress: Progress,
        pg_restore: Path,
        settings: dict[str, str],
        no_owner: bool,
        stream_min_bytes: int = STREAM_MIN_BYTES,
        stream: bool = False,
        spool_memory: int = SPOOL_MEMORY_BYTES,
    ) -> None:
        self.stream = stream
        self.stream_min_bytes = stream_min_bytes
        self.store = store
        self.manifest = manifest
        self.target = target
        self.jobs = max(1, jobs)
        self.work = work_dir
        self.dump = work_dir / "dump"
        self.progress = progress
        self.pg_restore = pg_restore
        self.no_owner = no_owner
        env = pgtools.client_env(target.password)
        pgoptions = " ".join(f"-c {k}={v}" for k, v in settings.items())
        env["PGOPTIONS"] = (env.get("PGOPTIONS", "") + " " + pgoptions).strip()
        env["PGAPPNAME"] = "kaleo-dr restore"
        self.env = env
        self.stop = threading.Event()
        self.procs: set[subprocess.Popen[bytes]] = set()
        self.procs_lock = threading.Lock()
        # Forking pg_restore (Popen with preexec_fn) while another thread submits to a thread
        # pool has broken the pool's locks ("release unlocked lock"): the two never overlap.
        self.fork_lock = threading.Lock()
        self.phases: dict[str, float] = {}
        self.errors: list[BaseException] = []
        self.paused_autovacuum: list[tuple[str, tuple[str, ...]]] = []
        self.copied_rows: dict[tuple[str, str], int] = {}
        self.timeline: list[pgload.JobTiming] = []
        self.spool_memory = spool_memory
        # The same settings for kaleo-dr's own connections as pg_restore gets through PGOPTIONS.
        self.session_sql = "".join(f"SET {k} = '{v}';\n" for k, v in settings.items())
        self._cache: dict[str, bytes] = {}
        self._cache_state: dict[str, threading.Event] = {}
        self._cache_cond = threading.Condition()
        self._cache_bytes = 0

    # -- downloads -----------------------------------------------------------------------------
    def _key(self, fe: FileEntry) -> str:
        return file_key(self.manifest.backup_id, fe.path)

    def _fetch_verified(self, fe: FileEntry, sink: Callable[[bytes], object]) -> None:
        """Stream one file through sha256 into ``sink``; the last chunk only once it matched."""
        digest = hashlib.sha256()
        size = 0
        pending: bytes | None = None
        for chunk in stream_object(self.store, self._key(fe), self.stop):
            digest.update(chunk)
            size += len(chunk)
            if size > fe.size:
                break
            if pending is not None:
                sink(pending)
            pending = chunk
            self.progress.add_bytes(len(chunk))
        if size != fe.size:
            got = str(size) if size <= fe.size else f"more than {fe.size}"
            raise BadBackup(
                "a file does not match the manifest", [f"{fe.path}: {got} bytes read, manifest says {fe.size}"]
            )
        if digest.hexdigest() != fe.sha256:
            raise BadBackup(
                "a file does not match the manifest",
                [f"{fe.path}: sha256 {digest.hexdigest()[:16]}... differs from the manifest's {fe.sha256[:16]}..."],
            )
        if pending is not None:
            sink(pending)

    def _download(self, fe: FileEntry) -> None:
        """Fetch one file through its sha256 check into the dump folder."""
        dest = self.dump / fe.path
        part = dest.with_name(dest.name + ".part")
        with part.open("wb") as f:
            self._fetch_verified(fe, f.write)
        part.replace(dest)

    def _prefetch(self, files: list[FileEntry]) -> None:
        """Fetch small files ahead into memory (bounded), in the order pg_restore will want them."""
        budget = 256 * 1024 * 1024
        try:
            for fe in files:
                with self._cache_cond:
                    if fe.path in self._cache_state:
                        continue  # a feeder got there first
                    while self._cache_bytes > budget and not self.stop.is_set():
                        self._cache_cond.wait(0.2)
                    ready = threading.Event()
                    self._cache_state[fe.path] = ready
                buf: list[bytes] = []
                try:
                    self._fetch_verified(fe, buf.append)
                    with self._cache_cond:
                        self._cache[fe.path] = b"".join(buf)
                        self._cache_bytes += fe.size
                finally:
                    ready.set()
        except BaseException as exc:
            self._fail(exc)

    # -- processes -----------------------------------------------------------------------------
    def _start(self, args: list[str], log_name: str) -> tuple[subprocess.Popen[bytes], Path]:
        if self.stop.is_set():
            raise Aborted
        log = self.work / f"{log_name}.log"
        argv = [str(self.pg_restore), "--exit-on-error", *(["--no-owner"] if self.no_owner else []), *args]
        argv += ["-d", self.target.dsn_for(self.target.staging), str(self.dump)]
        with log.open("wb") as err, self.fork_lock:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=self.env,
                preexec_fn=die_with_parent,
            )
        with self.procs_lock:
            self.procs.add(proc)
        return proc, log

    def _finish(self, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
        rc = proc.wait()
        with self.procs_lock:
            self.procs.discard(proc)
        if self.stop.is_set() and rc != 0:
            raise Aborted
        if rc != 0:
            text = pgtools.redact(log.read_text(errors="replace").strip(), self.target.password)
            raise CheckFailed(f"pg_restore failed during {what} (exit {rc}): {text[-1500:]}")

    def _fail(self, exc: BaseException) -> None:
        with self.procs_lock:
            self.errors.append(exc)
        self.kill_all()

    def kill_all(self) -> None:
        """Stop everything: our threads see ``stop``; pg_restore and its workers get SIGKILL."""
        self.stop.set()
        with self.procs_lock:
            procs = list(self.procs)
        for proc in procs:
            for pid in [*descendants(proc.pid), proc.pid]:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        with self._cache_cond:
            self._cache_cond.notify_all()

    # -- the run -------------------------------------------------------------------------------
    def run(self) -> None:
        if self.stream:
            self.run_stream()
        else:
            self.run_direct()

    def _prepare_toc(self) -> DataPlan:
        self.dump.mkdir(parents=True, exist_ok=True)
        files = {f.path: f for f in self.manifest.files}
        self.progress.set_phase("toc")
        self._download(files["toc.dat"])
        listing = subprocess.run(
            [str(self.pg_restore), "-l", str(self.dump)], capture_output=True, text=True, check=False, env=self.env
        )
        if listing.returncode != 0:
            raise BadBackup(f"pg_restore cannot read toc.dat: {listing.stderr.strip()[-500:]}", ["toc.dat: unreadable"])
        plan = plan_data(parse_toc(listing.stdout), self.manifest.files)
        self.progress.set_total(sum(f.size for f in self.manifest.files), len(plan.tables))
        return plan

    def _restore_schema(self) -> None:
        """pg_restore's pre-data section, then autovacuum paused on the new (empty) tables."""
        proc, log = self._start(["--section=pre-data"], "pre-data")
        self._finish(proc, log, "pre-data")
        with contextlib.closing(self.target.connect(self.target.staging)) as conn:
            self.paused_autovacuum = pause_autovacuum(conn)

    def resume_autovacuum(self) -> None:
        if self.paused_autovacuum:
            with contextlib.closing(self.target.connect(self.target.staging)) as conn:
                resume_autovacuum(conn, self.paused_autovacuum)
            self.paused_autovacuum = []

    def run_direct(self) -> None:
        """Schema by pg_restore; table data, indexes and constraints by :mod:`scripts.db.pgload`
        (COPY straight from the verified download, longest chain first); the rest by pg_restore."""
        t0 = time.monotonic()
        plan = self._prepare_toc()
        try:
            toc = pgtoc.read_toc(self.dump / "toc.dat")
        except pgtoc.TocError as exc:
            # pg_restore read this archive (its listing worked), kaleo-dr's own reader cannot:
            # restore with pg_restore alone rather than not at all.
            self.progress.warn(f"[yellow]kaleo-dr cannot plan this archive ({exc}): restoring with pg_restore alone[/]")
            self.run_stream()
            return
        rows_by_name = {(t.schema, t.name): t.rows for t in self.manifest.tables}
        by_id = toc.by_id()
        files_of: dict[int, FileEntry] = {}
        data_bytes: dict[int, int] = {}
        table_rows: dict[int, int] = {}
        for te, fe in plan.tables:
            if fe.path.endswith((".dat", ".dat.gz")) and te.dump_id in by_id:
                entry = by_id[te.dump_id]
                files_of[te.dump_id] = fe
                data_bytes[te.dump_id] = fe.size * (3 if fe.path.endswith(".gz") else 1)
                table_rows[te.dump_id] = rows_by_name.get((entry.namespace, entry.tag), 0)
        load = pgload.plan_load(toc, table_rows, data_bytes)
        order = sorted(load.data_jobs, key=lambda j: -j.chain)
        spools: dict[int, Spool] = {}
        memory = self.spool_memory
        for j in order:  # the first tables to load are kept in memory while the budget lasts
            fe = files_of[j.entry.dump_id]
            in_memory = fe.size <= memory
            memory -= fe.size if in_memory else 0
            spools[j.entry.dump_id] = Spool(None if in_memory else self.dump / (fe.path + ".part"))
        # Whatever pg_restore reads itself at the end: large objects, data it has to load.
        local = [fe for te, fe in plan.tables if te.dump_id not in spools] + plan.blob_files
        t_start = time.monotonic()
        self.phases["toc"] = t_start - t0

        def abort_spools() -> None:
            for sp in spools.values():
                sp.fail(Aborted())

        def fetch(job: pgload.Job) -> None:
            spool = spools[job.entry.dump_id]
            try:
                self._fetch_verified(files_of[job.entry.dump_id], spool.write)
                spool.finish()
            except BaseException as exc:
                spool.fail(exc)
                raise

        # Every download is queued here, before any pg_restore is forked: submitting to a pool
        # from another thread while this one forks has been seen to break the pool's locks.
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, self.jobs))
        futures = [pool.submit(fetch, j) for j in order] + [pool.submit(self._download, fe) for fe in local]

        def download_all() -> None:
            try:
                for fut in concurrent.futures.as_completed(futures):
                    fut.result()
            except BaseException as exc:
                # Whatever happens here must reach the loaders, or they would wait forever.
                self._fail(exc)  # sets stop: every other download ends at its next chunk
                abort_spools()
            finally:
                pool.shutdown(wait=True)
            # Downloads overlap the schema and data phases: this is how long they took.
            self.phases["download"] = time.monotonic() - t_start

        downloader = threading.Thread(target=download_all, daemon=True)
        downloader.start()
        self.progress.set_phase("pre-data")
        try:
            self._restore_schema()
            t_data = time.monotonic()
            self.phases["pre_data"] = t_data - t_start
            self.progress.set_phase("data + indexes")

            def source(job: pgload.Job) -> Iterator[bytes]:
                fe = files_of[job.entry.dump_id]
                chunks = spools[job.entry.dump_id].chunks(self.stop)
                return inflate(chunks, fe.path) if fe.path.endswith(".gz") else chunks

            def data_done(job: pgload.Job, rows: int) -> None:
                if not pgload.loads_via_root(job.entry):  # else its rows land in other tables
                    self.copied_rows[(job.entry.namespace, job.entry.tag)] = rows
                spools[job.entry.dump_id].remove()
                self.progress.table_done(1)

            try:
                result = pgload.run_load(
                    load,
                    lambda: self.target.connect(self.target.staging),
                    self.jobs,
                    source,
                    pgload.session_sql(toc) + self.session_sql,
                    self.stop,
                    data_done,
                )
            except pgload.LoadError as exc:
                if isinstance(exc.cause, (BadBackup, Aborted, StorageError)):
                    raise exc.cause from None
                raise CheckFailed(f"restoring {exc}") from None
            self.phases["data"] = result.data_seconds
            self.timeline = result.timeline
            downloader.join()
            self._raise_first_error()
            listed = {e.dump_id for e in load.rest}
            rest_lines = [e.line for e in plan.all_entries if e.dump_id in listed]
            if rest_lines:
                self.progress.set_phase("post-data")
                rest_list = self.work / "rest.list"
                rest_list.write_text("".join(line + "\n" for line in rest_lines), encoding="utf-8")
                proc, log = self._start(
                    ["-L", str(rest_list), "--section=data", "--section=post-data", f"--jobs={self.jobs}"], "rest"
                )
                self._finish(proc, log, "the rest of the data and post-data")
            self.phases["post_data"] = time.monotonic() - t_data - result.data_seconds
        except BaseException as exc:
            self._fail(exc)
            abort_spools()
            downloader.join()
        self._raise_first_error()

    def run_stream(self) -> None:
        t0 = time.monotonic()
        plan = self._prepare_toc()
        for _, fe in plan.tables:
            os.mkfifo(self.dump / local_name(fe), 0o600)
        main_list = self.work / "main.list"
        main_list.write_text("".join(e.line + "\n" for e in plan.main_entries), encoding="utf-8")
        t_start = time.monotonic()
        self.phases["toc"] = t_start - t0

        self.progress.set_phase("pre-data")
        small = [fe for _, fe in plan.tables if fe.size < self.stream_min_bytes]
        threads = [threading.Thread(target=self._prefetch, args=(small,), daemon=True)] if small else []
        for th in threads:
            th.start()
        try:
            self._restore_schema()
            proc, log = self._start(
                ["-L", str(main_list), "--section=data", "--section=post-data", f"--jobs={self.jobs}"], "restore"
            )
        except BaseException as err:
            # A prefetch that found a bad file stops everything: its BadBackup is what to report.
            self._fail(err)
            for th in threads:
                th.join()
            self._raise_first_error()
            raise
        blob_thread: threading.Thread | None = None
        t_first: float | None = None
        t_fed = t_start
        try:
            pending = {fe.path: fe for _, fe in plan.tables}
            with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs + 1) as pool:
                running: set[concurrent.futures.Future[None]] = set()
                every: list[concurrent.futures.Future[None]] = []
                while (pending or running) and not self.stop.is_set():
                    opened = self._poll_fifos(pending, proc)
                    if opened and t_first is None:
                        t_first = time.monotonic()
                        self.progress.set_phase("data")
                    for fe, fd in opened:
                        with self.fork_lock:  # never submit while another thread forks pg_restore
                            fut = pool.submit(self._feed, fe, fd)
                        running.add(fut)
                        every.append(fut)
                    if t_first is not None and blob_thread is None and plan.blob_entries:
                        blob_thread = self._start_blobs(plan)
                    for fut in [f for f in running if f.done()]:
                        running.discard(fut)
                        if fut.exception() is not None:
                            self.kill_all()
                    if not pending and not running:
                        break
                    if proc.poll() is not None and pending:
                        break  # pg_restore stopped before asking for every file: _finish says why
                    time.sleep(0.002 if running or opened else 0.005)
                t_fed = time.monotonic()
            for fut in every:  # the pool has finished every feed here
                exc = fut.exception()
                if exc is not None:
                    self._fail(exc)
            self.progress.set_phase("post-data")
            if blob_thread is None and plan.blob_entries and not self.stop.is_set():
                blob_thread = self._start_blobs(plan)
            self._finish(proc, log, "the restore")
            if pending and not self.stop.is_set():
                raise CheckFailed(f"pg_restore finished without reading {len(pending)} data file(s)")
        except BaseException as exc:
            self._fail(exc)
        finally:
            self.kill_all_if_failed()
            for th in [*threads, *([blob_thread] if blob_thread else [])]:
                th.join()
        self._raise_first_error()
        t_end = time.monotonic()
        first = t_first if t_first is not None else t_fed
        self.phases["pre_data"] = first - t_start
        self.phases["data"] = t_fed - first
        self.phases["post_data"] = t_end - t_fed

    def kill_all_if_failed(self) -> None:
        if self.errors:
            self.kill_all()

    def _raise_first_error(self) -> None:
        real = [e for e in self.errors if not isinstance(e, Aborted)]
        if real:
            # A bad file is what decides the fallback: report it before anything it caused.
            raise next((e for e in real if isinstance(e, BadBackup)), real[0])
        if self.errors:
            raise CheckFailed("the restore was stopped")

    def _poll_fifos(self, pending: dict[str, FileEntry], proc: subprocess.Popen[bytes]) -> list[tuple[FileEntry, int]]:
        """Named pipes a pg_restore worker has opened for reading since the last poll."""
        opened: list[tuple[FileEntry, int]] = []
        for path, fe in list(pending.items()):
            try:
                fd = os.open(self.dump / local_name(fe), os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno != errno.ENXIO:
                    raise
                continue
            os.set_blocking(fd, True)
            if PIPE_BYTES:
                with contextlib.suppress(OSError):
                    fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
            del pending[path]
            opened.append((fe, fd))
        return opened

    def _feed(self, fe: FileEntry, fd: int) -> None:
        writer = os.fdopen(fd, "wb")
        try:
            data = self._cached(fe)
            inflater = Inflater(fe.path) if local_name(fe) != fe.path else None

            def write(chunk: bytes) -> None:
                for piece in inflater.pieces(chunk) if inflater else (chunk,):
                    writer.write(piece)

            if data is not None:
                write(data)
            else:
                self._fetch_verified(fe, write)
            if inflater is not None:
                inflater.close()
        except BaseException:
            # Kill pg_restore before its COPY sees the end of this file, so nothing partial commits.
            self.kill_all()
            with contextlib.suppress(OSError):
                writer.close()
            raise
        try:
            writer.close()
        except BrokenPipeError:
            if not self.stop.is_set():
                raise CheckFailed(f"pg_restore stopped reading {fe.path}") from None
        with contextlib.suppress(FileNotFoundError):
            (self.dump / local_name(fe)).unlink()
        self.progress.table_done(1)

    def _cached(self, fe: FileEntry) -> bytes | None:
        """The prefetched bytes of a small file (waiting if its fetch is under way), else None."""
        with self._cache_cond:
            ready = self._cache_state.get(fe.path)
            if ready is None:
                self._cache_state[fe.path] = threading.Event()  # claimed: the prefetcher skips it
                return None
        ready.wait()
        with self._cache_cond:
            data = self._cache.pop(fe.path, None)
            if data is not None:
                self._cache_bytes -= fe.size
                self._cache_cond.notify_all()
        if data is None:
            raise Aborted  # the prefetch failed; its error is reported
        return data

    def _start_blobs(self, plan: DataPlan) -> threading.Thread:
        def run() -> None:
            try:
                for fe in plan.blob_files:
                    self._download(fe)
                blob_list = self.work / "blobs.list"
                blob_list.write_text("".join(e.line + "\n" for e in plan.blob_entries), encoding="utf-8")
                proc, log = self._start(["-L", str(blob_list)], "large-objects")
                self._finish(proc, log, "large objects")
            except BaseException as exc:
                self._fail(exc)

        th = threading.Thread(target=run, daemon=True)
        th.start()
        return th


def local_name(fe: FileEntry) -> str:
    """The name a table data file gets in the local dump folder: gzip files are stored inflated."""
    return fe.path[: -len(".gz")] if fe.path.endswith(".gz") and not fe.path.startswith("blob") else fe.path
