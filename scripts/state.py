"""The state folder is private: the folder 0700, every file kaleo-dr keeps in it 0600.

It holds the incident log (customer contacts, evidence, decisions), journals and locks;
nobody but the operator's account reads it. Existing folders and files are tightened.
"""

from __future__ import annotations

import os
from pathlib import Path


def private_dir(folder: Path) -> Path:
    """Create ``folder`` and its missing parents 0700; tighten ``folder`` itself if it exists."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for part in reversed(missing):
        part.mkdir(mode=0o700, exist_ok=True)
        part.chmod(0o700)  # mkdir's mode is masked by the umask
    folder.chmod(0o700)
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` (empty) 0600 in a private folder, tightening it if it exists; contents are kept."""
    private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path
