"""Secret Manager API stand-in: ``projects.secrets.versions.access`` (REST, v1 shape).

Serves ``GET /v1/projects/{project}/secrets/{secret}/versions/{version}:access`` with
``{"name": ..., "payload": {"data": <base64>, "dataCrc32c": ...}}``, 404 with the API's
error shape for an unknown secret. Options: ``secrets``: ``{name: value}`` (the value of
every version); ``bad_checksum``: answer with a wrong ``dataCrc32c``. Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

import base64
import re
from typing import Any, ClassVar

import google_crc32c

from scripts.standins._http import HttpStandin, Response, json_response

_PATH = re.compile(r"^/v1/projects/(?P<project>[^/]+)/secrets/(?P<secret>[^/]+)/versions/(?P<version>[^/:]+):access$")


class SecretManagerStandin(HttpStandin):
    service: ClassVar[str] = "secretmanager"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"secrets": {}, "bad_checksum": False}

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        match = _PATH.match(path)
        if method != "GET" or match is None:
            return json_response({"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}, 404)
        with self.lock:
            value = self.options["secrets"].get(match["secret"])
            flip = int(bool(self.options["bad_checksum"]))
        name = f"projects/{match['project']}/secrets/{match['secret']}"
        if value is None:
            return json_response(
                {
                    "error": {
                        "code": 404,
                        "message": f"Secret [{name}] not found or has no versions.",
                        "status": "NOT_FOUND",
                    }
                },
                404,
            )
        data = value.encode()
        version = match["version"] if match["version"] != "latest" else "1"
        return json_response(
            {
                "name": f"{name}/versions/{version}",
                "payload": {
                    "data": base64.b64encode(data).decode(),
                    "dataCrc32c": str(google_crc32c.value(data) ^ flip),
                },
            }
        )


if __name__ == "__main__":
    SecretManagerStandin.main()
