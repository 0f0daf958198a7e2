"""``kaleo-dr wiring``: passes on the repository, names the missing link on mutated copies."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from scripts.cloud.wiring import DEFAULT_PLAYBOOKS, check, load_playbooks

ROOT = Path(__file__).resolve().parent.parent


def _copy_playbooks(tmp_path: Path) -> Path:
    dest = tmp_path / "playbooks"
    shutil.copytree(DEFAULT_PLAYBOOKS, dest)
    return dest


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _missing(result) -> list[str]:
    data = result.json()
    assert data["ok"] is False
    return [f"{m['consumer']}: {m['detail']}" for m in data["missing"]]


def test_the_repository_is_wired(cli):
    r = cli("wiring", "--json")
    assert r.code == 0, r.stdout
    data = r.json()
    assert data["ok"] is True and data["missing"] == []
    kinds = {link["kind"] for link in data["links"]}
    assert kinds == {"boot", "metadata", "secret", "bucket", "health", "identity"}
    resources = {link["resource"] for link in data["links"]}
    # the links the four defects were about are among those checked
    assert {"kaleo-dr-releases", "kaleo-dr-uploads", "kaleo-dr-search-snapshots", "kaleo-dr-db-dumps"} <= resources
    assert {"kaleo-gcp-storage-hmac-access-id", "kaleo-buckets", "kaleo-bundle-sha256"} <= resources


def test_a_release_bucket_renamed_in_role_defaults_is_a_missing_link(cli, tmp_path):
    books = _copy_playbooks(tmp_path)
    _replace(
        books / "roles/app/defaults/main.yml",
        "app_release_bucket: kaleo-dr-releases",
        "app_release_bucket: kaleo-releases",
    )
    r = cli("wiring", "--playbooks", str(books), "--json")
    assert r.code == 1
    assert _missing(r) == ["app VM kaleo-app-template: no stack declares bucket kaleo-releases"]
    assert r.json()["missing"][0]["need"].endswith("(role app default app_release_bucket)")


def test_a_renamed_metadata_key_is_a_missing_link(cli, tmp_path):
    books = _copy_playbooks(tmp_path)
    _replace(
        books / "roles/common/defaults/main.yml", "kaleo_buckets: kaleo-buckets", "kaleo_buckets: kaleo-bucket-names"
    )
    r = cli("wiring", "--playbooks", str(books), "--json")
    assert r.code == 1
    assert _missing(r) == [
        "app VM kaleo-app-template: role app uses kaleo_buckets, the VM metadata has no key kaleo-bucket-names"
    ]


def _copy_project(tmp_path: Path) -> Path:
    """The stack files, the Pulumi program and the playbooks, to mutate."""
    project = tmp_path / "project"
    project.mkdir()
    for path in ROOT.glob("Pulumi*.yaml"):
        shutil.copy(path, project / path.name)
    shutil.copytree(ROOT / "stacks", project / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DEFAULT_PLAYBOOKS, project / "playbooks")
    return project


def test_a_dropped_iam_binding_is_a_missing_link(cli, tmp_path):
    project = _copy_project(tmp_path)
    _replace(
        project / "stacks/gcp/search.py",
        'vm.grant_bucket(\n            self, f"{name}-reads-snapshots"',
        'None and vm.grant_bucket(\n            self, f"{name}-reads-snapshots"',
    )
    r = cli("wiring", "--project-dir", str(project), "--playbooks", str(project / "playbooks"), "--json")
    assert r.code == 1
    member = "serviceAccount:kaleo-search-sa@mock.iam.gserviceaccount.com"
    perms = "storage.objects.get, storage.objects.list"
    assert _missing(r) == [
        f"search VM kaleo-search-{i}: {member} lacks {perms} on kaleo-dr-search-snapshots" for i in range(3)
    ]


@pytest.fixture
def plans(committed_plan):
    return [committed_plan("gcp"), committed_plan("gcp-standby")]


def test_a_dump_writer_that_cannot_list_is_a_missing_link(plans):
    gcp, standby = plans
    creator_only = dataclasses.replace(
        standby,
        resources=[r for r in standby.resources if r.inputs.get("role") != "roles/storage.legacyBucketReader"],
    )
    report = check([gcp, creator_only], load_playbooks(DEFAULT_PLAYBOOKS))
    assert [(m.consumer, m.detail) for m in report.missing] == [
        (
            "backup create (dump writer)",
            "serviceAccount:kaleo-backup-writer@mock.iam.gserviceaccount.com"
            " lacks storage.objects.list on kaleo-dr-db-dumps",
        ),
        (  # the AWS agent writes dumps through workload identity federation: it lists first too
            "continuity agent (AWS, workload identity)",
            "serviceAccount:kaleo-agent-identity-sa@mock.iam.gserviceaccount.com"
            " lacks storage.objects.list on kaleo-dr-db-dumps",
        ),
    ]


def test_autohealing_on_a_path_nginx_does_not_answer_is_a_missing_link(plans, tmp_path):
    books = _copy_playbooks(tmp_path)
    _replace(
        books / "roles/app/defaults/main.yml", "app_nginx_health_path: /nginx-health", "app_nginx_health_path: /up"
    )
    report = check(plans, load_playbooks(books))
    assert [m.kind for m in report.missing] == ["health"]
    assert "the app role's nginx answers :8080/up" in report.missing[0].detail


def test_a_secret_the_vm_may_not_read_is_a_missing_link(plans):
    gcp, standby = plans
    no_grant = dataclasses.replace(
        gcp, resources=[r for r in gcp.resources if r.name != "kaleo-objects-reads-storage-hmac-access-id"]
    )
    report = check([no_grant, standby], load_playbooks(DEFAULT_PLAYBOOKS))
    assert [(m.kind, m.resource) for m in report.missing] == [("secret", "kaleo-gcp-storage-hmac-access-id")]


def test_a_watcher_that_cannot_write_its_records_or_read_its_relay_password_is_a_missing_link(plans):
    gcp, standby = plans
    report = check(plans, load_playbooks(DEFAULT_PLAYBOOKS))
    watcher = {(m.kind, m.resource) for m in report.links if "watcher" in m.consumer and m.ok}
    assert {("bucket", "kaleo-dr-db-dumps"), ("secret", "kaleo-gcp-standby-alarm-smtp-password")} <= watcher
    cut = dataclasses.replace(
        standby,
        resources=[
            r
            for r in standby.resources
            if r.name not in ("kaleo-watcher-writes-results", "kaleo-watcher-reads-smtp-password")
        ],
    )
    report = check([gcp, cut], load_playbooks(DEFAULT_PLAYBOOKS))
    assert sorted((m.consumer, m.kind, m.resource) for m in report.missing) == [
        ("watcher VM kaleo-watcher-vm", "secret", "kaleo-gcp-standby-alarm-smtp-password"),
        ("watcher job records", "bucket", "kaleo-dr-db-dumps"),
    ]


def test_a_search_ca_no_search_vm_may_read_is_a_missing_link(plans):
    """Separately booted search nodes trust each other only through the shared CA in Secret Manager."""
    gcp, standby = plans
    no_ca_grant = dataclasses.replace(
        gcp, resources=[r for r in gcp.resources if not r.name.endswith("-reads-search-ca")]
    )
    assert len(no_ca_grant.resources) == len(gcp.resources) - 1
    report = check([no_ca_grant, standby], load_playbooks(DEFAULT_PLAYBOOKS))
    assert sorted({(m.kind, m.resource) for m in report.missing}) == [("secret", "kaleo-gcp-search-ca")]
    assert {m.consumer for m in report.missing} == {f"search VM kaleo-search-{i}" for i in range(3)}


def _network_missing(report) -> list[tuple[str, str]]:
    return [(m.resource, m.detail) for m in report.missing if m.kind == "network"]


def test_the_failover_app_path_to_the_promoted_standby_is_wired(linked_plans):
    report = check(list(linked_plans), load_playbooks(DEFAULT_PLAYBOOKS))
    assert report.ok, [(m.consumer, m.detail) for m in report.missing]
    network = sorted(link.resource for link in report.links if link.kind == "network")
    assert network == [
        "firewall 10.40.0.0/22 -> kaleo-standby-db:5432",
        "kaleo-db-host",
        "peering failover -> standby",
        "peering standby -> failover",
        "pg_hba of kaleo-standby-db-vm",
    ]


@pytest.mark.parametrize(
    ("dropped", "resource"),
    [
        ("kaleo-standby-path-to-standby", "peering failover -> standby"),
        ("kaleo-standby-path-from-standby", "peering standby -> failover"),
        ("kaleo-standby-path-app-to-standby-db", "firewall 10.40.0.0/22 -> kaleo-standby-db:5432"),
    ],
)
def test_a_removed_peering_or_firewall_rule_is_a_missing_link(linked_plans, dropped, resource):
    gcp, standby = linked_plans
    cut = dataclasses.replace(gcp, resources=[r for r in gcp.resources if r.name != dropped])
    assert len(cut.resources) == len(gcp.resources) - 1
    missing = _network_missing(check([cut, standby], load_playbooks(DEFAULT_PLAYBOOKS)))
    assert [m[0] for m in missing] == [resource]
    assert "set kaleo:gcpStandbyStack: gcp-standby in Pulumi.gcp.yaml" in missing[0][1]


def test_a_rule_admitting_another_range_or_port_is_a_missing_link(linked_plans):
    gcp, standby = linked_plans

    def widen(r, **inputs):
        return dataclasses.replace(r, inputs={**r.inputs, **inputs}) if r.name.endswith("app-to-standby-db") else r

    for inputs in ({"sourceRanges": ["10.40.4.0/22"]}, {"allows": [{"protocol": "tcp", "ports": ["22"]}]}):
        cut = dataclasses.replace(gcp, resources=[widen(r, **inputs) for r in gcp.resources])
        missing = _network_missing(check([cut, standby], load_playbooks(DEFAULT_PLAYBOOKS)))
        assert [m[0] for m in missing] == ["firewall 10.40.0.0/22 -> kaleo-standby-db:5432"]


def test_a_standby_without_the_failover_link_names_the_missing_setting(committed_plan, linked_plans):
    """The standby DB is on but the failover stack was not told: wiring names kaleo:gcpStandbyStack."""
    _, standby = linked_plans
    report = check([committed_plan("gcp"), standby], load_playbooks(DEFAULT_PLAYBOOKS))
    missing = _network_missing(report)
    assert [m[0] for m in missing] == [
        "peering failover -> standby",
        "peering standby -> failover",
        "firewall 10.40.0.0/22 -> kaleo-standby-db:5432",
    ]
    assert all("kaleo:gcpStandbyStack" in detail for _, detail in missing)


def test_an_app_still_on_the_restored_vm_or_a_standby_hba_for_another_subnet_is_a_missing_link(linked_plans):
    gcp, standby = linked_plans

    def meta(r, key, value):
        if r.type not in ("gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/instance:Instance"):
            return r
        if key not in (r.inputs.get("metadata") or {}):
            return r
        return dataclasses.replace(r, inputs={**r.inputs, "metadata": {**r.inputs["metadata"], key: value}})

    app_on_vm = dataclasses.replace(gcp, resources=[meta(r, "kaleo-db-host", "10.40.4.7") for r in gcp.resources])
    other_hba = dataclasses.replace(
        standby, resources=[meta(r, "kaleo-app-subnet", "10.99.0.0/22") for r in standby.resources]
    )
    books = load_playbooks(DEFAULT_PLAYBOOKS)
    assert [m[0] for m in _network_missing(check([app_on_vm, standby], books))] == ["kaleo-db-host"]
    assert [m[0] for m in _network_missing(check([gcp, other_hba], books))] == ["pg_hba of kaleo-standby-db-vm"]


def test_a_watcher_play_missing_from_site_yml_is_a_missing_boot_link(plans, tmp_path):
    """The watcher VM boots site.yml as group watcher: without its play it would boot into the base system only."""
    report = check(plans, load_playbooks(DEFAULT_PLAYBOOKS))
    (link,) = [m for m in report.links if m.kind == "boot" and m.consumer == "watcher VM kaleo-watcher-vm"]
    assert link.ok and link.resource == "site.yml group watcher"
    books = _copy_playbooks(tmp_path)
    _replace(books / "continuity.yml", "  hosts: watcher\n", "  hosts: watchers\n")
    report = check(plans, load_playbooks(books))
    assert [(m.consumer, m.kind, m.detail) for m in report.missing] == [
        (
            "watcher VM kaleo-watcher-vm",
            "boot",
            "site.yml (and what it imports) has no play for group watcher: the VM would boot into the base system only",
        )
    ]


def test_a_startup_script_that_refuses_the_watcher_role_is_a_missing_boot_link(plans):
    gcp, standby = plans
    resources = []
    for r in standby.resources:
        if r.name == "kaleo-watcher-vm":
            metadata = dict(r.inputs["metadata"])
            metadata["startup-script"] = metadata["startup-script"].replace(" | gcp:watcher", "")
            r = dataclasses.replace(r, inputs={**r.inputs, "metadata": metadata})
        resources.append(r)
    report = check([gcp, dataclasses.replace(standby, resources=resources)], load_playbooks(DEFAULT_PLAYBOOKS))
    assert [(m.consumer, m.kind) for m in report.missing] == [("watcher VM kaleo-watcher-vm", "boot")]
    assert report.missing[0].detail.startswith("the startup script refuses kaleo-role watcher (it accepts app, cache")


def test_an_agent_identity_without_its_binding_is_a_missing_link(cli, tmp_path):
    """Remove the workloadIdentityUser binding from the stack: wiring exits 1 naming the agent's link."""
    project = _copy_project(tmp_path)
    _replace(
        project / "stacks/gcp/agent_identity.py",
        "        self.binding = gcp.serviceaccount.IAMMember(",
        "        self.binding = None and gcp.serviceaccount.IAMMember(",
    )
    r = cli("wiring", "--project-dir", str(project), "--playbooks", str(project / "playbooks"), "--json")
    assert r.code == 1
    arn = "arn:aws:sts::000000000000:assumed-role/kaleo-continuity-agent"
    assert _missing(r) == [
        "continuity agent (AWS, workload identity): no roles/iam.workloadIdentityUser binding lets "
        f"{arn} (pool kaleo-gcp-standby-aws) act as kaleo-agent-identity-sa@mock.iam.gserviceaccount.com"
    ]
    assert r.json()["missing"][0]["kind"] == "identity"


def test_a_provider_admitting_another_role_is_a_missing_link(plans):
    gcp, standby = plans
    resources = []
    for r in standby.resources:
        if r.type == "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
            condition = r.inputs["attributeCondition"].replace("kaleo-continuity-agent", "kaleo-app-role")
            r = dataclasses.replace(r, inputs={**r.inputs, "attributeCondition": condition})
        resources.append(r)
    report = check([gcp, dataclasses.replace(standby, resources=resources)], load_playbooks(DEFAULT_PLAYBOOKS))
    assert [(m.kind, m.resource) for m in report.missing] == [
        ("identity", "arn:aws:sts::000000000000:assumed-role/kaleo-app-role")
    ]
