"""Continuity resources: what must exist before any disaster, kept up all year.

Built by the standby stack (``kaleo:gcpMode: standby``, ``Pulumi.gcp-standby.yaml``),
which costs only storage while the compute tier does not exist:

* the dump bucket: uniform access, public access prevention, a retention policy so that no
  dump can be deleted or overwritten before ``gcpDumpRetentionDays`` (GCS refuses Object
  Versioning on a bucket with a retention policy; the retention policy is the stronger
  guarantee, soft delete keeps deleted dumps recoverable a week longer), and a lifecycle
  rule deleting dumps after ``gcpDumpKeepDays``;
* the object buckets (``storage.ObjectBuckets``) and one Storage Transfer job per S3
  bucket copying it to its GCS twin on a schedule; the project's Storage Transfer service
  agent, looked up through the provider (``getTransferProjectServiceAccount``: its e-mail
  and subject id, exported as ``transferAgentSubjectId`` for the AWS role's trust policy),
  may write only those buckets and reads S3 through the read-only AWS IAM role of the AWS
  stack (``gcpTransferAwsRoleArn``, trusting that subject id), so no AWS key is stored;
* the search snapshot bucket, fed the same way from the S3 bucket the AWS OpenSearch domain
  writes its manual snapshots to (``<gcpS3BucketPrefix>-search-snapshots``);
* the release bucket (versioned): the provisioning bundles and app releases every GCP VM
  fetches at boot, pinned by version and sha256 in the failover stack's config;
* the Secret Manager secrets filled from AWS Secrets Manager by ``kaleo-dr secrets sync``
  (``kaleo:gcpSyncedSecrets``: the app secret key, the Redis AUTH token, third-party
  credentials): declared here without a version, the sync adds versions; the failover
  stack reads them instead of generating new ones;
* a service account for the backup job that can add dumps and list the bucket (``backup
  create`` lists it first), never read, overwrite or delete them
  (``storage.objectCreator`` + ``storage.legacyBucketReader``), with an HMAC key whose
  secret is kept in Secret Manager.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.storage import ObjectBuckets, private_bucket

ROLE = "continuity"
DAY = 24 * 3600
#: What the Storage Transfer service agent needs on a sink bucket: list it, write and replace objects.
TRANSFER_SINK_ROLES = ("roles/storage.legacyBucketReader", "roles/storage.objectAdmin")
#: The dump writer: create objects and list the bucket (bucket metadata + object list), no object reads.
BACKUP_WRITER_ROLES = ("roles/storage.objectCreator", "roles/storage.legacyBucketReader")


class Continuity(Tier):
    TYPE = "kaleo:gcp:Continuity"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        self.dump_bucket = private_bucket(
            self,
            f"{name}-dumps",
            cfg.dump_bucket,
            cfg,
            {"bucket": "dumps"},
            retention_policy={
                "retention_period": str(cfg.dump_retention_days * DAY),
                "is_locked": cfg.dump_retention_locked,
            },
            lifecycle_rules=[{"action": {"type": "Delete"}, "condition": {"age": cfg.dump_keep_days}}],
        )
        self.objects = ObjectBuckets(f"{name}-objects", cfg, opts=self.child())
        self.release_bucket = private_bucket(
            self, f"{name}-releases", cfg.release_bucket, cfg, {"bucket": "releases"}, versioning={"enabled": True}
        )
        self.search_snapshots = private_bucket(
            self, f"{name}-search-snapshots", cfg.search_snapshot_bucket, cfg, {"bucket": "search-snapshots"}
        )

        # Backup job: write-only on the dump bucket.
        self.backup_writer = gcp.serviceaccount.Account(
            f"{name}-backup-writer",
            account_id=vm.account_id("backup", cfg.stack),
            display_name="Kaleo database dump writer (write-only)",
            opts=self.child(),
        )
        for role in BACKUP_WRITER_ROLES:
            gcp.storage.BucketIAMMember(
                f"{name}-backup-{role.rsplit('.', 1)[-1].lower()}-dumps",
                bucket=self.dump_bucket.name,
                role=role,
                member=vm.member(self.backup_writer),
                opts=self.child(),
            )
        self.backup_hmac = gcp.storage.HmacKey(
            f"{name}-backup-hmac", service_account_email=self.backup_writer.email, opts=self.child()
        )
        self.backup_hmac_secret = gcp.secretmanager.Secret(
            f"{name}-backup-hmac-secret",
            secret_id=f"kaleo-{cfg.stack}-backup-hmac-secret",
            replication={"auto": {}},
            labels=labels(cfg.stack, ROLE),
            opts=self.child(),
        )
        gcp.secretmanager.SecretVersion(
            f"{name}-backup-hmac-secret-version",
            secret=self.backup_hmac_secret.id,
            secret_data=self.backup_hmac.secret,
            opts=self.child(),
        )

        # Synced secrets: the containers only; `kaleo-dr secrets sync` adds the versions from AWS.
        self.synced_secrets = {
            key: gcp.secretmanager.Secret(
                f"{name}-sync-{key}",
                secret_id=cfg.synced_secret_id(key),
                replication={"auto": {}},
                labels=labels(cfg.stack, ROLE, {"synced": "aws-secrets-manager"}),
                opts=self.child(),
            )
            for key in cfg.synced_secrets
        }

        # S3 -> GCS transfer, run by the project's Storage Transfer service agent: the AWS role
        # (stacks/aws/storage.py) trusts exactly that identity, and it may write only the object buckets.
        self.transfer_agent = gcp.storage.get_transfer_project_service_account_output(
            project=cfg.project, opts=pulumi.InvokeOutputOptions(parent=self, depends_on=self._inherited or None)
        )
        agent = self.transfer_agent.member
        year, month, day = (int(part) for part in cfg.transfer_start_date.split("-"))
        self.transfers: dict[str, gcp.storage.TransferJob] = {}
        sinks = {**self.objects.buckets, "search-snapshots": self.search_snapshots}
        sources = {**cfg.s3_sources, "search-snapshots": cfg.s3_search_snapshot_bucket}
        for short, bucket in sinks.items():
            grants = [
                gcp.storage.BucketIAMMember(
                    f"{name}-transfer-{role.rsplit('.', 1)[-1].lower()}-{short}",
                    bucket=bucket.name,
                    role=role,
                    member=agent,
                    opts=self.child(),
                )
                for role in TRANSFER_SINK_ROLES
            ]
            self.transfers[short] = gcp.storage.TransferJob(
                f"{name}-s3-{short}",
                description=f"Copy S3 {sources[short]} to GCS",
                # disabled during a failover: once AWS is back, S3 must not overwrite what the GCP app wrote
                status="ENABLED" if cfg.transfer_enabled else "DISABLED",
                project=cfg.project,
                transfer_spec={
                    "aws_s3_data_source": {
                        "bucket_name": sources[short],
                        "role_arn": cfg.transfer_aws_role_arn,
                    },
                    "gcs_data_sink": {"bucket_name": bucket.name},
                    "transfer_options": {
                        "overwrite_when": "DIFFERENT",
                        "delete_objects_unique_in_sink": False,
                    },
                },
                schedule={
                    "schedule_start_date": {"year": year, "month": month, "day": day},
                    "repeat_interval": f"{cfg.transfer_interval_hours * 3600}s",
                },
                logging_config={"log_actions": ["COPY", "DELETE"], "log_action_states": ["FAILED"]},
                opts=self.child(depends_on=grants),
            )
        self.done({"dumpBucket": self.dump_bucket.name})
