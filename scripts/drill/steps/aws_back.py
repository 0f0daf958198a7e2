"""AWS comes back: the old production database, the AWS APIs, the search domain; and the failback's target.

* The old production server (killed by the watcher step, its disk kept) starts again: crash
  recovery, then it holds everything it had committed, the stranded writes included. It is the
  old RDS instance ``failback reconcile`` reads; the failback never writes to it.
* moto starts again on its port. moto keeps nothing across a restart, so the drill puts back
  what AWS held: the RDS instance ``kaleo-prod``, the uploads bucket with its objects, and the
  app's EC2 instances (triage checks them).
* The AWS status feeds are healthy again. The AWS search domain (a new OpenSearch stand-in) is
  empty: the failback reindexes it from the new database with the app's reindex command.
* A new server plays the NEW RDS instance the failback loads (``kaleo-prod-failback``).
* The GCP database gets ``wal_level = logical`` (one restart): what the replication method needs.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from scripts.config import FailbackSettings
from scripts.drill.localenv import DB_NAME, RDS_INSTANCE, UPLOADS_BUCKET, seed_aws_production
from scripts.drill.steps.base import DrillStep, check, outcome
from scripts.drill.steps.gcp_era import APP_PASSWORD_ENV, APP_ROLE, gcp_database, grant_app_role
from scripts.drill.steps.search_snapshot import INDEXED
from scripts.output import CheckFailed
from scripts.runbook.runner import RunContext, StepOutcome

NEW_INSTANCE = f"{RDS_INSTANCE}-failback"
NEW_SERVICE = "new-rds"
OLD_PASSWORD_ENV = "KALEO_DRILL_OLD_RDS_PASSWORD"
NEW_PASSWORD_ENV = "KALEO_DRILL_NEW_RDS_PASSWORD"
GCP_PASSWORD_ENV = "KALEO_DRILL_GCP_FAILBACK_PASSWORD"

# The app's reindex from PostgreSQL, in the drill: one document per row of the indexed tables.
REINDEX = """
import json, os, sys, urllib.request
import psycopg
dsn, password_env, *tables = sys.argv[1:]
with psycopg.connect(dsn, password=os.environ[password_env]) as conn:
    for table in tables:
        for (row_id,) in conn.execute(f"SELECT id FROM public.{table} ORDER BY id"):
            req = urllib.request.Request(os.environ["KALEO_SEARCH_URL"] + f"/{table}/_doc",
                                         json.dumps({"id": row_id}).encode(), {"Content-Type": "application/json"})
            urllib.request.urlopen(req).read()
"""


class AwsBackStep(DrillStep):
    name = "aws-back"
    title = "AWS is back: old production, AWS APIs, search domain; the new RDS server"

    def run(self, ctx: RunContext) -> StepOutcome:
        import boto3

        from scripts.standins.localsvc import MotoServer, PgCluster, env_vars
        from scripts.standins.opensearch import OpenSearchStandin
        from scripts.standins.pgpair import STANDBY_SETTINGS

        d = self.drill
        gcp = gcp_database(d)
        if d.config is None or gcp is None or "production-db" not in d.powered_off:
            raise CheckFailed("nothing to come back to: the outage steps did not run")
        old = d.power_on("production-db")  # crash recovery on its own disk
        moto = MotoServer()
        if d.config.aws.endpoint_url:  # on its old port: the configuration keeps pointing at it
            moto.port = int(d.config.aws.endpoint_url.rsplit(":", 1)[1])
        moto = d.start("aws(moto)", moto)
        rds, _ = seed_aws_production(moto.url)  # what AWS held before the outage
        ec2 = boto3.client("ec2", endpoint_url=moto.url, region_name="us-east-1")
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        ec2.run_instances(
            ImageId=image,
            MinCount=2,
            MaxCount=2,
            InstanceType="m6i.large",
            TagSpecifications=[
                {
                    "ResourceType": "instance",
                    "Tags": [{"Key": k, "Value": v} for k, v in d.config.aws.ec2_tag_filter.items()],
                }
            ],
        )
        if "aws-status" in d.services:
            d.services["aws-status"].set_scenario("ok")  # the AWS status feeds: operating normally
        search = d.start("opensearch(aws)", OpenSearchStandin())
        new = d.start(NEW_SERVICE, PgCluster("drill-new-rds", settings=STANDBY_SETTINGS))
        new.create_database(DB_NAME)
        grant_app_role(new, os.environ.get(APP_PASSWORD_ENV) or os.urandom(12).hex())  # the app's role on AWS
        gcp.psql("ALTER SYSTEM SET wal_level = 'logical'")
        gcp.restart()
        env = {OLD_PASSWORD_ENV: old.password, NEW_PASSWORD_ENV: new.password, GCP_PASSWORD_ENV: gcp.password}
        d.env.update(env)
        d.stack.enter_context(env_vars(env))
        cfg = d.config
        cfg.search.aws_url = search.url
        cfg.search.reindex_command = [sys.executable, "-c", REINDEX, new.dsn(DB_NAME), NEW_PASSWORD_ENV, *INDEXED]
        cfg.failback = FailbackSettings(
            old_dsn=old.dsn(DB_NAME),
            old_password=f"env:{OLD_PASSWORD_ENV}",
            gcp_dsn=gcp.dsn(DB_NAME),
            gcp_password=f"env:{GCP_PASSWORD_ENV}",
            target_dsn=new.dsn(DB_NAME),
            target_password=f"env:{NEW_PASSWORD_ENV}",
            target_instance=NEW_INSTANCE,
            schemas=["public", "kaleo_drill"],
            sslmode="disable",
            freeze_roles=[APP_ROLE],
            catch_up_timeout=120,
            cooling_off="7d",
        )
        level = gcp.psql("SHOW wal_level")
        answers = old.psql("SELECT count(*) FROM questions", DB_NAME)
        checks: list[dict[str, Any]] = [
            check("old production back (crash recovery)", answers.isdigit(),
                  f"{answers} questions on {old.dsn(DB_NAME)}"),
            check("AWS APIs back", bool(rds.describe_db_instances(DBInstanceIdentifier=RDS_INSTANCE)["DBInstances"]),
                  f"moto at {moto.url}: RDS {RDS_INSTANCE}, s3://{UPLOADS_BUCKET}, 2 EC2 instances"),
            check("GCP database wal_level logical", level == "logical", f"wal_level {level}"),
        ]  # fmt: skip
        return outcome(checks, f"AWS back; new RDS server for {NEW_INSTANCE} at {new.dsn(DB_NAME)}")
