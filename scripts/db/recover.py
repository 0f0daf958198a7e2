"""``kaleo-dr db recover-in-aws``: the continuity plan's "Database Outage" step.

"Rotating snapshots of the Kaleo databases are available in Amazon RDS and can be
immediately spun up into a new database server." This command does exactly that: it
restores the newest available snapshot (automated or manual) of the failed instance, or
a named one, into a NEW instance that copies the original's subnet group, VPC security
groups, parameter group, instance class, Multi-AZ, storage type, port and tags; waits until
it is available; and prints the new endpoint with how to repoint the application.

It never touches the original instance and refuses a new instance id that already
exists. When the original instance is gone (deleted), its snapshots still exist: pass the
settings with ``--instance-class``, ``--subnet-group``, ``--security-group`` and
``--parameter-group``.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, new_app
from scripts.output import BadInput, console, emit, err_console, info


def _settings(
    source: dict[str, Any] | None,
    instance_class: str | None,
    subnet_group: str | None,
    security_groups: list[str] | None,
    parameter_group: str | None,
) -> dict[str, Any]:
    from scripts.db import rds

    args: dict[str, Any] = {}
    if source is not None:
        args["DBInstanceClass"] = source.get("DBInstanceClass")
        args.update(rds.network_settings(source))
        params = [
            g["DBParameterGroupName"] for g in source.get("DBParameterGroups", []) if g.get("DBParameterGroupName")
        ]
        if params:
            args["DBParameterGroupName"] = params[0]
        args["MultiAZ"] = bool(source.get("MultiAZ", False))
        if source.get("StorageType"):
            args["StorageType"] = source["StorageType"]
        if source.get("Iops") and source.get("StorageType") in ("io1", "io2"):
            args["Iops"] = int(source["Iops"])
        args["PubliclyAccessible"] = bool(source.get("PubliclyAccessible", False))
        if source.get("Endpoint", {}).get("Port"):
            args["Port"] = int(source["Endpoint"]["Port"])
        options = [o["OptionGroupName"] for o in source.get("OptionGroupMemberships", []) if o.get("OptionGroupName")]
        if options and not options[0].startswith("default:"):
            args["OptionGroupName"] = options[0]
        args["DeletionProtection"] = bool(source.get("DeletionProtection", False))
        args["CopyTagsToSnapshot"] = bool(source.get("CopyTagsToSnapshot", False))
    if instance_class:
        args["DBInstanceClass"] = instance_class
    if subnet_group:
        args["DBSubnetGroupName"] = subnet_group
    if security_groups:
        args["VpcSecurityGroupIds"] = list(security_groups)
    if parameter_group:
        args["DBParameterGroupName"] = parameter_group
    return {k: v for k, v in args.items() if v is not None}


def recover_in_aws(
    instance_id: str,
    new_instance: str,
    *,
    snapshot: str = "latest",
    wait: bool = True,
    wait_timeout: float = 3600.0,
    poll_seconds: float = 15.0,
    instance_class: str | None = None,
    subnet_group: str | None = None,
    security_groups: list[str] | None = None,
    parameter_group: str | None = None,
    db_cname: str | None = None,
    as_json: bool = False,
) -> dict[str, Any]:
    from scripts.db import rds

    if new_instance == instance_id:
        raise BadInput("--new-instance must differ from --rds-instance (the original is never replaced in place)")
    client = rds.client()
    if rds.describe_instance(client, new_instance) is not None:
        raise BadInput(
            f"--new-instance {new_instance} already exists; refusing to touch it",
            hint="choose a new identifier, e.g. " + f"{instance_id}-recovered-{time.strftime('%Y%m%d%H%M')}",
        )
    source = rds.describe_instance(client, instance_id)
    if source is None and not (instance_class and subnet_group and security_groups):
        raise BadInput(
            f"--rds-instance {instance_id} no longer exists, so its settings cannot be copied",
            hint="pass --instance-class, --subnet-group, --security-group (and --parameter-group) explicitly",
        )
    snap = rds.choose_snapshot(client, instance_id, snapshot)
    args = _settings(source, instance_class, subnet_group, security_groups, parameter_group)
    tags = [t for t in (source or {}).get("TagList", []) if not str(t.get("Key", "")).startswith("kaleo-dr:")]
    tags.append({"Key": rds.TAG_RECOVERED_FROM, "Value": f"{instance_id}/{snap['DBSnapshotIdentifier']}"})
    info(
        f"restoring snapshot {snap['DBSnapshotIdentifier']} ({rds.snapshot_time(snap).isoformat()}) "
        f"into new instance {new_instance}",
        as_json,
    )
    try:
        created = client.restore_db_instance_from_db_snapshot(
            DBInstanceIdentifier=new_instance,
            DBSnapshotIdentifier=snap["DBSnapshotIdentifier"],
            Tags=tags,
            **args,
        )["DBInstance"]
    except Exception as exc:
        raise rds._aws_error(f"cannot restore {snap['DBSnapshotIdentifier']} into {new_instance}", exc) from exc
    inst = dict(created)
    if wait:
        show = err_console.is_terminal and not as_json
        inst = rds.wait_available(
            client,
            new_instance,
            wait_timeout,
            poll_seconds,
            (lambda m: err_console.print(m)) if show else (lambda m: info(m, as_json)),
        )
    endpoint = inst.get("Endpoint") or {}
    host, port = endpoint.get("Address"), endpoint.get("Port")
    target = f"{host}:{port}" if host else "(endpoint known once the instance is available)"
    steps = [
        f"point the application's database host (Ansible kaleo_db_host / app_db_host) at {target} "
        "and restart the app services (kaleo-dr provision run applies it)",
    ]
    if db_cname:
        steps.insert(0, f"or, if the app reaches the database through {db_cname}: make {db_cname} a CNAME of {host}")
    steps.append(f"keep {instance_id} untouched for the post-mortem; delete it only after the incident review")
    return {
        "source_instance": instance_id,
        "source_exists": source is not None,
        "snapshot_id": snap["DBSnapshotIdentifier"],
        "snapshot_time": rds.snapshot_time(snap).isoformat(),
        "snapshot_type": snap.get("SnapshotType"),
        "new_instance": new_instance,
        "status": inst.get("DBInstanceStatus"),
        "endpoint": host,
        "port": port,
        "settings": args,
        "repoint": steps,
    }


def register(app: typer.Typer) -> None:
    db_app = new_app("Database outage inside AWS: bring a new RDS instance up from the newest snapshot.")
    app.add_typer(db_app, name="db")

    @db_app.command("recover-in-aws")
    def recover_cmd(
        rds_instance: Annotated[str, typer.Option("--rds-instance", help="The failed RDS instance.")],
        new_instance: Annotated[str, typer.Option("--new-instance", help="Identifier of the instance to create.")],
        snapshot: Annotated[str, typer.Option("--snapshot", help="'latest' or a snapshot identifier.")] = "latest",
        wait: Annotated[
            bool, typer.Option("--wait/--no-wait", help="Wait until the new instance is available.")
        ] = True,
        wait_timeout: Annotated[float, typer.Option("--wait-timeout", help="Seconds to wait at most.")] = 3600.0,
        instance_class: Annotated[
            str | None, typer.Option("--instance-class", help="Override (default: the original's).")
        ] = None,
        subnet_group: Annotated[
            str | None, typer.Option("--subnet-group", help="Override (default: the original's).")
        ] = None,
        security_group: Annotated[
            list[str] | None, typer.Option("--security-group", help="Override, repeatable (default: the original's).")
        ] = None,
        parameter_group: Annotated[
            str | None, typer.Option("--parameter-group", help="Override (default: the original's).")
        ] = None,
        db_cname: Annotated[
            str | None, typer.Option("--db-cname", help="DNS name the app uses for the database, if any.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Restore the newest (or given) snapshot into a new instance with the original's settings.

        Copies subnet group, security groups, parameter group, instance class, Multi-AZ, storage
        type and tags; waits; prints the new endpoint and how to repoint the app. Refuses an
        existing --new-instance. The original instance is never modified.
        """
        result = recover_in_aws(
            rds_instance,
            new_instance,
            snapshot=snapshot,
            wait=wait,
            wait_timeout=wait_timeout,
            instance_class=instance_class,
            subnet_group=subnet_group,
            security_groups=security_group,
            parameter_group=parameter_group,
            db_cname=db_cname,
            as_json=as_json,
        )

        def render(r: dict[str, Any]) -> None:
            console.print(
                f"[green]{r['new_instance']}[/] restored from {r['snapshot_id']} ({r['snapshot_time']}): "
                f"status {r['status']}, endpoint [bold]{r['endpoint']}:{r['port']}[/]"
            )
            console.print("next:")
            for step in r["repoint"]:
                console.print(f"  - {step}")

        emit(result, as_json, render)
