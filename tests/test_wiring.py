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
    assert kinds == {"metadata", "secret", "bucket", "health"}
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


def test_a_dropped_iam_binding_is_a_missing_link(cli, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for path in ROOT.glob("Pulumi*.yaml"):
        shutil.copy(path, project / path.name)
    shutil.copytree(ROOT / "stacks", project / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DEFAULT_PLAYBOOKS, project / "playbooks")
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
        )
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
