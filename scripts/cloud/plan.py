"""``kaleo-dr plan``: the offline plan of a stack, with no cloud and no Pulumi CLI.

The Pulumi program (``stacks``) is evaluated in-process against
``pulumi.runtime.set_mocks`` with the stack's ``Pulumi.<stack>.yaml`` configuration
(``secure:`` values replaced by placeholders), and every resource registration is
recorded: type, name, parent and the inputs exactly as the engine receives them
(camelCase keys, numbers as floats). A ``StackReference`` reads the outputs of the referenced
stack's own offline plan. This is what people review before ``pulumi up`` and what parity,
policy checks, tests and rehearsals read when no cloud answers.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from scripts.cliapp import JsonOpt, get_config
from scripts.output import BadInput, console, emit

SECRET_PLACEHOLDER = "plan-placeholder-secret"
STACK_REFERENCE = "pulumi:pulumi:StackReference"
PROJECT_FILE = "Pulumi.yaml"


@dataclass
class PlannedResource:
    type: str
    name: str
    parent: str | None
    urn: str
    inputs: dict[str, Any]
    #: names of the resources this one waits for (``depends_on`` and the resources its inputs come from)
    depends_on: list[str] = field(default_factory=list)


@dataclass
class Plan:
    stack: str
    project: str
    resources: list[PlannedResource] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def by_type(self, type_: str) -> list[PlannedResource]:
        return [r for r in self.resources if r.type == type_]

    def one(self, type_: str) -> PlannedResource:
        found = self.by_type(type_)
        if len(found) != 1:
            raise AssertionError(f"expected exactly one {type_}, found {len(found)}")
        return found[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "stack": self.stack,
            "project": self.project,
            "resources": [
                {
                    "type": r.type,
                    "name": r.name,
                    "parent": r.parent,
                    "urn": r.urn,
                    "inputs": r.inputs,
                    "depends_on": r.depends_on,
                }
                for r in self.resources
            ],
            "outputs": self.outputs,
            "seconds": round(self.seconds, 3),
        }


def project_root(start: Path | None = None) -> Path:
    """The folder holding Pulumi.yaml: the given one, the current one, or this package's checkout."""
    candidates = [start] if start else [Path.cwd(), Path(__file__).resolve().parents[2]]
    for candidate in candidates:
        if candidate is not None and (candidate / PROJECT_FILE).is_file():
            return candidate
    raise BadInput(f"no {PROJECT_FILE} found in {', '.join(str(c) for c in candidates if c)}")


