"""AWS object storage: the app's S3 buckets, private, versioned and encrypted.

Each bucket gets a public access block with all four flags, versioning, default
server-side encryption (SSE-KMS with the AWS managed key and S3 bucket keys),
bucket-owner-enforced object ownership (no ACLs) and a policy refusing non-TLS access.
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


class Storage(Tier):
    TYPE = "kaleo:aws:Storage"

    def __init__(self, name: str, cfg: AwsConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-storage")
        self.buckets: dict[str, aws.s3.Bucket] = {}
        for short, bucket_name in cfg.bucket_names.items():
            key = f"{prefix}-{short}"
            bucket = aws.s3.Bucket(
                key,
                bucket=bucket_name,
                force_destroy=False,
                tags=labels(cfg.stack, "storage", {"Name": bucket_name, "bucket": short}),
                opts=self.child(),
            )
            block = aws.s3.BucketPublicAccessBlock(
                f"{key}-public-access-block",
                bucket=bucket.id,
                block_public_acls=True,
                block_public_policy=True,
                ignore_public_acls=True,
                restrict_public_buckets=True,
                opts=self.child(),
            )
            aws.s3.BucketOwnershipControls(
                f"{key}-ownership",
                bucket=bucket.id,
                rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
                opts=self.child(),
            )
            aws.s3.BucketVersioning(
                f"{key}-versioning",
                bucket=bucket.id,
                versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Enabled"),
                opts=self.child(),
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
                opts=self.child(),
            )
            aws.s3.BucketPolicy(
                f"{key}-tls-only",
                bucket=bucket.id,
                policy=bucket.arn.apply(deny_insecure_transport),
                opts=self.child(depends_on=[block]),
            )
            self.buckets[short] = bucket
        self.done({"bucketNames": {short: b.bucket for short, b in self.buckets.items()}})
