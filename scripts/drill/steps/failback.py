"""Failback: ``kaleo-dr failback`` (the journaled run), then every GCP-era row and object checked on AWS.

The run (:func:`scripts.failback.run.run_in`, journal ``failback`` in the drill's incident log):
gate (triage's AWS checks, against moto and the AWS status stand-in), database (reverse
logical replication into the new RDS server, write freeze of the app's role), objects (GCS ->
S3), search (the app's reindex into the AWS search stand-in), cutover --to aws (the recorded
records back, exactly), notify (the SMTP sink). Then the drill's own checks: every row the app
wrote on GCP is on the new database with the same content, every upload is in S3 byte for
byte, the app's role is frozen out of the GCP database, the DNS records are exactly the AWS ones.
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from scripts.drill.localenv import AWS_ALB, DB_NAME, PUBLIC_RECORDS, UPLOADS_BUCKET
from scripts.drill.steps.aws_back import NEW_SERVICE
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.steps.gcp_era import APP_ROLE, gcp_database
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

REASON = "local rehearsal: AWS is back (moto, the old production server, healthy status feeds)"


class FailbackStep(DrillStep):
    name = "failback"
    title = "failback: kaleo-dr failback, GCP-era rows and objects on AWS"

    def run(self, ctx: RunContext) -> StepOutcome:
        import boto3

        from scripts.db import pgtools
        from scripts.failback.run import run_in

        d = self.drill
        new, gcp = d.services.get(NEW_SERVICE), gcp_database(d)
        if d.config is None or new is None or gcp is None or d.gcp_era is None:
            raise CheckFailed("nothing to fail back: the aws-back or gcp-era-writes step failed")
        inner = RunContext(d.config, ctx.log, ctx.incident, ctx.stack, as_json=ctx.as_json)
        result = run_in(inner, reason=REASON)
        checks: list[dict[str, Any]] = [
            check(f"failback {s['step']}", s["status"] == "passed", s["detail"]) for s in result["steps"]
        ]
        if not result["ok"]:
            return outcome(checks, "kaleo-dr failback failed")  # raises with every failed step
        database = inner.data.get("database") or {}
        # every GCP-era row on the new database, same content
        missing: list[str] = []
        with contextlib.closing(pgtools.connect(new.dsn(DB_NAME), new.password)) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            for table, expected in d.gcp_era["row_hashes"].items():
                have = dict(
                    conn.execute(
                        f"SELECT id, md5(t::text) FROM {table} t WHERE id = ANY(%s)",
                        (list(expected),),
                    ).fetchall()
                )
                missing += [f"{table} {i}" for i, h in expected.items() if have.get(i) != h]
        rows = sum(len(v) for v in d.gcp_era["row_hashes"].values())
        checks.append(check("GCP-era rows on AWS", not missing, f"{rows - len(missing)}/{rows} rows, same content"
                            + (f"; missing or different: {', '.join(missing[:5])}" if missing else "")))  # fmt: skip
        s3 = boto3.client("s3", endpoint_url=d.config.aws.endpoint_url, region_name="us-east-1")
        wrong = [
            key
            for key, sha in d.gcp_era["objects"].items()
            if hashlib.sha256(s3.get_object(Bucket=UPLOADS_BUCKET, Key=key)["Body"].read()).hexdigest() != sha
        ]
        objects = len(d.gcp_era["objects"])
        checks.append(
            check("GCP-era objects in S3", not wrong, f"{objects - len(wrong)}/{objects} objects, SHA-256 equal")
        )
        frozen = gcp.psql(f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{APP_ROLE}'")
        checks.append(check("app frozen out of the GCP database", frozen == "f", f"{APP_ROLE} can log in: {frozen}"))
        cf = self.drill.services["cloudflare"]
        expected = {PUBLIC_RECORDS[0]: ("CNAME", AWS_ALB, True), PUBLIC_RECORDS[1]: ("CNAME", AWS_ALB, False)}
        for name, (type_, content, proxied) in expected.items():
            recs = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
            ok = len(recs) == 1 and (recs[0]["type"], recs[0]["content"], recs[0]["proxied"]) == (
                type_,
                content,
                proxied,
            )
            checks.append(check(f"{name} restored", ok, f"{recs[0]['type']} {recs[0]['content']}" if recs else "gone"))
        d.failback = {
            "method": database.get("method"),
            "freeze_seconds": database.get("freeze_seconds"),
            "rows_on_new_database": database.get("rows"),
            "gcp_era_rows": rows,
            "gcp_era_objects": objects,
            "objects_copied": (inner.data.get("objects") or {}).get("copied"),
            "run": result["run"],
        }
        return outcome(
            checks,
            f"{rows} GCP-era rows and {objects} objects on AWS; {database.get('method')}, writes frozen "
            f"{database.get('freeze_seconds')}s; the recorded AWS records are back, exactly",
            {"failback": d.failback},
        )
