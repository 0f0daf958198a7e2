"""The ``kaleo-dr provision`` command: ``inventory`` and ``run``, their progress and their reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.cloud.provision.inventory import InventoryResult, build_inventory, list_instances, write_inventory
from scripts.cloud.provision.playbook import DEFAULT_PLAYBOOK, ROOT, EventSink, inventory_groups, run_playbook
from scripts.cloud.provision.secrets import resolve_secrets
from scripts.output import BadInput, CheckFailed, console, emit, err_console, info


def _render_inventory(data: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title=f"Kaleo {data['stack']} instances in {data['project']}")
    for col in ("group", "host", "zone", "private IP"):
        table.add_column(col)
    for h in data["hosts"]:
        table.add_row(h["group"], h["name"], h["zone"], h["private_ip"])
    console.print(table)
    for p in data["problems"]:
        err_console.print(f"[bold red]{p['host']}[/]: {p['error']}")
    if data["inventory"]:
        console.print(f"inventory written to {data['inventory']}")


def _render_run(data: dict[str, Any]) -> None:
    from rich.table import Table

    title = "provision run" + (" (check mode: nothing was changed)" if data["check"] else "")
    table = Table(title=title)
    for col in ("host", "ok", "changed", "failed", "unreachable", "skipped"):
        table.add_column(col, justify="left" if col == "host" else "right")
    errors: list[str] = []
    for h in data["hosts"]:
        style = "red" if (h["failed"] or h["unreachable"]) else ("yellow" if h["changed"] else "green")
        table.add_row(
            f"[{style}]{h['host']}[/]",
            str(h["ok"]),
            str(h["changed"]),
            str(h["failed"]),
            str(h["unreachable"]),
            str(h["skipped"]),
        )
        if h["error"]:
            where = f" (task: {h['task']})" if h["task"] else ""
            errors.append(f"[bold red]{h['host']}[/]{where}: {h['error']}")
    console.print(table)
    for line in errors:
        console.print(line)
    console.print(f"artifacts (events, stdout): {data['artifacts']}")


def _progress_sink(as_json: bool) -> EventSink:
    def sink(status: str, host: str, task: str, msg: str) -> None:
        if status == "play":
            info(f"[bold]PLAY[/] {task}", as_json)
        elif status == "changed":
            info(f"  [yellow]changed[/]     {host}  {task}", as_json)
        elif status == "failed":
            info(f"  [bold red]failed[/]      {host}  {task}: {msg}", as_json)
        elif status == "unreachable":
            info(f"  [bold red]unreachable[/] {host}  {msg}", as_json)

    return sink


def register(app: typer.Typer) -> None:
    sub = new_app(
        "Provision the GCP VMs with Ansible: build the inventory from instance labels, then run site.yml.\n\n"
        "Order: `provision inventory --project P` writes the inventory; `provision run --check` shows what "
        "would change; `provision run` converges every host (safe to rerun)."
    )

    @sub.command("inventory")
    def inventory_cmd(
        project: Annotated[
            str | None, typer.Option("--project", "-p", help="GCP project of the stack (default: gcp.project).")
        ] = None,
        stack: Annotated[
            str | None, typer.Option("--stack", help="Value of the stack label (default: pulumi.gcp_stack).")
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", "-o", help="Inventory file to write (default: provision.inventory or inventory.gcp.yml)."
            ),
        ] = None,
        endpoint: Annotated[
            str | None,
            typer.Option("--endpoint", help="Compute API endpoint (default: provision.compute_endpoint or Google's)."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """List the instances labelled app=kaleo by role and write the Ansible inventory (exit 1: some unusable)."""
        cfg = get_config()
        settings = cfg.provision
        project = project or cfg.gcp.project
        if not project:
            raise BadInput("no GCP project: give --project or set gcp.project in kaleo-dr.yaml")
        stack_name = stack or cfg.pulumi.gcp_stack
        path = out or settings.inventory or Path("inventory.gcp.yml")
        instances = list_instances(
            project,
            stack=stack_name,
            app_label=settings.app_label,
            endpoint=endpoint or settings.compute_endpoint,
            credentials_file=cfg.gcp.credentials_file,
        )
        result = build_inventory(instances, project=project, stack=stack_name, settings=settings)
        if not result.hosts:
            detail = "; ".join(f"{p['host']}: {p['error']}" for p in result.problems)
            raise CheckFailed(
                f"no usable instance labelled app={settings.app_label}, stack={stack_name} in {project}"
                + (f" ({detail})" if detail else ""),
                hint="is the GCP stack up (pulumi up --stack gcp)? are the labels right?",
            )
        write_inventory(result, path)
        emit(_inventory_payload(result), as_json, _render_inventory)
        if result.problems:
            raise typer.Exit(1)

    @sub.command("run")
    def run_cmd(
        inventory: Annotated[
            Path | None,
            typer.Option(
                "--inventory", "-i", help="Inventory file (generated or static; default: provision.inventory)."
            ),
        ] = None,
        limit: Annotated[
            str | None, typer.Option("--limit", "-l", help="Only this role's group: app, db, cache or search.")
        ] = None,
        check: Annotated[
            bool, typer.Option("--check", help="Dry run: report what would change, change nothing.")
        ] = False,
        playbook: Annotated[
            Path | None, typer.Option("--playbook", help="Playbook (default: playbooks/site.yml).")
        ] = None,
        artifacts: Annotated[
            Path | None,
            typer.Option("--artifacts", help="Where runner artifacts are kept (default: <state.dir>/provision)."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Run site.yml with ansible-runner: live per-host progress, per-host table, exit 1 on any failure."""
        cfg = get_config()
        settings = cfg.provision
        inv = inventory or settings.inventory
        if inv is None:
            raise BadInput(
                "no inventory: give --inventory or set provision.inventory",
                hint="generate one with `kaleo-dr provision inventory --project P`",
            )
        if not inv.is_file():
            raise BadInput(f"inventory {inv} does not exist (--inventory / provision.inventory)")
        book = playbook or settings.playbook or DEFAULT_PLAYBOOK
        if not book.is_absolute() and not book.exists():
            book = ROOT / book
        if not book.is_file():
            raise BadInput(f"playbook {book} does not exist (--playbook / provision.playbook)")
        if limit:
            groups = inventory_groups(inv)
            if groups and limit not in groups:
                known = ", ".join(sorted(g for g in groups if g not in ("all", "ungrouped")))
                raise BadInput(f"--limit {limit}: no such group in {inv} (groups: {known})")
        art = artifacts or settings.artifacts_dir or (cfg.state.dir / "provision")
        secrets, missing = resolve_secrets(cfg)
        if missing:
            info(
                "[yellow]secrets not given:[/] "
                + ", ".join(m["var"] for m in missing)
                + " (VMs read them from Secret Manager with the ids in their metadata; a host that needs one"
                " and cannot get it fails, naming it)",
                as_json,
            )
        extravars: dict[str, Any] = {"kaleo_service_manager": settings.service_manager, **settings.extra_vars}
        info(
            f"running {book.name} on {inv}{' (check mode)' if check else ''}{f' limited to {limit}' if limit else ''}",
            as_json,
        )
        result = run_playbook(
            inventory=inv.resolve(),
            playbook=book.resolve(),
            artifacts_dir=art.resolve(),
            limit=limit,
            check=check,
            extravars=extravars,
            secret_values=secrets,
            sink=_progress_sink(as_json),
        )
        result.missing_secrets = missing
        if not result.hosts:
            stdout = Path(result.artifacts) / "stdout"
            if result.rc != 0:
                raise CheckFailed(
                    f"ansible-playbook failed before any host ran (exit {result.rc}): {_tail(stdout)}",
                    hint=f"full output in {stdout}",
                )
            raise CheckFailed(f"no host matched in {inv}{f' for --limit {limit}' if limit else ''}")
        emit(result.to_dict(), as_json, _render_run)
        if not result.ok:
            bad = [h.host for h in result.hosts if h.failed or h.unreachable]
            if not as_json:
                err_console.print(f"[bold red]error:[/] provisioning failed on {', '.join(bad) or 'the run'}")
            raise typer.Exit(1)

    app.add_typer(sub, name="provision")


def _tail(path: Path, lines: int = 6) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no output)"
    kept = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    return " | ".join(kept) or "(no output)"


def _inventory_payload(result: InventoryResult) -> dict[str, Any]:
    return {
        "project": result.project,
        "stack": result.stack,
        "inventory": result.path,
        "groups": result.groups,
        "hosts": result.hosts,
        "problems": result.problems,
    }
