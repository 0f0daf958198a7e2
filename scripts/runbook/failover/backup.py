"""The failover's ``backup`` step: the newest complete backup outside AWS, verified, and its age (RPO)."""

from __future__ import annotations

from typing import Any

from scripts.output import BadInput, CheckFailed, DrError
from scripts.runbook.failover.gate import parse_duration
from scripts.runbook.incident import from_iso
from scripts.runbook.runner import RunContext, Step, StepOutcome, step_module


def newest_good_backup(urls: list[str], verify: bool = True) -> dict[str, Any]:
    """The newest complete backup across ``urls`` whose files all match the manifest (size and sha256).

    Uses ``scripts.db.backup`` (list and verify); a bad newest backup is reported and the next
    older one is tried, like ``kaleo-dr restore --latest`` does.
    """
    backup = step_module("scripts.db.backup", "backup listing")
    from scripts.db.storage import open_store

    candidates: list[tuple[str, str, Any, Any]] = []
    problems: list[str] = []
    for url in urls:
        try:
            store = open_store(url)
            for b in backup.list_backups(store):
                if b.complete:
                    candidates.append((b.backup_id, url, store, b))
                else:
                    problems.append(f"{url}/{b.backup_id}: {b.problem}")
        except DrError as exc:
            problems.append(f"{url}: {exc.message}")
    for backup_id, url, store, b in sorted(candidates, key=lambda c: c[0], reverse=True):
        if verify:
            result = backup.verify_backup(store, backup_id)
            if not result.ok:
                problems.append(f"{url}/{backup_id}: {result.summary()}")
                continue
        manifest = b.manifest
        return {
            "backup_id": backup_id,
            "location": url,
            "data_as_of": b.data_as_of.isoformat(),
            "bytes": b.bytes,
            "files": b.files,
            "verified": verify,
            "tables": {f"{t.schema}.{t.name}": t.rows for t in (manifest.tables if manifest else [])},
            "passed_over": problems,
        }
    raise CheckFailed(
        f"no good backup in {', '.join(urls)}" + (f" ({'; '.join(problems[:5])})" if problems else ""),
        hint="backups are made outside AWS by 'kaleo-dr backup create'; check backup.to",
    )


class BackupStep(Step):
    name = "backup"
    title = "newest good backup"

    def run(self, ctx: RunContext) -> StepOutcome:
        cfg = ctx.config
        locations = [u for u in dict.fromkeys([cfg.backup.to, *cfg.backup.also_to]) if u]
        if (ctx.data.get("database_path") or {}).get("path") == "promote":
            # the standby is the database: the dump is only the fallback, a missing one is not fatal
            try:
                return self._newest(ctx, locations)
            except DrError as exc:
                return StepOutcome("skipped", f"fallback dump not usable ({exc.message}); the standby will be promoted")
        return self._newest(ctx, locations)

    def _newest(self, ctx: RunContext, locations: list[str]) -> StepOutcome:
        cfg = ctx.config
        if not locations:
            raise BadInput("backup.to is not set: failover needs the backup location outside AWS")
        best = newest_good_backup(locations)
        age = ctx.now() - from_iso(best["data_as_of"])
        max_age = parse_duration(cfg.failover.backup_max_age or cfg.backup.max_age)
        best["age_seconds"] = round(age.total_seconds(), 1)
        ctx.data["backup"] = best
        from scripts.db.backup import human_duration

        detail = f"{best['backup_id']} at {best['location']}, verified, data {human_duration(age)} old"
        if age > max_age:
            raise CheckFailed(
                f"newest good backup {detail} is older than {max_age}",
                hint="set failover.backup_max_age to accept it (the data loss is that age)",
            )
        return StepOutcome("passed", detail, {"backup": best})
