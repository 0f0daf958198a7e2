"""``kaleo-dr parity``: committed configs pass; shrinking GCP or growing AWS fails with a clear list."""

from __future__ import annotations

import dataclasses

import pytest

from scripts.cloud.parity import compare
from scripts.cloud.plan import run_plan
from stacks.instance_types import AWS, EQUIVALENTS, GCE, capacity


def parity(cli, project_dir=None):
    args = ["parity", "--json"]
    if project_dir is not None:
        args += ["--project-dir", str(project_dir)]
    return cli(*args)


def messages(result) -> list[str]:
    return [s["message"] for s in result.json()["shortfalls"]]


def compare_with(committed_plan, stack_copy, changed: str):
    """Compare the committed plans, with stack ``changed`` re-planned from the edited copy."""
    plans = {s: committed_plan(s) for s in ("aws", "gcp", "gcp-standby")}
    plans[changed] = run_plan(changed, stack_copy.dir)
    return compare(plans["aws"], [plans["gcp"], plans["gcp-standby"]])


def found(report) -> set[tuple[str, str]]:
    return {(s.tier, s.metric) for s in report.shortfalls}


def test_committed_configs_pass(cli):
    r = parity(cli)
    assert r.code == 0, r.stdout
    data = r.json()
    assert data["ok"] is True and data["shortfalls"] == []
    assert data["gcp_stacks"] == ["gcp", "gcp-standby"]
    tiers = data["tiers"]
    for role in ("db", "cache", "search", "app"):
        aws, gcp = tiers[role]["aws"], tiers[role]["gcp"]
        assert aws and gcp, role
        for metric in ("vcpu", "memory_gib", "disk_gib"):
            assert gcp[metric] >= aws[metric], (role, metric)
    assert tiers["db"]["aws"]["units"] == ["1 x db.r6g.large"]
    assert tiers["search"]["gcp"]["units"] == ["3 x n2-highmem-2"]
    assert data["buckets"]["kaleo-prod-uploads"] == {
        "short": "uploads",
        "gcs": "kaleo-dr-uploads",
        "transfer_to": "kaleo-dr-uploads",
    }


def test_shrinking_a_gcp_size_fails_listing_every_shortfall(committed_plan, stack_copy):
    stack_copy.set("gcp", "kaleo:gcpDbMachineType", "n2-standard-2")  # 2 vCPU / 8 GiB < db.r6g.large 16 GiB
    stack_copy.set("gcp", "kaleo:gcpDbDiskGb", 50)  # < RDS 100 GiB
    stack_copy.set("gcp", "kaleo:gcpSearchInstances", 2)  # 2 x 2 vCPU < 3 x r6g.large.search
    report = compare_with(committed_plan, stack_copy, "gcp")
    assert not report.ok
    assert found(report) == {
        ("db", "memory GiB"),
        ("db", "disk GiB"),
        ("search", "vCPU"),
        ("search", "memory GiB"),
        ("search", "disk GiB"),
    }
    text = "\n".join(s.message for s in report.shortfalls)
    assert "db: GCP memory GiB 8 < AWS 16" in text
    assert "db.r6g.large -> n2-highmem-2" in text
    assert "db: GCP disk GiB 50 < AWS 100" in text
    assert "search: GCP vCPU 4 < AWS 6" in text


def test_growing_an_aws_size_fails(committed_plan, stack_copy):
    stack_copy.set("aws", "kaleo:dbInstanceClass", "db.r6g.xlarge")
    stack_copy.set("aws", "kaleo:appDesiredCapacity", 3)
    report = compare_with(committed_plan, stack_copy, "aws")
    assert found(report) == {
        ("db", "vCPU"),
        ("db", "memory GiB"),
        ("app", "vCPU"),
        ("app", "memory GiB"),
        ("app", "disk GiB"),
    }
    assert any("use n2-highmem-4 or larger (db.r6g.xlarge -> n2-highmem-4)" in s.message for s in report.shortfalls)


def test_aws_scaling_beyond_the_gcp_maximum_fails(committed_plan, stack_copy):
    stack_copy.set("aws", "kaleo:appMaxSize", 8)
    report = compare_with(committed_plan, stack_copy, "aws")
    assert found(report) == {("app", "peak vCPU"), ("app", "peak memory GiB")}
    assert "app: GCP peak vCPU 12 < AWS 16" in report.shortfalls[0].message
    assert "gcpAppMaxInstances" in report.shortfalls[0].message


def test_human_output_lists_the_shortfalls(cli, stack_copy):
    stack_copy.set("gcp", "kaleo:gcpCacheMachineType", "n2-highmem-2")
    r = cli("parity", "--project-dir", str(stack_copy.dir))
    assert r.code == 1
    text = " ".join(r.stdout.split())
    assert "2 shortfall(s)" in text
    assert "cache: GCP vCPU 2 < AWS 4" in text
    assert "cache: GCP memory GiB 16 < AWS 26.14" in text
    assert "with 1 GCP VM(s) use n2-highmem-4 or larger" in text


