"""``backup create --rds-instance``: the newest RDS snapshot dumped through a temporary instance."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scripts.db.backup import terminate
from scripts.db.backup.formatting import spinner
from scripts.db.backup.from_dsn import SourceMeta, create_backup
from scripts.output import BadInput, info


def rds_tls(ca_bundle: Path | None) -> dict[str, str]:
    """libpq settings that verify the RDS instance: ``verify-full`` against the RDS CA bundle."""
    bundle = ca_bundle or (Path(os.environ["PGSSLROOTCERT"]) if os.environ.get("PGSSLROOTCERT") else None)
    if bundle is None:
        raise BadInput(
            "backup.rds_ca_bundle is not set: the RDS instance's certificate could not be verified",
            hint="download https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem and set "
            "backup.rds_ca_bundle (or --rds-ca-bundle) to it",
        )
    if not bundle.is_file():
        raise BadInput(f"backup.rds_ca_bundle {bundle} is not a readable file")
    return {"sslmode": "verify-full", "sslrootcert": str(bundle.resolve())}


def tunnel_address(connect_host: str) -> str:
    """The IP address libpq connects to (``hostaddr``) while it verifies the RDS name (``host``)."""
    import socket

    try:
        return str(socket.getaddrinfo(connect_host, None, type=socket.SOCK_STREAM)[0][4][0])
    except OSError as exc:
        raise BadInput(f"--connect-host {connect_host}: cannot resolve it: {exc}") from exc


def create_from_rds(
    instance_id: str,
    urls: list[str],
    *,
    snapshot: str = "latest",
    password: str | None = None,
    db_name: str | None = None,
    db_user: str | None = None,
    connect_host: str | None = None,
    connect_port: int | None = None,
    wait_timeout: float = 3600.0,
    poll_seconds: float = 15.0,
    ca_bundle: Path | None = None,
    show_progress: bool = False,
    as_json: bool = False,
    **dump_args: Any,
) -> dict[str, Any]:
    """Dump the newest (or the named) snapshot of an RDS instance through a temporary instance.

    The temporary instance is private, in the source's subnet group and security groups,
    tagged for cleanup; it is deleted (no final snapshot, no automated backups) whatever
    happens, and leftovers of an earlier crashed run are deleted first.
    """
    from scripts.db import pgtools, rds

    tls = rds_tls(ca_bundle)  # before anything is created
    client = rds.client()
    source = rds.require_instance(client, instance_id)
    removed = []
    for left in rds.temporary_instances(client, instance_id):
        leftover_id = left["DBInstanceIdentifier"]
        if left.get("DBInstanceStatus") != "deleting":
            info(f"removing leftover temporary instance {leftover_id} of an earlier run", as_json)
            rds.delete_instance(client, leftover_id)
        removed.append(leftover_id)
    snap = rds.choose_snapshot(client, instance_id, snapshot)
    snap_at = rds.snapshot_time(snap)
    run_id = rds.new_run_id()
    temp_id = rds.temp_instance_id(instance_id, run_id)
    info(
        f"restoring snapshot {snap['DBSnapshotIdentifier']} ({snap_at.isoformat()}) into temporary instance {temp_id}",
        as_json,
    )
    with terminate.sigterm_raises():
        try:
            rds.restore_temporary(client, source, snap, temp_id, run_id)
            with spinner(show_progress) as say:
                inst = rds.wait_available(
                    client, temp_id, wait_timeout, poll_seconds, say if show_progress else lambda m: info(m, as_json)
                )
            host, port = rds.endpoint(inst)
            dsn = pgtools.build_dsn(
                host,  # the name the certificate is checked against, even through a tunnel
                connect_port or port,
                db_name or source.get("DBName") or "postgres",
                db_user or source.get("MasterUsername") or "postgres",
                **tls,
                **({"hostaddr": tunnel_address(connect_host)} if connect_host else {}),
            )
            result = create_backup(
                dsn,
                urls,
                password=password,
                label=dump_args.pop("label", None) or instance_id,
                source=SourceMeta(
                    kind="rds-snapshot",
                    host=host,
                    rds_instance=instance_id,
                    snapshot_id=snap["DBSnapshotIdentifier"],
                    snapshot_time=snap_at,
                ),
                show_progress=show_progress,
                **dump_args,
            )
        finally:
            # Always, even when the restore call itself failed (it may have created the instance
            # before the error reached us); a crash that skips this is cleaned up by the next run.
            if rds.delete_instance(client, temp_id):
                info(f"deleted temporary instance {temp_id}", as_json)
    result.update(
        temporary_instance=temp_id,
        temporary_instance_deleted=True,
        snapshot_id=snap["DBSnapshotIdentifier"],
        leftovers_removed=removed,
    )
    return result
