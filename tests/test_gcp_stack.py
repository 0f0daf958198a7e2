"""The GCP failover stack and its standby stack, checked on their offline plans.

Each test reads what the Pulumi program registers (types and engine inputs) and fails if
the property it covers is dropped from stacks/gcp.
"""

from __future__ import annotations

import json

import pytest

from scripts.cloud.plan import SECRET_PLACEHOLDER, Plan, run_plan

GcpRoles = ("app", "db", "cache", "search")
LB_RANGES = {"130.211.0.0/22", "35.191.0.0/16"}
IAP = "35.235.240.0/20"
INSTANCE = "gcp:compute/instance:Instance"
TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
FIREWALL = "gcp:compute/firewall:Firewall"
BUCKET = "gcp:storage/bucket:Bucket"
DISK = "gcp:compute/disk:Disk"
LABELLED = (
    INSTANCE,
    TEMPLATE,
    DISK,
    BUCKET,
    "gcp:secretmanager/secret:Secret",
    "gcp:compute/globalAddress:GlobalAddress",
)


@pytest.fixture
def gcp(committed_plan) -> Plan:
    return committed_plan("gcp")


@pytest.fixture
def standby(committed_plan) -> Plan:
    return committed_plan("gcp-standby")


def named(plan: Plan, type_: str, name: str):
    found = [r for r in plan.by_type(type_) if r.name == name]
    assert len(found) == 1, f"no {type_} named {name}: {[r.name for r in plan.by_type(type_)]}"
    return found[0]


def role_of(r) -> str:
    return r.inputs["labels"]["role"]


def vms(plan: Plan, role: str):
    return [r for r in plan.by_type(INSTANCE) if role_of(r) == role]


# --- network ---------------------------------------------------------------------------


def test_custom_vpc_with_app_and_data_subnets(gcp):
    vpc = gcp.one("gcp:compute/network:Network")
    assert vpc.inputs["autoCreateSubnetworks"] is False
    subnets = {r.name: r.inputs for r in gcp.by_type("gcp:compute/subnetwork:Subnetwork")}
    assert subnets["kaleo-app"]["ipCidrRange"] == "10.40.0.0/22"
    assert subnets["kaleo-data"]["ipCidrRange"] == "10.40.4.0/22"
    assert all(s["region"] == "us-central1" and s["privateIpGoogleAccess"] for s in subnets.values())
    # app VMs on the app subnet, data tiers on the data subnet
    template = gcp.one(TEMPLATE)
    assert template.inputs["networkInterfaces"][0]["subnetwork"] == "kaleo-app-id"
    for role in ("db", "cache", "search"):
        assert {vm.inputs["networkInterfaces"][0]["subnetwork"] for vm in vms(gcp, role)} == {"kaleo-data-id"}


def test_cloud_nat_and_no_vm_has_a_public_ip(gcp):
    nat = gcp.one("gcp:compute/routerNat:RouterNat")
    assert nat.inputs["sourceSubnetworkIpRangesToNat"] == "ALL_SUBNETWORKS_ALL_IP_RANGES"
    assert nat.inputs["router"] == gcp.one("gcp:compute/router:Router").name
    for r in [*gcp.by_type(INSTANCE), *gcp.by_type(TEMPLATE)]:
        for nic in r.inputs["networkInterfaces"]:
            assert not nic.get("accessConfigs"), f"{r.name} has an external IP"


def rules(plan: Plan) -> dict[str, dict]:
    return {r.name: r.inputs for r in plan.by_type(FIREWALL)}


def test_http_to_app_only_from_load_balancer_ranges(gcp):
    fw = rules(gcp)
    reaching_app = {n: r for n, r in fw.items() if "kaleo-app" in r["targetTags"]}
    lb = fw["kaleo-lb-to-app"]
    assert set(lb["sourceRanges"]) == LB_RANGES
    assert lb["allows"] == [{"protocol": "tcp", "ports": ["8080"]}]
    # the only other rule reaching app VMs is IAP SSH
    assert set(reaching_app) == {"kaleo-lb-to-app", "kaleo-iap-ssh"}


def test_ssh_only_from_iap(gcp):
    fw = rules(gcp)
    ssh = [n for n, r in fw.items() if any("22" in a.get("ports", []) for a in r["allows"])]
    assert ssh == ["kaleo-iap-ssh"]
    assert fw["kaleo-iap-ssh"]["sourceRanges"] == [IAP]
    assert set(fw["kaleo-iap-ssh"]["targetTags"]) == {"kaleo-app", "kaleo-db", "kaleo-cache", "kaleo-search"}
    for name, r in fw.items():
        assert "0.0.0.0/0" not in r.get("sourceRanges", []), name


