"""The standard-library GCS reader (scripts.db.gcsjson): what the emulator cannot show.

The emulator serves every listing in one page and never checks credentials, so these tests
run a local server in the shape of the GCS JSON API: paged listings, ``x-goog-hash`` on
downloads, a ``Range`` it may ignore, and the ``Authorization`` header it saw. The
round trips through the emulator are in tests/test_storage.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from google.oauth2.credentials import Credentials

from scripts.db.gcsjson import GcsHttpError, GcsNotFound, GcsReader, HashMismatch
from scripts.db.storage import GcsStore, NotFound, StorageError

OBJECTS = {f"db/b1/files/{i:02d}.dat": bytes([i]) * (1000 + i) for i in range(7)}


class GcsShapedServer:
    """A local server answering the JSON API's list, get and media requests for one bucket."""

    def __init__(self, objects: dict[str, bytes], page_size: int = 3) -> None:
        self.objects = dict(objects)
        self.page_size = page_size
        self.wrong_hash: set[str] = set()
        self.ignore_range = False
        self.drop_idle = False  # close every connection after its answer, without saying so
        self.refused_tokens: set[str] = set()  # "Bearer X" values answered with 401
        self.auth: list[str | None] = []
        self.connections: set[tuple[str, int]] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                self.close_connection = server.drop_idle
                server.auth.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") in server.refused_tokens:
                    return self._send(401, b'{"error": {"code": 401, "message": "expired"}}', "application/json")
                server.connections.add(self.client_address)
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                if parts.path == "/storage/v1/b/bkt/o":
                    return self._list(query)
                for prefix in ("/download/storage/v1/b/bkt/o/", "/storage/v1/b/bkt/o/"):
                    if parts.path.startswith(prefix):
                        name = unquote(parts.path[len(prefix) :])
                        if name not in server.objects:
                            return self._send(404, b'{"error": {"code": 404}}', "application/json")
                        if query.get("alt") == ["media"]:
                            return self._media(name)
                        return self._json(_resource(name, server.objects[name]))
                return self._send(400, b"bad path", "text/plain")

            def _list(self, query: dict[str, list[str]]) -> None:
                prefix = query.get("prefix", [""])[0]
                names = sorted(n for n in server.objects if n.startswith(prefix))
                start = int(query.get("pageToken", ["0"])[0])
                page = names[start : start + server.page_size]
                body: dict[str, Any] = {"items": [_resource(n, server.objects[n]) for n in page]}
                if start + server.page_size < len(names):
                    body["nextPageToken"] = str(start + server.page_size)
                self._json(body)

            def _media(self, name: str) -> None:
                data = server.objects[name]
                wanted = self.headers.get("Range")
                if wanted and not server.ignore_range:
                    first, _, last = wanted.removeprefix("bytes=").partition("-")
                    end = int(last) if last else len(data) - 1
                    piece = data[int(first) : end + 1]
                    return self._send(206, piece, "application/octet-stream")
                md5 = hashlib.md5(data + (b"x" if name in server.wrong_hash else b"")).digest()
                self._send(
                    200, data, "application/octet-stream", {"x-goog-hash": f"md5={base64.b64encode(md5).decode()}"}
                )

            def _json(self, body: dict[str, Any]) -> None:
                self._send(200, json.dumps(body).encode(), "application/json")

            def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> GcsShapedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _resource(name: str, data: bytes) -> dict[str, Any]:
    return {"name": name, "size": str(len(data)), "generation": "17", "updated": "2026-11-29T08:00:00.5Z"}


@pytest.fixture
def gcs_shape(monkeypatch: pytest.MonkeyPatch) -> Iterator[GcsShapedServer]:
    with GcsShapedServer(OBJECTS) as server:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", server.url)
        monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "2")
        yield server


def test_listing_follows_every_page(gcs_shape: GcsShapedServer) -> None:
    store = GcsStore("gs://bkt/db", "bkt", "db")
    listed = store.list("b1/files")
    assert [o.key for o in listed] == sorted(k.removeprefix("db/") for k in OBJECTS)  # 7 objects, pages of 3
    assert {o.key: o.size for o in listed}["b1/files/03.dat"] == 1003
    assert listed[0].updated == dt.datetime(2026, 11, 29, 8, 0, 0, 500000, tzinfo=dt.UTC)


def test_reads_whole_objects_ranges_and_absent_ones(gcs_shape: GcsShapedServer) -> None:
    store = GcsStore("gs://bkt/db", "bkt", "db")
    assert store.get_bytes("b1/files/05.dat") == OBJECTS["db/b1/files/05.dat"]
    assert b"".join(store.iter_chunks("b1/files/06.dat")) == OBJECTS["db/b1/files/06.dat"]
    assert store.exists("b1/files/00.dat") and not store.exists("b1/absent")
    with pytest.raises(NotFound):
        store.get_bytes("b1/absent")
    reader = GcsReader("bkt")
    assert reader.read_range("db/b1/files/02.dat", 10, 19) == bytes([2]) * 10
    assert b"".join(reader.stream("db/b1/files/02.dat", 1000, 1002)) == bytes([2]) * 2
    assert gcs_shape.auth and set(gcs_shape.auth) == {None}  # the emulator is never sent credentials


