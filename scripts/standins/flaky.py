"""A fault-injecting HTTP reverse proxy: answers 503 to the first N requests, then forwards.

``bytes_per_second`` makes it a slow link too: every response body is sent at that rate.

Put it in front of an object store stand-in (gcp-storage-emulator, moto) to prove that the
storage layer rides out an object store "answering 503 for a while".
"""

from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import urlparse

from scripts.standins.localsvc import Managed

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class FlakyProxy(Managed):
    def __init__(self, upstream: str, fail_first: int = 3, status: int = 503, bytes_per_second: float = 0) -> None:
        parsed = urlparse(upstream)
        self.upstream_host = parsed.hostname or "127.0.0.1"
        self.upstream_port = parsed.port or 80
        self.fail_first = fail_first
        self.status = status
        self.bytes_per_second = bytes_per_second
        self.requests = 0
        self.failed = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy._lock:
                    proxy.requests += 1
                    inject = proxy.failed < proxy.fail_first
                    if inject:
                        proxy.failed += 1
                if inject:
                    payload = b'{"error": {"code": 503, "message": "injected: service unavailable"}}'
                    self.send_response(proxy.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                conn = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["Host"] = f"{proxy.upstream_host}:{proxy.upstream_port}"
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for key, value in resp.getheaders():
                    if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                rate = proxy.bytes_per_second
                piece = max(1, int(rate / 20)) if rate else len(data) or 1
                for start in range(0, len(data), piece):
                    self.wfile.write(data[start : start + piece])
                    if rate:
                        time.sleep(piece / rate)
                conn.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def arm(self, fail_first: int) -> None:
        """Fail the next ``fail_first`` requests."""
        with self._lock:
            self.fail_first = fail_first
            self.failed = 0

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
