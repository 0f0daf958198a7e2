"""``kaleo-dr parity``: does the GCP failover stack still cover the AWS production stack?

Standby environments drift: production grows, the failover stack file is forgotten.
This check compares the offline plans (``scripts.cloud.plan.run_plan``) of the AWS stack and of
the GCP stacks (the failover stack plus the always-on standby stack that owns the
buckets) tier by tier:

* every AWS tier (db, cache, search, app, object storage) has a GCP counterpart;
* per tier, GCP capacity >= AWS capacity in vCPU, memory GiB and disk GiB, sizes read
  through the mapping table ``stacks/instance_types.py``;
* every S3 bucket is copied to a GCS bucket by a Storage Transfer job.

How capacity is counted (documented in the README):

* db: RDS instance class and allocated storage / the PostgreSQL VM and its data disk(s);
* cache: ElastiCache node type x node count (primary and replicas), no disk / the Redis
  VMs (their disk is not compared: ElastiCache has none);
* search: OpenSearch data nodes (+ dedicated masters) and EBS volume per data node / the
  OpenSearch VMs and their data disks;
* app: launch template type x desired capacity and its root volumes / instance template
  machine type x managed group target size and its boot disks.

Exit 0 when everything is covered, 1 listing every shortfall, 2 for a type missing from
the mapping table (named), a stack that does not plan, or an AWS stack that plans nothing
to cover (nothing compared is not "covered").
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config
from scripts.cloud.plan import ConfiguredProjectDirOpt, StandbyStackOpt, configured_project_dir
from scripts.cloud.planquery import number as _f
from scripts.cloud.planquery import refers_to as _refers_to
from scripts.cloud.planquery import tag as _tag
from scripts.output import BadInput, console, emit, info

if TYPE_CHECKING:
    from scripts.cloud.plan import Plan

METRICS = (("vcpu", "vCPU"), ("memory_gib", "memory GiB"), ("disk_gib", "disk GiB"))
#: Compared for the app tier only: the size it may scale to (AWS maxSize, GCP autoscaler maximum).
PEAK_METRICS = (("peak_vcpu", "peak vCPU"), ("peak_memory_gib", "peak memory GiB"))
COMPUTE_ROLES = ("db", "cache", "search", "app")
#: The standby database VM (gcp-standby, ``kaleo:gcpStandbyDb``): promoted at failover, it must cover RDS too.
STANDBY_DB_ROLE = "standby-db"


@dataclass
class TierCapacity:
    """What one cloud runs for one tier."""

    vcpu: float = 0.0
    memory_gib: float = 0.0
    disk_gib: float = 0.0
    peak_vcpu: float = 0.0
    peak_memory_gib: float = 0.0
    types: dict[str, float] = field(default_factory=dict)

    def units(self) -> list[str]:
        return [f"{_num(count)} x {name}" for name, count in self.types.items()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "vcpu": self.vcpu,
            "memory_gib": self.memory_gib,
            "disk_gib": self.disk_gib,
            "peak_vcpu": self.peak_vcpu,
            "peak_memory_gib": self.peak_memory_gib,
            "units": self.units(),
        }

    def add(self, instance_type: str, count: float, disk_gib: float, where: str, peak: float | None = None) -> None:
        """Count ``count`` units of ``instance_type``; ``peak`` is how many the tier may scale to."""
        from stacks.instance_types import capacity

        try:
            cap = capacity(instance_type)
        except KeyError:
            raise BadInput(
                f"unknown instance type '{instance_type}' ({where}): it is not in the mapping table",
                hint="add it with its vCPU and memory to stacks/instance_types.py",
            ) from None
        self.vcpu += cap.vcpu * count
        self.memory_gib += cap.memory_gib * count
        self.peak_vcpu += cap.vcpu * (count if peak is None else peak)
        self.peak_memory_gib += cap.memory_gib * (count if peak is None else peak)
        self.disk_gib += disk_gib
        self.types[instance_type] = self.types.get(instance_type, 0) + count


@dataclass
class Shortfall:
    tier: str
    metric: str
    aws: float | None
    gcp: float | None
    message: str


@dataclass
class ParityReport:
    aws_stack: str
    gcp_stacks: list[str]
    tiers: dict[str, dict[str, Any]]
    buckets: dict[str, dict[str, Any]]
    shortfalls: list[Shortfall]

    @property
    def ok(self) -> bool:
        return not self.shortfalls

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "aws_stack": self.aws_stack,
            "gcp_stacks": self.gcp_stacks,
            "tiers": self.tiers,
            "buckets": self.buckets,
            "shortfalls": [asdict(s) for s in self.shortfalls],
        }


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


# --- AWS -----------------------------------------------------------------------------


def aws_capacity(plan: Plan) -> dict[str, TierCapacity]:
    tiers: dict[str, TierCapacity] = {}
    for r in plan.by_type("aws:rds/instance:Instance"):
        tiers.setdefault("db", TierCapacity()).add(
            str(r.inputs.get("instanceClass")), 1, _f(r.inputs.get("allocatedStorage")), f"AWS db tier, {r.name}"
        )
    for r in plan.by_type("aws:elasticache/replicationGroup:ReplicationGroup"):
        if r.inputs.get("numNodeGroups") is not None:
            nodes = _f(r.inputs.get("numNodeGroups"), 1) * (_f(r.inputs.get("replicasPerNodeGroup")) + 1)
        else:
            nodes = _f(r.inputs.get("numCacheClusters"), 1)
        tiers.setdefault("cache", TierCapacity()).add(
            str(r.inputs.get("nodeType")), nodes, 0, f"AWS cache tier, {r.name}"
        )
    for r in plan.by_type("aws:elasticache/cluster:Cluster"):
        if r.inputs.get("replicationGroupId"):
            continue  # a member of a replication group, already counted
        tiers.setdefault("cache", TierCapacity()).add(
            str(r.inputs.get("nodeType")), _f(r.inputs.get("numCacheNodes"), 1), 0, f"AWS cache tier, {r.name}"
        )
    for type_ in ("aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"):
        for r in plan.by_type(type_):
            cluster = r.inputs.get("clusterConfig") or {}
            ebs = r.inputs.get("ebsOptions") or {}
            count = _f(cluster.get("instanceCount"), 1)
            volume = _f(ebs.get("volumeSize")) if ebs.get("ebsEnabled", True) else 0.0
            tier = tiers.setdefault("search", TierCapacity())
            tier.add(str(cluster.get("instanceType")), count, volume * count, f"AWS search tier, {r.name}")
            if cluster.get("dedicatedMasterEnabled"):
                tier.add(
                    str(cluster.get("dedicatedMasterType")),
                    _f(cluster.get("dedicatedMasterCount"), 3),
                    0,
                    f"AWS search tier masters, {r.name}",
                )
    templates = plan.by_type("aws:ec2/launchTemplate:LaunchTemplate")
    for r in plan.by_type("aws:autoscaling/group:Group"):
        role = next(
            (t.get("value") for t in r.inputs.get("tags") or [] if isinstance(t, dict) and t.get("key") == "role"),
            "app",
        )
        if role != "app":
            continue  # not app capacity: the continuity agent's group of one
        ref = r.inputs.get("launchTemplate") or {}
        matches = [t for t in templates if _refers_to(ref.get("id"), t) or _refers_to(ref.get("name"), t)]
        if not matches and len(templates) == 1:
            matches = templates
        if not matches:
            raise BadInput(f"AWS app tier: the launch template of auto scaling group {r.name} is not in the plan")
        template = matches[0]
        desired = _f(r.inputs.get("desiredCapacity"), _f(r.inputs.get("minSize"), 1))
        root = sum(_f((m.get("ebs") or {}).get("volumeSize")) for m in template.inputs.get("blockDeviceMappings") or [])
        tiers.setdefault("app", TierCapacity()).add(
            str(template.inputs.get("instanceType")),
            desired,
            root * desired,
            f"AWS app tier, {template.name}",
            peak=_f(r.inputs.get("maxSize"), desired),
        )
    return tiers


def aws_buckets(plan: Plan) -> dict[str, str]:
    """S3 bucket name -> short name (tag ``bucket``) of the app's object buckets."""
    out: dict[str, str] = {}
    for type_ in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"):
        for r in plan.by_type(type_):
            if _tag(r, "role") not in (None, "storage"):
                continue
            name = str(r.inputs.get("bucket") or r.name)
            out[name] = _tag(r, "bucket") or name
    return out


