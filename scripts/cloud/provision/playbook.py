"""``provision run``'s work: ``playbooks/site.yml`` through ansible-runner, with per-host results.

Secrets reach Ansible only as extra vars in a private 0700 directory deleted after the run;
the environment Ansible sees is scrubbed of secret-looking variables and the runner's
artifacts are redacted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_PLAYBOOK = ROOT / "playbooks" / "site.yml"
# Environment variables hidden from the Ansible process: ansible-runner records the whole
# environment of the run in its artifacts (artifacts/<id>/command).
# Variables naming a file (gcloud's CLOUDSDK_*_FILE...) are kept: the IAP tunnel needs them.
_SENSITIVE_ENV_MARKERS = ("PASSWORD", "SECRET", "TOKEN", "PRIVATE_KEY", "ACCESS_KEY", "HMAC")
_PATH_SUFFIXES = ("_FILE", "_PATH", "_DIR")


@dataclass
class HostResult:
    host: str
    ok: int = 0
    changed: int = 0
    failed: int = 0
    unreachable: int = 0
    skipped: int = 0
    error: str | None = None
    task: str | None = None


@dataclass
class RunResult:
    status: str
    rc: int
    check: bool
    limit: str | None
    inventory: str
    artifacts: str
    hosts: list[HostResult]
    missing_secrets: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rc == 0 and all(h.failed == 0 and h.unreachable == 0 for h in self.hosts)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


@contextlib.contextmanager
def _scrubbed_environ(secret_values: Mapping[str, str]) -> Iterator[None]:
    """Hide secret-bearing variables from the Ansible process (and from runner's artifacts)."""
    hidden: dict[str, str] = {}
    values = {v for v in secret_values.values() if v}
    for key, value in list(os.environ.items()):
        sensitive = any(m in key.upper() for m in _SENSITIVE_ENV_MARKERS) and not key.upper().endswith(_PATH_SUFFIXES)
        if sensitive or value in values:
            hidden[key] = os.environ.pop(key)
    try:
        yield
    finally:
        os.environ.update(hidden)


def _redact_tree(root: Path, secret_values: Mapping[str, str]) -> int:
    """Replace any secret value left in the artifacts by ``********``; returns files changed."""
    needles = sorted({v for v in secret_values.values() if len(v) >= 4}, key=len, reverse=True)
    if not needles:
        return 0
    changed = 0
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        new = text
        for needle in needles:
            new = new.replace(needle, "********")
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


EventSink = Callable[[str, str, str, str], None]


class _EventCollector:
    """Turns ansible-runner events into per-host counters, first errors and progress lines."""

    def __init__(self, sink: EventSink | None) -> None:
        self.sink = sink
        self.hosts: dict[str, HostResult] = {}
        self.stats: dict[str, dict[str, int]] | None = None

    def _host(self, name: str) -> HostResult:
        if name not in self.hosts:
            self.hosts[name] = HostResult(host=name)
        return self.hosts[name]

    def __call__(self, event: dict[str, Any]) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data") or {}
        host = data.get("host") or data.get("remote_addr") or ""
        task = data.get("task") or ""
        raw = data.get("res")
        res: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if kind == "playbook_on_play_start" and self.sink:
            self.sink("play", "", data.get("play", ""), "")
        elif kind == "runner_on_ok":
            status = "changed" if res.get("changed") else "ok"
            if self.sink:
                self.sink(status, host, task, "")
        elif kind == "runner_on_skipped":
            if self.sink:
                self.sink("skipped", host, task, "")
        elif kind == "runner_on_failed" and not data.get("ignore_errors"):
            hr = self._host(host)
            msg = _failure_message(res)
            if hr.error is None:
                hr.error, hr.task = msg, task
            if self.sink:
                self.sink("failed", host, task, msg)
        elif kind == "runner_on_unreachable":
            hr = self._host(host)
            msg = "unreachable: " + _failure_message(res)
            if hr.error is None:
                hr.error, hr.task = msg, task
            if self.sink:
                self.sink("unreachable", host, task, msg)
        elif kind == "playbook_on_stats":
            self.stats = {
                k: dict(data.get(k) or {}) for k in ("ok", "changed", "failures", "dark", "skipped", "processed")
            }
        return True

    def results(self) -> list[HostResult]:
        stats = self.stats or {}
        names = set(self.hosts) | set((stats.get("processed") or {}).keys())
        for key in ("ok", "changed", "failures", "dark", "skipped"):
            names |= set((stats.get(key) or {}).keys())
        out = []
        for name in sorted(names):
            hr = self._host(name)
            hr.ok = int((stats.get("ok") or {}).get(name, 0))
            hr.changed = int((stats.get("changed") or {}).get(name, 0))
            hr.failed = int((stats.get("failures") or {}).get(name, 0))
            hr.unreachable = int((stats.get("dark") or {}).get(name, 0))
            hr.skipped = int((stats.get("skipped") or {}).get(name, 0))
            if hr.error and hr.failed == 0 and hr.unreachable == 0:
                # a failure that was rescued or retried successfully
                hr.error = hr.task = None
            out.append(hr)
        return out


def _failure_message(res: dict[str, Any]) -> str:
    if res.get("_ansible_no_log") or res.get("censored"):
        return "the output of this task is hidden (no_log): rerun the task by hand to see it"
    msg = res.get("msg") or res.get("stderr") or res.get("reason") or ""
    if isinstance(msg, list):
        msg = " ".join(str(m) for m in msg)
    msg = " ".join(str(msg).split())
    return msg[:500] or "task failed (see the runner artifacts)"


def inventory_groups(path: Path) -> set[str]:
    """The group names of a YAML inventory (for --limit validation); empty for other formats."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return set()
    names: set[str] = set()

    def walk(node: Any) -> None:
        if not isinstance(node, dict):
            return
        for name, body in node.items():
            names.add(str(name))
            if isinstance(body, dict):
                walk(body.get("children"))

    walk(data if isinstance(data, dict) else None)
    return names


def run_playbook(
    *,
    inventory: Path,
    playbook: Path,
    artifacts_dir: Path,
    limit: str | None = None,
    check: bool = False,
    extravars: dict[str, Any] | None = None,
    secret_values: Mapping[str, str] | None = None,
    sink: EventSink | None = None,
    ident: str | None = None,
) -> RunResult:
    """Run a playbook with ansible-runner; return per-host counters and the first error of each host."""
    import ansible_runner

    secret_values = dict(secret_values or {})
    all_vars = {**(extravars or {}), **secret_values}
    artifacts_dir.mkdir(parents=True, exist_ok=True)
    ident = ident or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + ("-check" if check else "-apply")
    collector = _EventCollector(sink)
    # The ansible-playbook of this interpreter's environment (the virtualenv) comes first on PATH.
    bin_dir = Path(sys.executable).parent
    path_env = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    # ansible-runner writes extra vars (secrets) into <private_data_dir>/env: a fresh 0700
    # directory per run, removed afterwards, never reused.
    private = Path(tempfile.mkdtemp(prefix="kaleo-provision-"))
    try:
        with _scrubbed_environ(secret_values):
            runner = ansible_runner.run(
                private_data_dir=str(private),
                project_dir=str(playbook.parent),
                playbook=str(playbook),
                inventory=str(inventory),
                limit=limit,
                extravars=all_vars,
                cmdline="--check --diff" if check else None,
                artifact_dir=str(artifacts_dir),
                ident=ident,
                event_handler=collector,
                quiet=True,
                rotate_artifacts=0,
                envvars={
                    "PATH": path_env,
                    "ANSIBLE_ROLES_PATH": os.pathsep.join(
                        dict.fromkeys([str(playbook.parent / "roles"), str(DEFAULT_PLAYBOOK.parent / "roles")])
                    ),
                    "ANSIBLE_PIPELINING": "True",
                    # facts once per host and run, not once per play
                    "ANSIBLE_GATHERING": "smart",
                    "ANSIBLE_TIMEOUT": "15",
                    "ANSIBLE_NOCOLOR": "1",
                    "ANSIBLE_RETRY_FILES_ENABLED": "False",
                    "ANSIBLE_DEPRECATION_WARNINGS": "False",
                    "ANSIBLE_LOCALHOST_WARNING": "False",
                },
            )
    finally:
        shutil.rmtree(private, ignore_errors=True)
    run_dir = artifacts_dir / ident
    _redact_tree(run_dir, secret_values)
    rc = int(runner.rc if runner.rc is not None else 1)
    return RunResult(
        status=str(runner.status),
        rc=rc,
        check=check,
        limit=limit,
        inventory=str(inventory),
        artifacts=str(run_dir),
        hosts=collector.results(),
    )
