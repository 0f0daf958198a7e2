"""The stand-ins start: production (PostgreSQL, moto), GCS, status pages, Pingdom, DNS, public resolvers,
connectivity checks, SMTP, Cloudflare."""

from __future__ import annotations

import os
import time
from typing import Any

from scripts.config import parse_config
from scripts.drill.localenv import (
    AWS_ALB,
    BACKUP_BUCKET,
    DB_NAME,
    EXAMPLE_CUSTOMERS,
    PUBLIC_RECORDS,
    RDS_INSTANCE,
    SEED_SQL,
    SEED_TABLES,
    UPLOADS_BUCKET,
    VANTAGE_NAME,
    ZONE_NAME,
    seed_aws_production,
)
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.runbook.runner import RunContext, StepOutcome


class EnvironmentStep(DrillStep):
    name = "environment"
    title = "local stand-ins"

    def run(self, ctx: RunContext) -> StepOutcome:
        from scripts.standins.awsstatus import AwsStatusStandin
        from scripts.standins.cloudflare import CloudflareStandin
        from scripts.standins.connectivity import ConnectivityStandin
        from scripts.standins.dns import DnsStandin
        from scripts.standins.localsvc import GcsEmulator, MotoServer, PgCluster, env_vars
        from scripts.standins.pingdom import PingdomStandin
        from scripts.standins.smtp import SmtpSink
        from scripts.standins.statuspage import StatuspageStandin

        d = self.drill
        checks: list[dict[str, Any]] = []
        from scripts.standins.pgpair import SOURCE_SETTINGS

        # wal_level=logical, and commit timestamps (what reconcile bounds the stranded writes with)
        prod_settings = {**SOURCE_SETTINGS, "track_commit_timestamp": "on"}
        prod = d.start("production-db", PgCluster("drill-prod", settings=prod_settings))
        prod.create_database(DB_NAME)
        prod.psql_file(SEED_SQL, DB_NAME)
        counts = prod.psql(
            " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in SEED_TABLES), DB_NAME
        ).splitlines()
        rows = {line.split("|")[0]: int(line.split("|")[1]) for line in counts}
        checks.append(check("production seeded", sum(rows.values()) > 1000, f"{sum(rows.values())} rows: {rows}"))
        gcp_db = d.start("gcp-db-vm", PgCluster("drill-gcp"))
        moto = d.start("aws(moto)", MotoServer())
        gcs = d.start("gcs(emulator)", GcsEmulator())
        token = os.urandom(16).hex()
        pingdom_token = os.urandom(16).hex()
        cf = d.start("cloudflare", CloudflareStandin(token, zone_name=ZONE_NAME))
        cf.add_record(PUBLIC_RECORDS[0], "CNAME", AWS_ALB, proxied=True)
        cf.add_record(PUBLIC_RECORDS[1], "CNAME", AWS_ALB, ttl=300, proxied=False)
        cf.add_record(PUBLIC_RECORDS[0], "MX", "aspmx.l.google.com", ttl=3600)
        outage_start = int(time.time()) - 2 * 3600
        status = d.start("cloudflare-status", StatuspageStandin("aws-outage"))
        awsstatus = d.start("aws-status", AwsStatusStandin("aws-outage", outage_start=outage_start))
        pingdom = d.start("pingdom", PingdomStandin("aws-outage", outage_start=outage_start, token=pingdom_token))
        dns = d.start("dns", DnsStandin({n: ["104.16.0.10"] for n in PUBLIC_RECORDS}, zone=ZONE_NAME))
        # The operator's own view of the Internet: two public resolvers and two connectivity-check endpoints.
        resolvers = [
            d.start(f"public-resolver-{i}", DnsStandin({VANTAGE_NAME: ["198.41.0.4"]}, zone="root-servers.net"))
            for i in (1, 2)
        ]
        webs = [d.start(f"connectivity-check-{i}", ConnectivityStandin()) for i in (1, 2)]
        smtp = d.start("smtp", SmtpSink())
        d.env = {
            **moto.aws_env(),
            **gcs.gcs_env(),
            "KALEO_DRILL_CF_TOKEN": token,
            "KALEO_DRILL_PINGDOM_TOKEN": pingdom_token,
            "KALEO_DRILL_GCP_DB_PASSWORD": gcp_db.password,
            "PGPASSWORD": gcp_db.password,
        }
        d.stack.enter_context(env_vars(d.env))
        # AWS before the outage: the RDS instance with a snapshot, the uploads bucket with objects.
        rds, s3 = seed_aws_production(moto.url)
        rds.create_db_snapshot(DBInstanceIdentifier=RDS_INSTANCE, DBSnapshotIdentifier=f"{RDS_INSTANCE}-nightly")
        snaps = [
            x["DBSnapshotIdentifier"]
            for x in rds.describe_db_snapshots(DBInstanceIdentifier=RDS_INSTANCE)["DBSnapshots"]
        ]
        objects = s3.list_objects_v2(Bucket=UPLOADS_BUCKET).get("KeyCount", 0)
        checks.append(
            check(
                "aws(moto) production",
                f"{RDS_INSTANCE}-nightly" in snaps and objects == 5,
                f"RDS {RDS_INSTANCE} with snapshots {snaps}; s3://{UPLOADS_BUCKET} with {objects} objects",
            )
        )
        from google.auth.credentials import AnonymousCredentials
        from google.cloud import storage  # type: ignore[attr-defined]

        storage.Client(project="kaleo-drill", credentials=AnonymousCredentials()).create_bucket(BACKUP_BUCKET)
        checks.append(check("gcs(emulator)", True, f"bucket {BACKUP_BUCKET} at {gcs.url}"))
        customers = d.tmp / "customers.csv"
        customers.write_text(
            "customer_id,name,contact_name,contact_email\n"
            + "".join(f"{k},{c},{n},{e}\n" for k, c, n, e in EXAMPLE_CUSTOMERS),
            encoding="utf-8",
        )
        d.config = parse_config(
            {
                "state": {"dir": str(d.tmp / "state")},
                "aws": {
                    "region": "us-east-1",
                    "endpoint_url": moto.url,
                    "rds_instance": RDS_INSTANCE,
                    "s3_buckets": [UPLOADS_BUCKET],
                    "connect_timeout": 1,
                    "read_timeout": 2,
                    "max_attempts": 1,
                },
                "gcp": {"project": "kaleo-drill", "storage_endpoint": gcs.url},
                "backup": {"to": f"gs://{BACKUP_BUCKET}/production", "max_age": "26h", "jobs": 2},
                "restore": {
                    "target_dsn": gcp_db.dsn(DB_NAME),
                    "password": "env:KALEO_DRILL_GCP_DB_PASSWORD",
                    "jobs": 2,
                },
                "triage": {
                    "aws_status_url": awsstatus.url + "/rss",
                    "cloudflare_status_url": status.url + "/api/v2",
                    "pingdom": {"api_url": pingdom.url + "/api/3.1", "token": "env:KALEO_DRILL_PINGDOM_TOKEN"},
                    "dns": {"names": list(PUBLIC_RECORDS), "resolvers": [dns.address]},
                    "timeout": 3,
                    "vantage": {
                        "resolvers": [
                            {"address": r.address, "provider": f"resolver-{i}"} for i, r in enumerate(resolvers, 1)
                        ],
                        "dns_name": VANTAGE_NAME,
                        "https": [
                            {"url": w.url + "/generate_204", "provider": f"web-{i}"} for i, w in enumerate(webs, 1)
                        ],
                    },
                },
                "notify": {
                    "sender": "status@kaleo-status.example.org",
                    "smtp": {"host": "127.0.0.1", "port": smtp.port, "starttls": False},
                    "rate_per_second": 0,
                },
                "contacts": {"customers_file": str(customers), "contacts_file": str(d.tmp / "contacts.yaml")},
                "cloudflare": {
                    "api_url": cf.url,
                    "api_token": "env:KALEO_DRILL_CF_TOKEN",
                    "zone_id": cf.zone_id,
                    "records": list(PUBLIC_RECORDS),
                    "ttl_wait": 0,
                },
                "provision": {"inventory": str(d.tmp / "inventory.yml"), "iap_tunnel": False},
                "failover": {
                    "backup_max_age": "26h",
                    "smoke": {"db_tables": [f"public.{t}" for t in SEED_TABLES]},
                },
            },
            "<local drill>",
        )
        ctx.config = d.config
        names = ", ".join(sorted(d.services))
        return outcome(checks, f"{len(d.services)} services up: {names}", {"services": sorted(d.services)})
