"""AWS search tier: an OpenSearch domain inside the VPC.

Encryption at rest, node-to-node encryption, HTTPS enforced with a TLS 1.2 minimum
policy, a daily automated snapshot at the configured hour, zone awareness across 2 or 3
zones when there is more than one node, and an access policy that admits only the app
servers' role (network access is limited by the search security group).

Since nothing inside AWS can be read during an AWS outage, the search data also leaves AWS:
a manual snapshot repository (``kaleo-dr search snapshot`` registers it and takes a
snapshot on a schedule) lives in its own S3 bucket (``<bucketPrefix>-search-snapshots``,
hardened like the app buckets), written by the domain through a role only the OpenSearch
service may assume; the GCS transfer role may read it, so the gcp-standby stack copies it
to GCS, where the GCP OpenSearch VMs restore it. Registering the repository passes that
role: the app role (the only identity the domain admits) may pass it and nothing else.

A VPC domain needs the account's ``AWSServiceRoleForAmazonOpenSearchService`` service-linked
role. In an account that never had a VPC domain it does not exist and the domain creation
fails: ``kaleo:searchCreateServiceLinkedRole: true`` declares it (and the domain waits for
it). Leave it false where the role exists already: declaring it there fails.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from stacks.aws.storage import private_bucket, transfer_read_policy
from stacks.common import Tier, labels
from stacks.config import AwsConfig

TLS_POLICY = "Policy-Min-TLS-1-2-2019-07"
#: The name ``kaleo-dr search snapshot`` registers the S3 repository under (both clouds).
SNAPSHOT_REPOSITORY = "kaleo-snapshots"


def snapshot_trust_policy() -> str:
    """Only the OpenSearch service may assume the snapshot role."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
    )


def snapshot_bucket_policy(bucket_arn: str) -> str:
    """What a manual snapshot repository needs on its bucket: list it, read, write, delete snapshot files."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": [bucket_arn]},
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                    "Resource": [f"{bucket_arn}/*"],
                },
            ],
        }
    )


def pass_role_policy(role_arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": [role_arn]}],
        }
    )


def access_policy(app_role_arn: str, region: str, domain: str) -> str:
    """Only the app servers' role may call the domain's HTTP API (in the role's account)."""
    parts = app_role_arn.split(":")
    account = parts[4] if len(parts) > 4 and parts[4] else "*"
    domain_arn = f"arn:aws:es:{region}:{account}:domain/{domain}"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": app_role_arn},
                    "Action": ["es:ESHttp*"],
                    "Resource": f"{domain_arn}/*",
                }
            ],
        }
    )


def domain_name(stack: str) -> str:
    """OpenSearch domain names: 3-28 chars, lowercase letter first, then a-z 0-9 -."""
    cleaned = "".join(c if c.isalnum() else "-" for c in f"kaleo-{stack}".lower())
    return cleaned[:28].rstrip("-")


class Search(Tier):
    TYPE = "kaleo:aws:Search"

    def __init__(
        self,
        name: str,
        cfg: AwsConfig,
        *,
        private_subnet_ids: Sequence[pulumi.Input[str]],
        security_group_id: pulumi.Input[str],
        app_role_arn: pulumi.Input[str],
        app_role_name: pulumi.Input[str],
        transfer_role: aws.iam.Role | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-search")
        tags = labels(cfg.stack, "search")
        zones = cfg.search_zone_count
        dname = domain_name(cfg.stack)
        deps: list[pulumi.Resource] = []
        if cfg.search_create_service_linked_role:
            deps.append(
                aws.iam.ServiceLinkedRole(
                    f"{prefix}-search-service-role",
                    aws_service_name="opensearchservice.amazonaws.com",
                    description="Lets OpenSearch Service manage the network interfaces of VPC domains",
                    opts=self.child(),
                )
            )

        self.domain = aws.opensearch.Domain(
            f"{prefix}-search",
            domain_name=dname,
            engine_version=cfg.search_engine_version,
            cluster_config=aws.opensearch.DomainClusterConfigArgs(
                instance_type=cfg.search_instance_type,
                instance_count=cfg.search_instance_count,
                zone_awareness_enabled=zones > 1,
                zone_awareness_config=(
                    aws.opensearch.DomainClusterConfigZoneAwarenessConfigArgs(availability_zone_count=zones)
                    if zones > 1
                    else None
                ),
            ),
            ebs_options=aws.opensearch.DomainEbsOptionsArgs(
                ebs_enabled=True, volume_type="gp3", volume_size=cfg.search_volume_gb
            ),
            encrypt_at_rest=aws.opensearch.DomainEncryptAtRestArgs(enabled=True),
            node_to_node_encryption=aws.opensearch.DomainNodeToNodeEncryptionArgs(enabled=True),
            domain_endpoint_options=aws.opensearch.DomainDomainEndpointOptionsArgs(
                enforce_https=True, tls_security_policy=TLS_POLICY
            ),
            snapshot_options=aws.opensearch.DomainSnapshotOptionsArgs(
                automated_snapshot_start_hour=cfg.search_snapshot_hour
            ),
            vpc_options=aws.opensearch.DomainVpcOptionsArgs(
                subnet_ids=list(private_subnet_ids)[: max(zones, 1)],
                security_group_ids=[security_group_id],
            ),
            access_policies=pulumi.Output.from_input(app_role_arn).apply(
                lambda arn: access_policy(arn, cfg.region, dname)
            ),
            tags=tags,
            opts=self.child(depends_on=deps),
        )
        # Manual snapshot repository: its bucket, the role the domain writes it with.
        self.snapshot_bucket = private_bucket(
            self, f"{prefix}-search-snapshots", cfg.search_snapshot_bucket, "search-snapshots", cfg
        )
        self.snapshot_role = aws.iam.Role(
            f"{prefix}-search-snapshot-role",
            name=f"kaleo-{cfg.stack}-search-snapshots"[:64],
            description="Lets the OpenSearch domain write its manual snapshots to the snapshot bucket",
            assume_role_policy=snapshot_trust_policy(),
            tags=tags,
            opts=self.child(),
        )
        aws.iam.RolePolicy(
            f"{prefix}-search-snapshot-bucket",
            role=self.snapshot_role.id,
            policy=self.snapshot_bucket.arn.apply(snapshot_bucket_policy),
            opts=self.child(),
        )
        aws.iam.RolePolicy(
            f"{prefix}-search-snapshot-pass",
            role=app_role_name,
            policy=self.snapshot_role.arn.apply(pass_role_policy),
            opts=self.child(),
        )
        if transfer_role is not None:
            # The GCP Storage Transfer job copies the snapshots out of AWS with the read-only role.
            aws.iam.RolePolicy(
                f"{prefix}-gcs-transfer-read-search-snapshots",
                role=transfer_role.id,
                policy=self.snapshot_bucket.arn.apply(lambda arn: transfer_read_policy([arn])),
                opts=self.child(),
            )
        self.done(
            {
                "endpoint": self.domain.endpoint,
                "snapshotBucket": self.snapshot_bucket.bucket,
                "snapshotRoleArn": self.snapshot_role.arn,
            }
        )
