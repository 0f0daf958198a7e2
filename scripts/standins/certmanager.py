"""Certificate Manager API stand-in: ``projects.locations.certificates.get`` (REST, v1 shape).

Serves ``GET /v1/projects/{project}/locations/{location}/certificates/{name}`` with the
fields ``kaleo-dr readiness`` reads: ``name``, ``managed.domains``, ``managed.state``
(``ACTIVE``, ``PROVISIONING``, ``FAILED``), ``managed.provisioningIssue`` and
``managed.authorizationAttemptInfo``, plus ``createTime``/``updateTime``/``expireTime``;
404 in the API's error shape for an unknown certificate. Option ``certificates``:
``{name: {"state": ..., "domains": [...], "issue": reason}}``. Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response, json_response

_PATH = re.compile(r"^/v1/projects/(?P<project>[^/]+)/locations/(?P<location>[^/]+)/certificates/(?P<name>[^/]+)$")


class CertificateManagerStandin(HttpStandin):
    service: ClassVar[str] = "certificatemanager"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"certificates": {}}

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        match = _PATH.match(path)
        if method != "GET" or match is None:
            return json_response({"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}, 404)
        name = f"projects/{match['project']}/locations/{match['location']}/certificates/{match['name']}"
        with self.lock:
            spec = self.options["certificates"].get(match["name"])
        if spec is None:
            return json_response(
                {"error": {"code": 404, "message": f"Resource '{name}' was not found", "status": "NOT_FOUND"}}, 404
            )
        state = spec.get("state", "ACTIVE")
        domains = list(spec.get("domains", ["kaleo.example.com"]))
        managed: dict[str, Any] = {
            "domains": domains,
            "state": state,
            "authorizationAttemptInfo": [
                {"domain": d, "state": "AUTHORIZED" if state == "ACTIVE" else "AUTHORIZING"} for d in domains
            ],
        }
        if spec.get("issue"):
            managed["provisioningIssue"] = {"reason": spec["issue"], "details": f"issuance blocked: {spec['issue']}"}
        return json_response(
            {
                "name": name,
                "createTime": "2026-01-05T10:00:00.000000Z",
                "updateTime": "2026-11-01T10:00:00.000000Z",
                "expireTime": "2027-01-30T10:00:00Z",
                "scope": "DEFAULT",
                "managed": managed,
                "sanDnsnames": domains,
            }
        )


if __name__ == "__main__":
    CertificateManagerStandin.main()
