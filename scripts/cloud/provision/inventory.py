"""``provision inventory``'s work: the GCP stack's instances by their labels, as an Ansible inventory.

One group per role (``app``, ``db``, ``cache``, ``search``), private IPs, SSH through IAP as the
OS Login user; the instance metadata the GCP stack wrote becomes host variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.config import ProvisionSettings
from scripts.output import BadInput, CheckFailed

ROLE_GROUPS = ("app", "db", "cache", "search")
# Instance metadata keys written by the GCP stack -> inventory host variables.
METADATA_VARS = {"kaleo-data-device": "kaleo_data_device", "kaleo-search-cluster": "kaleo_search_cluster"}


@dataclass
class Instance:
    name: str
    zone: str
    status: str
    private_ip: str | None
    labels: dict[str, str]
    machine_type: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def role(self) -> str | None:
        return self.labels.get("role")


@dataclass
class InventoryResult:
    project: str
    stack: str
    path: str | None
    groups: dict[str, list[str]]
    hosts: list[dict[str, Any]]
    problems: list[dict[str, str]] = field(default_factory=list)
    inventory: dict[str, Any] = field(default_factory=dict)


def _last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def label_filter(app: str, stack: str | None) -> str:
    """The Compute API filter expression selecting the Kaleo instances of one stack."""
    parts = [f'(labels.app = "{app}")']
    if stack:
        parts.append(f'(labels.stack = "{stack}")')
    return " AND ".join(parts)


def list_instances(
    project: str,
    *,
    stack: str | None,
    app_label: str = "kaleo",
    endpoint: str | None = None,
    credentials_file: Path | None = None,
) -> list[Instance]:
    """Every instance of the project labelled ``app=<app_label>`` (and ``stack=<stack>``), all zones."""
    from google.api_core import exceptions as gexc
    from google.auth import exceptions as auth_exc
    from google.cloud import compute_v1

    from scripts.cloud.compute import client_args

    try:
        client = compute_v1.InstancesClient(transport="rest", **client_args(endpoint, credentials_file))
        request = compute_v1.AggregatedListInstancesRequest(
            project=project, filter=label_filter(app_label, stack), return_partial_success=True
        )
        out: list[Instance] = []
        for _scope, scoped in client.aggregated_list(request=request):
            for inst in scoped.instances:
                ip = None
                for nic in inst.network_interfaces:
                    if nic.network_i_p:
                        ip = nic.network_i_p
                        break
                out.append(
                    Instance(
                        name=inst.name,
                        zone=_last_segment(inst.zone),
                        status=inst.status,
                        private_ip=ip,
                        labels=dict(inst.labels),
                        machine_type=_last_segment(inst.machine_type),
                        metadata={item.key: item.value for item in inst.metadata.items},
                    )
                )
    except auth_exc.DefaultCredentialsError as exc:
        raise BadInput(
            "no Google credentials for the Compute API",
            hint="run `gcloud auth application-default login` or set gcp.credentials_file",
        ) from exc
    except gexc.NotFound as exc:
        raise BadInput(f"project {project} not found by the Compute API: {exc.message}") from exc
    except gexc.Forbidden as exc:
        raise BadInput(f"not allowed to list instances of {project}: {exc.message}") from exc
    except gexc.GoogleAPIError as exc:
        raise CheckFailed(f"Compute API error while listing instances of {project}: {exc}") from exc
    return sorted(out, key=lambda i: (i.role or "", i.name))


def build_inventory(
    instances: list[Instance],
    *,
    project: str,
    stack: str,
    settings: ProvisionSettings,
) -> InventoryResult:
    """Turn instances into an Ansible inventory; instances that cannot be used become problems."""
    role_map = settings.role_groups
    group_names = list(dict.fromkeys([*ROLE_GROUPS, *role_map.values()]))
    groups: dict[str, dict[str, Any]] = {g: {"hosts": {}} for g in group_names}
    hosts: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    for inst in instances:
        role = inst.role
        group = role_map.get(role or "")
        if inst.labels.get("stack") not in (None, stack):
            problems.append({"host": inst.name, "error": f"label stack={inst.labels.get('stack')}, expected {stack}"})
            continue
        if group is None:
            known = ", ".join(sorted(role_map))
            problems.append(
                {
                    "host": inst.name,
                    "error": f"label role={role!r} is not one of {known}: fix the instance labels in the GCP stack",
                }
            )
            continue
        if inst.status != "RUNNING":
            problems.append({"host": inst.name, "error": f"instance is {inst.status}, not RUNNING: start it first"})
            continue
        if not inst.private_ip:
            problems.append({"host": inst.name, "error": "instance has no private IP on its first network interface"})
            continue
        hostvars: dict[str, Any] = {
            "ansible_host": inst.private_ip,
            "kaleo_private_ip": inst.private_ip,
            "gcp_instance": inst.name,
            "gcp_zone": inst.zone,
            "gcp_machine_type": inst.machine_type,
        }
        # what the GCP stack wrote in the instance metadata for the roles (never secret values)
        for key, var in METADATA_VARS.items():
            if inst.metadata.get(key):
                hostvars[var] = inst.metadata[key]
        if settings.iap_tunnel:
            proxy = (
                f"{settings.gcloud} compute start-iap-tunnel {inst.name} %p --listen-on-stdin"
                f" --project={project} --zone={inst.zone} --verbosity=warning"
            )
            hostvars["ansible_ssh_common_args"] = (
                f"-o ProxyCommand='{proxy}' -o StrictHostKeyChecking=accept-new -o ServerAliveInterval=30"
            )
        groups[group]["hosts"][inst.name] = hostvars
        hosts.append({"name": inst.name, "group": group, "zone": inst.zone, "private_ip": inst.private_ip})
    all_vars: dict[str, Any] = {
        "ansible_python_interpreter": "/usr/bin/python3",
        "kaleo_gcp_project": project,
        "kaleo_stack": stack,
    }
    if settings.ssh_user:
        all_vars["ansible_user"] = settings.ssh_user
    if settings.ssh_private_key_file:
        all_vars["ansible_ssh_private_key_file"] = str(settings.ssh_private_key_file)
    inventory = {"all": {"vars": all_vars, "children": groups}}
    return InventoryResult(
        project=project,
        stack=stack,
        path=None,
        groups={g: sorted(groups[g]["hosts"]) for g in group_names},
        hosts=hosts,
        problems=problems,
        inventory=inventory,
    )


def write_inventory(result: InventoryResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# Ansible inventory of the Kaleo {result.stack} stack in project {result.project}.\n"
        "# Written by `kaleo-dr provision inventory` from the instance labels; regenerate, do not edit.\n"
    )
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(header + yaml.safe_dump(result.inventory, sort_keys=False), encoding="utf-8")
    tmp.replace(path)
    result.path = str(path)
