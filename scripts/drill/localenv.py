"""The local drill's world: the names it plays with and :class:`LocalDrill`, every stand-in it started."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from scripts.config import KaleoConfig

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_SQL = DATA_DIR / "qa_seed.sql"
DB_NAME = "kaleo"
BACKUP_BUCKET = "kaleo-dr-backups"
UPLOADS_BUCKET = "kaleo-uploads"
RDS_INSTANCE = "kaleo-prod"
ZONE_NAME = "kaleosoftware.com"
PUBLIC_RECORDS = ("kaleosoftware.com", "app.kaleosoftware.com")
VANTAGE_NAME = "a.root-servers.net"  # what the public resolver stand-ins answer for the vantage check
AWS_ALB = "kaleo-alb-1234567890.us-east-1.elb.amazonaws.com"
SEED_TABLES = ("users", "tags", "questions", "answers", "comments", "votes", "question_tags")
EXAMPLE_CUSTOMERS = (
    ("acme", "Acme Corp", "Dana Ops", "it-lead@acme.example.com"),
    ("globex", "Globex", "Sam Admin", "admin@globex.example.org"),
    ("initech", "Initech", "Pat Helpdesk", "helpdesk@initech.example.net"),
)


class LocalDrill:
    """Every stand-in of one local drill; :meth:`close` stops them all and removes the temp folder."""

    def __init__(self, keep_state: Path) -> None:
        self.keep_state = keep_state
        self.stack = contextlib.ExitStack()
        self.tmp = Path(tempfile.mkdtemp(prefix="kaleo-drill-"))
        self.services: dict[str, Any] = {}
        self.env: dict[str, str] = {}
        self.config: KaleoConfig | None = None
        self.outage_at: dt.datetime | None = None
        self.production_inventory: dict[str, Any] | None = None
        self.plan_instances: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.writer: Any = None  # the standby's commit writer (scripts.drill.writer.CommitWriter)
        self.standby: dict[str, Any] | None = None  # the standby's measures (lost commits, RPO)
        self.powered_off: dict[str, Any] = {}  # servers killed with their disks kept (see power_off)
        self.stranded: dict[str, Any] | None = None  # the writes committed on production that GCP never got
        self.gcp_era: dict[str, Any] | None = None  # rows and objects written on GCP after the cutover
        self.failback: dict[str, Any] | None = None  # the failback's and reconcile's counts
        self.stack.callback(shutil.rmtree, self.tmp, True)

    def close(self) -> None:
        self.stack.close()

    def start(self, name: str, service: Any) -> Any:
        # the cleanup is registered before the start, so that an interrupted start is cleaned up too
        self.stack.callback(self._stop, name, service)
        self.services[name] = service
        service.start()
        return service

    def _stop(self, name: str, service: Any) -> None:
        from scripts.standins.localsvc import PgCluster

        if isinstance(service, PgCluster) and (service.data_dir / "postmaster.pid").exists():
            service._started = True  # a start interrupted after the server came up: stop the server too
        with contextlib.suppress(Exception):
            service.stop()
        self.services.pop(name, None)

    def power_off(self, name: str) -> Any:
        """SIGKILL a server and keep its disk: :meth:`power_on` brings the same machine back."""
        service = self.services.pop(name, None)
        if service is not None:
            service.kill()
            self.powered_off[name] = service
        return service

    def power_on(self, name: str) -> Any:
        service = self.powered_off.pop(name)
        service.restart()
        self.services[name] = service
        return service

    def stop(self, name: str) -> None:
        service = self.services.get(name)
        if service is not None:
            self._stop(name, service)


def seed_aws_production(endpoint_url: str) -> tuple[Any, Any]:
    """What AWS holds before the outage, in moto: the RDS instance and the uploads bucket with its 5 objects.

    Returns the RDS and S3 clients."""
    import os

    import boto3

    rds = boto3.client("rds", endpoint_url=endpoint_url, region_name="us-east-1")
    rds.create_db_instance(
        DBInstanceIdentifier=RDS_INSTANCE,
        Engine="postgres",
        DBInstanceClass="db.r6g.large",
        AllocatedStorage=100,
        MasterUsername="kaleo",
        MasterUserPassword=os.urandom(12).hex(),
    )
    s3 = boto3.client("s3", endpoint_url=endpoint_url, region_name="us-east-1")
    s3.create_bucket(Bucket=UPLOADS_BUCKET)
    for i in range(5):
        s3.put_object(Bucket=UPLOADS_BUCKET, Key=f"attachments/{i}.txt", Body=f"attachment {i}".encode())
    return rds, s3
