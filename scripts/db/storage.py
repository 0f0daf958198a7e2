"""The one storage layer of the toolkit: backup locations are URLs.

* ``gs://bucket/prefix`` - Google Cloud Storage (google-cloud-storage; honours
  ``STORAGE_EMULATOR_HOST``), the place every byte needed during an AWS outage lives;
* ``s3://bucket/prefix`` - Amazon S3 (boto3; honours ``AWS_ENDPOINT_URL``), a second copy
  or the source of shipping;
* ``file:///path`` - a local folder (tests, laptops, removable media).

Keys are relative to the URL's prefix and always use ``/``. Every operation is retried
with exponential backoff on transient errors (HTTP 429/5xx, dropped connections), and
uploads carry the store's own integrity check (GCS crc32c, S3 Content-MD5); the callers
add a sha256 per file on top.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import os
import random
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import unquote, urlparse

from scripts.output import BadInput, DrError, ExitCode

if TYPE_CHECKING:
    from scripts.db.gcsjson import GcsReader

T = TypeVar("T")
CHUNK = 8 * 1024 * 1024
# (connect, read) seconds for one request; the retry policy is ours (with_retries), not the client library's.
TIMEOUT = (10, 120)


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    updated: dt.datetime | None = None


class StorageError(DrError):
    """A storage operation failed after its retries (exit 1: the check could not be done)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.CHECK_FAILED)


class NotFound(StorageError):
    pass


class Store(Protocol):
    url: str

    def put_file(self, key: str, path: Path) -> ObjectInfo: ...
    def put_bytes(self, key: str, data: bytes) -> ObjectInfo: ...
    def get_file(self, key: str, dest: Path) -> None: ...
    def get_bytes(self, key: str) -> bytes: ...
    def iter_chunks(self, key: str) -> Iterator[bytes]: ...
    def list(self, prefix: str = "") -> list[ObjectInfo]: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _md5_b64(path: Path) -> str:
    digest = hashlib.md5()  # noqa: S324 - integrity check demanded by S3's Content-MD5, not security
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return base64.b64encode(digest.digest()).decode()


def _is_transient(exc: BaseException) -> bool:
    name = type(exc).__name__
    if name in {"ServiceUnavailable", "InternalServerError", "TooManyRequests", "GatewayTimeout", "BadGateway"}:
        return True
    if name in {
        "ConnectionError",
        "ConnectTimeout",
        "ReadTimeout",
        "ChunkedEncodingError",
        "EndpointConnectionError",
        "ConnectionClosedError",
        "ReadTimeoutError",
        "ConnectTimeoutError",
        "ProtocolError",
        "IncompleteRead",
        "RemoteDisconnected",
        "HashMismatch",
    }:
        return True
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = response.get("Error", {}).get("Code")
        if status in {429, 500, 502, 503, 504} or code in {
            "SlowDown",
            "ServiceUnavailable",
            "InternalError",
            "RequestTimeout",
            "503",
        }:
            return True
    code = getattr(exc, "code", None)
    return isinstance(code, int) and code in {429, 500, 502, 503, 504}


def with_retries(
    what: str, fn: Callable[[], T], attempts: int | None = None, base_delay: float = 0.5, max_delay: float = 8.0
) -> T:
    """Run ``fn``; retry transient failures with jittered exponential backoff."""
    attempts = attempts or int(os.environ.get("KALEO_STORAGE_ATTEMPTS", "8"))
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except (NotFound, BadInput):
            raise
        except Exception as exc:
            if not _is_transient(exc) or attempt == attempts:
                raise StorageError(f"{what}: {type(exc).__name__}: {exc}") from exc
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)  # noqa: S311
            time.sleep(delay)
    raise AssertionError("unreachable")


def _join(prefix: str, key: str) -> str:
    key = key.lstrip("/")
    return f"{prefix.rstrip('/')}/{key}" if prefix else key


