"""``kaleo-dr failover``: rebuild Kaleo on GCP as one resumable run.

The steps, in the continuity plan's order (``failover.steps`` may reorder or replace them
by name, which is how rehearsals plug in offline equivalents):

``gate``       the 24-hour rule: refuse before ``declare.rebuild_gate_hours`` of Amazon outage
               unless ``--override-24h --reason TEXT`` (the override is logged);
``quota``      the region's quotas (vCPUs per machine family, SSD GB, instances, Compute API
               ``regions.get``) cover what the gcp stack creates (``scripts.cloud.quota``);
``backup``     the newest complete backup outside AWS and its age (RPO);
``stack``      ``pulumi up`` of the gcp stack through the Pulumi Automation API, streamed;
``provision``  the ansible provisioning of the new VMs (``scripts.cloud.provision``);
``restore``    the newest backup into the GCP database VM (``scripts.db.restore``);
``promote``    instead of ``restore`` when the standby is healthy (``scripts.db.standby``): decided
               before the first step, the choice and its reason recorded (see :func:`choose_database_path`);
``smoke``      HTTP health through the load balancer, a row-count sample, Redis PING and
               Elasticsearch cluster health, each skipped with its reason when not configured;
``handoff``    stop and ask for the DNS cutover (``kaleo-dr cutover --to gcp``): never automatic.

Offline equivalents in the same registry: ``stack-plan`` (the offline plan instead of
``pulumi up``), ``provision-check`` (provisioning in check mode) and ``hold`` (a rehearsal
pause that waits for ``failover.hold_file``, to practise an interrupted run).

Every step start and end is written to the step journal in the incident log before the
next one begins, so a crashed or interrupted run continues with ``--resume`` at the step
that did not finish, without redoing the finished ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import re
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig, resolve_secret
from scripts.output import BadInput, CheckFailed, DrError, console, emit, info
from scripts.runbook.incident import Incident, IncidentLog, from_iso, to_iso, utcnow

StepStatus = Literal["passed", "skipped", "failed"]
DONE = ("passed", "skipped")
DEFAULT_STEPS = ("gate", "quota", "backup", "stack", "provision", "restore", "search", "smoke", "handoff")
JOURNAL = "failover"


@dataclass
class StepOutcome:
    status: StepStatus
    detail: str
    data: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RunContext:
    """What every step sees: the configuration, the incident, the data earlier steps produced."""

    config: KaleoConfig
    log: IncidentLog
    incident: Incident
    stack: str
    as_json: bool = False
    override_reason: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    now: Callable[[], dt.datetime] = utcnow

    def say(self, message: str) -> None:
        info(message, self.as_json)


class Step:
    """One failover step: a name, a title and ``run(ctx)``; raising DrError fails the step."""

    name = "step"
    title = "step"

    def run(self, ctx: RunContext) -> StepOutcome:
        raise NotImplementedError


# -- the 24-hour gate ------------------------------------------------------------------------


def parse_duration(text: str) -> dt.timedelta:
    """'26h', '90m', '2d', '3600s' or a number of hours."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not match:
        raise BadInput(f"'{text}' is not a duration like 26h, 90m, 2d")
    value, unit = float(match.group(1)), match.group(2) or "h"
    return dt.timedelta(seconds=value * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit])


def outage_started_at(log: IncidentLog, incident: Incident) -> dt.datetime | None:
    """When the Amazon outage began, from the incident log's ``amazon_outage`` clock events."""
    event = log.last_event(incident.id, "amazon_outage")
    if event is None:
        return None
    for key in ("started_at", "since", "start", "began_at"):
        value = event.payload.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return from_iso(value)
    return event.at


class GateStep(Step):
    name = "gate"
    title = "24-hour gate"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.runbook.declare import amazon_clock

        hours = ctx.config.declare.rebuild_gate_hours
        clock = amazon_clock(ctx.log, ctx.incident, ctx.now(), hours)
        started = from_iso(clock.since) if clock.since else outage_started_at(ctx.log, ctx.incident)
        elapsed = (ctx.now() - started).total_seconds() / 3600 if started else None
        data = {"outage_started_at": to_iso(started) if started else None, "hours": elapsed, "gate_hours": hours}
        if elapsed is not None and elapsed >= hours:
            return StepOutcome("passed", f"Amazon outage for {elapsed:.1f} h (>= {hours} h): gate open", data)
        why = (
            f"Amazon outage for only {elapsed:.1f} h (< {hours} h)"
            if elapsed is not None
            else "no Amazon outage start recorded for this incident"
        )
        if ctx.override_reason:
            ctx.log.record(
                "override",
                {"gate": "24h", "reason": ctx.override_reason, "hours": elapsed, "gate_hours": hours},
                ctx.incident.id,
            )
            return StepOutcome("passed", f"{why}: OVERRIDDEN ({ctx.override_reason})", {**data, "override": True})
        raise CheckFailed(
            f"24-hour gate closed: {why}; the plan rebuilds on GCP after {hours} h of Amazon outage",
            hint="wait, or pass --override-24h --reason 'why' (the override is logged in the incident log)",
        )


