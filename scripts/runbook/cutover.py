"""``kaleo-dr cutover``: switch the public DNS records at Cloudflare to GCP, and back.

Never automatic: it changes nothing without ``--yes`` or an interactive confirmation.

``--to gcp`` for every name in ``cloudflare.records`` (zone ``cloudflare.zone_id``):

1. reads the record (exactly one A or CNAME record per name; AAAA records would keep
   sending part of the traffic to AWS, so they are refused);
2. writes the records as they are (type, content, ttl, proxied) to
   ``<state.dir>/cutover/previous-records.json`` and to the incident log, *before*
   anything changes; a second run keeps the first recording;
3. lowers the TTL of unproxied records to ``cloudflare.cutover_ttl`` and waits for the
   caches holding the old TTL (``--ttl-wait`` / ``cloudflare.ttl_wait``; default the
   longest previous TTL). Proxied records are answered by Cloudflare itself, their switch
   is immediate and their TTL stays automatic;
4. points the record at the GCP load balancer IP (``--target-ip``, else
   ``cloudflare.target_ip``, else the ``pulumi.lb_ip_output`` output of the gcp stack).

``--to aws`` (failback) puts back exactly the recorded records and refuses when there is
no recording. ``--tls-records`` (before any disaster, no ``--to``) creates the DNS-authorization
CNAMEs of the standby stack's certificate instead (``scripts/runbook/tlsrecords.py``).
The API token is a secret reference (``cloudflare.api_token``, default
``env:CLOUDFLARE_API_TOKEN``) sent as a bearer token and never printed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.markup import escape as esc

from scripts.cliapp import JsonOpt, get_config
from scripts.config import KaleoConfig, resolve_secret
from scripts.output import BadInput, CheckFailed, console, emit, info

STATE_SUBDIR = "cutover"
STATE_FILE = "previous-records.json"
SWITCHED_TYPES = ("A", "CNAME")
AUTO_TTL_SECONDS = 300  # what Cloudflare serves for ttl=1 (automatic) on unproxied records


@dataclass(frozen=True)
class DnsRecord:
    id: str
    name: str
    type: str
    content: str
    ttl: int
    proxied: bool

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> DnsRecord:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            type=str(data["type"]),
            content=str(data["content"]),
            ttl=int(data["ttl"]),
            proxied=bool(data.get("proxied", False)),
        )

    def effective_ttl(self) -> int:
        return AUTO_TTL_SECONDS if self.ttl == 1 else self.ttl


class CloudflareClient:
    """The few Cloudflare API v4 DNS calls cutover needs, with clear errors."""

    def __init__(self, api_url: str, token: str, zone_id: str, timeout: float = 10.0) -> None:
        import httpx

        self.zone_id = zone_id
        self.api_url = api_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.api_url,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            timeout=timeout,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        try:
            resp = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise CheckFailed(
                f"Cloudflare API at {self.api_url} did not answer {method} {path}: {exc}",
                hint="check cloudflare.api_url and the network",
            ) from exc
        try:
            body = resp.json()
        except ValueError:
            body = {}
        errors = body.get("errors") or [] if isinstance(body, dict) else []
        detail = "; ".join(f"{e.get('code')}: {e.get('message')}" for e in errors if isinstance(e, dict))
        if resp.status_code in (401, 403):
            raise BadInput(
                f"Cloudflare refused the API token ({resp.status_code} {detail or 'unauthorized'})",
                hint="the token of cloudflare.api_token needs Zone:DNS:Edit on the zone",
            )
        if resp.status_code >= 400 or not (isinstance(body, dict) and body.get("success")):
            raise CheckFailed(f"Cloudflare {method} {path} failed ({resp.status_code}): {detail or resp.text[:300]}")
        return body.get("result")

    def list_records(self, name: str) -> list[DnsRecord]:
        result = self._call("GET", f"/zones/{self.zone_id}/dns_records", params={"name": name, "per_page": 100})
        return [DnsRecord.from_api(r) for r in result or []]

    def get_record(self, record_id: str) -> DnsRecord:
        return DnsRecord.from_api(self._call("GET", f"/zones/{self.zone_id}/dns_records/{record_id}"))

    def create_record(self, fields: dict[str, Any]) -> DnsRecord:
        return DnsRecord.from_api(self._call("POST", f"/zones/{self.zone_id}/dns_records", json=fields))

    def patch_record(self, record_id: str, fields: dict[str, Any]) -> DnsRecord:
        result = self._call("PATCH", f"/zones/{self.zone_id}/dns_records/{record_id}", json=fields)
        return DnsRecord.from_api(result)


# -- recorded previous state ---------------------------------------------------------------


def state_path(config: KaleoConfig) -> Path:
    return config.state.dir / STATE_SUBDIR / STATE_FILE


def load_previous(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"{path}: the recorded previous DNS records cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise BadInput(f"{path}: not a recording of previous DNS records")
    return data


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    from scripts.state import private_file

    tmp = private_file(path.with_suffix(".tmp"))
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def _log_event(config: KaleoConfig, payload: dict[str, Any]) -> None:
    """Record the cutover in the incident log (current incident if one is open)."""
    from scripts.runbook.incident import IncidentLog

    with IncidentLog.open(config.state.incident_log_path()) as log:
        current = log.current_incident()
        log.record("note", {"cutover": payload}, current.id if current else None)


# -- target IP -----------------------------------------------------------------------------


def resolve_target_ip(config: KaleoConfig, flag: str | None) -> str:
    value = flag or config.cloudflare.target_ip
    source = "--target-ip" if flag else "cloudflare.target_ip"
    if not value:
        from scripts.cloud import stackops

        try:
            outputs = stackops.outputs(config.pulumi.gcp_stack, config.pulumi)
        except CheckFailed as exc:
            raise BadInput(
                f"the GCP load balancer IP comes from the outputs of stack '{config.pulumi.gcp_stack}', "
                f"which cannot be read: {exc.message}",
                hint="pass --target-ip (the gcp stack's load balancer address) or set cloudflare.target_ip",
            ) from exc
        value = outputs.get(config.pulumi.lb_ip_output)
        source = f"output {config.pulumi.lb_ip_output} of stack {config.pulumi.gcp_stack}"
        if not value:
            raise BadInput(f"the gcp stack has no output '{config.pulumi.lb_ip_output}'", hint="pass --target-ip")
    try:
        ip = ipaddress.ip_address(str(value))
    except ValueError as exc:
        raise BadInput(f"{source}: '{value}' is not an IP address") from exc
    if ip.version != 4:
        raise BadInput(f"{source}: {ip} is not an IPv4 address (the cutover writes A records)")
    return str(ip)


# -- the cutover itself --------------------------------------------------------------------


def _client(config: KaleoConfig) -> CloudflareClient:
    cf = config.cloudflare
    if not cf.zone_id:
        raise BadInput("cloudflare.zone_id is not set", hint="set it in kaleo-dr.yaml (Cloudflare zone id)")
    token = resolve_secret(cf.api_token, "cloudflare.api_token")
    return CloudflareClient(cf.api_url, token, cf.zone_id, cf.timeout)


def _one_switched_record(client: CloudflareClient, name: str) -> DnsRecord:
    found = client.list_records(name)
    aaaa = [r for r in found if r.type == "AAAA"]
    if aaaa:
        raise BadInput(
            f"{name} has AAAA records ({', '.join(r.content for r in aaaa)}) that would keep sending traffic to AWS",
            hint="remove the AAAA records at Cloudflare first, or leave this name out of cloudflare.records",
        )
    switched = [r for r in found if r.type in SWITCHED_TYPES]
    if not switched:
        raise CheckFailed(f"no A or CNAME record named {name} in zone {client.zone_id}")
    if len(switched) > 1:
        raise BadInput(
            f"{name} has {len(switched)} A/CNAME records; the cutover switches exactly one record per name",
            hint="keep one record per name in cloudflare.records",
        )
    return switched[0]


def _confirm(message: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise BadInput("the DNS cutover is never automatic: pass --yes to confirm", hint=message)
    if not typer.confirm(message, default=False):
        raise CheckFailed("cutover cancelled; nothing was changed")


def cutover_to_gcp(
    config: KaleoConfig,
    target_ip: str,
    *,
    dry_run: bool = False,
    yes: bool = False,
    ttl_wait: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    as_json: bool = False,
    confirm: Callable[[str, bool], None] = _confirm,
) -> dict[str, Any]:
    cf = config.cloudflare
    if not cf.records:
        raise BadInput("cloudflare.records is empty: list the public DNS names to switch")
    path = state_path(config)
    saved = load_previous(path)
    client = _client(config)
    try:
        current = {name: _one_switched_record(client, name) for name in cf.records}
        previous: dict[str, DnsRecord] = {}
        if saved and saved.get("status") == "cut-over":
            previous = {r["name"]: DnsRecord(**r) for r in saved["records"]}
        for name, record in current.items():
            if name in previous:
                continue
            if record.type == "A" and record.content == target_ip:
                raise CheckFailed(
                    f"{name} already points at {target_ip} but no previous record is recorded for it",
                    hint=f"failback would not know where to go; check {path}",
                )
            previous[name] = record
        changes: list[dict[str, Any]] = [
            {
                "name": name,
                "from": asdict(rec),
                "to": {
                    "type": "A",
                    "content": target_ip,
                    "proxied": rec.proxied,
                    "ttl": 1 if rec.proxied else cf.cutover_ttl,
                },
                "unchanged": rec.type == "A" and rec.content == target_ip,
            }
            for name, rec in current.items()
        ]
        result: dict[str, Any] = {
            "to": "gcp",
            "target_ip": target_ip,
            "dry_run": dry_run,
            "state_file": str(path),
            "changes": changes,
        }
        if dry_run:
            return result
        confirm(f"Point {', '.join(cf.records)} at {target_ip} (GCP)?", yes)

        # 1. record what is there, before changing anything
        recording = {
            "zone_id": client.zone_id,
            "status": "cut-over",
            "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            "target_ip": target_ip,
            "records": [asdict(previous[name]) for name in cf.records],
        }
        if not (
            saved and saved.get("status") == "cut-over" and set(cf.records) <= {r["name"] for r in saved["records"]}
        ):
            _write_atomic(path, recording)
        _log_event(config, {"phase": "recorded", **recording})

        # 2. lower the TTL of unproxied records and wait for caches
        lowered = []
        for rec in current.values():
            if not rec.proxied and rec.ttl != cf.cutover_ttl and not (rec.type == "A" and rec.content == target_ip):
                client.patch_record(rec.id, {"ttl": cf.cutover_ttl})
                lowered.append(rec)
        wait = ttl_wait if ttl_wait is not None else cf.ttl_wait
        if wait is None:
            wait = float(max((r.effective_ttl() for r in lowered), default=0))
        if lowered and wait > 0:
            info(f"TTL lowered to {cf.cutover_ttl}s on {len(lowered)} record(s); waiting {wait:.0f}s", as_json)
            sleep(wait)
        result["ttl_lowered"] = [r.name for r in lowered]
        result["ttl_wait_seconds"] = wait if lowered else 0

        # 3. switch
        after = []
        for change in changes:
            rec = current[change["name"]]
            if change["unchanged"]:
                after.append(rec)
                continue
            fields: dict[str, Any] = {"type": "A", "content": target_ip}
            if not rec.proxied:
                fields["ttl"] = cf.cutover_ttl
            after.append(client.patch_record(rec.id, fields))
            info(esc(f"{rec.name}: {rec.type} {rec.content} -> A {target_ip}"), as_json)
        wrong = [r.name for r in after if not (r.type == "A" and r.content == target_ip)]
        if wrong:
            raise CheckFailed(f"Cloudflare does not show the new address for {', '.join(wrong)}")
        result["after"] = [asdict(r) for r in after]
        _log_event(config, {"phase": "switched", "to": "gcp", "target_ip": target_ip, "records": cf.records})
        return result
    finally:
        client.close()


def cutover_to_aws(
    config: KaleoConfig,
    *,
    dry_run: bool = False,
    yes: bool = False,
    as_json: bool = False,
    confirm: Callable[[str, bool], None] = _confirm,
) -> dict[str, Any]:
    path = state_path(config)
    saved = load_previous(path)
    if saved is None or saved.get("status") != "cut-over":
        raise BadInput(
            f"no recorded previous DNS records at {path}: refusing to guess the AWS records",
            hint="failback restores what 'kaleo-dr cutover --to gcp' recorded; restore by hand at Cloudflare otherwise",
        )
    previous = [DnsRecord(**r) for r in saved["records"]]
    client = _client(config)
    try:
        if saved.get("zone_id") and saved["zone_id"] != client.zone_id:
            raise BadInput(f"{path} was recorded for zone {saved['zone_id']}, not cloudflare.zone_id {client.zone_id}")
        now = [client.get_record(r.id) for r in previous]
        changes: list[dict[str, Any]] = [
            {"name": p.name, "from": asdict(c), "to": asdict(p), "unchanged": c == p}
            for p, c in zip(previous, now, strict=True)
        ]
        result: dict[str, Any] = {"to": "aws", "dry_run": dry_run, "state_file": str(path), "changes": changes}
        if dry_run:
            return result
        confirm(f"Restore {', '.join(p.name for p in previous)} to the recorded AWS records?", yes)
        after = []
        for prev, cur in zip(previous, now, strict=True):
            if prev == cur:
                after.append(cur)
                continue
            fields: dict[str, Any] = {"type": prev.type, "content": prev.content, "proxied": prev.proxied}
            fields["ttl"] = 1 if prev.proxied else prev.ttl
            after.append(client.patch_record(prev.id, fields))
            info(esc(f"{prev.name}: {cur.type} {cur.content} -> {prev.type} {prev.content} (ttl {prev.ttl})"), as_json)
        wrong = [a.name for a, p in zip(after, previous, strict=True) if a != p]
        if wrong:
            raise CheckFailed(f"Cloudflare does not show the recorded records for {', '.join(wrong)}")
        result["after"] = [asdict(r) for r in after]
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        done = path.with_name(f"previous-records.restored-{stamp}.json")
        _write_atomic(done, {**saved, "status": "restored", "restored_at": dt.datetime.now(dt.UTC).isoformat()})
        path.unlink()
        result["state_file"] = str(done)
        _log_event(config, {"phase": "restored", "to": "aws", "records": [p.name for p in previous]})
        return result
    finally:
        client.close()


def run_cutover(
    config: KaleoConfig,
    to: Literal["gcp", "aws"],
    *,
    target_ip: str | None = None,
    dry_run: bool = False,
    yes: bool = False,
    ttl_wait: float | None = None,
    as_json: bool = False,
) -> dict[str, Any]:
    if to == "gcp":
        ip = resolve_target_ip(config, target_ip)
        return cutover_to_gcp(config, ip, dry_run=dry_run, yes=yes, ttl_wait=ttl_wait, as_json=as_json)
    if to == "aws":
        if target_ip:
            raise BadInput("--target-ip only applies to --to gcp; failback restores the recorded records")
        return cutover_to_aws(config, dry_run=dry_run, yes=yes, as_json=as_json)
    raise BadInput(f"--to must be gcp or aws, not {to!r}")


def _render(data: dict[str, Any]) -> None:
    verb = "would change" if data["dry_run"] else "changed"
    console.print(f"[bold]DNS cutover to {data['to'].upper()}[/] ({'dry run' if data['dry_run'] else 'done'})")
    for ch in data["changes"]:
        f, t = ch["from"], ch["to"]
        mark = "unchanged" if ch["unchanged"] else verb
        console.print(
            f"  {esc(ch['name'])}: {f['type']} {esc(f['content'])} ttl={f['ttl']} proxied={f['proxied']}"
            f"  ->  {t['type']} {esc(t['content'])} ttl={t['ttl']} proxied={t['proxied']}  ({mark})"
        )
    console.print(f"previous records: {data['state_file']}")


def register(app: typer.Typer) -> None:
    @app.command("cutover")
    def cutover_cmd(
        to: Annotated[
            str | None, typer.Option("--to", help="gcp: switch to the GCP load balancer; aws: failback.")
        ] = None,
        target_ip: Annotated[
            str | None, typer.Option("--target-ip", help="GCP load balancer IPv4 (default: gcp stack output).")
        ] = None,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the changes; change nothing.")] = False,
        yes: Annotated[
            bool, typer.Option("--yes", help="Confirm without a prompt (never automatic otherwise).")
        ] = False,
        ttl_wait: Annotated[
            float | None,
            typer.Option("--ttl-wait", help="Seconds to wait after lowering the TTL (default: longest old TTL)."),
        ] = None,
        tls_records: Annotated[
            bool,
            typer.Option(
                "--tls-records",
                help="Instead: create the failover certificate's DNS-authorization records, before any disaster.",
            ),
        ] = False,
        records_json: Annotated[
            Path | None,
            typer.Option("--records-json", help="With --tls-records: the gcp-standby output dnsAuthorizationRecords."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Switch the public DNS records at Cloudflare to GCP (--to gcp) or back to AWS (--to aws).

        The previous records are recorded before anything changes; --to aws restores them exactly.
        --tls-records (ahead of time, no --to): create the _acme-challenge CNAMEs that let the standby stack's
        certificate be issued and renewed all year, DNS only; existing right records are left alone.
        """
        if tls_records:
            from scripts.runbook.tlsrecords import create_tls_records

            if to is not None:
                raise BadInput("--tls-records prepares TLS ahead of time; it does not take --to")
            from scripts.runbook.tlsrecords import render

            result = create_tls_records(get_config(), records_json, dry_run=dry_run, yes=yes, as_json=as_json)
            emit(result, as_json, render)
            return
        if to not in ("gcp", "aws"):
            raise BadInput(f"--to must be 'gcp' or 'aws', not '{to}'")
        if ttl_wait is not None and ttl_wait < 0:
            raise BadInput("--ttl-wait must be >= 0")
        data = run_cutover(
            get_config(),
            "gcp" if to == "gcp" else "aws",
            target_ip=target_ip,
            dry_run=dry_run,
            yes=yes,
            ttl_wait=ttl_wait,
            as_json=as_json,
        )
        emit(data, as_json, _render)
