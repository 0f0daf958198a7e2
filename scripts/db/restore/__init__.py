"""``kaleo-dr restore``: the newest good backup into a target database - verified, fast, restartable.

What happens, in order

1. **Choose the backup.** Complete backups (``manifest.json`` present) newest first, or the one
   named by ``--backup-id``. Every file the manifest lists must exist with the manifest's size
   (one listing call: missing and truncated files are named before any work starts), and
   every byte is checked against the manifest's sha256 while it is downloaded; the last
   chunk of each file is held back until its digest matched, so no COPY ever commits a
   corrupt file.
   When the newest backup turns out bad and no ``--backup-id`` was given,
   the restore warns, names the bad backup and files, and falls back to the next older
   complete backup; with ``--backup-id`` it stops (exit 1). Incomplete backups are never
   restored. The result names the backup used, every backup skipped and why, and the data
   age (RPO = now - ``manifest.data_as_of``).

2. **Never touch the target until the end.** The restore runs into a staging database
   ``<target>__kaleo_restore`` on the target server, marked as ours by its comment. The
   target database is only replaced after the staging copy was restored completely and
   validated: the target is dropped (``WITH (FORCE)``) and the staging database renamed to
   its name, with the target's owner, encoding and locale. A corrupt file, a failed
   ``pg_restore`` or a failed validation therefore never changes the target.

3. **Non-empty targets.** A target database that holds user tables, views, sequences or large
   objects (objects created by extensions do not count) is refused (exit 2) and left
   untouched. With ``--force-replace DBNAME`` (or ``--force`` confirmed at a terminal) it is
   *replaced* by the restored copy - and only once that copy
   is complete and validated, so a failed forced restore still leaves the old database
   intact. Database-level GRANTs and ``ALTER DATABASE ... SET`` settings of a replaced
   target are not carried over (the owner, encoding and locale are).

4. **Fast.** Phases: select -> prepare -> toc -> pre-data -> data -> post-data -> validate
   -> swap (``download`` is reported too: it overlaps pre-data and data). ``toc.dat`` is
   fetched first and the schema (pre-data: pg_restore's own script of it, run in batches by
   :mod:`scripts.db.restore.schema`) is restored while every table's data file starts
   downloading, in the order the tables will load. Then :mod:`scripts.db.load` runs
   the heavy middle on ``--jobs`` connections: each table's COPY is fed straight from its
   download (through the sha256 check, inflated with ISA-L, the last chunk held back until
   the digest matched, so a corrupt file never commits), into the table emptied in the same
   transaction, ``WITH (FREEZE)``; indexes, primary/unique keys and foreign keys are ready as
   soon as their tables are in; of the ready jobs that would not wait for a running job's
   table lock, the one with the most estimated work behind it runs first; idle workers lend
   themselves to the remaining index builds.
   Downloads run ahead at the store's speed into a spool (:mod:`scripts.db.restore.spool`)
   bounded in memory (``restore.spool_memory_mb``) and on disk (``restore.spool_disk_mb``,
   default half the free space of the work folder): memory first, then the work folder, and
   when both are full a download waits until a loader has read a piece (backpressure). A
   machine whose disk cannot hold the dump therefore restores it too, at the loads' pace; one
   piece per loader is reserved, so the running loads never starve. ``toc.dat`` and the few
   files pg_restore reads itself (large objects, data in a format kaleo-dr does not load)
   stay on disk and count against the disk bound. Autovacuum is paused on the staging tables while they load (and their
   own options put back). What is left - sequence values, triggers, comments, ACLs, partition
   index attachments and whatever depends on them - runs last on the same connections, in
   pg_restore's passes (:func:`scripts.db.load.finale.plan_finale`); if something left is not a
   plain statement (large objects, materialized view data, event triggers), all of it goes to
   one final ``pg_restore -j N`` instead (``post-data`` in the phases covers this and the index
   builds still running when the last table finished loading). Every session gets
   restore-friendly settings (``maintenance_work_mem``, ``work_mem``,
   ``synchronous_commit=off``, ``jit=off``; through ``PGOPTIONS`` for pg_restore); nothing in
   the server's configuration is changed. Measured against plain ``pg_restore -j``:
   ``bench/db.py``.

   An archive kaleo-dr's own TOC reader cannot read (a newer archive version) is downloaded
   whole into the work folder (it must fit the disk bound) and restored by ``pg_restore -j N``
   alone, with a warning.

5. **Validation.** Exact row count of every table (the server's own count of the rows each
   COPY committed into the empty table; ``count(*)`` for a table loaded otherwise), sequence
   positions and the counts of
   tables, indexes, constraints, functions, triggers, views, large objects, extensions...
   (``scripts.db.inventory.inventory``) must equal what the backup recorded; any difference is
   exit 1 and the staging database is kept for inspection (the target is untouched).

6. **Killed at any moment.** A run killed with ``kill -9`` (with or without its
   ``pg_restore`` children) is repaired by running the same command again: a *clean
   restart*. A pg_restore child dies with its parent (``PR_SET_PDEATHSIG``). The rerun finds
   the staging database by name and comment, drops it (ending any orphaned sessions),
   removes the dead run's work folder and restores again; if the kill hit between dropping
   the old target and renaming the validated staging copy, the rerun just finishes the
   rename. A session advisory lock on the server keeps two restores of the same target
   from running at once.
"""

from __future__ import annotations

from scripts.db.restore.cli import pgtools_secret
from scripts.db.restore.errors import Aborted, BadBackup
from scripts.db.restore.flow import run_restore
from scripts.db.restore.options import Options, role_password_lookup
from scripts.db.restore.results import RestoreResult, Skipped

__all__ = [
    "Aborted",
    "BadBackup",
    "Options",
    "RestoreResult",
    "Skipped",
    "pgtools_secret",
    "role_password_lookup",
    "run_restore",
]
