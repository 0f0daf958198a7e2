"""Before the outage: the continuity agent's nightly job ships the backup to GCS, as cron runs it in AWS."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex

import yaml

from scripts.drill.localenv import DB_NAME
from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome


class AgentBackupStep(DrillStep):
    name = "agent-backup"
    title = "agent's nightly backup job (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        runner = require_module("scripts.jobs.runner")
        d = self.drill
        prod = d.services.get("production-db")
        if prod is None or d.config is None:
            raise CheckFailed("production is not running: the environment step failed")
        from scripts.db import pgtools
        from scripts.db.inventory import inventory

        with contextlib.closing(pgtools.connect(prod.dsn(DB_NAME), prod.password)) as conn:
            d.production_inventory = inventory(conn)
        url = str(d.config.backup.to)
        # the job as the agent's cron line runs it: kaleo-dr job run backup -- backup create ...
        # (production is a DSN here; on AWS the role passes --rds-instance)
        config_file = d.tmp / "agent-kaleo-dr.yaml"
        config_file.write_text(
            yaml.safe_dump(d.config.model_dump(mode="json", by_alias=True, exclude_none=True)), encoding="utf-8"
        )
        config_file.chmod(0o600)
        args = ["backup", "create", "--source-dsn", prod.dsn(DB_NAME), "--to", url, "--jobs", "2"]
        env = {**os.environ, **d.env, "KALEO_DR_CONFIG": str(config_file), "PGPASSWORD": prod.password}
        record = runner.run_job(
            d.config, "backup", args, log_to="none", timeout=dt.timedelta(minutes=10), alarm_on="failure", env=env
        )
        checks = [
            check("agent job succeeded", record["status"] == "ok", f"kaleo-dr job run backup -- {shlex.join(args)}"),
            check(
                "job record outside AWS",
                bool(record.get("record_url")),
                str(record.get("record_url") or record.get("record_error")),
            ),
        ]
        backup = require_module("scripts.db.backup")
        from scripts.db.storage import open_store

        newest = backup.newest_complete(open_store(url))
        checks.append(
            check("backup complete in GCS", newest is not None, f"{newest.backup_id if newest else 'none'} at {url}")
        )
        data = {"backup_id": newest.backup_id if newest else None, "seconds": record["duration_seconds"]}
        return outcome(checks, f"{data['backup_id']} shipped to {url} by the agent's job", data)
