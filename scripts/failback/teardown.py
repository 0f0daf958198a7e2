"""``kaleo-dr failback teardown``: destroy the GCP failover stack, never during the cooling-off period.

The GCP stack is not destroyed by the failback: for ``failback.cooling_off`` (default 7 days)
after the DNS went back to AWS it stays, so that a failback that goes wrong can be undone by
cutting over to GCP again. Teardown is refused:

* when the incident log has no cutover back to AWS, or a later cutover to GCP (the service
  may be running on the stack);
* before the cooling-off period has passed since that cutover back (the message says when);
* for any stack but a GCP failover stack (never ``aws``, never ``gcp-standby``);
* without ``--yes``.

Then ``pulumi destroy`` runs through the Automation API and the teardown is recorded in the
incident log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scripts.config import KaleoConfig
from scripts.output import BadInput, CheckFailed, info


def last_cutover(config: KaleoConfig) -> tuple[str, dt.datetime] | None:
    """The direction (gcp or aws) and time of the last DNS cutover in the incident log."""
    from scripts.runbook.incident import IncidentLog

    path = config.state.incident_log_path()
    if not path.exists():
        return None
    with IncidentLog.open(path) as log:
        for event in reversed(log.events(kind="note")):
            cut = event.payload.get("cutover")
            if isinstance(cut, dict) and cut.get("phase") in ("switched", "restored") and cut.get("to"):
                at = event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
                return str(cut["to"]), at
    return None


def check_allowed(config: KaleoConfig, now: dt.datetime) -> dict[str, Any]:
    from scripts.runbook.failover.gate import parse_duration

    try:
        cooling = parse_duration(config.failback.cooling_off)
    except BadInput as exc:
        raise BadInput(f"failback.cooling_off: {exc.message}") from None
    cut = last_cutover(config)
    if cut is None or cut[0] != "aws":
        where = (
            "no DNS cutover back to AWS"
            if cut is None
            else f"the last DNS cutover (at {cut[1].isoformat()}) was to GCP"
        )
        raise CheckFailed(
            f"refusing to tear down the GCP stack: the incident log has {where}; the service may be running on it",
            hint="fail back first (kaleo-dr cutover --to aws), then wait failback.cooling_off",
        )
    allowed_at = cut[1] + cooling
    if now < allowed_at:
        left = allowed_at - now
        raise CheckFailed(
            f"refusing to tear down the GCP stack during the cooling-off period: DNS went back to AWS at "
            f"{cut[1].isoformat()}, teardown is allowed from {allowed_at.isoformat()} "
            f"({left.total_seconds() / 3600:.1f} h from now; failback.cooling_off {config.failback.cooling_off})",
            hint="the stack is the way back to GCP if the failback goes wrong; keep it until then",
        )
    return {
        "cutover_to_aws_at": cut[1].isoformat(),
        "cooling_off": config.failback.cooling_off,
        "allowed_since": allowed_at.isoformat(),
    }


def teardown(
    config: KaleoConfig, stack: str, *, yes: bool = False, as_json: bool = False, now: dt.datetime | None = None
) -> dict[str, Any]:
    from scripts.cloud import stackops
    from scripts.runbook.incident import IncidentLog

    stackops.require_failover_stack(stack, config.pulumi)
    gate = check_allowed(config, now or dt.datetime.now(dt.UTC))
    if not yes:
        raise BadInput(
            f"teardown destroys every resource of the GCP stack '{stack}': confirm with --yes",
            hint=f"cooling-off passed (DNS back on AWS since {gate['cutover_to_aws_at']})",
        )
    info(f"pulumi destroy of stack {stack}", as_json)
    stackops.destroy(stack, config.pulumi, on_output=lambda line: info(line.rstrip(), True))
    with IncidentLog.open(config.state.incident_log_path()) as log:
        current = log.current_incident()
        log.record("note", {"failback": {"teardown": stack, **gate}}, current.id if current else None)
    return {"stack": stack, "destroyed": True, **gate}
