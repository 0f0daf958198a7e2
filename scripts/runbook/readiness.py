"""``kaleo-dr readiness``: one report of everything that must already be outside AWS.

During an AWS outage nothing inside AWS can be read, so the failover can only use what was
copied out before. This command checks each item of the "before any disaster" checklist
(README) against its budget from ``readiness`` in ``kaleo-dr.yaml``:

==================  =====================================================================
item                source and budget
==================  =====================================================================
backup              newest verified dump of ``backup.to``/``also_to`` (``backup_max_age``)
restore-test        newest ``ok`` record under ``<jobs.results_to>/restore-test/``
                    (``restore_test_max_age``)
standby-lag         ``kaleo-dr standby status`` lag, only where ``standby`` is configured
                    (``standby.max_lag``)
objects:<bucket>    per ``readiness.buckets`` pair: every S3 object older than
                    ``objects_max_age`` is in the GCS copy (counts and bytes compared while
                    AWS answers; without AWS, unknown)
search-snapshot     newest object of the snapshot repository ``search_snapshots``
                    (``search_snapshot_max_age``)
release             the version answered by ``release_version_url`` exists at
                    ``release_object`` outside AWS
secret:<id>         each ``secrets.sync`` pair: last confirmation by ``secrets sync`` and an
                    enabled version in Secret Manager (``secrets_max_age``)
certificate         the Certificate Manager certificate is ``ACTIVE``
pulumi-backend      ``pulumi.backend_url`` and the stacks' secrets providers are not on AWS
calling-list        age of the exported calling lists (``calling_list_max_age``)
dns-ttl             TTL of the A/AAAA/CNAME records of ``cloudflare.records`` <=
                    ``dns_max_ttl``
==================  =====================================================================

Each item has a state: ``ok``; ``over`` (older than its budget); ``failed`` (present but
wrong: a missing object, a certificate not ACTIVE, a backend on S3); ``unknown`` (it could
not be checked: no credentials, no answer, not configured); ``n/a`` (standby lag without a
standby); ``skipped`` (listed in ``readiness.skip``). Unknown is never ok.

Exit codes: 0 every item ok (or n/a, skipped); 1 at least one item over budget or failed
(every one is named); 3 (inconclusive) no item failed but at least one is unknown; 2 bad
configuration. ``--format prometheus`` prints the text exposition format for node_exporter's
textfile collector (``--output FILE`` writes it atomically).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig
from scripts.output import BadInput, DrError, ExitCode, console, emit, info

OK, OVER, FAILED, UNKNOWN, NA, SKIPPED = "ok", "over", "failed", "unknown", "n/a", "skipped"
STATES = (OK, OVER, FAILED, UNKNOWN, NA, SKIPPED)
ITEMS = (
    "backup",
    "restore-test",
    "standby-lag",
    "objects",
    "search-snapshot",
    "release",
    "secrets",
    "certificate",
    "pulumi-backend",
    "calling-list",
    "dns-ttl",
)
CERTIFICATE_MANAGER = "https://certificatemanager.googleapis.com"
SWITCHED_TYPES = ("A", "AAAA", "CNAME")


@dataclass
class Item:
    name: str
    state: str
    detail: str = ""
    age_seconds: float | None = None
    budget_seconds: float | None = None
    data: dict[str, Any] = field(default_factory=dict)


def _seconds(text: str, key: str) -> float:
    from scripts.db.backup.formatting import parse_duration

    return parse_duration(text, key).total_seconds()


def _utc(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _aged(name: str, when: dt.datetime | None, budget: float, now: dt.datetime, what: str, **data: Any) -> Item:
    """An item whose state is its age against ``budget``."""
    if when is None:
        return Item(name, UNKNOWN, f"no {what} found", None, budget, data)
    age = (now - when).total_seconds()
    state = OK if age <= budget else OVER
    return Item(name, state, f"{what} at {when.isoformat(timespec='seconds')}", age, budget, data)


# -- the items -------------------------------------------------------------------------------


def check_backup(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.runbook.failover.backup import newest_good_backup

    budget = _seconds(cfg.readiness.backup_max_age or cfg.backup.max_age, "readiness.backup_max_age")
    urls = [u for u in dict.fromkeys([cfg.backup.to, *cfg.backup.also_to]) if u]
    if not urls:
        return [Item("backup", UNKNOWN, "backup.to is not set: no dump location to check", None, budget)]
    try:
        found = newest_good_backup(urls, verify=cfg.readiness.verify_backup)
    except DrError as exc:
        state = FAILED if exc.code == ExitCode.CHECK_FAILED else UNKNOWN
        return [Item("backup", state, exc.message, None, budget)]
    item = _aged("backup", _utc(found["data_as_of"]), budget, now, "newest verified dump", backup_id=found["backup_id"])
    item.detail = f"{found['backup_id']} in {found['location']}: data as of {found['data_as_of']}"
    return [item]


def check_restore_test(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.jobs import records

    budget = _seconds(cfg.readiness.restore_test_max_age, "readiness.restore_test_max_age")
    try:
        url = records.results_url(cfg)
        newest = records.newest(url, records.RESTORE_TEST_JOB, status="ok")
    except DrError as exc:
        return [Item("restore-test", UNKNOWN, exc.message, None, budget)]
    if newest is None:
        return [Item("restore-test", OVER, f"no successful restore test under {url}/restore-test/", None, budget)]
    when = _utc(newest.get("finished_at") or newest.get("started_at"))
    test = newest.get("restore_test") or {}
    item = _aged("restore-test", when, budget, now, "last successful restore test", backup_id=test.get("backup_id"))
    if test.get("backup_id"):
        item.detail += f" of {test['backup_id']}"
    return [item]


def check_standby_lag(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    s = cfg.standby
    if not (s.source_dsn and s.standby_dsn):
        return [Item("standby-lag", NA, "no standby configured (standby.source_dsn, standby.standby_dsn)")]
    budget = _seconds(s.max_lag, "standby.max_lag")
    try:
        from scripts.db.standby.status import status

        data = status(cfg, valve=False, heartbeat=False)
    except DrError as exc:
        return [Item("standby-lag", UNKNOWN, exc.message, None, budget)]
    except Exception as exc:  # a standby that cannot be read is unknown, with the reason
        return [Item("standby-lag", UNKNOWN, f"{type(exc).__name__}: {exc}", None, budget)]
    lag = data.get("lag_seconds")
    if lag is None:
        return [Item("standby-lag", UNKNOWN, "the standby reports no lag (subscription down?)", None, budget)]
    state = OK if float(lag) <= budget else OVER
    return [Item("standby-lag", state, f"replication lag {float(lag):.1f}s", float(lag), budget)]


def _bucket_listing(url: str) -> dict[str, Any]:
    from scripts.db.storage import open_store

    return {o.key: o for o in open_store(url).list()}


def check_objects(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    budget = _seconds(cfg.readiness.objects_max_age, "readiness.objects_max_age")
    if not cfg.readiness.buckets:
        return [Item("objects", UNKNOWN, "readiness.buckets is empty: no S3 -> GCS copy to check", None, budget)]
    items = []
    for s3, gcs in cfg.readiness.buckets.items():
        name = f"objects:{s3}"
        try:
            copied = _bucket_listing(f"gs://{gcs}")
        except DrError as exc:
            items.append(Item(name, UNKNOWN, f"gs://{gcs}: {exc.message}", None, budget))
            continue
        newest_copy = max((_aware(o.updated) for o in copied.values() if o.updated is not None), default=None)
        data: dict[str, Any] = {
            "gcs_bucket": gcs,
            "gcs_objects": len(copied),
            "gcs_bytes": sum(o.size for o in copied.values()),
            "gcs_newest": newest_copy.isoformat() if newest_copy else None,
        }
        try:
            source = _bucket_listing(f"s3://{s3}")
        except DrError as exc:
            items.append(
                Item(name, UNKNOWN, f"S3 did not answer, nothing to compare with: {exc.message}", None, budget, data)
            )
            continue
        data.update(s3_objects=len(source), s3_bytes=sum(o.size for o in source.values()))
        missing = [
            o
            for key, o in source.items()
            if o.updated is not None
            and (now - _aware(o.updated)).total_seconds() > budget
            and (key not in copied or copied[key].size != o.size)
        ]
        data["missing"] = len(missing)
        if missing:
            oldest = min(_aware(o.updated) for o in missing if o.updated is not None)
            age = (now - oldest).total_seconds()
            sample = ", ".join(sorted(o.key for o in missing)[:3])
            detail = f"{len(missing)} S3 object(s) older than the budget not in gs://{gcs} (e.g. {sample})"
            items.append(Item(name, OVER, detail, age, budget, data))
            continue
        pending = [o for k, o in source.items() if k not in copied]
        copy_age = (now - newest_copy).total_seconds() if newest_copy else None
        detail = f"{len(copied)} object(s) in gs://{gcs}, {len(source)} in S3" + (
            f"; {len(pending)} newer than the budget still to copy" if pending else ""
        )
        items.append(Item(name, OK, detail, copy_age, budget, data))
    return items


def check_search_snapshot(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.db.storage import open_store

    budget = _seconds(cfg.readiness.search_snapshot_max_age, "readiness.search_snapshot_max_age")
    url = cfg.readiness.search_snapshots
    if not url:
        return [Item("search-snapshot", UNKNOWN, "readiness.search_snapshots is not set", None, budget)]
    try:
        objects = open_store(url).list()
    except DrError as exc:
        return [Item("search-snapshot", UNKNOWN, f"{url}: {exc.message}", None, budget)]
    newest = max((_aware(o.updated) for o in objects if o.updated is not None), default=None)
    if newest is None:
        return [Item("search-snapshot", OVER, f"no snapshot in {url}", None, budget)]
    return [_aged("search-snapshot", newest, budget, now, f"newest snapshot object in {url}")]


def _running_version(url: str, timeout: float) -> str:
    req = urllib.request.Request(url, headers={"Accept": "application/json, text/plain"})  # noqa: S310
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - URL from config
        body = resp.read(4096).decode("utf-8", "replace").strip()
    try:
        doc = json.loads(body)
    except ValueError:
        return body.splitlines()[0].strip() if body else ""
    return str(doc.get("version", "")) if isinstance(doc, dict) else str(doc)


def check_release(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.db.storage import open_store

    r = cfg.readiness
    if not (r.release_version_url and r.release_object):
        return [Item("release", UNKNOWN, "readiness.release_version_url and release_object are not set")]
    try:
        version = _running_version(r.release_version_url, r.timeout)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return [Item("release", UNKNOWN, f"the running version could not be read from {r.release_version_url}: {exc}")]
    if not version or "/" in version or ".." in version:
        return [Item("release", UNKNOWN, f"{r.release_version_url} answered no usable version ({version!r})")]
    target = r.release_object.replace("{version}", version)
    base, _, key = target.rpartition("/")
    try:
        present = open_store(base).exists(key)
    except DrError as exc:
        return [Item("release", UNKNOWN, f"{target}: {exc.message}", data={"version": version})]
    if not present:
        return [
            Item("release", FAILED, f"release {version} (running on AWS) is not at {target}", data={"version": version})
        ]
    return [Item("release", OK, f"release {version} is at {target}", data={"version": version, "object": target})]


def check_secrets(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.cloud import secrets

    budget = _seconds(cfg.readiness.secrets_max_age, "readiness.secrets_max_age")
    if not cfg.secrets.sync:
        return [Item("secrets", UNKNOWN, "secrets.sync is empty: no synced secret to check", None, budget)]
    state = secrets.load_state(cfg).get("secrets", {})
    try:
        sm: Any = secrets.secret_manager(cfg)
    except DrError as exc:
        sm = None
        reason = exc.message
    items = []
    for gcp_secret in cfg.secrets.sync:
        name = f"secret:{gcp_secret}"
        confirmed = _utc((state.get(gcp_secret) or {}).get("confirmed_at"))
        if sm is None:
            items.append(Item(name, UNKNOWN, reason, None, budget))
            continue
        try:
            versions = sm.versions(gcp_secret)
        except secrets.SecretManagerError as exc:
            state_ = FAILED if exc.status == 404 else UNKNOWN
            items.append(Item(name, state_, str(exc), None, budget))
            continue
        enabled = [v for v in versions if v.get("state") == "ENABLED"]
        if not enabled:
            items.append(Item(name, FAILED, f"{gcp_secret} has no enabled version in Secret Manager", None, budget))
            continue
        if confirmed is None:
            items.append(
                Item(
                    name,
                    UNKNOWN,
                    f"no secrets sync confirmation of {gcp_secret} in {secrets.state_path(cfg)}",
                    None,
                    budget,
                )
            )
            continue
        items.append(_aged(name, confirmed, budget, now, "last confirmed by secrets sync", versions=len(enabled)))
    return items


def check_certificate(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    r = cfg.readiness
    if not r.certificate:
        return [Item("certificate", UNKNOWN, "readiness.certificate is not set")]
    if not cfg.gcp.project:
        return [Item("certificate", UNKNOWN, "gcp.project is not set")]
    endpoint = (r.certificate_endpoint or CERTIFICATE_MANAGER).rstrip("/")
    path = f"projects/{cfg.gcp.project}/locations/global/certificates/{urllib.parse.quote(r.certificate, safe='')}"
    headers = {"Accept": "application/json"}
    try:
        if not endpoint.startswith("http://"):
            import google.auth
            import google.auth.transport.requests

            creds, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
            creds.refresh(google.auth.transport.requests.Request())
            headers["Authorization"] = f"Bearer {creds.token}"
        req = urllib.request.Request(f"{endpoint}/v1/{path}", headers=headers)  # noqa: S310
        with urllib.request.urlopen(req, timeout=r.timeout) as resp:  # noqa: S310 - endpoint from config
            cert = json.load(resp)
    except urllib.error.HTTPError as exc:
        state = FAILED if exc.code == 404 else UNKNOWN
        return [Item("certificate", state, f"Certificate Manager {path}: HTTP {exc.code}")]
    except Exception as exc:  # no credentials, no answer: unknown, with the reason
        return [Item("certificate", UNKNOWN, f"Certificate Manager did not answer: {type(exc).__name__}: {exc}")]
    managed = cert.get("managed") or {}
    cert_state = managed.get("state", "?")
    data = {"state": cert_state, "domains": managed.get("domains", []), "expires": cert.get("expireTime")}
    if cert_state != "ACTIVE":
        issue = (managed.get("provisioningIssue") or {}).get("reason", "")
        return [
            Item(
                "certificate", FAILED, f"{r.certificate} is {cert_state}" + (f" ({issue})" if issue else ""), data=data
            )
        ]
    return [Item("certificate", OK, f"{r.certificate} is ACTIVE for {', '.join(data['domains'])}", data=data)]


def check_pulumi_backend(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    root = cfg.pulumi.project_dir
    problems = []
    backend = cfg.pulumi.backend_url
    try:
        project = yaml.safe_load((root / "Pulumi.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        return [Item("pulumi-backend", UNKNOWN, f"cannot read {root / 'Pulumi.yaml'}: {exc}")]
    backend = backend or ((project.get("backend") or {}).get("url") if isinstance(project, dict) else None)
    if not backend:
        return [Item("pulumi-backend", UNKNOWN, "no Pulumi backend configured (pulumi.backend_url)")]
    if backend.startswith("s3://") or "amazonaws.com" in backend:
        problems.append(f"backend {backend} is on AWS")
    providers = {}
    for stack in cfg.readiness.pulumi_stacks:
        path = root / f"Pulumi.{stack}.yaml"
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            return [Item("pulumi-backend", UNKNOWN, f"cannot read {path}: {exc}")]
        provider = str(doc.get("secretsprovider") or "default")
        providers[stack] = provider
        if provider.startswith("awskms://"):
            problems.append(f"stack {stack}'s secrets provider {provider} is AWS KMS")
    data = {"backend": backend, "secrets_providers": providers}
    if problems:
        return [Item("pulumi-backend", FAILED, "; ".join(problems), data=data)]
    return [Item("pulumi-backend", OK, f"backend {backend}; secrets providers {providers}", data=data)]


def check_calling_list(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    budget = _seconds(cfg.readiness.calling_list_max_age, "readiness.calling_list_max_age")
    if not cfg.readiness.calling_list:
        return [Item("calling-list", UNKNOWN, "readiness.calling_list is empty: no export to check", None, budget)]
    oldest: dt.datetime | None = None
    for path in cfg.readiness.calling_list:
        try:
            mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        except OSError:
            return [
                Item("calling-list", FAILED, f"{path} does not exist: kaleo-dr contacts export -o {path}", None, budget)
            ]
        oldest = mtime if oldest is None or mtime < oldest else oldest
    return [_aged("calling-list", oldest, budget, now, "oldest calling-list export")]


def check_dns_ttl(cfg: KaleoConfig, now: dt.datetime) -> list[Item]:
    from scripts.runbook import cutover

    limit = cfg.readiness.dns_max_ttl
    if not cfg.cloudflare.records:
        return [Item("dns-ttl", UNKNOWN, "cloudflare.records is empty: no record to check")]
    try:
        client = cutover._client(cfg)
    except DrError as exc:
        return [Item("dns-ttl", UNKNOWN, exc.message)]
    ttls: dict[str, int] = {}
    try:
        for name in cfg.cloudflare.records:
            # the records the cutover switches (address records), not MX or TXT of the same name
            found = [r for r in client.list_records(name) if r.type in SWITCHED_TYPES]
            if not found:
                return [Item("dns-ttl", FAILED, f"{name}: no A, AAAA or CNAME record in the Cloudflare zone")]
            ttls[name] = max(r.effective_ttl() for r in found)
    except DrError as exc:
        return [Item("dns-ttl", UNKNOWN, f"Cloudflare: {exc.message}")]
    finally:
        client.close()
    high = {n: t for n, t in ttls.items() if t > limit}
    data = {"ttls": ttls, "max_ttl": limit}
    if high:
        detail = ", ".join(f"{n} TTL {t}s" for n, t in high.items())
        return [Item("dns-ttl", FAILED, f"{detail} above {limit}s: the cutover would wait that long", data=data)]
    return [Item("dns-ttl", OK, f"every record at most {limit}s", data=data)]


CHECKS: dict[str, Callable[[KaleoConfig, dt.datetime], list[Item]]] = {
    "backup": check_backup,
    "restore-test": check_restore_test,
    "standby-lag": check_standby_lag,
    "objects": check_objects,
    "search-snapshot": check_search_snapshot,
    "release": check_release,
    "secrets": check_secrets,
    "certificate": check_certificate,
    "pulumi-backend": check_pulumi_backend,
    "calling-list": check_calling_list,
    "dns-ttl": check_dns_ttl,
}


def readiness(cfg: KaleoConfig, now: dt.datetime | None = None, as_json: bool = False) -> dict[str, Any]:
    unknown_skips = [s for s in cfg.readiness.skip if s not in CHECKS]
    if unknown_skips:
        raise BadInput(f"readiness.skip: unknown item(s) {unknown_skips}", hint=f"items: {', '.join(ITEMS)}")
    now = now or dt.datetime.now(dt.UTC)
    items: list[Item] = []
    for name, check in CHECKS.items():
        if name in cfg.readiness.skip:
            items.append(Item(name, SKIPPED, "listed in readiness.skip"))
            continue
        info(f"readiness: {name}", as_json=True)
        try:
            items.extend(check(cfg, now))
        except BadInput:
            raise
        except DrError as exc:
            items.append(Item(name, UNKNOWN, exc.message))
    bad = [i.name for i in items if i.state in (OVER, FAILED)]
    unknown = [i.name for i in items if i.state == UNKNOWN]
    code = ExitCode.CHECK_FAILED if bad else ExitCode.INCONCLUSIVE if unknown else ExitCode.OK
    return {
        "checked_at": now.isoformat(),
        "ready": code == ExitCode.OK,
        "exit_code": int(code),
        "over_budget_or_failed": bad,
        "unknown": unknown,
        "items": [asdict(i) for i in items],
    }


# -- output ----------------------------------------------------------------------------------


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def prometheus(report: dict[str, Any]) -> str:
    """The report in the Prometheus text exposition format (node_exporter textfile collector)."""
    lines = [
        "# HELP kaleo_dr_readiness_ok 1 when the item is within its budget (unknown, over and failed are 0).",
        "# TYPE kaleo_dr_readiness_ok gauge",
    ]
    items = report["items"]
    for i in items:
        if i["state"] not in (NA, SKIPPED):
            lines.append(f'kaleo_dr_readiness_ok{{item="{_label(i["name"])}"}} {1 if i["state"] == OK else 0}')
    lines += [
        "# HELP kaleo_dr_readiness_state The state of each item (one series per state).",
        "# TYPE kaleo_dr_readiness_state gauge",
    ]
    for i in items:
        for state in STATES:
            value = 1 if i["state"] == state else 0
            lines.append(f'kaleo_dr_readiness_state{{item="{_label(i["name"])}",state="{state}"}} {value}')
    lines += [
        "# HELP kaleo_dr_readiness_age_seconds Age of the item's newest copy outside AWS.",
        "# TYPE kaleo_dr_readiness_age_seconds gauge",
    ]
    for i in items:
        if i["age_seconds"] is not None:
            lines.append(f'kaleo_dr_readiness_age_seconds{{item="{_label(i["name"])}"}} {i["age_seconds"]:.0f}')
    lines += [
        "# HELP kaleo_dr_readiness_budget_seconds The item's budget from kaleo-dr.yaml.",
        "# TYPE kaleo_dr_readiness_budget_seconds gauge",
    ]
    for i in items:
        if i["budget_seconds"] is not None:
            lines.append(f'kaleo_dr_readiness_budget_seconds{{item="{_label(i["name"])}"}} {i["budget_seconds"]:.0f}')
    checked = _utc(report["checked_at"])
    lines += [
        "# HELP kaleo_dr_readiness_last_run_timestamp_seconds When readiness last ran.",
        "# TYPE kaleo_dr_readiness_last_run_timestamp_seconds gauge",
        f"kaleo_dr_readiness_last_run_timestamp_seconds {checked.timestamp() if checked else time.time():.0f}",
        "# HELP kaleo_dr_readiness_exit_code 0 ready, 1 an item over budget or failed, 3 an item unknown.",
        "# TYPE kaleo_dr_readiness_exit_code gauge",
        f"kaleo_dr_readiness_exit_code {report['exit_code']}",
    ]
    return "\n".join(lines) + "\n"


def _human_age(seconds: float | None) -> str:
    if seconds is None:
        return ""
    from scripts.db.backup.formatting import human_duration

    return human_duration(seconds)


def _render(report: dict[str, Any]) -> None:
    from rich.table import Table

    colors = {OK: "green", OVER: "red", FAILED: "red", UNKNOWN: "yellow", NA: "dim", SKIPPED: "dim"}
    table = Table(title=f"readiness at {report['checked_at']}")
    for col in ("item", "state", "age", "budget", "detail"):
        table.add_column(col)
    for i in report["items"]:
        table.add_row(
            i["name"],
            f"[{colors[i['state']]}]{i['state']}[/]",
            _human_age(i["age_seconds"]),
            _human_age(i["budget_seconds"]),
            i["detail"],
        )
    console.print(table)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise BadInput(f"--output {path}: {exc.strerror}") from exc


def register(app: typer.Typer) -> None:
    @app.command("readiness")
    def readiness_command(
        fmt: Annotated[
            str, typer.Option("--format", "-f", help="table (default), json or prometheus (textfile collector).")
        ] = "table",
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Write the report to this file atomically (e.g. node_exporter's *.prom)."
            ),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Check everything that must already be outside AWS, each item against its budget (readiness in kaleo-dr.yaml).

        Items: backup, restore-test, standby-lag, objects:<bucket>, search-snapshot, release, secret:<id>,
        certificate, pulumi-backend, calling-list, dns-ttl. For cron and monitoring.
        Exit 0: every item ok; 1: an item over budget or failed (all named); 3: an item could not be checked
        (unknown is never ok); 2: bad configuration.
        """
        if fmt not in ("table", "json", "prometheus"):
            raise BadInput(f"--format {fmt!r}: use table, json or prometheus")
        as_json = as_json or fmt == "json"
        report = readiness(get_config(), as_json=as_json or fmt == "prometheus")
        if fmt == "prometheus":
            text = prometheus(report)
            if output is not None:
                _write_atomic(output, text)
            else:
                typer.echo(text, nl=False)
        else:
            if output is not None:
                from scripts.output import to_json

                _write_atomic(output, to_json(report) + "\n")
            emit(report, as_json, _render)
        quiet = as_json or (fmt == "prometheus" and output is None)
        if report["over_budget_or_failed"]:
            info(f"[red]over budget or failed: {', '.join(report['over_budget_or_failed'])}[/]", quiet)
        if report["unknown"]:
            info(f"[yellow]could not be checked (unknown): {', '.join(report['unknown'])}[/]", quiet)
        if report["exit_code"]:
            raise typer.Exit(report["exit_code"])
