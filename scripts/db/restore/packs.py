"""Packs: a backup's small files, stored together in one object, split back into the dump folder.

A backup of format 2 stores its small files in a few *pack* objects (see
:mod:`scripts.db.manifest`), so a schema of a thousand small tables costs a restore a few
requests instead of a thousand. Each pack is read with one streaming GET and cut into its
files, each written to the dump folder and checked against its own size and sha256 from the
manifest before it is *ready*: a loader waiting for a file (:meth:`PackReader.path`) only ever
reads a verified one. The pack's own size and sha256 are checked at its end.

Whoever needs a pack first fetches it (:meth:`PackReader.fetch` from the download pool, or a
loader's own thread when the pool has not got to it yet); the others wait for it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from scripts.db.manifest import FileEntry, Manifest
from scripts.db.restore.errors import Aborted, BadBackup


class PackReader:
    """The packs of one backup, each fetched once into ``folder``; files ready one by one.

    ``stream`` gives the bytes of a pack object; ``on_bytes`` counts them for the progress.
    """

    def __init__(
        self,
        manifest: Manifest,
        folder: Path,
        stream: Callable[[FileEntry], Iterator[bytes]],
        on_bytes: Callable[[int], None] = lambda n: None,
    ) -> None:
        self.packs = {p.path: p for p in manifest.packs}
        self.members = {p: manifest.members(p) for p in self.packs}
        self.pack_of = {m.path: p for p, ms in self.members.items() for m in ms}
        self.folder = folder
        self.stream = stream
        self.on_bytes = on_bytes
        self.cond = threading.Condition()
        self.claimed: set[str] = set()
        self.ready: set[str] = set()
        self.errors: dict[str, BaseException] = {}  # pack -> why it failed

    @property
    def size(self) -> int:
        """Bytes of every pack: what they take in the dump folder once split."""
        return sum(p.size for p in self.packs.values())

    def claim(self, pack: str) -> bool:
        """True for the first caller only: that one fetches the pack."""
        with self.cond:
            first = pack not in self.claimed
            self.claimed.add(pack)
            return first

    def fetch(self, pack: str) -> None:
        """Fetch and split one pack, unless another thread already does."""
        if not self.claim(pack):
            return
        try:
            self._split(pack)
        except BaseException as exc:
            with self.cond:
                self.errors[pack] = exc
                self.cond.notify_all()
            raise

    def path(self, member: str, stop: threading.Event) -> Path:
        """The file, once it is in the folder and matched its sha256; raises if its pack failed."""
        pack = self.pack_of[member]
        with self.cond:
            while member not in self.ready:
                if pack in self.errors:
                    raise self.errors[pack]
                if stop.is_set():
                    raise Aborted
                self.cond.wait(0.5)
        return self.folder / member

    def _done(self, member: FileEntry, part: Path, digest: str, size: int, pack: str) -> None:
        if size != member.size or digest != member.sha256:
            got = f"{size} bytes" if size != member.size else f"sha256 {digest[:16]}..."
            raise BadBackup(
                "a file does not match the manifest",
                [
                    f"{member.path} (in {pack}): {got}, the manifest says {member.size} bytes, "
                    f"sha256 {member.sha256[:16]}..."
                ],
            )
        part.replace(self.folder / member.path)
        with self.cond:
            self.ready.add(member.path)
            self.cond.notify_all()

    def _split(self, pack: str) -> None:
        entry = self.packs[pack]
        members = self.members[pack]
        whole = hashlib.sha256()
        pos = 0
        i = 0  # the first member not finished
        out: BinaryIO | None = None
        digest = hashlib.sha256()
        written = 0

        def start(m: FileEntry) -> BinaryIO:
            return (self.folder / (m.path + ".part")).open("wb")

        try:
            for chunk in self.stream(entry):
                whole.update(chunk)
                self.on_bytes(len(chunk))
                end = pos + len(chunk)
                while i < len(members) and members[i].offset + members[i].size <= end:
                    m = members[i]  # ends in this chunk
                    if out is None:
                        out, digest, written = start(m), hashlib.sha256(), 0
                    piece = chunk[max(0, m.offset - pos) : m.offset + m.size - pos]
                    out.write(piece)
                    digest.update(piece)
                    out.close()
                    out = None
                    self._done(m, self.folder / (m.path + ".part"), digest.hexdigest(), written + len(piece), pack)
                    i += 1
                if i < len(members) and members[i].offset < end:  # starts or goes on in this chunk, ends later
                    m = members[i]
                    if out is None:
                        out, digest, written = start(m), hashlib.sha256(), 0
                    piece = chunk[max(0, m.offset - pos) :]
                    out.write(piece)
                    digest.update(piece)
                    written += len(piece)
                pos = end
            while i < len(members) and members[i].size == 0 and members[i].offset == pos:  # empty files at the end
                start(members[i]).close()
                m = members[i]
                self._done(m, self.folder / (m.path + ".part"), hashlib.sha256().hexdigest(), 0, pack)
                i += 1
        finally:
            if out is not None:
                out.close()
        problem = None
        if pos != entry.size:
            problem = f"{pack}: {pos} bytes read, the manifest says {entry.size}"
        elif whole.hexdigest() != entry.sha256:
            problem = f"{pack}: sha256 {whole.hexdigest()[:16]}... differs from the manifest's {entry.sha256[:16]}..."
        elif i < len(members):
            problem = f"{pack}: ends before {members[i].path}"
        if problem is not None:
            raise BadBackup("a file does not match the manifest", [problem])
