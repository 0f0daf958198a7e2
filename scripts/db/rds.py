"""Amazon RDS helpers shared by ``backup create --rds-instance`` and ``db recover-in-aws``.

Every call goes through one boto3 client with short timeouts and a bounded number of
attempts (the AWS API may be the thing that is failing), honouring ``AWS_ENDPOINT_URL``
(moto in tests and rehearsals). Instances created for a dump are tagged
``kaleo-dr:temporary=true``, ``kaleo-dr:run-id`` and ``kaleo-dr:source`` so that a crashed
run's leftovers can be found and removed by the next run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Callable
from typing import Any

from scripts.output import BadInput, CheckFailed

TAG_TEMPORARY = "kaleo-dr:temporary"
TAG_RUN_ID = "kaleo-dr:run-id"
TAG_SOURCE = "kaleo-dr:source"
TAG_RECOVERED_FROM = "kaleo-dr:recovered-from"
TAG_FAILBACK_OF = "kaleo-dr:failback-of"
FAILED_STATES = {
    "failed",
    "incompatible-restore",
    "incompatible-parameters",
    "incompatible-network",
    "inaccessible-encryption-credentials",
    "storage-full",
    "deleting",
}


def client(region: str | None = None, endpoint_url: str | None = None, read_timeout: float = 30.0) -> Any:
    """An RDS client: ``AWS_ENDPOINT_URL`` honoured, short timeouts, 3 attempts."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "rds",
        region_name=region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        endpoint_url=endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None,
        config=Config(connect_timeout=5, read_timeout=read_timeout, retries={"max_attempts": 3, "mode": "standard"}),
    )


