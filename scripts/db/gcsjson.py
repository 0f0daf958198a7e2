"""Reads from Google Cloud Storage over its JSON API with the standard library's HTTP client.

A restore only lists, stats and downloads (whole objects or byte ranges). Importing
google-cloud-storage for that (requests, google-api-core, protobuf, ...) took 0.14-0.17 s
of every restore's start on the bench machine, before the first byte could be read. This
reader needs ``http.client`` alone; google-auth is imported only when credentials are
needed (never against ``STORAGE_EMULATOR_HOST``). Uploads and deletes stay on the client
library (``scripts.db.storage.GcsStore``).

Every error is shaped for :func:`scripts.db.storage.with_retries`: HTTP 429/5xx raise
:class:`GcsHttpError` with ``code`` set, a dropped or refused connection raises the builtin
``ConnectionError``, a whole download whose hash does not match raises :class:`HashMismatch`;
all three are retried there. 404 raises :class:`GcsNotFound`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http.client
import json
import os
import ssl
import threading
from collections.abc import Generator
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from scripts.db.storage import TIMEOUT

PUBLIC_ENDPOINT = "https://storage.googleapis.com"
READ_SCOPE = "https://www.googleapis.com/auth/devstorage.read_only"
CONNECT_TIMEOUT, READ_TIMEOUT = TIMEOUT  # the storage layer's, as for the client library's requests
# How a kept-alive connection that the server closed while idle fails on its next request.
STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class GcsHttpError(Exception):
    """An HTTP status other than the one asked for; ``code`` is the status."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"HTTP {code}: {message}")
        self.code = code


class GcsNotFound(GcsHttpError):
    def __init__(self, message: str) -> None:
        super().__init__(404, message)


class HashMismatch(Exception):
    """A whole-object download whose bytes do not match the hash the server sent with them."""


def endpoint() -> tuple[str, bool]:
    """The API's base URL and whether it is the emulator (``STORAGE_EMULATOR_HOST``, as the client library reads it)."""
    emulator = os.environ.get("STORAGE_EMULATOR_HOST", "").strip()
    if emulator:
        return (emulator if "://" in emulator else f"http://{emulator}").rstrip("/"), True
    return PUBLIC_ENDPOINT, False


def parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