class QuotaStep(Step):
    """The gate's second half: the region's quotas cover what the gcp stack creates (scripts/cloud/quota.py)."""

    name = "quota"
    title = "regional quotas (vCPUs per family, SSD GB)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud import quota
        from scripts.cloud.plan import run_plan

        cfg = ctx.config
        if not cfg.gcp.project:
            raise BadInput("gcp.project is not set: the quotas of which project?")
        plan = run_plan(ctx.stack, cfg.pulumi.project_dir if cfg.pulumi.project_dir != Path() else None)
        quotas = quota.region_quotas(
            cfg.gcp.project,
            cfg.gcp.region,
            endpoint=cfg.provision.compute_endpoint,
            credentials_file=cfg.gcp.credentials_file,
        )
        lines = quota.compare(quota.planned_usage(plan), quotas)
        data = {"region": cfg.gcp.region, "quotas": [{**asdict(q), "ok": q.ok} for q in lines]}
        short = [q for q in lines if not q.ok]
        if short:
            raise CheckFailed(
                f"quotas of {cfg.gcp.region} too small for stack {ctx.stack}: "
                + "; ".join(
                    f"{q.metric} needs {q.needed:g}, "
                    + ("not reported by the region" if q.available is None else f"{q.available:g} available")
                    for q in short
                ),
                hint="request the increase (IAM & Admin > Quotas) before any disaster: it takes hours to days",
            )
        summary = ", ".join(f"{q.metric} {q.needed:g}/{q.available:g}" for q in lines)
        return StepOutcome("passed", f"{cfg.gcp.region} quotas cover the stack: {summary}", data)


# -- backup ----------------------------------------------------------------------------------


def newest_good_backup(urls: list[str], verify: bool = True) -> dict[str, Any]:
    """The newest complete backup across ``urls`` whose files all match the manifest (size and sha256).

    Uses ``scripts.db.backup`` (list and verify); a bad newest backup is reported and the next
    older one is tried, like ``kaleo-dr restore --latest`` does.
    """
    backup = _module("scripts.db.backup", "backup listing")
    from scripts.db.storage import open_store

    candidates: list[tuple[str, str, Any, Any]] = []
    problems: list[str] = []
    for url in urls:
        try:
            store = open_store(url)
            for b in backup.list_backups(store):
                if b.complete:
                    candidates.append((b.backup_id, url, store, b))
                else:
                    problems.append(f"{url}/{b.backup_id}: {b.problem}")
        except DrError as exc:
            problems.append(f"{url}: {exc.message}")
    for backup_id, url, store, b in sorted(candidates, key=lambda c: c[0], reverse=True):
        if verify:
            result = backup.verify_backup(store, backup_id)
            if not result.ok:
                problems.append(f"{url}/{backup_id}: {result.summary()}")
                continue
        manifest = b.manifest
        return {
            "backup_id": backup_id,
            "location": url,
            "data_as_of": b.data_as_of.isoformat(),
            "bytes": b.bytes,
            "files": b.files,
            "verified": verify,
            "tables": {f"{t.schema}.{t.name}": t.rows for t in (manifest.tables if manifest else [])},
            "passed_over": problems,
        }
    raise CheckFailed(
        f"no good backup in {', '.join(urls)}" + (f" ({'; '.join(problems[:5])})" if problems else ""),
        hint="backups are made outside AWS by 'kaleo-dr backup create'; check backup.to",
    )


class BackupStep(Step):
    name = "backup"
    title = "newest good backup"

    def run(self, ctx: RunContext) -> StepOutcome:
        cfg = ctx.config
        locations = [u for u in dict.fromkeys([cfg.backup.to, *cfg.backup.also_to]) if u]
        if (ctx.data.get("database_path") or {}).get("path") == "promote":
            # the standby is the database: the dump is only the fallback, a missing one is not fatal
            try:
                return self._newest(ctx, locations)
            except DrError as exc:
                return StepOutcome("skipped", f"fallback dump not usable ({exc.message}); the standby will be promoted")
        return self._newest(ctx, locations)

    def _newest(self, ctx: RunContext, locations: list[str]) -> StepOutcome:
        cfg = ctx.config
        if not locations:
            raise BadInput("backup.to is not set: failover needs the backup location outside AWS")
        best = newest_good_backup(locations)
        age = ctx.now() - from_iso(best["data_as_of"])
        max_age = parse_duration(cfg.failover.backup_max_age or cfg.backup.max_age)
        best["age_seconds"] = round(age.total_seconds(), 1)
        ctx.data["backup"] = best
        from scripts.db.backup import human_duration

        detail = f"{best['backup_id']} at {best['location']}, verified, data {human_duration(age)} old"
        if age > max_age:
            raise CheckFailed(
                f"newest good backup {detail} is older than {max_age}",
                hint="set failover.backup_max_age to accept it (the data loss is that age)",
            )
        return StepOutcome("passed", detail, {"backup": best})


