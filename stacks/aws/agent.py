"""AWS continuity agent: the instance that runs the continuity jobs while AWS is healthy.

An auto scaling group of exactly one instance in the private subnets (a dead instance is
replaced by itself), provisioned by the Ansible role ``continuity_agent`` (profile agent:
nightly ``backup create --rds-instance``, ``secrets sync``, ``search snapshot``). It uses the
app security group, so it reaches the temporary RDS instances a backup restores from the
newest snapshot (they take the source's security groups, which admit the app group on 5432),
and HTTPS for the AWS APIs and GCS.

Its instance role holds exactly what the jobs need:

* RDS: describe instances and snapshots (RDS cannot scope Describe*); restore an instance from
  a snapshot of the production instance only, tagged ``kaleo-dr:temporary=true`` at creation;
  delete, and tag, only instances that carry that tag;
* Secrets Manager: read the secrets the sync copies and the RDS master secret (the dump's
  login on the temporary instance); nothing else;
* OpenSearch: the snapshot API of the production domain (``_snapshot/*``) and passing the
  snapshot repository role to it;
* SSM Session Manager for access (no SSH key);
* S3: read its boot bucket's ``bundles/`` and ``vars/`` objects (``agentBundleBucket``), nothing else.

It configures itself: the launch template's user data is ``playbooks/boot/kaleo-boot.sh`` (the
script every GCP VM boots with) behind a header of settings (``KALEO_CLOUD=aws``, the role, the
boot bucket, the bundle pin, the RDS instance). cloud-init runs it at the first boot of every
instance the group starts: it downloads ``bundles/kaleo-bundle-<agentBundleVersion>.tar.gz``
from the boot bucket with the instance role, refuses it unless its sha256 is
``agentBundleSha256``, downloads the role variables ``vars/agent.yml`` (kaleo-dr.yaml with
secret references only) and converges ``site.yml`` as group ``agent`` (role
``continuity_agent``). Its output goes to the console and ``/var/log/cloud-init-output.log``.
AWS is healthy whenever the agent boots, so the bundle may come from S3.

Nothing here stores a GCP credential: the role is named (``kaleo:agentRoleName``) so that the
gcp-standby stack's workload identity provider (``stacks/gcp/agent_identity.py``) admits exactly
its sessions; the role ``continuity_agent`` renders the ``external_account`` credential
configuration that lets google-auth exchange them for a token of the agent's GCP service account.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

import pulumi
import pulumi_aws as aws

from stacks.aws.instance import instance_role, launch_template
from stacks.aws.storage import private_bucket
from stacks.common import BOOT_SCRIPT, Tier, labels
from stacks.config import AwsConfig

ROLE = "continuity"
TEMPORARY_TAG = "kaleo-dr:temporary"


def agent_policy(
    region: str,
    account: str,
    db_instance_id: str,
    secret_arns: Sequence[str],
    search_domain_arn: str,
    snapshot_role_arn: str,
) -> str:
    """The agent's permissions, least privilege (see the module docstring)."""
    rds = f"arn:aws:rds:{region}:{account}"
    temporary = {"StringEquals": {f"aws:ResourceTag/{TEMPORARY_TAG}": "true"}}
    statements = [
        {
            "Sid": "DescribeRds",
            "Effect": "Allow",
            "Action": ["rds:DescribeDBInstances", "rds:DescribeDBSnapshots", "rds:ListTagsForResource"],
            "Resource": "*",
        },
        {
            "Sid": "RestoreFromProductionSnapshots",
            "Effect": "Allow",
            "Action": ["rds:RestoreDBInstanceFromDBSnapshot"],
            # automated snapshots (rds:<instance>-<time>) and manual ones named <instance>-...
            "Resource": [f"{rds}:snapshot:rds:{db_instance_id}-*", f"{rds}:snapshot:{db_instance_id}-*"],
        },
        {
            "Sid": "CreateOnlyTemporaryInstances",
            "Effect": "Allow",
            "Action": ["rds:RestoreDBInstanceFromDBSnapshot", "rds:AddTagsToResource"],
            "Resource": [f"{rds}:db:*"],
            "Condition": {"StringEquals": {f"aws:RequestTag/{TEMPORARY_TAG}": "true"}},
        },
        {
            "Sid": "RestoreIntoTheProductionNetwork",
            "Effect": "Allow",
            "Action": ["rds:RestoreDBInstanceFromDBSnapshot"],
            "Resource": [f"{rds}:subgrp:*", f"{rds}:og:*", f"{rds}:pg:*"],
        },
        {
            "Sid": "DeleteOnlyTemporaryInstances",
            "Effect": "Allow",
            "Action": ["rds:DeleteDBInstance"],
            "Resource": [f"{rds}:db:*"],
            "Condition": temporary,
        },
        {
            "Sid": "ReadTheSyncedSecrets",
            "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            "Resource": sorted({a for a in secret_arns if a}),
        },
        {
            "Sid": "SearchSnapshots",
            "Effect": "Allow",
            "Action": ["es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost"],
            "Resource": [f"{search_domain_arn}/_snapshot", f"{search_domain_arn}/_snapshot/*"],
        },
        {
            "Sid": "PassTheSnapshotRepositoryRole",
            "Effect": "Allow",
            "Action": ["iam:PassRole"],
            "Resource": [snapshot_role_arn],
        },
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def boot_policy(bucket_arn: str) -> str:
    """Read the boot bundle and the role variables in the agent's boot bucket, nothing else in S3."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ReadTheBootBundle",
                    "Effect": "Allow",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"{bucket_arn}/bundles/*", f"{bucket_arn}/vars/agent.yml"],
                }
            ],
        }
    )


def user_data(cfg: AwsConfig, db_instance_id: str) -> str:
    """The agent's user data (base64): the boot settings, then ``playbooks/boot/kaleo-boot.sh`` itself."""
    settings = {
        "KALEO_CLOUD": "aws",
        "KALEO_ROLE": "agent",
        "KALEO_AWS_REGION": cfg.region,
        "KALEO_RELEASE_BUCKET": cfg.agent_boot_bucket,
        "KALEO_BUNDLE_VERSION": cfg.agent_bundle_version,
        "KALEO_BUNDLE_SHA256": cfg.agent_bundle_sha256,
        "KALEO_RDS_INSTANCE": db_instance_id,
    }
    header = [
        "#!/bin/bash",
        "# kaleo continuity agent: boot settings written by the aws stack (stacks/aws/agent.py);",
        "# the rest is playbooks/boot/kaleo-boot.sh, the script every Kaleo VM boots with.",
        *(f"export {k}='{v}'" for k, v in settings.items()),
    ]
    script = BOOT_SCRIPT.read_text(encoding="utf-8").removeprefix("#!/bin/bash\n")
    return base64.b64encode(("\n".join(header) + "\n" + script).encode()).decode()


class ContinuityAgent(Tier):
    TYPE = "kaleo:aws:ContinuityAgent"

    def __init__(
        self,
        name: str,
        cfg: AwsConfig,
        *,
        private_subnet_ids: Sequence[pulumi.Input[str]],
        app_security_group_id: pulumi.Input[str],
        db_instance_id: pulumi.Input[str],
        secret_arns: Sequence[pulumi.Input[str]],
        search_domain_arn: pulumi.Input[str],
        snapshot_role_arn: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        tags = labels(cfg.stack, ROLE)
        self.role = instance_role(
            self,
            name,
            tags,
            description="kaleo-dr continuity agent: backups from RDS snapshots, secrets sync, search snapshots",
            # named: the gcp-standby stack's workload identity provider admits exactly this role
            role_name=cfg.agent_role_name,
        )
        identity = aws.get_caller_identity_output()
        self.policy = aws.iam.RolePolicy(
            f"{name}-jobs",
            role=self.role.id,
            policy=pulumi.Output.all(
                identity.account_id, db_instance_id, search_domain_arn, snapshot_role_arn, *secret_arns
            ).apply(lambda a: agent_policy(cfg.region, a[0], a[1], a[4:], a[2], a[3])),
            opts=self.child(),
        )
        # what the agent boots from while AWS is healthy: no app data, so no GCS twin
        self.boot_bucket = private_bucket(self, f"{name}-boot", cfg.agent_boot_bucket, "continuity-boot", cfg, ROLE)
        aws.iam.RolePolicy(
            f"{name}-boot",
            role=self.role.id,
            policy=self.boot_bucket.arn.apply(boot_policy),
            opts=self.child(),
        )
        self.launch_template = launch_template(
            self,
            name,
            self.role,
            tags,
            image_id=cfg.agent_ami_id or cfg.app_ami_id,
            instance_type=cfg.agent_instance_type,
            security_group_id=app_security_group_id,
            root_device="/dev/xvda",
            # the dump is written here before it is shipped: room for one dump
            volume_gb=cfg.agent_volume_gb,
            user_data=pulumi.Output.from_input(db_instance_id).apply(lambda db: user_data(cfg, db)),
        )
        self.asg = aws.autoscaling.Group(
            f"{name}-asg",
            min_size=1,
            max_size=1,
            desired_capacity=1,
            vpc_zone_identifiers=list(private_subnet_ids),
            launch_template=aws.autoscaling.GroupLaunchTemplateArgs(id=self.launch_template.id, version="$Latest"),
            health_check_type="EC2",
            tags=[
                aws.autoscaling.GroupTagArgs(key=k, value=v, propagate_at_launch=True)
                for k, v in {**tags, "Name": f"{name}"}.items()
            ],
            opts=self.child(),
        )
        self.done({"asgName": self.asg.name, "roleArn": self.role.arn, "bootBucket": self.boot_bucket.bucket})
