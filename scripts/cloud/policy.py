"""Guardrails as code: the policies every Kaleo stack must pass, and ``kaleo-dr policy``.

Each policy is a plain function from the resources of one stack (anything with ``.type``,
``.name`` and ``.inputs`` in engine camelCase, see ``scripts.cloud.planquery``) to the list of
violations it finds. The same functions run in two places:

* ``kaleo-dr policy check --stack NAME`` evaluates them offline against the recorded plan
  (``scripts.cloud.plan.run_plan``), no cloud needed;
* the pulumi-policy pack in ``policy/`` wraps each one in a ``StackValidationPolicy``
  (:func:`pack_validator`) so ``pulumi preview/up --policy-pack policy`` enforces them.

Policies: no public IP on data-tier VMs; no SSH from anywhere (both clouds); no public
bucket (GCS public access prevention and no allUsers grants; S3 public access block and
no public bucket policy or ACL); RDS encrypted and not publicly accessible; deletion
protection on stateful resources (RDS, the database VM, its data disk's snapshots that
outlive it, the dump bucket's retention policy); PostgreSQL reachable only from private
ranges (the standby's replication runs over the VPN, never the internet), and a VPN to the
standby only with logical replication on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, new_app
from scripts.cloud.planquery import ResourceLike, number, refers_to, tag
from scripts.output import BadInput, ExitCode, console, emit, info

ANYWHERE = ("0.0.0.0/0", "::/0")
PUBLIC_MEMBERS = ("allUsers", "allAuthenticatedUsers")
SSH_PORT = 22


@dataclass(frozen=True)
class Violation:
    policy: str
    resource_type: str
    resource: str
    message: str
    urn: str | None = None


@dataclass(frozen=True)
class Resource:
    """A resource as the policies see it (the pack adapts pulumi-policy's resources to this)."""

    type: str
    name: str
    inputs: Mapping[str, Any]
    urn: str | None = None


@dataclass(frozen=True)
class Policy:
    name: str
    description: str
    check: Callable[[Sequence[ResourceLike]], list[Violation]]


def _violation(policy: str, r: ResourceLike, message: str) -> Violation:
    return Violation(policy, r.type, r.name, message, getattr(r, "urn", None))


def _of(resources: Iterable[ResourceLike], *types: str) -> list[ResourceLike]:
    return [r for r in resources if r.type in types]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


# --- no public IP on data-tier VMs -------------------------------------------------------

NO_PUBLIC_IP = "no-public-ip-on-data-tier"


def no_public_ip_on_data_tier(resources: Sequence[ResourceLike]) -> list[Violation]:
    """VMs of the db, cache and search tiers have no external address (GCP access config, AWS public IP)."""
    from stacks.common import DATA_ROLES  # imports pulumi: keep it out of the CLI's import time

    out = []
    for r in _of(resources, "gcp:compute/instance:Instance", "gcp:compute/instanceTemplate:InstanceTemplate"):
        role = tag(r, "role")
        if role not in DATA_ROLES:
            continue
        for nic in _list(r.inputs.get("networkInterfaces")):
            if _list(nic.get("accessConfigs")) or _list(nic.get("ipv6AccessConfigs")):
                out.append(_violation(NO_PUBLIC_IP, r, f"{role} VM {r.name} has an external IP (access config)"))
    for r in _of(resources, "aws:ec2/instance:Instance"):
        role = tag(r, "role")
        if role in DATA_ROLES and r.inputs.get("associatePublicIpAddress") is True:
            out.append(_violation(NO_PUBLIC_IP, r, f"{role} instance {r.name} gets a public IP"))
    for r in _of(resources, "aws:ec2/launchTemplate:LaunchTemplate"):
        role = tag(r, "role")
        nics = _list(r.inputs.get("networkInterfaces"))
        if role in DATA_ROLES and any(str(n.get("associatePublicIpAddress")).lower() == "true" for n in nics):
            out.append(_violation(NO_PUBLIC_IP, r, f"{role} launch template {r.name} gives public IPs"))
    return out


# --- no SSH from anywhere ----------------------------------------------------------------

NO_OPEN_SSH = "no-ssh-from-anywhere"


def _port_spec_covers(spec: str, port: int) -> bool:
    low, _, high = spec.partition("-")
    try:
        return int(low) <= port <= int(high or low)
    except ValueError:
        return False


def _aws_rule_opens_ssh(protocol: Any, from_port: Any, to_port: Any) -> bool:
    if str(protocol) in ("-1", "all"):
        return True
    if str(protocol).lower() not in ("tcp", "6"):
        return False
    return number(from_port, 0) <= SSH_PORT <= number(to_port, 65535)


def no_ssh_from_anywhere(resources: Sequence[ResourceLike]) -> list[Violation]:
    """No firewall rule or security group lets 0.0.0.0/0 (or ::/0) reach port 22."""
    out = []
    for r in _of(resources, "gcp:compute/firewall:Firewall"):
        if str(r.inputs.get("direction", "INGRESS")).upper() == "EGRESS":
            continue
        if not set(_list(r.inputs.get("sourceRanges"))) & set(ANYWHERE):
            continue
        for allow in _list(r.inputs.get("allows")):
            protocol = str(allow.get("protocol", "")).lower()
            ports = _list(allow.get("ports"))
            if protocol in ("all", "tcp", "6") and (
                not ports or any(_port_spec_covers(str(p), SSH_PORT) for p in ports)
            ):
                out.append(_violation(NO_OPEN_SSH, r, f"firewall rule {r.name} allows SSH (22) from anywhere"))
                break
    for r in _of(resources, "aws:ec2/securityGroup:SecurityGroup"):
        for rule in _list(r.inputs.get("ingress")):
            cidrs = _list(rule.get("cidrBlocks")) + _list(rule.get("ipv6CidrBlocks"))
            if set(cidrs) & set(ANYWHERE) and _aws_rule_opens_ssh(
                rule.get("protocol"), rule.get("fromPort"), rule.get("toPort")
            ):
                out.append(_violation(NO_OPEN_SSH, r, f"security group {r.name} allows SSH (22) from anywhere"))
    for r in _of(resources, "aws:ec2/securityGroupRule:SecurityGroupRule"):
        cidrs = _list(r.inputs.get("cidrBlocks")) + _list(r.inputs.get("ipv6CidrBlocks"))
        if (
            r.inputs.get("type") == "ingress"
            and set(cidrs) & set(ANYWHERE)
            and _aws_rule_opens_ssh(r.inputs.get("protocol"), r.inputs.get("fromPort"), r.inputs.get("toPort"))
        ):
            out.append(_violation(NO_OPEN_SSH, r, f"security group rule {r.name} allows SSH (22) from anywhere"))
    for r in _of(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"):
        from_anywhere = r.inputs.get("cidrIpv4") in ANYWHERE or r.inputs.get("cidrIpv6") in ANYWHERE
        if from_anywhere and _aws_rule_opens_ssh(
            r.inputs.get("ipProtocol"), r.inputs.get("fromPort"), r.inputs.get("toPort")
        ):
            out.append(_violation(NO_OPEN_SSH, r, f"ingress rule {r.name} allows SSH (22) from anywhere"))
    return out


# --- no public buckets -------------------------------------------------------------------

NO_PUBLIC_BUCKETS = "no-public-buckets"
S3_BUCKETS = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
PUBLIC_ACCESS_BLOCK_FLAGS = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")


def _public_statement(statement: Mapping[str, Any]) -> bool:
    if statement.get("Effect") != "Allow" or statement.get("Condition"):
        return False
    principal = statement.get("Principal")
    if principal == "*":
        return True
    return isinstance(principal, Mapping) and "*" in [*_list(principal.get("AWS")), principal.get("AWS")]


def no_public_buckets(resources: Sequence[ResourceLike]) -> list[Violation]:
    """GCS: public access prevention enforced, no allUsers grants.

    S3: a public access block with all four flags on, no public bucket policy or ACL.
    """
    out = []
    for r in _of(resources, "gcp:storage/bucket:Bucket"):
        if r.inputs.get("publicAccessPrevention") != "enforced":
            out.append(_violation(NO_PUBLIC_BUCKETS, r, f"bucket {r.name}: public access prevention is not enforced"))
    for r in _of(
        resources,
        "gcp:storage/bucketIAMMember:BucketIAMMember",
        "gcp:storage/bucketIAMBinding:BucketIAMBinding",
        "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
        "gcp:storage/bucketACL:BucketACL",
        "gcp:storage/bucketAccessControl:BucketAccessControl",
        "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
        "gcp:storage/objectAccessControl:ObjectAccessControl",
    ):
        text = json.dumps(dict(r.inputs))
        if any(m in text for m in PUBLIC_MEMBERS):
            out.append(_violation(NO_PUBLIC_BUCKETS, r, f"{r.name} grants a bucket to allUsers/allAuthenticatedUsers"))
    blocks = _of(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
    for r in _of(resources, *S3_BUCKETS):
        if str(r.inputs.get("acl", "")).startswith("public-"):
            out.append(_violation(NO_PUBLIC_BUCKETS, r, f"S3 bucket {r.name} has a public ACL"))
        mine = [
            b
            for b in blocks
            if refers_to(b.inputs.get("bucket"), r) or b.inputs.get("bucket") == r.inputs.get("bucket")
        ]
        unresolved = [b for b in blocks if not isinstance(b.inputs.get("bucket"), str)]
        candidates = mine or unresolved
        if not any(all(b.inputs.get(flag) is True for flag in PUBLIC_ACCESS_BLOCK_FLAGS) for b in candidates):
            out.append(
                _violation(
                    NO_PUBLIC_BUCKETS, r, f"S3 bucket {r.name} has no public access block with all four flags on"
                )
            )
    for r in _of(resources, "aws:s3/bucketAclV2:BucketAclV2"):
        if str(r.inputs.get("acl", "")).startswith("public-"):
            out.append(_violation(NO_PUBLIC_BUCKETS, r, f"S3 bucket ACL {r.name} is public"))
    for r in _of(resources, "aws:s3/bucketPolicy:BucketPolicy"):
        document = _json(r.inputs.get("policy"))
        statements = _list(document.get("Statement")) if isinstance(document, Mapping) else []
        if any(isinstance(s, Mapping) and _public_statement(s) for s in statements):
            out.append(_violation(NO_PUBLIC_BUCKETS, r, f"bucket policy {r.name} allows everyone (Principal *)"))
    return out


# --- RDS encrypted and private -----------------------------------------------------------

RDS_PRIVATE = "rds-encrypted-and-private"
RDS_TYPES = ("aws:rds/instance:Instance", "aws:rds/cluster:Cluster")


def rds_encrypted_and_private(resources: Sequence[ResourceLike]) -> list[Violation]:
    """RDS storage is encrypted and the database is not publicly accessible."""
    out = []
    for r in _of(resources, *RDS_TYPES):
        if r.inputs.get("storageEncrypted") is not True:
            out.append(_violation(RDS_PRIVATE, r, f"RDS {r.name}: storage is not encrypted"))
        if r.inputs.get("publiclyAccessible") is True:
            out.append(_violation(RDS_PRIVATE, r, f"RDS {r.name}: publicly accessible"))
    return out


# --- deletion protection on stateful resources -------------------------------------------

DELETION_PROTECTION = "deletion-protection-on-stateful"
KEEP_SNAPSHOTS = "KEEP_AUTO_SNAPSHOTS"


def _snapshot_policy_keeps(policy: ResourceLike) -> bool:
    schedule = policy.inputs.get("snapshotSchedulePolicy") or {}
    retention = schedule.get("retentionPolicy") or {}
    return bool(schedule) and retention.get("onSourceDiskDelete") == KEEP_SNAPSHOTS


def _disk_snapshot_problem(refs: Sequence[Any], policies: Sequence[ResourceLike]) -> str:
    """Why the snapshot policies referred to by ``refs`` do not prove that snapshots outlive the disk
    ("" when one of them does). A reference that cannot be read, or that names no policy of this stack,
    proves nothing: unknown is not no."""
    keeps = f"snapshot schedule keeping snapshots after disk deletion ({KEEP_SNAPSHOTS})"
    if not refs:
        return f"no {keeps}"
    if any(_snapshot_policy_keeps(p) for p in policies if any(refers_to(ref, p) for ref in refs)):
        return ""
    unreadable = [repr(ref) for ref in refs if not isinstance(ref, str) or not ref]
    if unreadable:
        return (
            f"cannot tell whether it has a {keeps}: its resource policy reference cannot be read "
            f"({', '.join(unreadable)}; unknown in this plan)"
        )
    foreign = [ref for ref in refs if not any(refers_to(ref, p) for p in policies)]
    if foreign:
        return (
            f"cannot tell whether it has a {keeps}: resource policy {', '.join(foreign)} is not in this stack, "
            "so its retention cannot be read"
        )
    return f"no {keeps}"


def deletion_protection_on_stateful(resources: Sequence[ResourceLike]) -> list[Violation]:
    """RDS and the database VM have deletion protection; the DB data disk has snapshots that outlive it;
    the dump bucket has a retention policy."""
    out = []
    for r in _of(resources, *RDS_TYPES):
        if r.inputs.get("deletionProtection") is not True:
            out.append(_violation(DELETION_PROTECTION, r, f"RDS {r.name}: deletion protection is off"))
    for r in _of(resources, "gcp:compute/instance:Instance"):
        if tag(r, "role") in ("db", "standby-db") and r.inputs.get("deletionProtection") is not True:
            out.append(_violation(DELETION_PROTECTION, r, f"database VM {r.name}: deletion protection is off"))
    policies = _of(resources, "gcp:compute/resourcePolicy:ResourcePolicy")
    attachments = _of(resources, "gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment")
    for disk in _of(resources, "gcp:compute/disk:Disk"):
        if tag(disk, "role") != "db":
            continue
        refs = [a.inputs.get("name") for a in attachments if refers_to(a.inputs.get("disk"), disk)]
        refs += _list(disk.inputs.get("resourcePolicies"))
        problem = _disk_snapshot_problem(refs, policies)
        if problem:
            out.append(_violation(DELETION_PROTECTION, disk, f"database data disk {disk.name}: {problem}"))
    for r in _of(resources, "gcp:storage/bucket:Bucket"):
        if tag(r, "bucket") != "dumps":
            continue
        period = number((r.inputs.get("retentionPolicy") or {}).get("retentionPeriod"))
        if period <= 0:
            out.append(_violation(DELETION_PROTECTION, r, f"dump bucket {r.name}: no retention policy"))
    return out


# --- PostgreSQL only from private ranges; the standby VPN only with logical replication -------

DB_PRIVATE_RANGES = "db-port-from-private-ranges-only"
PG_PORT = 5432


def _public_cidr(cidr: Any) -> bool:
    import ipaddress

    try:
        return not ipaddress.ip_network(str(cidr), strict=False).is_private
    except ValueError:
        return True


def db_port_from_private_ranges(resources: Sequence[ResourceLike]) -> list[Violation]:
    """No firewall rule or security group admits PostgreSQL (5432) from a public range; the standby
    replicates over the VPN. A stack with a VPN to the standby sets rds.logical_replication=1."""
    out = []
    for r in _of(resources, "gcp:compute/firewall:Firewall"):
        if r.inputs.get("direction", "INGRESS") != "INGRESS":
            continue
        opens = any(
            not _list(a.get("ports")) or any(_port_spec_covers(str(p), PG_PORT) for p in _list(a.get("ports")))
            for a in _list(r.inputs.get("allows"))
            if str(a.get("protocol")) in ("tcp", "all")
        )
        public = [c for c in _list(r.inputs.get("sourceRanges")) if _public_cidr(c)]
        if opens and public:
            out.append(_violation(DB_PRIVATE_RANGES, r, f"firewall {r.name} admits 5432 from {', '.join(public)}"))
    for r in _of(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"):
        low, high = number(r.inputs.get("fromPort"), -1), number(r.inputs.get("toPort"), -1)
        cidr = r.inputs.get("cidrIpv4") or r.inputs.get("cidrIpv6")
        if cidr and low <= PG_PORT <= high and _public_cidr(cidr):
            out.append(_violation(DB_PRIVATE_RANGES, r, f"security group rule {r.name} admits 5432 from {cidr}"))
    if _of(resources, "aws:ec2/vpnConnection:VpnConnection"):
        for pg in _of(resources, "aws:rds/parameterGroup:ParameterGroup"):
            params = {p.get("name"): str(p.get("value")) for p in _list(pg.inputs.get("parameters"))}
            if params.get("rds.logical_replication") != "1":
                out.append(
                    _violation(
                        DB_PRIVATE_RANGES, pg, f"{pg.name}: a VPN to the standby but rds.logical_replication is off"
                    )
                )
    return out


LEAST_PRIVILEGE = "continuity-jobs-least-privilege"
READ_ONLY_PREFIXES = ("Describe", "List", "Get")
#: Storage roles the watcher may hold on a bucket; objectCreator only with a condition (its own prefixes).
WATCHER_BUCKET_ROLES = ("roles/storage.objectViewer", "roles/storage.objectCreator")


def _statements(policy: Any) -> list[Mapping[str, Any]]:
    doc = _json(policy)
    if not isinstance(doc, Mapping):
        return []
    return [s for s in _list(doc.get("Statement")) if isinstance(s, Mapping)]


def continuity_least_privilege(resources: Sequence[ResourceLike]) -> list[Violation]:
    """IAM of the continuity jobs (and every inline AWS role policy): no wildcard action, ``Resource: "*"``
    only for read-only calls, RDS deletions only with a tag condition; the continuity agent is one
    instance; the watcher reads the dump bucket and writes it only under a condition (its prefixes)."""
    out: list[Violation] = []
    for r in _of(resources, "aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy"):
        for s in _statements(r.inputs.get("policy")):
            if s.get("Effect") != "Allow":
                continue
            actions = [str(a) for a in _list(s.get("Action")) or [s.get("Action")] if a]
            wild = [a for a in actions if a == "*" or a.endswith(":*")]
            if wild:
                out.append(_violation(LEAST_PRIVILEGE, r, f"{r.name}: wildcard action {', '.join(wild)}"))
            if "*" in (_list(s.get("Resource")) or [s.get("Resource")]):
                writes = [a for a in actions if not a.split(":")[-1].startswith(READ_ONLY_PREFIXES)]
                if writes:
                    out.append(_violation(LEAST_PRIVILEGE, r, f"{r.name}: {', '.join(writes)} on every resource (*)"))
            if "rds:DeleteDBInstance" in actions and not s.get("Condition"):
                out.append(_violation(LEAST_PRIVILEGE, r, f"{r.name}: rds:DeleteDBInstance without a tag condition"))
    for r in _of(resources, "aws:autoscaling/group:Group"):
        tags = {t.get("key"): t.get("value") for t in _list(r.inputs.get("tags")) if isinstance(t, Mapping)}
        if tags.get("role") == "continuity" and r.inputs.get("maxSize") not in (1, 1.0):
            out.append(_violation(LEAST_PRIVILEGE, r, f"{r.name}: the continuity agent group must hold one instance"))
    for r in _of(resources, "gcp:storage/bucketIAMMember:BucketIAMMember"):
        if "watcher" not in str(r.inputs.get("member", "")):
            continue
        role = str(r.inputs.get("role", ""))
        if role not in WATCHER_BUCKET_ROLES:
            out.append(_violation(LEAST_PRIVILEGE, r, f"{r.name}: the watcher may only read buckets, not {role}"))
        elif role == "roles/storage.objectCreator" and not r.inputs.get("condition"):
            out.append(
                _violation(LEAST_PRIVILEGE, r, f"{r.name}: the watcher writes only under its prefixes (a condition)")
            )
    return out


POLICIES: tuple[Policy, ...] = (
    Policy(NO_PUBLIC_IP, "Data-tier VMs (db, cache, search) have no public IP address.", no_public_ip_on_data_tier),
    Policy(NO_OPEN_SSH, "No firewall rule or security group opens SSH (22) to 0.0.0.0/0.", no_ssh_from_anywhere),
    Policy(
        NO_PUBLIC_BUCKETS,
        "Buckets are never public: GCS public access prevention, S3 public access block, no allUsers.",
        no_public_buckets,
    ),
    Policy(
        RDS_PRIVATE, "RDS storage is encrypted and the instance is not publicly accessible.", rds_encrypted_and_private
    ),
    Policy(
        DELETION_PROTECTION,
        "Stateful resources are protected: RDS and DB VM deletion protection, DB disk snapshots kept, "
        "dump bucket retention.",
        deletion_protection_on_stateful,
    ),
    Policy(
        DB_PRIVATE_RANGES,
        "PostgreSQL (5432) is reachable only from private ranges; a VPN to the standby needs logical replication.",
        db_port_from_private_ranges,
    ),
    Policy(
        LEAST_PRIVILEGE,
        "IAM is least privilege: no wildcard actions, '*' resources only for reads, RDS deletes only by tag; "
        "the continuity agent is one instance; the watcher only reads, and writes only its own prefixes.",
        continuity_least_privilege,
    ),
)


def evaluate(resources: Sequence[ResourceLike], policies: Sequence[Policy] = POLICIES) -> list[Violation]:
    """Every violation of every policy in ``resources``."""
    return [v for p in policies for v in p.check(resources)]


def pack_validator(policy: Policy) -> Callable[[Any, Callable[..., None]], None]:
    """A pulumi-policy stack validation running ``policy`` on the stack's resources."""

    def validate(args: Any, report_violation: Callable[..., None]) -> None:
        resources = [Resource(r.resource_type, r.name, dict(r.props or {}), r.urn) for r in args.resources]
        for v in policy.check(resources):
            report_violation(v.message, v.urn)

    return validate


# --- CLI ---------------------------------------------------------------------------------


def _known_stacks(project_dir: Path | None) -> list[str]:
    from scripts.cloud.plan import project_root

    root = project_root(project_dir)
    return sorted(p.name[len("Pulumi.") : -len(".yaml")] for p in root.glob("Pulumi.*.yaml"))


def check_stacks(stacks: Sequence[str], project_dir: Path | None = None) -> dict[str, Any]:
    """Plan each stack offline and evaluate every policy; the report says which resource breaks which rule."""
    from concurrent.futures import ThreadPoolExecutor

    from scripts.cloud.plan import run_plan

    with ThreadPoolExecutor(max_workers=max(1, min(len(stacks), 3))) as pool:
        plans = list(pool.map(lambda s: run_plan(s, project_dir), stacks))
    report: dict[str, Any] = {"ok": True, "policies": [p.name for p in POLICIES], "stacks": {}, "not_evaluated": []}
    for plan in plans:
        violations = evaluate(plan.resources)
        # A plan with no resource gives every policy nothing to look at: not evaluated, never a pass.
        evaluated = bool(plan.resources)
        reason = "" if evaluated else f"the plan of stack '{plan.stack}' has no resources: nothing to check"
        report["stacks"][plan.stack] = {
            "resources": len(plan.resources),
            "evaluated": evaluated,
            "reason": reason,
            "policies": [
                {
                    "name": p.name,
                    "evaluated": evaluated,
                    "violations": sum(1 for v in violations if v.policy == p.name),
                    "reason": reason,
                }
                for p in POLICIES
            ],
            "violations": [asdict(v) for v in violations],
        }
        if not evaluated:
            report["not_evaluated"].append(plan.stack)
        report["ok"] = report["ok"] and evaluated and not violations
    return report


def _render(report: dict[str, Any]) -> None:
    for stack, result in report["stacks"].items():
        if not result["evaluated"]:
            console.print(f"[magenta]{stack}: NOT EVALUATED[/]: {result['reason']}")
            continue
        violations = result["violations"]
        if not violations:
            console.print(f"[green]{stack}: {result['resources']} resources pass {len(report['policies'])} policies[/]")
            continue
        console.print(f"[bold red]{stack}: {len(violations)} violation(s)[/]")
        for v in violations:
            console.print(f"  - [{v['policy']}] {v['message']}")


def register(app: typer.Typer) -> None:
    policy_app = new_app("Guardrails: the policies every stack must pass (offline, or as a pulumi-policy pack).")

    @policy_app.command("check")
    def check_command(
        stacks: Annotated[
            list[str] | None,
            typer.Option("--stack", "-s", help="Stack to check (repeatable; default: every Pulumi.<stack>.yaml)."),
        ] = None,
        project_dir: Annotated[
            Path | None, typer.Option("--project-dir", help="Folder with Pulumi.yaml (default: here).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Evaluate the policies against the offline plan of each stack; exit 1 listing every violation.

        Exit 2 when a stack's plan has no resources (the policies had nothing to evaluate: never a pass).
        """
        names = list(stacks or _known_stacks(project_dir))
        if not names:
            raise BadInput("no stack to check", hint="pass --stack NAME or run in the folder with Pulumi.<stack>.yaml")
        info(f"planning {', '.join(names)} offline...", as_json)
        report = check_stacks(names, project_dir)
        emit(report, as_json, _render)
        if any(result["violations"] for result in report["stacks"].values()):
            raise typer.Exit(int(ExitCode.CHECK_FAILED))
        if report["not_evaluated"]:
            raise typer.Exit(int(ExitCode.BAD_INPUT))

    @policy_app.command("list")
    def list_command(as_json: JsonOpt = False) -> None:
        """List the policies (the same ones the pulumi-policy pack in policy/ enforces)."""
        data = [{"name": p.name, "description": p.description} for p in POLICIES]

        def render(_: Any) -> None:
            for p in POLICIES:
                console.print(f"[bold]{p.name}[/]: {p.description}")

        emit(data, as_json, render)

    app.add_typer(policy_app, name="policy")
