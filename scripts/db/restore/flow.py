"""The command's flow: select, prepare, restore into staging, validate, swap; fall back on a bad backup."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.db import pgtools
from scripts.db.load.run import JobTiming
from scripts.db.manifest import Manifest
from scripts.db.restore.engine import Engine
from scripts.db.restore.errors import BadBackup
from scripts.db.restore.options import Options, session_settings
from scripts.db.restore.procs import remove_stale_work_dirs
from scripts.db.restore.progress import Progress
from scripts.db.restore.results import RestoreResult, Skipped
from scripts.db.restore.selection import check_sizes, load_manifest, scan_backups
from scripts.db.restore.statistics import analyze_missing
from scripts.db.restore.target import (
    RESERVED_DATABASES,
    Target,
    create_staging,
    ident,
    lock_key,
    prepare_target,
    staging_name,
    swap,
)
from scripts.db.restore.validate import validate
from scripts.db.storage import StorageError, Store, open_store
from scripts.output import BadInput, CheckFailed

SLOWEST_JOBS = 20  # the longest data loads and index builds named in --json output
PHASES = ("select", "prepare", "toc", "pre_data", "download", "data", "post_data", "analyze", "validate", "swap")
MISSING_NAMED = 20  # tables without statistics named in the result


RDS_SUFFIXES = (".rds.amazonaws.com", ".rds.amazonaws.com.cn")


def refuse_rds_target(parts: dict[str, str], allowed: bool) -> None:
    """A target under *.rds.amazonaws.com is production (or failing back into it): refused unless allowed."""
    hosts = [h.strip().lower().rstrip(".") for h in (parts.get("host") or "").split(",") if h.strip()]
    rds = [h for h in hosts if h.endswith(RDS_SUFFIXES)]
    if rds and not allowed:
        raise BadInput(
            f"--target-dsn points at Amazon RDS ({', '.join(rds)}); restore refuses RDS targets",
            hint="a restore replaces databases: to fail back into RDS on purpose, pass --allow-rds-target",
        )


def run_restore(opts: Options) -> RestoreResult:
    """Restore the newest good backup (or ``opts.backup_id``) into ``opts.target_dsn``."""
    started = time.monotonic()
    phases: dict[str, float] = dict.fromkeys(PHASES, 0.0)
    parts = pgtools.check_dsn(opts.target_dsn, "--target-dsn")
    database = parts.get("dbname")
    if not database:
        raise BadInput("--target-dsn names no database", hint="end the DSN with /dbname (e.g. .../kaleo)")
    if database in RESERVED_DATABASES:
        raise BadInput(f"--target-dsn names the system database {database!r}", hint="restore into its own database")
    refuse_rds_target(parts, opts.allow_rds_target)
    if opts.jobs < 1:
        raise BadInput("--jobs must be at least 1")
    settings = session_settings(opts)
    target = Target(opts.target_dsn, opts.password, database, staging_name(database))
    store = open_store(opts.url)
    progress = Progress(opts.as_json)
    try:
        return _run(opts, target, store, progress, phases, started, settings)
    finally:
        progress.close()


def _run(
    opts: Options,
    target: Target,
    store: Store,
    progress: Progress,
    phases: dict[str, float],
    started: float,
    settings: dict[str, str],
) -> RestoreResult:
    timeline: list[JobTiming] = []
    spool: dict[str, float] = {}
    applied_roles: dict[str, Any] = {}
    without_statistics: list[tuple[str, str]] = []
    t = time.monotonic()
    progress.set_phase("select")
    try:
        refs = scan_backups(store, opts.backup_id)
    except StorageError as exc:
        raise CheckFailed(f"cannot list {store.url}: {exc.message}") from exc
    skipped: list[Skipped] = []
    if opts.backup_id:
        chosen = [r for r in refs if r.backup_id == opts.backup_id]
        if not chosen:
            raise BadInput(
                f"backup {opts.backup_id!r} not found in {store.url}", hint="kaleo-dr backup list --from ..."
            )
        candidates = chosen
    else:
        candidates = []
        for ref in refs:
            if ref.complete:
                candidates.append(ref)
            else:
                skipped.append(Skipped(ref.backup_id, "incomplete: no manifest (never restored)"))
        if not candidates:
            raise CheckFailed(
                f"no complete backup in {store.url}" + (f" ({len(skipped)} incomplete)" if skipped else ""),
                hint="a backup is complete only once its manifest.json was written",
            )
    phases["select"] = time.monotonic() - t

    t = time.monotonic()
    progress.set_phase("prepare")
    admin = target.admin()
    with contextlib.closing(admin):
        version = pgtools.server_version(admin)
        tool = pgtools.require_tool_for_server("pg_restore", version, what="target server")
        got = admin.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(target.database),)).fetchone()
        if not got or not got[0]:
            raise CheckFailed(f"another restore into {target.database!r} is running on this server")
        target_exists, validated = prepare_target(target, admin, opts.force, progress)
        phases["prepare"] = time.monotonic() - t

        for ref in candidates:
            try:
                if not ref.complete:
                    raise BadBackup("incomplete: no manifest (never restored)")
                manifest = load_manifest(store, ref.backup_id)
                check_sizes(manifest, ref)
                if tool.major < _archive_major(manifest):
                    raise BadInput(
                        f"{tool.path} ({tool.version}) is older than the pg_dump that wrote backup "
                        f"{ref.backup_id} ({manifest.pg_dump_version})",
                        hint="install a newer postgresql-client",
                    )
                if validated == ref.backup_id:
                    progress.warn(f"finishing the interrupted restore of {ref.backup_id}: it was already validated")
                    problems = validate(target, manifest, without_statistics=without_statistics)
                    if opts.analyze and without_statistics:
                        problems.append(statistics_problem(without_statistics))
                    if problems:
                        raise CheckFailed("the validated staging copy no longer validates: " + "; ".join(problems[:5]))
                else:
                    if validated is not None:
                        with contextlib.suppress(Exception):
                            admin.execute(f"DROP DATABASE {ident(target.staging)} WITH (FORCE)")
                        validated = None
                    problems = _restore_one(
                        opts,
                        target,
                        admin,
                        store,
                        manifest,
                        target_exists,
                        progress,
                        phases,
                        tool.path,
                        settings,
                        timeline,
                        spool,
                        without_statistics,
                        applied_roles,
                    )
            except BadBackup as exc:
                skip = Skipped(ref.backup_id, exc.reason, exc.bad_files)
                skipped.append(skip)
                progress.warn(
                    f"[bold red]WARNING: backup {ref.backup_id} is unusable: {exc.reason}[/]"
                    + "".join(f"\n  - {f}" for f in exc.bad_files)
                )
                if opts.backup_id:
                    raise CheckFailed(
                        f"backup {ref.backup_id} is unusable: {exc.reason}"
                        + (": " + "; ".join(exc.bad_files) if exc.bad_files else "")
                        + "; the target was not touched",
                        hint="restore the newest good backup instead (omit --backup-id) "
                        "or check it with kaleo-dr backup verify",
                    ) from None
                continue
            if problems:
                raise CheckFailed(
                    f"validation of backup {ref.backup_id} failed ({len(problems)} difference(s)): "
                    + "; ".join(problems[:20])
                    + f". The target is untouched; the restored copy is kept as {target.staging!r} for inspection.",
                    hint="a rerun drops the staging copy and restores again",
                )
            t = time.monotonic()
            progress.set_phase("swap")
            swap(target, admin, manifest, target_exists, opts.force)
            phases["swap"] = time.monotonic() - t
            now = dt.datetime.now(dt.UTC)
            return RestoreResult(
                backup_id=manifest.backup_id,
                url=store.url,
                target=pgtools.display_dsn(target.dsn),
                data_as_of=manifest.data_as_of,
                rpo_seconds=(now - manifest.data_time()).total_seconds(),
                bytes=sum(f.size for f in manifest.files),
                seconds=time.monotonic() - started,
                phases=phases,
                skipped=skipped,
                validation={"ok": True, "problems": [], "tables": len(manifest.tables)},
                statistics=statistics_report(opts.analyze, without_statistics),
                replaced_existing=target_exists,
                tables=len(manifest.tables),
                slowest=[
                    {"job": f"{t.desc} {t.name}", "start": round(t.start, 3), "seconds": round(t.seconds, 3)}
                    for t in sorted(timeline, key=lambda t: -t.seconds)[:SLOWEST_JOBS]
                ],
                spool=dict(spool),
                roles=dict(applied_roles) or {"shipped": None},  # None: an interrupted run's copy was finished
            )
    raise CheckFailed(
        f"no usable backup in {store.url}: "
        + "; ".join(
            f"{s.backup_id}: {s.reason}" + (f" ({', '.join(s.bad_files)})" if s.bad_files else "") for s in skipped
        ),
        hint="the target was not touched; run kaleo-dr backup verify to see every bad file",
    )


def _archive_major(manifest: Manifest) -> int:
    m = re.search(r"(\d+)(?:\.\d+)?", manifest.pg_dump_version or "")
    return int(m.group(1)) if m else 0


def _restore_one(
    opts: Options,
    target: Target,
    admin: Any,
    store: Store,
    manifest: Manifest,
    target_exists: bool,
    progress: Progress,
    phases: dict[str, float],
    pg_restore: Path,
    settings: dict[str, str],
    timeline: list[JobTiming] | None = None,
    spool: dict[str, float] | None = None,
    without_statistics: list[tuple[str, str]] | None = None,
    applied_roles: dict[str, Any] | None = None,
) -> list[str]:
    """Restore one backup into a fresh staging database and validate it; returns the differences."""
    create_staging(target, admin, manifest, target_exists)
    remove_stale_work_dirs(opts.work_dir)
    work = Path(tempfile.mkdtemp(prefix="kaleo-restore-", dir=opts.work_dir))
    (work / "owner.pid").write_text(str(os.getpid()), encoding="utf-8")  # lets a later run clean up after a kill
    engine = Engine(
        store,
        manifest,
        target,
        opts.jobs,
        work,
        progress,
        pg_restore,
        settings,
        opts.no_owner,
        opts.spool_memory,
        opts.spool_disk,
        analyze=opts.analyze,
        role_password=opts.role_password,
    )
    finish: Any = None  # one connection for the end: autovacuum back on, the statistics check, validation
    try:
        engine.run()
        finish = target.connect(target.staging)
        try:
            engine.resume_autovacuum(finish)
        except BaseException:
            finish.close()
            raise
    except BadBackup:
        engine.kill_all()
        # Nothing of a bad backup may stay around: drop the staging copy before falling back.
        admin.execute(f"DROP DATABASE {ident(target.staging)} WITH (FORCE)")
        raise
    except StorageError as exc:
        engine.kill_all()
        raise CheckFailed(
            f"reading backup {manifest.backup_id} failed: {exc.message}",
            hint="the target was not touched; run the same command again once the object store answers",
        ) from exc
    except CheckFailed as exc:
        engine.kill_all()
        raise CheckFailed(
            exc.message,
            hint=exc.hint
            or f"the target was not touched; the partial copy {target.staging!r} is dropped by the next run",
        ) from exc
    except BaseException:
        engine.kill_all()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        phases.update(engine.phases)
        if timeline is not None:
            timeline[:] = engine.timeline
        if spool is not None:
            spool.clear()
            spool.update(engine.spool)
        if applied_roles is not None:
            applied_roles.clear()
            applied_roles.update(engine.roles)
    with contextlib.closing(finish):
        if opts.analyze:  # what the loader did not analyze: materialized views, pg_restore's own loads
            t = time.monotonic()
            progress.set_phase("analyze")
            analyze_missing(lambda: target.connect(target.staging), opts.jobs, engine.session_sql, finish)
            phases["analyze"] = time.monotonic() - t
        t = time.monotonic()
        progress.set_phase("validate")
        if without_statistics is None:
            without_statistics = []
        problems = validate(target, manifest, opts.jobs, engine.copied_rows, without_statistics, finish)
        phases["validate"] = time.monotonic() - t
    if opts.analyze and without_statistics:
        problems.append(statistics_problem(without_statistics))
    return problems


def statistics_problem(missing: list[tuple[str, str]]) -> str:
    names = ", ".join(pgtools.qualified(s, n) for s, n in missing[:MISSING_NAMED])
    return f"{len(missing)} table(s) without planner statistics after ANALYZE: {names}"


def statistics_report(analyzed: bool, missing: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "analyzed": analyzed,
        "tables_without": len(missing),
        "missing": [pgtools.qualified(s, n) for s, n in missing[:MISSING_NAMED]],
    }