@pytest.mark.parametrize(
    ("rule", "ports", "source", "target"),
    [
        ("kaleo-app-to-db", ["5432"], ["kaleo-app"], ["kaleo-db"]),
        ("kaleo-app-to-cache", ["6379"], ["kaleo-app"], ["kaleo-cache"]),
        ("kaleo-app-to-search", ["9200"], ["kaleo-app"], ["kaleo-search"]),
        ("kaleo-search-cluster", ["9200", "9300"], ["kaleo-search"], ["kaleo-search"]),
    ],
)
def test_data_ports_only_from_the_app_tag(gcp, rule, ports, source, target):
    r = rules(gcp)[rule]
    assert r["allows"] == [{"protocol": "tcp", "ports": ports}]
    assert r["sourceTags"] == source
    assert r["targetTags"] == target
    assert not r.get("sourceRanges")


def test_each_data_port_is_opened_by_its_rules_only(gcp):
    opened: dict[str, set[str]] = {}
    for name, r in rules(gcp).items():
        for allow in r["allows"]:
            for port in allow.get("ports", []):
                opened.setdefault(port, set()).add(name)
    assert opened["5432"] == {"kaleo-app-to-db"}
    assert opened["6379"] == {"kaleo-app-to-cache"}
    assert opened["9200"] == {"kaleo-app-to-search", "kaleo-search-cluster"}
    assert opened["9300"] == {"kaleo-search-cluster"}


# --- app tier --------------------------------------------------------------------------


def test_app_template_debian_shielded_oslogin_dedicated_account(gcp):
    t = gcp.one(TEMPLATE).inputs
    boot = t["disks"][0]
    assert boot["sourceImage"] == "debian-cloud/debian-12" and boot["boot"] is True
    assert t["shieldedInstanceConfig"] == {
        "enableSecureBoot": True,
        "enableVtpm": True,
        "enableIntegrityMonitoring": True,
    }
    assert t["metadata"]["enable-oslogin"] == "TRUE"
    assert t["metadata"]["block-project-ssh-keys"] == "TRUE"
    app_sa = named(gcp, "gcp:serviceaccount/account:Account", "kaleo-app-sa")
    assert t["serviceAccount"]["email"] == f"{app_sa.name}@mock.iam.gserviceaccount.com"
    assert app_sa.inputs["accountId"] == "kaleo-app-gcp"


def test_service_accounts_have_minimal_project_roles(gcp):
    roles = {r.inputs["role"] for r in gcp.by_type("gcp:projects/iAMMember:IAMMember")}
    assert roles == {"roles/logging.logWriter", "roles/monitoring.metricWriter"}
    accounts = {r.inputs["accountId"] for r in gcp.by_type("gcp:serviceaccount/account:Account")}
    assert accounts == {"kaleo-app-gcp", "kaleo-db-gcp", "kaleo-cache-gcp", "kaleo-search-gcp"}


def test_regional_group_autoheals_behind_the_load_balancer(gcp):
    group = gcp.one("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager").inputs
    health = named(gcp, "gcp:compute/healthCheck:HealthCheck", "kaleo-app-health")
    assert group["region"] == "us-central1"
    assert "targetSize" not in group  # the autoscaler owns the size
    scaler = gcp.one("gcp:compute/regionAutoscaler:RegionAutoscaler").inputs
    assert scaler["target"] == "kaleo-app-group-id"
    assert scaler["autoscalingPolicy"]["minReplicas"] == 2
    assert scaler["autoscalingPolicy"]["maxReplicas"] == 6
    assert group["distributionPolicyZones"] == ["us-central1-a", "us-central1-b", "us-central1-c"]
    assert group["versions"][0]["instanceTemplate"] == "kaleo-app-template-id"
    assert health.inputs["httpHealthCheck"] == {"port": 8080, "requestPath": "/health"}
    backend = gcp.one("gcp:compute/backendService:BackendService").inputs
    assert backend["loadBalancingScheme"] == "EXTERNAL_MANAGED"
    assert backend["backends"][0]["group"].endswith("/kaleo-app-group")
    assert backend["healthChecks"] == f"{health.name}-id"


