"""Pingdom API 3.1 stand-in: ``/checks``, ``/checks/{id}``, ``/results/{id}``, ``/summary.outage/{id}``, ``/probes``.

Results are generated on a fixed one-minute grid, one probe per tick in rotation (as
Pingdom tests a check from one probe at a time). A probe reports ``down`` from
``outage_start`` on when its region is in ``down_regions``:

* ``ok``: nothing down;
* ``aws-outage``: every region down since ``outage_start`` (default: two hours ago);
* ``region-down``: only the ``EU`` probes down since ``outage_start``;
* ``hang``: never answers.

Options (``set_scenario(name, outage_start=epoch, down_regions=[...], token=...)``):
``token`` makes the stand-in require ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response, json_response

TICK = 60
CHECK_ID = 459063
PROBES: list[dict[str, Any]] = [
    {
        "id": 1,
        "country": "United States",
        "city": "New York",
        "name": "New York, NY",
        "region": "NA",
        "countryiso": "US",
        "hostname": "s401.pingdom.com",
        "ip": "192.0.2.1",
        "ipv6": "",
        "active": True,
    },
    {
        "id": 2,
        "country": "United Kingdom",
        "city": "London",
        "name": "London, UK",
        "region": "EU",
        "countryiso": "GB",
        "hostname": "s402.pingdom.com",
        "ip": "192.0.2.2",
        "ipv6": "",
        "active": True,
    },
    {
        "id": 3,
        "country": "Japan",
        "city": "Tokyo",
        "name": "Tokyo, Japan",
        "region": "APAC",
        "countryiso": "JP",
        "hostname": "s403.pingdom.com",
        "ip": "192.0.2.3",
        "ipv6": "",
        "active": True,
    },
    {
        "id": 4,
        "country": "United States",
        "city": "Dallas",
        "name": "Dallas, TX",
        "region": "NA",
        "countryiso": "US",
        "hostname": "s404.pingdom.com",
        "ip": "192.0.2.4",
        "ipv6": "",
        "active": True,
    },
    {
        "id": 5,
        "country": "Germany",
        "city": "Frankfurt",
        "name": "Frankfurt, Germany",
        "region": "EU",
        "countryiso": "DE",
        "hostname": "s405.pingdom.com",
        "ip": "192.0.2.5",
        "ipv6": "",
        "active": True,
    },
    {
        "id": 6,
        "country": "Brazil",
        "city": "Sao Paulo",
        "name": "Sao Paulo, Brazil",
        "region": "LATAM",
        "countryiso": "BR",
        "hostname": "s406.pingdom.com",
        "ip": "192.0.2.6",
        "ipv6": "",
        "active": True,
    },
]


class PingdomStandin(HttpStandin):
    service: ClassVar[str] = "pingdom"

    def defaults(self, scenario: str) -> dict[str, Any]:
        start = (int(time.time()) // TICK) * TICK - 2 * 3600
        regions = {"aws-outage": ["NA", "EU", "APAC", "LATAM"], "region-down": ["EU"]}.get(scenario, [])
        return {"outage_start": start, "down_regions": regions, "check_id": CHECK_ID, "token": None}

    # -- the simulated world -------------------------------------------------------------
    def probe_at(self, t: int) -> dict[str, Any]:
        return PROBES[(t // TICK) % len(PROBES)]

    def status_at(self, t: int, probe: dict[str, Any]) -> str:
        opts = self.options
        return "down" if t >= int(opts["outage_start"]) and probe["region"] in opts["down_regions"] else "up"

    def check_down(self, now: int) -> bool:
        return bool(self.options["down_regions"]) and now >= int(self.options["outage_start"])

    # -- the API -------------------------------------------------------------------------
    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        token = self.options.get("token")
        if token and headers.get("authorization") != f"Bearer {token}":
            return json_response(
                {"error": {"statuscode": 401, "statustype": "Unauthorized", "errormessage": "Invalid token"}}, 401
            )
        parts = [p for p in path.split("/") if p]
        while parts and parts[0] in ("api", "3.1"):
            parts = parts[1:]
        now = int(time.time())
        check_id = int(self.options["check_id"])
        if parts == ["probes"]:
            return json_response({"probes": PROBES})
        if parts == ["checks"]:
            return json_response({"checks": [self._check(now)], "counts": {"total": 1, "limited": 1, "filtered": 1}})
        if len(parts) == 2 and parts[1] != str(check_id):
            return json_response(
                {"error": {"statuscode": 403, "statustype": "Forbidden", "errormessage": "No such check"}}, 403
            )
        if len(parts) == 2 and parts[0] == "checks":
            return json_response({"check": self._check(now)})
        if len(parts) == 2 and parts[0] == "results":
            return json_response(self._results(now, query))
        if len(parts) == 2 and parts[0] == "summary.outage":
            return json_response(self._outages(now, query))
        return json_response({"error": {"statuscode": 404, "statustype": "Not Found", "errormessage": path}}, 404)

    def _check(self, now: int) -> dict[str, Any]:
        down = self.check_down(now)
        last = (now // TICK) * TICK
        return {
            "id": int(self.options["check_id"]),
            "created": int(self.options["outage_start"]) - 365 * 86400,
            "name": "kaleo-web (example)",
            "hostname": "app.example.com",
            "resolution": 1,
            "type": "http",
            "lasttesttime": last,
            "lastresponsetime": 0 if down else 182,
            "lasterrortime": last if down else int(self.options["outage_start"]) - 86400,
            "status": "down" if down else "up",
            "tags": [],
        }

    def _results(self, now: int, query: dict[str, str]) -> dict[str, Any]:
        to = int(query.get("to", now))
        start = int(query.get("from", to - 86400))
        limit = min(int(query.get("limit", 1000)), 1000)
        offset = int(query.get("offset", 0))
        wanted = {int(p) for p in query["probes"].split(",")} if query.get("probes") else None
        want_status = set(query["status"].split(",")) if query.get("status") else None
        results: list[dict[str, Any]] = []
        t = (to // TICK) * TICK
        skipped = 0
        while t >= start and len(results) < limit:
            probe = self.probe_at(t)
            status = self.status_at(t, probe)
            if (wanted is None or probe["id"] in wanted) and (want_status is None or status in want_status):
                if skipped < offset:
                    skipped += 1
                else:
                    results.append(
                        {
                            "probeid": probe["id"],
                            "time": t,
                            "status": status,
                            "responsetime": 0 if status == "down" else 180 + probe["id"],
                            "statusdesc": "OK" if status == "up" else "Timeout",
                            "statusdesclong": "OK" if status == "up" else "Timeout (> 30s)",
                        }
                    )
            t -= TICK
        return {"activeprobes": sorted({p["id"] for p in PROBES}), "results": results}

    def _outages(self, now: int, query: dict[str, str]) -> dict[str, Any]:
        to = int(query.get("to", now))
        start = int(query.get("from", to - 7 * 86400))
        outage = int(self.options["outage_start"])
        states: list[dict[str, Any]] = []
        if not self.options["down_regions"] or outage > to:
            states.append({"status": "up", "timefrom": start, "timeto": to})
        else:
            if outage > start:
                states.append({"status": "up", "timefrom": start, "timeto": outage})
            states.append({"status": "down", "timefrom": max(start, outage), "timeto": to})
        return {"summary": {"states": states}}


if __name__ == "__main__":
    PingdomStandin.main()
