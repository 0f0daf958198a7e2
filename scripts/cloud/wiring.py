"""``kaleo-dr wiring``: is everything the GCP VMs consume declared, and may they use it?

Offline mocks accept any wiring: a bucket no stack declares, a secret nobody may read, a
metadata key the roles look for under another name all plan fine and fail only on a real
``pulumi up`` at 3 a.m. This check reads what would be deployed and what would run on it:

* the offline plans of the failover stack (``gcp``) and the standby stack (``gcp-standby``):
  buckets, secrets, the VMs and the app template with their metadata and service
  accounts, every IAM grant;
* the Ansible side (``playbooks/``): which roles run on which group (``site.yml``), the
  ``kaleo_*`` variables each role uses, how the common role maps them to instance metadata
  attributes (``common_metadata_vars``, ``common_metadata_secrets``), and the bucket names
  written literally in role defaults;
* the startup script in the VMs' metadata (its ``$(metadata_attr KEY)`` reads, the roles it
  accepts).

For every VM it checks the *boot* link: the startup script accepts the VM's role, and
``site.yml`` (with the playbooks it imports) has a play for the role's group, so a VM that
boots converges its role and not only the base system. For every consumed resource it
checks one *link*: the metadata attribute is on every VM of
the role; the secret is declared and the VM's account may access it; the bucket is declared
and the VM's account holds a role granting the permissions it needs (a small table of
predefined roles below); the auto-healing health check asks the path nginx answers. When the
standby stack builds a standby database, the failover app's *network* path to it after a
promote: VPC peering both ways, a firewall rule admitting the app subnet on 5432 to the
standby VM's tag, the standby's pg_hba range, and the app's database host when the stack is
on the standby (``stacks/gcp/standby_path.py``). The AWS continuity agent's role may act as its
GCP service account (an AWS workload identity provider admitting exactly that role, and a
``workloadIdentityUser`` binding for it). Exit 1 names every missing link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from scripts.cliapp import JsonOpt, get_config
from scripts.cloud.plan import (
    ConfiguredProjectDirOpt,
    Plan,
    PlannedResource,
    StandbyStackOpt,
    configured_project_dir,
    run_plan,
)
from scripts.cloud.planquery import refers_to
from scripts.output import BadInput, console, emit, info

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PLAYBOOKS = ROOT / "playbooks"
VM_ROLES = ("app", "db", "cache", "search", "standby-db", "watcher")

INSTANCE = "gcp:compute/instance:Instance"
TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
BUCKET = "gcp:storage/bucket:Bucket"
SECRET = "gcp:secretmanager/secret:Secret"
BUCKET_GRANTS = ("gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:storage/bucketIAMBinding:BucketIAMBinding")
SECRET_GRANTS = (
    "gcp:secretmanager/secretIamMember:SecretIamMember",
    "gcp:secretmanager/secretIamBinding:SecretIamBinding",
)
PROJECT_GRANTS = ("gcp:projects/iAMMember:IAMMember", "gcp:projects/iAMBinding:IAMBinding")
ACCOUNT = "gcp:serviceaccount/account:Account"
ACCOUNT_GRANTS = ("gcp:serviceaccount/iAMMember:IAMMember", "gcp:serviceaccount/iAMBinding:IAMBinding")
POOL = "gcp:iam/workloadIdentityPool:WorkloadIdentityPool"
POOL_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider"
WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser"
AGENT = "continuity agent (AWS, workload identity)"
_AWS_ROLE_CONDITION = re.compile(r"^attribute\.aws_role\s*==\s*['\"]([^'\"]+)['\"]$")
HEALTH_CHECK = "gcp:compute/healthCheck:HealthCheck"
GROUP_MANAGER = "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager"
NETWORK = "gcp:compute/network:Network"
SUBNETWORK = "gcp:compute/subnetwork:Subnetwork"
PEERING = "gcp:compute/networkPeering:NetworkPeering"
FIREWALL = "gcp:compute/firewall:Firewall"
POSTGRES_PORT = "5432"

_GET, _LIST, _CREATE, _DELETE, _UPDATE = (
    "storage.objects.get",
    "storage.objects.list",
    "storage.objects.create",
    "storage.objects.delete",
    "storage.objects.update",
)
_ACCESS = "secretmanager.versions.access"
#: Predefined roles and the permissions that matter here (cloud.google.com/iam/docs/understanding-roles).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "roles/storage.objectViewer": frozenset({_GET, _LIST}),
    "roles/storage.objectCreator": frozenset({_CREATE}),
    "roles/storage.objectUser": frozenset({_GET, _LIST, _CREATE, _DELETE, _UPDATE}),
    "roles/storage.objectAdmin": frozenset({_GET, _LIST, _CREATE, _DELETE, _UPDATE}),
    "roles/storage.admin": frozenset({_GET, _LIST, _CREATE, _DELETE, _UPDATE, "storage.buckets.get"}),
    "roles/storage.legacyBucketReader": frozenset({_LIST, "storage.buckets.get"}),
    "roles/storage.legacyBucketWriter": frozenset({_LIST, _CREATE, _DELETE, "storage.buckets.get"}),
    "roles/storage.legacyBucketOwner": frozenset({_LIST, _CREATE, _DELETE, "storage.buckets.get"}),
    "roles/storage.legacyObjectReader": frozenset({_GET}),
    "roles/secretmanager.secretAccessor": frozenset({_ACCESS}),
    "roles/secretmanager.admin": frozenset({_ACCESS}),
}
READ = frozenset({_GET})
READ_LIST = frozenset({_GET, _LIST})
READ_WRITE = frozenset({_GET, _LIST, _CREATE, _DELETE})
#: Metadata attributes naming buckets, and what the VM does with them.
BUCKET_METADATA: dict[str, frozenset[str]] = {
    "kaleo-release-bucket": READ,
    "kaleo-search-snapshot-bucket": READ_LIST,
    "kaleo-dump-bucket": READ_LIST,
    "kaleo-buckets": READ_WRITE,
}
#: Bucket names written literally in role defaults, and what the role does with them.
BUCKET_DEFAULTS: dict[str, frozenset[str]] = {"app_release_bucket": READ}
#: Identities that are not VMs: `backup create` writes dumps with the dump writer's HMAC key and
#: lists the bucket first (standby output -> bucket output, permissions).
SERVICE_CONSUMERS = {
    "backup create (dump writer)": ("backupWriter", "dumpBucket", frozenset({_CREATE, _LIST})),
    # the watcher reads the dumps and the agent's records and writes its own job records (scripts/jobs/)
    "watcher job records": ("watcherAccount", "dumpBucket", frozenset({_GET, _LIST, _CREATE})),
    # the AWS agent, through workload identity federation: dumps and job records (stacks/gcp/agent_identity.py)
    AGENT: ("agentAccount", "dumpBucket", frozenset({_CREATE, _LIST})),
}
#: Secret ids in VM metadata read by kaleo-dr itself (not by a role's variable): attribute -> what for.
SECRET_METADATA = {"kaleo-alarm-smtp-secret": "the alarm relay password (kaleo-dr alarm)"}
_VAR = re.compile(r"\bkaleo_[a-z0-9_]+\b")
_SCRIPT_ATTR = re.compile(r"\$\(metadata_attr\s+([a-z0-9-]+)\)")
#: The roles the startup script accepts on GCP (its ``case "$CLOUD:$role"`` line: gcp:app | gcp:db ...).
_SCRIPT_ROLE = re.compile(r"\bgcp:([a-z][a-z0-9-]*)\b")


@dataclass
class Link:
    consumer: str
    kind: str  # boot | metadata | secret | bucket | health | network | identity
    resource: str
    need: str
    ok: bool
    detail: str = ""


@dataclass
class WiringReport:
    stacks: list[str]
    playbooks: str
    links: list[Link] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[Link]:
        return [link for link in self.links if not link.ok]

    @property
    def ok(self) -> bool:
        return bool(self.links) and not self.missing

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "stacks": self.stacks,
            "playbooks": self.playbooks,
            "checked": len(self.links),
            "missing": [asdict(link) for link in self.missing],
            "warnings": self.warnings,
            "links": [asdict(link) for link in self.links],
        }


# --------------------------------------------------------------------------------------
# the Ansible side
# --------------------------------------------------------------------------------------
@dataclass
class Playbooks:
    root: Path
    #: group (VM role) -> Ansible roles that run on it
    roles_of: dict[str, list[str]]
    #: group (VM role) -> names of the plays that target the group itself (not ``all``)
    plays_of: dict[str, list[str]]
    #: group (VM role) -> ``kaleo_*`` variables its plays set themselves (``vars:`` of the play or a role entry)
    given: dict[str, set[str]]
    #: Ansible role -> kaleo_* variables it uses
    uses: dict[str, set[str]]
    metadata_vars: dict[str, str]
    metadata_secrets: dict[str, str]
    #: (role, variable) -> bucket name written in its defaults
    default_buckets: dict[tuple[str, str], str]

    def metadata_needed(self, group: str) -> dict[str, tuple[str, str, bool]]:
        """Attribute -> (Ansible role, variable, is a secret id) for what the group's roles use."""
        out: dict[str, tuple[str, str, bool]] = {}
        for role in self.roles_of.get(group, []):
            for var in sorted(self.uses.get(role, set()) - self.given.get(group, set())):
                if var in self.metadata_vars:
                    out.setdefault(self.metadata_vars[var], (role, var, False))
                if var in self.metadata_secrets:
                    out.setdefault(self.metadata_secrets[var], (role, var, True))
        return out


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{path} not found", hint="--playbooks names the folder holding site.yml and roles/") from None
    except yaml.YAMLError as exc:
        raise BadInput(f"{path}: not valid YAML: {exc}") from None


