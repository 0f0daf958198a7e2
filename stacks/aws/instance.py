"""What every Kaleo EC2 instance shares (the app servers, the continuity agent): its role and launch template.

One place for the rules the guardrails check:

* an instance role trusted by EC2 only, with SSM Session Manager for access (no SSH key);
* a launch template requiring IMDSv2 (session tokens, hop limit 1) with an encrypted,
  deleted-on-termination gp3 root volume and the instance profile of that role.

Each caller adds its own permissions to the role and names its root device, size and user data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from stacks.common import Tier

SSM_CORE_POLICY = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
EC2_TRUST_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)


def instance_role(
    tier: Tier,
    base: str,
    tags: Mapping[str, str],
    *,
    description: str | None = None,
    role_name: str | None = None,
) -> aws.iam.Role:
    """``<base>-role``, assumable by EC2 only, with SSM Session Manager attached (``<base>-ssm``)."""
    role = aws.iam.Role(
        f"{base}-role",
        name=role_name,
        assume_role_policy=EC2_TRUST_POLICY,
        description=description,
        tags=dict(tags),
        opts=tier.child(),
    )
    aws.iam.RolePolicyAttachment(f"{base}-ssm", role=role.name, policy_arn=SSM_CORE_POLICY, opts=tier.child())
    return role


def launch_template(
    tier: Tier,
    base: str,
    role: aws.iam.Role,
    tags: Mapping[str, str],
    *,
    image_id: str,
    instance_type: str,
    security_group_id: pulumi.Input[str],
    root_device: pulumi.Input[str],
    volume_gb: int,
    user_data: pulumi.Input[str] | None = None,
    detailed: bool = False,
) -> aws.ec2.LaunchTemplate:
    """``<base>-lt`` with the instance profile ``<base>-profile`` of ``role`` (hardened as described above).

    ``user_data``: base64, as launch templates take it. ``detailed``: detailed monitoring, EBS
    optimisation and instance tags in the metadata service (the app servers).
    """
    profile = aws.iam.InstanceProfile(f"{base}-profile", role=role.name, tags=dict(tags), opts=tier.child())
    return aws.ec2.LaunchTemplate(
        f"{base}-lt",
        image_id=image_id,
        instance_type=instance_type,
        user_data=user_data,
        iam_instance_profile=aws.ec2.LaunchTemplateIamInstanceProfileArgs(arn=profile.arn),
        vpc_security_group_ids=[security_group_id],
        metadata_options=aws.ec2.LaunchTemplateMetadataOptionsArgs(
            http_endpoint="enabled",
            http_tokens="required",
            http_put_response_hop_limit=1,
            instance_metadata_tags="enabled" if detailed else None,
        ),
        block_device_mappings=[
            aws.ec2.LaunchTemplateBlockDeviceMappingArgs(
                device_name=root_device,
                ebs=aws.ec2.LaunchTemplateBlockDeviceMappingEbsArgs(
                    encrypted="true",
                    volume_size=volume_gb,
                    volume_type="gp3",
                    delete_on_termination="true",
                ),
            )
        ],
        update_default_version=True,
        tag_specifications=[
            aws.ec2.LaunchTemplateTagSpecificationArgs(resource_type="instance", tags=dict(tags)),
            aws.ec2.LaunchTemplateTagSpecificationArgs(resource_type="volume", tags=dict(tags)),
        ],
        monitoring=aws.ec2.LaunchTemplateMonitoringArgs(enabled=True) if detailed else None,
        ebs_optimized="true" if detailed else None,
        tags=dict(tags),
        opts=tier.child(),
    )