def _code(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    return str(response.get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""


def _aws_error(what: str, exc: Exception) -> CheckFailed:
    return CheckFailed(f"{what}: {type(exc).__name__}: {exc}")


def describe_instance(rds: Any, instance_id: str) -> dict[str, Any] | None:
    """The instance description, or None when it does not exist."""
    try:
        found = rds.describe_db_instances(DBInstanceIdentifier=instance_id)["DBInstances"]
    except Exception as exc:
        if _code(exc) in {"DBInstanceNotFound", "DBInstanceNotFoundFault"}:
            return None
        raise _aws_error(f"cannot describe RDS instance {instance_id}", exc) from exc
    return dict(found[0]) if found else None


def require_instance(rds: Any, instance_id: str, flag: str = "--rds-instance") -> dict[str, Any]:
    inst = describe_instance(rds, instance_id)
    if inst is None:
        raise BadInput(f"{flag} {instance_id}: no such RDS instance", hint="aws rds describe-db-instances")
    return inst


def snapshot_time(snapshot: dict[str, Any]) -> dt.datetime:
    value = snapshot.get("SnapshotCreateTime") or snapshot.get("OriginalSnapshotCreateTime")
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)
    raise CheckFailed(f"snapshot {snapshot.get('DBSnapshotIdentifier')} has no creation time")


def list_snapshots(rds: Any, instance_id: str) -> list[dict[str, Any]]:
    """Every snapshot (automated and manual) of an instance."""
    out: list[dict[str, Any]] = []
    try:
        for page in rds.get_paginator("describe_db_snapshots").paginate(DBInstanceIdentifier=instance_id):
            out += page.get("DBSnapshots", [])
    except Exception as exc:
        raise _aws_error(f"cannot list the snapshots of {instance_id}", exc) from exc
    return out


def choose_snapshot(rds: Any, instance_id: str, wanted: str = "latest") -> dict[str, Any]:
    """The newest *available* snapshot of ``instance_id`` (automated or manual), or the named one."""
    if wanted and wanted != "latest":
        try:
            found = rds.describe_db_snapshots(DBSnapshotIdentifier=wanted)["DBSnapshots"]
        except Exception as exc:
            if _code(exc) in {"DBSnapshotNotFound", "DBSnapshotNotFoundFault"}:
                raise BadInput(f"--snapshot {wanted}: no such RDS snapshot") from exc
            raise _aws_error(f"cannot describe snapshot {wanted}", exc) from exc
        snap = dict(found[0])
        if snap.get("Status") != "available":
            raise CheckFailed(f"snapshot {wanted} is {snap.get('Status')}, not available")
        return snap
    snaps = [dict(s) for s in list_snapshots(rds, instance_id) if s.get("Status") == "available"]
    if not snaps:
        raise CheckFailed(
            f"RDS instance {instance_id} has no available snapshot",
            hint="check its automated backups (BackupRetentionPeriod > 0) or take a manual snapshot",
        )
    return max(snaps, key=snapshot_time)


def tags_of(rds: Any, inst: dict[str, Any]) -> dict[str, str]:
    tags = inst.get("TagList")
    if tags is None and inst.get("DBInstanceArn"):
        try:
            tags = rds.list_tags_for_resource(ResourceName=inst["DBInstanceArn"]).get("TagList", [])
        except Exception:
            tags = []
    return {t["Key"]: t.get("Value", "") for t in tags or []}


def all_instances(rds: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        for page in rds.get_paginator("describe_db_instances").paginate():
            out += page.get("DBInstances", [])
    except Exception as exc:
        raise _aws_error("cannot list RDS instances", exc) from exc
    return out


def temporary_instances(rds: Any, source_id: str | None = None) -> list[dict[str, Any]]:
    """Instances tagged ``kaleo-dr:temporary=true`` (of ``source_id`` when given)."""
    found = []
    for inst in all_instances(rds):
        tags = tags_of(rds, inst)
        if tags.get(TAG_TEMPORARY) == "true" and (source_id is None or tags.get(TAG_SOURCE) == source_id):
            found.append(inst)
    return found


def new_run_id() -> str:
    return uuid.uuid4().hex[:10]


def temp_instance_id(source_id: str, run_id: str) -> str:
    # RDS identifiers: letters, digits, hyphens, start with a letter, at most 63 characters.
    base = "".join(c if c.isalnum() else "-" for c in source_id.lower())[:40].strip("-") or "db"
    return f"kaleo-dr-{base}-{run_id}"[:63]


def network_settings(source: dict[str, Any]) -> dict[str, Any]:
    """Subnet group and VPC security groups of an instance, as restore arguments."""
    args: dict[str, Any] = {}
    subnet = (source.get("DBSubnetGroup") or {}).get("DBSubnetGroupName")
    if subnet:
        args["DBSubnetGroupName"] = subnet
    sgs = [g["VpcSecurityGroupId"] for g in source.get("VpcSecurityGroups", []) if g.get("VpcSecurityGroupId")]
    if sgs:
        args["VpcSecurityGroupIds"] = sgs
    return args


def restore_temporary(
    rds: Any, source: dict[str, Any], snapshot: dict[str, Any], instance_id: str, run_id: str
) -> dict[str, Any]:
    """Restore ``snapshot`` into a private, single-AZ, tagged instance in the source's network."""
    args: dict[str, Any] = {
        "DBInstanceIdentifier": instance_id,
        "DBSnapshotIdentifier": snapshot["DBSnapshotIdentifier"],
        "DBInstanceClass": source.get("DBInstanceClass", "db.t3.medium"),
        "PubliclyAccessible": False,
        "MultiAZ": False,
        "DeletionProtection": False,
        "AutoMinorVersionUpgrade": False,
        "Tags": [
            {"Key": TAG_TEMPORARY, "Value": "true"},
            {"Key": TAG_RUN_ID, "Value": run_id},
            {"Key": TAG_SOURCE, "Value": source["DBInstanceIdentifier"]},
        ],
        **network_settings(source),
    }
    params = [g["DBParameterGroupName"] for g in source.get("DBParameterGroups", []) if g.get("DBParameterGroupName")]
    if params and not params[0].startswith("default."):
        args["DBParameterGroupName"] = params[0]
    try:
        return dict(rds.restore_db_instance_from_db_snapshot(**args)["DBInstance"])
    except Exception as exc:
        raise _aws_error(f"cannot restore snapshot {snapshot['DBSnapshotIdentifier']} to {instance_id}", exc) from exc


def create_like(rds: Any, model: dict[str, Any], instance_id: str, master_password: str) -> dict[str, Any]:
    """A new, empty instance like ``model`` (engine and version, class, storage, network, parameters),
    private and Multi-AZ as the model is; the master password is given, never logged."""
    args: dict[str, Any] = {
        "DBInstanceIdentifier": instance_id,
        "Engine": model.get("Engine", "postgres"),
        "DBInstanceClass": model.get("DBInstanceClass", "db.t3.medium"),
        "AllocatedStorage": int(model.get("AllocatedStorage") or 100),
        "MasterUsername": model.get("MasterUsername", "postgres"),
        "MasterUserPassword": master_password,
        "PubliclyAccessible": False,
        "MultiAZ": bool(model.get("MultiAZ", False)),
        "StorageEncrypted": bool(model.get("StorageEncrypted", True)),
        "DeletionProtection": True,
        "Tags": [{"Key": TAG_FAILBACK_OF, "Value": str(model.get("DBInstanceIdentifier", ""))}],
        **network_settings(model),
    }
    if model.get("EngineVersion"):
        args["EngineVersion"] = model["EngineVersion"]
    if model.get("DBName"):
        args["DBName"] = model["DBName"]
    params = [g["DBParameterGroupName"] for g in model.get("DBParameterGroups", []) if g.get("DBParameterGroupName")]
    if params and not params[0].startswith("default."):
        args["DBParameterGroupName"] = params[0]
    try:
        return dict(rds.create_db_instance(**args)["DBInstance"])
    except Exception as exc:
        raise _aws_error(f"cannot create RDS instance {instance_id}", exc) from exc


def wait_available(
    rds: Any,
    instance_id: str,
    timeout: float,
    poll: float = 15.0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Poll until the instance is ``available`` (bounded by ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    while True:
        inst = describe_instance(rds, instance_id)
        if inst is None:
            raise CheckFailed(f"RDS instance {instance_id} disappeared while waiting for it")
        status = str(inst.get("DBInstanceStatus", "unknown"))
        if status == "available" and inst.get("Endpoint", {}).get("Address"):
            return inst
        if status in FAILED_STATES:
            raise CheckFailed(f"RDS instance {instance_id} is {status}")
        if progress is not None:
            progress(f"waiting for {instance_id}: {status} ({int(time.monotonic() - started)}s)")
        if time.monotonic() >= deadline:
            raise CheckFailed(f"RDS instance {instance_id} not available after {int(timeout)}s (still {status})")
        time.sleep(min(poll, max(0.0, deadline - time.monotonic())))


def delete_instance(rds: Any, instance_id: str) -> bool:
    """Delete without final snapshot and with its automated backups; False when already gone."""
    try:
        rds.delete_db_instance(DBInstanceIdentifier=instance_id, SkipFinalSnapshot=True, DeleteAutomatedBackups=True)
    except Exception as exc:
        if _code(exc) in {"DBInstanceNotFound", "DBInstanceNotFoundFault"}:
            return False
        if _code(exc) == "InvalidDBInstanceState" and "already being deleted" in str(exc):
            return True
        raise _aws_error(f"cannot delete temporary RDS instance {instance_id}", exc) from exc
    return True


def endpoint(inst: dict[str, Any]) -> tuple[str, int]:
    ep = inst.get("Endpoint") or {}
    if not ep.get("Address"):
        raise CheckFailed(f"RDS instance {inst.get('DBInstanceIdentifier')} has no endpoint yet")
    return str(ep["Address"]), int(ep.get("Port") or 5432)
