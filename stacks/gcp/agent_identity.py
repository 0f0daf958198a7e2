"""The AWS continuity agent's identity on Google Cloud: workload identity federation, no key file.

The agent (``stacks/aws/agent.py``) writes to Google Cloud while AWS is healthy: ``backup
create`` adds dumps to the dump bucket and lists it, every job writes its record under
``_continuity/`` of that bucket, and ``secrets sync`` adds versions to the synced secrets
(``kaleo:gcpSyncedSecrets``). The search snapshots go to S3 and reach GCS through Storage
Transfer, not through the agent. It does so without any Google key:

* a workload identity pool with an AWS provider for the account ``kaleo:gcpAgentAwsAccountId``;
  ``attribute.aws_role`` is the assumed role's ARN without the session name, and the
  provider's attribute condition admits only the agent's role
  (``arn:aws:sts::<account>:assumed-role/<kaleo:gcpAgentAwsRoleName>``, the aws stack's
  ``kaleo:agentRoleName``): no other role of that account can even obtain a token;
* a service account for the agent holding only: ``storage.objectCreator`` and
  ``storage.legacyBucketReader`` on the dump bucket (add and list, never read, replace or
  delete a dump; the same pair as the HMAC dump writer), and ``secretVersionAdder`` +
  ``secretAccessor`` on each synced secret (the sync compares before it adds);
* ``roles/iam.workloadIdentityUser`` on that account for the principal set of the agent's role.

The role ``continuity_agent`` renders the ``external_account`` credential configuration
(``gcp-credentials.json``, no secret in it) from the outputs ``agentWorkloadProvider`` and
``agentAccount``; google-auth on the instance signs a GetCallerIdentity request with the
instance role and exchanges it at Google's STS.
"""

from __future__ import annotations

from collections.abc import Mapping

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier
from stacks.config import GcpConfig
from stacks.gcp import vm

ROLE = "agent"
#: Dump bucket: add dumps and records, list the bucket; never read, replace or delete.
DUMP_ROLES = ("roles/storage.objectCreator", "roles/storage.legacyBucketReader")
#: Each synced secret: add a version, read the current one (the sync adds only what changed).
SECRET_ROLES = ("roles/secretmanager.secretVersionAdder", "roles/secretmanager.secretAccessor")
#: ``attribute.aws_role``: the role ARN of an assumed-role session without its session name.
AWS_ROLE_MAPPING = (
    "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + "
    "'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn"
)


def aws_role_arn(account_id: str, role_name: str) -> str:
    """``attribute.aws_role`` of the agent's sessions (the STS form of its IAM role)."""
    return f"arn:aws:sts::{account_id}:assumed-role/{role_name}"


def principal_set(pool_name: str, role_arn: str) -> str:
    """Every session of ``role_arn`` federated through the pool (``projects/N/locations/global/...``)."""
    return f"principalSet://iam.googleapis.com/{pool_name}/attribute.aws_role/{role_arn}"


class AgentIdentity(Tier):
    TYPE = "kaleo:gcp:AgentIdentity"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        *,
        dump_bucket: pulumi.Input[str],
        synced_secrets: Mapping[str, gcp.secretmanager.Secret],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        role_arn = aws_role_arn(cfg.agent_aws_account_id, cfg.agent_aws_role_name)
        self.pool = gcp.iam.WorkloadIdentityPool(
            f"{name}-pool",
            workload_identity_pool_id=f"kaleo-{cfg.stack}-aws"[:32],
            display_name="Kaleo AWS continuity agent",
            description="The AWS continuity agent writes dumps, job records and synced secrets (no key file)",
            opts=self.child(),
        )
        self.provider = gcp.iam.WorkloadIdentityPoolProvider(
            f"{name}-aws",
            workload_identity_pool_id=self.pool.workload_identity_pool_id,
            workload_identity_pool_provider_id="continuity-agent",
            display_name="AWS continuity agent role",
            aws={"account_id": cfg.agent_aws_account_id},
            attribute_mapping={"google.subject": "assertion.arn", "attribute.aws_role": AWS_ROLE_MAPPING},
            attribute_condition=f"attribute.aws_role == '{role_arn}'",
            opts=self.child(),
        )
        self.account = gcp.serviceaccount.Account(
            f"{name}-sa",
            account_id=vm.account_id(ROLE, cfg.stack),
            display_name="Kaleo AWS continuity agent (workload identity federation)",
            opts=self.child(),
        )
        self.binding = gcp.serviceaccount.IAMMember(
            f"{name}-federated",
            service_account_id=self.account.name,
            role="roles/iam.workloadIdentityUser",
            member=self.pool.name.apply(lambda pool: principal_set(pool, role_arn)),
            opts=self.child(),
        )
        for role in DUMP_ROLES:
            gcp.storage.BucketIAMMember(
                f"{name}-{role.rsplit('.', 1)[-1].lower()}-dumps",
                bucket=dump_bucket,
                role=role,
                member=vm.member(self.account),
                opts=self.child(),
            )
        for key, secret in synced_secrets.items():
            for role in SECRET_ROLES:
                gcp.secretmanager.SecretIamMember(
                    f"{name}-{role.rsplit('.', 1)[-1].lower()}-{key}",
                    secret_id=secret.id,
                    role=role,
                    member=vm.member(self.account),
                    opts=self.child(),
                )
        self.done({"account": self.account.email, "provider": self.provider.name})
