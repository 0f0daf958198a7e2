"""Reconcile: the stranded writes found by ``kaleo-dr failback reconcile``, compared with those the drill made.

The drill knows every write that never reached GCP: the ones it committed on production after
the link to GCP failed (step ``stranded-writes``: inserted questions, changed users) and the
commit writer's acknowledged commits the standby never received (counted by the
``standby-promote`` step from the writer's log of acknowledged ids). ``reconcile`` reads the old
production server (back after the outage) and the GCP database, never writing; it must report
exactly these writes as stranded, by key, and nothing unbounded.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.writer import TABLE
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome


def _first(key: str | None) -> Any:
    """A one-column key's value (reconcile lists keys as JSON: a list or an object of the key's columns)."""
    value = json.loads(key) if key else None
    if isinstance(value, dict):
        value = list(value.values())
    return value[0] if isinstance(value, list) and len(value) == 1 else json.dumps(value)


class ReconcileStep(DrillStep):
    name = "reconcile"
    title = "reconcile: the stranded writes, exactly"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.failback.reconcile import reconcile

        d = self.drill
        if d.config is None or d.stranded is None:
            raise CheckFailed("no stranded writes were made: the stranded-writes step failed")
        writer_lost = int((d.standby or {}).get("lost_commits") or 0)
        expected_total = d.stranded["deliberate"] + writer_lost
        result = reconcile(d.config, as_json=ctx.as_json)
        stranded = [r for r in result["rows"] if r["status"] == "stranded"]
        found = {(r["table"], r["kind"], _first(r["key"])) for r in stranded}
        wanted = {
            (table, kind, key)
            for kind, by_table in (("inserted", d.stranded["inserted"]), ("changed", d.stranded["changed"]))
            for table, keys in by_table.items()
            for key in keys
        }
        per_table = Counter(r["table"] for r in stranded)
        writer_table = TABLE
        checks = [
            check("stranded writes found = made", result["stranded_writes"] == expected_total,
                  f"reconcile {result['stranded_writes']}, the drill made {expected_total} "
                  f"({d.stranded['deliberate']} after the link failed + {writer_lost} writer commits "
                  "the standby lost)"),
            check("each deliberate write listed", wanted <= found, f"{len(wanted & found)}/{len(wanted)} by key"),
            check("writer commits the standby lost", per_table.get(writer_table, 0) == writer_lost,
                  f"{per_table.get(writer_table, 0)} stranded in {writer_table}, {writer_lost} measured at promote"),
            check("nothing unbounded", result["unbounded_candidates"] == 0,
                  f"{result['unbounded_candidates']} candidates; commit timestamps: {result['commit_timestamps']}"),
            check("position GCP received, read from the GCP database", bool(result["since_source"]),
                  f"{result['since']} ({result['since_source']})"),
        ]  # fmt: skip
        counts = {
            "stranded_writes_made": expected_total,
            "stranded_writes_found": result["stranded_writes"],
            "deliberate": d.stranded["deliberate"],
            "writer_lost": writer_lost,
            "unbounded": result["unbounded_candidates"],
            "only_on_gcp": result["only_on_gcp"],
            "not_stranded": result["not_stranded"],
            "since": result["since"],
            "since_source": result["since_source"],
        }
        if d.failback is not None:
            d.failback["reconcile"] = counts
        else:
            d.failback = {"reconcile": counts}
        return outcome(
            checks,
            f"{result['stranded_writes']} stranded writes found, {expected_total} made; "
            f"{result['only_on_gcp']} rows only on GCP (written there), {result['not_stranded']} changed on GCP",
            {"reconcile": counts},
        )