def _rel(prefix: str, name: str) -> str:
    if not prefix:
        return name
    base = prefix.rstrip("/") + "/"
    return name[len(base) :] if name.startswith(base) else name


class FileStore:
    def __init__(self, url: str, root: Path) -> None:
        self.url = url
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key.lstrip("/")).resolve()
        if self.root.resolve() not in path.parents and path != self.root.resolve():
            raise BadInput(f"key {key!r} escapes {self.url}")
        return path

    def put_file(self, key: str, path: Path) -> ObjectInfo:
        dest = self._path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.part")
        shutil.copyfile(path, tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        tmp.replace(dest)
        return ObjectInfo(key, dest.stat().st_size)

    def put_bytes(self, key: str, data: bytes) -> ObjectInfo:
        dest = self._path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.part")
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(dest)
        return ObjectInfo(key, len(data))

    def get_file(self, key: str, dest: Path) -> None:
        src = self._path(key)
        if not src.is_file():
            raise NotFound(f"{self.url}/{key} does not exist")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)

    def get_bytes(self, key: str) -> bytes:
        src = self._path(key)
        if not src.is_file():
            raise NotFound(f"{self.url}/{key} does not exist")
        return src.read_bytes()

    def iter_chunks(self, key: str) -> Iterator[bytes]:
        src = self._path(key)
        if not src.is_file():
            raise NotFound(f"{self.url}/{key} does not exist")
        with src.open("rb") as f:
            while chunk := f.read(CHUNK):
                yield chunk

    def list(self, prefix: str = "") -> list[ObjectInfo]:
        base = self._path(prefix) if prefix else self.root
        if not base.exists():
            return []
        out = []
        for path in sorted(base.rglob("*") if base.is_dir() else [base]):
            if path.is_file() and not path.name.startswith("."):
                st = path.stat()
                out.append(
                    ObjectInfo(
                        path.relative_to(self.root).as_posix(),
                        st.st_size,
                        dt.datetime.fromtimestamp(st.st_mtime, dt.UTC),
                    )
                )
        return out

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class GcsStore:
    def __init__(self, url: str, bucket: str, prefix: str) -> None:
        self.url = url
        self.bucket_name = bucket
        self.prefix = prefix
        self._bucket: Any = None
        self._reader: GcsReader | None = None

    @property
    def bucket(self) -> Any:
        if self._bucket is None:
            from google.auth.credentials import AnonymousCredentials
            from google.cloud import storage  # type: ignore[attr-defined]

            if os.environ.get("STORAGE_EMULATOR_HOST"):
                client = storage.Client(
                    project=os.environ.get("GOOGLE_CLOUD_PROJECT", "kaleo-dr"), credentials=AnonymousCredentials()
                )
            else:
                client = storage.Client()
            self._bucket = client.bucket(self.bucket_name)
        return self._bucket

    def _blob(self, key: str) -> Any:
        return self.bucket.blob(_join(self.prefix, key), chunk_size=CHUNK)

    def put_file(self, key: str, path: Path) -> ObjectInfo:
        def op() -> ObjectInfo:
            blob = self._blob(key)
            blob.upload_from_filename(str(path), checksum="crc32c", retry=None, timeout=TIMEOUT)
            return ObjectInfo(key, path.stat().st_size)

        return with_retries(f"upload {self.url}/{key}", op)

    def put_bytes(self, key: str, data: bytes) -> ObjectInfo:
        def op() -> ObjectInfo:
            self._blob(key).upload_from_string(data, checksum="crc32c", retry=None, timeout=TIMEOUT)
            return ObjectInfo(key, len(data))

        return with_retries(f"upload {self.url}/{key}", op)

    @property
    def reader(self) -> GcsReader:
        """Reads go over the JSON API with the standard library (``scripts.db.gcsjson``): a
        restore does not wait for the client library's import before its first byte."""
        if self._reader is None:
            from scripts.db.gcsjson import GcsReader

            self._reader = GcsReader(self.bucket_name)
        return self._reader

    def _read(self, what: str, key: str, fn: Callable[[], T]) -> T:
        from scripts.db.gcsjson import GcsNotFound

        def op() -> T:
            try:
                return fn()
            except GcsNotFound as exc:
                raise NotFound(f"{self.url}/{key} does not exist") from exc

        return with_retries(f"{what} {self.url}/{key}", op)

    def get_file(self, key: str, dest: Path) -> None:
        name = _join(self.prefix, key)

        def op() -> None:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(dest.name + ".part")
            try:
                with tmp.open("wb") as f:
                    for chunk in self.reader.stream(name, chunk=CHUNK):
                        f.write(chunk)
                tmp.replace(dest)
            finally:
                tmp.unlink(missing_ok=True)

        self._read("download", key, op)

    def get_bytes(self, key: str) -> bytes:
        name = _join(self.prefix, key)
        return self._read("download", key, lambda: self.reader.get(name))

    def iter_chunks(self, key: str) -> Iterator[bytes]:
        # Ranged reads: each range is retried on its own, so a long download survives 503s.
        name = _join(self.prefix, key)
        info = self._read("stat", key, lambda: self.reader.stat(name))
        # Every range names the generation the stat saw: on GCS an object replaced meanwhile
        # is not found instead of mixing two versions (the emulator ignores generations; the
        # callers' sha256 per file catches a mix either way).
        generation = info.get("generation")
        size = int(info.get("size") or 0)
        offset = 0
        while offset < size:
            end = min(size, offset + CHUNK) - 1
            read = functools.partial(self.reader.read_range, name, offset, end, generation)
            chunk = self._read("download", key, read)
            yield chunk
            offset += len(chunk)

    def list(self, prefix: str = "") -> list[ObjectInfo]:
        full = _join(self.prefix, prefix) if prefix else (self.prefix.rstrip("/") + "/" if self.prefix else "")

        def op() -> list[ObjectInfo]:
            from scripts.db.gcsjson import parse_time

            items = self.reader.list(full or None)
            return [
                ObjectInfo(_rel(self.prefix, o["name"]), int(o.get("size") or 0), parse_time(o.get("updated")))
                for o in items
            ]

        return with_retries(f"list {self.url}", op)

    def exists(self, key: str) -> bool:
        name = _join(self.prefix, key)
        try:
            self._read("stat", key, lambda: self.reader.stat(name))
        except NotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        def op() -> None:
            try:
                self._blob(key).delete(retry=None, timeout=TIMEOUT)
            except Exception as exc:
                if type(exc).__name__ != "NotFound":
                    raise

        with_retries(f"delete {self.url}/{key}", op)


