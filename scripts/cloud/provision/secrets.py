"""The secrets a provisioning run hands to Ansible, resolved from the environment, files or Secret Manager.

A secret not given here is read by the VM itself from Secret Manager (the common role).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from scripts.config import KaleoConfig, ProvisionSettings, resolve_secret
from scripts.output import BadInput, DrError


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
