"""Compute Engine API stand-in: ``instances.aggregatedList`` and ``regions.get`` (REST, v1 shapes).

Serves ``GET /compute/v1/projects/{project}/aggregated/instances`` the way the API does:
``items`` keyed by ``zones/<zone>`` with ``instances`` or a ``NO_RESULTS_ON_PAGE``
warning, pagination with ``maxResults``/``pageToken`` (``page_size`` option), and the
``filter`` parameter applied for ``labels.<key> = "<value>"`` terms joined by ``AND``.
Every query received is kept in :attr:`ComputeStandin.queries`.

``GET /compute/v1/projects/{project}/regions/{region}`` answers the region with its
``quotas`` (``metric``, ``limit``, ``usage``, ``owner``): option ``quotas``
``{metric: [limit, usage]}`` (default :data:`DEFAULT_QUOTAS`, a fresh project's small ones).

Scenarios:

* ``ok``: the Kaleo gcp stack (2 app, 1 db, 1 cache, 3 search VMs in two zones);
* ``bad-labels``: the same plus an instance with an unknown ``role`` label and a stopped one;
* ``hang``: never answers.

Option ``instances``: replace the instance list (dicts in the API's JSON shape).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from scripts.standins._http import HttpStandin, Response, json_response

API = "https://www.googleapis.com/compute/v1"
ZONES = ("us-central1-a", "us-central1-b", "us-central1-c")
_PATH = re.compile(r"^/compute/v1/projects/(?P<project>[^/]+)/aggregated/instances$")
_REGION = re.compile(r"^/compute/v1/projects/(?P<project>[^/]+)/regions/(?P<region>[a-z0-9-]+)$")
#: The regional quotas of a new project (limit, usage): enough for a few VMs, not for Kaleo.
DEFAULT_QUOTAS: dict[str, tuple[float, float]] = {
    "CPUS": (24, 0),
    "N2_CPUS": (24, 0),
    "N2D_CPUS": (24, 0),
    "C2_CPUS": (24, 0),
    "SSD_TOTAL_GB": (500, 0),
    "DISKS_TOTAL_GB": (4096, 0),
    "INSTANCES": (24, 0),
    "IN_USE_ADDRESSES": (8, 0),
}
_TERM = re.compile(r'labels\.(?P<key>[a-z0-9_-]+)\s*=\s*"?(?P<value>[^")\s]*)"?')


def instance(
    project: str,
    name: str,
    zone: str,
    role: str,
    ip: str,
    *,
    stack: str = "gcp",
    status: str = "RUNNING",
    machine_type: str = "e2-standard-4",
    labels: dict[str, str] | None = None,
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One instance in the API's JSON shape (the fields the inventory reads, plus the usual ones)."""
    zone_url = f"{API}/projects/{project}/zones/{zone}"
    return {
        "kind": "compute#instance",
        "id": str(abs(hash((project, name))) % 10**19),
        "creationTimestamp": "2026-01-05T10:00:00.000-08:00",
        "name": name,
        "machineType": f"{zone_url}/machineTypes/{machine_type}",
        "status": status,
        "zone": zone_url,
        "canIpForward": False,
        "networkInterfaces": [
            {
                "kind": "compute#networkInterface",
                "network": f"{API}/projects/{project}/global/networks/kaleo-{stack}",
                "subnetwork": f"{API}/projects/{project}/regions/{zone[:-2]}/subnetworks/kaleo-{stack}-{role}",
                "networkIP": ip,
                "name": "nic0",
                "stackType": "IPV4_ONLY",
                "fingerprint": "c2FtcGxlZnA=",
            }
        ],
        "labels": labels if labels is not None else {"app": "kaleo", "role": role, "stack": stack},
        "metadata": {
            "kind": "compute#metadata",
            "fingerprint": "bWV0YWRhdGE=",
            "items": [{"key": "enable-oslogin", "value": "TRUE"}]
            + [{"key": k, "value": v} for k, v in (metadata or {}).items()],
        },
        "selfLink": f"{zone_url}/instances/{name}",
        "deletionProtection": False,
    }


SEARCH_METADATA = {
    "kaleo-search-cluster": "kaleo-gcp",
    "kaleo-data-device": "/dev/disk/by-id/google-esdata",
    "kaleo-search-password-secret": "kaleo-gcp-search-password",
    "kaleo-search-ca-secret": "kaleo-gcp-search-ca",
}


