"""TLS for the failover load balancer, issued long before any disaster (standby stack).

A Google-managed certificate of the classic kind (``compute.ManagedSslCertificate``) is
issued only once the public names already resolve to the load balancer: created at
failover, HTTPS would be broken for tens of minutes after the cutover, or for ever if the
records stay proxied or CAA omits Google. Certificate Manager with **DNS authorization**
proves control of each name through a separate ``_acme-challenge.<name>`` CNAME instead, so
the certificate is issued and renewed all year while the names still point at AWS:

* one ``DnsAuthorization`` per name of ``kaleo:gcpDomains``; its CNAME record (stack
  output ``dnsAuthorizationRecords``) is created once in the zone, by hand or with
  ``kaleo-dr cutover --tls-records``, and stays there;
* one managed ``Certificate`` for every name, authorized by those records;
* a ``CertificateMap`` (``kaleo:gcpCertificateMap``) with one entry per name; the failover
  stack's HTTPS proxy uses the map by name, so the certificate is ACTIVE the moment the
  load balancer exists.

Cloudflare: while a record is proxied (orange cloud) browsers see Cloudflare's edge
certificate and Cloudflare connects to the origin; with SSL mode "Full (strict)" the origin
certificate must be valid for the name, which this certificate is. The DNS-authorization
CNAME itself must be DNS-only (grey cloud), and a CAA record on the zone must allow
``pki.goog`` (Google Trust Services) or issuance fails.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig

ROLE = "app"


def map_resource(cfg: GcpConfig) -> str:
    """The certificate map as a target HTTPS proxy names it (found by name from the failover stack)."""
    path = f"projects/{cfg.project}/locations/global/certificateMaps/{cfg.certificate_map}"
    return f"//certificatemanager.googleapis.com/{path}"


def _slug(domain: str) -> str:
    return domain.replace(".", "-").replace("*", "wildcard")


class Certificates(Tier):
    TYPE = "kaleo:gcp:Certificates"

    def __init__(self, name: str, cfg: GcpConfig, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(name, opts)
        tier_labels = labels(cfg.stack, ROLE)
        self.authorizations = {
            domain: gcp.certificatemanager.DnsAuthorization(
                f"{name}-dns-auth-{_slug(domain)}",
                name=f"{cfg.certificate_map}-{_slug(domain)}"[:63].rstrip("-"),
                domain=domain,
                location="global",
                description=f"DNS authorization of {domain} for the failover certificate",
                labels=tier_labels,
                opts=self.child(),
            )
            for domain in cfg.domains
        }
        self.certificate = gcp.certificatemanager.Certificate(
            f"{name}-cert",
            name=cfg.certificate_map,
            location="global",
            description="Kaleo failover load balancer certificate (DNS-authorized, renewed all year)",
            scope="DEFAULT",
            managed={
                "domains": list(cfg.domains),
                "dns_authorizations": [a.id for a in self.authorizations.values()],
            },
            labels=tier_labels,
            opts=self.child(),
        )
        self.map = gcp.certificatemanager.CertificateMap(
            f"{name}-map",
            name=cfg.certificate_map,
            description="Kaleo failover load balancer: host name -> certificate",
            labels=tier_labels,
            opts=self.child(),
        )
        self.entries = [
            gcp.certificatemanager.CertificateMapEntry(
                f"{name}-map-{_slug(domain)}",
                name=f"{cfg.certificate_map}-{_slug(domain)}"[:63].rstrip("-"),
                map=self.map.name,
                hostname=domain,
                certificates=[self.certificate.id],
                labels=tier_labels,
                opts=self.child(),
            )
            for domain in cfg.domains
        ]
        self.done({"certificateMap": self.map.name})

    def records(self) -> dict[str, pulumi.Output[list[dict[str, str]]]]:
        """Domain -> its DNS-authorization records ``[{name, type, data}]`` (the ``dnsAuthorizationRecords`` output)."""
        return {
            domain: auth.dns_resource_records.apply(
                lambda recs: [{"name": r.name or "", "type": r.type or "", "data": r.data or ""} for r in (recs or [])]
            )
            for domain, auth in self.authorizations.items()
        }
