"""Gzip table data inflated chunk by chunk (ISA-L when available), in cache-sized pieces."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scripts.db.restore.errors import Undecodable


def zlib_module() -> Any:
    try:
        from isal import isal_zlib  # ISA-L: the same format, about twice as fast to inflate

        return isal_zlib
    except ImportError:  # pragma: no cover - isal is a dependency; zlib keeps restores working without it
        import zlib

        return zlib


# Inflated bytes per call: sent on while still in the CPU cache (measured: about 18 % less
# CPU for inflating and sending than whole 8 MiB chunks' worth).
INFLATE_PIECE = 1024 * 1024


class Inflater:
    """A gzip stream decompressed chunk by chunk (several gzip members allowed): :meth:`pieces`
    yields each chunk's bytes in pieces of at most :data:`INFLATE_PIECE`."""

    def __init__(self, name: str) -> None:
        self._zlib = zlib_module()
        self._name = name
        self._d = self._zlib.decompressobj(31)
        self._started = False

    def pieces(self, chunk: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self._d.decompress(chunk, INFLATE_PIECE)
            except self._zlib.error as exc:
                raise Undecodable(self._name, str(exc)) from exc
            self._started = self._started or bool(chunk)
            if out:
                yield out
            if self._d.eof:
                chunk = self._d.unused_data  # a further gzip member may follow
                self._d = self._zlib.decompressobj(31)
                self._started = False
                if not chunk:
                    return
            else:
                chunk = self._d.unconsumed_tail
                if not chunk and len(out) < INFLATE_PIECE:
                    return  # all input used and nothing held back

    def close(self) -> None:
        if self._started and not self._d.eof:
            raise Undecodable(self._name, "the gzip stream is truncated")


def inflate(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream given in chunks (several members allowed)."""
    inflater = Inflater(name)
    for chunk in chunks:
        yield from inflater.pieces(chunk)
    inflater.close()
