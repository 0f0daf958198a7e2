"""The options of one restore and the session settings they give every connection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.output import BadInput, CheckFailed

if TYPE_CHECKING:
    from scripts.config import KaleoConfig, RestoreSettings
    from scripts.db.roles import PasswordLookup

# Downloaded table data waiting to be loaded is kept in memory up to this many bytes, the
# rest in the work folder (compressed either way).
SPOOL_MEMORY_BYTES = 512 * 1024 * 1024


@dataclass
class Options:
    url: str
    target_dsn: str
    backup_id: str | None = None
    jobs: int = 2
    force: bool = False  # replace an occupied target (the operator named it: --force-replace)
    allow_rds_target: bool = False
    no_owner: bool = False
    password: str | None = None
    work_dir: Path | None = None
    maintenance_work_mem: str = "512MB"
    work_mem: str = "64MB"
    spool_memory: int = SPOOL_MEMORY_BYTES
    spool_disk: int | None = None  # None: half the free space of the work folder
    analyze: bool = True  # planner statistics for every table before the swap
    role_password: PasswordLookup | None = None  # the password of a shipped role (restore.role_passwords)
    as_json: bool = False

    @classmethod
    def from_settings(cls, cfg: RestoreSettings, password: str | None, **given: Any) -> Options:
        """The options ``restore`` in kaleo-dr.yaml gives, under what the caller names (``url``,
        ``target_dsn`` and any flag): the one place every restore (the command, failover) is built."""
        settings: dict[str, Any] = {
            "jobs": cfg.jobs,
            "no_owner": cfg.no_owner,
            "password": password,
            "work_dir": cfg.work_dir,
            "maintenance_work_mem": cfg.maintenance_work_mem,
            "work_mem": cfg.work_mem,
            "spool_memory": cfg.spool_memory_mb * 1024 * 1024,
            "spool_disk": None if cfg.spool_disk_mb is None else cfg.spool_disk_mb * 1024 * 1024,
        }
        settings.update({key: value for key, value in given.items() if value is not None})
        return cls(**settings)


def role_password_lookup(cfg: KaleoConfig) -> PasswordLookup:
    """``restore.role_passwords``: a role's password from Secret Manager (a secret name, or
    ``projects/P/secrets/S[/versions/N]``) or an ``env:``/``file:`` reference; None for a role
    without one. Read when the role is applied, never logged or put in argv."""
    refs = dict(cfg.restore.role_passwords)

    def lookup(role: str) -> str | None:
        ref = refs.get(role)
        if ref is None:
            return None
        what = f"restore.role_passwords.{role}"
        if ref.startswith(("env:", "file:")):
            from scripts.config import resolve_secret

            return resolve_secret(ref, what)
        from scripts.cloud.secrets import SecretManager, SecretManagerError, secret_manager

        m = re.fullmatch(r"projects/([^/]+)/secrets/([^/]+)(?:/versions/([^/]+))?", ref)
        try:
            if m:
                client = SecretManager(m.group(1), cfg.secrets.endpoint, cfg.secrets.timeout)
                data = client.access(m.group(2), m.group(3) or "latest")
            else:
                data = secret_manager(cfg).access(ref)
        except SecretManagerError as exc:
            raise CheckFailed(f"{what}: Secret Manager did not give the password: {exc}") from None
        if data is None:
            raise BadInput(f"{what}: Secret Manager has no enabled version of {ref!r}")
        return data.decode("utf-8").strip()  # like resolve_secret: a trailing newline is no part of it

    return lookup


def session_settings(opts: Options) -> dict[str, str]:
    """Restore-friendly settings for every session of the restore (pg_restore's and kaleo-dr's)."""
    for value, key in ((opts.maintenance_work_mem, "maintenance_work_mem"), (opts.work_mem, "work_mem")):
        if not re.fullmatch(r"\d+\s*(kB|MB|GB)?", value):
            raise BadInput(f"restore.{key} {value!r} is not a PostgreSQL memory size", hint="e.g. 512MB or 1GB")
    return {
        "maintenance_work_mem": opts.maintenance_work_mem.replace(" ", ""),
        "work_mem": opts.work_mem.replace(" ", ""),
        "synchronous_commit": "off",
        # pg_restore already builds --jobs indexes at once: parallel workers per build would
        # only oversubscribe the CPUs (measured: bench/db.py).
        "max_parallel_maintenance_workers": "0",
        # Foreign-key checks and row counts scan whole tables: compiling them costs more than it saves.
        "jit": "off",
    }