def _config_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def load_stack_config(root: Path, stack: str) -> tuple[str, dict[str, str], list[str]]:
    """Project name, flat config map ``{ns:key: str}`` and secret keys for ``Pulumi.<stack>.yaml``."""
    project_doc = yaml.safe_load((root / PROJECT_FILE).read_text(encoding="utf-8")) or {}
    project = str(project_doc.get("name", "kaleo"))
    stack_file = root / f"Pulumi.{stack}.yaml"
    if not stack_file.is_file():
        known = sorted(p.name[len("Pulumi.") : -len(".yaml")] for p in root.glob("Pulumi.*.yaml"))
        raise BadInput(
            f"unknown stack '{stack}': {stack_file.name} not found", hint=f"known stacks: {', '.join(known)}"
        )
    try:
        stack_doc = yaml.safe_load(stack_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise BadInput(f"{stack_file.name}: not valid YAML: {exc}") from exc
    config: dict[str, str] = {}
    secrets: list[str] = []
    # Project-level defaults first (Pulumi.yaml `config:` block), then the stack file.
    for key, spec in (project_doc.get("config") or {}).items():
        full = key if ":" in key else f"{project}:{key}"
        if isinstance(spec, dict) and "default" in spec:
            config[full] = _config_value(spec["default"])
        elif not isinstance(spec, dict):
            config[full] = _config_value(spec)
    for key, value in (stack_doc.get("config") or {}).items():
        full = key if ":" in key else f"{project}:{key}"
        if isinstance(value, dict) and set(value) == {"secure"}:
            config[full] = SECRET_PLACEHOLDER
            secrets.append(full)
        else:
            config[full] = _config_value(value)
    return project, config, secrets


#: The project number the mocks give (resource names of the IAM API carry numbers, not ids).
MOCK_PROJECT_NUMBER = "123456789012"


def _computed_state(type_: str, name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Plausible provider-computed attributes so that dependent resources can be planned."""
    state = dict(inputs)
    state.setdefault("name", name)
    if type_.startswith("aws:"):
        state.setdefault("arn", f"arn:aws:mock:::{name}")
        state.setdefault("endpoint", f"{name}.mock.internal")
        state.setdefault("address", f"{name}.mock.internal")
        state.setdefault("dnsName", f"{name}.elb.mock.internal")
        state.setdefault("zoneId", "ZMOCK")
        state.setdefault("primaryEndpointAddress", f"{name}.cache.mock.internal")
        if type_ == "aws:rds/instance:Instance":
            state.setdefault("identifier", f"{name}-id")
        if type_ == "aws:rds/instance:Instance" and inputs.get("manageMasterUserPassword"):
            state.setdefault(
                "masterUserSecrets",
                [{"secretArn": f"arn:aws:secretsmanager:mock:::secret:rds!{name}", "secretStatus": "active"}],
            )
    if type_ == "tls:index/selfSignedCert:SelfSignedCert":
        state.setdefault("certPem", f"-----BEGIN CERTIFICATE-----\nMOCK {name}\n-----END CERTIFICATE-----\n")
    if type_ == "tls:index/privateKey:PrivateKey":
        state.setdefault("privateKeyPem", SECRET_PLACEHOLDER)
    if type_.startswith("gcp:"):
        state.setdefault("selfLink", f"https://mock.googleapis.invalid/{type_}/{name}")
        state.setdefault("email", f"{name}@mock.iam.gserviceaccount.com")
        state.setdefault("address", "203.0.113.10")
        state.setdefault("secretId", name)
        state.setdefault("accessId", f"GOOGMOCK{name.upper()}")
        state.setdefault("secret", SECRET_PLACEHOLDER)
        state.setdefault("url", f"gs://{name}")
        if type_ == "gcp:compute/instance:Instance":
            state["networkInterfaces"] = [
                {"networkIp": f"10.255.{i}.{sum(name.encode()) % 250 + 2}", **nic}
                for i, nic in enumerate(state.get("networkInterfaces") or [])
            ]
        if type_ == "gcp:iam/workloadIdentityPool:WorkloadIdentityPool":
            pool = inputs.get("workloadIdentityPoolId", name)
            state["name"] = f"projects/{MOCK_PROJECT_NUMBER}/locations/global/workloadIdentityPools/{pool}"
        if type_ == "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
            pool, provider = inputs.get("workloadIdentityPoolId"), inputs.get("workloadIdentityPoolProviderId", name)
            state["name"] = (
                f"projects/{MOCK_PROJECT_NUMBER}/locations/global/workloadIdentityPools/{pool}/providers/{provider}"
            )
        if type_ == "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager":
            state.setdefault("instanceGroup", f"https://mock.googleapis.invalid/instanceGroups/{name}")
        if type_ == "gcp:certificatemanager/dnsAuthorization:DnsAuthorization":
            domain = str(inputs.get("domain", name))
            state.setdefault(
                "dnsResourceRecords",
                [
                    {
                        "name": f"_acme-challenge.{domain}.",
                        "type": "CNAME",
                        "data": f"mock.{domain}.authorize.certificatemanager.goog.",
                    }
                ],
            )
    if type_.startswith("random:"):
        state.setdefault("result", SECRET_PLACEHOLDER)
    return state


#: Plausible answers of the data sources (invokes) the program calls, by token.
MOCK_INVOKES: dict[str, dict[str, Any]] = {
    "gcp:storage/getTransferProjectServiceAccount:getTransferProjectServiceAccount": {
        "email": "project-100000000000@storage-transfer-service.iam.gserviceaccount.com",
        "member": "serviceAccount:project-100000000000@storage-transfer-service.iam.gserviceaccount.com",
        "subjectId": "100000000000000000000",
    },
    "aws:index/getCallerIdentity:getCallerIdentity": {
        "accountId": "000000000000",
        "arn": "arn:aws:iam::000000000000:user/plan",
        "userId": "PLAN",
    },
    "aws:ec2/getAmi:getAmi": {"rootDeviceName": "/dev/xvda", "rootDeviceType": "ebs", "architecture": "x86_64"},
}


def _plan_in_process(root: Path, stack: str) -> Plan:
    import sys

    import pulumi
    from pulumi.runtime import mocks as pmocks
    from pulumi.runtime import rpc
    from pulumi.runtime.sync_await import _sync_await

    project, config, secret_keys = load_stack_config(root, stack)
    plan = Plan(stack=stack, project=project)
    parents: dict[str, str | None] = {}
    names: dict[str, str] = {}

    class Recorder(pmocks.Mocks):
        def new_resource(self, args: pmocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
            if args.typ == STACK_REFERENCE:
                # another stack's outputs: those of its own offline plan, from its Pulumi.<stack>.yaml here
                referenced = args.name.rsplit("/", 1)[-1]
                return args.name, {"name": args.name, "outputs": run_plan(referenced, root).outputs}
            return f"{args.name}-id", _computed_state(args.typ, args.name, args.inputs)

        def call(self, args: pmocks.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
            return {**MOCK_INVOKES.get(args.token, {}), **dict(args.args)}, []

    class RecordingMonitor(pmocks.MockMonitor):
        def RegisterResource(self, request: Any) -> Any:
            response = super().RegisterResource(request)
            if request.type != "pulumi:pulumi:Stack":
                plan.resources.append(
                    PlannedResource(
                        type=request.type,
                        name=request.name,
                        parent=parents.get(request.parent) if request.parent else None,
                        urn=response.urn,
                        inputs=_jsonable(rpc.deserialize_properties(request.object)),
                        depends_on=[names.get(u, u) for u in request.dependencies],
                    )
                )
                parents[response.urn] = request.name
                names[response.urn] = request.name
            return response

    mocks = Recorder()
    pulumi.runtime.set_all_config(config, secret_keys)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False, monitor=RecordingMonitor(mocks))

    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from stacks import build_from_config

    started = time.perf_counter()
    outputs_holder: dict[str, Any] = {}

    def program() -> Any:
        outputs = build_from_config()
        return pulumi.Output.from_input(outputs).apply(lambda resolved: outputs_holder.update(resolved))

    from pulumi.runtime.stack import run_pulumi_func

    pulumi.runtime.settings.SETTINGS.rpc_manager.clear()
    pulumi.runtime.settings.SETTINGS.outputs.clear()
    _sync_await(run_pulumi_func(lambda: _sync_await(pulumi.Output.from_input(program()).future())))
    plan.outputs = _jsonable(outputs_holder)
    plan.seconds = time.perf_counter() - started
    return plan


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items() if not str(k).startswith("__")}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


#: A folder where plans are kept by what they were planned from (opt-in: tests and repeated checks).
PLAN_CACHE_ENV = "KALEO_DR_PLAN_CACHE"
_PLAN_PACKAGES = ("pulumi", "pulumi-aws", "pulumi-gcp", "pulumi-random", "pulumi-tls")


def _program_package(root: Path) -> Path | None:
    """The ``stacks`` package the worker imports: the project folder's own, else the importable one."""
    import importlib.util

    if (root / "stacks" / "__init__.py").is_file():
        return root / "stacks"
    spec = importlib.util.find_spec("stacks")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def plan_inputs_digest(root: Path, stack: str) -> str:
    """A digest of everything the offline plan of ``stack`` is computed from: Pulumi.yaml, the stack
    file, the program (every source of the ``stacks`` package and the boot scripts it embeds), this
    planner, the Python and the Pulumi packages' versions. Equal digests give equal plans."""
    import hashlib
    import importlib.metadata
    import sys

    digest = hashlib.sha256(f"{sys.version}\n{stack}\n".encode())
    for name in _PLAN_PACKAGES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=none\n".encode())
    # named by their place in the project, not where it is: copies of one project share plans
    files = {PROJECT_FILE: root / PROJECT_FILE, "stack": root / f"Pulumi.{stack}.yaml", "planner": Path(__file__)}
    package = _program_package(root)
    if package is not None:
        files.update({f"stacks/{p.relative_to(package)}": p for p in sorted(package.rglob("*.py"))})
        boot = package.parent / "playbooks" / "boot"  # the boot scripts the stacks embed in VM metadata
        files.update({f"boot/{p.relative_to(boot)}": p for p in sorted(boot.rglob("*")) if p.is_file()})
    for label, path in files.items():
        digest.update(f"{label}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"<none>")
        digest.update(b"\n")
    return digest.hexdigest()


def run_plan(stack: str, project_dir: Path | None = None) -> Plan:
    """Evaluate the program for ``stack`` offline and return what it would create.

    Each call runs in a fresh interpreter so that several plans (parity compares two)
    never share Pulumi's process-wide runtime state. With ``KALEO_DR_PLAN_CACHE`` set to a
    folder, a plan computed from exactly the same inputs (:func:`plan_inputs_digest`) is read
    from there instead of being computed again.
    """
    import os
    import subprocess
    import sys

    root = project_root(project_dir)
    load_stack_config(root, stack)  # validate the stack name and file before spawning
    cache_dir = os.environ.get(PLAN_CACHE_ENV, "").strip()
    cached = Path(cache_dir) / f"{stack}-{plan_inputs_digest(root, stack)}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        return _plan_from_dict(json.loads(cached.read_text(encoding="utf-8")))
    proc = subprocess.run(
        [sys.executable, "-m", "scripts.cloud.plan", "--worker", stack, str(root)],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        tail = "\n".join(detail[-15:])
        raise BadInput(f"the Pulumi program failed for stack '{stack}':\n{tail}")
    data = json.loads(proc.stdout)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_text(proc.stdout, encoding="utf-8")
        partial.replace(cached)
    return _plan_from_dict(data)


def _plan_from_dict(data: dict[str, Any]) -> Plan:
    return Plan(
        stack=data["stack"],
        project=data["project"],
        resources=[PlannedResource(**r) for r in data["resources"]],
        outputs=data["outputs"],
        seconds=data["seconds"],
    )


KEY_PROPERTIES = (
    "instanceClass",
    "instanceType",
    "machineType",
    "nodeType",
    "allocatedStorage",
    "size",
    "sizeGb",
    "engine",
    "engineVersion",
    "cidrBlock",
    "ipCidrRange",
    "storageEncrypted",
    "publiclyAccessible",
    "multiAz",
    "deletionProtection",
    "port",
    "protocol",
    "bucket",
    "minSize",
    "maxSize",
    "targetSize",
)


def _summary(inputs: dict[str, Any]) -> str:
    parts = []
    for key in KEY_PROPERTIES:
        if key in inputs and inputs[key] not in (None, "", [], {}):
            value = inputs[key]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            parts.append(f"{key}={value}")
    return ", ".join(parts)


def render_plan(plan: Plan) -> None:
    from rich.table import Table

    if not plan.resources:
        console.print(f"[yellow]stack {plan.stack}: the program registers no resources yet[/]")
        return
    table = Table(title=f"offline plan: stack {plan.stack} ({len(plan.resources)} resources, {plan.seconds:.2f}s)")
    table.add_column("type")
    table.add_column("name")
    table.add_column("parent")
    table.add_column("key properties")
    for r in plan.resources:
        table.add_row(r.type, r.name, r.parent or "", _summary(r.inputs))
    console.print(table)
    if plan.outputs:
        console.print("[bold]outputs[/]")
        for key, value in plan.outputs.items():
            console.print(f"  {key}: {json.dumps(value)}")


StandbyStackOpt = Annotated[
    str, typer.Option("--standby-stack", help="GCP always-on stack holding the buckets ('' to skip).")
]
ConfiguredProjectDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--project-dir", help="Folder with Pulumi.yaml and the stack files (default: pulumi.project_dir, else here)."
    ),
]


def configured_project_dir(project_dir: Path | None) -> Path | None:
    """``--project-dir`` when given, else the config's ``pulumi.project_dir`` when set, else None (here)."""
    if project_dir is not None:
        return project_dir
    configured = get_config().pulumi.project_dir
    return configured if configured != Path() else None


def register(app: typer.Typer) -> None:
    @app.command("plan")
    def plan_command(
        stack: Annotated[str, typer.Option("--stack", "-s", help="Stack name: aws, gcp, gcp-standby...")],
        project_dir: Annotated[
            Path | None, typer.Option("--project-dir", help="Folder with Pulumi.yaml (default: here).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Show offline what `pulumi up --stack NAME` would build (no cloud, no Pulumi CLI needed)."""
        plan = run_plan(stack, project_dir)
        emit(plan.to_dict(), as_json, lambda _: render_plan(plan))


def _worker(argv: list[str]) -> int:
    import sys

    stack, root = argv[0], Path(argv[1])
    try:
        plan = _plan_in_process(root, stack)
    except BadInput as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except ValueError as exc:
        # stacks.config raises ValueError (ConfigError) naming the kaleo: key: show the message, not a traceback.
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(plan.to_dict(), default=str))
    return 0


if __name__ == "__main__":
    import sys

    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        raise SystemExit(_worker(sys.argv[2:]))
    raise SystemExit("usage: python -m scripts.cloud.plan --worker STACK PROJECT_DIR")
