"""Why a restore stops: the backup is unusable, or another worker failed."""

from __future__ import annotations


class BadBackup(Exception):
    """The backup itself is unusable (incomplete, unreadable manifest, bad or missing files)."""

    def __init__(self, reason: str, bad_files: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.bad_files = bad_files or []


class Undecodable(Exception):
    """A file's bytes cannot be decompressed. Whether the file is bad (it differs from its
    manifest) or was written damaged is for the caller to find out (:mod:`.engine`)."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


class Aborted(Exception):
    """Another worker failed; this one stops."""