def site_plays(root: Path, name: str = "site.yml", seen: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The plays of ``name`` with the playbooks it imports (``import_playbook``) in their place."""
    if name in seen:
        raise BadInput(f"{root / name} imports itself (through {' -> '.join(seen)})")
    plays: list[dict[str, Any]] = []
    for play in _yaml(root / name) or []:
        imported = play.get("ansible.builtin.import_playbook") or play.get("import_playbook")
        if imported:
            plays += site_plays(root, str(imported), (*seen, name))
        else:
            plays.append(play)
    return plays


def load_playbooks(root: Path) -> Playbooks:
    roles_of: dict[str, list[str]] = {g: [] for g in VM_ROLES}
    plays_of: dict[str, list[str]] = {g: [] for g in VM_ROLES}
    given: dict[str, set[str]] = {g: set() for g in VM_ROLES}
    for play in site_plays(root):
        hosts = str(play.get("hosts", ""))
        names = [r["role"] if isinstance(r, dict) else str(r) for r in play.get("roles") or []]
        play_vars = set(play.get("vars") or {})
        for entry in play.get("roles") or []:
            if isinstance(entry, dict):
                play_vars |= set(entry.get("vars") or {})
        # Ansible groups take no dash: the play of VM role standby-db targets group standby_db
        for group in VM_ROLES if hosts == "all" else [h.strip().replace("_", "-") for h in hosts.split(",")]:
            if group in roles_of:
                roles_of[group].extend(names)
                if hosts != "all":
                    plays_of[group].append(str(play.get("name") or hosts))
                    given[group] |= {v for v in play_vars if v.startswith("kaleo_")}
    uses: dict[str, set[str]] = {}
    default_buckets: dict[tuple[str, str], str] = {}
    common_defaults: dict[str, Any] = {}
    for role_dir in sorted((root / "roles").iterdir()):
        if not role_dir.is_dir():
            continue
        role = role_dir.name
        defaults_file = role_dir / "defaults" / "main.yml"
        defaults = (_yaml(defaults_file) if defaults_file.is_file() else None) or {}
        if role == "common":
            common_defaults = defaults
        found: set[str] = set()
        for path in role_dir.rglob("*"):
            if not path.is_file() or (role == "common" and path == defaults_file):
                continue  # the common defaults hold the mapping itself, not uses of it
            found |= set(_VAR.findall(path.read_text(encoding="utf-8", errors="replace")))
        uses[role] = found
        for var in BUCKET_DEFAULTS:
            value = defaults.get(var)
            if isinstance(value, str) and "{{" not in value:
                default_buckets[(role, var)] = value
    return Playbooks(
        root=root,
        roles_of=roles_of,
        plays_of=plays_of,
        given=given,
        uses=uses,
        metadata_vars=dict(common_defaults.get("common_metadata_vars") or {}),
        metadata_secrets=dict(common_defaults.get("common_metadata_secrets") or {}),
        default_buckets=default_buckets,
    )


# --------------------------------------------------------------------------------------
# the stack side
# --------------------------------------------------------------------------------------
@dataclass
class Machine:
    role: str
    name: str
    member: str
    metadata: dict[str, str]


class Declared:
    """What the plans declare: buckets, secrets, grants."""

    def __init__(self, plans: Iterable[Plan]) -> None:
        self.resources: list[PlannedResource] = [r for plan in plans for r in plan.resources]

    def of(self, *types: str) -> list[PlannedResource]:
        return [r for r in self.resources if r.type in types]

    def bucket(self, name: str) -> PlannedResource | None:
        return next((r for r in self.of(BUCKET) if r.inputs.get("name") == name), None)

    def secret(self, secret_id: str) -> PlannedResource | None:
        short = secret_id.rsplit("/secrets/", 1)[-1]
        return next((r for r in self.of(SECRET) if r.inputs.get("secretId") == short), None)

    @staticmethod
    def _members(r: PlannedResource) -> list[str]:
        if "member" in r.inputs:
            return [str(r.inputs["member"])]
        return [str(m) for m in r.inputs.get("members") or []]

    def bucket_permissions(self, member: str, bucket: str) -> set[str]:
        perms: set[str] = set()
        for r in self.of(*BUCKET_GRANTS, *PROJECT_GRANTS):
            on_bucket = r.type in BUCKET_GRANTS and r.inputs.get("bucket") in (bucket, f"b/{bucket}")
            if (on_bucket or r.type in PROJECT_GRANTS) and member in self._members(r):
                perms |= ROLE_PERMISSIONS.get(str(r.inputs.get("role")), frozenset())
        return perms

    def may_access_secret(self, member: str, secret: PlannedResource) -> bool:
        for r in self.of(*SECRET_GRANTS, *PROJECT_GRANTS):
            if member not in self._members(r) or _ACCESS not in ROLE_PERMISSIONS.get(str(r.inputs.get("role")), ()):
                continue
            if r.type in PROJECT_GRANTS:
                return True
            ref = r.inputs.get("secretId")
            if refers_to(ref, secret) or ref == secret.inputs.get("secretId"):
                return True
            if isinstance(ref, str) and ref.endswith(f"/secrets/{secret.inputs.get('secretId')}"):
                return True
        return False


def machines(plan: Plan) -> list[Machine]:
    out = []
    for r in plan.by_type(INSTANCE) + plan.by_type(TEMPLATE):
        role = str((r.inputs.get("labels") or {}).get("role", ""))
        if role not in VM_ROLES:
            continue
        email = str((r.inputs.get("serviceAccount") or {}).get("email", ""))
        metadata = {str(k): str(v) for k, v in (r.inputs.get("metadata") or {}).items()}
        out.append(Machine(role=role, name=r.name, member=f"serviceAccount:{email}", metadata=metadata))
    return out


def _bucket_names(attribute: str, value: str) -> list[str]:
    if attribute == "kaleo-buckets":
        try:
            names = json.loads(value)
        except json.JSONDecodeError:
            return []
        return [str(v) for v in names.values()] if isinstance(names, dict) else []
    return [value] if value else []


def _need(perms: frozenset[str]) -> str:
    return "+".join(sorted(p.rsplit(".", 1)[-1] for p in perms))


def check_bucket(declared: Declared, consumer: str, member: str, bucket: str, perms: frozenset[str], why: str) -> Link:
    need = f"{_need(perms)} on gs://{bucket} ({why})"
    if declared.bucket(bucket) is None:
        return Link(consumer, "bucket", bucket, need, False, f"no stack declares bucket {bucket}")
    granted = declared.bucket_permissions(member, bucket)
    lacking = sorted(perms - granted)
    if lacking:
        return Link(consumer, "bucket", bucket, need, False, f"{member} lacks {', '.join(lacking)} on {bucket}")
    return Link(consumer, "bucket", bucket, need, True)


def boot_link(consumer: str, role: str, script: str, books: Playbooks) -> Link:
    """The VM's boot converges its role: the script accepts the role, site.yml has a play for its group."""
    group = role.replace("-", "_")
    need = f"the startup script converges role {role} (site.yml group {group})"
    accepted = sorted(set(_SCRIPT_ROLE.findall(script)))
    if role not in accepted:
        detail = f"the startup script refuses kaleo-role {role} (it accepts {', '.join(accepted)})"
        return Link(consumer, "boot", f"site.yml group {group}", need, False, detail)
    if not books.plays_of.get(role):
        detail = (
            f"site.yml (and what it imports) has no play for group {group}: the VM would boot into the base system only"
        )
        return Link(consumer, "boot", f"site.yml group {group}", need, False, detail)
    return Link(consumer, "boot", f"site.yml group {group}", need, True, "; ".join(books.plays_of[role]))


def check(plans: list[Plan], books: Playbooks) -> WiringReport:
    report = WiringReport(stacks=[p.stack for p in plans], playbooks=str(books.root))
    declared = Declared(plans)
    vms = [m for plan in plans for m in machines(plan)]
    if not vms:
        raise BadInput(f"the plans of {', '.join(report.stacks)} hold no VM or instance template")
    by_role: dict[str, list[Machine]] = {}
    for m in vms:
        by_role.setdefault(m.role, []).append(m)

    for role, group in sorted(by_role.items()):
        needed = books.metadata_needed(role)
        for m in sorted(group, key=lambda m: m.name):
            consumer = f"{role} VM {m.name}"
            # 1. what the startup script reads
            script = m.metadata.get("startup-script", "")
            if not script:
                report.links.append(Link(consumer, "metadata", "startup-script", "boot", False, "no startup-script"))
            else:
                report.links.append(boot_link(consumer, role, script, books))
            for attr in sorted(set(_SCRIPT_ATTR.findall(script))):
                ok = attr in m.metadata
                detail = "" if ok else f"the startup script reads {attr}, the VM metadata has no such key"
                report.links.append(Link(consumer, "metadata", attr, "startup script", ok, detail))
            # 2. what the roles read from the metadata (values and secret ids)
            for attr, (arole, var, is_secret) in sorted(needed.items()):
                why = f"role {arole} uses {var}"
                if attr not in m.metadata:
                    report.links.append(
                        Link(consumer, "metadata", attr, why, False, f"{why}, the VM metadata has no key {attr}")
                    )
                    continue
                report.links.append(Link(consumer, "metadata", attr, why, True))
                if is_secret:
                    secret_id = m.metadata[attr]
                    secret = declared.secret(secret_id)
                    if secret is None:
                        detail = f"no stack declares secret {secret_id}"
                        report.links.append(Link(consumer, "secret", secret_id, "access", False, detail))
                    elif not declared.may_access_secret(m.member, secret):
                        detail = f"{m.member} may not access secret {secret_id}"
                        report.links.append(Link(consumer, "secret", secret_id, "access", False, detail))
                    else:
                        report.links.append(Link(consumer, "secret", secret_id, "access", True))
            # 2b. secrets kaleo-dr reads on the VM
            for attr in sorted(set(SECRET_METADATA) & set(m.metadata)):
                secret_id = m.metadata[attr]
                secret = declared.secret(secret_id)
                if secret is None:
                    detail = f"no stack declares secret {secret_id}"
                    report.links.append(Link(consumer, "secret", secret_id, SECRET_METADATA[attr], False, detail))
                elif not declared.may_access_secret(m.member, secret):
                    detail = f"{m.member} may not access secret {secret_id}"
                    report.links.append(Link(consumer, "secret", secret_id, SECRET_METADATA[attr], False, detail))
                else:
                    report.links.append(Link(consumer, "secret", secret_id, SECRET_METADATA[attr], True))
            # 3. buckets named in the metadata
            for attr, perms in BUCKET_METADATA.items():
                if attr in m.metadata:
                    for bucket in _bucket_names(attr, m.metadata[attr]):
                        report.links.append(check_bucket(declared, consumer, m.member, bucket, perms, attr))
            # 4. buckets written in the defaults of the roles this VM runs
            for (arole, var), bucket in sorted(books.default_buckets.items()):
                if arole in books.roles_of.get(role, []):
                    why = f"role {arole} default {var}"
                    report.links.append(check_bucket(declared, consumer, m.member, bucket, BUCKET_DEFAULTS[var], why))
            # pins are deploy-time values, not links: unset ones are reported, the VM refuses to boot
            for attr in ("kaleo-bundle-sha256", "kaleo-release-sha256"):
                if attr in m.metadata and not m.metadata[attr]:
                    report.warnings.append(f"{role} VMs: {attr} is empty (the boot refuses an unpinned artifact)")

    _check_services(plans, declared, report)
    _check_agent_identity(plans, declared, report)
    _check_autoheal(plans, books, report)
    _check_standby_path(plans, report)
    report.warnings = sorted(set(report.warnings))
    return report


def _check_services(plans: list[Plan], declared: Declared, report: WiringReport) -> None:
    for consumer, (account_key, bucket_key, perms) in SERVICE_CONSUMERS.items():
        for plan in plans:
            email, bucket = plan.outputs.get(account_key), plan.outputs.get(bucket_key)
            if email and bucket:
                member = f"serviceAccount:{email}"
                report.links.append(check_bucket(declared, consumer, member, str(bucket), perms, consumer))


def _check_agent_identity(plans: list[Plan], declared: Declared, report: WiringReport) -> None:
    """The AWS agent's role may act as its GCP account: provider condition, pool and binding name the same role."""
    for plan in plans:
        email = plan.outputs.get("agentAccount")
        if not email:
            continue
        local = str(email).split("@", 1)[0]
        account = next((r for r in declared.of(ACCOUNT) if local in (r.name, r.inputs.get("accountId"))), None)
        need = f"the agent's AWS role may act as {email} (roles/iam.workloadIdentityUser through the pool)"
        providers = declared.of(POOL_PROVIDER)
        if account is None or not providers:
            what = "no service account" if account is None else "no workload identity provider"
            report.links.append(Link(AGENT, "identity", str(email), need, False, f"{what} declared for {email}"))
            continue
        for provider in providers:
            condition = _AWS_ROLE_CONDITION.match(str(provider.inputs.get("attributeCondition") or "").strip())
            pool_id = str(provider.inputs.get("workloadIdentityPoolId"))
            if condition is None or not (provider.inputs.get("aws") or {}).get("accountId"):
                detail = (
                    f"provider {provider.name} is not an AWS provider admitting one role (attribute.aws_role == ...)"
                )
                report.links.append(Link(AGENT, "identity", pool_id, need, False, detail))
                continue
            arn = condition.group(1)
            account_id = str(provider.inputs["aws"]["accountId"])
            if f"::{account_id}:" not in arn:
                detail = f"provider {provider.name} trusts account {account_id} but admits {arn}"
                report.links.append(Link(AGENT, "identity", arn, need, False, detail))
                continue
            pool = next((r for r in declared.of(POOL) if r.inputs.get("workloadIdentityPoolId") == pool_id), None)
            member = re.compile(
                rf"^principalSet://iam\.googleapis\.com/projects/[^/]+/locations/global/workloadIdentityPools/"
                rf"{re.escape(pool_id)}/attribute\.aws_role/{re.escape(arn)}$"
            )
            bound = [
                r
                for r in declared.of(*ACCOUNT_GRANTS)
                if r.inputs.get("role") == WORKLOAD_IDENTITY_USER
                and refers_to(r.inputs.get("serviceAccountId"), account)
                and any(member.match(m) for m in Declared._members(r))
            ]
            if pool is None:
                detail = f"provider {provider.name} names pool {pool_id}, which no stack declares"
            elif not bound:
                detail = f"no {WORKLOAD_IDENTITY_USER} binding lets {arn} (pool {pool_id}) act as {email}"
            else:
                detail = ""
            report.links.append(Link(AGENT, "identity", arn, need, not detail, detail or bound[0].name))


def _check_autoheal(plans: list[Plan], books: Playbooks, report: WiringReport) -> None:
    defaults = _yaml(books.root / "roles" / "app" / "defaults" / "main.yml") or {}
    path, port = defaults.get("app_nginx_health_path"), defaults.get("app_nginx_port")
    for plan in plans:
        for group in plan.by_type(GROUP_MANAGER):
            ref = (group.inputs.get("autoHealingPolicies") or {}).get("healthCheck")
            check_ = next((h for h in plan.by_type(HEALTH_CHECK) if refers_to(ref, h)), None)
            consumer = f"auto-healing of {group.name}"
            need = f"GET :{port}{path} (nginx answers it once the boot converged)"
            if check_ is None:
                report.links.append(Link(consumer, "health", str(ref), need, False, "no health check declared"))
                continue
            http = check_.inputs.get("httpHealthCheck") or {}
            got = (str(http.get("requestPath")), int(float(http.get("port") or 0)))
            ok = got == (str(path), int(port or 0))
            detail = "" if ok else f"{check_.name} asks :{got[1]}{got[0]}, the app role's nginx answers :{port}{path}"
            report.links.append(Link(consumer, "health", check_.name, need, ok, detail))


def _same_network(ref: Any, vpc: PlannedResource | None, self_link: Any = None) -> bool:
    if not isinstance(ref, str):
        return False
    return (vpc is not None and refers_to(ref, vpc)) or (bool(self_link) and ref == self_link)


def _covers(ranges: Any, cidr: str) -> bool:
    import ipaddress

    try:
        want = ipaddress.ip_network(cidr)
        return any(want.subnet_of(ipaddress.ip_network(str(r))) for r in ranges or [])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _check_standby_path(plans: list[Plan], report: WiringReport) -> None:
    """The failover app VMs reach the promoted standby: peering both ways, 5432 admitted, pg_hba, db host."""
    standby = next((p for p in plans if p.outputs.get("standbyNetwork")), None)
    if standby is None:
        return  # no standby database: nothing to reach
    standby_net = standby.outputs["standbyNetwork"]
    standby_vpc = next((r for r in standby.by_type(NETWORK) if refers_to(standby_net, r)), None)
    tag = str(standby.outputs.get("standbyDbTag") or "")
    standby_vms = [r for r in standby.by_type(INSTANCE) if tag and tag in (r.inputs.get("tags") or [])]
    for plan in (p for p in plans if p.outputs.get("mode") == "failover"):
        consumer = f"failover app ({plan.stack}) -> promoted standby DB ({standby.stack})"
        app_template = next(iter(plan.by_type(TEMPLATE)), None)
        subnet_ref = ((app_template.inputs.get("networkInterfaces") or [{}])[0] if app_template else {}).get(
            "subnetwork"
        )
        app_subnet = next((r for r in plan.by_type(SUBNETWORK) if refers_to(subnet_ref, r)), None)
        if app_subnet is None:
            report.links.append(Link(consumer, "network", "app subnet", "5432", False, "no app subnet in the plan"))
            continue
        app_cidr = str(app_subnet.inputs.get("ipCidrRange"))
        app_vpc = next((r for r in plan.by_type(NETWORK) if refers_to(app_subnet.inputs.get("network"), r)), None)
        peerings = plan.by_type(PEERING) + standby.by_type(PEERING)
        setting = f"set kaleo:gcpStandbyStack: {standby.stack} in Pulumi.{plan.stack}.yaml"
        for direction, local, remote, local_link, remote_link in (
            ("failover -> standby", app_vpc, standby_vpc, None, standby_net),
            ("standby -> failover", standby_vpc, app_vpc, standby_net, None),
        ):
            found = [
                r
                for r in peerings
                if _same_network(r.inputs.get("network"), local, local_link)
                and _same_network(r.inputs.get("peerNetwork"), remote, remote_link)
            ]
            detail = "" if found else f"no VPC peering {direction}: the app cannot reach the standby ({setting})"
            report.links.append(Link(consumer, "network", f"peering {direction}", "VPC peering", bool(found), detail))
        rules = [
            r
            for r in plan.by_type(FIREWALL) + standby.by_type(FIREWALL)
            if _same_network(r.inputs.get("network"), standby_vpc, standby_net)
            and str(r.inputs.get("direction", "INGRESS")) == "INGRESS"
            and _covers(r.inputs.get("sourceRanges"), app_cidr)
            and tag in (r.inputs.get("targetTags") or [tag])
            and any(
                a.get("protocol") in ("tcp", "all") and (not a.get("ports") or POSTGRES_PORT in a.get("ports"))
                for a in r.inputs.get("allows") or []
            )
        ]
        admits = f"{app_cidr} on {POSTGRES_PORT} to tag {tag}"
        detail = "" if rules else f"no firewall rule on the standby network admits {admits} ({setting})"
        report.links.append(
            Link(consumer, "network", f"firewall {app_cidr} -> {tag}:{POSTGRES_PORT}", "ingress", bool(rules), detail)
        )
        for vm in standby_vms:
            hba = str((vm.inputs.get("metadata") or {}).get("kaleo-app-subnet", ""))
            ok = _covers([hba] if hba else [], app_cidr)
            detail = "" if ok else f"{vm.name} kaleo-app-subnet is {hba or 'unset'}, the app subnet is {app_cidr}"
            report.links.append(Link(consumer, "network", f"pg_hba of {vm.name}", "hostssl from the app", ok, detail))
        if plan.outputs.get("dbSource") == "standby" and app_template is not None:
            host = str((app_template.inputs.get("metadata") or {}).get("kaleo-db-host", ""))
            want = str(standby.outputs.get("standbyDbIp", ""))
            ok = bool(host) and host == want
            detail = "" if ok else f"the app template's kaleo-db-host is {host or 'unset'}, the standby DB is {want}"
            report.links.append(Link(consumer, "network", "kaleo-db-host", "the promoted standby", ok, detail))


def run_wiring(
    stack: str = "gcp",
    standby_stack: str = "gcp-standby",
    project_dir: Path | None = None,
    playbooks: Path | None = None,
) -> WiringReport:
    books = load_playbooks(playbooks or DEFAULT_PLAYBOOKS)
    plans = [run_plan(s, project_dir) for s in (stack, standby_stack) if s]
    return check(plans, books)


def render(report: WiringReport) -> None:
    from rich.markup import escape

    kinds: dict[str, int] = {}
    for link in report.links:
        kinds[link.kind] = kinds.get(link.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    console.print(
        f"wiring of {', '.join(report.stacks)} with {report.playbooks}: {len(report.links)} links ({summary})"
    )
    for link in report.missing:
        console.print(f"  [red]✘[/] {escape(link.consumer)}: {escape(link.detail)}")
    for warning in report.warnings:
        console.print(f"  [yellow]![/] {escape(warning)}")
    if report.ok:
        console.print("[green]every consumed bucket, secret, metadata key and health path is declared and granted[/]")
    else:
        console.print(f"[red]{len(report.missing)} missing link(s)[/]")


def register(app: typer.Typer) -> None:
    @app.command("wiring")
    def wiring_command(
        stack: Annotated[
            str | None, typer.Option("--stack", help="GCP failover stack (default: pulumi.gcp_stack).")
        ] = None,
        standby_stack: StandbyStackOpt = "gcp-standby",
        project_dir: ConfiguredProjectDirOpt = None,
        playbooks: Annotated[
            Path | None, typer.Option("--playbooks", help="Folder with site.yml and roles/ (default: this checkout's).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Check offline that every bucket, secret, metadata key and permission the VMs use is declared and granted.

        Reads the plans of the failover and standby stacks, the roles and the startup script;
        exit 1 names each missing link.
        """
        settings = get_config().pulumi
        project_dir = configured_project_dir(project_dir)
        gcp_stack = stack or settings.gcp_stack
        info(f"planning {gcp_stack}, {standby_stack} offline...", as_json)
        report = run_wiring(gcp_stack, standby_stack, project_dir, playbooks)
        emit(report.to_dict(), as_json, lambda _: render(report))
        if not report.ok:
            raise typer.Exit(1)
