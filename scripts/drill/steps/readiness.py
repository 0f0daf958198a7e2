"""Before the outage: everything the failover needs is proven outside AWS (``kaleo-dr readiness``).

The step plays the continuity jobs that run all year, then runs the same checks as the
readiness cron: the watcher's restore test of the agent's dump, the Storage Transfer copy of
the uploads bucket into GCS, ``secrets sync`` from AWS Secrets Manager (moto) into the Secret
Manager stand-in, an ACTIVE certificate (Certificate Manager stand-in), the calling list
exported, the Pulumi backend on GCS, the Cloudflare TTLs. The local drill has no search
cluster and no app release: those two items are skipped, and the report says so.
"""

from __future__ import annotations

import os

from scripts.drill.localenv import BACKUP_BUCKET, DB_NAME, UPLOADS_BUCKET
from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

COPY_BUCKET = "kaleo-dr-uploads"
SKIPPED_LOCALLY = ("search-snapshot", "release")


class ReadinessStep(DrillStep):
    name = "readiness"
    title = "readiness: everything the failover needs is outside AWS (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        readiness = require_module("scripts.runbook.readiness")
        secrets = require_module("scripts.cloud.secrets")
        restoretest = require_module("scripts.jobs.restoretest")
        import boto3
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        from scripts.config import ReadinessSettings, SecretsSettings
        from scripts.runbook.contacts import customers_csv, load_customers
        from scripts.standins.certmanager import CertificateManagerStandin
        from scripts.standins.secretmanager import SecretManagerStandin

        d = self.drill
        cfg = d.config
        moto, gcp_db = d.services.get("aws(moto)"), d.services.get("gcp-db-vm")
        if cfg is None or moto is None or gcp_db is None:
            raise CheckFailed("the environment step failed: no drill configuration")
        # the weekly restore test of the watcher, on the GCP database VM
        cfg.jobs.restore_test.server_dsn = gcp_db.dsn("postgres")
        cfg.jobs.restore_test.password = "env:KALEO_DRILL_GCP_DB_PASSWORD"
        test = restoretest.run_restore_test(cfg, None, None, None)
        # the Storage Transfer job's copy: every uploads object into its GCS twin
        s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1")
        gcs = storage.Client(project="kaleo-drill", credentials=AnonymousCredentials())
        bucket = gcs.create_bucket(COPY_BUCKET)
        for obj in s3.list_objects_v2(Bucket=UPLOADS_BUCKET).get("Contents", []):
            body = s3.get_object(Bucket=UPLOADS_BUCKET, Key=obj["Key"])["Body"].read()
            bucket.blob(obj["Key"]).upload_from_string(body)
        # the app secret key in AWS Secrets Manager, synced to GCP by the hourly cron
        boto3.client("secretsmanager", endpoint_url=moto.url, region_name="us-east-1").create_secret(
            Name="kaleo/aws/app-secret-key", SecretString=os.urandom(32).hex()
        )
        sm = d.start("secret-manager", SecretManagerStandin())
        certs = d.start(
            "certificate-manager", CertificateManagerStandin(certificates={"kaleo-dr": {"state": "ACTIVE"}})
        )
        cfg.secrets = SecretsSettings(endpoint=sm.url, sync={"kaleo-sync-app-secret-key": "kaleo/aws/app-secret-key"})
        synced = secrets.sync(cfg, create=True, as_json=True)
        # the calling list, exported and kept outside AWS
        calling = d.tmp / "calling-list.csv"
        calling.write_text(customers_csv(load_customers(cfg.contacts.customers_file).rows), encoding="utf-8")
        from scripts.cloud.plan import project_root

        cfg.pulumi.backend_url = "gs://kaleo-drill-pulumi-state"
        cfg.pulumi.project_dir = project_root()
        cfg.readiness = ReadinessSettings(
            skip=list(SKIPPED_LOCALLY),
            buckets={UPLOADS_BUCKET: COPY_BUCKET},
            certificate="kaleo-dr",
            certificate_endpoint=certs.url,
            calling_list=[calling],
            timeout=3,
        )
        report = readiness.readiness(cfg, as_json=True)
        states = {i["name"]: i["state"] for i in report["items"]}
        checks = [
            check("restore test of the agent's dump", test["status"] == "ok", f"{DB_NAME} from gs://{BACKUP_BUCKET}"),
            check("secrets synced", [r.status for r in synced] == ["created"], "kaleo-sync-app-secret-key"),
        ]
        for item in report["items"]:
            ok = item["state"] in ("ok", "n/a", "skipped")
            checks.append(check(f"readiness {item['name']}", ok, f"{item['state']}: {item['detail']}"))
        checks.append(check("readiness exit 0", report["exit_code"] == 0, f"exit {report['exit_code']}"))
        skipped = ", ".join(SKIPPED_LOCALLY)
        detail = f"{sum(s == 'ok' for s in states.values())} item(s) ok; skipped locally (not in the drill): {skipped}"
        return outcome(checks, detail, {"items": states})