class GcsReader:
    """List, stat and read objects of one bucket. Safe to share between threads: each thread
    keeps its own keep-alive connection."""

    def __init__(self, bucket: str, base_url: str | None = None, credentials: Any = None) -> None:
        self.bucket = bucket
        base, emulator = (base_url.rstrip("/"), False) if base_url else endpoint()
        self.base = base
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"GCS endpoint {base!r} is not an http(s) URL")
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port
        self._anonymous = emulator and credentials is None
        self._credentials = credentials
        self._auth_lock = threading.Lock()
        self._refresh_token = False  # the server refused the current token: refresh before the next request
        self._local = threading.local()

    # -- requests ---------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            https = self._scheme == "https"
            kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
            tls: dict[str, Any] = {"context": _tls_context()} if https else {}
            proxy = _proxy_for(self._scheme, self._host)
            if proxy is None:
                conn = kind(self._host, self._port, timeout=CONNECT_TIMEOUT, **tls)
            else:  # CONNECT through the proxy; TLS (and its host name check) is with the server itself
                conn = kind(proxy[0], proxy[1], timeout=CONNECT_TIMEOUT, **tls)
                conn.set_tunnel(self._host, self._port)
            self._local.conn = conn
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept-Encoding": "identity", "User-Agent": "kaleo-dr"}
        if not self._anonymous:
            headers["Authorization"] = f"Bearer {self._token()}"
            quota = getattr(self._credentials, "quota_project_id", None)
            if quota:
                headers["x-goog-user-project"] = quota
        headers.update(extra or {})
        return headers

    def _token(self) -> str:
        with self._auth_lock:
            if self._credentials is None:
                import google.auth

                self._credentials, _ = google.auth.default(scopes=[READ_SCOPE])
            if self._refresh_token or not self._credentials.valid:
                import google.auth.transport.requests

                self._credentials.refresh(google.auth.transport.requests.Request())
                self._refresh_token = False
            return str(self._credentials.token)

    def _send(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        """GET ``path``; the response is returned unread. A connection-level failure drops the
        thread's connection and raises ``ConnectionError`` (transient).

        Sent once more at once, never more:
        - when a kept-alive connection the server closed while it sat idle (a download thread
          waiting for spool room, say) fails before any answer: on a new connection, as
          urllib3 does, instead of waiting out a retry;
        - when the server refuses the token (HTTP 401, say it expired in flight): with a
          token refreshed first, as google-auth's own sessions do.
        """
        stale_resend = True
        auth_resend = not self._anonymous
        while True:
            conn = self._connection()
            reused = conn.sock is not None
            try:
                if not reused:
                    conn.connect()  # within CONNECT_TIMEOUT; then each read may take up to READ_TIMEOUT
                    if conn.sock is not None:
                        conn.sock.settimeout(READ_TIMEOUT)
                conn.request("GET", path, headers=self._headers(headers))
                resp = conn.getresponse()
            except (OSError, http.client.HTTPException) as exc:
                self._drop_connection()
                if reused and isinstance(exc, STALE_CONNECTION) and stale_resend:
                    stale_resend = False
                    continue
                raise ConnectionError(f"GET {self.base}{path.split('?')[0]}: {type(exc).__name__}: {exc}") from exc
            if resp.status == 401 and auth_resend:
                auth_resend = False
                self._read_all(resp, f"GET {self.base}{path.split('?')[0]}")  # the connection stays usable
                self._refresh_token = True
                continue
            return resp

    def _read_all(self, resp: http.client.HTTPResponse, what: str) -> bytes:
        try:
            data = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            self._drop_connection()
            raise ConnectionError(f"{what}: {type(exc).__name__}: {exc}") from exc
        if resp.will_close:
            self._drop_connection()
        return data

    def _check(self, resp: http.client.HTTPResponse, what: str, ok: tuple[int, ...]) -> None:
        if resp.status in ok:
            return
        body = self._read_all(resp, what)[:300].decode("utf-8", "replace")
        if resp.status == 404:
            raise GcsNotFound(f"{what}: not found")
        raise GcsHttpError(resp.status, f"{what}: {body.strip() or resp.reason}")

    def _object_path(self, name: str, download: bool = False) -> str:
        prefix = "/download" if download else ""
        return f"{prefix}/storage/v1/b/{quote(self.bucket, safe='')}/o/{quote(name, safe='')}"

    def _json(self, path: str, what: str) -> dict[str, Any]:
        resp = self._send(path)
        self._check(resp, what, (200,))
        data: dict[str, Any] = json.loads(self._read_all(resp, what))
        return data

    # -- operations -------------------------------------------------------------------

    def list(self, prefix: str | None = None, page_size: int | None = None) -> list[dict[str, Any]]:
        """Every object's resource under ``prefix``, following page tokens."""
        items: list[dict[str, Any]] = []
        token: str | None = None
        while True:
            params = {k: v for k, v in (("prefix", prefix), ("pageToken", token)) if v}
            if page_size:
                params["maxResults"] = str(page_size)
            query = f"?{urlencode(params)}" if params else ""
            page = self._json(f"/storage/v1/b/{quote(self.bucket, safe='')}/o{query}", f"list gs://{self.bucket}")
            items.extend(page.get("items", []))
            token = page.get("nextPageToken")
            if not token:
                return items

    def stat(self, name: str) -> dict[str, Any]:
        """The object's resource (``size``, ``generation``, ``updated``, hashes); GcsNotFound if absent."""
        return self._json(self._object_path(name), f"stat gs://{self.bucket}/{name}")

    def get(self, name: str) -> bytes:
        """The whole object, checked against the hash the server sends with it (``x-goog-hash``)."""
        return b"".join(self.stream(name))

    def read_range(self, name: str, start: int, end: int, generation: str | int | None = None) -> bytes:
        """Bytes ``start..end`` (inclusive) of the object, whole or a ConnectionError (transient)."""
        what = f"download gs://{self.bucket}/{name}"
        resp = self._open(name, start, end, generation, what)
        data = self._read_all(resp, what)
        if len(data) != end - start + 1:
            self._drop_connection()
            raise ConnectionError(f"{what}: short read ({len(data)} of {end - start + 1} bytes)")
        return data

    def stream(
        self, name: str, offset: int = 0, end: int | None = None, chunk: int = 1 << 20
    ) -> Generator[bytes, None, None]:
        """The object's bytes from ``offset`` up to ``end`` (exclusive; None: to its end), in chunks.
        A connection dropped mid-body raises ConnectionError: the caller resumes from its offset.
        A whole object is checked against ``x-goog-hash`` after its last chunk (HashMismatch)."""
        what = f"download gs://{self.bucket}/{name}"
        ranged = bool(offset) or end is not None
        resp = self._open(name, offset, None if end is None else end - 1, None, what)
        digest = _Digest(None if ranged else resp.getheader("x-goog-hash"), what)
        finished = False
        try:
            while True:
                try:
                    data = resp.read(chunk)
                except (OSError, http.client.HTTPException) as exc:
                    raise ConnectionError(f"{what}: {type(exc).__name__}: {exc}") from exc
                if not data:
                    break
                digest.update(data)
                yield data
            finished = not resp.will_close
            digest.verify()
        finally:
            if not finished:  # an abandoned or broken body: the connection cannot be reused
                self._drop_connection()

    def _open(
        self, name: str, start: int, end: int | None, generation: str | int | None, what: str
    ) -> http.client.HTTPResponse:
        """The media GET of bytes ``start..end`` (inclusive; from 0 to None: the whole object), unread."""
        query = {"alt": "media"}
        if generation:
            query["generation"] = str(generation)
        whole = start == 0 and end is None
        byte_range = f"bytes={start}-" if end is None else f"bytes={start}-{end}"
        path = self._object_path(name, download=True) + "?" + urlencode(query)
        resp = self._send(path, None if whole else {"Range": byte_range})
        if resp.status == 200 and start > 0:  # the range was ignored: never hand back the wrong bytes
            self._read_all(resp, what)
            raise GcsHttpError(200, f"{what}: the server ignored the byte range {byte_range}")
        self._check(resp, what, (200,) if whole else (200, 206))
        return resp


class _Digest:
    """The hash ``x-goog-hash`` names (md5, else crc32c), fed as the bytes arrive; no header: nothing to check."""

    def __init__(self, header: str | None, what: str) -> None:
        sent = dict(part.strip().split("=", 1) for part in (header or "").split(",") if "=" in part)
        self.what = what
        self.kind, self.expected = ("md5", sent["md5"]) if "md5" in sent else ("crc32c", sent.get("crc32c"))
        self._hash: Any = None
        if self.expected is not None:
            if self.kind == "md5":
                self._hash = hashlib.md5()  # noqa: S324 - the server's integrity hash, not security
            else:
                import google_crc32c

                self._hash = google_crc32c.Checksum()

    def update(self, data: bytes) -> None:
        if self._hash is not None:
            self._hash.update(data)

    def verify(self) -> None:
        if self._hash is None:
            return
        got = base64.b64encode(self._hash.digest()).decode()
        if got != self.expected:
            raise HashMismatch(f"{self.what}: {self.kind} {got} does not match the server's {self.expected}")


_TLS: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    """A verifying TLS context; certifi's CA bundle when installed (as requests uses), else the system's."""
    global _TLS
    if _TLS is None:
        try:
            import certifi

            _TLS = ssl.create_default_context(cafile=certifi.where())
        except ImportError:
            _TLS = ssl.create_default_context()
    return _TLS


def _proxy_for(scheme: str, host: str) -> tuple[str, int | None] | None:
    """The proxy from ``https_proxy``/``http_proxy`` unless ``no_proxy`` exempts the host (as requests does)."""
    import urllib.request

    proxy = urllib.request.getproxies().get(scheme)
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    return (parts.hostname or "", parts.port or 80) if parts.hostname else None
