"""Secret Manager API stand-in (REST, v1 shapes of the public API).

Serves, for ``projects/{project}/secrets/{secret}``:

* ``GET  .../secrets/{secret}``: the secret (``name``, ``replication``, ``createTime``, ``labels``);
* ``POST .../secrets?secretId={secret}``: create it (``409 ALREADY_EXISTS`` if it exists);
* ``POST .../secrets/{secret}:addVersion`` with ``{"payload": {"data": <base64>, "dataCrc32c": ...}}``:
  a new ENABLED version ``N`` (``400 INVALID_ARGUMENT`` on a checksum mismatch);
* ``GET  .../secrets/{secret}/versions``: ``{"versions": [newest first], "totalSize": n}``;
* ``GET  .../secrets/{secret}/versions/{version|latest}:access``: ``{"name", "payload": {"data",
  "dataCrc32c"}}`` of that version (latest = the newest ENABLED one);

404 ``NOT_FOUND`` in the API's error shape for an unknown secret or version. Options:
``secrets``: ``{name: value}`` (each becomes a secret with one version); ``bad_checksum``:
answer ``access`` with a wrong ``dataCrc32c``. Every version ever added is kept in
:attr:`SecretManagerStandin.store` (tests count them). Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any, ClassVar

import google_crc32c

from scripts.standins._http import HttpStandin, Response, json_response

_SECRETS = re.compile(r"^/v1/projects/(?P<project>[^/]+)/secrets$")
_SECRET = re.compile(r"^/v1/projects/(?P<project>[^/]+)/secrets/(?P<secret>[^/:]+)(?P<verb>:addVersion)?$")
_VERSIONS = re.compile(r"^/v1/projects/(?P<project>[^/]+)/secrets/(?P<secret>[^/]+)/versions$")
_ACCESS = re.compile(r"^/v1/projects/(?P<project>[^/]+)/secrets/(?P<secret>[^/]+)/versions/(?P<version>[^/:]+):access$")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _error(code: int, status: str, message: str) -> Response:
    return json_response({"error": {"code": code, "message": message, "status": status}}, code)


class SecretManagerStandin(HttpStandin):
    service: ClassVar[str] = "secretmanager"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def __init__(self, scenario: str = "ok", port: int = 0, host: str = "127.0.0.1", **options: Any) -> None:
        #: secret id -> {"createTime", "labels", "versions": [{"n", "data", "createTime", "state"}]}
        self.store: dict[str, dict[str, Any]] = {}
        super().__init__(scenario, port, host, **options)

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"secrets": {}, "bad_checksum": False}

    def set_scenario(self, scenario: str, **options: Any) -> None:
        super().set_scenario(scenario, **options)
        with self.lock:
            for name, value in self.options["secrets"].items():
                entry = self.store.setdefault(name, {"createTime": _now(), "labels": {}, "versions": []})
                latest = entry["versions"][-1]["data"] if entry["versions"] else None
                if latest != value.encode():
                    entry["versions"].append(
                        {
                            "n": len(entry["versions"]) + 1,
                            "data": value.encode(),
                            "createTime": _now(),
                            "state": "ENABLED",
                        }
                    )

    def versions(self, secret: str) -> int:
        """How many versions ``secret`` has (0 when it does not exist)."""
        with self.lock:
            return len(self.store.get(secret, {}).get("versions", []))

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        return self.route_with_body(method, path, query, headers, b"")

    def route_with_body(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Response:
        if match := _ACCESS.match(path):
            return (
                self._access(match["project"], match["secret"], match["version"]) if method == "GET" else self._nf(path)
            )
        if match := _VERSIONS.match(path):
            return self._list(match["project"], match["secret"]) if method == "GET" else self._nf(path)
        if match := _SECRETS.match(path):
            if method != "POST":
                return self._nf(path)
            return self._create(match["project"], query.get("secretId", ""), body)
        if match := _SECRET.match(path):
            if match["verb"] and method == "POST":
                return self._add_version(match["project"], match["secret"], body)
            if not match["verb"] and method == "GET":
                return self._get(match["project"], match["secret"])
        return self._nf(path)

    @staticmethod
    def _nf(path: str) -> Response:
        return _error(404, "NOT_FOUND", f"Not found: {path}")

    @staticmethod
    def _secret_json(project: str, secret: str, entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": f"projects/{project}/secrets/{secret}",
            "replication": {"automatic": {}},
            "createTime": entry["createTime"],
            "labels": entry["labels"],
        }

    @staticmethod
    def _version_json(project: str, secret: str, version: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": f"projects/{project}/secrets/{secret}/versions/{version['n']}",
            "createTime": version["createTime"],
            "state": version["state"],
            "replicationStatus": {"automatic": {}},
        }

    def _missing(self, project: str, secret: str) -> Response:
        return _error(404, "NOT_FOUND", f"Secret [projects/{project}/secrets/{secret}] not found or has no versions.")

    def _get(self, project: str, secret: str) -> Response:
        with self.lock:
            entry = self.store.get(secret)
            if entry is None:
                return self._missing(project, secret)
            return json_response(self._secret_json(project, secret, entry))

    def _create(self, project: str, secret: str, body: bytes) -> Response:
        if not re.fullmatch(r"[\w-]{1,255}", secret):
            return _error(400, "INVALID_ARGUMENT", "secretId must match [a-zA-Z0-9_-]{1,255}")
        try:
            spec = json.loads(body or b"{}")
        except ValueError:
            return _error(400, "INVALID_ARGUMENT", "body is not JSON")
        if "replication" not in spec:
            return _error(400, "INVALID_ARGUMENT", "Secret.replication is required")
        with self.lock:
            if secret in self.store:
                return _error(409, "ALREADY_EXISTS", f"Secret [projects/{project}/secrets/{secret}] already exists.")
            entry = {"createTime": _now(), "labels": dict(spec.get("labels") or {}), "versions": []}
            self.store[secret] = entry
            return json_response(self._secret_json(project, secret, entry))

    def _add_version(self, project: str, secret: str, body: bytes) -> Response:
        try:
            payload = json.loads(body or b"{}")["payload"]
            data = base64.b64decode(payload["data"], validate=True)
        except (ValueError, KeyError, TypeError):
            return _error(400, "INVALID_ARGUMENT", "payload.data must be base64")
        crc = payload.get("dataCrc32c")
        if crc is not None and int(crc) != google_crc32c.value(data):
            return _error(400, "INVALID_ARGUMENT", "Checksum mismatch: payload.dataCrc32c")
        with self.lock:
            entry = self.store.get(secret)
            if entry is None:
                return self._missing(project, secret)
            version = {"n": len(entry["versions"]) + 1, "data": data, "createTime": _now(), "state": "ENABLED"}
            entry["versions"].append(version)
            return json_response(self._version_json(project, secret, version))

    def _list(self, project: str, secret: str) -> Response:
        with self.lock:
            entry = self.store.get(secret)
            if entry is None:
                return self._missing(project, secret)
            versions = [self._version_json(project, secret, v) for v in reversed(entry["versions"])]
        return json_response({"versions": versions, "totalSize": len(versions)})

    def _access(self, project: str, secret: str, version: str) -> Response:
        with self.lock:
            entry = self.store.get(secret)
            flip = int(bool(self.options["bad_checksum"]))
            enabled = [v for v in (entry or {}).get("versions", []) if v["state"] == "ENABLED"]
            if version == "latest":
                found = enabled[-1] if enabled else None
            else:
                found = next((v for v in (entry or {}).get("versions", []) if str(v["n"]) == version), None)
        if found is None:
            return self._missing(project, secret)
        data = found["data"]
        return json_response(
            {
                "name": f"projects/{project}/secrets/{secret}/versions/{found['n']}",
                "payload": {
                    "data": base64.b64encode(data).decode(),
                    "dataCrc32c": str(google_crc32c.value(data) ^ flip),
                },
            }
        )


if __name__ == "__main__":
    SecretManagerStandin.main()