class S3Store:
    def __init__(self, url: str, bucket: str, prefix: str) -> None:
        self.url = url
        self.bucket = bucket
        self.prefix = prefix
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3
            from botocore.config import Config

            self._client = boto3.client(
                "s3",
                endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None,
                config=Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}),
            )
        return self._client

    def _is_missing(self, exc: Exception) -> bool:
        response = getattr(exc, "response", None)
        return isinstance(response, dict) and response.get("Error", {}).get("Code") in {"NoSuchKey", "404", "NotFound"}

    def put_file(self, key: str, path: Path) -> ObjectInfo:
        size = path.stat().st_size

        def op() -> ObjectInfo:
            if size <= 64 * 1024 * 1024:
                with path.open("rb") as body:
                    self.client.put_object(
                        Bucket=self.bucket, Key=_join(self.prefix, key), Body=body, ContentMD5=_md5_b64(path)
                    )
            else:
                self.client.upload_file(str(path), self.bucket, _join(self.prefix, key))
            return ObjectInfo(key, size)

        return with_retries(f"upload {self.url}/{key}", op)

    def put_bytes(self, key: str, data: bytes) -> ObjectInfo:
        md5 = base64.b64encode(hashlib.md5(data).digest()).decode()  # noqa: S324 - integrity, not security

        def op() -> ObjectInfo:
            self.client.put_object(Bucket=self.bucket, Key=_join(self.prefix, key), Body=data, ContentMD5=md5)
            return ObjectInfo(key, len(data))

        return with_retries(f"upload {self.url}/{key}", op)

    def get_file(self, key: str, dest: Path) -> None:
        def op() -> None:
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                self.client.download_file(self.bucket, _join(self.prefix, key), str(dest))
            except Exception as exc:
                if self._is_missing(exc):
                    raise NotFound(f"{self.url}/{key} does not exist") from exc
                raise

        with_retries(f"download {self.url}/{key}", op)

    def get_bytes(self, key: str) -> bytes:
        def op() -> bytes:
            try:
                return bytes(self.client.get_object(Bucket=self.bucket, Key=_join(self.prefix, key))["Body"].read())
            except Exception as exc:
                if self._is_missing(exc):
                    raise NotFound(f"{self.url}/{key} does not exist") from exc
                raise

        return with_retries(f"download {self.url}/{key}", op)

    def iter_chunks(self, key: str) -> Iterator[bytes]:
        size = next((o.size for o in self.list(key) if o.key == key), None)
        if size is None:
            raise NotFound(f"{self.url}/{key} does not exist")
        offset = 0
        while offset < size:
            end = min(size, offset + CHUNK) - 1
            chunk = with_retries(f"download {self.url}/{key}", functools.partial(self._range, key, offset, end))
            yield chunk
            offset += len(chunk)

    def _range(self, key: str, start: int, end: int) -> bytes:
        obj = self.client.get_object(Bucket=self.bucket, Key=_join(self.prefix, key), Range=f"bytes={start}-{end}")
        return bytes(obj["Body"].read())

    def list(self, prefix: str = "") -> list[ObjectInfo]:
        def op() -> list[ObjectInfo]:
            full = _join(self.prefix, prefix) if prefix else (self.prefix.rstrip("/") + "/" if self.prefix else "")
            out: list[ObjectInfo] = []
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=full):
                for item in page.get("Contents", []):
                    out.append(ObjectInfo(_rel(self.prefix, item["Key"]), int(item["Size"]), item.get("LastModified")))
            return out

        return with_retries(f"list {self.url}", op)

    def exists(self, key: str) -> bool:
        def op() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=_join(self.prefix, key))
                return True
            except Exception as exc:
                if self._is_missing(exc):
                    return False
                raise

        return with_retries(f"stat {self.url}/{key}", op)

    def delete(self, key: str) -> None:
        with_retries(
            f"delete {self.url}/{key}",
            lambda: self.client.delete_object(Bucket=self.bucket, Key=_join(self.prefix, key)),
        )


def open_store(url: str) -> Store:
    """A :class:`Store` for a backup location URL; bad URLs are a clear BadInput."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise BadInput(f"{url}: file URLs are file:///absolute/path")
        root = Path(unquote(parsed.path))
        if not root.is_absolute():
            raise BadInput(f"{url}: file URLs need an absolute path (file:///...)")
        root.mkdir(parents=True, exist_ok=True)
        return FileStore(url.rstrip("/"), root)
    if parsed.scheme in ("gs", "s3"):
        if not parsed.netloc:
            raise BadInput(f"{url}: missing bucket name ({parsed.scheme}://BUCKET/prefix)")
        prefix = parsed.path.strip("/")
        if parsed.scheme == "gs":
            return GcsStore(url.rstrip("/"), parsed.netloc, prefix)
        return S3Store(url.rstrip("/"), parsed.netloc, prefix)
    raise BadInput(
        f"{url!r} is not a backup location", hint="use gs://bucket/prefix, s3://bucket/prefix or file:///path"
    )
