"""``kaleo-dr provision``: configure the bare GCP VMs with Ansible.

* ``provision inventory`` lists the instances of the GCP stack by their labels
  (``app=kaleo``, ``stack=<stack>``, ``role=app|db|cache|search``) with google-cloud-compute
  and writes an Ansible YAML inventory: one group per role, private IPs, SSH through IAP
  as the OS Login user.
* ``provision run`` runs ``playbooks/site.yml`` through ansible-runner against that
  inventory (or any static one), shows per-host progress from the runner events, ends
  with a per-host table and keeps the runner artifacts (events, stdout) for the report.

Secrets (database, Redis, OpenSearch passwords and CA, GCS HMAC keys) are resolved here from
the environment, files or Secret Manager and reach Ansible only as extra vars written in a
private 0700 directory that is deleted after the run; the roles use them with ``no_log``.
A secret not given here is read by the VM itself from Secret Manager (the common role),
with the secret id the GCP stack wrote in the instance metadata.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig, ProvisionSettings, resolve_secret
from scripts.output import BadInput, CheckFailed, DrError, console, emit, err_console, info

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PLAYBOOK = ROOT / "playbooks" / "site.yml"
ROLE_GROUPS = ("app", "db", "cache", "search")
# Instance metadata keys written by the GCP stack -> inventory host variables.
METADATA_VARS = {"kaleo-data-device": "kaleo_data_device", "kaleo-search-cluster": "kaleo_search_cluster"}
# Environment variables hidden from the Ansible process: ansible-runner records the whole
# environment of the run in its artifacts (artifacts/<id>/command).
# Variables naming a file (gcloud's CLOUDSDK_*_FILE...) are kept: the IAP tunnel needs them.
_SENSITIVE_ENV_MARKERS = ("PASSWORD", "SECRET", "TOKEN", "PRIVATE_KEY", "ACCESS_KEY", "HMAC")
_PATH_SUFFIXES = ("_FILE", "_PATH", "_DIR")


# --------------------------------------------------------------------------------------
# inventory
# --------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------
# secrets
# --------------------------------------------------------------------------------------
def _secret_manager_get(name: str, settings: ProvisionSettings, cfg: KaleoConfig) -> str:
    """Read one secret version through the Secret Manager REST API (endpoint overridable)."""
    resource = name
    if not resource.startswith("projects/"):
        project = settings.secret_manager_project or cfg.gcp.project
        if not project:
            raise BadInput(f"secret {name}: set provision.secret_manager_project or gcp.project")
        resource = f"projects/{project}/secrets/{name}/versions/latest"
    elif "/versions/" not in resource:
        resource += "/versions/latest"
    endpoint = (settings.secret_manager_endpoint or "https://secretmanager.googleapis.com").rstrip("/")
    headers = {"Accept": "application/json"}
    if not endpoint.startswith("http://"):
        import google.auth
        import google.auth.transport.requests

        creds, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
        creds.refresh(google.auth.transport.requests.Request())
        headers["Authorization"] = f"Bearer {creds.token}"
    url = f"{endpoint}/v1/{urllib.parse.quote(resource)}:access"
    req = urllib.request.Request(url, headers=headers)  # noqa: S310 - endpoint from config
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310
            payload = json.load(resp)
    except urllib.error.HTTPError as exc:
        raise BadInput(f"Secret Manager {resource}: HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise BadInput(f"Secret Manager {resource}: {exc}") from exc
    import base64

    import google_crc32c

    try:
        data = base64.b64decode(payload["payload"]["data"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BadInput(f"Secret Manager {resource}: unexpected answer (no payload.data)") from exc
    expected = payload["payload"].get("dataCrc32c")
    if expected is not None and int(expected) != google_crc32c.value(data):
        raise BadInput(f"Secret Manager {resource}: payload checksum mismatch (dataCrc32c)")
    return data.decode("utf-8")


def resolve_secrets(cfg: KaleoConfig) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Resolve every configured secret; an unresolvable one is reported, not fatal.

    A missing secret only stops the hosts whose roles need it (each role checks its
    secrets first and fails with the variable's name), so the other hosts continue.
    """
    settings = cfg.provision
    values: dict[str, str] = {}
    missing: list[dict[str, str]] = []
    for var in [*settings.secrets, *(v for v in settings.secret_manager if v not in settings.secrets)]:
        try:
            if var in settings.secret_manager:
                values[var] = _secret_manager_get(settings.secret_manager[var], settings, cfg)
            else:
                values[var] = resolve_secret(settings.secrets[var], f"provision.secrets.{var}")
        except DrError as exc:
            missing.append({"var": var, "error": exc.message})
    return values, missing


