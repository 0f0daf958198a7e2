"""The standby database: a PostgreSQL VM fed by logical replication from RDS over HA VPN.

Built by the standby stack when ``kaleo:gcpStandbyDb`` is on (it runs all year, like the
dump bucket), with:

* its own VPC and subnet (``gcpStandbyCidr``), a Cloud Router speaking BGP to AWS and
  Cloud NAT for package updates;
* the GCP half of the HA VPN (``stacks/standby_link.py``): an HA VPN gateway, the AWS
  tunnel endpoints as an external VPN gateway, four tunnels with their router
  interfaces and BGP peers, once ``gcpStandbyAwsTunnelIps`` is known;
* firewall rules: PostgreSQL only from the AWS VPC range (over the VPN), SSH only from
  IAP (provisioning, ``kaleo-dr standby`` through an IAP tunnel), everything else denied
  and logged;
* the VM itself with the same hardening and boot as every Kaleo VM (``vm.py``: it converges the
  ``standby_db`` play of ``site.yml``) and an SSD data disk sized like the failover database's
  (``gcpDbDiskGb``). The Kaleo role's password is the synced secret ``db-password``: with the
  standby on, ``GcpConfig`` adds it to ``gcpSyncedSecrets`` itself (the same password as
  production's, copied by ``kaleo-dr secrets sync``), so the VM always has its password secret.

After a promote the failover app VMs reach this VM through the peering and the firewall rule
the failover stack adds (``standby_path.py``); its outputs ``standbyNetwork``, ``standbyCidr``,
``standbyDbIp`` and ``standbyDbTag`` are what that stack reads.

Why HA VPN and not the alternatives: a public RDS endpoint with an IP allow-list would put
production's database on the internet; AWS PrivateLink and GCP Private Service Connect do
not join across clouds; a dedicated interconnect costs months and a contract. HA VPN is
99.99 % with four tunnels, managed on both sides, and carries TLS-verified replication.
"""

from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from stacks.common import Tier, labels
from stacks.config import GcpConfig
from stacks.gcp import vm
from stacks.gcp.database import postgres_vm
from stacks.gcp.network import IAP_RANGE, POSTGRES_PORT, deny_rest, private_vpc
from stacks.gcp.secrets import ACCESSOR, certificate_authority
from stacks.standby_link import TUNNELS, aws_inside_ip, gcp_inside_ip, shared_secret

ROLE = "standby-db"
#: the synced secret (kaleo-sync-db-password) holding the Kaleo role's password
DB_PASSWORD_KEY = "db-password"
#: the standby database's own CA (certificate and key): kaleo-<stack>-db-ca
DB_CA_KEY = "db-ca"


