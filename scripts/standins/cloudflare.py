"""A local stand-in for the Cloudflare API v4 DNS endpoints used by ``kaleo-dr cutover``.

It serves, on 127.0.0.1 and a free port, under ``/client/v4``:

* ``GET /zones/{zone_id}/dns_records?name=&type=`` - list records (with ``result_info``);
* ``GET /zones/{zone_id}/dns_records/{id}`` - one record;
* ``PATCH /zones/{zone_id}/dns_records/{id}`` - change type, content, ttl, proxied, comment;
* ``POST /zones/{zone_id}/dns_records`` - create a record (81053 when a CNAME clashes with the name);
* ``GET /user/tokens/verify`` - the token check.

Every response uses Cloudflare's envelope ``{success, errors, messages, result}``; a
missing or wrong ``Authorization: Bearer`` token gets 403 with error code 10000 like the
real API, an unknown zone 404 code 7003, an unknown record 404 code 81044, and a
proxied record must keep ``ttl`` 1 (automatic), code 9000 otherwise.

The server runs in a thread of the current process (``with CloudflareStandin(token) as cf``)
or as a process: ``python -m scripts.standins.cloudflare --port N --token-env NAME``.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hmac
import json
import os
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from scripts.standins.localsvc import Managed

API_PREFIX = "/client/v4"
RECORD_TYPES = {"A", "AAAA", "CNAME", "TXT", "MX", "NS", "CAA"}
_PATCHABLE = {"type", "content", "ttl", "proxied", "comment", "name"}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class CloudflareStandin(Managed):
    """In-memory DNS zones behind a Cloudflare-shaped HTTP API."""

    def __init__(self, token: str, port: int = 0, zone_name: str = "kaleosoftware.com") -> None:
        self.token = token
        self.zone_id = uuid.uuid4().hex
        self.zone_name = zone_name
        self.records: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) of every authenticated request
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- setup -----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The API base URL, what ``cloudflare.api_url`` is set to."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    def add_record(
        self, name: str, type_: str, content: str, ttl: int = 300, proxied: bool = False, comment: str | None = None
    ) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "zone_id": self.zone_id,
            "zone_name": self.zone_name,
            "name": name,
            "type": type_,
            "content": content,
            "proxiable": type_ in {"A", "AAAA", "CNAME"},
            "proxied": proxied,
            "ttl": 1 if proxied else ttl,
            "locked": False,
            "comment": comment,
            "tags": [],
            "meta": {"auto_added": False, "managed_by_apps": False, "managed_by_argo_tunnel": False},
            "created_on": _now(),
            "modified_on": _now(),
        }
        with self.lock:
            self.records[record["id"]] = record
        return copy.deepcopy(record)

    def find(self, name: str) -> list[dict[str, Any]]:
        with self.lock:
            return [copy.deepcopy(r) for r in self.records.values() if r["name"] == name]

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="cloudflare-standin", daemon=True
        )  # stopped within 0.05 s, as the other stand-ins
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(5)
            self._thread = None
        self._server.server_close()

    # -- HTTP ------------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "cloudflare-standin"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _send(
                self,
                status: int,
                result: Any = None,
                errors: list[dict[str, Any]] | None = None,
                extra: dict[str, Any] | None = None,
            ) -> None:
                body = {"success": not errors, "errors": errors or [], "messages": [], "result": result}
                body.update(extra or {})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorized(self) -> bool:
                header = self.headers.get("Authorization", "")
                scheme, _, given = header.partition(" ")
                if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), standin.token.encode()):
                    return True
                self._send(403, None, [{"code": 10000, "message": "Authentication error"}])
                return False

            def _route(self) -> tuple[list[str], dict[str, list[str]]] | None:
                parts = urlsplit(self.path)
                if not parts.path.startswith(API_PREFIX + "/"):
                    self._send(404, None, [{"code": 7000, "message": "No route for that URI"}])
                    return None
                return parts.path[len(API_PREFIX) + 1 :].strip("/").split("/"), parse_qs(parts.query)

            def _zone_ok(self, zone: str) -> bool:
                if zone != standin.zone_id:
                    self._send(404, None, [{"code": 7003, "message": "Could not route to /zones/" + zone}])
                    return False
                return True

            def _accepted(self, method: str) -> tuple[list[str], dict[str, list[str]]] | None:
                """The path segments and query of an authorized request under the API prefix (logged),
                or None once the error was answered."""
                if not self._authorized():
                    return None
                routed = self._route()
                if routed is not None:
                    standin.requests.append((method, "/".join(routed[0])))
                return routed

            def _record_write(
                self, method: str, segments: int, required: set[str]
            ) -> tuple[str, dict[str, Any]] | None:
                """The record id (or "") and JSON object body of a write to ``/zones/{zone}/dns_records[/{id}]``
                (``segments`` path segments long, the body holding ``required``), or None once the error was
                answered."""
                routed = self._accepted(method)
                if routed is None:
                    return None
                segs, _ = routed
                if not (len(segs) == segments and segs[0] == "zones" and segs[2] == "dns_records"):
                    self._send(404, None, [{"code": 7000, "message": "No route for that URI"}])
                    return None
                if not self._zone_ok(segs[1]):
                    return None
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                    body = json.loads(self.rfile.read(length) or b"{}")
                    if not isinstance(body, dict) or not required <= set(body):
                        raise ValueError(f"an object holding {sorted(required)} is required")
                except ValueError:
                    self._send(400, None, [{"code": 9207, "message": "Request body is invalid."}])
                    return None
                return (segs[3] if segments > 3 else ""), body

            def do_GET(self) -> None:
                routed = self._accepted("GET")
                if routed is None:
                    return
                segs, query = routed
                if segs == ["user", "tokens", "verify"]:
                    self._send(200, {"id": "standin", "status": "active"})
                    return
                if len(segs) >= 3 and segs[0] == "zones" and segs[2] == "dns_records":
                    if not self._zone_ok(segs[1]):
                        return
                    if len(segs) == 3:
                        with standin.lock:
                            found = [copy.deepcopy(r) for r in standin.records.values()]
                        for key in ("name", "type", "content"):
                            if key in query:
                                found = [r for r in found if str(r[key]) == query[key][0]]
                        info = {
                            "page": 1,
                            "per_page": 100,
                            "count": len(found),
                            "total_count": len(found),
                            "total_pages": 1,
                        }
                        self._send(200, found, extra={"result_info": info})
                        return
                    with standin.lock:
                        record = copy.deepcopy(standin.records.get(segs[3]))
                    if record is None:
                        self._send(404, None, [{"code": 81044, "message": "Record does not exist."}])
                        return
                    self._send(200, record)
                    return
                self._send(404, None, [{"code": 7000, "message": "No route for that URI"}])

            def do_PATCH(self) -> None:
                write = self._record_write("PATCH", 4, set())
                if write is None:
                    return
                record_id, body = write
                unknown = set(body) - _PATCHABLE
                if unknown:
                    self._send(400, None, [{"code": 9207, "message": f"unknown fields: {sorted(unknown)}"}])
                    return
                with standin.lock:
                    record = standin.records.get(record_id)
                    if record is None:
                        self._send(404, None, [{"code": 81044, "message": "Record does not exist."}])
                        return
                    merged = {**record, **body}
                    if merged["type"] not in RECORD_TYPES:
                        self._send(400, None, [{"code": 9004, "message": "This record type is not supported."}])
                        return
                    if not isinstance(merged["ttl"], int) or not (merged["ttl"] == 1 or 60 <= merged["ttl"] <= 86400):
                        self._send(
                            400,
                            None,
                            [
                                {
                                    "code": 9021,
                                    "message": "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic.",
                                }
                            ],
                        )
                        return
                    if merged["proxied"] and "ttl" in body and merged["ttl"] != 1:
                        self._send(
                            400, None, [{"code": 9000, "message": "TTL of a proxied record must be 1 (automatic)."}]
                        )
                        return
                    if merged["proxied"]:
                        merged["ttl"] = 1
                    merged["proxiable"] = merged["type"] in {"A", "AAAA", "CNAME"}
                    merged["modified_on"] = _now()
                    standin.records[record_id] = merged
                    result = copy.deepcopy(merged)
                self._send(200, result)

            def do_POST(self) -> None:
                write = self._record_write("POST", 3, {"name", "type", "content"})
                if write is None:
                    return
                _, body = write
                if set(body) - _PATCHABLE or body["type"] not in RECORD_TYPES:
                    self._send(400, None, [{"code": 9004, "message": "This record type is not supported."}])
                    return
                with standin.lock:
                    clash = [
                        r
                        for r in standin.records.values()
                        if r["name"] == body["name"] and (r["type"] == "CNAME" or body["type"] == "CNAME")
                    ]
                if clash:
                    self._send(
                        400,
                        None,
                        [{"code": 81053, "message": "An A, AAAA, or CNAME record with that host already exists."}],
                    )
                    return
                ttl = body.get("ttl", 1)
                record = standin.add_record(
                    body["name"],
                    body["type"],
                    body["content"],
                    ttl=ttl,
                    proxied=bool(body.get("proxied", False)),
                    comment=body.get("comment"),
                )
                self._send(200, record)

        return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Cloudflare API v4 DNS stand-in")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token-env", default="CLOUDFLARE_API_TOKEN", help="variable holding the accepted token")
    args = parser.parse_args(argv)
    standin = CloudflareStandin(os.environ[args.token_env], port=args.port)
    print(json.dumps({"url": standin.url, "zone_id": standin.zone_id}), flush=True)
    standin._server.serve_forever()


if __name__ == "__main__":
    main()
