"""The failover's ``smoke`` step: HTTP health through the load balancer, a row-count sample, Redis PING
and OpenSearch cluster health, each skipped with its reason when not configured."""

from __future__ import annotations

import contextlib
import socket
import ssl
from typing import Any

from scripts.config import KaleoConfig, resolve_secret
from scripts.output import CheckFailed, DrError
from scripts.runbook.runner import RunContext, Step, StepOutcome


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