# --- GCP -----------------------------------------------------------------------------


def gcp_capacity(plans: list[Plan]) -> dict[str, TierCapacity]:
    tiers: dict[str, TierCapacity] = {}
    for plan in plans:
        disks = plan.by_type("gcp:compute/disk:Disk")
        for r in plan.by_type("gcp:compute/instance:Instance"):
            role = _tag(r, "role")
            if role not in (*COMPUTE_ROLES, STANDBY_DB_ROLE):
                continue
            attached = [d for a in r.inputs.get("attachedDisks") or [] for d in disks if _refers_to(a.get("source"), d)]
            if attached:
                disk = sum(_f(d.inputs.get("size")) for d in attached)
            else:
                disk = _f(((r.inputs.get("bootDisk") or {}).get("initializeParams") or {}).get("size"), 10)
            tiers.setdefault(role, TierCapacity()).add(
                str(r.inputs.get("machineType")), 1, disk, f"GCP {role} tier, {r.name}"
            )
        templates = plan.by_type("gcp:compute/instanceTemplate:InstanceTemplate")
        autoscalers = plan.by_type("gcp:compute/regionAutoscaler:RegionAutoscaler") + plan.by_type(
            "gcp:compute/autoscaler:Autoscaler"
        )
        groups = plan.by_type("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager") + plan.by_type(
            "gcp:compute/instanceGroupManager:InstanceGroupManager"
        )
        for g in groups:
            versions = g.inputs.get("versions") or []
            ref = versions[0].get("instanceTemplate") if versions else None
            matches = [t for t in templates if _refers_to(ref, t)]
            if not matches:
                raise BadInput(f"GCP: the instance template of managed instance group {g.name} is not in the plan")
            template = matches[0]
            role = _tag(template, "role") or "app"
            scaler = next((a for a in autoscalers if _refers_to(a.inputs.get("target"), g)), None)
            policy = (scaler.inputs.get("autoscalingPolicy") or {}) if scaler else {}
            size = _f(policy.get("minReplicas"), _f(g.inputs.get("targetSize")))
            peak = _f(policy.get("maxReplicas"), size)
            boot = sum(_f(d.get("diskSizeGb"), 10) for d in template.inputs.get("disks") or [])
            tiers.setdefault(role, TierCapacity()).add(
                str(template.inputs.get("machineType")),
                size,
                boot * size,
                f"GCP {role} tier, {template.name}",
                peak=peak,
            )
    return tiers


