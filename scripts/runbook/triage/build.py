"""Building triage's checks from ``kaleo-dr.yaml``: one :class:`~scripts.runbook.triage.checks.Check`
per vantage probe, AWS status feed, Pingdom check, DNS name and zone, HTTP probe and AWS resource.
"""

from __future__ import annotations

from functools import partial

from scripts.config import KaleoConfig
from scripts.runbook.triage.aws import AwsChecks, _aws_outcome
from scripts.runbook.triage.checks import Check
from scripts.runbook.triage.dnschecks import dns_name_check, dns_soa_check
from scripts.runbook.triage.httpchecks import Http, aws_status_check, cloudflare_check, http_probe, pingdom_check
from scripts.runbook.triage.vantage import vantage_dns_check, vantage_https_check


def build_checks(cfg: KaleoConfig, http: Http) -> list[Check]:
    tri = cfg.triage
    checks: list[Check] = []
    vantage = tri.vantage
    for resolver in vantage.resolvers:
        checks.append(
            Check(
                f"vantage-dns:{resolver.provider}:{resolver.address}",
                "vantage",
                f"{resolver.address} (UDP and TCP)",
                vantage.timeout,
                partial(vantage_dns_check, resolver.address, resolver.provider, vantage.dns_name, vantage.timeout),
            )
        )
    for site in vantage.https:
        checks.append(
            Check(
                f"vantage-https:{site.provider}:{site.url}",
                "vantage",
                site.url,
                vantage.timeout,
                partial(
                    vantage_https_check,
                    http,
                    site.url,
                    site.provider,
                    site.expect_status,
                    site.expect_body,
                    vantage.timeout,
                ),
            )
        )
    base = tri.aws_status_url.rstrip("/")
    for feed in tri.aws_status_feeds:
        url = f"{base}/{feed}.rss"
        checks.append(
            Check(
                f"aws-status:{feed}",
                "aws-status",
                url,
                tri.timeout,
                partial(aws_status_check, http, url, tri.timeout),
            )
        )
    cf_url = tri.cloudflare_status_url.rstrip("/") + "/summary.json"
    checks.append(
        Check(
            "cloudflare",
            "cloudflare",
            cf_url,
            tri.timeout,
            lambda: cloudflare_check(http, tri.cloudflare_status_url, tri.timeout, tri.cloudflare_edge_threshold),
        )
    )
    pd = tri.pingdom
    ids: list[int | None] = list(pd.check_ids) or [None]
    for check_id in ids:
        label = f"pingdom:{check_id}" if check_id is not None else "pingdom"
        path = f"/checks/{check_id}" if check_id is not None else "/checks"
        checks.append(
            Check(
                label,
                "monitoring",
                pd.api_url.rstrip("/") + path,
                pd.timeout,
                partial(pingdom_check, http, cfg, check_id),
            )
        )
    dns_cfg = tri.dns
    for name in dns_cfg.names:
        checks.append(
            Check(
                f"dns:{name}",
                "dns",
                ", ".join(dns_cfg.resolvers),
                dns_cfg.timeout,
                partial(dns_name_check, name, dns_cfg.resolvers, dns_cfg.port, dns_cfg.timeout),
            )
        )
    if dns_cfg.zone:
        stages = 1 if dns_cfg.authoritative else 3
        checks.append(
            Check(
                f"dns-soa:{dns_cfg.zone}",
                "dns",
                ", ".join(dns_cfg.authoritative) or f"NS of {dns_cfg.zone}",
                dns_cfg.timeout * stages,
                lambda: dns_soa_check(cfg),
            )
        )
    for url in tri.http_probes:
        checks.append(Check(f"http:{url}", "http", url, tri.timeout, partial(http_probe, http, url, tri.timeout)))
    if tri.aws_resources:
        aws = AwsChecks(cfg)
        endpoint = cfg.aws.endpoint_url or f"AWS API {cfg.aws.region}"
        if cfg.aws.rds_instance:
            checks.append(Check("aws:rds", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.rds)))
        if cfg.aws.ec2_tag_filter:
            checks.append(Check("aws:ec2", "aws-resources", endpoint, aws.timeout * 2, _aws_outcome(aws.ec2)))
        for i, bucket in enumerate(cfg.aws.s3_buckets):
            key = cfg.aws.s3_canary_key if i == 0 else None
            checks.append(
                Check(
                    f"aws:s3:{bucket}",
                    "aws-resources",
                    endpoint,
                    aws.timeout * 2,
                    _aws_outcome(partial(aws.s3, bucket, key)),
                )
            )
        if cfg.aws.elasticache_group:
            checks.append(
                Check("aws:elasticache", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.elasticache))
            )
        if cfg.aws.opensearch_domain:
            checks.append(Check("aws:opensearch", "aws-resources", endpoint, aws.timeout, _aws_outcome(aws.opensearch)))
    return checks
