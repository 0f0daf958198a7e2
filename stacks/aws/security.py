"""AWS security groups, least privilege.

Only the load balancer is reachable from the internet (80 and 443). The app servers
accept traffic only from the load balancer on the app port; the database (5432),
cache (6379) and search (443) groups accept traffic only from the app group. Every
rule is a separate ``aws.vpc.SecurityGroupIngressRule``/``SecurityGroupEgressRule``
resource; the groups themselves carry no inline rules (the provider removes AWS's
default allow-all egress rule, so egress is exactly what is listed here).
The app servers reach the internet only on 443 (AWS APIs, S3, package mirrors) through
the NAT gateways; the VPC DNS resolver and time service are not subject to security groups.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from stacks.common import Tier, labels
from stacks.config import AwsConfig

INTERNET = "0.0.0.0/0"
DB_PORT = 5432
CACHE_PORT = 6379
SEARCH_PORT = 443


class SecurityGroups(Tier):
    TYPE = "kaleo:aws:SecurityGroups"

    def __init__(
        self, name: str, cfg: AwsConfig, vpc_id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(name, opts)
        prefix = name.removesuffix("-security")

        def group(key: str, role: str, description: str) -> aws.ec2.SecurityGroup:
            return aws.ec2.SecurityGroup(
                f"{prefix}-{key}-sg",
                vpc_id=vpc_id,
                description=description,
                tags=labels(cfg.stack, role, {"Name": f"{prefix}-{key}"}),
                opts=self.child(),
            )

        self.alb = group("alb", "app", "Kaleo load balancer: HTTP/HTTPS from the internet")
        self.app = group("app", "app", "Kaleo app servers: app port from the load balancer only")
        self.db = group("db", "db", "Kaleo PostgreSQL: 5432 from the app servers only")
        self.cache = group("cache", "cache", "Kaleo Redis: 6379 from the app servers only")
        self.search = group("search", "search", "Kaleo OpenSearch: HTTPS from the app servers only")

        def rule(
            kind: type[aws.vpc.SecurityGroupIngressRule] | type[aws.vpc.SecurityGroupEgressRule],
            key: str,
            sg: aws.ec2.SecurityGroup,
            port: int,
            description: str,
            cidr: str | None,
            peer: aws.ec2.SecurityGroup | None,
        ) -> None:
            kind(
                f"{prefix}-{key}",
                security_group_id=sg.id,
                ip_protocol="tcp",
                from_port=port,
                to_port=port,
                cidr_ipv4=cidr,
                referenced_security_group_id=peer.id if peer is not None else None,
                description=description,
                tags=labels(cfg.stack, "network", {"Name": f"{prefix}-{key}"}),
                opts=self.child(),
            )

        def ingress(
            key: str,
            sg: aws.ec2.SecurityGroup,
            port: int,
            description: str,
            *,
            cidr: str | None = None,
            source: aws.ec2.SecurityGroup | None = None,
        ) -> None:
            rule(aws.vpc.SecurityGroupIngressRule, key, sg, port, description, cidr, source)

        def egress(
            key: str,
            sg: aws.ec2.SecurityGroup,
            port: int,
            description: str,
            *,
            cidr: str | None = None,
            dest: aws.ec2.SecurityGroup | None = None,
        ) -> None:
            rule(aws.vpc.SecurityGroupEgressRule, key, sg, port, description, cidr, dest)

        ingress("alb-in-https", self.alb, 443, "HTTPS from the internet", cidr=INTERNET)
        ingress("alb-in-http", self.alb, 80, "HTTP from the internet (redirected to HTTPS)", cidr=INTERNET)
        egress("alb-out-app", self.alb, cfg.app_port, "to the app servers", dest=self.app)

        ingress("app-in-alb", self.app, cfg.app_port, "from the load balancer", source=self.alb)
        egress("app-out-db", self.app, DB_PORT, "to PostgreSQL", dest=self.db)
        egress("app-out-cache", self.app, CACHE_PORT, "to Redis", dest=self.cache)
        egress("app-out-search", self.app, SEARCH_PORT, "to OpenSearch", dest=self.search)
        egress("app-out-https", self.app, 443, "HTTPS to AWS APIs, S3 and package mirrors (via NAT)", cidr=INTERNET)

        ingress("db-in-app", self.db, DB_PORT, "PostgreSQL from the app servers", source=self.app)
        ingress("cache-in-app", self.cache, CACHE_PORT, "Redis from the app servers", source=self.app)
        ingress("search-in-app", self.search, SEARCH_PORT, "OpenSearch from the app servers", source=self.app)

        self.done(
            {
                "albSecurityGroupId": self.alb.id,
                "appSecurityGroupId": self.app.id,
                "dbSecurityGroupId": self.db.id,
                "cacheSecurityGroupId": self.cache.id,
                "searchSecurityGroupId": self.search.id,
            }
        )
