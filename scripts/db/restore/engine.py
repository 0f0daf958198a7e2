"""The restore engine: one backup into the staging database (schema, data, indexes, the rest)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from scripts.db import pgtoc, pgtools, roles
from scripts.db.load.copy import FREEZE_MIN_BYTES
from scripts.db.load.jobs import Job, loads_via_root
from scripts.db.load.plan import plan_load
from scripts.db.load.run import JobTiming, LoadError, run_load, session_sql
from scripts.db.manifest import FileEntry, Manifest, file_key
from scripts.db.proctree import descendants
from scripts.db.restore.autovacuum import pause_autovacuum, resume_autovacuum
from scripts.db.restore.errors import Aborted, BadBackup, Undecodable, unreadable_toc
from scripts.db.restore.inflate import inflate
from scripts.db.restore.listing import DataPlan, parse_toc, plan_data
from scripts.db.restore.objects import stream_object
from scripts.db.restore.options import SPOOL_MEMORY_BYTES
from scripts.db.restore.packs import PackReader
from scripts.db.restore.procs import die_with_parent
from scripts.db.restore.progress import Progress
from scripts.db.restore.schema import SchemaStep, read_script, start_script
from scripts.db.restore.spool import Spool, SpoolRoom
from scripts.db.restore.target import Target
from scripts.db.storage import StorageError, Store
from scripts.output import BadInput, CheckFailed, DrError

KILL_WAIT_SECONDS = 10  # a SIGKILLed pg_restore is gone at once; this only bounds the wait


class Engine:
    """One restore of one backup into the staging database.

    The schema is pg_restore's script of it, run in batches (:mod:`scripts.db.restore.schema`);
    :mod:`scripts.db.load` loads every table from its verified download (through a
    :class:`~scripts.db.restore.spool.Spool`, bounded in memory and on disk), builds the indexes
    and constraints, longest chain first, and runs what is left (else one last pg_restore
    does). An archive kaleo-dr's own TOC reader cannot read is restored by pg_restore alone.
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
        spool_memory: int = SPOOL_MEMORY_BYTES,
        spool_disk: int | None = None,
        analyze: bool = True,
        role_password: roles.PasswordLookup | None = None,
    ) -> None:
        self.analyze = analyze
        self.role_password = role_password
        self.roles: dict[str, Any] = {"shipped": False}  # what applying the backup's roles file did
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
        self.timeline: list[JobTiming] = []
        self.spool_memory = spool_memory
        self.spool_disk = spool_disk
        self.disk_bound = 0
        self.spool: dict[str, float] = {}
        self.room: SpoolRoom | None = None
        self.schema: SchemaStep | None = None
        # The same settings for kaleo-dr's own connections as pg_restore gets through PGOPTIONS.
        self.session_sql = "".join(f"SET {k} = '{v}';\n" for k, v in settings.items())

    # -- downloads -----------------------------------------------------------------------------
    def _key(self, fe: FileEntry) -> str:
        return fe.key(self.manifest.backup_id)

    def _stream(self, fe: FileEntry, stop: threading.Event) -> Iterator[bytes]:
        """The bytes of one file: its own object, or its range of its pack."""
        if fe.pack is None:
            return stream_object(self.store, self._key(fe), stop)
        return stream_object(self.store, self._key(fe), stop, fe.offset, fe.size)

    def _pack_reader(self, extract: Collection[str] = ()) -> PackReader:
        """The backup's packs, read into the dump folder; ``extract``: the packed files pg_restore reads itself."""

        def stream(pack: FileEntry) -> Iterator[bytes]:
            return stream_object(self.store, file_key(self.manifest.backup_id, pack.path), self.stop)

        return PackReader(self.manifest, self.dump, stream, self.progress.add_bytes, extract)

    def _fetch_verified(self, fe: FileEntry, sink: Callable[[bytes], object]) -> None:
        """Stream one file through sha256 into ``sink``; the last chunk only once it matched."""
        digest = hashlib.sha256()
        size = 0
        pending: bytes | None = None
        for chunk in self._stream(fe, self.stop):
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

    def _digest_problem(self, fe: FileEntry) -> str | None:
        """Read one file through to its end: what is wrong with it against the manifest, if anything
        (:class:`StorageError` when it cannot be read now)."""
        digest = hashlib.sha256()
        size = 0
        for chunk in self._stream(fe, threading.Event()):
            digest.update(chunk)
            size += len(chunk)
        if size != fe.size:
            return f"{fe.path}: {size} bytes read, manifest says {fe.size}"
        if digest.hexdigest() != fe.sha256:
            return f"{fe.path}: sha256 {digest.hexdigest()[:16]}... differs from the manifest's {fe.sha256[:16]}..."
        return None

    def _load_failure(self, exc: LoadError, loaded: FileEntry | None) -> DrError | BadBackup:
        """What a table load that failed means: a bad backup (the restore falls back to the next
        one) or a plain failure.

        A load can fail on bad bytes long before its file's download, and so its sha256, is
        complete (garbage inside a gzip member stops the inflate at once): the file is then
        read to its end and checked, so a file that differs from the manifest is a bad backup,
        named with the evidence, and not a failure every rerun would hit again."""
        try:
            problem = self._digest_problem(loaded) if loaded is not None else None
        except StorageError as read_error:  # unknown is not no: not called a bad backup
            return CheckFailed(
                f"restoring {exc}; checking {loaded.path if loaded else 'its file'} against the manifest "
                f"failed too: {read_error.message}",
                hint="run the same command again once the object store answers",
            )
        if problem is not None:
            return BadBackup(f"a file does not match the manifest (its load failed: {exc})", [problem])
        if isinstance(exc.cause, Undecodable):  # it matches the manifest: it was written damaged
            return BadBackup(
                "a file matches the manifest but cannot be decompressed (the backup was written damaged)",
                [str(exc.cause)],
            )
        return CheckFailed(f"restoring {exc}")

    def _download(self, fe: FileEntry) -> None:
        """Fetch one file through its sha256 check into the dump folder."""
        dest = self.dump / fe.path
        part = dest.with_name(dest.name + ".part")
        with part.open("wb") as f:
            self._fetch_verified(fe, f.write)
        part.replace(dest)

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
        for proc in procs:  # reaped here: nothing of the restore outlives the command, not even a zombie
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=KILL_WAIT_SECONDS)
        if self.schema is not None:
            self.schema.kill(KILL_WAIT_SECONDS)
        if self.room is not None:
            self.room.abort()

    # -- the run -------------------------------------------------------------------------------
    def _bound_disk(self) -> None:
        """The spool's disk bound: ``restore.spool_disk_mb``, else half the work folder's free space."""
        if self.spool_disk is not None:
            self.disk_bound = self.spool_disk
        else:
            self.disk_bound = shutil.disk_usage(self.work).free // 2

    def _too_small(self, exc: BadInput) -> DrError:
        """The disk bound cannot hold what must be on disk: bad configuration when it was set, else too little disk."""
        if self.spool_disk is not None:
            return exc
        return CheckFailed(
            f"{exc.message} (half the free space of {self.work}, as restore.spool_disk_mb is not set)",
            hint="point --work-dir at a disk with more free space, or set restore.spool_disk_mb",
        )

    def _need_disk(self, size: int, what: str) -> None:
        if size > self.disk_bound:
            raise self._too_small(
                BadInput(
                    f"{size} bytes of {what} must be on disk, more than restore.spool_disk_mb allows "
                    f"({self.disk_bound} bytes)",
                    hint="raise restore.spool_disk_mb, or point --work-dir at a larger disk",
                )
            )

    def _fetch_toc(self) -> None:
        self.dump.mkdir(parents=True, exist_ok=True)
        files = {f.path: f for f in self.manifest.files}
        self.progress.set_phase("toc")
        self._need_disk(files["toc.dat"].size, "toc.dat")
        self._download(files["toc.dat"])

    def _plan_toc(self) -> DataPlan:
        """pg_restore's listing of the archive, as the data section's plan. An archive it cannot
        list is a bad backup (the schema step, started before, is stopped with it)."""
        with self.fork_lock:  # it runs beside the schema step, and dies with kaleo-dr as every pg_restore does
            listing = subprocess.run(
                [str(self.pg_restore), "-l", str(self.dump)],
                capture_output=True,
                text=True,
                check=False,
                env=self.env,
                preexec_fn=die_with_parent,
            )
        if listing.returncode != 0:
            raise unreadable_toc(listing.stderr)
        plan = plan_data(parse_toc(listing.stdout), self.manifest.files)
        self.progress.set_total(sum(f.size for f in self.manifest.files), len(plan.tables))
        return plan

    def _apply_roles(self) -> None:
        """The backup's roles, database privileges and settings (:mod:`scripts.db.roles`), verified
        against the manifest, applied before the schema so owners and privileges restore as they were.
        A backup made before roles were shipped has no such file: the schema is restored as it is."""
        fe = next((f for f in self.manifest.files if f.path == roles.FILE_NAME), None)
        if fe is None:
            return
        data = bytearray()
        self._fetch_verified(fe, data.extend)
        try:
            shipped = roles.Globals.from_json(bytes(data))
        except ValueError as exc:
            raise BadBackup("the roles file cannot be read", [f"{fe.path}: {exc}"]) from None
        import psycopg

        with contextlib.closing(self.target.connect(self.target.staging)) as conn:
            try:
                self.roles = roles.apply_globals(conn, self.target.staging, shipped, self.role_password)
            except psycopg.Error as exc:  # nothing of it stays: one transaction
                raise CheckFailed(
                    f"applying the roles and database settings of backup {self.manifest.backup_id} failed: "
                    f"{pgtools.redact(str(exc).strip(), self.target.password)}",
                    hint="the restore must connect as a role that may create roles and set their attributes "
                    "(the database VM's superuser)",
                ) from None

    def _start_schema(self) -> SchemaStep:
        """The backup's roles, then the pre-data section (:mod:`scripts.db.restore.schema`)
        started (not waited for). pg_restore writes the section's script while the roles are
        applied."""
        if self.stop.is_set():
            raise Aborted
        argv = [str(self.pg_restore), "--section=pre-data", *(["--no-owner"] if self.no_owner else [])]
        with self.fork_lock:
            writer = start_script([*argv, "-f", "-", str(self.dump)], self.env)
        with self.procs_lock:
            self.procs.add(writer)  # kill_all stops it too
        try:
            self._apply_roles()
            script = read_script(writer)
        finally:
            with self.procs_lock:
                self.procs.discard(writer)
            if writer.poll() is None:  # the roles failed first: it is not needed any more
                writer.kill()
                writer.communicate()
        if self.stop.is_set():
            raise Aborted
        step = SchemaStep(
            script, lambda: self.target.connect(self.target.staging), self.session_sql, self.stop, self.target.password
        )
        self.schema = step
        step.start()
        return step

    def _finish_schema(self, schema: SchemaStep, small: set[tuple[str, str]] | None = None) -> None:
        """Wait for the pre-data section, then pause autovacuum on the new (empty) tables (but
        the ``small`` ones), on the schema step's connection."""
        with contextlib.closing(schema.wait()) as conn:
            self.paused_autovacuum = pause_autovacuum(conn, small or set())

    def resume_autovacuum(self, conn: Any) -> None:
        """Put the tables' autovacuum options back (on ``conn``, to the staging database)."""
        if self.paused_autovacuum:
            resume_autovacuum(conn, self.paused_autovacuum)
            self.paused_autovacuum = []

    def run(self) -> None:
        """Schema by pg_restore's script; table data, indexes, constraints and the rest by
        :mod:`scripts.db.load` (COPY straight from the verified download, longest chain first)."""
        t0 = time.monotonic()
        self._bound_disk()
        self._fetch_toc()
        # The schema step starts now, before the archive is listed and the load planned:
        # its CREATE TABLEs keep one server core busy, and the listing and planning below run
        # beside them on another.
        self.progress.set_phase("pre-data")
        schema = self._start_schema()
        t_start = time.monotonic()
        self.phases["toc"] = t_start - t0
        try:
            plan = self._plan_toc()
            return self._run_beside_schema(plan, schema, t_start)
        except BaseException:
            self.kill_all()  # the schema step too, whatever failed
            raise

    def _run_beside_schema(self, plan: DataPlan, schema: SchemaStep, t_start: float) -> None:
        """The rest of :meth:`run`, from the moment the schema step started."""
        try:
            toc = pgtoc.read_toc(self.dump / "toc.dat")
        except pgtoc.TocError as exc:
            # pg_restore read this archive (its listing worked), kaleo-dr's own reader cannot:
            # restore with pg_restore alone rather than not at all.
            self.progress.warn(f"[yellow]kaleo-dr cannot plan this archive ({exc}): restoring with pg_restore alone[/]")
            self._finish_schema(schema)
            self.phases["pre_data"] = time.monotonic() - t_start
            self.run_pg_restore_alone()
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
        listed = {e.dump_id for e in plan.all_entries}
        load = plan_load(toc, table_rows, data_bytes, analyze=self.analyze, listed=listed)
        order = sorted(load.data_jobs, key=lambda j: -j.chain)
        # Whatever pg_restore reads itself at the end: large objects, data it has to load. These
        # files and toc.dat stay on disk until the end: the spool gets the rest of the disk bound.
        local = [fe for te, fe in plan.tables if te.dump_id not in files_of] + plan.blob_files
        toc_size = next(f.size for f in self.manifest.files if f.path == "toc.dat")
        folder = self.work / "spool"
        folder.mkdir()
        fixed = toc_size + sum(f.size for f in local)
        # Packs are read whole, one request each, into the dump folder (their files wait there
        # for their loads), when the disk bound holds them beside the fixed files; else each
        # packed file streams through the spool like any other, by a ranged read of its pack.
        packed_local = [fe for fe in local if fe.pack is not None]
        packs = self._pack_reader([fe.path for fe in packed_local])
        rest = fixed - sum(f.size for f in packed_local)  # what stays on disk but the packs
        whole_packs = bool(packs.packs) and rest + packs.size <= self.disk_bound
        if whole_packs:
            fixed = rest + packs.size
            local = [fe for fe in local if fe.pack is None]
        try:
            room = SpoolRoom(self.spool_memory, self.disk_bound, folder, self.jobs, fixed)
        except BadInput as exc:
            raise self._too_small(exc) from None
        self.room = room
        unpacked = [j for j in order if not (whole_packs and files_of[j.entry.dump_id].pack)]
        spools = {j.entry.dump_id: Spool(room, files_of[j.entry.dump_id].path) for j in unpacked}

        def abort_spools() -> None:
            for sp in spools.values():
                sp.fail(Aborted())
            with packs.cond:
                packs.cond.notify_all()  # a loader waiting for a packed file sees stop

        def download(job: Job) -> None:
            """Fill the job's spool (whoever calls this claimed it)."""
            spool = spools[job.entry.dump_id]
            try:
                self._fetch_verified(files_of[job.entry.dump_id], spool.write)
                spool.finish()
            except BaseException as exc:
                spool.fail(exc)
                raise

        def fetch(job: Job) -> None:
            if spools[job.entry.dump_id].claim():
                download(job)
            # else its loader got there first and downloads it itself (fetch_on_demand)

        on_demand: list[threading.Thread] = []

        def fetch_on_demand(job: Job) -> None:
            """The loader claimed the spool before the download pool got to it: download it now
            (not through fetch, whose claim would fail: the file would then never come)."""
            try:
                download(job)
            except BaseException as exc:
                self._fail(exc)

        def pack_on_demand(pack: str) -> None:
            try:
                packs.fetch(pack)
            except BaseException as exc:
                self._fail(exc)

        def read_packed(fe: FileEntry) -> Iterator[bytes]:
            yield from packs.read(fe.path, self.stop)

        # Every download is queued here, between pg_restore forks (the schema's script was written
        # before the pool existed, the last one is forked under fork_lock): submitting to a pool from
        # another thread while this one forks has been seen to break the pool's locks.
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, self.jobs))
        futures = [pool.submit(packs.fetch, p) for p in (packs.packs if whole_packs else ())]
        futures += [pool.submit(fetch, j) for j in unpacked] + [pool.submit(self._download, fe) for fe in local]

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
        try:
            self._finish_schema(
                schema, {(j.entry.namespace, j.entry.tag) for j in load.data_jobs if j.size < FREEZE_MIN_BYTES}
            )
            t_data = time.monotonic()
            self.phases["pre_data"] = t_data - t_start
            self.progress.set_phase("data + indexes")

            def source(job: Job) -> Iterator[bytes]:
                fe = files_of[job.entry.dump_id]
                if job.entry.dump_id not in spools:  # its pack is read whole into the dump folder
                    assert fe.pack is not None
                    if fe.pack not in packs.claimed:  # the download pool has not got to it yet
                        with self.fork_lock:
                            th = threading.Thread(target=pack_on_demand, args=(fe.pack,), daemon=True)
                            th.start()
                        on_demand.append(th)
                    data = read_packed(fe)
                    return inflate(data, fe.path) if fe.path.endswith(".gz") else data
                spool = spools[job.entry.dump_id]
                if spool.claim():
                    # Every download thread waits for room: this file's own download starts now.
                    with self.fork_lock:  # never start a thread while another thread forks pg_restore
                        th = threading.Thread(target=fetch_on_demand, args=(job,), daemon=True)
                        th.start()
                    on_demand.append(th)
                chunks = spool.chunks(self.stop)
                return inflate(chunks, fe.path) if fe.path.endswith(".gz") else chunks

            def data_done(job: Job, rows: int) -> None:
                if not loads_via_root(job.entry):  # else its rows land in other tables
                    self.copied_rows[(job.entry.namespace, job.entry.tag)] = rows
                if job.entry.dump_id in spools:  # a packed file stays in its pack's file until the end
                    spools[job.entry.dump_id].remove()
                self.progress.table_done(1)

            try:
                result = run_load(
                    load,
                    lambda: self.target.connect(self.target.staging),
                    self.jobs,
                    source,
                    session_sql(toc) + self.session_sql,
                    self.stop,
                    data_done,
                )
            except LoadError as exc:
                if isinstance(exc.cause, (BadBackup, Aborted, StorageError)):
                    raise exc.cause from None
                raise self._load_failure(exc, files_of.get(exc.entry.dump_id)) from None
            self.phases["data"] = result.data_seconds
            self.timeline = result.timeline
            downloader.join()
            for th in on_demand:
                th.join()
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
            for th in on_demand:
                th.join()
        finally:
            self.spool = room.summary()
        self._raise_first_error()

    def run_pg_restore_alone(self) -> None:
        """After the schema: every file downloaded (verified) into the dump folder, then
        pg_restore restores the rest."""
        t_start = time.monotonic()
        files = [fe for fe in self.manifest.files if fe.path != "toc.dat" and fe.pack is None]
        self._need_disk(
            sum(f.size for f in self.manifest.files), "the dump's files (pg_restore alone reads them from disk)"
        )
        self.progress.set_phase("download")
        packs = self._pack_reader([m.path for p in self.manifest.packs for m in self.manifest.members(p.path)])
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, self.jobs)) as pool:
            futures = [pool.submit(packs.fetch, p) for p in packs.packs]
            for fut in futures + [pool.submit(self._download, fe) for fe in files]:
                fut.result()
        self.phases["download"] = time.monotonic() - t_start
        t_data = time.monotonic()
        self.progress.set_phase("data")
        proc, log = self._start(["--section=data", "--section=post-data", f"--jobs={self.jobs}"], "restore")
        self._finish(proc, log, "the restore")
        self.phases["data"] = time.monotonic() - t_data
        self.spool = {"disk_bound_bytes": self.disk_bound, "disk_peak_bytes": sum(f.size for f in self.manifest.files)}

    def _raise_first_error(self) -> None:
        real = [e for e in self.errors if not isinstance(e, Aborted)]
        if real:
            # A bad file is what decides the fallback: report it before anything it caused.
            raise next((e for e in real if isinstance(e, BadBackup)), real[0])
        if self.errors:
            raise CheckFailed("the restore was stopped")