def test_autohealing_waits_for_the_boot_and_asks_nginx_not_the_app(gcp):
    """Defect 1: auto-healing on the app's /health recreated VMs still waiting for the restore."""
    group = gcp.one("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager").inputs
    converged = named(gcp, "gcp:compute/healthCheck:HealthCheck", "kaleo-app-converged")
    assert group["autoHealingPolicies"]["healthCheck"] == f"{converged.name}-id"
    assert group["autoHealingPolicies"]["initialDelaySec"] >= 600
    assert converged.inputs["httpHealthCheck"] == {"port": 8080, "requestPath": "/nginx-health"}


@pytest.mark.parametrize("role", ["app", "db", "cache", "search"])
def test_every_vm_configures_itself_at_boot(gcp, role):
    """Defect 1: the VMs booted bare Debian; now every template/VM carries the startup script and pin."""
    from stacks.gcp.vm import STARTUP_SCRIPT

    machines = [gcp.one(TEMPLATE)] if role == "app" else vms(gcp, role)
    assert machines
    for r in machines:
        metadata = r.inputs["metadata"]
        assert metadata["startup-script"] == STARTUP_SCRIPT.read_text(encoding="utf-8")
        assert metadata["kaleo-role"] == role
        assert metadata["kaleo-release-bucket"] == "kaleo-dr-releases"
        assert {"kaleo-bundle-version", "kaleo-bundle-sha256"} <= set(metadata)


def test_app_metadata_names_the_real_buckets_and_data_endpoints(gcp):
    """Defect 3: kaleo-buckets must hold the standby bucket names the roles read (JSON)."""
    metadata = gcp.one(TEMPLATE).inputs["metadata"]
    assert json.loads(metadata["kaleo-buckets"]) == {"uploads": "kaleo-dr-uploads"}
    ips = gcp.outputs["privateIps"]
    assert metadata["kaleo-db-host"] == ips["db"][0]
    assert metadata["kaleo-redis-host"] == ips["cache"][0]
    assert metadata["kaleo-search-hosts"].split(",") == ips["search"]
    assert metadata["kaleo-s3-hmac-access-id-secret"] == "kaleo-gcp-storage-hmac-access-id"


def test_hmac_access_id_and_secret_are_in_secret_manager_for_the_app(gcp):
    """Defect 3: the HMAC access id was neither in the metadata nor in Secret Manager."""
    secrets = {r.inputs["secretId"]: r.name for r in gcp.by_type("gcp:secretmanager/secret:Secret")}
    app_member = "serviceAccount:kaleo-app-sa@mock.iam.gserviceaccount.com"
    accessors = {
        (r.inputs["secretId"], r.inputs["member"])
        for r in gcp.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
    }
    for secret_id in ("kaleo-gcp-storage-hmac-access-id", "kaleo-gcp-storage-hmac-secret"):
        assert (f"{secrets[secret_id]}-id", app_member) in accessors


def test_every_vm_account_reads_the_release_bucket_declared_by_the_standby_stack(gcp, standby):
    """Defect 3: the release bucket was in no stack and no account could read it."""
    released = named(standby, BUCKET, "kaleo-releases").inputs
    assert released["name"] == "kaleo-dr-releases" and released["versioning"] == {"enabled": True}
    readers = {
        r.inputs["member"]
        for r in gcp.by_type("gcp:storage/bucketIAMMember:BucketIAMMember")
        if r.inputs["bucket"] == "kaleo-dr-releases" and r.inputs["role"] == "roles/storage.objectViewer"
    }
    assert readers == {f"serviceAccount:kaleo-{role}-sa@mock.iam.gserviceaccount.com" for role in GcpRoles}


def test_search_snapshots_reach_gcs_and_the_search_vms_may_read_them(gcp, standby):
    """Defect 2: the snapshot bucket was in no stack, unreadable, and nothing copied snapshots out of AWS."""
    bucket = named(standby, BUCKET, "kaleo-search-snapshots").inputs
    assert bucket["name"] == "kaleo-dr-search-snapshots"
    jobs = {
        r.inputs["transferSpec"]["gcsDataSink"]["bucketName"]: r.inputs
        for r in standby.by_type("gcp:storage/transferJob:TransferJob")
    }
    spec = jobs["kaleo-dr-search-snapshots"]["transferSpec"]
    assert spec["awsS3DataSource"]["bucketName"] == "kaleo-prod-search-snapshots"
    grants = {
        (r.inputs["bucket"], r.inputs["role"], r.inputs["member"])
        for r in gcp.by_type("gcp:storage/bucketIAMMember:BucketIAMMember")
    }
    search_member = "serviceAccount:kaleo-search-sa@mock.iam.gserviceaccount.com"
    assert ("kaleo-dr-search-snapshots", "roles/storage.objectViewer", search_member) in grants
    for r in vms(gcp, "search"):
        assert r.inputs["metadata"]["kaleo-search-version"].split(".")[0] == "2"


