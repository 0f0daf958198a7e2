"""The failover's quota step: the planned gcp stack against the region's quotas (Compute stand-in)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts.cloud.quota import compare, cpu_metric, disk_metric, planned_usage, region_quotas
from scripts.standins.gce import ComputeStandin


@pytest.fixture
def compute():
    standin = ComputeStandin().start()
    try:
        yield standin
    finally:
        standin.stop()


def test_planned_usage_of_the_committed_gcp_stack(committed_plan):
    need = planned_usage(committed_plan("gcp"))
    # app group at its autoscaler max (6 x n2-standard-2) + db n2-highmem-2 + cache n2-highmem-4 + 3 search n2-highmem-2
    assert need["N2_CPUS"] == 6 * 2 + 2 + 4 + 3 * 2
    # boot disks (pd-balanced) 5 x 20 + app 6 x 30, data disks (pd-ssd) db 100 + search 3 x 100
    assert need["SSD_TOTAL_GB"] == 5 * 20 + 6 * 30 + 100 + 3 * 100
    assert need["INSTANCES"] == 5 + 6
    assert "CPUS" not in need


def test_metric_names():
    assert cpu_metric("n2-highmem-4") == "N2_CPUS" and cpu_metric("e2-standard-2") == "CPUS"
    assert cpu_metric("c2d-standard-8") == "C2D_CPUS"
    assert disk_metric("pd-balanced") == "SSD_TOTAL_GB" and disk_metric("pd-standard") == "DISKS_TOTAL_GB"


def test_region_quotas_through_the_compute_api(compute):
    quotas = region_quotas("kaleo-dr", "us-central1", endpoint=compute.url)
    assert quotas["N2_CPUS"] == (24.0, 0.0) and quotas["SSD_TOTAL_GB"] == (500.0, 0.0)
    lines = {q.metric: q for q in compare({"N2_CPUS": 30, "SSD_TOTAL_GB": 100, "GPUS_ALL_REGIONS": 1}, quotas)}
    assert not lines["N2_CPUS"].ok and lines["SSD_TOTAL_GB"].ok
    assert not lines["GPUS_ALL_REGIONS"].ok and lines["GPUS_ALL_REGIONS"].available is None  # unknown is not no


def _config(tmp: Path, compute: ComputeStandin) -> Path:
    path = tmp / "kaleo-dr.yaml"
    root = Path(__file__).resolve().parent.parent
    path.write_text(
        yaml.safe_dump(
            {
                "state": {"dir": str(tmp / "state")},
                "gcp": {"project": "kaleo-dr", "region": "us-central1"},
                "pulumi": {"project_dir": str(root)},
                "provision": {"compute_endpoint": compute.url},
                "failover": {"steps": ["quota"]},
            }
        ),
        encoding="utf-8",
    )
    return path


def test_failover_quota_step_refuses_short_quotas_naming_them(in_tmp, cli, compute):
    # a fresh project's defaults, 4 N2 vCPUs already used by something else
    compute.set_scenario("ok", quotas={"N2_CPUS": (24, 4), "SSD_TOTAL_GB": (500, 0), "INSTANCES": (24, 0)})
    config = _config(in_tmp, compute)
    r = cli("--config", str(config), "failover", "--stack", "gcp", "--yes", "--json")
    assert r.code == 1, r.stdout
    step = r.json()["steps"][0]
    assert step["step"] == "quota" and step["status"] == "failed"
    assert (
        "N2_CPUS needs 24, 20 available" in step["detail"] and "SSD_TOTAL_GB needs 680, 500 available" in step["detail"]
    )
    assert ("GET", "/compute/v1/projects/kaleo-dr/regions/us-central1") in [(m, p) for m, p, _ in compute.requests]


def test_failover_quota_step_passes_when_the_quotas_cover_the_stack(in_tmp, cli, compute):
    compute.set_scenario(
        "ok",
        quotas={"N2_CPUS": (96, 8), "SSD_TOTAL_GB": (2048, 100), "INSTANCES": (100, 3), "CPUS": (24, 0)},
    )
    config = _config(in_tmp, compute)
    r = cli("--config", str(config), "failover", "--stack", "gcp", "--yes", "--json")
    assert r.code == 0, r.stdout
    step = r.json()["steps"][0]
    assert step["status"] == "passed" and "N2_CPUS 24/88" in step["detail"]
