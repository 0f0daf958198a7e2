"""``kaleo-dr backup``: ship database dumps out of AWS and prove they are complete and fresh.

Commands
    ``create``     dump a database (``--source-dsn``) or the newest RDS snapshot
                   (``--rds-instance``) in pg_dump directory format and upload it as it is
                   produced to one or more backup locations, manifest last;
    ``list``       the backups of a location, newest first, complete or not;
    ``verify``     re-read every file of a backup and check its size and sha256;
    ``freshness``  the RPO alarm: exit 1 when the newest complete backup is too old.

A backup is complete only when its ``manifest.json`` exists (it is written after every
file has been uploaded and checked), see :mod:`scripts.db.manifest`. The functions
:func:`list_backups`, :func:`load_manifest`, :func:`verify_backup` and
:func:`newest_complete` are what ``kaleo-dr restore`` uses to choose a backup.

Compression (measured with ``bench/backup_compression.py --scale 1.0 --repeat 2 --restore``)
    pg_dump 15 offers gzip levels only. Data set of 919 MiB (numeric rows with a foreign key
    and indexes, jsonb/text events, customers, high-entropy bytea), 2 cores shared with other
    work, fastest of 2 runs, ratios against plain ``pg_dump -Fd -j2`` (default gzip level 6):
    6.7 s and 144 MiB in that run.

    ================================================  =======  ====  ==========  ==========
    variant                                           seconds  MiB   time ratio  size ratio
    ================================================  =======  ====  ==========  ==========
    pg_dump -Fd -j2 -Z0 (local disk)                    2.6     567     0.39        3.93
    kaleo-dr backup create --compress none (GCS emu)    8.5     567     1.27        3.93
    pg_dump -Fd -j2 -Z1 (local disk)                    4.4     158     0.65        1.09
    kaleo-dr backup create --compress gzip:1 (GCS emu)  5.6     158     0.83        1.09
    pg_dump -Fd -j2 -Z6 (local disk)                    8.8     144     1.32        1.00
    kaleo-dr backup create --compress gzip:6 (GCS emu)  9.8     144     1.46        1.00
    pg_restore -j2 of the -Z0 dump (local disk)        19.7       -     -           -
    pg_restore -j2 of the -Z1 dump (local disk)        26.8       -     -           -
    pg_restore -j2 of the -Z6 dump (local disk)        28.6       -     -           -
    ================================================  =======  ====  ==========  ==========

    gzip level 1 ships fastest end to end (0.83 of plain pg_dump, against 1.27 uncompressed,
    whose 3.9x bytes make the upload the bottleneck, and 1.46 at level 6, whose CPU cost
    dominates on 2 cores); it is only 9 % larger than level 6 and restores as fast. An
    uncompressed dump restores faster from local disk (no gunzip) but has to be shipped out
    of AWS (egress billed per GB), stored and downloaded at 3.9x the size. Hence ``gzip:1``;
    ``--compress none`` stays available where the network is much faster than the CPU.
    Identical commands varied by up to 30 % between runs on the shared machine.
"""

from __future__ import annotations

from scripts.db.backup.catalog import (
    BackupInfo,
    BadFile,
    VerifyResult,
    download_files,
    freshness,
    list_backups,
    load_manifest,
    newest_complete,
    resolve_backup_id,
    verify_backup,
)
from scripts.db.backup.formatting import human_bytes, human_duration, parse_duration
from scripts.db.backup.from_dsn import DEFAULT_COMPRESSION, SourceMeta, create_backup, parse_compression
from scripts.db.backup.from_rds import create_from_rds

__all__ = [
    "DEFAULT_COMPRESSION",
    "BackupInfo",
    "BadFile",
    "SourceMeta",
    "VerifyResult",
    "create_backup",
    "create_from_rds",
    "download_files",
    "freshness",
    "human_bytes",
    "human_duration",
    "list_backups",
    "load_manifest",
    "newest_complete",
    "parse_compression",
    "parse_duration",
    "resolve_backup_id",
    "verify_backup",
]