def test_data_disks_are_separate_disks_that_outlive_the_vm(gcp):
    for role in ("db", "search"):
        for r in vms(gcp, role):
            assert r.inputs["attachedDisks"], r.name
            for attached in r.inputs["attachedDisks"]:
                assert attached["source"].endswith("-data-id")
                assert "autoDelete" not in attached


def test_https_load_balancer_uses_the_standby_certificate_map_and_redirects_http(gcp):
    # no certificate is issued at failover: the proxy uses the standby stack's map by name
    assert not gcp.by_type("gcp:compute/managedSslCertificate:ManagedSslCertificate")
    https_proxy = gcp.one("gcp:compute/targetHttpsProxy:TargetHttpsProxy")
    assert https_proxy.inputs["certificateMap"] == (
        "//certificatemanager.googleapis.com/projects/kaleo-dr/locations/global/certificateMaps/kaleo-dr"
    )
    assert "sslCertificates" not in https_proxy.inputs
    rules_ = {
        r.inputs["portRange"]: r.inputs for r in gcp.by_type("gcp:compute/globalForwardingRule:GlobalForwardingRule")
    }
    assert set(rules_) == {"443", "80"}
    assert rules_["443"]["target"] == f"{https_proxy.name}-id"
    assert rules_["443"]["ipAddress"] == rules_["80"]["ipAddress"]
    http_proxy = gcp.one("gcp:compute/targetHttpProxy:TargetHttpProxy")
    assert rules_["80"]["target"] == f"{http_proxy.name}-id"
    redirect = named(gcp, "gcp:compute/uRLMap:URLMap", http_proxy.inputs["urlMap"].removesuffix("-id"))
    assert redirect.inputs["defaultUrlRedirect"]["httpsRedirect"] is True
    assert "defaultService" not in redirect.inputs
    assert gcp.one("gcp:compute/sSLPolicy:SSLPolicy").inputs["minTlsVersion"] == "TLS_1_2"


# --- data tiers ------------------------------------------------------------------------


def test_database_vm_has_ssd_data_disk_at_least_rds_storage_with_daily_snapshots(gcp, committed_plan):
    aws = committed_plan("aws")
    rds_storage = aws.one("aws:rds/instance:Instance").inputs["allocatedStorage"]
    (db,) = vms(gcp, "db")
    disk = named(gcp, DISK, "kaleo-db-data")
    assert disk.inputs["type"] == "pd-ssd"
    assert disk.inputs["size"] >= rds_storage
    assert db.inputs["attachedDisks"] == [{"source": "kaleo-db-data-id", "deviceName": "pgdata"}]
    attachment = gcp.one("gcp:compute/diskResourcePolicyAttachment:DiskResourcePolicyAttachment").inputs
    policy = gcp.one("gcp:compute/resourcePolicy:ResourcePolicy")
    assert attachment["disk"] == disk.name and attachment["name"] == policy.name
    schedule = policy.inputs["snapshotSchedulePolicy"]
    assert schedule["schedule"]["dailySchedule"]["daysInCycle"] == 1
    assert schedule["retentionPolicy"]["onSourceDiskDelete"] == "KEEP_AUTO_SNAPSHOTS"
    assert db.inputs["deletionProtection"] is True
    assert db.inputs["machineType"] == "n2-highmem-2"


def test_cache_and_search_vms(gcp):
    (cache,) = vms(gcp, "cache")
    assert cache.inputs["tags"] == ["kaleo-cache"]
    search = vms(gcp, "search")
    assert len(search) == 3
    assert {vm.inputs["zone"] for vm in search} == {"us-central1-a", "us-central1-b", "us-central1-c"}
    disks = {r.name: r.inputs for r in gcp.by_type(DISK) if role_of(r) == "search"}
    assert len(disks) == 3 and all(d["size"] == 100 and d["type"] == "pd-ssd" for d in disks.values())
    for vm in search:
        assert vm.inputs["tags"] == ["kaleo-search"]
        assert vm.inputs["attachedDisks"][0]["source"].removesuffix("-id") in disks


def test_search_count_and_sizes_come_from_config(stack_copy):
    stack_copy.set("gcp", "kaleo:gcpSearchInstances", 5)
    stack_copy.set("gcp", "kaleo:gcpDbDiskGb", 250)
    plan = run_plan("gcp", stack_copy.dir)
    assert len(vms(plan, "search")) == 5
    assert named(plan, DISK, "kaleo-db-data").inputs["size"] == 250


