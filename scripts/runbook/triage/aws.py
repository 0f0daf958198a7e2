"""AWS resource checks: Kaleo's own RDS, EC2, S3, ElastiCache and OpenSearch resources through
boto3 with short timeouts and few retries; an API that does not answer is reported as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from scripts.config import KaleoConfig
from scripts.runbook.triage.checks import CheckError, Outcome, Status


class AwsChecks:
    """Kaleo's own AWS resources, with short timeouts: an API that does not answer is evidence."""

    def __init__(self, cfg: KaleoConfig) -> None:
        self.aws = cfg.aws

    @property
    def timeout(self) -> float:
        # the calls' own budget, plus loading the client (botocore reads its service model)
        return (self.aws.connect_timeout + self.aws.read_timeout) * self.aws.max_attempts + 2.0

    def client(self, service: str) -> Any:
        import boto3
        from botocore.config import Config

        config = Config(
            connect_timeout=self.aws.connect_timeout,
            read_timeout=self.aws.read_timeout,
            retries={"max_attempts": self.aws.max_attempts, "mode": "standard"},
        )
        session: Any = boto3.session.Session()
        return session.client(service, region_name=self.aws.region, endpoint_url=self.aws.endpoint_url, config=config)

    def call(self, service: str, method: str, **kwargs: Any) -> Any:
        from botocore import exceptions as bx

        try:
            return getattr(self.client(service), method)(**kwargs)
        except (
            bx.ConnectTimeoutError,
            bx.ReadTimeoutError,
            bx.EndpointConnectionError,
            bx.ConnectionClosedError,
        ) as exc:
            raise AwsUnreachable(f"AWS {service} API did not answer: {exc}") from exc
        except bx.NoCredentialsError as exc:
            raise CheckError("no AWS credentials available to check Kaleo's resources", "config") from exc
        except bx.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            status_code = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if status_code >= 500 or code in ("ServiceUnavailable", "InternalFailure", "InternalError"):
                raise AwsUnreachable(f"AWS {service} API failing: {code} (HTTP {status_code})") from exc
            raise AwsClientError(code, str(exc)) from exc
        except bx.BotoCoreError as exc:
            raise CheckError(f"AWS {service}: {type(exc).__name__}: {exc}") from exc

    def describe(self, service: str, method: str, missing_code: str, what: str, **kwargs: Any) -> Any:
        """``call`` describing one named resource (``what``): AWS answering ``missing_code`` raises
        ResourceMissing (the check's verdict is down); any other client error is a CheckError."""
        try:
            return self.call(service, method, **kwargs)
        except AwsClientError as exc:
            if exc.code == missing_code:
                raise ResourceMissing(what, exc.code) from exc
            raise CheckError(str(exc)) from exc

    def rds(self) -> Outcome:
        name = self.aws.rds_instance
        found = self.describe(
            "rds", "describe_db_instances", "DBInstanceNotFound", f"RDS instance {name}", DBInstanceIdentifier=name
        )
        inst = found["DBInstances"][0]
        state = inst.get("DBInstanceStatus", "unknown")
        evidence = {"db_status": state, "engine": inst.get("Engine")}
        if state == "available":
            return "ok", f"RDS {name} available", evidence
        if state in RDS_DOWN:
            return "down", f"RDS {name} {state}", evidence
        return "degraded", f"RDS {name} {state}", evidence

    def ec2(self) -> Outcome:
        filters = [{"Name": f"tag:{k}", "Values": [v]} for k, v in self.aws.ec2_tag_filter.items()]
        found = self.call("ec2", "describe_instances", Filters=filters)
        ids = [
            i["InstanceId"]
            for r in found.get("Reservations", [])
            for i in r.get("Instances", [])
            if i.get("State", {}).get("Name") != "terminated"
        ]
        tag_text = ", ".join(f"{k}={v}" for k, v in self.aws.ec2_tag_filter.items())
        if not ids:
            raise CheckError(f"no EC2 instances tagged {tag_text}")
        statuses = self.call("ec2", "describe_instance_status", InstanceIds=ids, IncludeAllInstances=True)
        bad: dict[str, str] = {}
        waiting: dict[str, str] = {}
        for st in statuses.get("InstanceStatuses", []):
            iid = st["InstanceId"]
            state = st.get("InstanceState", {}).get("Name", "unknown")
            system = st.get("SystemStatus", {}).get("Status", "not-applicable")
            instance = st.get("InstanceStatus", {}).get("Status", "not-applicable")
            if state != "running" or "impaired" in (system, instance):
                bad[iid] = f"{state}, system {system}, instance {instance}"
            elif "initializing" in (system, instance) or "insufficient-data" in (system, instance):
                waiting[iid] = f"system {system}, instance {instance}"
        evidence = {"instances": ids, "failing": bad, "initializing": waiting}
        if bad and len(bad) == len(ids):
            return "down", f"all {len(ids)} instances failing status checks", evidence
        if bad:
            return (
                "degraded",
                f"{len(bad)}/{len(ids)} instances failing: " + "; ".join(f"{k} {v}" for k, v in bad.items()),
                evidence,
            )
        if waiting:
            return "degraded", f"{len(waiting)}/{len(ids)} instances initializing", evidence
        return "ok", f"{len(ids)} instances pass system and instance status checks", evidence

    def s3(self, bucket: str, canary_key: str | None) -> Outcome:
        try:
            self.call("s3", "head_bucket", Bucket=bucket)
        except AwsClientError as exc:
            return "down", f"bucket {bucket}: {exc.code}", {"code": exc.code}
        if not canary_key:
            return "ok", f"bucket {bucket} answers", {}
        try:
            obj = self.call("s3", "get_object", Bucket=bucket, Key=canary_key)
            size = len(obj["Body"].read(1 << 20))
        except AwsClientError as exc:
            return "down", f"canary s3://{bucket}/{canary_key}: {exc.code}", {"code": exc.code}
        return "ok", f"bucket {bucket} answers, canary read ({size} bytes)", {"canary_bytes": size}

    def elasticache(self) -> Outcome:
        group = self.aws.elasticache_group
        found = self.describe(
            "elasticache",
            "describe_replication_groups",
            "ReplicationGroupNotFoundFault",
            f"replication group {group}",
            ReplicationGroupId=group,
        )
        state = found["ReplicationGroups"][0].get("Status", "unknown")
        if state == "available":
            return "ok", f"ElastiCache {group} available", {"group_status": state}
        status: Status = "down" if state in ("create-failed", "deleting") else "degraded"
        return status, f"ElastiCache {group} {state}", {"group_status": state}

    def opensearch(self) -> Outcome:
        domain = self.aws.opensearch_domain
        what = f"OpenSearch domain {domain}"
        found = self.describe("opensearch", "describe_domain", "ResourceNotFoundException", what, DomainName=domain)
        st = found["DomainStatus"]
        evidence: dict[str, Any] = {"processing": st.get("Processing"), "deleted": st.get("Deleted")}
        if st.get("Deleted"):
            return "down", f"OpenSearch {domain} is being deleted", evidence
        health = self.opensearch_health(str(domain), str(st.get("ARN", "")))
        evidence["cluster_health"] = health
        if health == "red":
            return "down", f"OpenSearch {domain} cluster health red", evidence
        if health == "yellow":
            return "degraded", f"OpenSearch {domain} cluster health yellow", evidence
        if st.get("Processing") or st.get("UpgradeProcessing"):
            return "degraded", f"OpenSearch {domain} is processing a change", evidence
        suffix = "green" if health == "green" else "no recent cluster health datapoint"
        return "ok", f"OpenSearch {domain} active, {suffix}", evidence

    def opensearch_health(self, domain: str, arn: str) -> str | None:
        """Cluster health from the domain's CloudWatch metrics (ClusterStatus.red/.yellow, last 10 minutes)."""
        account = arn.split(":")[4] if arn.count(":") >= 5 else None
        dims = [{"Name": "DomainName", "Value": domain}]
        if account:
            dims.append({"Name": "ClientId", "Value": account})
        # A minute past now: a datapoint stamped by a clock slightly ahead of ours still counts.
        end = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        seen = False
        for color in ("red", "yellow"):
            stats = self.call(
                "cloudwatch",
                "get_metric_statistics",
                Namespace="AWS/ES",
                MetricName=f"ClusterStatus.{color}",
                Dimensions=dims,
                StartTime=end - dt.timedelta(minutes=11),
                EndTime=end,
                Period=60,
                Statistics=["Maximum"],
            )
            points = stats.get("Datapoints", [])
            seen = seen or bool(points)
            if any(float(p.get("Maximum", 0)) >= 1 for p in points):
                return color
        return "green" if seen else None


RDS_DOWN = {
    "failed",
    "storage-full",
    "inaccessible-encryption-credentials",
    "incompatible-network",
    "incompatible-restore",
    "incompatible-parameters",
    "restore-error",
    "stopped",
    "stopping",
    "deleting",
}


class AwsUnreachable(CheckError):
    """The AWS API did not answer (timeout, connection refused, 5xx)."""


class AwsClientError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ResourceMissing(Exception):
    """AWS answered that the named resource does not exist: a verdict (down), not an unknown."""

    def __init__(self, what: str, code: str) -> None:
        super().__init__(f"{what} does not exist")
        self.code = code


def _aws_outcome(fn: Callable[[], Outcome]) -> Callable[[], Outcome]:
    def run() -> Outcome:
        try:
            return fn()
        except AwsUnreachable as exc:
            return "unknown", str(exc), {"api_unreachable": True}
        except ResourceMissing as exc:
            return "down", str(exc), {"code": exc.code}

    return run