# -- stack -------------------------------------------------------------------------------------


def stack_config_for(choice: dict[str, Any] | None) -> dict[str, str]:
    """The stack config the database path needs: the app VMs' database is the promoted standby
    (``kaleo:gcpDbSource: standby``, its address from the standby stack) or the restored VM."""
    path = (choice or {}).get("path")
    if path not in ("promote", "restore"):
        return {}  # no decision in this run (resumed): the stack keeps what it has
    return {"kaleo:gcpDbSource": "standby" if path == "promote" else "restore"}


class StackUpStep(Step):
    name = "stack"
    title = "pulumi up (gcp stack)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud import stackops

        config = stack_config_for(ctx.data.get("database_path"))
        for key, value in config.items():
            ctx.say(f"stack {ctx.stack}: {key} = {value} (the database path of this failover)")
        outputs = stackops.up(
            ctx.stack, ctx.config.pulumi, on_output=lambda line: ctx.say(line.rstrip()), config=config
        )
        ctx.data["stack_outputs"] = outputs
        return StepOutcome(
            "passed",
            f"stack {ctx.stack} is up ({len(outputs)} outputs); app database: {outputs.get('dbSource', 'restore')}",
            {"stack_outputs": outputs, "stack_config": config},
        )


class StackPlanStep(Step):
    name = "stack-plan"
    title = "offline plan (gcp stack)"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.cloud.plan import run_plan

        plan = run_plan(ctx.stack, ctx.config.pulumi.project_dir if ctx.config.pulumi.project_dir != Path() else None)
        if not plan.resources:
            raise CheckFailed(f"the offline plan of stack {ctx.stack} has no resources")
        ctx.data["stack_outputs"] = plan.outputs
        types = sorted({r.type for r in plan.resources})
        return StepOutcome(
            "passed",
            f"{len(plan.resources)} resources planned offline ({len(types)} types)",
            {"stack_outputs": plan.outputs, "resources": len(plan.resources)},
        )


# -- provisioning and restore (over scripts.cloud.provision / scripts.db.restore) ------------------------


