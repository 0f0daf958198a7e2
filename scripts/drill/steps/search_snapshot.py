"""Search data leaves AWS before the outage: an OpenSearch snapshot to S3, copied to GCS.

The AWS domain and the GCP cluster are OpenSearch stand-ins (public API shapes: no OpenSearch
server can be installed here); their repository buckets are folders. ``kaleo-dr search
snapshot`` runs against the AWS one (indices seeded from production's tables), the standby's
Storage Transfer copy is a folder copy, then the AWS stand-in is stopped: the failover's
``search`` step restores from the GCS copy only.
"""

from __future__ import annotations

import shutil

from scripts.drill.localenv import DB_NAME, SEED_TABLES
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.runbook.runner import RunContext, StepOutcome

S3_BUCKET = "kaleo-prod-search-snapshots"
GCS_BUCKET = "kaleo-dr-search-snapshots"
INDEXED = ("questions", "answers", "users")


class SearchSnapshotStep(DrillStep):
    name = "search-snapshot"
    title = "search snapshot out of AWS"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.search.snapshot import take_snapshot
        from scripts.standins.opensearch import OpenSearchStandin

        d = self.drill
        prod = d.services["production-db"]
        indices = {}
        for table in (t for t in INDEXED if t in SEED_TABLES):
            ids = prod.psql(f"SELECT id FROM public.{table} ORDER BY id", dbname=DB_NAME).split()
            indices[table] = [{"id": int(i)} for i in ids]
        root = d.tmp / "search-buckets"
        aws = d.start("opensearch(aws)", OpenSearchStandin(indices=indices, repository_root=str(root)))
        gcp = d.start("opensearch(gcp)", OpenSearchStandin(repository_root=str(root)))
        s = ctx.config.search
        s.aws_url, s.aws_auth, s.gcp_url = aws.url, "none", gcp.url
        s.s3_bucket, s.s3_role_arn, s.gcs_bucket = (
            S3_BUCKET,
            "arn:aws:iam::000000000000:role/drill-snapshots",
            GCS_BUCKET,
        )
        result = take_snapshot(s)
        # the standby stack's Storage Transfer job: the S3 bucket copied to its GCS twin
        shutil.copytree(root / S3_BUCKET, root / GCS_BUCKET, dirs_exist_ok=True)
        d.stop("opensearch(aws)")  # nothing inside AWS is read after this
        checks = [check(f"index {i}", n == len(indices[i]), f"{n} documents") for i, n in result.indices.items()]
        checks.append(check("copied to GCS", any((root / GCS_BUCKET).rglob("snap-*.json")), f"gs://{GCS_BUCKET}"))
        return outcome(
            checks,
            f"snapshot {result.snapshot}: {sum(result.indices.values())} documents in {len(result.indices)} indices, "
            f"copied to gs://{GCS_BUCKET}",
            {"snapshot": result.snapshot, "indices": result.indices},
        )
