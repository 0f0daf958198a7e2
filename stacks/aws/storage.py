"""AWS object storage: the app's S3 buckets, private, versioned and encrypted.

Each bucket gets a public access block with all four flags, versioning, default
server-side encryption (SSE-KMS with the AWS managed key and S3 bucket keys),
bucket-owner-enforced object ownership (no ACLs), a policy refusing non-TLS access and
a lifecycle rule expiring old object versions after ``bucketNoncurrentDays``.

Because nothing inside AWS can be read during an AWS outage, the objects are copied to
Google Cloud Storage all year by a Storage Transfer job of the gcp-standby stack. It reads
S3 through the role declared here: trusted only by the Storage Transfer service agent
(web identity federation, ``accounts.google.com:sub``), allowed only to list and read the
app buckets. No AWS access key is ever stored in Google Cloud.
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from stacks.common import Tier, labels
from stacks.config import AwsConfig


def deny_insecure_transport(bucket_arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [bucket_arn, f"{bucket_arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
    )


def transfer_trust_policy(subject_id: str) -> str:
    """Only the Google identity with this subject id may assume the role (no AWS principal)."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": "accounts.google.com"},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {"StringEquals": {"accounts.google.com:sub": subject_id}},
                }
            ],
        }
    )


def transfer_read_policy(bucket_arns: list[str]) -> str:
    """What Storage Transfer needs to copy a bucket: list it, locate it, read its objects."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": bucket_arns},
                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [f"{arn}/*" for arn in bucket_arns]},
            ],
        }
    )


def private_bucket(
    tier: Tier, key: str, bucket_name: str, short: str, cfg: AwsConfig, role: str = "storage"
) -> aws.s3.Bucket:
    """An S3 bucket hardened as described above (public access block, versioning, SSE-KMS, TLS only).

    ``role`` tags it: ``storage`` buckets hold app data and have a GCS twin (``kaleo-dr parity``).
    """
    bucket = aws.s3.Bucket(
        key,
        bucket=bucket_name,
        force_destroy=False,
        tags=labels(cfg.stack, role, {"Name": bucket_name, "bucket": short}),
        opts=tier.child(),
    )
    block = aws.s3.BucketPublicAccessBlock(
        f"{key}-public-access-block",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
        opts=tier.child(),
    )
    aws.s3.BucketOwnershipControls(
        f"{key}-ownership",
        bucket=bucket.id,
        rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
        opts=tier.child(),
    )
    aws.s3.BucketVersioning(
        f"{key}-versioning",
        bucket=bucket.id,
        versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
        opts=tier.child(),
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{key}-encryption",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"},
                "bucket_key_enabled": True,
            }
        ],
        opts=tier.child(),
    )
    aws.s3.BucketPolicy(
        f"{key}-tls-only",
        bucket=bucket.id,
        policy=bucket.arn.apply(deny_insecure_transport),
        opts=tier.child(depends_on=[block]),
    )
    if cfg.bucket_noncurrent_days > 0:
        aws.s3.BucketLifecycleConfiguration(
            f"{key}-lifecycle",
            bucket=bucket.id,
            rules=[
                {
                    "id": "expire-old-versions",
                    "status": "Enabled",
                    "filter": {},
                    "noncurrent_version_expiration": {"noncurrent_days": cfg.bucket_noncurrent_days},
                    "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
                }
            ],
            opts=tier.child(),
        )
    return bucket


class Storage(Tier):
    TYPE = "kaleo:aws:Storage"

    def __init__(self, name: str, cfg: AwsConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-storage")
        self.buckets: dict[str, aws.s3.Bucket] = {}
        for short, bucket_name in cfg.bucket_names.items():
            self.buckets[short] = private_bucket(self, f"{prefix}-{short}", bucket_name, short, cfg)

        self.transfer_role: aws.iam.Role | None = None
        if cfg.gcs_transfer_subject_id:
            self.transfer_role = aws.iam.Role(
                f"{prefix}-gcs-transfer",
                name=cfg.gcs_transfer_role_name,
                description="Read-only access to the app buckets for the GCP Storage Transfer job (continuity copy)",
                assume_role_policy=transfer_trust_policy(cfg.gcs_transfer_subject_id),
                max_session_duration=3600,
                tags=labels(cfg.stack, "continuity"),
                opts=self.child(),
            )
            aws.iam.RolePolicy(
                f"{prefix}-gcs-transfer-read",
                role=self.transfer_role.id,
                policy=pulumi.Output.all(*[b.arn for b in self.buckets.values()]).apply(transfer_read_policy),
                opts=self.child(),
            )
        self.done({"bucketNames": {short: b.bucket for short, b in self.buckets.items()}})
