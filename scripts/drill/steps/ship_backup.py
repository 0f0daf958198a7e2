"""Before the outage: the nightly backup ships to GCS, then production and AWS go dark."""

from __future__ import annotations

import contextlib

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.output import CheckFailed
from scripts.runbook.failover import RunContext, StepOutcome
from scripts.runbook.incident import utcnow


class ShipBackupStep(DrillStep):
    name = "backup-shipping"
    title = "backup shipping (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        backup = require_module("scripts.db.backup")
        d = self.drill
        prod = d.services.get("production-db")
        if prod is None or d.config is None:
            raise CheckFailed("production is not running: the environment step failed")
        from scripts.db import pgtools

        with contextlib.closing(pgtools.connect(prod.dsn(DB_NAME), prod.password)) as conn:
            d.production_inventory = pgtools.inventory(conn)
        url = str(d.config.backup.to)
        result = backup.create_backup(prod.dsn(DB_NAME), [url], password=prod.password, jobs=2, label=DB_NAME)
        from scripts.db.storage import open_store

        newest = backup.newest_complete(open_store(url))
        checks = [
            check("backup complete in GCS", newest is not None, f"{newest.backup_id if newest else 'none'} at {url}")
        ]
        # The outage: nothing inside AWS answers from here on (production database and AWS APIs).
        d.stop("production-db")
        d.stop("aws(moto)")
        d.outage_at = utcnow()
        checks.append(check("AWS gone dark", "aws(moto)" not in d.services, "production and AWS APIs stopped"))
        keys = {k: result.get(k) for k in ("backup_id", "bytes", "seconds") if k in result}
        return outcome(checks, f"{keys.get('backup_id', newest.backup_id if newest else '?')} shipped to {url}", keys)
