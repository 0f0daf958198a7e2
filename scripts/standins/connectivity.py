"""Connectivity-check endpoint stand-in: what operating systems ask to know they are online.

Serves the public shapes of the well-known endpoints:

* ``/generate_204`` - an empty ``204 No Content`` (Google's ``www.gstatic.com/generate_204``,
  Cloudflare's ``cp.cloudflare.com/generate_204``);
* ``/hotspot-detect.html`` - ``200`` with a small page whose body says ``Success`` (Apple's
  ``captive.apple.com``).

Scenarios:

* ``ok``: answers as above;
* ``captive``: a captive portal (hotel Wi-Fi) answers instead: ``302`` to a login page for
  ``/generate_204``, ``200`` with a login page for everything else;
* ``hang``: never answers.
"""

from __future__ import annotations

from typing import ClassVar

from scripts.standins._http import HttpStandin, Response

SUCCESS_PAGE = b"<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"
PORTAL_PAGE = b"<html><body><form action='/login'>Welcome! Accept the terms to get online.</form></body></html>"


class ConnectivityStandin(HttpStandin):
    service: ClassVar[str] = "connectivity"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "captive", "hang")

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        if self.scenario == "captive":
            if path.endswith("/generate_204"):
                return 302, "text/html", PORTAL_PAGE
            return 200, "text/html", PORTAL_PAGE
        if path.endswith("/generate_204"):
            return 204, "text/plain", b""
        if path.endswith("/hotspot-detect.html"):
            return 200, "text/html", SUCCESS_PAGE
        return 404, "text/plain", b"not found"


if __name__ == "__main__":
    ConnectivityStandin.main()
