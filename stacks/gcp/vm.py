"""What every Kaleo VM on Compute Engine shares: its service account, hardening and private NIC.

One place for the rules the guardrails check: Shielded VM, OS Login instead of SSH keys
in metadata, no external address (outbound traffic leaves through Cloud NAT), a
dedicated service account per role with only log and metric writing at project level
(everything else is granted on the one bucket or secret it needs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi_gcp as gcp

from stacks.common import APP, BOOT_SCRIPT, Tier, labels
from stacks.config import GcpConfig

#: Project roles of every VM service account: write logs and metrics, nothing else.
BASE_ROLES = ("roles/logging.logWriter", "roles/monitoring.metricWriter")

SHIELDED: Any = {
    "enable_secure_boot": True,
    "enable_vtpm": True,
    "enable_integrity_monitoring": True,
}


#: The startup script every VM runs at each boot (first boot, reboot, auto-heal, scale-out).
STARTUP_SCRIPT = BOOT_SCRIPT


def boot_metadata(cfg: GcpConfig, role: str) -> dict[str, str]:
    """What a VM of ``role`` needs to configure itself: the startup script and the pinned bundle.

    The script (``playbooks/boot/kaleo-boot.sh``) reads these keys from the metadata server,
    fetches ``bundles/kaleo-bundle-<version>.tar.gz`` from the release bucket with the VM's
    own service account, checks its sha256 and runs the role's play locally.
    """
    return {
        "startup-script": STARTUP_SCRIPT.read_text(encoding="utf-8"),
        "kaleo-role": role,
        "kaleo-release-bucket": cfg.release_bucket,
        "kaleo-bundle-version": cfg.bundle_version,
        "kaleo-bundle-sha256": cfg.bundle_sha256,
    }


def network_tag(role: str) -> str:
    """The network tag firewall rules select the VMs of ``role`` by."""
    return f"{APP}-{role}"


def metadata(extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Instance metadata: OS Login on, project-wide SSH keys and serial port off, plus references.

    Only references (secret ids, bucket names) may go into ``extra``: metadata is readable
    by every process on the VM and by anyone with compute.instances.get.
    """
    out: dict[str, Any] = {"enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE", "serial-port-enable": "FALSE"}
    if extra:
        out.update(extra)
    return out


def account_id(role: str, stack: str) -> str:
    """A service account id (6-30 chars of a-z, 0-9, -) unique per role and stack."""
    return f"{APP}-{role}-{stack}"[:30].rstrip("-")


def member(account: gcp.serviceaccount.Account) -> pulumi.Output[str]:
    return pulumi.Output.concat("serviceAccount:", account.email)


def grant_bucket(
    tier: Tier, name: str, bucket: str, role: str, account: gcp.serviceaccount.Account
) -> gcp.storage.BucketIAMMember:
    """Grant ``role`` on the (standby stack's) bucket ``bucket`` to ``account``."""
    return gcp.storage.BucketIAMMember(name, bucket=bucket, role=role, member=member(account), opts=tier.child())


def reads_releases(tier: Tier, name: str, cfg: GcpConfig, account: gcp.serviceaccount.Account) -> None:
    """Every VM fetches its bundle (and the app its release) from the release bucket at boot."""
    grant_bucket(tier, f"{name}-reads-releases", cfg.release_bucket, "roles/storage.objectViewer", account)


def service_account(tier: Tier, name: str, cfg: GcpConfig, role: str) -> gcp.serviceaccount.Account:
    """A dedicated service account for ``role``: the :data:`BASE_ROLES` at project level, read on the release bucket."""
    account = gcp.serviceaccount.Account(
        f"{name}-sa",
        account_id=account_id(role, cfg.stack),
        display_name=f"Kaleo {role} VMs ({cfg.stack})",
        opts=tier.child(),
    )
    for project_role in BASE_ROLES:
        gcp.projects.IAMMember(
            f"{name}-sa-{project_role.split('.')[-1].lower()}",
            project=cfg.project,
            role=project_role,
            member=member(account),
            opts=tier.child(),
        )
    reads_releases(tier, name, cfg, account)
    return account


def private_vm(
    tier: Tier,
    name: str,
    cfg: GcpConfig,
    *,
    role: str,
    zone: str,
    machine_type: str,
    boot_disk_gb: int,
    subnet: gcp.compute.Subnetwork,
    account: gcp.serviceaccount.Account,
    data_disks: Sequence[tuple[str, gcp.compute.Disk]] = (),
    deletion_protection: bool = False,
    extra_metadata: Mapping[str, pulumi.Input[str]] | None = None,
) -> gcp.compute.Instance:
    """A Debian VM of ``role`` with no external address, hardened as described above."""
    boot_disk: Any = {
        "auto_delete": True,
        "initialize_params": {
            "image": cfg.image,
            "size": boot_disk_gb,
            "type": "pd-balanced",
            "labels": labels(cfg.stack, role),
        },
    }
    return gcp.compute.Instance(
        name,
        zone=zone,
        machine_type=machine_type,
        boot_disk=boot_disk,
        attached_disks=[{"source": disk.id, "device_name": device} for device, disk in data_disks],
        # No access_configs: the VM has only its private address.
        network_interfaces=[{"subnetwork": subnet.id}],
        service_account={"email": account.email, "scopes": ["cloud-platform"]},
        shielded_instance_config=SHIELDED,
        metadata=metadata(boot_metadata(cfg, role) | dict(extra_metadata or {})),
        tags=[network_tag(role)],
        labels=labels(cfg.stack, role),
        deletion_protection=deletion_protection,
        allow_stopping_for_update=True,
        opts=tier.child(),
    )


def zone_for(cfg: GcpConfig, index: int) -> str:
    """Spread VMs of one role over the configured zones, round robin."""
    return cfg.zones[index % len(cfg.zones)]