# --------------------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------------------
@dataclass
class HostResult:
    host: str
    ok: int = 0
    changed: int = 0
    failed: int = 0
    unreachable: int = 0
    skipped: int = 0
    error: str | None = None
    task: str | None = None


@dataclass
class RunResult:
    status: str
    rc: int
    check: bool
    limit: str | None
    inventory: str
    artifacts: str
    hosts: list[HostResult]
    missing_secrets: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rc == 0 and all(h.failed == 0 and h.unreachable == 0 for h in self.hosts)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


@contextlib.contextmanager
def _scrubbed_environ(secret_values: Mapping[str, str]) -> Iterator[None]:
    """Hide secret-bearing variables from the Ansible process (and from runner's artifacts)."""
    hidden: dict[str, str] = {}
    values = {v for v in secret_values.values() if v}
    for key, value in list(os.environ.items()):
        sensitive = any(m in key.upper() for m in _SENSITIVE_ENV_MARKERS) and not key.upper().endswith(_PATH_SUFFIXES)
        if sensitive or value in values:
            hidden[key] = os.environ.pop(key)
    try:
        yield
    finally:
        os.environ.update(hidden)


def _redact_tree(root: Path, secret_values: Mapping[str, str]) -> int:
    """Replace any secret value left in the artifacts by ``********``; returns files changed."""
    needles = sorted({v for v in secret_values.values() if len(v) >= 4}, key=len, reverse=True)
    if not needles:
        return 0
    changed = 0
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        new = text
        for needle in needles:
            new = new.replace(needle, "********")
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


EventSink = Callable[[str, str, str, str], None]


class _EventCollector:
    """Turns ansible-runner events into per-host counters, first errors and progress lines."""

    def __init__(self, sink: EventSink | None) -> None:
        self.sink = sink
        self.hosts: dict[str, HostResult] = {}
        self.stats: dict[str, dict[str, int]] | None = None

    def _host(self, name: str) -> HostResult:
        if name not in self.hosts:
            self.hosts[name] = HostResult(host=name)
        return self.hosts[name]

    def __call__(self, event: dict[str, Any]) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data") or {}
        host = data.get("host") or data.get("remote_addr") or ""
        task = data.get("task") or ""
        raw = data.get("res")
        res: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if kind == "playbook_on_play_start" and self.sink:
            self.sink("play", "", data.get("play", ""), "")
        elif kind == "runner_on_ok":
            status = "changed" if res.get("changed") else "ok"
            if self.sink:
                self.sink(status, host, task, "")
        elif kind == "runner_on_skipped":
            if self.sink:
                self.sink("skipped", host, task, "")
        elif kind == "runner_on_failed" and not data.get("ignore_errors"):
            hr = self._host(host)
            msg = _failure_message(res)
            if hr.error is None:
                hr.error, hr.task = msg, task
            if self.sink:
                self.sink("failed", host, task, msg)
        elif kind == "runner_on_unreachable":
            hr = self._host(host)
            msg = "unreachable: " + _failure_message(res)
            if hr.error is None:
                hr.error, hr.task = msg, task
            if self.sink:
                self.sink("unreachable", host, task, msg)
        elif kind == "playbook_on_stats":
            self.stats = {
                k: dict(data.get(k) or {}) for k in ("ok", "changed", "failures", "dark", "skipped", "processed")
            }
        return True

    def results(self) -> list[HostResult]:
        stats = self.stats or {}
        names = set(self.hosts) | set((stats.get("processed") or {}).keys())
        for key in ("ok", "changed", "failures", "dark", "skipped"):
            names |= set((stats.get(key) or {}).keys())
        out = []
        for name in sorted(names):
            hr = self._host(name)
            hr.ok = int((stats.get("ok") or {}).get(name, 0))
            hr.changed = int((stats.get("changed") or {}).get(name, 0))
            hr.failed = int((stats.get("failures") or {}).get(name, 0))
            hr.unreachable = int((stats.get("dark") or {}).get(name, 0))
            hr.skipped = int((stats.get("skipped") or {}).get(name, 0))
            if hr.error and hr.failed == 0 and hr.unreachable == 0:
                # a failure that was rescued or retried successfully
                hr.error = hr.task = None
            out.append(hr)
        return out


