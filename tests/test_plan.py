"""The offline plan engine: stack config loading, secure placeholders, isolation, speed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scripts.cloud.plan import SECRET_PLACEHOLDER, load_stack_config, run_plan
from scripts.output import BadInput

ROOT = Path(__file__).resolve().parent.parent


def _copy_project(dst: Path) -> Path:
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(ROOT / name, dst / name)
    shutil.copytree(ROOT / "stacks", dst / "stacks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "playbooks" / "boot", dst / "playbooks" / "boot")  # the VMs' boot script, embedded
    return dst


def test_secure_values_become_placeholders(tmp_path):
    proj = _copy_project(tmp_path)
    (proj / "Pulumi.aws.yaml").write_text(
        "config:\n  kaleo:cloud: aws\n  kaleo:someSecret:\n    secure: AAABAD+ciphertext==\n"
    )
    project, config, secrets = load_stack_config(proj, "aws")
    assert project == "kaleo"
    assert config["kaleo:someSecret"] == SECRET_PLACEHOLDER
    assert secrets == ["kaleo:someSecret"]
    assert "AAABAD+ciphertext==" not in "".join(config.values())


def test_project_defaults_and_non_string_values(tmp_path):
    proj = _copy_project(tmp_path)
    (proj / "Pulumi.aws.yaml").write_text("config:\n  kaleo:cloud: aws\n  kaleo:azs: [x-1a, x-1b]\n  kaleo:n: 3\n")
    _, config, _ = load_stack_config(proj, "aws")
    assert config["kaleo:azs"] == '["x-1a", "x-1b"]'
    assert config["kaleo:n"] == "3"


def test_plan_reads_the_stack_file(tmp_path):
    proj = _copy_project(tmp_path)
    (proj / "Pulumi.aws.yaml").write_text("config:\n  kaleo:cloud: aws\n  kaleo:vpcCidr: 10.99.0.0/16\n")
    plan = run_plan("aws", proj)
    assert plan.one("aws:ec2/vpc:Vpc").inputs["cidrBlock"] == "10.99.0.0/16"


def test_bad_cloud_value_is_bad_input(tmp_path):
    proj = _copy_project(tmp_path)
    (proj / "Pulumi.aws.yaml").write_text("config:\n  kaleo:cloud: azure\n")
    with pytest.raises(BadInput) as err:
        run_plan("aws", proj)
    assert "kaleo:cloud" in err.value.message


def test_children_are_parented_to_their_tier():
    plan = run_plan("aws")
    vpc = plan.one("aws:ec2/vpc:Vpc")
    assert vpc.parent is not None
    parent = next(r for r in plan.resources if r.name == vpc.parent)
    assert parent.type.startswith("kaleo:aws:")


def test_every_declared_key_has_a_default_except_cloud():
    # The Pulumi CLI requires a key declared without a default to be set in every stack file:
    # aws keys without defaults would break `pulumi up --stack gcp`.
    import yaml

    declared = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())["config"]
    without = sorted(k for k, spec in declared.items() if "default" not in spec)
    assert without == ["cloud"]
    for stack_file in ROOT.glob("Pulumi.*.yaml"):
        assert "kaleo:cloud" in yaml.safe_load(stack_file.read_text())["config"], stack_file.name


TINY_PROGRAM = """
import pulumi


def build_from_config():
    return {"cidr": pulumi.Config("kaleo").get("vpcCidr")}
"""


def _tiny_project(folder: Path, cidr: str) -> Path:
    """A project whose program only reads its config (fast to plan), with its own ``stacks`` package."""
    (folder / "stacks").mkdir(parents=True)
    (folder / "stacks" / "__init__.py").write_text(TINY_PROGRAM)
    (folder / "Pulumi.yaml").write_text("name: kaleo\nruntime: python\n")
    (folder / "Pulumi.tiny.yaml").write_text(f"config:\n  kaleo:vpcCidr: {cidr}\n")
    return folder


def test_plan_cache_serves_equal_inputs_and_replans_any_change(tmp_path, monkeypatch):
    from scripts.cloud.plan import PLAN_CACHE_ENV

    cache = tmp_path / "cache"
    monkeypatch.setenv(PLAN_CACHE_ENV, str(cache))
    first = _tiny_project(tmp_path / "one", "10.99.0.0/16")
    second = _tiny_project(tmp_path / "two", "10.99.0.0/16")

    planned = run_plan("tiny", first)
    assert planned.outputs == {"cidr": "10.99.0.0/16"}
    (entry,) = cache.glob("tiny-*.json")
    # a copy of the same project is served from the cache: mark the entry to see that it was read
    marked = json.loads(entry.read_text())
    entry.write_text(json.dumps({**marked, "seconds": -1.0}))
    served = run_plan("tiny", second)
    assert served.seconds == -1.0 and served.outputs == planned.outputs

    # a changed stack file is planned again, never served stale
    (second / "Pulumi.tiny.yaml").write_text("config:\n  kaleo:vpcCidr: 10.98.0.0/16\n")
    assert run_plan("tiny", second).outputs == {"cidr": "10.98.0.0/16"}
    # so is a changed program
    program = second / "stacks" / "__init__.py"
    program.write_text(program.read_text().replace('"cidr"', '"vpc_cidr"'))
    assert run_plan("tiny", second).outputs == {"vpc_cidr": "10.98.0.0/16"}
    assert len(list(cache.glob("tiny-*.json"))) == 3


def test_plan_cache_is_off_unless_asked(tmp_path, monkeypatch, plan_cache):
    from scripts.cloud.plan import PLAN_CACHE_ENV, plan_inputs_digest

    monkeypatch.delenv(PLAN_CACHE_ENV, raising=False)
    proj = _tiny_project(tmp_path, "10.97.0.0/16")
    assert run_plan("tiny", proj).outputs == {"cidr": "10.97.0.0/16"}
    assert not (plan_cache / f"tiny-{plan_inputs_digest(proj, 'tiny')}.json").exists()
    assert not list(tmp_path.rglob("tiny-*.json"))


def test_every_file_the_stacks_read_is_in_the_plan_digest():
    """The plan cache is keyed by the stacks' sources and playbooks/boot: a program that starts reading
    another file must add it to plan_inputs_digest, or a changed file could be served a stale plan."""
    outside = []
    for source in sorted((ROOT / "stacks").rglob("*.py")):
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if "Path(__file__)" in line and '"playbooks" / "boot"' not in line:
                outside.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
            if "open(" in line and "Path(" in line:
                outside.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert outside == []
