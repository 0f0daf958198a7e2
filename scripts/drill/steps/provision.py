"""Provisioning check: inventory rendered from the planned VMs, playbook syntax and host lists."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.drill.steps.base import DrillStep, check, outcome, require_module
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome


class DrillProvisionStep(DrillStep):
    name = "provision-check"
    title = "provisioning check"

    def run(self, ctx: RunContext) -> StepOutcome:
        provision = require_module("scripts.cloud.provision.inventory")
        d = self.drill
        if not d.plan_instances:
            raise CheckFailed("no planned VMs: the plan step must run first")
        instances = [
            provision.Instance(
                name=i["name"],
                zone=i["zone"] or ctx.config.gcp.zone,
                status="RUNNING",
                private_ip=i["ip"],
                labels={str(k): str(v) for k, v in i["labels"].items()},
                machine_type=i["machine_type"],
            )
            for i in d.plan_instances
        ]
        result = provision.build_inventory(
            instances, project=str(ctx.config.gcp.project), stack=ctx.stack, settings=ctx.config.provision
        )
        inventory = Path(str(ctx.config.provision.inventory))
        provision.write_inventory(result, inventory)
        from scripts.cloud.plan import project_root

        playbook = project_root() / ctx.config.provision.playbook
        groups = {g: hosts for g, hosts in result.groups.items()}
        checks = [check(f"inventory group {g}", bool(h), ", ".join(h) or "no host") for g, h in groups.items()]
        checks += [check(f"inventory {p['host']}", False, p["error"]) for p in result.problems]
        exe = Path(sys.executable).with_name("ansible-playbook")
        env = {
            **os.environ,
            "ANSIBLE_ROLES_PATH": str(playbook.parent / "roles"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "False",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
        }
        for flag, label in (("--syntax-check", "playbook syntax"), ("--list-hosts", "playbook host lists")):
            proc = subprocess.run(
                [str(exe), flag, "-i", str(inventory), str(playbook)],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )
            out = (proc.stdout + proc.stderr).strip()
            checks.append(check(label, proc.returncode == 0, out.splitlines()[-1] if out else f"rc {proc.returncode}"))
        return outcome(
            checks,
            f"inventory of {len(result.hosts)} planned VMs rendered; site.yml syntax-checked and host lists resolved "
            "(check mode needs the VMs: not run in a local drill)",
            {"inventory_hosts": len(result.hosts)},
        )
