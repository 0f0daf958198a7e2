"""Statuspage API v2 stand-in (the shape of https://www.cloudflarestatus.com/api/v2).

Serves ``/summary.json``, ``/status.json``, ``/components.json`` and
``/incidents/unresolved.json``. Components follow Cloudflare's layout: core services
(CDN/Cache, DNS Root Servers, Authoritative DNS...) and regional groups of edge
locations. Scenarios:

* ``ok``, ``aws-outage``, ``region-down``: Cloudflare itself is fine;
* ``edge-down``: one edge location in partial outage (not a Cloudflare outage);
* ``cloudflare-outage``: CDN/Cache and several edges in major outage, a major incident open;
* ``hang``: never answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response, json_response

CORE = ["CDN/Cache", "DNS Root Servers", "Authoritative DNS", "Cloudflare API", "SSL Certificate Provisioning"]
EDGES = {
    "North America": [
        "Ashburn, VA, United States - (IAD)",
        "Dallas, TX, United States - (DFW)",
        "Chicago, IL, United States - (ORD)",
    ],
    "Europe": ["London, United Kingdom - (LHR)", "Frankfurt, Germany - (FRA)", "Amsterdam, Netherlands - (AMS)"],
    "Asia": ["Tokyo, Japan - (NRT)", "Singapore, Singapore - (SIN)"],
}


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StatuspageStandin(HttpStandin):
    service: ClassVar[str] = "statuspage"
    scenarios: ClassVar[tuple[str, ...]] = (
        "ok",
        "aws-outage",
        "region-down",
        "hang",
        "edge-down",
        "cloudflare-outage",
    )

    def defaults(self, scenario: str) -> dict[str, Any]:
        broken: dict[str, str] = {}
        incidents: list[dict[str, str]] = []
        if scenario == "edge-down":
            broken = {"Frankfurt, Germany - (FRA)": "partial_outage"}
        elif scenario == "cloudflare-outage":
            broken = {
                "CDN/Cache": "major_outage",
                "Ashburn, VA, United States - (IAD)": "major_outage",
                "London, United Kingdom - (LHR)": "major_outage",
                "Tokyo, Japan - (NRT)": "partial_outage",
            }
            incidents = [{"name": "Cloudflare network performance issues", "impact": "major"}]
        return {"broken": broken, "incidents": incidents}

    def _components(self, now: dt.datetime) -> list[dict[str, Any]]:
        broken: dict[str, str] = self.options["broken"]
        comps: list[dict[str, Any]] = []
        n = 0

        def comp(name: str, group_id: str | None, group: bool, status: str) -> dict[str, Any]:
            nonlocal n
            n += 1
            return {
                "id": f"cmp{n:04d}",
                "name": name,
                "status": status,
                "created_at": "2014-10-09T03:32:07.158Z",
                "updated_at": _iso(now),
                "position": n,
                "description": None,
                "showcase": False,
                "group_id": group_id,
                "page_id": "yh6f0r4529hb",
                "group": group,
                "only_show_if_degraded": False,
            }

        for name in CORE:
            comps.append(comp(name, None, False, broken.get(name, "operational")))
        for region, edges in EDGES.items():
            group = comp(region, None, True, "operational")
            children = [comp(e, group["id"], False, broken.get(e, "operational")) for e in edges]
            if any(c["status"] != "operational" for c in children):
                group["status"] = "degraded_performance"
            group["components"] = [c["id"] for c in children]
            comps.append(group)
            comps.extend(children)
        return comps

    def _incidents(self, now: dt.datetime) -> list[dict[str, Any]]:
        out = []
        for i, spec in enumerate(self.options["incidents"]):
            out.append(
                {
                    "id": f"inc{i:04d}",
                    "name": spec["name"],
                    "status": spec.get("status", "investigating"),
                    "impact": spec.get("impact", "major"),
                    "created_at": _iso(now - dt.timedelta(minutes=40)),
                    "updated_at": _iso(now),
                    "monitoring_at": None,
                    "resolved_at": None,
                    "shortlink": "https://stspg.io/example",
                    "page_id": "yh6f0r4529hb",
                    "incident_updates": [
                        {
                            "status": "investigating",
                            "body": "We are investigating.",
                            "created_at": _iso(now - dt.timedelta(minutes=40)),
                        }
                    ],
                    "components": [],
                }
            )
        return out

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        now = dt.datetime.now(dt.UTC)
        page = {
            "id": "yh6f0r4529hb",
            "name": "Cloudflare (example stand-in)",
            "url": "https://www.cloudflarestatus.com",
            "time_zone": "Etc/UTC",
            "updated_at": _iso(now),
        }
        comps = self._components(now)
        incidents = self._incidents(now)
        worst = max((i["impact"] for i in incidents), key=["none", "minor", "major", "critical"].index, default="none")
        if worst == "none" and any(c["status"] != "operational" for c in comps):
            worst = "minor"
        desc = {
            "none": "All Systems Operational",
            "minor": "Minor Service Outage",
            "major": "Partial System Outage",
            "critical": "Major Service Outage",
        }[worst]
        status = {"indicator": worst, "description": desc}
        path = path.rstrip("/")
        if path.endswith("/summary.json"):
            return json_response(
                {
                    "page": page,
                    "status": status,
                    "components": comps,
                    "incidents": incidents,
                    "scheduled_maintenances": [],
                }
            )
        if path.endswith("/status.json"):
            return json_response({"page": page, "status": status})
        if path.endswith("/components.json"):
            return json_response({"page": page, "components": comps})
        if path.endswith("/incidents/unresolved.json"):
            return json_response({"page": page, "incidents": incidents})
        return json_response({"error": "not found"}, 404)


if __name__ == "__main__":
    StatuspageStandin.main()