def _failure_message(res: dict[str, Any]) -> str:
    if res.get("_ansible_no_log") or res.get("censored"):
        return "the output of this task is hidden (no_log): rerun the task by hand to see it"
    msg = res.get("msg") or res.get("stderr") or res.get("reason") or ""
    if isinstance(msg, list):
        msg = " ".join(str(m) for m in msg)
    msg = " ".join(str(msg).split())
    return msg[:500] or "task failed (see the runner artifacts)"


def inventory_groups(path: Path) -> set[str]:
    """The group names of a YAML inventory (for --limit validation); empty for other formats."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return set()
    names: set[str] = set()

    def walk(node: Any) -> None:
        if not isinstance(node, dict):
            return
        for name, body in node.items():
            names.add(str(name))
            if isinstance(body, dict):
                walk(body.get("children"))

    walk(data if isinstance(data, dict) else None)
    return names


def run_playbook(
    *,
    inventory: Path,
    playbook: Path,
    artifacts_dir: Path,
    limit: str | None = None,
    check: bool = False,
    extravars: dict[str, Any] | None = None,
    secret_values: Mapping[str, str] | None = None,
    sink: EventSink | None = None,
    ident: str | None = None,
) -> RunResult:
    """Run a playbook with ansible-runner; return per-host counters and the first error of each host."""
    import ansible_runner

    secret_values = dict(secret_values or {})
    all_vars = {**(extravars or {}), **secret_values}
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    ident = ident or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + ("-check" if check else "-apply")
    collector = _EventCollector(sink)
    # The ansible-playbook of this interpreter's environment (the virtualenv) comes first on PATH.
    bin_dir = Path(sys.executable).parent
    path_env = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    # ansible-runner writes extra vars (secrets) into <private_data_dir>/env: a fresh 0700
    # directory per run, removed afterwards, never reused.
    private = Path(tempfile.mkdtemp(prefix="kaleo-provision-"))
    try:
        with _scrubbed_environ(secret_values):
            runner = ansible_runner.run(
                private_data_dir=str(private),
                project_dir=str(playbook.parent),
                playbook=str(playbook),
                inventory=str(inventory),
                limit=limit,
                extravars=all_vars,
                cmdline="--check --diff" if check else None,
                artifact_dir=str(artifacts_dir),
                ident=ident,
                event_handler=collector,
                quiet=True,
                rotate_artifacts=0,
                envvars={
                    "PATH": path_env,
                    "ANSIBLE_ROLES_PATH": os.pathsep.join(
                        dict.fromkeys([str(playbook.parent / "roles"), str(DEFAULT_PLAYBOOK.parent / "roles")])
                    ),
                    "ANSIBLE_PIPELINING": "True",
                    # facts once per host and run, not once per play
                    "ANSIBLE_GATHERING": "smart",
                    "ANSIBLE_TIMEOUT": "15",
                    "ANSIBLE_NOCOLOR": "1",
                    "ANSIBLE_RETRY_FILES_ENABLED": "False",
                    "ANSIBLE_DEPRECATION_WARNINGS": "False",
                    "ANSIBLE_LOCALHOST_WARNING": "False",
                },
            )
    finally:
        shutil.rmtree(private, ignore_errors=True)
    run_dir = artifacts_dir / ident
    _redact_tree(run_dir, secret_values)
    rc = int(runner.rc if runner.rc is not None else 1)
    return RunResult(
        status=str(runner.status),
        rc=rc,
        check=check,
        limit=limit,
        inventory=str(inventory),
        artifacts=str(run_dir),
        hosts=collector.results(),
    )


# --------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------
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