def test_a_download_that_does_not_match_its_hash_is_never_returned(gcs_shape: GcsShapedServer, tmp_path: Any) -> None:
    gcs_shape.wrong_hash.add("db/b1/files/01.dat")
    with pytest.raises(HashMismatch, match="md5"):
        GcsReader("bkt").get("db/b1/files/01.dat")
    store = GcsStore("gs://bkt/db", "bkt", "db")
    with pytest.raises(StorageError, match="does not match"):  # retried (transient), then reported
        store.get_bytes("b1/files/01.dat")
    dest = tmp_path / "01.dat"
    with pytest.raises(StorageError, match="does not match"):
        store.get_file("b1/files/01.dat", dest)
    assert not dest.exists() and not list(tmp_path.iterdir())  # no partial or bad file left behind
    store.get_file("b1/files/04.dat", dest)
    assert dest.read_bytes() == OBJECTS["db/b1/files/04.dat"]


def test_a_range_the_server_ignored_is_an_error_not_the_wrong_bytes(gcs_shape: GcsShapedServer) -> None:
    gcs_shape.ignore_range = True
    with pytest.raises(GcsHttpError, match="ignored the byte range"):
        GcsReader("bkt").read_range("db/b1/files/03.dat", 100, 199)
    with pytest.raises(GcsNotFound):
        GcsReader("bkt").stat("db/none")


def test_an_abandoned_stream_does_not_poison_the_next_request(gcs_shape: GcsShapedServer) -> None:
    reader = GcsReader("bkt")
    chunks = reader.stream("db/b1/files/06.dat", chunk=100)
    assert next(chunks) == bytes([6]) * 100
    chunks.close()  # the rest of the body is never read: that connection must not be reused
    assert reader.get("db/b1/files/05.dat") == OBJECTS["db/b1/files/05.dat"]
    assert len(gcs_shape.connections) == 2


def test_outside_the_emulator_every_request_carries_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    with GcsShapedServer(OBJECTS) as server:
        credentials = Credentials(token="tok-123", quota_project_id="kaleo-dr")
        reader = GcsReader("bkt", base_url=server.url, credentials=credentials)
        assert len(reader.list("db/")) == len(OBJECTS)
        assert reader.get("db/b1/files/00.dat") == OBJECTS["db/b1/files/00.dat"]
    assert server.auth and set(server.auth) == {"Bearer tok-123"}


def test_the_public_endpoint_is_https_with_verified_tls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    reader = GcsReader("bkt", credentials=Credentials(token="t"))
    assert reader.base == "https://storage.googleapis.com"
    conn = reader._connection()
    assert conn._context.verify_mode.name == "CERT_REQUIRED" and conn._context.check_hostname  # type: ignore[attr-defined]


def test_a_kept_alive_connection_the_server_closed_is_replaced_at_once(
    gcs_shape: GcsShapedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    gcs_shape.drop_idle = True  # as a front end does with a connection idle for too long
    monkeypatch.setenv("KALEO_STORAGE_ATTEMPTS", "1")  # no retry by the storage layer: only the resend
    store = GcsStore("gs://bkt/db", "bkt", "db")
    for name in ("00", "01", "02"):  # each request after the first finds its connection closed
        assert store.get_bytes(f"b1/files/{name}.dat") == OBJECTS[f"db/b1/files/{name}.dat"]
    assert len(gcs_shape.connections) == 3


def test_a_refused_connection_is_not_sent_again_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.standins.localsvc import free_port

    monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ConnectionError, match="ConnectionRefusedError"):
        GcsReader("bkt").get("db/x")  # the caller's retry policy decides, with its backoff


def test_a_refused_token_is_refreshed_and_the_request_sent_once_more(monkeypatch: pytest.MonkeyPatch) -> None:
    from google.auth.credentials import Credentials as Base

    class Rotating(Base):  # type: ignore[misc]
        """Credentials whose refresh hands out the next token (as a real refresh would)."""

        def __init__(self) -> None:
            super().__init__()
            self.token, self.refreshes = "tok-1", 0

        def refresh(self, request: object) -> None:
            self.refreshes += 1
            self.token = f"tok-{self.refreshes + 1}"

    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    with GcsShapedServer(OBJECTS) as server:
        server.refused_tokens.add("Bearer tok-1")  # revoked or expired early, though it looks valid
        credentials = Rotating()
        reader = GcsReader("bkt", base_url=server.url, credentials=credentials)
        assert reader.get("db/b1/files/03.dat") == OBJECTS["db/b1/files/03.dat"]
        assert credentials.refreshes == 1 and server.auth == ["Bearer tok-1", "Bearer tok-2"]
        server.refused_tokens.add("Bearer tok-2")
        server.refused_tokens.add("Bearer tok-3")  # refused again after the refresh: an error, no loop
        with pytest.raises(GcsHttpError) as err:
            reader.get("db/b1/files/03.dat")
        assert err.value.code == 401 and credentials.refreshes == 2
