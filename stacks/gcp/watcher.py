"""The watcher: the continuity jobs' dead-man's switch, on a small VM of the standby stack, outside AWS.

An alarm that runs inside AWS goes dark with AWS, and a job that stops reports nothing. The
watcher (role ``continuity_agent``, profile watcher) therefore checks from GCP what the AWS
agent should have produced: ``kaleo-dr watch freshness`` hourly, ``kaleo-dr readiness`` daily
and the weekly restore test into its own PostgreSQL, and pages the emergency team through the
notify relay (outside AWS).

Why a VM and not Cloud Scheduler + a Cloud Run job: the weekly restore test needs a
PostgreSQL server and disk for a whole dump, and the jobs share the alarm ledger (an SQLite
file that de-duplicates alarms across runs); a Cloud Run job has neither a server nor a
persistent disk. One e2 VM costs little and runs every job the same way the AWS agent does.

Its service account may:

* read the dump bucket (``objectViewer``: list and read dumps and the agent's job records),
  never delete or replace a dump;
* create objects only under its own result prefixes of the dump bucket
  (``<gcpWatcherResultsPrefix>freshness/``, ``readiness/``, ``restore-test/``: an IAM condition);
* read what ``readiness`` checks: the release, search snapshot and object buckets, Secret Manager
  and Certificate Manager metadata (viewer roles: no secret value), and read two secrets, the
  relay password of its alarms and the password of its PostgreSQL role (values added by the
  operators);
* write logs and metrics.

It configures itself at boot like every VM (``playbooks/boot/kaleo-boot.sh``, role watcher):
``site.yml`` imports ``continuity.yml``, whose watcher play converges its PostgreSQL and the
``continuity_agent`` role with the watcher jobs; the role variables come from ``vars/watcher.yml``
in the release bucket.

Network: its own VPC and subnet, no external address, Cloud NAT for the relay and package
mirrors, Private Google Access for the APIs, SSH only from IAP.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.network import IAP_RANGE, deny_rest, private_vpc

ROLE = "watcher"
#: The watcher's own job records (scripts/jobs/records.py); the agent's ``backup/`` records stay the agent's.
RESULT_JOBS = ("freshness", "readiness", "restore-test")
#: The watcher's PostgreSQL role and database (the restore test creates its scratch databases as that role).
RESTORE_TEST_USER = "kaleo_restore_test"
RESTORE_TEST_DB = "kaleo_restore_test"
#: Project roles for readiness: metadata only, never a secret value.
READINESS_VIEWER_ROLES = ("roles/secretmanager.viewer", "roles/certificatemanager.viewer")


def results_condition(bucket: str, prefix: str) -> str:
    """The IAM condition expression: object names under the watcher's result prefixes only."""
    clauses = [f'resource.name.startsWith("projects/_/buckets/{bucket}/objects/{prefix}{job}/")' for job in RESULT_JOBS]
    return " || ".join(clauses)


class Watcher(Tier):
    TYPE = "kaleo:gcp:Watcher"

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        *,
        dump_bucket: gcp.storage.Bucket,
        read_buckets: Sequence[pulumi.Input[str]],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        net = private_vpc(
            self,
            name,
            cfg,
            f"Kaleo continuity watcher ({cfg.stack})",
            {"subnet": cfg.watcher_cidr},
            flow_logs=False,
        )
        self.vpc, self.subnet = net.vpc, net.subnets["subnet"]
        tag = vm.network_tag(ROLE)
        gcp.compute.Firewall(
            f"{name}-ssh-from-iap",
            network=self.vpc.id,
            direction="INGRESS",
            priority=1000,
            allows=[{"protocol": "tcp", "ports": ["22"]}],
            source_ranges=[IAP_RANGE],
            target_tags=[tag],
            opts=self.child(),
        )
        deny_rest(self, name, self.vpc)

        self.account = vm.service_account(self, name, cfg, ROLE)
        gcp.storage.BucketIAMMember(
            f"{name}-reads-dumps",
            bucket=dump_bucket.name,
            role="roles/storage.objectViewer",
            member=vm.member(self.account),
            opts=self.child(),
        )
        gcp.storage.BucketIAMMember(
            f"{name}-writes-results",
            bucket=dump_bucket.name,
            role="roles/storage.objectCreator",
            member=vm.member(self.account),
            condition={
                "title": "watcher-results-only",
                "description": "the watcher writes its job records under its own prefixes, nothing else",
                "expression": dump_bucket.name.apply(lambda b: results_condition(b, cfg.watcher_results_prefix)),
            },
            opts=self.child(),
        )
        for i, bucket in enumerate(read_buckets):
            gcp.storage.BucketIAMMember(
                f"{name}-reads-{i}",
                bucket=bucket,
                role="roles/storage.objectViewer",
                member=vm.member(self.account),
                opts=self.child(),
            )
        for project_role in READINESS_VIEWER_ROLES:
            gcp.projects.IAMMember(
                f"{name}-{project_role.split('/')[-1].replace('.', '-').lower()}",
                project=cfg.project,
                role=project_role,
                member=vm.member(self.account),
                opts=self.child(),
            )
        # secrets whose values the operators add: the relay password of the alarms, and the password
        # of the role the weekly restore test logs in to its own PostgreSQL as
        self.smtp_secret = self._readable_secret(name, cfg, "smtp-password", f"kaleo-{cfg.stack}-alarm-smtp-password")
        self.db_secret = self._readable_secret(name, cfg, "db-password", f"kaleo-{cfg.stack}-watcher-db-password")
        self.instance = vm.private_vm(
            self,
            f"{name}-vm",
            cfg,
            role=ROLE,
            zone=vm.zone_for(cfg, 0),
            machine_type=cfg.watcher_machine_type,
            boot_disk_gb=cfg.watcher_disk_gb,
            subnet=self.subnet,
            account=self.account,
            extra_metadata={
                "kaleo-dump-bucket": dump_bucket.name,
                "kaleo-watcher-results-prefix": cfg.watcher_results_prefix,
                "kaleo-alarm-smtp-secret": self.smtp_secret.secret_id,
                # the postgresql role of the watcher play: the restore test's server, on the boot disk
                "kaleo-db-name": RESTORE_TEST_DB,
                "kaleo-db-user": RESTORE_TEST_USER,
                "kaleo-db-password-secret": self.db_secret.secret_id,
                "kaleo-data-device": "",
                # its PostgreSQL admits no network client: the restore test runs on the VM itself
                "kaleo-app-subnet": "127.0.0.1/32",
            },
        )
        self.done({"instance": self.instance.name, "account": self.account.email})

    def _readable_secret(self, name: str, cfg: GcpConfig, key: str, secret_id: str) -> gcp.secretmanager.Secret:
        """A secret without a version (the operators add it) that the watcher's account may access."""
        secret = gcp.secretmanager.Secret(
            f"{name}-{key}",
            secret_id=secret_id,
            replication={"auto": {}},
            labels=labels(cfg.stack, ROLE),
            opts=self.child(),
        )
        gcp.secretmanager.SecretIamMember(
            f"{name}-reads-{key}",
            secret_id=secret.id,
            role="roles/secretmanager.secretAccessor",
            member=vm.member(self.account),
            opts=self.child(),
        )
        return secret
