"""Before the outage: the watcher on GCP checks that the dump is fresh and the agent alive; then AWS goes dark."""

from __future__ import annotations

from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.output import CheckFailed
from scripts.runbook.incident import utcnow
from scripts.runbook.runner import RunContext, StepOutcome


class WatcherStep(DrillStep):
    name = "watcher"
    title = "watcher's freshness check (pre-outage), then AWS goes dark"

    def run(self, ctx: RunContext) -> StepOutcome:
        watch = require_module("scripts.jobs.watch")
        records = require_module("scripts.jobs.records")
        backup = require_module("scripts.db.backup")
        d = self.drill
        if d.config is None:
            raise CheckFailed("no drill configuration: the environment step failed")
        url = str(d.config.backup.to)
        limit = backup.parse_duration(d.config.backup.max_age, "backup.max_age")
        result = watch.check_freshness(d.config, url, limit, records.results_url(d.config))
        checks = [
            check("newest dump fresh", bool(result["fresh"]), f"{result['newest_complete']} is {result['age']} old"),
            check("agent alive", bool(result["agent_alive"]), result["agent"]),
            check("nobody paged", result["alarm"] is None, str(result["alarm"])),
        ]
        # The outage: nothing inside AWS answers from here on (production database and AWS APIs).
        d.power_off("production-db")  # SIGKILL: no shutdown, nothing flushed to the standby; the disk stays
        d.stop("aws(moto)")
        d.outage_at = utcnow()
        checks.append(check("AWS gone dark", "aws(moto)" not in d.services, "production and AWS APIs stopped"))
        return outcome(checks, f"fresh ({result['age']} old, budget {result['max_age']}); {result['agent']}")
