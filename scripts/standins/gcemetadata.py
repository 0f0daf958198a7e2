"""GCE metadata server stand-in: service account token, project id, instance attributes.

Serves, like the real server (and 403 without the ``Metadata-Flavor: Google`` header):

* ``GET /computeMetadata/v1/instance/service-accounts/default/token``: ``access_token``,
  ``expires_in``, ``token_type``;
* ``GET /computeMetadata/v1/project/project-id``: the project id as text;
* ``GET /computeMetadata/v1/instance/attributes/?recursive=true``: the custom metadata as JSON,
  ``/instance/attributes/<key>``: one value as text (404 when absent).

Options: ``token``, ``project``, ``attributes`` (dict). Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response

TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token"
ATTRIBUTES_PATH = "/computeMetadata/v1/instance/attributes/"
PROJECT_PATH = "/computeMetadata/v1/project/project-id"


class MetadataStandin(HttpStandin):
    service: ClassVar[str] = "gce-metadata"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"token": "ya29.standin-token", "project": "kaleo-dr", "attributes": {}}

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        if headers.get("metadata-flavor") != "Google":
            return 403, "text/html", b"Missing required header: Metadata-Flavor"
        if method != "GET":
            return 405, "text/html", b"Method Not Allowed"
        with self.lock:
            token, project = self.options["token"], self.options["project"]
            attributes = dict(self.options["attributes"])
        if path == TOKEN_PATH:
            body = json.dumps({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})
            return 200, "application/json", body.encode()
        if path == PROJECT_PATH:
            return 200, "application/text", project.encode()
        if path == ATTRIBUTES_PATH and query.get("recursive") == "true":
            return 200, "application/json", json.dumps(attributes).encode()
        if path.startswith(ATTRIBUTES_PATH) and path[len(ATTRIBUTES_PATH) :] in attributes:
            return 200, "application/text", attributes[path[len(ATTRIBUTES_PATH) :]].encode()
        return 404, "text/html", b"Not Found"


if __name__ == "__main__":
    MetadataStandin.main()