def _module(name: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise CheckFailed(f"{what} is not available: module {name} is missing") from exc


class ProvisionStep(Step):
    name = "provision"
    title = "provisioning (ansible)"
    check_mode = False

    def run(self, ctx: RunContext) -> StepOutcome:
        provision = _module("scripts.cloud.provision", "provisioning")
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
            instances = provision.list_instances(
                cfg.gcp.project,
                stack=ctx.stack,
                app_label=settings.app_label,
                endpoint=settings.compute_endpoint,
                credentials_file=cfg.gcp.credentials_file,
            )
            built = provision.build_inventory(instances, project=cfg.gcp.project, stack=ctx.stack, settings=settings)
            for problem in built.problems:
                ctx.say(f"[yellow]{esc(problem['host'])}[/]: {esc(problem['error'])}")
            provision.write_inventory(built, inventory)
            ctx.say(f"inventory of {len(built.hosts)} VM(s) written to {inventory}")
        playbook = settings.playbook
        if not playbook.is_absolute() and not playbook.exists():
            from scripts.cloud.plan import project_root

            playbook = project_root() / playbook
        secrets, missing = provision.resolve_secrets(cfg)
        for m in missing:
            ctx.say(f"[yellow]secret not available:[/] {esc(m['var'])}: {esc(m['error'])}")
        result = provision.run_playbook(
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
        restore = _module("scripts.db.restore", "restore")
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


# -- smoke tests -----------------------------------------------------------------------------


def _check(name: str, status: str, detail: str) -> dict[str, Any]:
    return {"name": name, "status": status, "detail": detail}


def smoke_http(url: str | None, expect: int, timeout: float) -> dict[str, Any]:
    if not url:
        return _check("http", "skipped", "failover.smoke.http_url is not set")
    import httpx

    try:
        resp = httpx.get(url, timeout=timeout, follow_redirects=False)
    except httpx.HTTPError as exc:
        return _check("http", "failed", f"GET {url}: {exc}")
    ok = resp.status_code == expect
    return _check("http", "passed" if ok else "failed", f"GET {url} -> {resp.status_code} (expected {expect})")


def smoke_rows(
    dsn: str | None, tables: dict[str, int | None], timeout: float, password: str | None = None
) -> dict[str, Any]:
    """Row counts of ``tables`` on ``dsn`` (checked like every DSN: no secret in it; the
    password is ``restore.password``, PGPASSWORD or ~/.pgpass)."""
    if not dsn:
        return _check("rows", "skipped", "no database DSN (failover.smoke.db_dsn or restore.target_dsn)")
    if not tables:
        return _check("rows", "skipped", "no tables to sample (failover.smoke.db_tables or a backup manifest)")
    import psycopg
    from psycopg import sql

    from scripts.db import pgtools

    counts: dict[str, int] = {}
    wrong: list[str] = []
    try:
        with contextlib.closing(pgtools.connect(dsn, password, connect_timeout=max(1, int(timeout)))) as conn:
            for table, expected in tables.items():
                schema, _, name = table.rpartition(".")
                ident = sql.Identifier(schema, name) if schema else sql.Identifier(name)
                row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(ident)).fetchone()
                counts[table] = int(row[0]) if row else 0
                if expected is not None and counts[table] != expected:
                    wrong.append(f"{table}: {counts[table]} rows, backup has {expected}")
    except CheckFailed as exc:
        return _check("rows", "failed", f"row-count sample failed: {exc.message}")
    except psycopg.Error as exc:
        return _check("rows", "failed", f"row-count sample failed: {pgtools.redact(str(exc).strip(), password)}")
    detail = ", ".join(f"{t}={n}" for t, n in counts.items())
    return _check("rows", "failed" if wrong else "passed", "; ".join(wrong) if wrong else detail)


def pgtools_check(dsn: str) -> None:
    from scripts.db import pgtools

    pgtools.check_dsn(dsn, "the restore target")


def smoke_dsn(config: KaleoConfig, promoted: bool = False) -> tuple[str | None, str, str | None]:
    """The smoke-test DSN, the key naming its password reference, and that reference.

    ``failover.smoke.db_dsn``, else the promoted standby (``standby.standby_dsn``) or the
    restore target (``restore.target_dsn``). Checked like every DSN: no password,
    sslpassword, ... in it; the password is ``standby.standby_password`` for a promoted
    standby, ``restore.password`` otherwise."""
    from scripts.db import pgtools

    smoke = config.failover.smoke
    if promoted:
        dsn, key = smoke.db_dsn or config.standby.standby_dsn, "standby.standby_dsn"
        ref_key, ref = "standby.standby_password", config.standby.standby_password
    else:
        dsn, key = smoke.db_dsn or config.restore.target_dsn, "restore.target_dsn"
        ref_key, ref = "restore.password", config.restore.password
    if dsn:
        pgtools.check_dsn(dsn, "failover.smoke.db_dsn" if smoke.db_dsn else key)
    return dsn, ref_key, ref


def smoke_redis(url: str | None, timeout: float) -> dict[str, Any]:
    if not url:
        return _check("redis", "skipped", "failover.smoke.redis_url is not set")
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            answer = sock.recv(64)
    except OSError as exc:
        return _check("redis", "failed", f"PING {host}:{port}: {exc}")
    # A Redis that requires AUTH (the GCP cache VM, ElastiCache with a token) answers NOAUTH:
    # that is Redis answering. The password never goes into the smoke URL.
    ok = answer.startswith((b"+PONG", b"-NOAUTH"))
    return _check("redis", "passed" if ok else "failed", f"PING {host}:{port} -> {answer.strip()!r}")


def smoke_search(
    url: str | None, timeout: float, auth: tuple[str, str] | None = None, verify: ssl.SSLContext | bool = True
) -> dict[str, Any]:
    """Cluster health of the GCP OpenSearch cluster: green or yellow passes."""
    if not url:
        return _check("search", "skipped", "failover.smoke.search_url is not set")
    import httpx

    try:
        resp = httpx.get(url.rstrip("/") + "/_cluster/health", timeout=timeout, auth=auth, verify=verify)
        status = resp.json().get("status") if resp.status_code == 200 else None
    except (httpx.HTTPError, ValueError) as exc:
        return _check("search", "failed", f"cluster health: {exc}")
    ok = status in ("green", "yellow")
    return _check("search", "passed" if ok else "failed", f"cluster health {status or resp.status_code}")


def smoke_search_of(cfg: KaleoConfig) -> dict[str, Any]:
    """``smoke_search`` of ``failover.smoke.search_url`` as the search commands reach the GCP cluster:
    ``search.gcp_user``/``gcp_password`` and its CA (``search.ca_file``, else ``search.gcp_ca_secret``)."""
    s = cfg.failover.smoke
    if not s.search_url:
        return smoke_search(None, s.timeout)
    from scripts.search.ca import with_gcp_ca

    try:
        search = with_gcp_ca(cfg)
        password = resolve_secret(search.gcp_password, "search.gcp_password") if search.gcp_password else None
    except DrError as exc:
        return _check("search", "failed", f"cannot reach the cluster as configured: {exc.message}")
    auth = (search.gcp_user, password) if password else None
    verify = ssl.create_default_context(cafile=str(search.ca_file)) if search.ca_file else True
    return smoke_search(s.search_url, s.timeout, auth, verify)


class SmokeStep(Step):
    name = "smoke"
    title = "smoke tests"

    def run(self, ctx: RunContext) -> StepOutcome:
        s = ctx.config.failover.smoke
        manifest_tables: dict[str, int] = (ctx.data.get("backup") or {}).get("tables") or {}
        promoted = (ctx.data.get("database_path") or {}).get("path") == "promote"
        tables: dict[str, int | None]
        if s.db_tables:
            tables = {t: manifest_tables.get(t if "." in t else f"public.{t}") for t in s.db_tables}
        else:
            tables = dict(sorted(manifest_tables.items(), key=lambda kv: -kv[1])[:5])
        if promoted:  # the standby is newer than any dump: count rows, compare nothing
            tables = dict.fromkeys(tables)
        db_dsn, ref_key, ref = smoke_dsn(ctx.config, promoted)
        if not promoted and ctx.data.get("target_dsn") and not s.db_dsn:
            db_dsn = ctx.data["target_dsn"]  # the database the restore step filled (a drill stack's own)
            pgtools_check(db_dsn)
        password = resolve_secret(ref, ref_key) if db_dsn and ref else None
        checks = [
            smoke_http(s.http_url, s.http_expect_status, s.timeout),
            smoke_rows(db_dsn, tables, s.timeout, password),
            smoke_redis(s.redis_url, s.timeout),
            smoke_search_of(ctx.config),
        ]
        failed = [c for c in checks if c["status"] == "failed"]
        passed = [c for c in checks if c["status"] == "passed"]
        summary = ", ".join(f"{c['name']} {c['status']}" for c in checks)
        if failed:
            raise CheckFailed(
                "smoke tests failed: " + "; ".join(f"{c['name']}: {c['detail']}" for c in failed),
                hint="fix the service, then kaleo-dr failover --resume",
            )
        return StepOutcome("passed" if passed else "skipped", summary, {"smoke": checks}, checks)


# -- rehearsal hold and the hand-off -------------------------------------------------------------


class HoldStep(Step):
    name = "hold"
    title = "rehearsal hold"

    def run(self, ctx: RunContext) -> StepOutcome:
        path = ctx.config.failover.hold_file
        if path is None:
            return StepOutcome("skipped", "failover.hold_file is not set")
        deadline = time.monotonic() + ctx.config.failover.hold_timeout
        ctx.say(f"holding until {path} exists")
        while not path.exists():
            if time.monotonic() > deadline:
                raise CheckFailed(f"{path} did not appear within {ctx.config.failover.hold_timeout:.0f}s")
            time.sleep(0.1)
        return StepOutcome("passed", f"released by {path}")


class HandoffStep(Step):
    name = "handoff"
    title = "ask for the DNS cutover"

    def run(self, ctx: RunContext) -> StepOutcome:
        outputs = ctx.data.get("stack_outputs") or {}
        ip = outputs.get(ctx.config.pulumi.lb_ip_output) or ctx.config.cloudflare.target_ip
        command = "kaleo-dr cutover --to gcp" + (f" --target-ip {ip}" if ip else " --target-ip <GCP load balancer IP>")
        ctx.data["next"] = command
        return StepOutcome(
            "passed", f"GCP is ready; the DNS cutover is a decision: {command}", {"next": command, "lb_ip": ip}
        )


class SearchStep(Step):
    """Restore the newest OpenSearch snapshot (the GCS copy) on the GCP cluster; compare document counts."""

    name = "search"
    title = "search restore"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.search.ca import with_gcp_ca
        from scripts.search.snapshot import restore_newest

        result = restore_newest(with_gcp_ca(ctx.config))
        checks = [
            _check(f"index {index}", "passed" if result.restored.get(index) == count else "failed",
                   f"{result.restored.get(index)} documents, snapshot recorded {count}")
            for index, count in sorted(result.expected.items())
        ]  # fmt: skip
        if result.differences:
            raise CheckFailed("; ".join(result.differences), hint="kaleo-dr search reindex rebuilds from PostgreSQL")
        return StepOutcome(
            "passed",
            f"snapshot {result.snapshot} (taken {result.taken_at}) restored: {len(result.restored)} indices, "
            f"{sum(result.restored.values())} documents, counts equal",
            {"search": {"snapshot": result.snapshot, "taken_at": result.taken_at, "indices": result.restored}},
            checks,
        )


REGISTRY: dict[str, Callable[[], Step]] = {
    "gate": GateStep,
    "quota": QuotaStep,
    "backup": BackupStep,
    "stack": StackUpStep,
    "stack-plan": StackPlanStep,
    "provision": ProvisionStep,
    "provision-check": ProvisionCheckStep,
    "restore": RestoreStep,
    "search": SearchStep,
    "promote": PromoteStep,
    "smoke": SmokeStep,
    "hold": HoldStep,
    "handoff": HandoffStep,
}


def steps_by_name(names: list[str] | tuple[str, ...]) -> list[Step]:
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise BadInput(f"failover.steps: unknown step(s) {', '.join(unknown)}", hint=f"known: {', '.join(REGISTRY)}")
    if len(set(names)) != len(names):
        raise BadInput("failover.steps: a step is listed twice")
    return [REGISTRY[n]() for n in names]


# -- the journal and the runner ----------------------------------------------------------------


@dataclass
class JournalRun:
    run_id: str
    steps: list[str]
    states: dict[str, dict[str, Any]]
    finished: bool
    started_at: dt.datetime


def journal_runs(log: IncidentLog, incident_id: int, journal: str = JOURNAL) -> list[JournalRun]:
    runs: dict[str, JournalRun] = {}
    for event in log.steps(incident_id):
        p = event.payload
        if p.get("journal") != journal:
            continue
        run_id = str(p.get("run"))
        if p.get("step") == "_run":
            if p.get("state") == "started" and run_id not in runs:
                runs[run_id] = JournalRun(run_id, list(p.get("steps", [])), {}, False, event.at)
            elif p.get("state") == "finished" and run_id in runs:
                runs[run_id].finished = True
            continue
        if run_id in runs:
            runs[run_id].states[str(p.get("step"))] = {**p, "at": to_iso(event.at)}
    return list(runs.values())


@contextlib.contextmanager
def run_lock(state_dir: Path, journal: str) -> Iterator[None]:
    from scripts.state import private_file

    with private_file(state_dir / f"{journal}.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BadInput(f"another {journal} run holds {state_dir / (journal + '.lock')}") from exc
        yield


def abandon_unfinished(log: IncidentLog, incident_id: int, journal: str) -> None:
    """Close the unfinished run of ``journal`` (``--restart``): the next run begins afresh."""
    runs = journal_runs(log, incident_id, journal)
    if runs and not runs[-1].finished:
        log.record(
            "step",
            {
                "journal": journal,
                "run": runs[-1].run_id,
                "step": "_run",
                "state": "finished",
                "detail": "abandoned by --restart",
            },
            incident_id,
        )


def run_steps(
    ctx: RunContext,
    steps: list[Step],
    *,
    resume: bool = False,
    journal: str = JOURNAL,
    on_step: Callable[[dict[str, Any]], None] | None = None,
    keep_going: bool = False,
) -> dict[str, Any]:
    """Run ``steps`` in order with a journal; ``resume`` continues the unfinished run of the incident.

    A failed step stops the run, unless ``keep_going`` (rehearsals report every step).
    """
    log, incident = ctx.log, ctx.incident
    runs = journal_runs(log, incident.id, journal)
    unfinished = runs[-1] if runs and not runs[-1].finished else None
    done: dict[str, dict[str, Any]] = {}
    if resume:
        if unfinished is None:
            raise BadInput(f"no unfinished {journal} run to resume for incident {incident.id}")
        names = unfinished.steps
        if names != [s.name for s in steps]:
            steps = steps_by_name(names) if all(n in REGISTRY for n in names) else steps
        run_id = unfinished.run_id
        for name in names:
            state = unfinished.states.get(name)
            if state and state.get("state") in DONE:
                done[name] = state
                ctx.data.update(state.get("data") or {})
            else:
                break
    else:
        if unfinished is not None and not any(st.get("state") in DONE for st in unfinished.states.values()):
            # nothing of it was done (e.g. the gate refused): close it and begin afresh
            log.record(
                "step",
                {
                    "journal": journal,
                    "run": unfinished.run_id,
                    "step": "_run",
                    "state": "finished",
                    "detail": "superseded: no step had finished",
                },
                incident.id,
            )
            unfinished = None
        if unfinished is not None:
            stuck = next((n for n in unfinished.steps if unfinished.states.get(n, {}).get("state") not in DONE), "?")
            raise BadInput(
                f"{journal} run {unfinished.run_id} did not finish (stopped at step '{stuck}')",
                hint=f"continue it with --resume, or pass --restart to begin a new run (journal: {log.path})",
            )
        run_id = f"{journal}-{ctx.now().strftime('%Y%m%dT%H%M%S.%fZ')}"
        log.record(
            "step",
            {
                "journal": journal,
                "run": run_id,
                "step": "_run",
                "state": "started",
                "steps": [s.name for s in steps],
                "stack": ctx.stack,
            },
            incident.id,
        )

    results: list[dict[str, Any]] = []
    failed: dict[str, Any] | None = None
    failures: list[dict[str, Any]] = []
    for step in steps:
        if step.name in done:
            prev = done[step.name]
            entry = {
                "step": step.name,
                "title": step.title,
                "status": prev["state"],
                "detail": prev.get("detail", ""),
                "seconds": prev.get("seconds", 0.0),
                "checks": prev.get("checks", []),
                "resumed": True,
            }
            results.append(entry)
            continue
        ctx.say(f"[bold]▶ {esc(step.title)}[/]")
        started_at = ctx.now()
        log.record("step", {"journal": journal, "run": run_id, "step": step.name, "state": "started"}, incident.id)
        t0 = time.monotonic()
        try:
            outcome = step.run(ctx)
        except DrError as exc:
            outcome = StepOutcome("failed", exc.message, {"hint": exc.hint} if exc.hint else {})
            failures.append({"step": step.name, "error": exc.message, "hint": exc.hint})
            failed = failed or failures[-1]
        except Exception as exc:
            # an unexpected error is journaled like a failed step (so --resume restarts this step)
            outcome = StepOutcome("failed", f"unexpected error: {type(exc).__name__}: {exc}")
            failures.append({"step": step.name, "error": outcome.detail, "hint": None})
            failed = failed or failures[-1]
            if not keep_going:
                log.record(
                    "step",
                    {
                        "journal": journal,
                        "run": run_id,
                        "step": step.name,
                        "state": "failed",
                        "detail": outcome.detail,
                        "seconds": round(time.monotonic() - t0, 3),
                    },
                    incident.id,
                )
                raise
        except KeyboardInterrupt:
            log.record(
                "step",
                {
                    "journal": journal,
                    "run": run_id,
                    "step": step.name,
                    "state": "failed",
                    "detail": "interrupted",
                    "seconds": round(time.monotonic() - t0, 3),
                },
                incident.id,
            )
            raise
        seconds = round(time.monotonic() - t0, 3)
        log.record(
            "step",
            {
                "journal": journal,
                "run": run_id,
                "step": step.name,
                "state": outcome.status,
                "detail": outcome.detail,
                "seconds": seconds,
                "data": outcome.data,
                "checks": outcome.checks,
                "started_at": to_iso(started_at),
            },
            incident.id,
        )
        entry = {
            "step": step.name,
            "title": step.title,
            "status": outcome.status,
            "detail": outcome.detail,
            "seconds": seconds,
            "checks": outcome.checks,
            "started_at": to_iso(started_at),
            "resumed": False,
        }
        results.append(entry)
        if on_step is not None:
            on_step(entry)
        mark = {"passed": "[green]✔[/]", "skipped": "[yellow]–[/]", "failed": "[red]✘[/]"}[outcome.status]
        ctx.say(f"  {mark} {esc(step.title)}: {esc(outcome.detail)} ({seconds:.1f}s)")
        if failed and not keep_going:
            break
    if failed is None:
        log.record("step", {"journal": journal, "run": run_id, "step": "_run", "state": "finished"}, incident.id)
    started = outage_started_at(log, incident)
    rto_from = started or incident.opened_at
    return {
        "run": run_id,
        "incident": incident.id,
        "stack": ctx.stack,
        "ok": failed is None,
        "failed": failed,
        "failures": failures,
        "steps": results,
        "steps_seconds": round(sum(float(r["seconds"]) for r in results), 3),
        "rto_from": to_iso(rto_from),
        "rto_seconds_so_far": round((ctx.now() - rto_from).total_seconds(), 1),
        "next": None if failed else (ctx.data.get("next") or "kaleo-dr cutover --to gcp"),
    }


def failover(
    config: KaleoConfig,
    stack: str,
    *,
    resume: bool = False,
    restart: bool = False,
    override_reason: str | None = None,
    as_json: bool = False,
    steps: list[Step] | None = None,
) -> dict[str, Any]:
    from scripts.cloud.stackops import require_failover_stack

    require_failover_stack(stack, config.pulumi)
    names = list(config.failover.steps or DEFAULT_STEPS)
    chosen = steps or steps_by_name(names)
    if any(step.name == "smoke" for step in chosen):  # a DSN carrying a secret is refused before anything runs
        smoke_dsn(config)
        smoke_dsn(config, promoted=True)
    with run_lock(config.state.dir, JOURNAL), IncidentLog.open(config.state.incident_log_path()) as log:
        incident, _ = log.ensure_incident("Amazon outage: failover to GCP")
        choice: dict[str, Any] | None = None
        if not resume and "restore" in [st.name for st in chosen]:
            choice = choose_database_path(config, log, incident, utcnow())
            if choice["path"] == "promote" and "stack" in [st.name for st in chosen]:
                unlinked = standby_link_problem(config, stack)
                if unlinked:
                    choice = {**choice, "path": "restore", "reason": f"standby not used: {unlinked}"}
            log.record("decision", {"failover_database_path": choice["path"], **choice}, incident.id)
            info(f"database path: {choice['path']} ({choice['reason']})", as_json)
            if choice["path"] == "promote":
                chosen = [PromoteStep() if st.name == "restore" else st for st in chosen]
        if restart:
            abandon_unfinished(log, incident.id, JOURNAL)
        ctx = RunContext(config, log, incident, stack, as_json=as_json, override_reason=override_reason)
        if choice is not None:
            ctx.data["database_path"] = choice
        result = run_steps(ctx, chosen, resume=resume)
        result["database_path"] = ctx.data.get("database_path")
        return result


def render_run_steps(data: dict[str, Any], title: str, resume_command: str) -> bool:
    """A journaled run's steps as a table, then where it stopped and how to resume; True when it stopped."""
    from rich.table import Table

    table = Table(title=title)
    for col in ("step", "status", "seconds", "detail"):
        table.add_column(col)
    colors = {"passed": "green", "skipped": "yellow", "failed": "red"}
    for s in data["steps"]:
        status = f"[{colors[s['status']]}]{s['status']}[/]" + (" (earlier run)" if s.get("resumed") else "")
        table.add_row(esc(s["title"]), status, f"{s['seconds']:.1f}", esc(s["detail"]))
    console.print(table)
    if not data["failed"]:
        return False
    console.print(f"[red]stopped at {data['failed']['step']}[/]: {esc(data['failed']['error'])}")
    if data["failed"].get("hint"):
        console.print(f"[yellow]hint:[/] {esc(data['failed']['hint'])}")
    console.print(f"fix the cause, then: {resume_command}")
    return True


def _render(data: dict[str, Any]) -> None:
    title = f"failover {data['run']} (incident {data['incident']}, stack {data['stack']})"
    from scripts.db.backup import human_duration

    stopped = render_run_steps(data, title, "kaleo-dr failover --resume")
    console.print(
        f"RTO so far: {human_duration(data['rto_seconds_so_far'])} since {data['rto_from']} "
        f"(steps of this run: {human_duration(data['steps_seconds'])})"
    )
    if data.get("database_path"):
        console.print(f"database: {data['database_path']['path']} ({esc(data['database_path']['reason'])})")
    if not stopped:
        console.print(f"[bold]next:[/] {esc(data['next'])}")


def register(app: typer.Typer) -> None:
    @app.command("failover")
    def failover_cmd(
        stack: Annotated[
            str | None, typer.Option("--stack", help="Pulumi stack to build (default pulumi.gcp_stack).")
        ] = None,
        resume: Annotated[
            bool, typer.Option("--resume", help="Continue the unfinished run at its failed step.")
        ] = False,
        restart: Annotated[bool, typer.Option("--restart", help="Abandon an unfinished run and begin again.")] = False,
        override_24h: Annotated[
            bool, typer.Option("--override-24h", help="Rebuild before the 24-hour gate opens (needs --reason).")
        ] = False,
        reason: Annotated[str | None, typer.Option("--reason", help="Why the gate is overridden (logged).")] = None,
        yes: Annotated[bool, typer.Option("--yes", help="Start without the confirmation prompt.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Rebuild Kaleo on GCP: gate -> backup -> pulumi up -> provision -> restore -> smoke -> ask for cutover.

        Each step is journaled in the incident log; after a crash or a failed step, fix the cause and
        run again with --resume. Ends with the RTO so far. The DNS cutover stays a separate decision.
        """
        import sys

        if override_24h and not (reason and reason.strip()):
            raise BadInput("--override-24h needs --reason TEXT (it is written to the incident log)")
        if reason and not override_24h:
            raise BadInput("--reason only goes with --override-24h")
        if resume and restart:
            raise BadInput("--resume and --restart exclude each other")
        config = get_config()
        stack_name = stack or config.pulumi.gcp_stack
        if not yes:
            if not sys.stdin.isatty():
                raise BadInput("failover builds and changes infrastructure: pass --yes to confirm")
            if not typer.confirm(f"Fail over to GCP (stack {stack_name})?", default=False):
                raise CheckFailed("failover cancelled")
        data = failover(
            config,
            stack_name,
            resume=resume,
            restart=restart,
            override_reason=reason.strip() if override_24h and reason else None,
            as_json=as_json,
        )
        emit(data, as_json, _render)
        if not data["ok"]:
            raise typer.Exit(1)
