"""AWS app tier: the app servers in an auto scaling group behind an application load balancer.

* launch template (``stacks/aws/instance.py``, shared with the continuity agent): IMDSv2
  required (session tokens, hop limit 1), encrypted gp3 root volume on the AMI's own root
  device name (looked up, not assumed ``/dev/xvda``), no SSH key (access through SSM Session
  Manager), instance role limited to the app buckets, the
  app endpoints published under ``kaleo:ssmPrefix`` and the two secrets it reads (the
  RDS-managed master password, rotated every 7 days, and the Redis AUTH token);
* user data: writes ``/etc/kaleo/endpoints.env`` from those SSM parameters at every boot,
  so that a replaced database, cache or search endpoint reaches new servers without a new
  image (secrets stay in Secrets Manager: only their ARNs are parameters);
* auto scaling group in the private subnets, ELB health checks, registered in the
  target group;
* internet-facing ALB in the public subnets: HTTPS listener (ACM certificate from
  config, TLS 1.3/1.2 policy) and an HTTP listener that only redirects to HTTPS.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from stacks.aws.instance import instance_role, launch_template
from stacks.common import Tier, labels
from stacks.config import AwsConfig

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def bucket_access_policy(bucket_arns: Sequence[str]) -> str:
    """Read/write on the app buckets' objects and listing them; nothing else in S3."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "ListAppBuckets",
                    "Effect": "Allow",
                    "Action": ["s3:ListBucket"],
                    "Resource": list(bucket_arns),
                },
                {
                    "Sid": "ObjectsInAppBuckets",
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                    "Resource": [f"{arn}/*" for arn in bucket_arns],
                },
            ],
        }
    )


def ssm_read_policy(region: str, path: str) -> str:
    """Read the app parameters under ``path`` (and nothing else in Parameter Store)."""
    base = f"arn:aws:ssm:{region}:*:parameter{path}"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AppEndpoints",
                    "Effect": "Allow",
                    "Action": ["ssm:GetParametersByPath", "ssm:GetParameters", "ssm:GetParameter"],
                    "Resource": [base, f"{base}/*"],
                }
            ],
        }
    )


def secret_read_policy(secret_arns: Sequence[str]) -> str:
    """``GetSecretValue`` on exactly these secrets."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AppSecrets",
                    "Effect": "Allow",
                    "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                    "Resource": sorted(a for a in secret_arns if a),
                }
            ],
        }
    )


def user_data(region: str, path: str) -> str:
    """Boot script (base64, as launch templates take it): SSM parameters -> /etc/kaleo/endpoints.env."""
    script = f"""#!/bin/bash
# kaleo: the app endpoints published by the aws stack under {path} (kaleo:ssmPrefix)
set -euo pipefail
install -d -m 0750 /etc/kaleo
tmp=$(mktemp /etc/kaleo/endpoints.env.XXXXXX)
aws ssm get-parameters-by-path --region {region} --path {path}/ --recursive \\
  --query 'Parameters[].[Name,Value]' --output text |
while IFS=$'\\t' read -r name value; do
  key=$(basename "$name" | tr 'a-z-' 'A-Z_')
  printf 'KALEO_%s=%s\\n' "$key" "$value"
