"""Placeholder values of the committed stack files pass the offline plan only.

Outside Pulumi's mocks (a real ``pulumi up``), each kind of placeholder is rejected by the
stack config, naming the key: the example AMI id, ARNs of the example account
``000000000000``, the example certificate id, the example numeric subject id and names under
the reserved example domains.
"""

from __future__ import annotations

from typing import Any

import pytest

from stacks.config import AwsConfig, ConfigError, GcpConfig, offline_plan

AWS_REAL: dict[str, Any] = {
    "app_ami_id": "ami-0a1b2c3d4e5f60718",
    "certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
    "gcs_transfer_subject_id": "117234567890123456789",
}
GCP_REAL: dict[str, Any] = {
    "mode": "standby",
    "domains": ["app.kaleo.io"],
    "transfer_aws_role_arn": "arn:aws:iam::111122223333:role/kaleo-gcs-transfer",
    "operators_group": "kaleo-ops@kaleo.io",
    "agent_aws_account_id": "111122223333",
}


def test_not_offline_outside_the_mocks():
    assert offline_plan() is False


def test_real_values_pass():
    AwsConfig(stack="aws", **AWS_REAL).validate()
    GcpConfig(stack="gcp-standby", **GCP_REAL).validate()


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("app_ami_id", "ami-0123456789abcdef0", "kaleo:appAmiId"),
        ("certificate_arn", "arn:aws:acm:us-east-1:000000000000:certificate/0f1e2d3c", "kaleo:certificateArn"),
        ("certificate_arn", "arn:aws:acm:us-east-1:111122223333:certificate/kaleo", "kaleo:certificateArn"),
        ("gcs_transfer_subject_id", "100000000000000000000", "kaleo:gcsTransferSubjectId"),
    ],
    ids=["example-ami", "example-account-arn", "example-certificate-id", "example-subject-id"],
)
def test_aws_placeholder_rejected_naming_the_key(field, value, key):
    with pytest.raises(ConfigError, match=rf"^{key} .*got '{value}'"):
        AwsConfig(stack="aws", **{**AWS_REAL, field: value}).validate()


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("transfer_aws_role_arn", "arn:aws:iam::000000000000:role/kaleo-gcs-transfer", "kaleo:gcpTransferAwsRoleArn"),
        ("domains", ["kaleo.example.com"], r"kaleo:gcpDomains\[0\]"),
        ("operators_group", "kaleo-operators@example.com", "kaleo:gcpOperatorsGroup"),
        ("agent_aws_account_id", "000000000000", "kaleo:gcpAgentAwsAccountId"),
    ],
    ids=["example-account-role", "example-domain", "example-group", "example-agent-account"],
)
def test_gcp_placeholder_rejected_naming_the_key(field, value, key):
    with pytest.raises(ConfigError, match=rf"^{key} "):
        GcpConfig(stack="gcp-standby", **{**GCP_REAL, field: value}).validate()


def test_committed_placeholders_pass_the_offline_plan(committed_plan):
    # the committed files hold every kind above, and still plan offline
    for stack in ("aws", "gcp-standby"):
        assert committed_plan(stack).resources


def test_the_agent_identity_needs_a_real_account_id():
    with pytest.raises(ConfigError, match=r"^kaleo:gcpAgentAwsAccountId must be the 12-digit AWS account"):
        GcpConfig(stack="gcp-standby", **{**GCP_REAL, "agent_aws_account_id": ""}).validate()
    GcpConfig(stack="gcp-standby", **{**GCP_REAL, "agent_aws_account_id": "", "agent_identity": False}).validate()
