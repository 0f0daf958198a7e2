"""Validation: the restored database against its manifest and against production."""

from __future__ import annotations

import contextlib

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome


class ValidationStep(DrillStep):
    name = "validation"
    title = "validation (manifest, production)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools
        from scripts.db.backup import load_manifest
        from scripts.db.inventory import compare_inventories, inventory, inventory_from_manifest
        from scripts.db.restore.statistics import missing_statistics
        from scripts.db.storage import open_store

        backup = ctx.data.get("backup")
        if not backup:
            raise CheckFailed("no backup was chosen")
        manifest = load_manifest(open_store(backup["location"]), backup["backup_id"])
        gcp_db = self.drill.services["gcp-db-vm"]
        with contextlib.closing(pgtools.connect(gcp_db.dsn(DB_NAME), gcp_db.password)) as conn:
            restored = inventory(conn)
            without = missing_statistics(conn)
        vs_manifest = compare_inventories(inventory_from_manifest(manifest), restored)
        checks = [
            check(
                "restored = manifest",
                not vs_manifest,
                "; ".join(vs_manifest[:5]) or "tables, rows, sequences and object counts match",
            )
        ]
        # Before the application's queries: without planner statistics they get default estimates.
        names = ", ".join(f"{s}.{t}" for s, t in without[:5])
        checks.append(
            check(
                "planner statistics on every table",
                not without,
                f"{len(without)} table(s) without: {names}" if without else "every table analyzed",
            )
        )
        if self.drill.production_inventory is not None:
            vs_prod = compare_inventories(self.drill.production_inventory, restored)
            checks.append(
                check(
                    "restored = production at backup time", not vs_prod, "; ".join(vs_prod[:5]) or "identical inventory"
                )
            )
        return outcome(checks, "restored database matches its backup", {"differences": len(vs_manifest)})
