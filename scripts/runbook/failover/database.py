"""The failover's provisioning and database steps (over ``scripts.cloud.provision``, ``scripts.db.restore``
and ``scripts.db.standby``): ``provision`` (or ``provision-check``), then ``restore`` of the newest backup
or ``promote`` of the standby, chosen before the run by :func:`choose_database_path`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.markup import escape as esc

from scripts.config import KaleoConfig
from scripts.output import BadInput, CheckFailed
from scripts.runbook.incident import Incident, IncidentLog, from_iso, outage_started_at
from scripts.runbook.runner import RunContext, Step, StepOutcome, step_module


class ProvisionStep(Step):
    name = "provision"
    title = "provisioning (ansible)"
    check_mode = False

    def run(self, ctx: RunContext) -> StepOutcome:
        vms = step_module("scripts.cloud.provision.inventory", "provisioning")
        secret_vars = step_module("scripts.cloud.provision.secrets", "provisioning")
        ansible = step_module("scripts.cloud.provision.playbook", "provisioning")
        cfg = ctx.config
        settings = cfg.provision
        inventory = settings.inventory or cfg.state.dir / "provision" / "inventory.yml"
        if not inventory.is_file():
            # the VMs pulumi up just built, found by their labels through the Compute API
            if not cfg.gcp.project:
                raise BadInput(
                    f"no inventory at {inventory} and gcp.project is not set to build one",
                    hint="set gcp.project, or write it with: kaleo-dr provision inventory --project P",
                )
            instances = vms.list_instances(
                cfg.gcp.project,
                stack=ctx.stack,
                app_label=settings.app_label,
                endpoint=settings.compute_endpoint,
                credentials_file=cfg.gcp.credentials_file,
            )
            built = vms.build_inventory(instances, project=cfg.gcp.project, stack=ctx.stack, settings=settings)
            for problem in built.problems:
                ctx.say(f"[yellow]{esc(problem['host'])}[/]: {esc(problem['error'])}")
            vms.write_inventory(built, inventory)
            ctx.say(f"inventory of {len(built.hosts)} VM(s) written to {inventory}")
        playbook = settings.playbook
        if not playbook.is_absolute() and not playbook.exists():
            from scripts.cloud.plan import project_root

            playbook = project_root() / playbook
        secrets, missing = secret_vars.resolve_secrets(cfg)
        for m in missing:
            ctx.say(f"[yellow]secret not available:[/] {esc(m['var'])}: {esc(m['error'])}")
        result = ansible.run_playbook(
            inventory=inventory.resolve(),
            playbook=playbook.resolve(),
            artifacts_dir=(settings.artifacts_dir or cfg.state.dir / "provision").resolve(),
            check=self.check_mode,
            extravars={"kaleo_service_manager": settings.service_manager, **settings.extra_vars},
            secret_values=secrets,
        )
        data = result.to_dict()
        if not result.hosts:
            raise CheckFailed(f"provisioning matched no host in {inventory}")
        if not result.ok:
            bad = [h.host for h in result.hosts if h.failed or h.unreachable]
            raise CheckFailed(f"provisioning failed on {', '.join(bad) or 'the run'} (artifacts: {result.artifacts})")
        mode = "checked (check mode, nothing changed)" if self.check_mode else "converged"
        return StepOutcome("passed", f"{len(result.hosts)} host(s) {mode}", {"provision": data})


class ProvisionCheckStep(ProvisionStep):
    name = "provision-check"
    title = "provisioning (check mode)"
    check_mode = True


class RestoreStep(Step):
    name = "restore"
    title = "restore into the GCP database"

    def run(self, ctx: RunContext) -> StepOutcome:
        backup = ctx.data.get("backup")
        if not backup:
            raise CheckFailed("no backup chosen: the 'backup' step must run before 'restore'")
        restore = step_module("scripts.db.restore", "restore")
        cfg = ctx.config.restore
        target = ctx.data.get("target_dsn") or cfg.target_dsn  # a drill stack names its own database
        if not target:
            raise BadInput("restore.target_dsn is not set: the DSN of the GCP database VM (password in PGPASSWORD)")
        opts = restore.Options.from_settings(
            cfg,
            restore.pgtools_secret(cfg.password),
            url=backup["location"],
            target_dsn=target,
            backup_id=backup["backup_id"],
            role_password=restore.role_password_lookup(ctx.config),
            as_json=ctx.as_json,
        )
        result = restore.run_restore(opts).as_dict()
        return StepOutcome(
            "passed",
            f"{result['backup_id']} restored and validated ({result['tables']} tables, "
            f"{result['seconds']:.1f}s), RPO {result['rpo_seconds'] / 3600:.1f} h",
            {"restore": result},
        )


def choose_database_path(config: KaleoConfig, log: IncidentLog, incident: Incident, now: dt.datetime) -> dict[str, Any]:
    """``promote`` when the standby is healthy at the outage start, else ``restore``; with the reason."""
    if not config.standby.standby_dsn:
        return {"path": "restore", "reason": "no standby configured (standby.standby_dsn)"}
    from scripts.db.standby.status import health

    started = outage_started_at(log, incident)
    verdict = health(config, started or now)
    if started is None:
        verdict["note"] = "no Amazon outage start recorded: measured against now"
    if verdict["healthy"]:
        return {"path": "promote", "reason": f"standby healthy: {verdict['reason']}", "health": verdict}
    return {"path": "restore", "reason": f"standby not used: {verdict['reason']}", "health": verdict}


def standby_link_problem(config: KaleoConfig, stack: str) -> str | None:
    """Why the failover stack's app could not reach a promoted standby, or None when it is linked.

    The stack step sets ``kaleo:gcpDbSource: standby``, which needs ``kaleo:gcpStandbyStack`` (the
    peering and firewall rule to the standby network, ``stacks/gcp/standby_path.py``)."""
    from scripts.cloud.plan import load_stack_config
    from scripts.cloud.stackops import project_dir

    project, values, _ = load_stack_config(project_dir(config.pulumi), stack)
    if values.get("kaleo:gcpStandbyStack") or values.get(f"{project}:gcpStandbyStack"):
        return None
    return (
        f"the failover stack {stack} is not linked to the standby (kaleo:gcpStandbyStack is unset in "
        f"Pulumi.{stack}.yaml): its app VMs could not reach a promoted standby"
    )


class PromoteStep(Step):
    name = "promote"
    title = "promote the standby (instead of restore)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db.standby.promote import promote

        choice = ctx.data.get("database_path") or {}
        result = promote(ctx.config, as_json=ctx.as_json)
        started = outage_started_at(ctx.log, ctx.incident)
        if started and result.get("last_receipt"):
            result["rpo_seconds_at_most"] = round(
                max(0.0, (started - from_iso(result["last_receipt"])).total_seconds()), 3
            )
        return StepOutcome(
            "passed",
            f"standby {result['standby']} promoted ({result['tables']} tables, "
            f"{len(result['sequences'])} sequences moved past their data); {choice.get('reason', '')}",
            {"promote": result, "database_path": choice},
        )
