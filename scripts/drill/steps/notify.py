"""Notify the customers through the SMTP sink."""

from __future__ import annotations

from scripts.drill.localenv import EXAMPLE_CUSTOMERS
from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.runbook.runner import RunContext, StepOutcome


class NotifyStep(DrillStep):
    name = "notify"
    title = "notify customers"

    def run(self, ctx: RunContext) -> StepOutcome:
        notify = require_module("scripts.runbook.notify.cli")
        data, code = notify.run_notify(
            "investigating",
            "Kaleo is unavailable because of an Amazon Web Services outage. We are rebuilding the service on "
            "Google Cloud and will update you every hour.",
            False,  # dry_run
            False,  # new_update
            False,  # resend_unknown
            None,  # customers_file: contacts.customers_file
            ctx.as_json,
        )
        sink = self.drill.services["smtp"]
        got = {r.lower() for r in sink.recipients()}
        checks = [check(f"mail to {e}", e.lower() in got, "received by the SMTP sink") for *_, e in EXAMPLE_CUSTOMERS]
        checks.append(
            check(
                "notification run complete",
                code == 0,
                f"sent {data.get('sent')}, failed {data.get('failed') or 'none'}",
            )
        )
        return outcome(
            checks, f"{len(sink.messages)} message(s) delivered to the SMTP sink", {"sent": data.get("sent")}
        )
