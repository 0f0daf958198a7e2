"""A small threaded HTTP server base for the third-party API stand-ins.

Every stand-in serves recorded response shapes of one service on 127.0.0.1, runs in a
background thread (tests, the local rehearsal) or as its own process
(``python -m scripts.standins.<name> --port N --scenario S``), and can be switched
between scenarios while running: in-process with :meth:`HttpStandin.set_scenario`, or
over HTTP with ``POST /_standin/scenario`` and a JSON body ``{"scenario": ..., ...}``.

The ``hang`` scenario accepts connections and never answers, like an endpoint stuck
behind a dead load balancer; hanging requests are released when the stand-in stops.
"""

from __future__ import annotations

import argparse
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self
from urllib.parse import parse_qs, urlsplit

from scripts.standins.localsvc import Managed

Response = tuple[int, str, bytes]


def json_response(data: Any, status: int = 200) -> Response:
    return status, "application/json", json.dumps(data).encode()


class HttpStandin(Managed):
    """Base class: subclasses implement :meth:`route` and list their scenarios."""

    scenarios: ClassVar[tuple[str, ...]] = ("ok", "aws-outage", "region-down", "hang")
    service: ClassVar[str] = "standin"

    def __init__(self, scenario: str = "ok", port: int = 0, host: str = "127.0.0.1", **options: Any) -> None:
        self.host = host
        self.port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._release = threading.Event()
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.scenario = "ok"
        self.options: dict[str, Any] = {}
        self.tls: ssl.SSLContext | None = None
        self.set_scenario(scenario, **options)

    def serve_tls(self, context: ssl.SSLContext) -> Self:
        """Answer over HTTPS with ``context`` (its certificate chain): call before :meth:`start`."""
        self.tls = context
        return self

    # -- control -------------------------------------------------------------------------
    def set_scenario(self, scenario: str, **options: Any) -> None:
        if scenario not in self.scenarios:
            raise ValueError(f"{self.service}: unknown scenario {scenario!r}; known: {', '.join(self.scenarios)}")
        with self.lock:
            self.scenario = scenario
            self.options = {**self.defaults(scenario), **options}

    def defaults(self, scenario: str) -> dict[str, Any]:
        """Options a scenario starts with (for example when the outage began)."""
        return {}

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        raise NotImplementedError

    def route_with_body(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Response:
        """Stand-ins that read request bodies (POST/PATCH APIs) override this; the default ignores the body."""
        return self.route(method, path, query, headers)

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> Self:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                headers = {k.lower(): v for k, v in self.headers.items()}
                length = int(headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with standin.lock:
                    standin.requests.append((method, parts.path, headers))
                if parts.path == "/_standin/scenario" and method == "POST":
                    try:
                        spec = json.loads(body or b"{}")
                        standin.set_scenario(spec.pop("scenario", "ok"), **spec)
                        status, ctype, payload = json_response({"scenario": standin.scenario})
                    except (ValueError, TypeError) as exc:
                        status, ctype, payload = json_response({"error": str(exc)}, 400)
                elif standin.scenario == "hang" and not parts.path.startswith("/_standin"):
                    standin._release.wait()
                    return
                else:
                    status, ctype, payload = standin.route_with_body(method, parts.path, query, headers, body)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_HEAD(self) -> None:
                self._serve("HEAD")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PUT(self) -> None:
                self._serve("PUT")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

            def do_PATCH(self) -> None:
                self._serve("PATCH")

        self._release.clear()
        server = ThreadingHTTPServer((self.host, self.port), Handler)
        server.daemon_threads = True
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        self._server = server
        self.port = int(server.server_address[1])
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"{self.service}-standin", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- running as a process ------------------------------------------------------------
    @classmethod
    def main(cls, argv: list[str] | None = None) -> None:
        parser = argparse.ArgumentParser(description=f"local {cls.service} stand-in")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=0)
        parser.add_argument("--scenario", default="ok", choices=cls.scenarios)
        args = parser.parse_args(argv)
        standin = cls(args.scenario, port=args.port, host=args.host).start()
        print(f"{cls.service} stand-in on {standin.url} (scenario {args.scenario})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            standin.stop()
