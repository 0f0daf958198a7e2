"""The steps of ``kaleo-dr failback``, each a :class:`~scripts.runbook.runner.Step` of the journaled runner.

``gate``      AWS is healthy by triage's own checks (the AWS status feeds and Kaleo's AWS
              resources all answered ok: unknown is not healthy), and the decision (the
              command's ``--yes --reason``, or the prompt) is recorded in the incident log;
``database``  the GCP database carried to the NEW RDS database (:mod:`scripts.failback.database`):
              replication with a write freeze of seconds, or dump and restore; the row counts
              of both sides compared once GCP is frozen;
``objects``   the uploads written on GCP copied back to S3 (:mod:`scripts.failback.objects`);
``search``    the AWS search domain rebuilt by the app's reindex from the new database, document
              counts compared with the GCP cluster;
``cutover``   the DNS back to the recorded AWS records (:func:`scripts.runbook.cutover.cutover_to_aws`);
``notify``    the customer update for the phase (:mod:`scripts.runbook.notify`, exactly once).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from scripts.output import BadInput, CheckFailed, Inconclusive
from scripts.runbook.incident import to_iso
from scripts.runbook.runner import RunContext, Step, StepOutcome

AWS_CATEGORIES = ("aws-status", "aws-resources")
JOURNAL = "failback"


def current_run(ctx: RunContext) -> tuple[str, dt.datetime]:
    """The id and start of the failback run this step belongs to (the newest in the journal)."""
    from scripts.runbook.runner import journal_runs

    runs = journal_runs(ctx.log, ctx.incident.id, JOURNAL)
    if not runs:
        raise CheckFailed("no failback run in the incident log's journal")
    run = runs[-1]
    started = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=dt.UTC)
    return run.run_id, started


def aws_health(results: list[Any]) -> dict[str, Any]:
    """AWS's state from triage's results: ``healthy`` only when every AWS check answered ok."""
    aws = [r for r in results if r.category in AWS_CATEGORIES]
    bad = [r for r in aws if r.status in ("down", "degraded")]
    unknown = [r for r in aws if r.status == "unknown"]
    resources = [r for r in aws if r.category == "aws-resources"]
    if bad:
        state = "unhealthy"
    elif unknown or not resources:
        state = "unknown"
    else:
        state = "healthy"
    return {
        "state": state,
        "checks": [{"name": r.name, "status": r.status, "detail": r.detail} for r in aws],
        "bad": [f"{r.name}: {r.detail}" for r in bad],
        "unknown": [f"{r.name}: {r.detail}" for r in unknown]
        + ([] if resources else ["no AWS resource check is configured (aws.rds_instance, aws.s3_buckets...)"]),
    }


class FailbackGateStep(Step):
    name = "gate"
    title = "AWS healthy (triage) and the decision"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.triage.cli import run_triage

        decision = ctx.data.get("failback_decision")
        if not decision or not str(decision.get("reason", "")).strip():
            raise BadInput("the failback needs an explicit decision: --yes --reason TEXT (or the prompt)")
        results, verdict, _ = run_triage(ctx.config)
        health = aws_health(results)
        ctx.log.record(
            "note",
            {"failback_gate": {"aws": health["state"], "checks": health["checks"], "triage": verdict.branch}},
            ctx.incident.id,
        )
        checks = [
            {"name": c["name"], "status": "passed" if c["status"] == "ok" else "failed", "detail": c["detail"]}
            for c in health["checks"]
        ]
        if health["state"] == "unhealthy":
            raise CheckFailed(
                "AWS is not healthy: " + "; ".join(health["bad"]),
                hint="the failback waits until every AWS check of kaleo-dr triage answers ok",
            )
        if health["state"] == "unknown":
            raise Inconclusive(
                "AWS health unknown (unknown is not healthy): " + "; ".join(health["unknown"]),
                hint="kaleo-dr triage must reach the AWS status feeds and Kaleo's AWS resources",
            )
        ctx.log.record("decision", {"failback": decision}, ctx.incident.id)
        return StepOutcome(
            "passed",
            f"every AWS check answered ok ({len(health['checks'])}); decision recorded: {decision['reason']}",
            {"gate": {"aws": health["state"], "decision": decision}},
            checks,
        )


class FailbackDatabaseStep(Step):
    name = "database"
    title = "database to the new RDS instance"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.failback import database

        database.refuse_old_target(ctx.config)
        described = ensure_target_instance(ctx) if ctx.config.failback.target_instance else None
        cfg = database.with_target(ctx.config, described[1] if described else None)  # the endpoint's DSN
        database.refuse_old_target(cfg)
        instance = described[0] if described else None
        choice = ctx.data.get("failback_method") or database.choose_method(cfg, ctx.data.get("method_requested"))
        ctx.data["failback_method"] = choice
        ctx.log.record("decision", {"failback_database_method": choice["method"], **choice}, ctx.incident.id)
        ctx.say(f"database method: {choice['method']} ({choice['reason']})")
        run_id, _ = current_run(ctx)

        def on_freeze(frozen: dict[str, Any]) -> None:
            if database.frozen_at(ctx.log, ctx.incident.id, run_id) is None:
                ctx.log.record("note", {"failback_freeze": {"run": run_id, **frozen}}, ctx.incident.id)

        load = database.load_by_replication if choice["method"] == "replication" else database.load_by_dump
        result = load(cfg, on_freeze, ctx.say, ctx.as_json)
        started = database.frozen_at(ctx.log, ctx.incident.id, run_id)
        if started is None:
            raise CheckFailed("no write freeze recorded for this run: the GCP database may still take writes")
        freeze_seconds = round((ctx.now() - started).total_seconds(), 3)
        counts = database.compare_counts(cfg)
        checks = [
            {
                "name": "row counts GCP = new RDS",
                "status": "failed" if counts["differ"] else "passed",
                "detail": f"{counts['tables']} tables, {counts['rows']} rows"
                + (f"; differ: {counts['differ']}" if counts["differ"] else ""),
            }
        ]
        if counts["differ"]:
            raise CheckFailed(f"the new database differs from the frozen GCP database: {counts['differ']}")
        ctx.data["freeze_started_at"] = to_iso(started)
        data = {
            "database": {
                **result,
                "method": choice["method"],
                "reason": choice["reason"],
                "instance": instance,
                "freeze_started_at": to_iso(started),
                "freeze_seconds": freeze_seconds,
                "tables": counts["tables"],
                "rows": counts["rows"],
            },
            "failback_method": choice,
            "freeze_started_at": to_iso(started),
        }
        ctx.data["database"] = data["database"]
        return StepOutcome(
            "passed",
            f"{counts['rows']} rows in {counts['tables']} tables on the new database by {choice['method']}; "
            f"writes frozen on GCP for {freeze_seconds:.1f}s so far",
            data,
            checks,
        )


def ensure_target_instance(ctx: RunContext) -> tuple[dict[str, Any], dict[str, Any]]:
    """The new RDS instance: described, or created like aws.rds_instance (its class, network, parameters);
    a summary for the journal and the description (its endpoint)."""
    from scripts.config import resolve_secret
    from scripts.db import rds

    cfg = ctx.config
    target = cfg.failback.target_instance
    assert target is not None
    client = rds.client(cfg.aws.region, cfg.aws.endpoint_url)
    inst = rds.describe_instance(client, target)
    created = False
    if inst is None:
        if not cfg.aws.rds_instance:
            raise BadInput(f"RDS instance {target} does not exist and aws.rds_instance is not set to model it on")
        if not cfg.failback.target_password:
            raise BadInput("failback.target_password is not set: the master password of the new instance")
        model = rds.require_instance(client, cfg.aws.rds_instance, "aws.rds_instance")
        ctx.say(f"creating RDS instance {target} like {cfg.aws.rds_instance}")
        rds.create_like(client, model, target, resolve_secret(cfg.failback.target_password, "failback.target_password"))
        created = True
    inst = rds.wait_available(client, target, cfg.failback.catch_up_timeout, progress=ctx.say)
    address, port = rds.endpoint(inst)
    return {"id": target, "created": created, "endpoint": f"{address}:{port}"}, inst


class FailbackObjectsStep(Step):
    name = "objects"
    title = "uploads back to S3"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.failback.objects import sync

        result = sync(ctx.config, apply_deletes=bool(ctx.data.get("apply_deletes")), as_json=ctx.as_json)
        detail = (
            f"copied {result['copied']}, already there {result['already']}, conflicts {result['conflicts']}, "
            f"failed {result['failed']}, missing on GCS {result['missing_on_gcs']} (deleted {result['deleted']})"
        )
        summary = {k: result[k] for k in ("copied", "already", "conflicts", "failed", "missing_on_gcs", "deleted")}
        if result["exit_code"]:
            raise CheckFailed(
                f"objects: {detail}", hint="kaleo-dr failback objects lists them; fix, then kaleo-dr failback --resume"
            )
        ctx.data["objects"] = summary
        return StepOutcome("passed", detail, {"objects": summary})


class FailbackSearchStep(Step):
    name = "search"
    title = "search on AWS (reindex)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.search.snapshot import compare_clusters, reindex

        s = ctx.config.search
        if not s.aws_url or not s.gcp_url:
            return StepOutcome("skipped", "search.aws_url / search.gcp_url not set: no search cluster to carry back")
        code = reindex(s, side="aws")
        if code != 0:
            raise CheckFailed(f"the reindex command exited {code}", hint="search.reindex_command")
        differences, counts = compare_clusters(s)
        checks = [
            {"name": f"index {i}", "status": "passed" if c["aws"] == c["gcp"] else "failed", "detail": str(c)}
            for i, c in sorted(counts.items())
        ]
        if differences:
            raise CheckFailed("search: " + "; ".join(differences))
        documents = sum(c["aws"] or 0 for c in counts.values())
        return StepOutcome(
            "passed",
            f"reindexed on AWS: {len(counts)} indices, {documents} documents as on GCP",
            {"search": counts},
            checks,
        )


class FailbackCutoverStep(Step):
    name = "cutover"
    title = "DNS back to AWS"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.failback.teardown import last_cutover
        from scripts.runbook.cutover import cutover_to_aws
        from scripts.runbook.incident import from_iso

        _, run_started = current_run(ctx)
        last = last_cutover(ctx.config)
        if last and last[0] == "aws" and last[1] >= run_started:
            result: dict[str, Any] = {"already": True, "at": last[1].isoformat()}  # a resumed run: done before
        else:
            result = cutover_to_aws(ctx.config, yes=True, as_json=ctx.as_json)
        frozen = ctx.data.get("freeze_started_at")
        downtime = round((ctx.now() - from_iso(str(frozen))).total_seconds(), 3) if frozen else None
        detail = "DNS restored to the recorded AWS records"
        if downtime is not None:
            detail += f"; writes were frozen {downtime:.1f}s before it"
        return StepOutcome("passed", detail, {"cutover": result, "freeze_to_cutover_seconds": downtime})


class FailbackNotifyStep(Step):
    name = "notify"
    title = "customer update"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.notify.cli import run_notify

        f = ctx.config.failback
        t0 = time.monotonic()
        data, code = run_notify(f.notify_phase, f.notify_message, False, False, False, None, ctx.as_json)
        detail = (
            f"update {data['update_no']} ({f.notify_phase}): sent {data.get('sent')}, already {data['already_sent']}"
        )
        if code:
            raise CheckFailed(
                f"{detail}; failed {data.get('failed')}, unknown {len(data.get('unknown') or {})}",
                hint="kaleo-dr failback --resume sends the rest (nobody gets it twice)",
            )
        return StepOutcome("passed", detail, {"notify": {**data, "seconds": round(time.monotonic() - t0, 3)}})
