"""The failover's ``search`` step: the newest OpenSearch snapshot restored on the GCP cluster, counts compared."""

from __future__ import annotations

from scripts.output import CheckFailed
from scripts.runbook.failover.smoke import _check
from scripts.runbook.runner import RunContext, Step, StepOutcome


class SearchStep(Step):
    """Restore the newest OpenSearch snapshot (the GCS copy) on the GCP cluster; compare document counts."""

    name = "search"
    title = "search restore"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.search.ca import with_gcp_ca
        from scripts.search.snapshot import restore_newest

        result = restore_newest(with_gcp_ca(ctx.config))
        checks = [
            _check(f"index {index}", "passed" if result.restored.get(index) == count else "failed",
                   f"{result.restored.get(index)} documents, snapshot recorded {count}")
            for index, count in sorted(result.expected.items())
        ]  # fmt: skip
        if result.differences:
            raise CheckFailed("; ".join(result.differences), hint="kaleo-dr search reindex rebuilds from PostgreSQL")
        return StepOutcome(
            "passed",
            f"snapshot {result.snapshot} (taken {result.taken_at}) restored: {len(result.restored)} indices, "
            f"{sum(result.restored.values())} documents, counts equal",
            {"search": {"snapshot": result.snapshot, "taken_at": result.taken_at, "indices": result.restored}},
            checks,
        )