class StandbyDatabase(Tier):
    TYPE = "kaleo:gcp:StandbyDatabase"
    ROLE = ROLE

    def __init__(
        self,
        name: str,
        cfg: GcpConfig,
        synced_secrets: dict[str, gcp.secretmanager.Secret],
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(name, opts)
        net = private_vpc(
            self,
            name,
            cfg,
            f"Kaleo standby database network ({cfg.stack})",
            {"subnet": cfg.standby_cidr},
            bgp_asn=cfg.standby_asn,
        )
        self.vpc, self.subnet, self.router = net.vpc, net.subnets["subnet"], net.router
        self.vpn_gateway = gcp.compute.HaVpnGateway(
            f"{name}-vpn", region=cfg.region, network=self.vpc.id, opts=self.child()
        )
        self.tunnels: list[gcp.compute.VPNTunnel] = []
        if cfg.standby_aws_tunnel_ips:
            self._tunnels(name, cfg)
        tag = vm.network_tag(ROLE)
        self.rules = [
            self._rule(f"{name}-pg-from-aws", [cfg.standby_aws_cidr], str(POSTGRES_PORT), tag, 1000),
            self._rule(f"{name}-ssh-from-iap", [IAP_RANGE], "22", tag, 1000),
        ]
        self.rules.append(deny_rest(self, name, self.vpc))
        zone = vm.zone_for(cfg, 0)
        self.account = vm.service_account(self, name, cfg, ROLE)
        metadata = {
            "kaleo-db-name": cfg.db_name,
            "kaleo-db-user": cfg.db_username,
            # pg_hba admits the failover app subnet (over the peering, once promoted)
            "kaleo-app-subnet": cfg.app_cidr,
        }
        password = synced_secrets.get(DB_PASSWORD_KEY)
        if password is not None:
            gcp.secretmanager.SecretIamMember(
                f"{name}-reads-{DB_PASSWORD_KEY}",
                secret_id=password.id,
                role=ACCESSOR,
                member=vm.member(self.account),
                opts=self.child(),
            )
            metadata["kaleo-db-password-secret"] = cfg.synced_secret_id(DB_PASSWORD_KEY)
        # its own database CA, as the failover database has (stacks.gcp.secrets): the VM issues its
        # server certificate from it; clients verify with the CA certificate (output standbyDbCaCert)
        self.ca_cert, both = certificate_authority(self, f"{name}-{DB_CA_KEY}", f"kaleo-{cfg.stack}-{DB_CA_KEY}")
        ca: pulumi.Input[str] = both
        ca_secret = gcp.secretmanager.Secret(
            f"{name}-{DB_CA_KEY}",
            secret_id=f"kaleo-{cfg.stack}-{DB_CA_KEY}",
            replication={"auto": {}},
            labels=labels(cfg.stack, ROLE),
            opts=self.child(),
        )
        gcp.secretmanager.SecretVersion(
            f"{name}-{DB_CA_KEY}-version", secret=ca_secret.id, secret_data=pulumi.Output.secret(ca), opts=self.child()
        )
        gcp.secretmanager.SecretIamMember(
            f"{name}-reads-{DB_CA_KEY}",
            secret_id=ca_secret.id,
            role=ACCESSOR,
            member=vm.member(self.account),
            opts=self.child(),
        )
        metadata["kaleo-db-ca-secret"] = f"kaleo-{cfg.stack}-{DB_CA_KEY}"
        self.data_disk, self.instance = postgres_vm(
            self, name, cfg, role=ROLE, zone=zone, subnet=self.subnet, account=self.account, metadata=metadata
        )
        self.done({"instance": self.instance.name, "caCert": self.ca_cert})

    def _tunnels(self, name: str, cfg: GcpConfig) -> None:
        secret = shared_secret("gcpStandbyVpnSharedSecret", cfg.stack)
        aws = gcp.compute.ExternalVpnGateway(
            f"{name}-aws",
            redundancy_type="FOUR_IPS_REDUNDANCY",
            interfaces=[{"id": i, "ip_address": ip} for i, ip in enumerate(cfg.standby_aws_tunnel_ips)],
            description="AWS site-to-site VPN tunnel endpoints (aws stack output standbyVpnTunnelIps)",
            opts=self.child(),
        )
        for i in range(TUNNELS):
            tunnel = gcp.compute.VPNTunnel(
                f"{name}-tunnel-{i}",
                region=cfg.region,
                vpn_gateway=self.vpn_gateway.id,
                vpn_gateway_interface=i // 2,
                peer_external_gateway=aws.id,
                peer_external_gateway_interface=i,
                shared_secret=secret,
                router=self.router.id,
                ike_version=2,
                opts=self.child(),
            )
            self.tunnels.append(tunnel)
            iface = gcp.compute.RouterInterface(
                f"{name}-if-{i}",
                router=self.router.name,
                region=cfg.region,
                ip_range=f"{gcp_inside_ip(i)}/30",
                vpn_tunnel=tunnel.name,
                opts=self.child(),
            )
            gcp.compute.RouterPeer(
                f"{name}-bgp-{i}",
                router=self.router.name,
                region=cfg.region,
                peer_ip_address=aws_inside_ip(i),
                peer_asn=cfg.standby_aws_asn,
                interface=iface.name,
                advertised_route_priority=100,
                opts=self.child(),
            )

    def _rule(self, name: str, sources: list[str], port: str, tag: str, priority: int) -> gcp.compute.Firewall:
        return gcp.compute.Firewall(
            name,
            network=self.vpc.id,
            direction="INGRESS",
            priority=priority,
            allows=[{"protocol": "tcp", "ports": [port]}],
            source_ranges=sources,
            target_tags=[tag],
            log_config={"metadata": "INCLUDE_ALL_METADATA"},
            opts=self.child(),
        )

    def interface_ips(self) -> pulumi.Output[list[str]]:
        """The HA VPN gateway's two addresses (the aws stack's kaleo:standbyGcpVpnIps)."""
        return self.vpn_gateway.vpn_interfaces.apply(lambda ifs: [i.ip_address or "" for i in ifs or []])
