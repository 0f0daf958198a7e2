"""GCP secrets tier: credentials in Secret Manager, never in instance metadata.

Each secret comes from a Pulumi secret in the stack file when one is set (for the
database password, ``kaleo:gcpDbPassword``, so the restored database keeps the password
the app already uses) and otherwise from pulumi-random; its value is stored as a Secret
Manager version. VMs get ``secretAccessor`` on exactly the secrets they need and find
them by the secret id written in their metadata.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from stacks.common import Tier, labels
from stacks.config import GcpConfig

#: Secret key -> (role label, Pulumi secret config key that overrides the random value).
SECRETS: dict[str, tuple[str, str | None]] = {
    "db-password": ("db", "gcpDbPassword"),
    "redis-password": ("cache", None),
    "search-password": ("search", None),
    "app-secret-key": ("app", None),
}
ACCESSOR = "roles/secretmanager.secretAccessor"


class Secrets(Tier):
    TYPE = "kaleo:gcp:Secrets"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        self._name = name
        self._cfg = cfg
        self.secrets: dict[str, gcp.secretmanager.Secret] = {}
        kaleo = pulumi.Config("kaleo")
        for key, (role, config_key) in SECRETS.items():
            given = kaleo.get_secret(config_key) if config_key else None
            value = given if given is not None else self._random(key)
            self.add(key, role, value)
        self.done({"secretIds": self.secret_ids()})

    def _random(self, key: str) -> pulumi.Output[str]:
        length = 64 if key == "app-secret-key" else 32
        password = random.RandomPassword(f"{self._name}-{key}", length=length, special=False, opts=self.child())
        return password.result

    def add(self, key: str, role: str, value: pulumi.Input[str]) -> gcp.secretmanager.Secret:
        """Store ``value`` as secret ``kaleo-<stack>-<key>`` (labels app/role/stack)."""
        secret = gcp.secretmanager.Secret(
            f"{self._name}-{key}",
            secret_id=f"kaleo-{self._cfg.stack}-{key}",
            replication={"auto": {}},
            labels=labels(self._cfg.stack, role),
            opts=self.child(),
        )
        gcp.secretmanager.SecretVersion(
            f"{self._name}-{key}-version",
            secret=secret.id,
            secret_data=pulumi.Output.secret(value),
            opts=self.child(),
        )
        self.secrets[key] = secret
        return secret

    def grant(self, tier: Tier, prefix: str, key: str, member: pulumi.Input[str]) -> gcp.secretmanager.SecretIamMember:
        """Let ``member`` read secret ``key``; the IAM member ``<prefix>-reads-<key>`` is a child of ``tier``."""
        return gcp.secretmanager.SecretIamMember(
            f"{prefix}-reads-{key}",
            secret_id=self.secrets[key].id,
            role=ACCESSOR,
            member=member,
            opts=tier.child(),
        )

    def secret_id(self, key: str) -> str:
        return f"kaleo-{self._cfg.stack}-{key}"

    def secret_ids(self) -> dict[str, str]:
        return {key: self.secret_id(key) for key in self.secrets}
