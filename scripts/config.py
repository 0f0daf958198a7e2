"""The one configuration model of ``kaleo-dr``: ``kaleo-dr.yaml``.

Every key is optional unless marked otherwise, so a command whose flags give all it
needs works without a file. Unknown keys are errors (``extra="forbid"``) so that a typo
never silently falls back to a default during an outage. Secrets are never written
inline: a secret is a reference, ``env:NAME`` or ``file:/path``, resolved at the
moment it is needed and never printed.

Every external endpoint (status pages, Pingdom, Cloudflare, SMTP, AWS, GCS) is a key
here so that tests and rehearsals can point it at a local stand-in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from scripts.output import BadInput

DEFAULT_CONFIG_NAME = "kaleo-dr.yaml"
CONFIG_ENV = "KALEO_DR_CONFIG"


def _check_secret_ref(value: str) -> str:
    if value.startswith("env:") and len(value) > 4:
        return value
    if value.startswith("file:") and len(value) > 5:
        return value
    raise ValueError("secrets are references, never inline values: use 'env:VARIABLE' or 'file:/path/to/secret'")


SecretRef = Annotated[str, AfterValidator(_check_secret_ref)]


def resolve_secret(ref: str, what: str) -> str:
    """Return the secret behind ``env:NAME`` or ``file:/path``; the error names the reference, not the value."""
    _check_secret_ref(ref)
    kind, _, target = ref.partition(":")
    if kind == "env":
        value = os.environ.get(target)
        if not value:
            raise BadInput(f"{what}: environment variable {target} is not set", hint=f"export {target}=...")
        return value
    path = Path(target).expanduser()
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise BadInput(f"{what}: cannot read secret file {path}: {exc.strerror}") from exc


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class StateSettings(Section):
    """Where the toolkit keeps its own state (incident log, journals, reports)."""

    dir: Path = Field(Path("kaleo-dr-state"), description="state folder; keep it outside AWS")
    incident_log: Path | None = Field(None, description="SQLite incident log (default: <dir>/incidents.sqlite)")

    def incident_log_path(self) -> Path:
        return self.incident_log or self.dir / "incidents.sqlite"


class AwsSettings(Section):
    region: str = "us-east-1"
    endpoint_url: str | None = Field(None, description="override every AWS API endpoint (moto, tests)")
    connect_timeout: float = 3.0
    read_timeout: float = 5.0
    max_attempts: int = 2
    rds_instance: str | None = None
    s3_buckets: list[str] = Field(default_factory=list)
    s3_canary_key: str | None = None
    elasticache_group: str | None = None
    opensearch_domain: str | None = None
    ec2_tag_filter: dict[str, str] = Field(default_factory=lambda: {"app": "kaleo"})


class GcpSettings(Section):
    project: str | None = None
    region: str = "us-central1"
    zone: str = "us-central1-a"
    storage_endpoint: str | None = Field(None, description="GCS endpoint override (emulator)")
    credentials_file: Path | None = None


class BackupSettings(Section):
    to: str | None = Field(None, description="primary backup location URL (gs://, s3://, file://)")
    also_to: list[str] = Field(default_factory=list)
    jobs: int = 2
    max_age: str = Field("26h", description="backup freshness limit (RPO): 90m, 26h, 2d")
    source_dsn: str | None = Field(None, description="DSN without password (PGPASSWORD/PGPASSFILE)")
    source_password: SecretRef | None = Field(None, description="database password reference (env:/file:)")
    compression: str = Field("gzip:1", description="pg_dump compression: none, gzip, gzip:1..9 (measured: gzip:1)")
    pg_bin: Path | None = Field(None, description="folder with pg_dump/pg_restore (default: matching the server)")
    rds_instance: str | None = Field(None, description="RDS instance whose newest snapshot is dumped")
    connect_host: str | None = Field(None, description="reach the temporary RDS instance through this host (tunnel)")
    connect_port: int | None = Field(None, description="port of that tunnel")
    rds_ca_bundle: Path | None = Field(
        None, description="RDS CA bundle (global-bundle.pem): the temporary instance is verified (verify-full)"
    )
    work_dir: Path | None = Field(None, description="scratch folder for the dump (needs room for one dump)")
    signing_key: SecretRef | None = Field(
        None, description="Ed25519 private key (PEM) signing each manifest; only on the machine making backups"
    )
    public_key: str | None = Field(
        None, description="Ed25519 public key verifying manifests (base64 of 32 bytes, PEM, or file:/path.pem)"
    )
    require_signature: bool | None = Field(
        None, description="refuse unsigned backups (default: on once public_key is set); badly signed: always"
    )


class RestoreSettings(Section):
    from_url: str | None = Field(None, alias="from", description="backup location URL (default: backup.to)")
    target_dsn: str | None = Field(None, description="target database DSN without password")
    password: SecretRef | None = Field(None, description="target password reference (env:NAME / file:/path)")
    jobs: int = Field(2, ge=1, description="parallel restore jobs")
    no_owner: bool = Field(
        False, description="skip object ownership (only for backups made before roles were shipped, roles missing)"
    )
    role_passwords: dict[str, str] = Field(
        default_factory=dict,
        description="role -> its password: a Secret Manager secret (name or projects/P/secrets/S/versions/N, "
        "read with secrets.project/endpoint) or an env:/file: reference; set when the backup's roles are applied",
    )
    work_dir: Path | None = Field(None, description="scratch folder for the downloaded dump (default: system temp)")
    maintenance_work_mem: str = Field("512MB", description="session setting for index builds during the restore")
    work_mem: str = Field("64MB", description="session setting for constraint checks during the restore")
    spool_memory_mb: int = Field(
        512, ge=0, description="downloaded table data waiting to load is kept in memory up to this size, then on disk"
    )
    spool_disk_mb: int | None = Field(
        None,
        ge=0,
        description="at most this much of it on disk in work_dir, downloads wait when both are full "
        "(default: half the free space of work_dir)",
    )


class StatusPageSettings(Section):
    url: str
    timeout: float = 5.0


class PingdomSettings(Section):
    api_url: str = "https://api.pingdom.com/api/3.1"
    token: SecretRef | None = Field(None, description="Pingdom API 3.1 bearer token (env:/file: reference)")
    check_ids: list[int] = Field(default_factory=list, description="checks to read (default: every check)")
    timeout: float = Field(5.0, gt=0, description="seconds per Pingdom API call")


def _check_host_port(value: str) -> str:
    host, sep, port = value.rpartition(":")
    if sep and (not host or not port.isdigit() or not 0 < int(port) < 65536):
        raise ValueError(f"'{value}' is not 'host' or 'host:port'")
    return value


HostPort = Annotated[str, AfterValidator(_check_host_port)]


class DnsSettings(Section):
    names: list[str] = Field(default_factory=list, description="service names resolved through every resolver")
    resolvers: list[HostPort] = Field(
        default_factory=lambda: ["1.1.1.1", "8.8.8.8", "9.9.9.9"], description="'host' or 'host:port'"
    )
    port: int = Field(53, description="port of resolvers given without one")
    zone: str | None = Field(None, description="zone whose SOA serial is compared across authoritative servers")
    authoritative: list[HostPort] = Field(
        default_factory=list, description="authoritative servers 'host[:port]' (default: the zone's NS records)"
    )
    timeout: float = Field(3.0, gt=0)


class VantageResolver(Section):
    address: HostPort = Field(description="public resolver 'host' or 'host:port', asked over UDP and over TCP")
    provider: str = Field(description="who runs it; the vantage check counts distinct providers")


class VantageEndpoint(Section):
    url: str = Field(description="an HTTPS endpoint made for connectivity checks")
    provider: str = Field(description="who runs it; the vantage check counts distinct providers")
    expect_status: int = Field(204, description="the HTTP status it answers when the Internet is really reached")
    expect_body: str | None = Field(
        None, description="text the answer must contain (a captive portal or a proxy answers something else)"
    )


def _default_vantage_resolvers() -> list[VantageResolver]:
    return [
        VantageResolver(address="1.1.1.1", provider="cloudflare"),
        VantageResolver(address="8.8.8.8", provider="google"),
        VantageResolver(address="9.9.9.9", provider="quad9"),
    ]


def _default_vantage_https() -> list[VantageEndpoint]:
    return [
        VantageEndpoint(url="https://www.gstatic.com/generate_204", provider="google"),
        VantageEndpoint(url="https://cp.cloudflare.com/generate_204", provider="cloudflare"),
        VantageEndpoint(
            url="https://captive.apple.com/hotspot-detect.html",
            provider="apple",
            expect_status=200,
            expect_body="Success",
        ),
    ]


class VantageSettings(Section):
    """Can this machine see the Internet at all? Checked before any provider is blamed."""

    resolvers: list[VantageResolver] = Field(default_factory=_default_vantage_resolvers)
    dns_name: str = Field(
        "a.root-servers.net", description="a name every resolver can answer, unrelated to Kaleo's own names"
    )
    https: list[VantageEndpoint] = Field(default_factory=_default_vantage_https)
    min_providers: int = Field(
        2, ge=1, description="distinct providers that must answer, over DNS and over HTTPS, for a clear view"
    )
    timeout: float = Field(3.0, gt=0, description="seconds per vantage probe")


class TriageSettings(Section):
    aws_status_url: str = "https://status.aws.amazon.com/rss"
    aws_status_feeds: list[str] = Field(
        default_factory=lambda: ["rds-us-east-1", "ec2-us-east-1", "s3-us-east-1"],
        description="per-service, per-region RSS feed names",
    )
    cloudflare_status_url: str = "https://www.cloudflarestatus.com/api/v2"
    cloudflare_edge_threshold: int = Field(
        2, ge=1, description="edge locations down at once before Cloudflare counts as degraded"
    )
    pingdom: PingdomSettings = Field(default_factory=PingdomSettings)
    dns: DnsSettings = Field(default_factory=DnsSettings)
    http_probes: list[str] = Field(default_factory=list)
    aws_resources: bool = Field(True, description="check Kaleo's own AWS resources through the AWS APIs")
    timeout: float = Field(5.0, gt=0, description="seconds per status-page and HTTP probe request")
    grace: float = Field(1.0, ge=0, description="extra seconds a check may take beyond its own timeout")
    vantage: VantageSettings = Field(default_factory=VantageSettings)


class DeclareSettings(Section):
    outage_minutes: int = Field(30, ge=1, description="minutes DOWN before the monitoring rule fires")
    min_regions: int = Field(2, ge=1, description="distinct Pingdom probe regions that must confirm DOWN")
    min_customer_reports: int = Field(3, ge=1, description="distinct customers whose reports declare")
    rebuild_gate_hours: int = Field(24, ge=0, description="hours of Amazon outage before the GCP rebuild")
    lookback_hours: float = Field(6.0, gt=0, description="how far back Pingdom results are read")


class SmtpSettings(Section):
    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False
    username: str | None = None
    password: SecretRef | None = None
    timeout: float = 10.0
    ca_file: Path | None = Field(
        None, description="PEM CA bundle the relay's certificate is verified against (default: the system's CAs)"
    )


class NotifySettings(Section):
    sender: str | None = Field(None, description="From: address (never a sender hosted on AWS)")
    reply_to: str | None = None
    company: str = "Kaleo"
    status_page_url: str | None = None
    smtp: SmtpSettings | None = None
    fallback_smtp: SmtpSettings | None = None
    rate_per_second: float = Field(20.0, ge=0, description="messages per second; 0 = no limit")
    connections: int = Field(4, ge=1, le=16, description="persistent SMTP connections used in parallel")
    cadence_minutes: int = Field(60, ge=1)
    templates_dir: Path | None = None


class ContactsSettings(Section):
    contacts_file: Path = Path("contacts.yaml")
    customers_file: Path = Path("customers.csv")
    default_region: str = Field("US", description="region for phone numbers written without +country code")


class CloudflareSettings(Section):
    api_url: str = "https://api.cloudflare.com/client/v4"
    api_token: SecretRef = "env:CLOUDFLARE_API_TOKEN"
    zone_id: str | None = None
    records: list[str] = Field(default_factory=list, description="public DNS names switched on cutover")
    cutover_ttl: int = Field(60, ge=60, le=86400, description="TTL set on the records before they are switched")
    ttl_wait: float | None = Field(
        None, ge=0, description="seconds to wait after lowering the TTL (default: the longest previous TTL)"
    )
    target_ip: str | None = Field(None, description="GCP load balancer IP (default: the gcp stack output)")
    timeout: float = Field(10.0, gt=0, description="seconds per Cloudflare API call")


class PulumiSettings(Section):
    project_dir: Path = Path()
    backend_url: str | None = Field(None, description="gs:// backend or Pulumi Cloud; never on AWS")
    gcp_stack: str = "gcp"
    aws_stack: str = "aws"
    lb_ip_output: str = Field("loadBalancerIp", description="gcp stack output holding the load balancer IP")


class SmokeSettings(Section):
    """Smoke tests after a failover; each check is skipped (with the reason) when its endpoint is not set."""

    http_url: str | None = Field(None, description="health URL through the GCP load balancer")
    http_expect_status: int = 200
    db_dsn: str | None = Field(None, description="restored database DSN (default: restore.target_dsn)")
    db_tables: list[str] = Field(default_factory=list, description="tables whose row counts are sampled")
    redis_url: str | None = Field(None, description="redis://host:port")
    search_url: str | None = Field(None, description="GCP OpenSearch cluster URL, https://host:9200 (cluster health)")
    timeout: float = Field(5.0, gt=0)


class FailoverSettings(Section):
    steps: list[str] | None = Field(
        None, description="failover step names in order (default: the runbook order; see kaleo-dr failover --help)"
    )
    backup_max_age: str | None = Field(None, description="oldest acceptable backup (default: backup.max_age)")
    hold_file: Path | None = Field(None, description="rehearsal step 'hold' waits until this file exists")
    hold_timeout: float = Field(3600.0, gt=0, description="seconds the 'hold' step waits")
    smoke: SmokeSettings = Field(default_factory=SmokeSettings)


class StandbySettings(Section):
    """``kaleo-dr standby``: a logically replicated copy of production on the GCP database VM."""

    source_dsn: str | None = Field(None, description="production (RDS) DSN as kaleo-dr reaches it, without password")
    source_password: SecretRef | None = Field(None, description="production password reference (env:/file:)")
    standby_dsn: str | None = Field(None, description="standby database DSN (GCP database VM), without password")
    standby_password: SecretRef | None = Field(None, description="standby password reference (env:/file:)")
    subscription_dsn: str | None = Field(
        None, description="production DSN as the standby server reaches it over the VPN (default: source_dsn)"
    )
    subscription_passfile: str | None = Field(
        None, description="pgpass file ON THE STANDBY SERVER holding the replication password (never in the catalog)"
    )
    sslmode: Literal["verify-full", "verify-ca", "require", "disable"] = Field(
        "verify-full", description="TLS of the replication connection; only loopback sources may go without"
    )
    sslrootcert: str | None = Field(None, description="CA bundle on the standby server (the RDS CA) for verify-full")
    publication: str = Field("kaleo_dr", description="publication on production")
    subscription: str = Field("kaleo_dr_standby", description="subscription on the standby (and its slot's name)")
    schemas: list[str] = Field(default_factory=list, description="schemas replicated (empty: every table)")
    max_lag: str = Field("5m", description="oldest acceptable last receipt at failover, and status threshold")
    max_lag_bytes: str = Field("1GB", description="status threshold on the WAL not yet confirmed by the standby")
    max_retained_wal: str = Field(
        "20GB", description="safety valve: above this much WAL kept for the slot, the slot is dropped"
    )
    sequence_margin: int = Field(
        1000, ge=0, description="added to the last synced sequence position at promote (subtracted when descending)"
    )
    analyze_jobs: int = Field(
        2, ge=1, le=64, description="promote: ANALYZE runs on this many connections before the standby takes traffic"
    )
    row_tolerance: float = Field(
        0.02, ge=0, le=1, description="promote: a table may hold this fraction fewer rows than the last snapshot"
    )
    exact_count_below: int = Field(
        1_000_000, ge=0, description="status counts production's smaller tables exactly, larger ones by statistics"
    )
    no_owner: bool = Field(False, description="apply the schema without object owners (roles missing on the standby)")


#: the standby DB VM's role label (gcp-standby stack) and the Ansible group of its play in site.yml
STANDBY_DB_ROLE, STANDBY_DB_GROUP = "standby-db", "standby_db"


def _default_provision_secrets() -> dict[str, str]:
    return {
        "kaleo_db_password": "env:KALEO_DB_PASSWORD",
        "kaleo_redis_password": "env:KALEO_REDIS_PASSWORD",
        "kaleo_search_admin_password": "env:KALEO_SEARCH_ADMIN_PASSWORD",
        "kaleo_search_app_password": "env:KALEO_SEARCH_APP_PASSWORD",
        "kaleo_gcs_hmac_access_id": "env:KALEO_GCS_HMAC_ACCESS_ID",
        "kaleo_gcs_hmac_secret": "env:KALEO_GCS_HMAC_SECRET",
    }


class ProvisionSettings(Section):
    """``kaleo-dr provision``: inventory from instance labels, site.yml through ansible-runner."""

    inventory: Path | None = Field(None, description="inventory file written by `provision inventory`, read by `run`")
    playbook: Path = Path("playbooks/site.yml")
    artifacts_dir: Path | None = Field(None, description="runner artifacts (default: <state.dir>/provision)")
    service_manager: Literal["auto", "systemd", "sysvinit"] = Field(
        "auto", description="auto = the host's; sysvinit where systemd is not PID 1"
    )
    app_label: str = Field("kaleo", description="value of the app label of the instances")
    role_groups: dict[str, str] = Field(
        default_factory=lambda: {"app": "app", "db": "db", "cache": "cache", "search": "search"},
        description="role label value -> inventory group (standby-db is added whenever standby is configured)",
    )
    compute_endpoint: str | None = Field(None, description="Compute API endpoint override (stand-in)")
    ssh_user: str | None = Field(None, description="OS Login user name (e.g. sa_<uid> of the provisioning account)")
    ssh_private_key_file: Path | None = None
    iap_tunnel: bool = Field(True, description="SSH through `gcloud compute start-iap-tunnel`")
    gcloud: str = "gcloud"
    secrets: dict[str, SecretRef] = Field(
        default_factory=_default_provision_secrets, description="extra var -> env:/file: secret reference"
    )
    secret_manager: dict[str, str] = Field(
        default_factory=dict, description="extra var -> Secret Manager secret (name or projects/.../versions/N)"
    )
    secret_manager_project: str | None = None
    secret_manager_endpoint: str | None = Field(None, description="Secret Manager API endpoint override")
    extra_vars: dict[str, Any] = Field(default_factory=dict, description="non-secret variables for every host")


class AlarmSettings(Section):
    """Alarms of the continuity jobs: to the emergency team (never customers), through the notify relay."""

    recipients: list[str] = Field(
        default_factory=list, description="addresses paged (default: every member of contacts.contacts_file)"
    )
    repeat_every: str = Field("6h", description="at most one alarm per alarm key in this period: 30m, 6h, 1d")
    runbook_url: str = Field(
        "README.md", description="where the runbook sections named in alarms live (a URL or a path)"
    )


class RestoreTestSettings(Section):
    """The weekly restore test of the watcher: newest dump into a scratch database, validated, timed, dropped."""

    server_dsn: str | None = Field(
        None, description="maintenance DSN (no password) of the server scratch databases are created on"
    )
    password: SecretRef | None = Field(None, description="password reference for that server (env:/file:)")
    database_prefix: str = Field("kaleo_restore_test", description="scratch databases are named <prefix>_<time>")
    jobs: int = Field(2, ge=1, description="parallel restore jobs")


class JobsSettings(Section):
    """Continuity jobs run by ``kaleo-dr job run`` on the AWS agent and the GCP watcher."""

    results_to: str | None = Field(None, description="where job records are written (default: <backup.to>/_continuity)")
    host_role: Literal["agent", "watcher", "other"] = Field(
        "other", description="agent (inside AWS), watcher (on GCP) or other; written into every record"
    )
    syslog: bool = Field(True, description="also write job output to syslog/journal (/dev/log)")
    syslog_address: str = Field("/dev/log", description="syslog socket")
    output_tail_lines: int = Field(40, ge=0, description="last lines of a job's output kept in its record")
    timeout: str = Field("6h", description="a job running longer is stopped and reported failed")
    agent_max_age: str = Field("26h", description="oldest acceptable successful agent backup run for the watcher")
    restore_test: RestoreTestSettings = Field(default_factory=RestoreTestSettings)


class SecretsSettings(Section):
    """``kaleo-dr secrets sync``: AWS Secrets Manager -> GCP Secret Manager, on a schedule while AWS is up."""

    project: str | None = Field(None, description="GCP project of Secret Manager (default: gcp.project)")
    endpoint: str | None = Field(None, description="Secret Manager API endpoint override (stand-in)")
    sync: dict[str, str] = Field(
        default_factory=dict,
        description="GCP secret id -> AWS Secrets Manager secret id or ARN (the standby stack's kaleo-sync-<key>)",
    )
    timeout: float = Field(10.0, gt=0, description="seconds per Secret Manager call")


class ReadinessSettings(Section):
    """``kaleo-dr readiness``: what must already be outside AWS, each item with its budget."""

    skip: list[str] = Field(default_factory=list, description="items not checked here (reported as skipped)")
    backup_max_age: str | None = Field(None, description="newest verified dump (default: backup.max_age)")
    verify_backup: bool = Field(True, description="verify the newest dump's files against its manifest")
    restore_test_max_age: str = Field(
        "8d", description="newest successful restore test (its record under jobs.results_to/restore-test/)"
    )
    buckets: dict[str, str] = Field(
        default_factory=dict, description="S3 bucket -> GCS bucket it is copied to (Storage Transfer)"
    )
    objects_max_age: str = Field("2h", description="S3 objects older than this must already be in GCS")
    search_snapshots: str | None = Field(None, description="gs://bucket/prefix of the search snapshot repository")
    search_snapshot_max_age: str = Field("26h", description="newest search snapshot")
    release_version_url: str | None = Field(
        None, description="URL answering the version running on AWS (JSON {version} or plain text)"
    )
    release_object: str | None = Field(
        None, description="where that release is kept outside AWS: gs://bucket/kaleo-{version}.tar.gz"
    )
    secrets_max_age: str = Field("26h", description="last confirmation of every secrets.sync pair")
    certificate: str | None = Field(None, description="Certificate Manager certificate (standby stack: kaleo-dr)")
    certificate_endpoint: str | None = Field(None, description="Certificate Manager API endpoint override")
    calling_list: list[Path] = Field(
        default_factory=list, description="exported calling lists kept outside AWS (kaleo-dr contacts export)"
    )
    calling_list_max_age: str = Field("35d", description="oldest acceptable calling-list export")
    dns_max_ttl: int = Field(300, ge=1, description="highest TTL of cloudflare.records for a quick cutover")
    pulumi_stacks: list[str] = Field(
        default_factory=lambda: ["gcp", "gcp-standby"],
        description="stacks whose secrets provider must not be AWS KMS",
    )
    timeout: float = Field(10.0, gt=0, description="seconds per API call")


class FailbackSettings(Section):
    """``kaleo-dr failback``: back to AWS once it is healthy, and the writes the outage stranded."""

    old_dsn: str | None = Field(
        None, description="the old RDS database (production when AWS went down), read-only, DSN without password"
    )
    old_password: SecretRef | None = Field(None, description="its password reference (env:/file:)")
    gcp_dsn: str | None = Field(
        None,
        description="the GCP database, DSN without password (default: restore.target_dsn)",
    )
    gcp_password: SecretRef | None = Field(None, description="its password reference (default: restore.password)")
    since: str | None = Field(
        None,
        description="last position GCP received, ISO 8601 (default: read from the GCP database: the standby's "
        "last receipt or the restored backup's data time)",
    )
    updated_at: dict[str, str] = Field(
        default_factory=dict, description="schema.table -> column holding the row's last write time"
    )
    updated_at_column: str | None = Field(
        "updated_at", description="timestamp column used as write time in tables not listed in updated_at"
    )
    no_primary_key: Literal["hash", "refuse"] = Field(
        "hash", description="tables without primary key: compared by full-row hash, or refused (not compared)"
    )
    exclude_schemas: list[str] = Field(
        default_factory=lambda: ["kaleo_dr", "kaleo_dr_local"], description="schemas never compared"
    )
    max_listed: int = Field(1000, ge=0, description="differing rows listed in the result (--csv writes them all)")
    leaf_rows: int = Field(
        20_000, ge=1, description="reconcile splits differing buckets further until at most this many rows are read"
    )
    buckets: dict[str, str] = Field(
        default_factory=dict,
        description="GCS upload bucket -> S3 bucket it is copied back to (default: readiness.buckets reversed)",
    )
    cutover_at: str | None = Field(
        None, description="time of the cutover to GCP, ISO 8601 (default: the incident log's cutover to gcp)"
    )
    cooling_off: str = Field(
        "7d", description="teardown of the GCP stack is refused until this long after the cutover back to AWS"
    )
    steps: list[str] = Field(
        default_factory=lambda: ["gate", "database", "objects", "search", "cutover", "notify"],
        description="steps of `kaleo-dr failback`, in order (hold: a rehearsal pause on failover.hold_file)",
    )
    method: Literal["auto", "replication", "dump"] = Field(
        "auto",
        description="database load: replication (GCP -> new RDS, seconds of write freeze), dump (dump and restore), "
        "auto (replication when the GCP database has wal_level=logical, else dump, the reason journaled)",
    )
    target_dsn: str | None = Field(
        None,
        description="the NEW RDS database the GCP data goes to (never the old instance), DSN without password "
        "(default: built from target_instance's endpoint, TLS verify-full against backup.rds_ca_bundle)",
    )
    target_user: str | None = Field(
        None, description="login on the new instance when target_dsn is built (default: its master user)"
    )
    target_dbname: str | None = Field(
        None, description="database on the new instance when target_dsn is built (default: the GCP database's name)"
    )
    target_password: SecretRef | None = Field(None, description="its password reference (env:/file:)")
    target_instance: str | None = Field(
        None,
        description="RDS instance id of the new database: checked (created like aws.rds_instance when missing) "
        "and never equal to aws.rds_instance",
    )
    publication: str = Field("kaleo_failback", description="publication on the GCP database (replication method)")
    subscription: str = Field("kaleo_failback", description="subscription on the new RDS database (and its slot)")
    schemas: list[str] = Field(default_factory=lambda: ["public"], description="schemas carried back to AWS")
    subscription_dsn: str | None = Field(
        None, description="the GCP database as the new RDS server reaches it (default: gcp_dsn)"
    )
    subscription_passfile: str | None = Field(
        None,
        description="pgpass file on the subscribing server, only without target_instance (RDS has no file system)",
    )
    subscription_password: SecretRef | None = Field(
        None,
        description="password reference (env:/file:) of subscription_dsn's login, carried in the subscription's "
        "CONNECTION when there is no passfile (always on RDS); default: gcp_password when subscription_dsn is unset",
    )
    sslmode: Literal["verify-full", "verify-ca", "require", "disable"] = Field(
        "verify-full", description="TLS of the replication connection GCP -> RDS; only loopback may go without"
    )
    sslrootcert: str | None = Field(None, description="CA bundle of the GCP database's certificate, on the subscriber")
    freeze_roles: list[str] = Field(
        default_factory=list,
        description="the application's login roles on the GCP database: the write freeze is ALTER ROLE ... NOLOGIN "
        "and the end of their sessions (left frozen after the failback)",
    )
    dump_to: str | None = Field(
        None, description="where --method dump writes the GCP database's dump (default: <backup.to>/failback)"
    )
    catch_up_timeout: float = Field(3600.0, gt=0, description="seconds to wait for the initial copy and catch-up")
    notify_phase: str = Field("monitoring", description="phase of the customer update sent after the cutover")
    notify_message: str = Field(
        "Kaleo is back on its usual infrastructure. We are monitoring the service closely.",
        description="text of that update",
    )


class SearchSettings(Section):
    """``kaleo-dr search``: OpenSearch snapshots out of AWS (S3, copied to GCS) and their restore on GCP."""

    aws_url: str | None = Field(None, description="HTTPS endpoint of the AWS OpenSearch domain (snapshot side)")
    aws_region: str = Field("us-east-1", description="region of the domain, for SigV4 signing")
    aws_auth: Literal["sigv4", "none"] = Field("sigv4", description="sigv4 (AWS credentials of the caller) or none")
    s3_bucket: str | None = Field(None, description="S3 snapshot bucket (AWS stack output searchSnapshotBucket)")
    s3_role_arn: str | None = Field(None, description="role the domain writes snapshots with (searchSnapshotRoleArn)")
    gcp_url: str | None = Field(None, description="HTTPS endpoint of the GCP OpenSearch cluster (restore side)")
    gcp_user: str = Field("admin", description="user of the GCP cluster")
    gcp_password: SecretRef | None = Field(None, description="its password: env:NAME or file:/path")
    gcs_bucket: str | None = Field(None, description="GCS copy of the snapshot bucket (kaleo:gcpSearchSnapshotBucket)")
    repository: str = Field("kaleo-snapshots", description="snapshot repository name on both clusters")
    base_path: str = Field("snapshots", description="prefix of the snapshots in the bucket")
    indices: str = Field("*,-.*", description="indices to snapshot and restore (system indices excluded)")
    ca_file: Path | None = Field(None, description="CA bundle to verify the clusters' TLS certificates")
    gcp_ca_secret: str | None = Field(
        None,
        description="Secret Manager secret holding the GCP cluster's CA, certificate then key (the gcp stack's "
        "kaleo-<stack>-search-ca): without ca_file, its certificate (never the key) verifies the GCP cluster",
    )
    timeout: float = Field(300.0, gt=0, description="seconds to wait for a snapshot or restore")
    reindex_command: list[str] = Field(
        default_factory=list,
        description="fallback when no usable snapshot exists: argv of the app's reindex-from-PostgreSQL command",
    )


class KaleoConfig(Section):
    state: StateSettings = Field(default_factory=StateSettings)
    aws: AwsSettings = Field(default_factory=AwsSettings)
    gcp: GcpSettings = Field(default_factory=GcpSettings)
    backup: BackupSettings = Field(default_factory=BackupSettings)
    restore: RestoreSettings = Field(default_factory=RestoreSettings)
    triage: TriageSettings = Field(default_factory=TriageSettings)
    declare: DeclareSettings = Field(default_factory=DeclareSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    contacts: ContactsSettings = Field(default_factory=ContactsSettings)
    cloudflare: CloudflareSettings = Field(default_factory=CloudflareSettings)
    pulumi: PulumiSettings = Field(default_factory=PulumiSettings)
    provision: ProvisionSettings = Field(default_factory=ProvisionSettings)
    failover: FailoverSettings = Field(default_factory=FailoverSettings)
    standby: StandbySettings = Field(default_factory=StandbySettings)
    alarm: AlarmSettings = Field(default_factory=AlarmSettings)
    jobs: JobsSettings = Field(default_factory=JobsSettings)
    secrets: SecretsSettings = Field(default_factory=SecretsSettings)
    readiness: ReadinessSettings = Field(default_factory=ReadinessSettings)
    failback: FailbackSettings = Field(default_factory=FailbackSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)

    @model_validator(mode="after")
    def _derived(self) -> KaleoConfig:
        # never a manual step: with a standby configured, its VM's role label maps to its play's group
        groups = self.provision.role_groups
        if self.standby.standby_dsn and STANDBY_DB_ROLE not in groups:
            self.provision.role_groups = {**groups, STANDBY_DB_ROLE: STANDBY_DB_GROUP}
        return self


#: Keys that were renamed: the error for the old name names the new one.
RENAMED_KEYS = {"failover.smoke.elasticsearch_url": "failover.smoke.search_url"}


def _format_errors(path: Path | str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden" and key in RENAMED_KEYS:
            lines.append(f"key '{key}' was renamed: write it as '{RENAMED_KEYS[key]}'")
        elif err["type"] == "extra_forbidden":
            lines.append(f"unknown key '{key}'")
        elif err["type"] == "missing":
            lines.append(f"missing required key '{key}'")
        else:
            lines.append(f"key '{key}': {err['msg']}")
    return f"{path}: invalid configuration: " + "; ".join(lines)


def parse_config(data: Any, source: Path | str = "<config>") -> KaleoConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadInput(f"{source}: the top level must be a mapping of sections, not {type(data).__name__}")
    try:
        return KaleoConfig.model_validate(data)
    except ValidationError as exc:
        raise BadInput(_format_errors(source, exc)) from exc


def load_config(path: Path | None = None) -> KaleoConfig:
    """Load ``kaleo-dr.yaml``: the given path, else $KALEO_DR_CONFIG, else ./kaleo-dr.yaml if present."""
    explicit = path is not None or bool(os.environ.get(CONFIG_ENV))
    candidate = path or Path(os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_NAME)
    if not candidate.exists():
        if explicit:
            raise BadInput(f"config file {candidate} does not exist")
        return KaleoConfig()
    try:
        data = yaml.safe_load(candidate.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BadInput(f"{candidate}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise BadInput(f"cannot read config file {candidate}: {exc.strerror}") from exc
    return parse_config(data, candidate)