@pytest.mark.parametrize(
    ("key", "value"),
    [("kaleo:gcpMode", "half"), ("kaleo:gcpAppMaxInstances", 1), ("kaleo:gcpZones", ["europe-west1-b"])],
)
def test_bad_config_is_refused_naming_the_key(stack_copy, cli, key, value):
    stack_copy.set("gcp", key, value)
    r = cli("plan", "--stack", "gcp", "--project-dir", str(stack_copy.dir), "--json")
    assert r.code == 2
    assert key in r.json()["error"]


# --- storage, secrets, labels, outputs -------------------------------------------------


def test_object_buckets_private_versioned_and_fed_from_s3(standby):
    uploads = named(standby, BUCKET, "kaleo-objects-uploads").inputs
    assert uploads["name"] == "kaleo-dr-uploads"
    assert uploads["uniformBucketLevelAccess"] is True
    assert uploads["publicAccessPrevention"] == "enforced"
    assert uploads["versioning"] == {"enabled": True}
    job = named(standby, "gcp:storage/transferJob:TransferJob", "kaleo-s3-uploads").inputs
    assert job["transferSpec"]["awsS3DataSource"]["bucketName"] == "kaleo-prod-uploads"
    assert job["transferSpec"]["gcsDataSink"]["bucketName"] == "kaleo-dr-uploads"


def test_app_gets_an_hmac_key_and_bucket_access(gcp):
    app_sa = named(gcp, "gcp:serviceaccount/account:Account", "kaleo-app-sa")
    hmac = gcp.one("gcp:storage/hmacKey:HmacKey")
    assert hmac.inputs["serviceAccountEmail"] == f"{app_sa.name}@mock.iam.gserviceaccount.com"
    grants = {
        r.inputs["bucket"]: r.inputs
        for r in gcp.by_type("gcp:storage/bucketIAMMember:BucketIAMMember")
        if r.inputs["member"].endswith(f"{app_sa.name}@mock.iam.gserviceaccount.com")
    }
    assert grants["kaleo-dr-uploads"]["role"] == "roles/storage.objectAdmin"
    assert gcp.outputs["hmacAccessId"].startswith("GOOGMOCK")


def test_credentials_in_secret_manager_never_in_metadata(gcp):
    secrets = {r.inputs["secretId"] for r in gcp.by_type("gcp:secretmanager/secret:Secret")}
    assert {"kaleo-gcp-db-password", "kaleo-gcp-search-password"} <= secrets
    assert len(gcp.by_type("gcp:secretmanager/secretVersion:SecretVersion")) == len(secrets)
    for r in [*gcp.by_type(INSTANCE), *gcp.by_type(TEMPLATE)]:
        metadata = r.inputs["metadata"]
        assert SECRET_PLACEHOLDER not in json.dumps(metadata), r.name
        assert not any("password" in k and not k.endswith("-secret") for k in metadata), r.name
    (db,) = vms(gcp, "db")
    assert db.inputs["metadata"]["kaleo-db-password-secret"] == "kaleo-gcp-db-password"
    accessors = {
        (r.inputs["secretId"], r.inputs["member"])
        for r in gcp.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
    }
    assert ("kaleo-db-password-id", "serviceAccount:kaleo-db-sa@mock.iam.gserviceaccount.com") in accessors
    assert ("kaleo-db-password-id", "serviceAccount:kaleo-cache-sa@mock.iam.gserviceaccount.com") not in accessors


@pytest.mark.parametrize("stack", ["gcp", "gcp-standby"])
def test_labels_on_every_labelled_resource(stack, gcp, standby):
    plan = gcp if stack == "gcp" else standby
    labelled = [r for r in plan.resources if r.type in LABELLED]
    assert labelled
    for r in labelled:
        labels = r.inputs["labels"]
        assert labels["app"] == "kaleo" and labels["stack"] == stack, r.name
        assert labels["role"] in ("app", "db", "cache", "search", "storage", "continuity", "watcher"), r.name
    roles = {role_of(r) for r in plan.by_type(INSTANCE)}
    assert roles == ({"db", "cache", "search"} if stack == "gcp" else {"watcher"})


def test_outputs_name_ips_buckets_and_secrets(gcp):
    out = gcp.outputs
    assert out["loadBalancerIp"] == "203.0.113.10"
    assert out["instances"] == {
        "db": ["kaleo-db-vm"],
        "cache": ["kaleo-cache-0"],
        "search": ["kaleo-search-0", "kaleo-search-1", "kaleo-search-2"],
    }
    assert all(ip.startswith("10.") for ips in out["privateIps"].values() for ip in ips)
    assert out["buckets"] == {"uploads": "kaleo-dr-uploads"}
    assert out["secretIds"]["db-password"] == "kaleo-gcp-db-password"


