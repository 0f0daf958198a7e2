"""``kaleo-dr rehearse``: the DR drill, on one machine (``--local``) or in a sandbox account (``--sandbox``).

``--local`` (behind ``make drill``) needs no cloud. It starts real local stand-ins and plays
an Amazon outage from the first signal to the DNS cutover:

* before the outage: a throwaway PostgreSQL plays production (RDS), seeded with a Q&A
  product schema and data; moto plays AWS (the RDS instance with a snapshot, the S3
  bucket with objects); the nightly backup ships to gcp-storage-emulator (GCS);
* the outage: production and moto are stopped (nothing inside AWS answers any more);
  the status-page, AWS status, Pingdom and DNS stand-ins report the outage;
* the run, each step timed and journaled: triage -> declare -> notify (an SMTP sink, a
  small customer list) -> newest good backup -> 24-hour gate (overridden and logged: the
  simulated outage is younger than 24 h) -> offline plan of the gcp stack -> provisioning
  check (inventory rendered from the plan, playbook syntax and host lists) -> restore into
  a second PostgreSQL playing the GCP database VM -> validation against the manifest and
  production -> smoke checks and application queries -> DNS cutover at the Cloudflare
  stand-in, then failback restoring the records exactly;
* the report: ``report.md``, ``report.json`` and ``report.html`` (timeline chart, inline
  SVG) with per-step durations, RTO, RPO, the backup used and every check. A copy of
  ``report.json`` is kept under ``<state.dir>/reports`` for ``rehearse history``.

A step whose building block is missing is reported FAILED as "not available"; nothing is
faked. Every process and temporary file is removed at the end, also on failure or Ctrl-C.
Exit 1 when any check failed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig, parse_config
from scripts.output import BadInput, CheckFailed, DrError, console, emit, fail, info, to_json
from scripts.runbook.failover import (
    BackupStep,
    GateStep,
    RestoreStep,
    RunContext,
    SmokeStep,
    StackPlanStep,
    Step,
    StepOutcome,
    run_steps,
    steps_by_name,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_SQL = DATA_DIR / "qa_seed.sql"
DB_NAME = "kaleo"
BACKUP_BUCKET = "kaleo-dr-backups"
UPLOADS_BUCKET = "kaleo-uploads"
RDS_INSTANCE = "kaleo-prod"
ZONE_NAME = "kaleosoftware.com"
PUBLIC_RECORDS = ("kaleosoftware.com", "app.kaleosoftware.com")
AWS_ALB = "kaleo-alb-1234567890.us-east-1.elb.amazonaws.com"
SEED_TABLES = ("users", "tags", "questions", "answers", "comments", "votes", "question_tags")
EXAMPLE_CUSTOMERS = (
    ("acme", "Acme Corp", "Dana Ops", "it-lead@acme.example.com"),
    ("globex", "Globex", "Sam Admin", "admin@globex.example.org"),
    ("initech", "Initech", "Pat Helpdesk", "helpdesk@initech.example.net"),
)
DRILL_OVERRIDE = "local rehearsal: the simulated Amazon outage is younger than 24 hours"
TIMELINE_COLORS = {"passed": "#2e7d32", "skipped": "#f9a825", "failed": "#c62828"}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def quarter_of(moment: dt.datetime) -> str:
    return f"{moment.year}q{(moment.month - 1) // 3 + 1}"


@contextlib.contextmanager
def following_config(ctx: RunContext) -> Iterator[None]:
    """While the drill runs, ``get_config()`` (used by other commands' functions) answers ``ctx.config``."""
    from scripts.cliapp import AppState

    class _DrillState(AppState):
        @property
        def config(self) -> KaleoConfig:
            return ctx.config

    previous = AppState.current
    _DrillState(None)  # becomes AppState.current
    try:
        yield
    finally:
        AppState.current = previous


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM ends the drill like Ctrl-C, so that every stand-in is still cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _module(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise CheckFailed(f"not available: {name} is not part of this checkout yet") from exc


def _check(name: str, ok: bool, detail: str) -> dict[str, Any]:
    return {"name": name, "status": "passed" if ok else "failed", "detail": detail}


def _outcome(checks: list[dict[str, Any]], detail: str, data: dict[str, Any] | None = None) -> StepOutcome:
    failed = [c for c in checks if c["status"] == "failed"]
    if failed:
        raise CheckFailed("; ".join(f"{c['name']}: {c['detail']}" for c in failed))
    return StepOutcome("passed", detail, data or {}, checks)


# -- the local environment -------------------------------------------------------------------------


class LocalDrill:
    """Every stand-in of one local drill; :meth:`close` stops them all and removes the temp folder."""

    def __init__(self, keep_state: Path) -> None:
        self.keep_state = keep_state
        self.stack = contextlib.ExitStack()
        self.tmp = Path(tempfile.mkdtemp(prefix="kaleo-drill-"))
        self.services: dict[str, Any] = {}
        self.env: dict[str, str] = {}
        self.config: KaleoConfig | None = None
        self.outage_at: dt.datetime | None = None
        self.production_inventory: dict[str, Any] | None = None
        self.plan_instances: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.stack.callback(shutil.rmtree, self.tmp, True)

    def close(self) -> None:
        self.stack.close()

    def start(self, name: str, service: Any) -> Any:
        # the cleanup is registered before the start, so that an interrupted start is cleaned up too
        self.stack.callback(self._stop, name, service)
        self.services[name] = service
        service.start()
        return service

    def _stop(self, name: str, service: Any) -> None:
        from scripts.standins.localsvc import PgCluster

        if isinstance(service, PgCluster) and (service.data_dir / "postmaster.pid").exists():
            service._started = True  # a start interrupted after the server came up: stop the server too
        with contextlib.suppress(Exception):
            service.stop()
        self.services.pop(name, None)

    def stop(self, name: str) -> None:
        service = self.services.get(name)
        if service is not None:
            self._stop(name, service)


class DrillStep(Step):
    def __init__(self, drill: LocalDrill) -> None:
        self.drill = drill


class EnvironmentStep(DrillStep):
    name = "environment"
    title = "local stand-ins"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.standins.awsstatus import AwsStatusStandin
        from scripts.standins.cloudflare import CloudflareStandin
        from scripts.standins.dns import DnsStandin
        from scripts.standins.localsvc import GcsEmulator, MotoServer, PgCluster, env_vars
        from scripts.standins.pingdom import PingdomStandin
        from scripts.standins.smtp import SmtpSink
        from scripts.standins.statuspage import StatuspageStandin

        d = self.drill
        checks: list[dict[str, Any]] = []
        prod = d.start("production-db", PgCluster("drill-prod"))
        prod.create_database(DB_NAME)
        prod.psql_file(SEED_SQL, DB_NAME)
        counts = prod.psql(
            " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in SEED_TABLES), DB_NAME
        ).splitlines()
        rows = {line.split("|")[0]: int(line.split("|")[1]) for line in counts}
        checks.append(_check("production seeded", sum(rows.values()) > 1000, f"{sum(rows.values())} rows: {rows}"))
        gcp_db = d.start("gcp-db-vm", PgCluster("drill-gcp"))
        moto = d.start("aws(moto)", MotoServer())
        gcs = d.start("gcs(emulator)", GcsEmulator())
        token = os.urandom(16).hex()
        pingdom_token = os.urandom(16).hex()
        cf = d.start("cloudflare", CloudflareStandin(token, zone_name=ZONE_NAME))
        cf.add_record(PUBLIC_RECORDS[0], "CNAME", AWS_ALB, proxied=True)
        cf.add_record(PUBLIC_RECORDS[1], "CNAME", AWS_ALB, ttl=300, proxied=False)
        cf.add_record(PUBLIC_RECORDS[0], "MX", "aspmx.l.google.com", ttl=3600)
        outage_start = int(time.time()) - 2 * 3600
        status = d.start("cloudflare-status", StatuspageStandin("aws-outage"))
        awsstatus = d.start("aws-status", AwsStatusStandin("aws-outage", outage_start=outage_start))
        pingdom = d.start("pingdom", PingdomStandin("aws-outage", outage_start=outage_start, token=pingdom_token))
        dns = d.start("dns", DnsStandin({n: ["104.16.0.10"] for n in PUBLIC_RECORDS}, zone=ZONE_NAME))
        smtp = d.start("smtp", SmtpSink())
        d.env = {
            **moto.aws_env(),
            **gcs.gcs_env(),
            "KALEO_DRILL_CF_TOKEN": token,
            "KALEO_DRILL_PINGDOM_TOKEN": pingdom_token,
            "KALEO_DRILL_GCP_DB_PASSWORD": gcp_db.password,
            "PGPASSWORD": gcp_db.password,
        }
        d.stack.enter_context(env_vars(d.env))
        # AWS before the outage: the RDS instance with a snapshot, the uploads bucket with objects.
        import boto3

        rds = boto3.client("rds", endpoint_url=moto.url, region_name="us-east-1")
        rds.create_db_instance(
            DBInstanceIdentifier=RDS_INSTANCE,
            Engine="postgres",
            DBInstanceClass="db.r6g.large",
            AllocatedStorage=100,
            MasterUsername="kaleo",
            MasterUserPassword=os.urandom(12).hex(),
        )
        rds.create_db_snapshot(DBInstanceIdentifier=RDS_INSTANCE, DBSnapshotIdentifier=f"{RDS_INSTANCE}-nightly")
        s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1")
        s3.create_bucket(Bucket=UPLOADS_BUCKET)
        for i in range(5):
            s3.put_object(Bucket=UPLOADS_BUCKET, Key=f"attachments/{i}.txt", Body=f"attachment {i}".encode())
        snaps = [
            x["DBSnapshotIdentifier"]
            for x in rds.describe_db_snapshots(DBInstanceIdentifier=RDS_INSTANCE)["DBSnapshots"]
        ]
        objects = s3.list_objects_v2(Bucket=UPLOADS_BUCKET).get("KeyCount", 0)
        checks.append(
            _check(
                "aws(moto) production",
                f"{RDS_INSTANCE}-nightly" in snaps and objects == 5,
                f"RDS {RDS_INSTANCE} with snapshots {snaps}; s3://{UPLOADS_BUCKET} with {objects} objects",
            )
        )
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        storage.Client(project="kaleo-drill", credentials=AnonymousCredentials()).create_bucket(BACKUP_BUCKET)
        checks.append(_check("gcs(emulator)", True, f"bucket {BACKUP_BUCKET} at {gcs.url}"))
        customers = d.tmp / "customers.csv"
        customers.write_text(
            "customer_id,name,contact_name,contact_email\n"
            + "".join(f"{k},{c},{n},{e}\n" for k, c, n, e in EXAMPLE_CUSTOMERS),
            encoding="utf-8",
        )
        d.config = parse_config(
            {
                "state": {"dir": str(d.tmp / "state")},
                "aws": {
                    "region": "us-east-1",
                    "endpoint_url": moto.url,
                    "rds_instance": RDS_INSTANCE,
                    "s3_buckets": [UPLOADS_BUCKET],
                    "connect_timeout": 1,
                    "read_timeout": 2,
                    "max_attempts": 1,
                },
                "gcp": {"project": "kaleo-drill", "storage_endpoint": gcs.url},
                "backup": {"to": f"gs://{BACKUP_BUCKET}/production", "max_age": "26h", "jobs": 2},
                "restore": {
                    "target_dsn": gcp_db.dsn(DB_NAME),
                    "password": "env:KALEO_DRILL_GCP_DB_PASSWORD",
                    "jobs": 2,
                },
                "triage": {
                    "aws_status_url": awsstatus.url + "/rss",
                    "cloudflare_status_url": status.url + "/api/v2",
                    "pingdom": {"api_url": pingdom.url + "/api/3.1", "token": "env:KALEO_DRILL_PINGDOM_TOKEN"},
                    "dns": {"names": list(PUBLIC_RECORDS), "resolvers": [dns.address]},
                    "timeout": 3,
                },
                "notify": {
                    "sender": "status@kaleo-status.example.org",
                    "smtp": {"host": "127.0.0.1", "port": smtp.port, "starttls": False},
                    "rate_per_second": 0,
                },
                "contacts": {"customers_file": str(customers), "contacts_file": str(d.tmp / "contacts.yaml")},
                "cloudflare": {
                    "api_url": cf.url,
                    "api_token": "env:KALEO_DRILL_CF_TOKEN",
                    "zone_id": cf.zone_id,
                    "records": list(PUBLIC_RECORDS),
                    "ttl_wait": 0,
                },
                "provision": {"inventory": str(d.tmp / "inventory.yml"), "iap_tunnel": False},
                "failover": {
                    "backup_max_age": "26h",
                    "smoke": {"db_tables": [f"public.{t}" for t in SEED_TABLES]},
                },
            },
            "<local drill>",
        )
        ctx.config = d.config
        names = ", ".join(sorted(d.services))
        return _outcome(checks, f"{len(d.services)} services up: {names}", {"services": sorted(d.services)})


class ShipBackupStep(DrillStep):
    name = "backup-shipping"
    title = "backup shipping (pre-outage)"

    def run(self, ctx: RunContext) -> StepOutcome:
        backup = _module("scripts.db.backup")
        d = self.drill
        prod = d.services.get("production-db")
        if prod is None or d.config is None:
            raise CheckFailed("production is not running: the environment step failed")
        from scripts.db import pgtools

        with contextlib.closing(pgtools.connect(prod.dsn(DB_NAME), prod.password)) as conn:
            d.production_inventory = pgtools.inventory(conn)
        url = str(d.config.backup.to)
        result = backup.create_backup(prod.dsn(DB_NAME), [url], password=prod.password, jobs=2, label=DB_NAME)
        from scripts.db.storage import open_store

        newest = backup.newest_complete(open_store(url))
        checks = [
            _check("backup complete in GCS", newest is not None, f"{newest.backup_id if newest else 'none'} at {url}")
        ]
        # The outage: nothing inside AWS answers from here on (production database and AWS APIs).
        d.stop("production-db")
        d.stop("aws(moto)")
        d.outage_at = _now()
        checks.append(_check("AWS gone dark", "aws(moto)" not in d.services, "production and AWS APIs stopped"))
        keys = {k: result.get(k) for k in ("backup_id", "bytes", "seconds") if k in result}
        return _outcome(checks, f"{keys.get('backup_id', newest.backup_id if newest else '?')} shipped to {url}", keys)


class TriageStep(DrillStep):
    name = "triage"
    title = "triage"

    def run(self, ctx: RunContext) -> StepOutcome:
        triage = _module("scripts.runbook.triage")
        results, verdict, elapsed = triage.run_triage(ctx.config)
        recorded = triage.record_triage(results, verdict, elapsed)
        problems = [f"{r.name} {r.status}" for r in results if r.status != "ok"]
        checks = [
            _check(
                "verdict is amazon-outage",
                verdict.branch == "amazon-outage",
                f"{verdict.branch}: {'; '.join(verdict.reasons)} (evidence: {', '.join(problems) or 'none'})",
            ),
            _check(
                "every triage check answered within its deadline",
                all("no answer within" not in r.detail for r in results),
                f"{len(results)} checks in {elapsed:.1f}s",
            ),
        ]
        checks.append(
            _check(
                "Amazon outage clock started", bool(recorded.get("amazon_outage")), str(recorded.get("amazon_outage"))
            )
        )
        return _outcome(checks, f"verdict {verdict.branch} in {elapsed:.1f}s", {"verdict": verdict.branch})


class DeclareStep(DrillStep):
    name = "declare"
    title = "declare the disaster"

    def run(self, ctx: RunContext) -> StepOutcome:
        declare = _module("scripts.runbook.declare")
        from scripts.runbook.incident import to_iso, utcnow

        now = utcnow()
        data = declare.evaluate(ctx.config, ctx.log, now)
        incident = ctx.log.current_incident()
        clock = declare.amazon_clock(ctx.log, incident, now, ctx.config.declare.rebuild_gate_hours).to_dict()
        data["amazon_clock"] = clock
        ctx.log.record("decision", data, incident.id if incident else None)
        rules = [r["rule"] for r in data["rules_fired"]]
        checks = [
            _check("disaster declared", bool(data["declare"]), f"rules fired: {', '.join(rules) or 'none'}"),
            _check(
                "monitoring rule (DOWN in several regions > 30 min)",
                "monitoring" in rules,
                "; ".join(str(r["detail"]) for r in data["rules_fired"]) or "did not fire",
            ),
            _check(
                "Amazon outage clock running",
                bool(clock.get("since")),
                f"since {clock.get('since')}, {clock.get('hours')} h, gate opens {clock.get('opens_at')}",
            ),
        ]
        return _outcome(checks, f"disaster declared at {to_iso(now)} ({', '.join(rules)})", {"declared": True})


class NotifyStep(DrillStep):
    name = "notify"
    title = "notify customers"

    def run(self, ctx: RunContext) -> StepOutcome:
        notify = _module("scripts.runbook.notify")
        data, code = notify.run_notify(
            "investigating",
            "Kaleo is unavailable because of an Amazon Web Services outage. We are rebuilding the service on "
            "Google Cloud and will update you every hour.",
            False,  # dry_run
            False,  # new_update
            False,  # resend_unknown
            None,  # customers_file: contacts.customers_file
            ctx.as_json,
        )
        sink = self.drill.services["smtp"]
        got = {r.lower() for r in sink.recipients()}
        checks = [_check(f"mail to {e}", e.lower() in got, "received by the SMTP sink") for *_, e in EXAMPLE_CUSTOMERS]
        checks.append(
            _check(
                "notification run complete",
                code == 0,
                f"sent {data.get('sent')}, failed {data.get('failed') or 'none'}",
            )
        )
        return _outcome(
            checks, f"{len(sink.messages)} message(s) delivered to the SMTP sink", {"sent": data.get("sent")}
        )


class DrillPlanStep(StackPlanStep):
    def __init__(self, drill: LocalDrill) -> None:
        self.drill = drill

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud.plan import run_plan

        plan = run_plan(ctx.stack)
        ctx.data["stack_outputs"] = plan.outputs
        instances: list[dict[str, Any]] = []
        for i, r in enumerate(plan.by_type("gcp:compute/instance:Instance")):
            instances.append(
                {
                    "name": r.name,
                    "zone": r.inputs.get("zone") or "",
                    "labels": r.inputs.get("labels") or {},
                    "machine_type": r.inputs.get("machineType") or "",
                    "ip": f"10.30.0.{10 + i}",
                }
            )
        templates = {r.name: r for r in plan.by_type("gcp:compute/instanceTemplate:InstanceTemplate")}
        for j, mig in enumerate(plan.by_type("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager")):
            template = next(iter(templates.values()), None)
            labels = (template.inputs.get("labels") if template else None) or {}
            for k in range(int(mig.inputs.get("targetSize") or 1)):
                instances.append(
                    {
                        "name": f"{mig.name}-{k}",
                        "zone": "",
                        "labels": labels,
                        "machine_type": (template.inputs.get("machineType") if template else "") or "",
                        "ip": f"10.30.{1 + j}.{10 + k}",
                    }
                )
        self.drill.plan_instances = instances
        ip = plan.outputs.get(ctx.config.pulumi.lb_ip_output)
        checks = [
            _check("resources planned", len(plan.resources) > 0, f"{len(plan.resources)} resources"),
            _check("load balancer address", bool(ip), f"output {ctx.config.pulumi.lb_ip_output} = {ip}"),
            _check("VMs planned", bool(instances), ", ".join(i["name"] for i in instances)),
        ]
        return _outcome(
            checks,
            f"{len(plan.resources)} resources planned offline in {plan.seconds:.1f}s (no pulumi up: no cloud)",
            {"stack_outputs": plan.outputs, "resources": len(plan.resources)},
        )


class DrillProvisionStep(DrillStep):
    name = "provision-check"
    title = "provisioning check"

    def run(self, ctx: RunContext) -> StepOutcome:
        provision = _module("scripts.cloud.provision")
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
        checks = [_check(f"inventory group {g}", bool(h), ", ".join(h) or "no host") for g, h in groups.items()]
        checks += [_check(f"inventory {p['host']}", False, p["error"]) for p in result.problems]
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
            checks.append(_check(label, proc.returncode == 0, out.splitlines()[-1] if out else f"rc {proc.returncode}"))
        return _outcome(
            checks,
            f"inventory of {len(result.hosts)} planned VMs rendered; site.yml syntax-checked and host lists resolved "
            "(check mode needs the VMs: not run in a local drill)",
            {"inventory_hosts": len(result.hosts)},
        )


class ValidationStep(DrillStep):
    name = "validation"
    title = "validation (manifest, production)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools
        from scripts.db.backup import load_manifest
        from scripts.db.storage import open_store

        backup = ctx.data.get("backup")
        if not backup:
            raise CheckFailed("no backup was chosen")
        manifest = load_manifest(open_store(backup["location"]), backup["backup_id"])
        gcp_db = self.drill.services["gcp-db-vm"]
        with contextlib.closing(pgtools.connect(gcp_db.dsn(DB_NAME), gcp_db.password)) as conn:
            restored = pgtools.inventory(conn)
        vs_manifest = pgtools.compare_inventories(pgtools.inventory_from_manifest(manifest), restored)
        checks = [
            _check(
                "restored = manifest",
                not vs_manifest,
                "; ".join(vs_manifest[:5]) or "tables, rows, sequences and object counts match",
            )
        ]
        if self.drill.production_inventory is not None:
            vs_prod = pgtools.compare_inventories(self.drill.production_inventory, restored)
            checks.append(
                _check(
                    "restored = production at backup time", not vs_prod, "; ".join(vs_prod[:5]) or "identical inventory"
                )
            )
        return _outcome(checks, "restored database matches its backup", {"differences": len(vs_manifest)})


SMOKE_QUERIES = {
    "front page": "SELECT q.id, q.title, count(a.id) FROM questions q LEFT JOIN answers a ON a.question_id = q.id "
    "GROUP BY q.id ORDER BY q.created_at DESC LIMIT 20",
    "question page": "SELECT q.title, a.body, c.body FROM questions q JOIN answers a ON a.question_id = q.id "
    "LEFT JOIN comments c ON c.answer_id = a.id WHERE q.id = (SELECT min(question_id) FROM answers)",
    "tag page": "SELECT t.name, count(*) FROM tags t JOIN question_tags qt ON qt.tag_id = t.id "
    "GROUP BY t.name ORDER BY 2 DESC LIMIT 10",
    "search": "SELECT id FROM questions WHERE to_tsvector('english', title || ' ' || body) "
    "@@ plainto_tsquery('english', 'postgresql') LIMIT 20",
    "user profile": "SELECT u.display_name, u.reputation, count(v.id) FROM users u "
    "LEFT JOIN votes v ON v.user_id = u.id GROUP BY u.id ORDER BY u.reputation DESC LIMIT 10",
    "accepted answers": "SELECT count(*) FROM questions q JOIN answers a ON a.id = q.accepted_answer_id",
}


class SmokeQueriesStep(DrillStep):
    name = "smoke-queries"
    title = "application queries"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.db import pgtools

        gcp_db = self.drill.services["gcp-db-vm"]
        checks = []
        with contextlib.closing(pgtools.connect(gcp_db.dsn(DB_NAME), gcp_db.password)) as conn:
            for label, sql in SMOKE_QUERIES.items():
                t0 = time.perf_counter()
                try:
                    rows = conn.execute(sql).fetchall()
                except Exception as exc:
                    conn.rollback()
                    checks.append(_check(label, False, str(exc).strip()))
                    continue
                ms = (time.perf_counter() - t0) * 1000
                checks.append(_check(label, bool(rows), f"{len(rows)} row(s) in {ms:.1f} ms"))
        return _outcome(checks, f"{len(checks)} application queries on the restored database")


class CutoverStep(DrillStep):
    name = "cutover"
    title = "DNS cutover (Cloudflare)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.cutover import cutover_to_gcp

        ip = (ctx.data.get("stack_outputs") or {}).get(ctx.config.pulumi.lb_ip_output)
        if not ip:
            raise CheckFailed("no load balancer address from the plan: cannot cut over")
        result = cutover_to_gcp(ctx.config, str(ip), yes=True, ttl_wait=0, as_json=ctx.as_json)
        cf = self.drill.services["cloudflare"]
        checks = []
        for name in PUBLIC_RECORDS:
            recs = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
            ok = len(recs) == 1 and recs[0]["type"] == "A" and recs[0]["content"] == ip
            checks.append(_check(f"{name} -> {ip}", ok, f"{recs[0]['type']} {recs[0]['content']}" if recs else "gone"))
        return _outcome(
            checks,
            f"{', '.join(PUBLIC_RECORDS)} now point at {ip}",
            {"target_ip": ip, "state_file": result["state_file"]},
        )


class FailbackStep(DrillStep):
    name = "failback"
    title = "failback check (exact records)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.cutover import cutover_to_aws

        cutover_to_aws(ctx.config, yes=True, as_json=ctx.as_json)
        cf = self.drill.services["cloudflare"]
        checks = []
        expected = {PUBLIC_RECORDS[0]: ("CNAME", AWS_ALB, True), PUBLIC_RECORDS[1]: ("CNAME", AWS_ALB, False)}
        for name, (type_, content, proxied) in expected.items():
            recs = [r for r in cf.find(name) if r["type"] in ("A", "CNAME")]
            ok = len(recs) == 1 and (recs[0]["type"], recs[0]["content"], recs[0]["proxied"]) == (
                type_,
                content,
                proxied,
            )
            checks.append(_check(f"{name} restored", ok, f"{recs[0]['type']} {recs[0]['content']}" if recs else "gone"))
        return _outcome(checks, "the recorded AWS records are back, exactly")


# -- reports -------------------------------------------------------------------------------------


def build_report(
    kind: str,
    result: dict[str, Any],
    started: dt.datetime,
    finished: dt.datetime,
    drill: LocalDrill | None,
    backup: dict[str, Any] | None,
    notes: list[str],
) -> dict[str, Any]:
    steps = []
    checks: list[dict[str, Any]] = []
    for s in result["steps"]:
        at = dt.datetime.fromisoformat(s["started_at"]) if s.get("started_at") else started
        step_checks = s.get("checks") or []
        if s["status"] == "failed":
            step_checks = [*step_checks, {"name": s["step"], "status": "failed", "detail": s["detail"]}]
        elif not step_checks:
            step_checks = [{"name": s["step"], "status": s["status"], "detail": s["detail"]}]
        for c in step_checks:
            checks.append({"step": s["step"], **c})
        steps.append(
            {
                "step": s["step"],
                "title": s["title"],
                "status": s["status"],
                "detail": s["detail"],
                "seconds": s["seconds"],
                "offset_seconds": round((at - started).total_seconds(), 3),
                "checks": step_checks,
            }
        )
    outage_at = drill.outage_at if drill else None
    cut = next((s for s in steps if s["step"] == "cutover"), None)
    rto = None
    if outage_at and cut and cut["status"] == "passed":
        end = started + dt.timedelta(seconds=cut["offset_seconds"] + cut["seconds"])
        rto = round((end - outage_at).total_seconds(), 3)
    rpo = None
    if backup and outage_at:
        rpo = round((outage_at - dt.datetime.fromisoformat(backup["data_as_of"])).total_seconds(), 3)
    failed = [c for c in checks if c["status"] == "failed"]
    return {
        "format": "kaleo-dr-drill/1",
        "kind": kind,
        "drill_id": f"{started.strftime('%Y%m%dT%H%M%SZ')}-{kind}",
        "quarter": quarter_of(started),
        "started_at": started.isoformat(),
        "finished_at": finished.isoformat(),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "ok": not failed,
        "outage_at": outage_at.isoformat() if outage_at else None,
        "rto_seconds": rto,
        "rpo_seconds": rpo,
        "backup": {k: v for k, v in (backup or {}).items() if k != "tables"} or None,
        "steps": steps,
        "checks": checks,
        "checks_passed": sum(1 for c in checks if c["status"] == "passed"),
        "checks_failed": len(failed),
        "checks_skipped": sum(1 for c in checks if c["status"] == "skipped"),
        "notes": notes,
    }


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value < 120:
        return f"{value:.1f} s"
    if value < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"


def render_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"# DR drill {report['drill_id']}: {'PASSED' if report['ok'] else 'FAILED'}",
        "",
        f"- kind: {report['kind']}, quarter {report['quarter']}",
        f"- started {report['started_at']}, took {_fmt_seconds(report['duration_seconds'])}",
        f"- **RTO** (outage -> DNS cut over): {_fmt_seconds(report['rto_seconds'])}",
        f"- **RPO** (age of the restored data at the outage): {_fmt_seconds(report['rpo_seconds'])}",
    ]
    b = report.get("backup")
    if b:
        lines.append(
            f"- backup used: `{b.get('backup_id')}` at `{b.get('location')}`, data as of {b.get('data_as_of')}"
        )
    else:
        lines.append("- backup used: none")
    lines.append(
        f"- checks: {report['checks_passed']} passed, {report['checks_failed']} failed, "
        f"{report['checks_skipped']} skipped"
    )
    lines += ["", "## Steps", "", "| # | step | status | seconds | detail |", "|---|---|---|---:|---|"]
    for i, s in enumerate(report["steps"], 1):
        detail = str(s["detail"]).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {i} | {s['title']} | {s['status'].upper()} | {s['seconds']:.2f} | {detail} |")
    lines += ["", "## Checks", "", "| step | check | result | detail |", "|---|---|---|---|"]
    for c in report["checks"]:
        detail = str(c["detail"]).replace("|", "\\|").replace("\n", " ")[:300]
        lines.append(f"| {c['step']} | {c['name']} | {c['status'].upper()} | {detail} |")
    if report["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def timeline_svg(report: dict[str, Any]) -> str:
    steps = report["steps"]
    total = max([s["offset_seconds"] + s["seconds"] for s in steps] + [report["duration_seconds"], 0.001])
    label_w, chart_w, row_h, top = 260, 640, 26, 30
    height = top + row_h * len(steps) + 40
    scale = chart_w / total
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + chart_w + 120}" height="{height}" '
        f'role="img" aria-label="drill timeline" font-family="sans-serif" font-size="12">'
    ]
    if report.get("outage_at"):
        started = dt.datetime.fromisoformat(report["started_at"])
        x0 = (dt.datetime.fromisoformat(report["outage_at"]) - started).total_seconds()
        end = x0 + (report["rto_seconds"] or 0)
        parts.append(
            f'<rect x="{label_w + x0 * scale:.1f}" y="{top - 18}" width="{max((end - x0) * scale, 1):.1f}" '
            f'height="{row_h * len(steps) + 18}" fill="#e3f2fd"/>'
            f'<text x="{label_w + x0 * scale + 4:.1f}" y="{top - 6}" fill="#1565c0">outage → RTO '
            f"{html.escape(_fmt_seconds(report['rto_seconds']))}</text>"
        )
    for i, s in enumerate(steps):
        y = top + i * row_h
        x = label_w + s["offset_seconds"] * scale
        w = max(s["seconds"] * scale, 2)
        color = TIMELINE_COLORS.get(s["status"], "#757575")
        parts.append(
            f'<text x="4" y="{y + 16}">{html.escape(s["title"][:40])}</text>'
            f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{color}">'
            f"<title>{html.escape(s['step'])}: {s['status']} in {s['seconds']:.2f}s</title></rect>"
            f'<text x="{x + w + 4:.1f}" y="{y + 16}" fill="#333">{s["seconds"]:.1f}s</text>'
        )
    axis_y = top + row_h * len(steps) + 12
    parts.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + chart_w}" y2="{axis_y}" stroke="#999"/>')
    # Round tick steps (0.5 s, 1 s, 2 s, 5 s, ...) so that labels are evenly spaced and exact.
    step = next((c for c in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800) if total / c <= 8), 3600.0)
    k = 0
    while k * step <= total + 1e-9:
        t = k * step
        xk = label_w + t * scale
        parts.append(f'<text x="{xk:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#555">{t:g}s</text>')
        k += 1
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: dict[str, Any]) -> str:
    esc = html.escape
    status = "PASSED" if report["ok"] else "FAILED"
    rows = "".join(
        f"<tr class='{s['status']}'><td>{i}</td><td>{esc(s['title'])}</td><td>{s['status'].upper()}</td>"
        f"<td class='n'>{s['seconds']:.2f}</td><td>{esc(str(s['detail']))}</td></tr>"
        for i, s in enumerate(report["steps"], 1)
    )
    checks = "".join(
        f"<tr class='{c['status']}'><td>{esc(c['step'])}</td><td>{esc(c['name'])}</td><td>{c['status'].upper()}</td>"
        f"<td>{esc(str(c['detail'])[:400])}</td></tr>"
        for c in report["checks"]
    )
    b = report.get("backup") or {}
    color = "#2e7d32" if report["ok"] else "#c62828"
    notes = "".join(f"<li>{esc(n)}</li>" for n in report["notes"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DR drill {esc(report["drill_id"])}: {status}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; }}
