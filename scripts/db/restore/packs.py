"""Packs: a backup's small files, stored together in one object, read back with one request.

A backup of format 2 stores its small files in a few *pack* objects (see
:mod:`scripts.db.manifest`), so a schema of a thousand small tables costs a restore a few
requests instead of a thousand. Each pack is read with one streaming GET into one file of
the dump folder; each of its files is checked against its own size and sha256 from the
manifest as it passes, and only then is *ready*: a loader waiting for a file
(:meth:`PackReader.read`) only ever reads verified bytes, straight from the pack's file (no
file per table to write and delete: on this machine an unlink took up to 3.5 ms under load).
Files that pg_restore must read itself are written out as files of their own (``extract``).
The pack's own size and sha256 are checked at its end.

Whoever needs a pack first fetches it (:meth:`PackReader.fetch` from the download pool, or a
loader's own thread when the pool has not got to it yet); the others wait for it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from scripts.db.manifest import FileEntry, Manifest
from scripts.db.restore.errors import Aborted, BadBackup

READ = 1024 * 1024


class PackReader:
    """The packs of one backup, each fetched once into ``folder``; files ready one by one.

    ``stream`` gives the bytes of a pack object; ``on_bytes`` counts them for the progress;
    the files named in ``extract`` are also written to ``folder`` as files of their own.
    """

    def __init__(
        self,
        manifest: Manifest,
        folder: Path,
        stream: Callable[[FileEntry], Iterator[bytes]],
        on_bytes: Callable[[int], None] = lambda n: None,
        extract: Collection[str] = (),
    ) -> None:
        self.packs = {p.path: p for p in manifest.packs}
        self.members = {p: manifest.members(p) for p in self.packs}
        self.entries = {m.path: m for ms in self.members.values() for m in ms}
        self.pack_of = {m.path: p for p, ms in self.members.items() for m in ms}
        self.folder = folder
        self.stream = stream
        self.on_bytes = on_bytes
        self.extract = set(extract)
        self.cond = threading.Condition()
        self.claimed: set[str] = set()
        self.ready: set[str] = set()
        self.errors: dict[str, BaseException] = {}  # pack -> why it failed

    @property
    def size(self) -> int:
        """Bytes of every pack (and of the files extracted from them) in the dump folder."""
        return sum(p.size for p in self.packs.values()) + sum(self.entries[m].size for m in self.extract)

    def claim(self, pack: str) -> bool:
        """True for the first caller only: that one fetches the pack."""
        with self.cond:
            first = pack not in self.claimed
            self.claimed.add(pack)
            return first

    def fetch(self, pack: str) -> None:
        """Fetch one pack and check its files, unless another thread already does."""
        if not self.claim(pack):
            return
        try:
            self._fetch(pack)
            for m in self.members[pack]:
                if m.path in self.extract:
                    self._write_out(m)
        except BaseException as exc:
            with self.cond:
                self.errors[pack] = exc
                self.cond.notify_all()
            raise

    def wait(self, member: str, stop: threading.Event) -> None:
        """Until the file is in its pack's file and matched its sha256; raises if its pack failed."""
        pack = self.pack_of[member]
        with self.cond:
            while member not in self.ready:
                if pack in self.errors:
                    raise self.errors[pack]
                if stop.is_set():
                    raise Aborted
                self.cond.wait(0.5)

    def read(self, member: str, stop: threading.Event) -> Iterator[bytes]:
        """The verified bytes of one file, once they are in."""
        self.wait(member, stop)
        yield from self._bytes_of(self.entries[member])

    def _bytes_of(self, m: FileEntry) -> Iterator[bytes]:
        """One file's bytes, read from its range of its pack's file."""
        with (self.folder / self.pack_of[m.path]).open("rb") as f:
            f.seek(m.offset)
            left = m.size
            while left > 0:
                chunk = f.read(min(READ, left))
                if not chunk:
                    raise BadBackup("a file does not match the manifest", [f"{m.path}: its pack's file ended early"])
                left -= len(chunk)
                yield chunk

    def _write_out(self, m: FileEntry) -> None:
        with (self.folder / m.path).open("wb") as dst:
            for chunk in self._bytes_of(m):
                dst.write(chunk)

    def _verified(self, m: FileEntry, digest: str, size: int, pack: str) -> None:
        if size != m.size or digest != m.sha256:
            got = f"{size} bytes" if size != m.size else f"sha256 {digest[:16]}..."
            raise BadBackup(
                "a file does not match the manifest",
                [f"{m.path} (in {pack}): {got}, the manifest says {m.size} bytes, sha256 {m.sha256[:16]}..."],
            )
        with self.cond:
            self.ready.add(m.path)
            self.cond.notify_all()

    def _fetch(self, pack: str) -> None:
        entry = self.packs[pack]
        members = self.members[pack]
        whole = hashlib.sha256()
        pos = 0
        i = 0  # the first member not verified yet
        digest = hashlib.sha256()
        seen = 0  # its bytes hashed so far
        with (self.folder / pack).open("wb") as out:
            for chunk in self.stream(entry):
                whole.update(chunk)
                out.write(chunk)
                self.on_bytes(len(chunk))
                end = pos + len(chunk)
                finished: list[tuple[FileEntry, str, int]] = []
                while i < len(members) and members[i].offset < end + (members[i].size == 0):
                    m = members[i]
                    piece = chunk[max(0, m.offset - pos) : max(0, m.offset + m.size - pos)]
                    digest.update(piece)
                    seen += len(piece)
                    if m.offset + m.size > end:
                        break  # goes on in the next chunk
                    finished.append((m, digest.hexdigest(), seen))
                    digest, seen, i = hashlib.sha256(), 0, i + 1
                pos = end
                if finished:
                    out.flush()  # readers open the file themselves: what is ready must be in it
                    for m, hexdigest, size in finished:
                        self._verified(m, hexdigest, size, pack)
            while i < len(members) and members[i].size == 0 and members[i].offset <= pos:  # empty files at the end
                self._verified(members[i], hashlib.sha256().hexdigest(), 0, pack)
                i += 1
        problem = None
        if pos != entry.size:
            problem = f"{pack}: {pos} bytes read, the manifest says {entry.size}"
        elif whole.hexdigest() != entry.sha256:
            problem = f"{pack}: sha256 {whole.hexdigest()[:16]}... differs from the manifest's {entry.sha256[:16]}..."
        elif i < len(members):
            problem = f"{pack}: ends before {members[i].path}"
        if problem is not None:
            raise BadBackup("a file does not match the manifest", [problem])
