"""GCE metadata server stand-in: the service account token endpoint.

Serves ``GET /computeMetadata/v1/instance/service-accounts/default/token`` with the
server's JSON shape (``access_token``, ``expires_in``, ``token_type``), and refuses
requests without the ``Metadata-Flavor: Google`` header with 403 like the real server.
Option ``token``: the access token handed out. Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response

TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token"


class MetadataStandin(HttpStandin):
    service: ClassVar[str] = "gce-metadata"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"token": "ya29.standin-token"}

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        if headers.get("metadata-flavor") != "Google":
            return 403, "text/html", b"Missing required header: Metadata-Flavor"
        if method != "GET" or path != TOKEN_PATH:
            return 404, "text/html", b"Not Found"
        with self.lock:
            token = self.options["token"]
        body = f'{{"access_token":"{token}","expires_in":3599,"token_type":"Bearer"}}'
        return 200, "application/json", body.encode()


if __name__ == "__main__":
    MetadataStandin.main()
