"""Why a restore stops: the backup is unusable, or another worker failed."""

from __future__ import annotations


class BadBackup(Exception):
    """The backup itself is unusable (incomplete, unreadable manifest, bad or missing files)."""

    def __init__(self, reason: str, bad_files: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.bad_files = bad_files or []


def unreadable_toc(stderr: str) -> BadBackup:
    """What pg_restore failing to read ``toc.dat`` (to list it, or to write the schema's script) means."""
    return BadBackup(f"pg_restore cannot read toc.dat: {stderr.strip()[-500:]}", ["toc.dat: unreadable"])


class Undecodable(Exception):
    """A file's bytes cannot be decompressed. Whether the file is bad (it differs from its
    manifest) or was written damaged is for the caller to find out (:mod:`.engine`)."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


class Aborted(Exception):
    """Another worker failed; this one stops."""
