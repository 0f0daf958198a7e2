"""bench/fsinfo.py: which file system a folder is on, and whether ext4 there has a journal."""

from __future__ import annotations

import os
from pathlib import Path

from bench.fsinfo import SLOW_CREATE_US, creation_cost, filesystem, slow_files_warning, warning


def _proc(tmp_path: Path, folder: Path, kind: str, journalled: bool | None) -> Path:
    dev = os.stat(folder).st_dev
    proc = tmp_path / "proc"
    (proc / "self").mkdir(parents=True)
    (proc / "self" / "mountinfo").write_text(
        "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
        f"23 1 {os.major(dev)}:{os.minor(dev)} / /data rw,relatime shared:1 - {kind} /dev/vdb rw,discard\n",
        encoding="utf-8",
    )
    (proc / "fs" / "ext4" / "vdb").mkdir(parents=True)
    if journalled is not None:
        (proc / "fs" / "jbd2").mkdir(parents=True)
        if journalled:
            (proc / "fs" / "jbd2" / "vdb-8").mkdir()
    return proc


def test_ext4_without_a_journal_is_named_and_warned_about(tmp_path: Path) -> None:
    info = filesystem(tmp_path, _proc(tmp_path, tmp_path, "ext4", journalled=False))
    assert info == {"mount": "/data", "type": "ext4", "device": "/dev/vdb", "journal": False}
    note = warning(info)
    assert note is not None and "without a journal" in note and "/dev/vdb" in note


def test_a_journal_or_another_file_system_gives_no_warning(tmp_path: Path) -> None:
    journalled = filesystem(tmp_path, _proc(tmp_path / "a", tmp_path, "ext4", journalled=True))
    assert journalled["journal"] is True and warning(journalled) is None
    xfs = filesystem(tmp_path, _proc(tmp_path / "b", tmp_path, "xfs", journalled=None))
    assert xfs["type"] == "xfs" and xfs["journal"] is None and warning(xfs) is None


def test_unknown_is_not_no(tmp_path: Path) -> None:
    # no /proc/fs/jbd2 to look at: the journal is unknown, and no warning claims either way
    info = filesystem(tmp_path, _proc(tmp_path, tmp_path, "ext4", journalled=None))
    assert info["journal"] is None and warning(info) is None


def test_file_creation_is_timed_on_new_files_that_stay(tmp_path: Path) -> None:
    micros = creation_cost(tmp_path, files=50)
    assert micros > 0
    (probe,) = tmp_path.iterdir()
    assert len(list(probe.iterdir())) == 50  # kept: deleting them would slow what comes next
    assert creation_cost(tmp_path, files=5) > 0 and len(list(tmp_path.iterdir())) == 2  # a new folder each time


def test_slow_file_creation_is_warned_about_only_above_the_quiet_range() -> None:
    note = slow_files_warning(SLOW_CREATE_US * 2)
    assert note is not None and f"{SLOW_CREATE_US * 2:.0f} us" in note
    assert slow_files_warning(SLOW_CREATE_US / 4) is None