def test_unknown_instance_type_is_bad_input_naming_it(cli, stack_copy):
    stack_copy.set("gcp", "kaleo:gcpAppMachineType", "n9-mega-2")
    r = parity(cli, stack_copy.dir)
    assert r.code == 2
    assert "n9-mega-2" in r.json()["error"]
    assert "stacks/instance_types.py" in r.json()["hint"]


def test_s3_bucket_without_transfer_job_is_a_shortfall(committed_plan, stack_copy):
    stack_copy.set("gcp-standby", "kaleo:gcpS3BucketPrefix", "kaleo-staging")
    report = compare_with(committed_plan, stack_copy, "gcp-standby")
    assert [s.message for s in report.shortfalls] == [
        "storage: no Storage Transfer job copies S3 kaleo-prod-search-snapshots to gs://kaleo-dr-search-snapshots",
        "storage: no Storage Transfer job copies S3 kaleo-prod-uploads to gs://kaleo-dr-uploads",
    ]


def test_missing_gcp_tier_is_a_shortfall(committed_plan):
    aws, gcp, standby = (committed_plan(s) for s in ("aws", "gcp", "gcp-standby"))
    without_search = dataclasses.replace(
        gcp, resources=[r for r in gcp.resources if (r.inputs.get("labels") or {}).get("role") != "search"]
    )
    report = compare(aws, [without_search, standby])
    assert [(s.tier, s.metric) for s in report.shortfalls] == [("search", "counterpart")]
    assert "3 x r6g.large.search" in report.shortfalls[0].message
    no_buckets = dataclasses.replace(
        standby, resources=[r for r in standby.resources if r.type != "gcp:storage/bucket:Bucket"]
    )
    report = compare(aws, [gcp, no_buckets])
    # the app bucket and the search snapshot bucket both lack their GCS twin
    assert [(s.tier, s.metric) for s in report.shortfalls] == [("storage", "counterpart")] * 2


# --- the mapping table -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "vcpu", "memory"),
    [
        ("db.r6g.xlarge", 4, 32),
        ("db.r6g.large", 2, 16),
        ("m6i.large", 2, 8),
        ("cache.r6g.large", 2, 13.07),
        ("r6g.large.search", 2, 16),
        ("n2-highmem-4", 4, 32),
        ("n2-standard-2", 2, 8),
        ("e2-medium", 2, 4),
    ],
)
def test_mapping_table_figures(name, vcpu, memory):
    assert capacity(name) == (vcpu, memory)


def test_every_equivalent_covers_its_aws_type():
    assert EQUIVALENTS["db.r6g.xlarge"] == "n2-highmem-4"
    assert EQUIVALENTS["m6i.large"] == "n2-standard-2"
    for aws_type, gce_type in EQUIVALENTS.items():
        need, have = AWS[aws_type], GCE[gce_type]
        assert have.vcpu >= need.vcpu and have.memory_gib >= need.memory_gib, aws_type


def test_unknown_type_raises_key_error():
    with pytest.raises(KeyError):
        capacity("db.x99.huge")


def test_transfer_role_must_exist_in_the_aws_stack(committed_plan, stack_copy):
    stack_copy.set("gcp-standby", "kaleo:gcpTransferAwsRoleArn", "arn:aws:iam::000000000000:role/renamed")
    report = compare_with(committed_plan, stack_copy, "gcp-standby")
    assert found(report) == {("storage", "transfer role")}
    assert "role/renamed" in report.shortfalls[0].message
    assert "kaleo-gcs-transfer" in report.shortfalls[0].message


def test_an_aws_stack_that_plans_nothing_is_not_covered(cli, tmp_path):
    """Nothing compared is not parity: an empty (or wrong) AWS stack exits 2 naming it."""
    (tmp_path / "stacks").mkdir()
    (tmp_path / "stacks" / "__init__.py").write_text("def build_from_config():\n    return {}\n", encoding="utf-8")
    (tmp_path / "Pulumi.yaml").write_text("name: kaleo\nruntime: python\n", encoding="utf-8")
    for stack in ("aws", "gcp"):
        (tmp_path / f"Pulumi.{stack}.yaml").write_text(f"config:\n  kaleo:cloud: {stack}\n", encoding="utf-8")
    r = cli("parity", "--project-dir", str(tmp_path), "--standby-stack", "", "--json")
    assert r.code == 2, r.stdout
    error = r.json()["error"]
    assert "parity cannot be checked" in error and "'aws'" in error and "no AWS tier" in error
