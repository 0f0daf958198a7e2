"""``kaleo-dr boot vars``: the continuity machines' role variables, rendered and uploaded.

The AWS continuity agent and the GCP watcher read their role variables at every boot
(``playbooks/boot/kaleo-boot.sh``): ``vars/agent.yml`` in the agent's S3 boot bucket and
``vars/watcher.yml`` in the GCP release bucket. The file is a YAML mapping of Ansible extra
variables for the ``continuity_agent`` role: ``continuity_agent_config`` (the content of the
machine's ``kaleo-dr.yaml``) and, for the agent, ``continuity_agent_gcp_workload_provider`` /
``continuity_agent_gcp_account``. The config is validated as ``kaleo-dr.yaml`` is, then every
secret-bearing value must be a reference (``env:``/``file:``, a Secret Manager name where the key
takes one) and no DSN may carry a password: a literal is refused with the key that holds it, and
nothing is uploaded.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlparse

import typer
import yaml

from scripts.cliapp import JsonOpt
from scripts.config import CONFIG_ENV, DEFAULT_CONFIG_NAME, parse_config
from scripts.db.storage import open_store
from scripts.output import BadInput, console, emit, err_console

ROLES = ("agent", "watcher")
#: Leaf keys whose value is a secret: it must be an env:/file: reference.
_SECRET_KEY = re.compile(r"(password|passwd|token|signing_key|private_key|secret)$")
#: Keys whose value names a Secret Manager secret (or is an env:/file: reference).
_SECRET_NAME_KEYS = {"gcp_ca_secret"}
#: Mappings whose values are secrets given as a Secret Manager name or an env:/file: reference.
_SECRET_NAME_MAPS = {"role_passwords", "secret_manager"}
#: Mappings of ids, not secrets (GCP secret id -> AWS secret id).
_ID_MAPS = {("secrets", "sync")}
_SECRET_NAME = re.compile(r"^(projects/[^/\s]+/secrets/[A-Za-z0-9_-]+(/versions/[A-Za-z0-9]+)?|[A-Za-z0-9_-]{1,255})$")
_DSN_PASSWORD = re.compile(r"(^|\s)password\s*=", re.IGNORECASE)


@dataclass
class RoleVars:
    role: str
    object: str
    data: bytes
    sha256: str


def vars_object(role: str) -> str:
    return f"vars/{role}.yml"


def _is_ref(value: str) -> bool:
    return (value.startswith("env:") and len(value) > 4) or (value.startswith("file:") and len(value) > 5)


def _dsn_has_password(value: str) -> bool:
    if _DSN_PASSWORD.search(value):
        return True
    parsed = urlparse(value)
    if parsed.scheme.startswith("postgres"):
        return bool(parsed.password) or "password" in parse_qs(parsed.query)
    return False


def literal_secrets(data: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Dotted keys of ``data`` holding a secret written inline instead of a reference."""
    found: list[str] = []
    if isinstance(data, dict):
        if path[-2:] in _ID_MAPS:
            return found
        for key, value in data.items():
            found += literal_secrets(value, (*path, str(key)))
        return found
    if isinstance(data, list):
        for i, value in enumerate(data):
            found += literal_secrets(value, (*path, str(i)))
        return found
    if not isinstance(data, str) or not path:
        return found
    key = path[-1]
    dotted = ".".join(path)
    if (len(path) > 1 and path[-2] in _SECRET_NAME_MAPS) or key in _SECRET_NAME_KEYS:
        if not (_is_ref(data) or _SECRET_NAME.fullmatch(data)):
            found.append(dotted)
    elif _SECRET_KEY.search(key.lower()):
        if not _is_ref(data):
            found.append(dotted)
    elif (key.endswith("dsn") or key.endswith("_url")) and _dsn_has_password(data):
        found.append(dotted)
    return found


def render_vars(role: str, config: dict[str, Any], extra: dict[str, str] | None = None) -> RoleVars:
    """The ``vars/<role>.yml`` of a continuity machine; BadInput if the config is invalid or holds a literal secret."""
    if role not in ROLES:
        raise BadInput(f"--role {role!r}: use agent or watcher")
    parse_config(config, "--from")
    literals = literal_secrets(config)
    if literals:
        raise BadInput(
            "secrets in the role variables are references, never inline values: "
            + ", ".join(f"key '{k}'" for k in literals)
            + " holds a literal",
            hint="write env:NAME or file:/path (a Secret Manager name where the key takes one); DSNs carry no password",
        )
    doc: dict[str, Any] = {"continuity_agent_config": config}
    doc.update({k: v for k, v in (extra or {}).items() if v})
    data = ("---\n" + yaml.safe_dump(doc, sort_keys=True, default_flow_style=False)).encode()
    return RoleVars(role, vars_object(role), data, hashlib.sha256(data).hexdigest())


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"--from {path}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise BadInput(f"--from {path}: not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(f"--from {path}: the top level must be a mapping of sections")
    return data


def vars_cmd(
    role: Annotated[str, typer.Option("--role", help="agent (S3 boot bucket) or watcher (GCP release bucket).")],
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Bucket URL the machine boots from: s3://<kaleo:agentBundleBucket> (agent) or "
            "gs://<kaleo:gcpReleaseBucket> (watcher); the object is vars/<role>.yml under it.",
        ),
    ],
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help=f"The machine's kaleo-dr.yaml (default: ${CONFIG_ENV}, else ./{DEFAULT_CONFIG_NAME})."
        ),
    ] = None,
    workload_provider: Annotated[
        str,
        typer.Option("--gcp-workload-provider", help="agent: gcp-standby output agentWorkloadProvider."),
    ] = "",
    gcp_account: Annotated[str, typer.Option("--gcp-account", help="agent: gcp-standby output agentAccount.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Render a continuity machine's role variables from its kaleo-dr.yaml, refuse literal secrets, upload them."""
    path = source or Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME)
    if not path.exists():
        raise BadInput(f"--from {path}: no such file", hint="give the machine's kaleo-dr.yaml with --from")
    if role != "agent" and (workload_provider or gcp_account):
        raise BadInput(
            "--gcp-workload-provider and --gcp-account are for --role agent (the watcher uses its VM's account)"
        )
    extra = {
        "continuity_agent_gcp_workload_provider": workload_provider,
        "continuity_agent_gcp_account": gcp_account,
    }
    rendered = render_vars(role, read_config_file(path), extra)
    scheme = urlparse(to).scheme
    if scheme not in ("s3", "gs", "file"):
        raise BadInput(f"--to {to!r}: use s3://BUCKET (agent) or gs://BUCKET (watcher)")
    store = open_store(to)
    err_console.print(f"uploading {rendered.object} to {to}")
    store.put_bytes(rendered.object, rendered.data)
    url = f"{to.rstrip('/')}/{rendered.object}"
    data = {"role": role, "url": url, "sha256": rendered.sha256, "bytes": len(rendered.data), "from": str(path)}

    def render(_: object) -> None:
        console.print(f"{role} role variables uploaded: {url}")
        console.print(f"sha256 {rendered.sha256} ({len(rendered.data)} bytes)")

    emit(data, as_json, render)