def gcp_buckets(plans: list[Plan]) -> tuple[dict[str, str], dict[str, str]]:
    """(GCS object bucket name -> short name, S3 source bucket -> GCS sink bucket of a transfer job)."""
    buckets: dict[str, str] = {}
    transfers: dict[str, str] = {}
    for plan in plans:
        for r in plan.by_type("gcp:storage/bucket:Bucket"):
            short = _tag(r, "bucket")
            if _tag(r, "role") == "storage" and short != "dumps":
                buckets[str(r.inputs.get("name") or r.name)] = short or str(r.inputs.get("name"))
        for r in plan.by_type("gcp:storage/transferJob:TransferJob"):
            spec = r.inputs.get("transferSpec") or {}
            source = (spec.get("awsS3DataSource") or {}).get("bucketName")
            sink = (spec.get("gcsDataSink") or {}).get("bucketName")
            if source and sink:
                transfers[str(source)] = str(sink)
    return buckets, transfers


def transfer_role_shortfalls(aws_plan: Plan, gcp_plans: list[Plan]) -> list[Shortfall]:
    """Every transfer job's AWS role must be a role of the AWS stack that Google identities may assume."""
    google_roles = {
        str(r.inputs.get("name") or r.name)
        for r in aws_plan.by_type("aws:iam/role:Role")
        if "accounts.google.com" in str(r.inputs.get("assumeRolePolicy"))
    }
    known = ", ".join(sorted(google_roles)) or "none"
    out = []
    for plan in gcp_plans:
        for r in plan.by_type("gcp:storage/transferJob:TransferJob"):
            source = (r.inputs.get("transferSpec") or {}).get("awsS3DataSource") or {}
            arn = source.get("roleArn")
            if arn and str(arn).rsplit("/", 1)[-1] not in google_roles:
                out.append(
                    Shortfall(
                        "storage",
                        "transfer role",
                        None,
                        None,
                        f"storage: transfer job {r.name} assumes {arn}, but the AWS stack has no such role "
                        f"trusting Google (roles trusting accounts.google.com: {known})",
                    )
                )
    return out


