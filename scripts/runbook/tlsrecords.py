"""``kaleo-dr cutover --tls-records``: create the DNS-authorization records of the failover certificate, ahead.

The gcp-standby stack's Certificate Manager certificate is authorized by DNS: one
``_acme-challenge.<name>`` CNAME per public name (stack output ``dnsAuthorizationRecords``,
``{domain: [{name, type, data}]}``). Once the records exist, Google issues and renews the
certificate all year while the names still point at AWS, so HTTPS works the moment the
cutover switches them. This creates the missing records at Cloudflare, **DNS only** (never
proxied: Google must see the CNAME itself), and leaves records that are already right
alone. A record of the same name with other content is refused, not overwritten.

The records come from ``--records-json FILE`` (``pulumi stack output dnsAuthorizationRecords
--json --stack gcp-standby``) or from the stack outputs through the Automation API.
Nothing is changed without ``--yes``; ``--dry-run`` shows what would be created.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig
from scripts.output import BadInput, CheckFailed, info

OUTPUT = "dnsAuthorizationRecords"
STANDBY_STACK = "gcp-standby"


def _fqdn(name: str) -> str:
    return name.rstrip(".").lower()


def load_records(cfg: KaleoConfig, records_json: Path | None) -> list[dict[str, str]]:
    """The wanted records ``[{name, type, data}]`` from the file or the gcp-standby stack outputs."""
    if records_json is not None:
        try:
            doc: Any = json.loads(records_json.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"--records-json {records_json}: {exc}") from exc
    else:
        from scripts.cloud import stackops

        doc = stackops.outputs(STANDBY_STACK, cfg.pulumi).get(OUTPUT)
        if doc is None:
            raise BadInput(f"stack {STANDBY_STACK} has no output {OUTPUT}: pulumi up --stack {STANDBY_STACK} first")
    if isinstance(doc, dict) and OUTPUT in doc:
        doc = doc[OUTPUT]
    if not isinstance(doc, dict):
        raise BadInput(f"{OUTPUT} must map each domain to its records, got {type(doc).__name__}")
    wanted = []
    for domain, records in doc.items():
        for r in records or []:
            if not (isinstance(r, dict) and r.get("name") and r.get("type") and r.get("data")):
                raise BadInput(f"{OUTPUT}[{domain}]: each record needs name, type and data")
            wanted.append({"name": _fqdn(r["name"]), "type": str(r["type"]).upper(), "data": _fqdn(r["data"])})
    if not wanted:
        raise BadInput(f"{OUTPUT} lists no record")
    return wanted


def create_tls_records(
    cfg: KaleoConfig, records_json: Path | None, *, dry_run: bool, yes: bool, as_json: bool
) -> dict[str, Any]:
    from scripts.runbook import cutover

    wanted = load_records(cfg, records_json)
    client = cutover._client(cfg)
    results: list[dict[str, Any]] = []
    try:
        plan = []
        for w in wanted:
            found = client.list_records(w["name"])
            same = [r for r in found if r.type == w["type"] and _fqdn(r.content) == w["data"]]
            if same:
                proxied = any(r.proxied for r in same)
                status = "exists-proxied" if proxied else "exists"
                results.append({**w, "status": status})
            elif found:
                other = ", ".join(f"{r.type} {r.content}" for r in found)
                results.append({**w, "status": "conflict", "detail": f"{w['name']} already has {other}"})
            else:
                plan.append(w)
                results.append({**w, "status": "would-create" if dry_run else "to-create"})
        if plan and not dry_run:
            cutover._confirm(f"create {len(plan)} DNS-authorization record(s) (DNS only) at Cloudflare?", yes)
            for r in results:
                if r["status"] == "to-create":
                    client.create_record(
                        {"name": r["name"], "type": r["type"], "content": r["data"], "ttl": 1, "proxied": False}
                    )
                    r["status"] = "created"
                    info(f"created {r['type']} {r['name']} -> {r['data']}", as_json)
    finally:
        client.close()
    bad = [r for r in results if r["status"] in ("conflict", "exists-proxied")]
    data = {"records": results, "dry_run": dry_run}
    if bad:
        for r in bad:
            if r["status"] == "exists-proxied":
                r["detail"] = "proxied: Google cannot see the CNAME; switch it to DNS only"
        raise CheckFailed(
            "DNS-authorization records not in place: "
            + "; ".join(f"{r['name']}: {r.get('detail', r['status'])}" for r in bad),
            hint="fix them at Cloudflare (DNS only, the data of the stack output); nothing was overwritten",
        )
    return data


def render(data: dict[str, Any]) -> None:
    for r in data["records"]:
        info(f"{r['status']}: {r['type']} {r['name']} -> {r['data']}")