# --- continuity (standby stack) ---------------------------------------------------------


def test_standby_has_no_compute_and_failover_has_no_buckets(gcp, standby):
    # the standby's only VM is the watcher (the continuity jobs' dead-man's switch), no app template
    assert [r.name for r in standby.by_type(INSTANCE)] == ["kaleo-watcher-vm"] and not standby.by_type(TEMPLATE)
    assert not gcp.by_type(BUCKET)
    assert standby.outputs["mode"] == "standby" and gcp.outputs["mode"] == "failover"


def test_dump_bucket_retention_lifecycle_and_private(standby):
    dumps = named(standby, BUCKET, "kaleo-dumps").inputs
    assert dumps["name"] == "kaleo-dr-db-dumps"
    assert dumps["publicAccessPrevention"] == "enforced" and dumps["uniformBucketLevelAccess"] is True
    assert dumps["retentionPolicy"]["retentionPeriod"] == str(7 * 86400)
    assert dumps["lifecycleRules"] == [{"action": {"type": "Delete"}, "condition": {"age": 35}}]


def test_transfer_job_is_scheduled_and_its_agent_may_write_only_the_copied_buckets(standby):
    job = named(standby, "gcp:storage/transferJob:TransferJob", "kaleo-s3-uploads").inputs
    assert job["schedule"]["repeatInterval"] == "3600s"
    assert job["schedule"]["scheduleStartDate"] == {"year": 2026, "month": 1, "day": 1}
    assert job["transferSpec"]["awsS3DataSource"]["roleArn"] == "arn:aws:iam::000000000000:role/kaleo-gcs-transfer"
    assert "awsAccessKey" not in job["transferSpec"]["awsS3DataSource"]
    assert job["status"] == "ENABLED"
    # the agent comes from the provider's lookup (the mocked answer), not from a config placeholder
    agent = "serviceAccount:project-100000000000@storage-transfer-service.iam.gserviceaccount.com"
    grants = sorted(
        (r.inputs["bucket"], r.inputs["role"])
        for r in standby.by_type("gcp:storage/bucketIAMMember:BucketIAMMember")
        if r.inputs["member"] == agent
    )
    assert grants == [
        ("kaleo-dr-search-snapshots", "roles/storage.legacyBucketReader"),
        ("kaleo-dr-search-snapshots", "roles/storage.objectAdmin"),
        ("kaleo-dr-uploads", "roles/storage.legacyBucketReader"),
        ("kaleo-dr-uploads", "roles/storage.objectAdmin"),
    ]


def test_transfer_jobs_can_be_paused_for_a_failover(stack_copy):
    stack_copy.set("gcp-standby", "kaleo:gcpTransferEnabled", False)
    plan = run_plan("gcp-standby", stack_copy.dir)
    assert {r.inputs["status"] for r in plan.by_type("gcp:storage/transferJob:TransferJob")} == {"DISABLED"}
    assert plan.by_type("gcp:storage/bucket:Bucket")  # the buckets stay


def test_backup_writer_can_create_and_list_dumps_but_not_read_them(standby):
    """Defect 4: with objectCreator only, ``backup create`` got a 403 when it listed the bucket."""
    writer = named(standby, "gcp:serviceaccount/account:Account", "kaleo-backup-writer")
    member = f"serviceAccount:{writer.name}@mock.iam.gserviceaccount.com"
    grants = sorted(
        (r.type, r.inputs.get("bucket"), r.inputs["role"])
        for r in standby.resources
        if r.inputs.get("member") == member
    )
    assert grants == [
        ("gcp:storage/bucketIAMMember:BucketIAMMember", "kaleo-dr-db-dumps", "roles/storage.legacyBucketReader"),
        ("gcp:storage/bucketIAMMember:BucketIAMMember", "kaleo-dr-db-dumps", "roles/storage.objectCreator"),
    ]


def test_plan_json_shows_every_tier(cli):
    r = cli("plan", "--stack", "gcp", "--json")
    assert r.code == 0
    types = {res["type"] for res in r.json()["resources"]}
    for component in ("Network", "Secrets", "App", "Database", "Cache", "Search", "ObjectAccess"):
        assert f"kaleo:gcp:{component}" in types


# --- config declarations ----------------------------------------------------------------