tr.failed td {{ background: #ffebee; }} tr.skipped td {{ background: #fffde7; }}
.big {{ font-size: 1.4em; margin-right: 2em; }}
</style></head><body>
<h1>DR drill {esc(report["drill_id"])}: <span style="color:{color}">{status}</span></h1>
<p><span class="big">RTO {esc(_fmt_seconds(report["rto_seconds"]))}</span>
<span class="big">RPO {esc(_fmt_seconds(report["rpo_seconds"]))}</span>
<span class="big">{report["checks_passed"]} checks passed, {report["checks_failed"]} failed</span></p>
<p>Backup used: <code>{esc(str(b.get("backup_id", "none")))}</code> at <code>{esc(str(b.get("location", "")))}</code>,
data as of {esc(str(b.get("data_as_of", "n/a")))}. Started {esc(report["started_at"])},
took {esc(_fmt_seconds(report["duration_seconds"]))}.</p>
<h2>Timeline</h2>
{timeline_svg(report)}
<h2>Steps</h2>
<table><tr><th>#</th><th>step</th><th>status</th><th>seconds</th><th>detail</th></tr>{rows}</table>
<h2>Checks</h2>
<table><tr><th>step</th><th>check</th><th>result</th><th>detail</th></tr>{checks}</table>
<h2>Notes</h2><ul>{notes}</ul>
</body></html>
"""


def write_report(report: dict[str, Any], out: Path, keep_dir: Path | None) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "json": out / "report.json",
        "markdown": out / "report.md",
        "html": out / "report.html",
    }
    files["json"].write_text(to_json(report) + "\n", encoding="utf-8")
    files["markdown"].write_text(render_markdown(report), encoding="utf-8")
    files["html"].write_text(render_html(report), encoding="utf-8")
    written = {k: str(v) for k, v in files.items()}
    if keep_dir is not None:
        kept = keep_dir / report["drill_id"] / "report.json"
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(to_json(report) + "\n", encoding="utf-8")
        written["kept"] = str(kept)
    return written


# -- the drills ----------------------------------------------------------------------------------

LOCAL_NOTES = [
    "Backup shipping runs before the outage (the nightly job): during an Amazon outage nothing inside AWS "
    "can be read, so the drill stops production and the AWS stand-in before triage.",
    "The status, AWS status and Pingdom stand-ins simulate an outage that began 2 hours before the drill; "
    "the 24-hour gate is therefore passed with a logged override. RPO is measured from the backup's data "
    "time to the moment the drill cut production off.",
    "pulumi up is replaced by the offline plan (no cloud); provisioning check mode needs the VMs, so the drill "
    "renders the inventory from the planned VMs and checks the playbook's syntax and host lists.",
    "Smoke checks for HTTP through the load balancer, Redis and Elasticsearch are skipped (no such services in "
    "a local drill); the database is checked by row counts and application queries.",
]


def run_local(config: KaleoConfig, out: Path, as_json: bool = False) -> dict[str, Any]:
    from scripts.runbook.incident import IncidentLog

    started = _now()
    drill = LocalDrill(config.state.dir)
    result: dict[str, Any] = {"steps": []}
    backup: dict[str, Any] | None = None
    try:
        with terminate_as_interrupt():
            bootstrap = parse_config({"state": {"dir": str(drill.tmp / "state")}}, "<local drill>")
            with IncidentLog.open(bootstrap.state.incident_log_path()) as log:
                incident = log.open_incident("local DR rehearsal: Amazon outage")
                ctx = RunContext(
                    bootstrap, log, incident, config.pulumi.gcp_stack, as_json=as_json, override_reason=DRILL_OVERRIDE
                )
                steps: list[Step] = [
                    EnvironmentStep(drill),
                    ShipBackupStep(drill),
                    TriageStep(drill),
                    DeclareStep(drill),
                    NotifyStep(drill),
                    BackupStep(),
                    GateStep(),
                    DrillPlanStep(drill),
                    DrillProvisionStep(drill),
                    RestoreStep(),
                    ValidationStep(drill),
                    SmokeStep(),
                    SmokeQueriesStep(drill),
                    CutoverStep(drill),
                    FailbackStep(drill),
                ]
                with following_config(ctx):
                    result = run_steps(ctx, steps, journal="rehearsal", keep_going=True)
                backup = ctx.data.get("backup")
    finally:
        drill.close()
    finished = _now()
    report = build_report("local", result, started, finished, drill, backup, [*LOCAL_NOTES, *drill.notes])
    report["files"] = write_report(report, out, config.state.dir / "reports")
    return report


def sandbox_stack_name(config: KaleoConfig, when: dt.datetime) -> str:
    name = f"{config.pulumi.gcp_stack}-drill-{quarter_of(when)}"
    if name in (config.pulumi.gcp_stack, config.pulumi.aws_stack) or "-drill-" not in name:
        raise BadInput(f"refusing to rehearse on the production stack name '{name}'")
    return name


def run_sandbox(config: KaleoConfig, teardown: bool, out: Path, as_json: bool = False) -> dict[str, Any]:
    from scripts.cloud import stackops
    from scripts.runbook.incident import IncidentLog

    started = _now()
    name = sandbox_stack_name(config, started)
    stackops.guard_not_production(name)
    if teardown:
        info(f"destroying the sandbox drill stack {name}", as_json)
        stackops.destroy(name, config.pulumi, on_output=lambda line: info(line.rstrip(), as_json), remove=True)
        return {"stack": name, "destroyed": True}

    class SandboxStackStep(Step):
        name = "stack"
        title = f"pulumi up ({name})"

        def run(self, ctx: RunContext) -> StepOutcome:
            outputs = stackops.up(
                name,
                config.pulumi,
                on_output=lambda line: ctx.say(line.rstrip()),
                create=True,
                config_from=config.pulumi.gcp_stack,
            )
            ctx.data["stack_outputs"] = outputs
            return StepOutcome("passed", f"sandbox stack {name} is up", {"stack_outputs": outputs})

    steps: list[Step] = [SandboxStackStep(), *steps_by_name(["backup", "provision", "restore", "smoke", "handoff"])]
    with IncidentLog.open(config.state.incident_log_path()) as log:
        incident = log.open_incident(f"sandbox DR rehearsal {name}")
        ctx = RunContext(config, log, incident, name, as_json=as_json)
        result = run_steps(ctx, steps, journal="sandbox-drill")
        log.close_incident(incident.id, "sandbox rehearsal finished")
    report = build_report(
        "sandbox",
        result,
        started,
        _now(),
        None,
        ctx.data.get("backup"),
        [f"sandbox stack {name}; tear it down with kaleo-dr rehearse --sandbox --teardown"],
    )
    report["stack"] = name
    report["files"] = write_report(report, out, config.state.dir / "reports")
    return report


# -- history -------------------------------------------------------------------------------------


def load_reports(folder: Path) -> list[dict[str, Any]]:
    reports = []
    for path in sorted(folder.glob("**/report.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == "kaleo-dr-drill/1":
            data["_path"] = str(path)
            reports.append(data)
    return sorted(reports, key=lambda r: r.get("started_at", ""))


def history(folder: Path) -> dict[str, Any]:
    reports = load_reports(folder)
    quarters: dict[str, dict[str, Any]] = {}
    for r in reports:
        q = quarters.setdefault(r["quarter"], {"quarter": r["quarter"], "drills": 0, "passed": 0})
        q["drills"] += 1
        q["passed"] += 1 if r.get("ok") else 0
        q["last_drill"] = r["drill_id"]
        q["last_ok"] = bool(r.get("ok"))
        q["rto_seconds"] = r.get("rto_seconds")
        q["rpo_seconds"] = r.get("rpo_seconds")
        passing = [x for x in reports if x["quarter"] == r["quarter"] and x.get("ok")]
        rtos = [x["rto_seconds"] for x in passing if x.get("rto_seconds") is not None]
        rpos = [x["rpo_seconds"] for x in passing if x.get("rpo_seconds") is not None]
        q["best_rto_seconds"] = min(rtos) if rtos else None
        q["worst_rpo_seconds"] = max(rpos) if rpos else None
    ordered = [quarters[k] for k in sorted(quarters)]
    previous: dict[str, Any] | None = None
    for q in ordered:
        for key in ("rto_seconds", "rpo_seconds"):
            before = previous.get(key) if previous else None
            q[f"{key[:3]}_change_seconds"] = (
                round(q[key] - before, 3) if q.get(key) is not None and before is not None else None
            )
        previous = q
    return {
        "folder": str(folder),
        "drills": [
            {k: r.get(k) for k in ("drill_id", "kind", "quarter", "ok", "rto_seconds", "rpo_seconds", "checks_failed")}
            for r in reports
        ],
        "quarters": ordered,
    }


# -- CLI ---------------------------------------------------------------------------------------------


def _render_report(report: dict[str, Any]) -> None:
    from rich.table import Table

    colors = {"passed": "green", "skipped": "yellow", "failed": "red"}
    table = Table(title=f"DR drill {report['drill_id']}")
    for col in ("step", "status", "seconds", "detail"):
        table.add_column(col)
    for s in report["steps"]:
        table.add_row(
            esc(s["title"]),
            f"[{colors.get(s['status'], 'white')}]{s['status']}[/]",
            f"{s['seconds']:.2f}",
            esc(str(s["detail"])[:110]),
        )
    console.print(table)
    verdict = "[green]PASSED[/]" if report["ok"] else "[red]FAILED[/]"
    console.print(
        f"drill {verdict}: RTO {_fmt_seconds(report['rto_seconds'])}, RPO {_fmt_seconds(report['rpo_seconds'])}, "
        f"{report['checks_passed']} checks passed, {report['checks_failed']} failed"
    )
    for c in report["checks"]:
        if c["status"] == "failed":
            console.print(f"  [red]✘[/] {esc(c['step'])} / {esc(c['name'])}: {esc(str(c['detail'])[:200])}")
    files = report.get("files") or {}
    if files:
        console.print("report: " + ", ".join(v for k, v in files.items() if k != "kept"))


def _render_history(data: dict[str, Any]) -> None:
    from rich.table import Table

    if not data["quarters"]:
        console.print(f"no drill reports in {data['folder']}")
        return
    table = Table(title="DR drills quarter over quarter")
    for col in ("quarter", "drills", "passed", "last", "RTO", "ΔRTO", "RPO", "ΔRPO"):
        table.add_column(col)
    for q in data["quarters"]:

        def delta(v: float | None) -> str:
            return "" if v is None else ("+" if v > 0 else "-") + _fmt_seconds(abs(v))

        table.add_row(
            q["quarter"],
            str(q["drills"]),
            str(q["passed"]),
            "ok" if q["last_ok"] else "FAILED",
            _fmt_seconds(q["rto_seconds"]),
            delta(q["rto_change_seconds"]),
            _fmt_seconds(q["rpo_seconds"]),
            delta(q["rpo_change_seconds"]),
        )
    console.print(table)


def _rehearse(local: bool, sandbox: bool, teardown: bool, out: Path, as_json: bool) -> None:
    if local == sandbox:
        raise BadInput("choose exactly one of --local or --sandbox (or the 'history' command)")
    if teardown and not sandbox:
        raise BadInput("--teardown only goes with --sandbox")
    config = get_config()
    if local:
        info(
            "local DR drill: starting stand-ins (PostgreSQL x2, moto, GCS emulator, status pages, "
            "Pingdom, DNS, SMTP, Cloudflare)",
            as_json,
        )
        report = run_local(config, out, as_json)
    else:
        report = run_sandbox(config, teardown, out, as_json)
        if teardown:
            emit(report, as_json)
            return
    emit(report, as_json, _render_report)
    if not report["ok"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    sub = new_app(
        "Rehearse the failover: --local (one machine, no cloud; what `make drill` runs), --sandbox (the quarterly "
        "drill in a sandbox account), history (RTO and RPO quarter over quarter).",
        no_args_is_help=False,
        invoke_without_command=True,
    )

    @sub.callback()
    def rehearse(
        ctx: typer.Context,
        local: Annotated[bool, typer.Option("--local", help="The whole drill on this machine with stand-ins.")] = False,
        sandbox: Annotated[
            bool, typer.Option("--sandbox", help="The quarterly drill against real clouds (stack <gcp>-drill-YYYYqN).")
        ] = False,
        teardown: Annotated[
            bool, typer.Option("--teardown", help="With --sandbox: destroy the sandbox drill stack.")
        ] = False,
        out: Annotated[Path, typer.Option("--out", help="Report folder (report.md/.json/.html).")] = Path(
            "drill-report"
        ),
        as_json: JsonOpt = False,
    ) -> None:
        """Run a DR drill and write its report; exit 1 when any check failed."""
        if ctx.invoked_subcommand is not None:
            return
        try:
            _rehearse(local, sandbox, teardown, out, as_json)
        except DrError as exc:
            fail(exc, as_json)

    @sub.command("history")
    def history_cmd(
        folder: Annotated[
            Path | None, typer.Option("--reports", help="Folder of kept reports (default <state.dir>/reports).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """RTO and RPO of the kept drill reports, quarter over quarter."""
        path = folder or get_config().state.dir / "reports"
        emit(history(path), as_json, _render_history)

    app.add_typer(sub, name="rehearse")