done > "$tmp"
test -s "$tmp" || {{ echo "kaleo: no parameter under {path}" >&2; exit 1; }}
chmod 0640 "$tmp" && mv "$tmp" /etc/kaleo/endpoints.env
systemctl try-restart kaleo-app.service || true
"""
    return base64.b64encode(script.encode()).decode()


def _version(latest: int | None) -> str:
    """The template version the group runs: the latest, so a new version triggers an instance refresh.

    ``"$Latest"`` only when the version is not known (offline plans).
    """
    return "$Latest" if latest is None else str(latest)


class App(Tier):
    TYPE = "kaleo:aws:App"

    def __init__(
        self,
        name: str,
        cfg: AwsConfig,
        *,
        vpc_id: pulumi.Input[str],
        public_subnet_ids: Sequence[pulumi.Input[str]],
        private_subnet_ids: Sequence[pulumi.Input[str]],
        alb_security_group_id: pulumi.Input[str],
        app_security_group_id: pulumi.Input[str],
        bucket_arns: Sequence[pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-app")
        tags = labels(cfg.stack, "app")

        self.role = instance_role(self, f"{prefix}-app", tags)
        aws.iam.RolePolicy(
            f"{prefix}-app-buckets",
            role=self.role.id,
            policy=pulumi.Output.all(*bucket_arns).apply(bucket_access_policy),
            opts=self.child(),
        )
        aws.iam.RolePolicy(
            f"{prefix}-app-ssm-read",
            role=self.role.id,
            policy=ssm_read_policy(cfg.region, cfg.ssm_path),
            opts=self.child(),
        )
        self._prefix = prefix
        self._cfg = cfg
        ami = aws.ec2.get_ami_output(
            filters=[aws.ec2.GetAmiFilterArgs(name="image-id", values=[cfg.app_ami_id])],
            opts=pulumi.InvokeOutputOptions(parent=self),
        )
        self.root_device_name = ami.root_device_name
        self.launch_template = launch_template(
            self,
            f"{prefix}-app",
            self.role,
            tags,
            image_id=cfg.app_ami_id,
            instance_type=cfg.app_instance_type,
            security_group_id=app_security_group_id,
            root_device=self.root_device_name,
            volume_gb=cfg.app_root_volume_gb,
            user_data=user_data(cfg.region, cfg.ssm_path),
            detailed=True,
        )

        self.target_group = aws.lb.TargetGroup(
            f"{prefix}-app-tg",
            vpc_id=vpc_id,
            port=cfg.app_port,
            protocol="HTTP",
            target_type="instance",
            deregistration_delay=30,
            health_check=aws.lb.TargetGroupHealthCheckArgs(
                enabled=True,
                path=cfg.app_health_check_path,
                port="traffic-port",
                protocol="HTTP",
                matcher="200-399",
                healthy_threshold=2,
                unhealthy_threshold=3,
                interval=15,
            ),
            tags=tags,
            opts=self.child(),
        )

        self.alb = aws.lb.LoadBalancer(
            f"{prefix}-alb",
            load_balancer_type="application",
            internal=False,
            security_groups=[alb_security_group_id],
            subnets=list(public_subnet_ids),
            drop_invalid_header_fields=True,
            enable_deletion_protection=True,
            tags=tags,
            opts=self.child(),
        )
        self.https_listener = aws.lb.Listener(
            f"{prefix}-https",
            load_balancer_arn=self.alb.arn,
            port=443,
            protocol="HTTPS",
            ssl_policy=TLS_POLICY,
            certificate_arn=cfg.certificate_arn,
            default_actions=[aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=self.target_group.arn)],
            tags=tags,
            opts=self.child(),
        )
        self.http_listener = aws.lb.Listener(
            f"{prefix}-http-redirect",
            load_balancer_arn=self.alb.arn,
            port=80,
            protocol="HTTP",
            default_actions=[
                aws.lb.ListenerDefaultActionArgs(
                    type="redirect",
                    redirect=aws.lb.ListenerDefaultActionRedirectArgs(
                        protocol="HTTPS", port="443", status_code="HTTP_301"
                    ),
                )
            ],
            tags=tags,
            opts=self.child(),
        )

        self.asg = aws.autoscaling.Group(
            f"{prefix}-app-asg",
            min_size=cfg.app_min_size,
            max_size=cfg.app_max_size,
            desired_capacity=cfg.app_desired_capacity,
            vpc_zone_identifiers=list(private_subnet_ids),
            launch_template=aws.autoscaling.GroupLaunchTemplateArgs(
                id=self.launch_template.id, version=self.launch_template.latest_version.apply(_version)
            ),
            target_group_arns=[self.target_group.arn],
            health_check_type="ELB",
            health_check_grace_period=300,
            instance_refresh=aws.autoscaling.GroupInstanceRefreshArgs(
                strategy="Rolling",
                preferences=aws.autoscaling.GroupInstanceRefreshPreferencesArgs(min_healthy_percentage=90),
            ),
            tags=[
                aws.autoscaling.GroupTagArgs(key=k, value=v, propagate_at_launch=True)
                for k, v in {**tags, "Name": f"{prefix}-app"}.items()
            ],
            opts=self.child(),
        )

        self.done(
            {
                "ssmPath": cfg.ssm_path,
                "albDnsName": self.alb.dns_name,
                "asgName": self.asg.name,
                "appRoleArn": self.role.arn,
            }
        )

    def publish(
        self, tier: Tier, endpoints: Mapping[str, pulumi.Input[str]], secret_arns: Sequence[pulumi.Input[str]]
    ) -> None:
        """Publish ``endpoints`` as SSM parameters ``<ssmPath>/<key>`` and let the app read ``secret_arns``.

        Called by the stack once the data tiers exist; the parameters are children of ``tier``.
        """
        cfg = self._cfg
        for key, value in endpoints.items():
            aws.ssm.Parameter(
                f"{self._prefix}-param-{key}",
                name=f"{cfg.ssm_path}/{key}",
                type="String",
                value=value,
                description=f"Kaleo app endpoint {key} (read by the app servers' user data)",
                tags=labels(cfg.stack, "app"),
                opts=tier.child(),
            )
        aws.iam.RolePolicy(
            f"{self._prefix}-app-secrets",
            role=self.role.id,
            policy=pulumi.Output.all(*secret_arns).apply(secret_read_policy),
            opts=tier.child(),
        )
