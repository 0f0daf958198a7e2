"""Object streaming: one streaming GET per object, resumed where it broke on transient errors."""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from scripts.db.restore.errors import Aborted
from scripts.db.storage import NotFound, StorageError, Store

STREAM_READ = 1024 * 1024
_TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


class _Transient(Exception):
    pass


def stream_object(
    store: Store, key: str, stop: threading.Event, start: int = 0, length: int | None = None
) -> Iterator[bytes]:
    """The bytes of one object (or of ``length`` bytes from ``start``: one file of a pack) as a
    stream of 1 MiB chunks, resumed where it broke on errors.

    One streaming GET per object (``Range: bytes=N-`` after an interruption) instead of the
    storage layer's 8 MiB ranged reads: it costs a fraction of the CPU, which on a small
    restore machine is taken from pg_restore and the server. Transient failures (HTTP 408,
    429, 5xx, dropped connections) are retried with jittered backoff, the attempts counted
    afresh after every chunk that arrived. Stores without a streaming API fall back to
    ``iter_chunks``.
    """
    end = None if length is None else start + length  # exclusive
    opener = _stream_opener(store, key)
    if opener is None:
        pos = 0
        for chunk in store.iter_chunks(key):
            if stop.is_set():
                raise Aborted
            piece = chunk[max(0, start - pos) : None if end is None else max(0, end - pos)]
            pos += len(chunk)
            if piece:
                yield piece
            if end is not None and pos >= end:
                return
        return
    attempts = int(os.environ.get("KALEO_STORAGE_ATTEMPTS", "8"))
    offset = start
    failures = 0
    while True:
        if end is not None and offset >= end:
            return
        try:
            for chunk in opener(offset, end):
                if stop.is_set():
                    raise Aborted
                if end is not None and offset + len(chunk) > end:
                    chunk = chunk[: end - offset]  # a store that sent more than asked
                offset += len(chunk)
                failures = 0
                if chunk:
                    yield chunk
                if end is not None and offset >= end:
                    return
            return
        except (Aborted, NotFound, GeneratorExit):
            raise
        except Exception as exc:
            if not (isinstance(exc, _Transient) or _is_transient_error(exc)):
                raise StorageError(f"download {store.url}/{key}: {type(exc).__name__}: {exc}") from exc
            failures += 1
            if failures >= attempts:
                raise StorageError(f"download {store.url}/{key}: {exc} (after {attempts} attempts)") from exc
            time.sleep(min(8.0, 0.5 * 2 ** (failures - 1)) * (0.5 + random.random() / 2))  # noqa: S311


def _is_transient_error(exc: BaseException) -> bool:
    from scripts.db.storage import _is_transient

    return _is_transient(exc) or isinstance(exc, ConnectionError | TimeoutError)


def _stream_opener(store: Store, key: str) -> Callable[[int, int | None], Iterator[bytes]] | None:
    """A function opening the object at an offset (up to an end, exclusive) and iterating its
    bytes, if the store has one."""
    from scripts.db.storage import FileStore, GcsStore, S3Store

    if isinstance(store, FileStore):
        path = store._path(key)

        def read_file(offset: int, end: int | None) -> Iterator[bytes]:
            if not path.is_file():
                raise NotFound(f"{store.url}/{key} does not exist")
            with path.open("rb") as f:
                f.seek(offset)
                while chunk := f.read(STREAM_READ if end is None else min(STREAM_READ, end - f.tell())):
                    yield chunk

        return read_file
    if isinstance(store, GcsStore):
        from scripts.db.gcsjson import GcsHttpError, GcsNotFound, HashMismatch
        from scripts.db.storage import _join

        reader, name = store.reader, _join(store.prefix, key)

        def read_gcs(offset: int, end: int | None) -> Iterator[bytes]:
            try:
                yield from reader.stream(name, offset, end, chunk=STREAM_READ)
            except GcsNotFound as exc:
                raise NotFound(f"{store.url}/{key} does not exist") from exc
            except HashMismatch as exc:  # its bytes were handed on already: not resumable
                raise StorageError(f"download {store.url}/{key}: {exc}") from exc
            except GcsHttpError as exc:
                if exc.code in _TRANSIENT_STATUS:
                    raise _Transient(str(exc)) from exc
                raise StorageError(f"download {store.url}/{key}: {exc}") from exc
            except ConnectionError as exc:  # a connection dropped mid-body: resume from the offset
                raise _Transient(str(exc)) from exc

        return read_gcs
    if isinstance(store, S3Store):
        from scripts.db.storage import _join

        def read_s3(offset: int, end: int | None) -> Iterator[bytes]:
            kwargs: dict[str, Any] = {"Bucket": store.bucket, "Key": _join(store.prefix, key)}
            if offset or end is not None:
                kwargs["Range"] = _range(offset, end)
            try:
                body = store.client.get_object(**kwargs)["Body"]
            except Exception as exc:
                if store._is_missing(exc):
                    raise NotFound(f"{store.url}/{key} does not exist") from exc
                raise
            try:
                yield from body.iter_chunks(STREAM_READ)
            except Exception as exc:
                raise _Transient(f"{type(exc).__name__}: {exc}") from exc
            finally:
                body.close()

        return read_s3
    return None


def _range(offset: int, end: int | None) -> str:
    """An HTTP Range header from an offset to an end (exclusive; None: to the object's end)."""
    return f"bytes={offset}-" if end is None else f"bytes={offset}-{end - 1}"