def _project_config() -> dict:
    import yaml

    from tests.conftest import ROOT

    return yaml.safe_load((ROOT / "Pulumi.yaml").read_text(encoding="utf-8"))["config"]


def test_every_gcp_key_is_declared_typed_described_and_optional():
    from tests.conftest import ROOT

    declared = {k: v for k, v in _project_config().items() if k.startswith("gcp")}
    assert len(declared) > 30
    for key, spec in declared.items():
        assert spec["type"] in ("string", "integer", "boolean", "array"), key
        assert spec["description"].startswith("GCP: "), key
        # Pulumi requires every declared key without a default in every stack, the aws stack included
        assert "default" in spec, key
    code = (ROOT / "stacks" / "config.py").read_text(encoding="utf-8")
    for key in declared:
        assert f'"{key}"' in code, f"{key} is declared but never read"
    for stack in ("gcp", "gcp-standby"):
        import yaml

        doc = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text(encoding="utf-8"))["config"]
        for key in doc:
            ns, _, name = key.partition(":")
            assert ns in ("gcp", "kaleo"), key
            if ns == "kaleo":
                assert name in _project_config(), f"{key} of Pulumi.{stack}.yaml is not declared"


def test_declared_defaults_match_the_code_defaults():
    from stacks.config import GcpConfig

    code = GcpConfig(stack="x")
    declared = _project_config()
    assert declared["gcpDbMachineType"]["default"] == code.db_machine_type
    assert declared["gcpSearchInstances"]["default"] == code.search_instances
    assert declared["gcpDumpBucket"]["default"] == code.dump_bucket
    assert declared["gcpBucketPrefix"]["default"] == code.bucket_prefix
    assert declared["gcpZones"]["default"] == code.zones
    assert declared["gcpMode"]["default"] == code.mode


# --- pre-staged outside AWS (standby stack) ---------------------------------------------


def test_both_stacks_enable_the_apis_they_use_and_never_disable_them(gcp, standby):
    from stacks.gcp.apis import APIS

    for plan in (gcp, standby):
        services = {r.inputs["service"]: r.inputs for r in plan.by_type("gcp:projects/service:Service")}
        assert set(services) == set(APIS.values())
        assert all(s["disableOnDestroy"] is False for s in services.values())
    # every resource of a tier waits for the APIs it needs
    (vm,) = vms(gcp, "db")
    assert {"kaleo-apis-compute", "kaleo-apis-secretmanager"} <= set(vm.depends_on)
    for job in standby.by_type("gcp:storage/transferJob:TransferJob"):
        assert "kaleo-apis-storagetransfer" in job.depends_on
    cert = standby.one("gcp:certificatemanager/certificate:Certificate")
    assert "kaleo-apis-certificatemanager" in cert.depends_on


def test_certificate_is_dns_authorized_and_mapped_in_the_standby_stack(standby):
    auth = standby.one("gcp:certificatemanager/dnsAuthorization:DnsAuthorization")
    assert auth.inputs["domain"] == "kaleo.example.com"
    cert = standby.one("gcp:certificatemanager/certificate:Certificate").inputs
    assert cert["managed"]["domains"] == ["kaleo.example.com"]
    assert cert["managed"]["dnsAuthorizations"] == [f"{auth.name}-id"]
    cmap = standby.one("gcp:certificatemanager/certificateMap:CertificateMap")
    assert cmap.inputs["name"] == "kaleo-dr"
    entry = standby.one("gcp:certificatemanager/certificateMapEntry:CertificateMapEntry").inputs
    assert entry["hostname"] == "kaleo.example.com" and entry["certificates"] == ["kaleo-tls-cert-id"]
    records = standby.outputs["dnsAuthorizationRecords"]["kaleo.example.com"]
    assert records and records[0]["type"] == "CNAME" and records[0]["name"].startswith("_acme-challenge.")


def test_transfer_agent_is_looked_up_and_its_subject_id_exported(standby):
    from tests.conftest import ROOT

    assert standby.outputs["transferAgentSubjectId"] == "100000000000000000000"
    assert "gcpProjectNumber" not in _project_config()
    for stack in ("gcp", "gcp-standby"):
        assert "gcpProjectNumber" not in (ROOT / f"Pulumi.{stack}.yaml").read_text(encoding="utf-8")


