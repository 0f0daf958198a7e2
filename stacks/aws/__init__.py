"""The AWS production stack: one module per tier, each a ComponentResource.

network -> security groups -> storage -> app (ALB + ASG) -> database, cache, search ->
the app endpoints published in SSM Parameter Store and the app's read access to the RDS
master secret and the Redis AUTH secret.
"""

from __future__ import annotations

from typing import Any

from stacks.aws.agent import ContinuityAgent
from stacks.aws.app import App
from stacks.aws.cache import Cache
from stacks.aws.database import Database
from stacks.aws.network import Network
from stacks.aws.search import Search
from stacks.aws.security import SecurityGroups
from stacks.aws.storage import Storage
from stacks.aws.vpn import StandbyVpn
from stacks.config import AwsConfig

PREFIX = "kaleo"


def build(cfg: AwsConfig) -> dict[str, Any]:
    """Declare every tier of the AWS stack and return the stack outputs."""
    network = Network(f"{PREFIX}-network", cfg)
    private = [s.id for s in network.private_subnets]
    public = [s.id for s in network.public_subnets]
    sgs = SecurityGroups(f"{PREFIX}-security", cfg, network.vpc.id)
    storage = Storage(f"{PREFIX}-storage", cfg)
    app = App(
        f"{PREFIX}-app",
        cfg,
        vpc_id=network.vpc.id,
        public_subnet_ids=public,
        private_subnet_ids=private,
        alb_security_group_id=sgs.alb.id,
        app_security_group_id=sgs.app.id,
        bucket_arns=[b.arn for b in storage.buckets.values()],
    )
    db = Database(f"{PREFIX}-db", cfg, private_subnet_ids=private, security_group_id=sgs.db.id)
    cache = Cache(f"{PREFIX}-cache", cfg, private_subnet_ids=private, security_group_id=sgs.cache.id)
    search = Search(
        f"{PREFIX}-search",
        cfg,
        private_subnet_ids=private,
        security_group_id=sgs.search.id,
        app_role_arn=app.role.arn,
        app_role_name=app.role.name,
        transfer_role=storage.transfer_role,
    )
    app.publish(
        app,
        {
            "db-endpoint": db.instance.address,
            "db-port": db.instance.port.apply(str),
            "db-name": cfg.db_name,
            "db-master-secret-arn": db.master_secret_arn,
            "cache-endpoint": cache.group.primary_endpoint_address,
            "cache-auth-secret-arn": cache.auth_secret.arn,
            "search-endpoint": search.domain.endpoint,
            "buckets": ",".join(f"{k}={v}" for k, v in cfg.bucket_names.items()),
        },
        [db.master_secret_arn, cache.auth_secret.arn],
    )
    outputs: dict[str, Any] = {
        "vpcId": network.vpc.id,
        "privateSubnetIds": private,
        "albDnsName": app.alb.dns_name,
        "appSecurityGroupId": sgs.app.id,
        "dbEndpoint": db.instance.address,
        "dbPort": db.instance.port,
        "cacheEndpoint": cache.group.primary_endpoint_address,
        "searchEndpoint": search.domain.endpoint,
        "bucketNames": {short: b.bucket for short, b in storage.buckets.items()},
        "ssmPath": cfg.ssm_path,
        "redisAuthSecretArn": cache.auth_secret.arn,
        "dbMasterSecretArn": db.master_secret_arn,
        # kaleo-dr search snapshot registers this repository (search.aws in kaleo-dr.yaml)
        "searchSnapshotBucket": search.snapshot_bucket.bucket,
        "searchSnapshotRoleArn": search.snapshot_role.arn,
    }
    if cfg.agent_enabled:
        agent = ContinuityAgent(
            f"{PREFIX}-continuity-agent",
            cfg,
            private_subnet_ids=private,
            app_security_group_id=sgs.app.id,
            db_instance_id=db.instance.identifier,
            secret_arns=[db.master_secret_arn, cache.auth_secret.arn, *cfg.agent_sync_secret_arns],
            search_domain_arn=search.domain.arn,
            snapshot_role_arn=search.snapshot_role.arn,
        )
        outputs["continuityAgentAsg"] = agent.asg.name
        outputs["continuityAgentRoleArn"] = agent.role.arn
        # kaleo-dr boot bundle: upload the bundle and vars/agent.yml here
        outputs["continuityAgentBootBucket"] = agent.boot_bucket.bucket
    if cfg.standby_vpn:
        vpn = StandbyVpn(
            f"{PREFIX}-standby-vpn",
            cfg,
            vpc_id=network.vpc.id,
            private_route_table_ids=[rt.id for rt in network.private_route_tables],
            db_security_group_id=sgs.db.id,
        )
        # goes into Pulumi.gcp-standby.yaml as kaleo:gcpStandbyAwsTunnelIps
        outputs["standbyVpnTunnelIps"] = vpn.tunnel_ips
    if storage.transfer_role is not None:
        # goes into Pulumi.gcp-standby.yaml as kaleo:gcpTransferAwsRoleArn
        outputs["gcsTransferRoleArn"] = storage.transfer_role.arn
    return outputs
