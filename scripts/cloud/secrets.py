"""``kaleo-dr secrets sync``: copy the AWS Secrets Manager secrets the failover needs into GCP.

During an AWS outage nothing in AWS Secrets Manager can be read, yet the GCP environment
must run with the *same* app secret key (sessions, signed tokens, data encrypted with it),
Redis AUTH token and third-party credentials. This command runs on a schedule while AWS is
healthy (cron, every hour) and, for every pair of ``secrets.sync`` (GCP secret id -> AWS
secret id or ARN):

1. reads the AWS value (``GetSecretValue``: ``SecretString`` or ``SecretBinary``);
2. reads the latest GCP version (``versions/latest:access``, CRC32C verified);
3. compares their SHA-256 digests and adds a GCP version (``:addVersion``, with
   ``dataCrc32c``) only when they differ: an unchanged secret never gets a new version.

Values live in memory only: never printed, logged, written to a report or to disk. The
report says per secret ``unchanged``, ``updated`` (new version N), ``created`` or
``failed`` (with the reason), and the time of each confirmation is kept in
``<state.dir>/secrets-sync.json``, which ``kaleo-dr readiness`` reads for the age.

The GCP secrets are created by the gcp-standby stack (``kaleo-sync-<key>``); ``--create``
creates a missing one (automatic replication) instead of failing.

Exit codes: 0 every secret in sync; 1 at least one failed (AWS or GCP did not answer, a
secret is missing...); 2 bad configuration (no ``secrets.sync``, no project).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig
from scripts.output import BadInput, console, emit, info

DEFAULT_ENDPOINT = "https://secretmanager.googleapis.com"
STATE_FILE = "secrets-sync.json"


class SecretManagerError(Exception):
    """The Secret Manager API refused or did not answer; ``status`` is the HTTP status (0: no answer)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class SecretManager:
    """The few Secret Manager REST calls kaleo-dr needs (v1 shapes; endpoint overridable for stand-ins)."""

    def __init__(self, project: str, endpoint: str | None = None, timeout: float = 10.0) -> None:
        self.project = project
        self.endpoint = (endpoint or DEFAULT_ENDPOINT).rstrip("/")
        self.timeout = timeout
        self._token: str | None = None

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if not self.endpoint.startswith("http://"):
            # a plain-HTTP endpoint is a local stand-in; everything else gets Google credentials (TLS verified)
            if self._token is None:
                import google.auth
                import google.auth.transport.requests
                from google.auth import exceptions as auth_exc

                try:
                    creds, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
                    creds.refresh(google.auth.transport.requests.Request())
                except auth_exc.GoogleAuthError as exc:
                    raise SecretManagerError(f"no Google credentials for Secret Manager: {exc}") from exc
                self._token = str(creds.token)
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        url = f"{self.endpoint}/v1/{path}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers())  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - endpoint from config
                return dict(json.load(resp))
        except urllib.error.HTTPError as exc:
            try:
                detail = json.load(exc).get("error", {}).get("status", "")
            except (ValueError, AttributeError):
                detail = ""
            raise SecretManagerError(
                f"Secret Manager {method} {path}: HTTP {exc.code} {detail}".strip(), exc.code
            ) from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SecretManagerError(f"Secret Manager {method} {path}: no answer ({exc})") from exc

    def _secret(self, secret: str) -> str:
        return f"projects/{self.project}/secrets/{urllib.parse.quote(secret, safe='')}"

    def exists(self, secret: str) -> bool:
        try:
            self._call("GET", self._secret(secret))
        except SecretManagerError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def create(self, secret: str, labels: dict[str, str] | None = None) -> None:
        path = f"projects/{self.project}/secrets?secretId={urllib.parse.quote(secret, safe='')}"
        self._call("POST", path, {"replication": {"automatic": {}}, "labels": labels or {}})

    def versions(self, secret: str) -> list[dict[str, Any]]:
        """Every version of ``secret``, newest first (``name``, ``createTime``, ``state``)."""
        out: list[dict[str, Any]] = []
        token = ""
        while True:
            suffix = f"?pageToken={urllib.parse.quote(token)}" if token else ""
            page = self._call("GET", f"{self._secret(secret)}/versions{suffix}")
            out.extend(page.get("versions") or [])
            token = str(page.get("nextPageToken") or "")
            if not token:
                return out

    def access(self, secret: str, version: str = "latest") -> bytes | None:
        """The payload of a version (CRC32C checked), or None when the secret has no enabled version."""
        import google_crc32c

        try:
            answer = self._call("GET", f"{self._secret(secret)}/versions/{version}:access")
        except SecretManagerError as exc:
            if exc.status == 404:
                return None
            raise
        try:
            data = base64.b64decode(answer["payload"]["data"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SecretManagerError(f"Secret Manager {secret}: unexpected answer (no payload.data)") from exc
        expected = answer["payload"].get("dataCrc32c")
        if expected is not None and int(expected) != google_crc32c.value(data):
            raise SecretManagerError(f"Secret Manager {secret}: payload checksum mismatch (dataCrc32c)")
        return data

    def add_version(self, secret: str, data: bytes) -> str:
        """Add a version holding ``data``; return its name (``.../versions/N``)."""
        import google_crc32c

        payload = {"data": base64.b64encode(data).decode(), "dataCrc32c": str(google_crc32c.value(data))}
        return str(self._call("POST", f"{self._secret(secret)}:addVersion", {"payload": payload}).get("name", ""))


def secret_manager(cfg: KaleoConfig) -> SecretManager:
    """The Secret Manager client of ``secrets.project`` (or ``gcp.project``) and ``secrets.endpoint``."""
    project = cfg.secrets.project or cfg.gcp.project
    if not project:
        raise BadInput("no GCP project for Secret Manager: set secrets.project or gcp.project in kaleo-dr.yaml")
    return SecretManager(project, cfg.secrets.endpoint, cfg.secrets.timeout)


def aws_secret_value(cfg: KaleoConfig, secret_id: str) -> bytes:
    """``GetSecretValue`` of ``secret_id`` (string or binary); raises ``RuntimeError`` without the value."""
    import boto3
    from botocore import exceptions as bx
    from botocore.config import Config

    config = Config(
        connect_timeout=cfg.aws.connect_timeout,
        read_timeout=cfg.aws.read_timeout,
        retries={"max_attempts": cfg.aws.max_attempts, "mode": "standard"},
    )
    client: Any = boto3.session.Session().client(
        "secretsmanager", region_name=cfg.aws.region, endpoint_url=cfg.aws.endpoint_url, config=config
    )
    try:
        answer = client.get_secret_value(SecretId=secret_id)
    except bx.ClientError as exc:
        raise RuntimeError(
            f"AWS Secrets Manager {secret_id}: {exc.response.get('Error', {}).get('Code', '?')}"
        ) from exc
    except (bx.BotoCoreError, OSError) as exc:
        raise RuntimeError(f"AWS Secrets Manager {secret_id}: {type(exc).__name__}: {exc}") from exc
    if "SecretString" in answer:
        return str(answer["SecretString"]).encode()
    return bytes(answer["SecretBinary"])


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


@dataclass
class SyncResult:
    gcp_secret: str
    aws_secret: str
    status: str  # unchanged | updated | created | failed
    version: str | None = None
    detail: str = ""


def state_path(cfg: KaleoConfig) -> Path:
    return cfg.state.dir / STATE_FILE


def load_state(cfg: KaleoConfig) -> dict[str, Any]:
    """``{"secrets": {gcp_secret: {"confirmed_at", "aws_secret", "version"}}}`` (empty if never synced)."""
    path = state_path(cfg)
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {"secrets": {}}
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path}: unreadable secrets sync state ({exc})") from exc


def _save_state(cfg: KaleoConfig, results: list[SyncResult], now: dt.datetime) -> None:
    from scripts.state import private_file

    state = load_state(cfg)
    known = state.setdefault("secrets", {})
    for r in results:
        if r.status != "failed":
            known[r.gcp_secret] = {"confirmed_at": now.isoformat(), "aws_secret": r.aws_secret, "version": r.version}
    path = state_path(cfg)
    tmp = private_file(path.with_suffix(".tmp"))
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    tmp.replace(path)


def sync_one(cfg: KaleoConfig, sm: SecretManager, gcp_secret: str, aws_secret: str, create: bool) -> SyncResult:
    result = SyncResult(gcp_secret, aws_secret, "failed")
    try:
        value = aws_secret_value(cfg, aws_secret)
    except RuntimeError as exc:
        result.detail = str(exc)
        return result
    try:
        created = False
        current = sm.access(gcp_secret)
        if current is None and not sm.exists(gcp_secret):
            if not create:
                result.detail = (
                    f"GCP secret {gcp_secret} does not exist: pulumi up --stack gcp-standby "
                    "(kaleo:gcpSyncedSecrets) or run with --create"
                )
                return result
            sm.create(gcp_secret, {"app": "kaleo", "synced": "aws-secrets-manager"})
            created = True
        if current is not None and hmac.compare_digest(_digest(current), _digest(value)):
            result.status = "unchanged"
            latest = sm.versions(gcp_secret)
            result.version = str(latest[0].get("name", "")).rsplit("/", 1)[-1] if latest else None
            return result
        name = sm.add_version(gcp_secret, value)
        result.status = "created" if created else "updated"
        result.version = name.rsplit("/", 1)[-1] or None
    except SecretManagerError as exc:
        result.detail = str(exc)
    finally:
        del value
    return result


def sync(cfg: KaleoConfig, create: bool = False, as_json: bool = False) -> list[SyncResult]:
    if not cfg.secrets.sync:
        raise BadInput(
            "nothing to sync: secrets.sync in kaleo-dr.yaml maps GCP secret ids to AWS secret ids",
            hint="secrets: {sync: {kaleo-sync-app-secret-key: kaleo/aws/app-secret-key}}",
        )
    sm = secret_manager(cfg)
    now = dt.datetime.now(dt.UTC)
    results = []
    for gcp_secret, aws_secret in cfg.secrets.sync.items():
        info(f"syncing {aws_secret} -> {gcp_secret}", as_json=True)
        results.append(sync_one(cfg, sm, gcp_secret, aws_secret, create))
    _save_state(cfg, results, now)
    return results


def _render(data: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title=f"secrets sync: project {data['project']}")
    for col in ("GCP secret", "AWS secret", "status", "version", "detail"):
        table.add_column(col)
    colors = {"unchanged": "green", "updated": "cyan", "created": "cyan", "failed": "red"}
    for r in data["secrets"]:
        table.add_row(
            r["gcp_secret"],
            r["aws_secret"],
            f"[{colors[r['status']]}]{r['status']}[/]",
            r["version"] or "",
            r["detail"],
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    secrets_app = new_app("Copy the AWS Secrets Manager secrets the failover needs into GCP Secret Manager.")

    @secrets_app.command("sync")
    def sync_command(
        create: Annotated[
            bool, typer.Option("--create", help="Create a missing GCP secret instead of failing on it.")
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Copy every secrets.sync pair AWS -> GCP; a new GCP version only when the value changed.

        Run it on a schedule while AWS is healthy. Values are compared by SHA-256 digest in memory and
        never printed. Exit 0: all in sync; 1: a secret failed (named); 2: bad configuration.
        """
        cfg = get_config()
        results = sync(cfg, create=create, as_json=as_json)
        data = {"project": cfg.secrets.project or cfg.gcp.project, "secrets": [asdict(r) for r in results]}
        emit(data, as_json, _render)
        failed = [r.gcp_secret for r in results if r.status == "failed"]
        if failed:
            info(f"[red]secrets not synced: {', '.join(failed)}[/]", as_json)
            raise typer.Exit(1)

    app.add_typer(secrets_app, name="secrets")