def kaleo_stack(project: str, stack: str = "gcp") -> list[dict[str, Any]]:
    return [
        instance(project, f"kaleo-{stack}-app-0", ZONES[0], "app", "10.40.0.10", stack=stack),
        instance(project, f"kaleo-{stack}-app-1", ZONES[1], "app", "10.40.0.11", stack=stack),
        instance(
            project,
            f"kaleo-{stack}-db-0",
            ZONES[0],
            "db",
            "10.40.4.10",
            stack=stack,
            machine_type="n2-highmem-4",
            metadata={
                "kaleo-data-device": "/dev/disk/by-id/google-pgdata",
                "kaleo-db-password-secret": "kaleo-gcp-db-password",
            },
        ),
        instance(project, f"kaleo-{stack}-cache-0", ZONES[0], "cache", "10.40.4.20", stack=stack),
        instance(
            project, f"kaleo-{stack}-search-0", ZONES[0], "search", "10.40.4.30", stack=stack, metadata=SEARCH_METADATA
        ),
        instance(
            project, f"kaleo-{stack}-search-1", ZONES[1], "search", "10.40.4.31", stack=stack, metadata=SEARCH_METADATA
        ),
        instance(
            project, f"kaleo-{stack}-search-2", ZONES[2], "search", "10.40.4.32", stack=stack, metadata=SEARCH_METADATA
        ),
    ]


def _matches(inst: dict[str, Any], expr: str) -> bool:
    labels = inst.get("labels") or {}
    return all(labels.get(m["key"]) == m["value"] for m in _TERM.finditer(expr or ""))


class ComputeStandin(HttpStandin):
    service: ClassVar[str] = "compute"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "bad-labels", "hang")

    def __init__(self, scenario: str = "ok", port: int = 0, host: str = "127.0.0.1", **options: Any) -> None:
        self.queries: list[dict[str, str]] = []
        super().__init__(scenario, port, host, **options)

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"project": "kaleo-dr", "page_size": 3}

    def _instances(self, project: str) -> list[dict[str, Any]]:
        if "instances" in self.options:
            return list(self.options["instances"])
        out = kaleo_stack(project)
        if self.scenario == "bad-labels":
            out.append(instance(project, "kaleo-gcp-worker-0", ZONES[0], "worker", "10.40.0.50"))
            out.append(instance(project, "kaleo-gcp-app-2", ZONES[2], "app", "10.40.0.12", status="TERMINATED"))
        return out

    def _region(self, project: str, region: str) -> Response:
        with self.lock:
            known = self.options["project"]
            quotas = dict(self.options.get("quotas") or DEFAULT_QUOTAS)
        if project != known:
            return json_response(
                {"error": {"code": 404, "message": f"The resource 'projects/{project}' was not found"}}, 404
            )
        if not region.startswith(tuple(z[:-2] for z in ZONES)):
            msg = f"The resource 'projects/{project}/regions/{region}' was not found"
            return json_response({"error": {"code": 404, "message": msg}}, 404)
        return json_response(
            {
                "kind": "compute#region",
                "id": "1000",
                "name": region,
                "status": "UP",
                "zones": [f"{API}/projects/{project}/zones/{z}" for z in ZONES],
                "quotas": [
                    {"metric": metric, "limit": float(limit), "usage": float(usage), "owner": f"projects/{project}"}
                    for metric, (limit, usage) in quotas.items()
                ],
                "selfLink": f"{API}/projects/{project}/regions/{region}",
            }
        )

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        region = _REGION.match(path)
        if method == "GET" and region is not None:
            return self._region(region["project"], region["region"])
        match = _PATH.match(path)
        if method != "GET" or match is None:
            return json_response({"error": {"code": 404, "message": f"The resource '{path}' was not found"}}, 404)
        project = match["project"]
        with self.lock:
            self.queries.append(dict(query))
            known = self.options["project"]
            size = int(query.get("maxResults") or self.options["page_size"])
        if project != known:
            return json_response(
                {"error": {"code": 404, "message": f"The resource 'projects/{project}' was not found"}}, 404
            )
        selected = [i for i in self._instances(project) if _matches(i, query.get("filter", ""))]
        start = int(query.get("pageToken") or 0)
        page = selected[start : start + size]
        items: dict[str, Any] = {}
        for zone in ZONES:
            in_zone = [i for i in page if i["zone"].endswith("/" + zone)]
            if in_zone:
                items[f"zones/{zone}"] = {"instances": in_zone}
            else:
                items[f"zones/{zone}"] = {
                    "warning": {
                        "code": "NO_RESULTS_ON_PAGE",
                        "message": f"There are no results for scope 'zones/{zone}' on this page.",
                        "data": [{"key": "scope", "value": f"zones/{zone}"}],
                    }
                }
        body: dict[str, Any] = {
            "kind": "compute#instanceAggregatedList",
            "id": f"projects/{project}/aggregated/instances",
            "items": items,
            "selfLink": f"{API}/projects/{project}/aggregated/instances",
        }
        if start + size < len(selected):
            body["nextPageToken"] = str(start + size)
        return json_response(body)


if __name__ == "__main__":
    ComputeStandin.main()