def test_synced_secrets_are_created_by_standby_and_only_read_by_failover(gcp, standby):
    synced = {r.inputs["secretId"] for r in standby.by_type("gcp:secretmanager/secret:Secret")}
    assert {"kaleo-sync-app-secret-key", "kaleo-sync-redis-password"} <= synced
    # no version: `kaleo-dr secrets sync` adds them from AWS Secrets Manager
    versions = {r.inputs["secret"] for r in standby.by_type("gcp:secretmanager/secretVersion:SecretVersion")}
    assert not {"kaleo-sync-app-secret-key-id", "kaleo-sync-redis-password-id"} & versions
    # the failover stack generates neither, and its VMs read the synced ones
    failover_ids = {r.inputs["secretId"] for r in gcp.by_type("gcp:secretmanager/secret:Secret")}
    assert not {"kaleo-gcp-app-secret-key", "kaleo-gcp-redis-password"} & failover_ids
    accessors = {
        (r.inputs["secretId"], r.inputs["member"])
        for r in gcp.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
    }
    assert ("kaleo-sync-app-secret-key", "serviceAccount:kaleo-app-sa@mock.iam.gserviceaccount.com") in accessors
    assert ("kaleo-sync-redis-password", "serviceAccount:kaleo-cache-sa@mock.iam.gserviceaccount.com") in accessors
    assert gcp.one(TEMPLATE).inputs["metadata"]["kaleo-app-secret-key-secret"] == "kaleo-sync-app-secret-key"


def test_operators_group_gets_iap_os_login_and_service_account_user(standby):
    grants = {
        (r.inputs["role"], r.inputs["member"])
        for r in standby.by_type("gcp:projects/iAMMember:IAMMember")
        if not r.name.startswith("kaleo-watcher")
    }
    group = "group:kaleo-operators@example.com"
    assert grants == {
        ("roles/iap.tunnelResourceAccessor", group),
        ("roles/compute.osAdminLogin", group),
        ("roles/iam.serviceAccountUser", group),
    }


def test_the_search_nodes_share_one_ca_from_secret_manager(gcp):
    (ca_key,) = [r for r in gcp.by_type("tls:index/privateKey:PrivateKey") if r.name.endswith("search-ca-key")]
    assert ca_key.inputs["algorithm"] == "ECDSA"
    (ca,) = [r for r in gcp.by_type("tls:index/selfSignedCert:SelfSignedCert") if r.name.endswith("search-ca-cert")]
    assert ca.inputs["isCaCertificate"] is True and "cert_signing" in ca.inputs["allowedUses"]
    secrets = {r.inputs["secretId"] for r in gcp.by_type("gcp:secretmanager/secret:Secret")}
    assert "kaleo-gcp-search-ca" in secrets
    for node in vms(gcp, "search"):
        assert node.inputs["metadata"]["kaleo-search-ca-secret"] == "kaleo-gcp-search-ca"
    readers = [
        r.inputs["member"]
        for r in gcp.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
        if r.name.endswith("-reads-search-ca")
    ]
    assert readers == ["serviceAccount:kaleo-search-sa@mock.iam.gserviceaccount.com"]


def test_the_database_server_certificate_comes_from_the_db_ca(gcp):
    """The database VM issues its certificate from a CA in Secret Manager; the app gets the CA
    certificate alone (public, in its metadata) and verifies the server with it (verify-full)."""
    (ca,) = [r for r in gcp.by_type("tls:index/selfSignedCert:SelfSignedCert") if r.name.endswith("db-ca-cert")]
    assert ca.inputs["isCaCertificate"] is True and "cert_signing" in ca.inputs["allowedUses"]
    assert ca.inputs["subject"]["commonName"] == "kaleo-gcp-db-ca"
    secrets = {r.inputs["secretId"] for r in gcp.by_type("gcp:secretmanager/secret:Secret")}
    assert "kaleo-gcp-db-ca" in secrets
    (db,) = vms(gcp, "db")
    assert db.inputs["metadata"]["kaleo-db-ca-secret"] == "kaleo-gcp-db-ca"
    readers = [
        r.inputs["member"]
        for r in gcp.by_type("gcp:secretmanager/secretIamMember:SecretIamMember")
        if r.name.endswith("-reads-db-ca")
    ]
    assert readers == ["serviceAccount:kaleo-db-sa@mock.iam.gserviceaccount.com"]  # the CA key: the db VM only
    (app,) = [r for r in gcp.by_type(TEMPLATE) if role_of(r) == "app"]
    cert = app.inputs["metadata"]["kaleo-db-ca-cert"]
    assert cert == "-----BEGIN CERTIFICATE-----\nMOCK kaleo-db-ca-cert\n-----END CERTIFICATE-----\n"
    assert "PRIVATE KEY" not in json.dumps(app.inputs["metadata"])
    assert "kaleo-db-ca-secret" not in app.inputs["metadata"]
