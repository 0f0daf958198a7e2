"""What a restore reports: the backup used, the backups skipped and why, phases, validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Skipped:
    backup_id: str
    reason: str
    bad_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"backup_id": self.backup_id, "reason": self.reason, "bad_files": self.bad_files}


@dataclass
class RestoreResult:
    backup_id: str
    url: str
    target: str
    data_as_of: str
    rpo_seconds: float
    bytes: int
    seconds: float
    phases: dict[str, float]
    skipped: list[Skipped]
    validation: dict[str, Any]
    replaced_existing: bool
    tables: int
    slowest: list[dict[str, Any]] = field(default_factory=list)
    spool: dict[str, float] = field(default_factory=dict)
    statistics: dict[str, Any] = field(default_factory=dict)  # analyzed, tables_without, missing
    roles: dict[str, Any] = field(default_factory=dict)  # the backup's roles file: shipped, created, altered...

    def as_dict(self) -> dict[str, Any]:
        return {
            "backup_id": self.backup_id,
            "url": self.url,
            "target": self.target,
            "data_as_of": self.data_as_of,
            "rpo_seconds": round(self.rpo_seconds, 1),
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "tables": self.tables,
            "replaced_existing": self.replaced_existing,
            "skipped": [s.as_dict() for s in self.skipped],
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
            "validation": self.validation,
            "statistics": self.statistics,
            "slowest_jobs": self.slowest,
            "spool": self.spool,
            "roles": self.roles,
        }