# --- comparison ----------------------------------------------------------------------


def _capacity_shortfalls(role: str, a: TierCapacity, g: TierCapacity) -> list[Shortfall]:
    """Every metric where the GCP tier ``g`` has less than the AWS tier ``a``."""
    from stacks.instance_types import EQUIVALENTS, smallest_covering

    shortfalls: list[Shortfall] = []
    for attr, label in METRICS + (PEAK_METRICS if role == "app" else ()):
        need, have = getattr(a, attr), getattr(g, attr)
        if have + 1e-9 < need:
            hint = ""
            if attr.startswith("peak_"):
                hint = "; raise the GCP autoscaler maximum (kaleo:gcpAppMaxInstances) or the machine type"
            elif attr != "disk_gib":
                vms = sum(g.types.values()) or 1
                per_vm = smallest_covering(a.vcpu / vms, a.memory_gib / vms)
                hint = (
                    f"; with {_num(vms)} GCP VM(s) use {per_vm or 'more VMs'} or larger ("
                    + ", ".join(f"{t} -> {EQUIVALENTS.get(t, '?')}" for t in a.types)
                    + ")"
                )
            shortfalls.append(
                Shortfall(
                    role,
                    label,
                    need,
                    have,
                    f"{role}: GCP {label} {_num(have)} < AWS {_num(need)} "
                    f"(AWS {', '.join(a.units())}; GCP {', '.join(g.units())}){hint}",
                )
            )
    return shortfalls


def compare(aws_plan: Plan, gcp_plans: list[Plan]) -> ParityReport:
    """Compare the plans; the report lists every shortfall (none means parity)."""
    aws = aws_capacity(aws_plan)
    gcp = gcp_capacity(gcp_plans)
    if not aws and not aws_buckets(aws_plan):
        # Nothing to cover is not "covered": a wrong --aws-stack or an empty plan must not pass.
        raise BadInput(
            f"parity cannot be checked: the stack '{aws_plan.stack}' plans no AWS tier to cover "
            f"({len(aws_plan.resources)} resources; no RDS instance, ElastiCache group, OpenSearch domain, "
            "auto scaling group or S3 bucket)",
            hint="--aws-stack (or pulumi.aws_stack) names the production stack, whose kaleo:cloud is aws",
        )
    shortfalls: list[Shortfall] = []
    tiers: dict[str, dict[str, Any]] = {}
    for role in COMPUTE_ROLES:
        a, g = aws.get(role), gcp.get(role)
        tiers[role] = {"aws": a.to_dict() if a else None, "gcp": g.to_dict() if g else None}
        if a is None:
            continue
        if g is None:
            shortfalls.append(
                Shortfall(role, "counterpart", None, None, f"{role}: AWS runs {', '.join(a.units())}; GCP has nothing")
            )
            continue
        shortfalls += _capacity_shortfalls(role, a, g)
    standby = gcp.get(STANDBY_DB_ROLE)
    if standby is not None:
        tiers[STANDBY_DB_ROLE] = {"aws": tiers["db"]["aws"], "gcp": standby.to_dict()}
        if aws.get("db") is not None:
            shortfalls += _capacity_shortfalls(STANDBY_DB_ROLE, aws["db"], standby)
    s3 = aws_buckets(aws_plan)
    gcs, transfers = gcp_buckets(gcp_plans)
    buckets: dict[str, dict[str, Any]] = {}
    for s3_name, short in sorted(s3.items()):
        sink = transfers.get(s3_name)
        twin = next((name for name, s in gcs.items() if s == short), None)
        buckets[s3_name] = {"short": short, "gcs": twin, "transfer_to": sink}
        if twin is None:
            shortfalls.append(
                Shortfall(
                    "storage", "counterpart", None, None, f"storage: S3 bucket {s3_name} ({short}) has no GCS twin"
                )
            )
        elif sink != twin:
            shortfalls.append(
                Shortfall(
                    "storage",
                    "transfer",
                    None,
                    None,
                    f"storage: no Storage Transfer job copies S3 {s3_name} to gs://{twin}"
                    + (f" (a job copies it to gs://{sink})" if sink else ""),
                )
            )
    shortfalls += transfer_role_shortfalls(aws_plan, gcp_plans)
    tiers["storage"] = {"aws": sorted(s3), "gcp": sorted(gcs)}
    return ParityReport(aws_plan.stack, [p.stack for p in gcp_plans], tiers, buckets, shortfalls)


def run_parity(aws_stack: str, gcp_stacks: list[str], project_dir: Path | None = None) -> ParityReport:
    """Plan the stacks (in parallel, each in its own interpreter) and compare them."""
    from scripts.cloud.plan import run_plan

    stacks = [aws_stack, *gcp_stacks]
    with ThreadPoolExecutor(max_workers=len(stacks)) as pool:
        plans = list(pool.map(lambda s: run_plan(s, project_dir), stacks))
    return compare(plans[0], plans[1:])


def render(report: ParityReport) -> None:
    from rich.table import Table

    table = Table(title=f"parity: {report.aws_stack} vs {' + '.join(report.gcp_stacks)}")
    for column in ("tier", "cloud", "units", "vCPU", "memory GiB", "disk GiB", "peak vCPU / GiB"):
        table.add_column(column)
    for role in COMPUTE_ROLES:
        for cloud in ("aws", "gcp"):
            cap = report.tiers[role][cloud]
            if cap is None:
                table.add_row(role, cloud, "-", "-", "-", "-", "")
                continue
            table.add_row(
                role,
                cloud,
                ", ".join(cap["units"]),
                _num(cap["vcpu"]),
                _num(cap["memory_gib"]),
                _num(cap["disk_gib"]),
                f"{_num(cap['peak_vcpu'])} / {_num(cap['peak_memory_gib'])}" if role == "app" else "",
            )
    for s3_name, b in report.buckets.items():
        table.add_row("storage", "aws -> gcp", f"s3://{s3_name} -> gs://{b['gcs'] or '?'}", "", "", "", "")
    console.print(table)
    if report.ok:
        console.print("[green]parity ok: GCP covers every AWS tier[/]")
        return
    console.print(f"[bold red]{len(report.shortfalls)} shortfall(s):[/]")
    for s in report.shortfalls:
        console.print(f"  - {s.message}")


def register(app: typer.Typer) -> None:
    @app.command("parity")
    def parity_command(
        aws_stack: Annotated[
            str | None, typer.Option("--aws-stack", help="AWS stack to cover (default: pulumi.aws_stack or aws).")
        ] = None,
        gcp_stack: Annotated[
            str | None, typer.Option("--gcp-stack", help="GCP failover stack (default: pulumi.gcp_stack or gcp).")
        ] = None,
        standby_stack: StandbyStackOpt = "gcp-standby",
        project_dir: ConfiguredProjectDirOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Check that the GCP stacks cover the AWS stack: every tier, vCPU, memory and disk; exit 1 on a shortfall."""
        settings = get_config().pulumi
        project_dir = configured_project_dir(project_dir)
        aws = aws_stack or settings.aws_stack
        gcp_stacks = [gcp_stack or settings.gcp_stack] + ([standby_stack] if standby_stack else [])
        info(f"planning {aws}, {', '.join(gcp_stacks)} offline...", as_json)
        report = run_parity(aws, gcp_stacks, project_dir)
        emit(report.to_dict(), as_json, lambda _: render(report))
        if not report.ok:
            raise typer.Exit(1)
