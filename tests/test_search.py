"""kaleo-dr search: snapshot on the AWS side, copy, restore on GCP with document counts, reindex fallback.

Two OpenSearch stand-ins (public API shapes) play the AWS domain and the GCP cluster; the
repository buckets are folders, and the copy between them is what Storage Transfer does.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
import yaml

from scripts.standins.opensearch import OpenSearchStandin

DOCS = {"questions": [{"id": i} for i in range(7)], "users": [{"id": i} for i in range(3)], ".kibana": [{}]}


@pytest.fixture
def clusters(tmp_path):
    aws = OpenSearchStandin(indices={k: list(v) for k, v in DOCS.items()}, repository_root=str(tmp_path / "s3")).start()
    gcp = OpenSearchStandin(repository_root=str(tmp_path / "gcs"), user="admin", password="gcp-admin-pw").start()
    try:
        yield aws, gcp
    finally:
        aws.stop()
        gcp.stop()


def _config(tmp_path, aws, gcp, name="kaleo-dr.yaml", **search):
    cfg = {
        "state": {"dir": str(tmp_path / "state")},
        "search": {
            "aws_url": aws.url,
            "aws_auth": "none",
            "s3_bucket": "kaleo-prod-search-snapshots",
            "s3_role_arn": "arn:aws:iam::123456789012:role/kaleo-prod-search-snapshots",
            "gcp_url": gcp.url,
            "gcp_password": "env:T_SEARCH_PW",
            "gcs_bucket": "kaleo-dr-search-snapshots",
            **search,
        },
    }
    path = tmp_path / name
    path.write_text(yaml.safe_dump(cfg))
    return path


def _transfer(tmp_path):
    """What the Storage Transfer job of the standby stack does: copy the S3 bucket to its GCS twin."""
    shutil.copytree(tmp_path / "s3/kaleo-prod-search-snapshots", tmp_path / "gcs/kaleo-dr-search-snapshots")


ENV = {"T_SEARCH_PW": "gcp-admin-pw"}


def test_snapshot_then_restore_on_gcp_with_equal_counts(cli, tmp_path, clusters):
    aws, gcp = clusters
    cfg = _config(tmp_path, aws, gcp)
    r = cli("--config", str(cfg), "search", "snapshot", "--json", env=ENV)
    assert r.code == 0, r.stdout
    snap = r.json()
    assert snap["registered"] is True and snap["indices"] == {"questions": 7, "users": 3}  # system index excluded
    repo = aws.options["repositories"]["kaleo-snapshots"]
    assert repo["type"] == "s3" and repo["settings"]["role_arn"].endswith("search-snapshots")
    # a second run reuses the registered repository
    assert cli("--config", str(cfg), "search", "snapshot", "--json", env=ENV).json()["registered"] is False

    _transfer(tmp_path)
    r = cli("--config", str(cfg), "search", "restore", "--json", env=ENV)
    assert r.code == 0, r.stdout
    data = r.json()
    assert data["ok"] is True and data["restored"] == {"questions": 7, "users": 3}
    assert gcp.options["repositories"]["kaleo-snapshots"]["settings"]["readonly"] == "true"
    assert sorted(gcp.options["indices"]) == ["questions", "users"]


def test_restore_reports_a_count_difference(cli, tmp_path, clusters):
    aws, gcp = clusters
    cfg = _config(tmp_path, aws, gcp)
    assert cli("--config", str(cfg), "search", "snapshot", "--json", env=ENV).code == 0
    _transfer(tmp_path)
    # tamper with the copied snapshot: one document fewer than recorded at snapshot time
    (path,) = (tmp_path / "gcs/kaleo-dr-search-snapshots/snapshots").glob("snap-*.json")
    record = json.loads(path.read_text())
    record["_data"]["questions"].pop()
    path.write_text(json.dumps(record))
    r = cli("--config", str(cfg), "search", "restore", "--json", env=ENV)
    assert r.code == 1
    assert r.json()["differences"] == ["questions: 6 documents, the snapshot recorded 7"]


def test_restore_without_a_snapshot_fails_and_points_at_reindex(cli, tmp_path, clusters):
    aws, gcp = clusters
    cfg = _config(tmp_path, aws, gcp)
    r = cli("--config", str(cfg), "search", "restore", "--json", env=ENV)
    assert r.code == 1
    assert "no successful snapshot" in r.json()["error"] and "search reindex" in r.json()["hint"]


def test_wrong_gcp_password_is_refused(cli, tmp_path, clusters):
    aws, gcp = clusters
    cfg = _config(tmp_path, aws, gcp)
    r = cli("--config", str(cfg), "search", "restore", "--json", env={"T_SEARCH_PW": "wrong"})
    assert r.code == 1 and "HTTP 401" in r.json()["error"]


def test_reindex_runs_the_configured_hook_with_the_cluster_url(cli, tmp_path, clusters):
    aws, gcp = clusters
    marker = tmp_path / "reindexed"
    hook = [sys.executable, "-c", f"import os; open({str(marker)!r}, 'w').write(os.environ['KALEO_SEARCH_URL'])"]
    cfg = _config(tmp_path, aws, gcp, reindex_command=hook)
    assert cli("--config", str(cfg), "search", "reindex", "--json", env=ENV).code == 2  # needs --yes
    r = cli("--config", str(cfg), "search", "reindex", "--yes", "--json", env=ENV)
    assert r.code == 0, r.stdout
    assert marker.read_text() == gcp.url


# --- the GCP cluster's private CA, read from Secret Manager -------------------------------------

CA_SECRET = "kaleo-gcp-search-ca"


@pytest.fixture
def tls_clusters(tmp_path):
    """The GCP cluster over HTTPS with a certificate of a private CA; the CA (certificate then key, as the
    gcp stack stores it) in a Secret Manager stand-in."""
    from scripts.standins.secretmanager import SecretManagerStandin
    from tests.tls_support import make_ca

    ca = make_ca(tmp_path / "ca")
    aws = OpenSearchStandin(indices={k: list(v) for k, v in DOCS.items()}, repository_root=str(tmp_path / "s3")).start()
    gcp = OpenSearchStandin(repository_root=str(tmp_path / "gcs"), user="admin", password="gcp-admin-pw")
    gcp.serve_tls(ca.server_context()).start()
    stored = ca.ca_file.read_text() + ca.key_file.read_text()  # a private key after the certificate
    sm = SecretManagerStandin(secrets={CA_SECRET: stored}).start()
    try:
        yield aws, gcp, sm
    finally:
        for standin in (aws, gcp, sm):
            standin.stop()


def _tls_config(tmp_path, aws, gcp, sm, name="kaleo-dr.yaml", **search):
    path = _config(tmp_path, aws, gcp, name, **search)
    cfg = yaml.safe_load(path.read_text())
    cfg["secrets"] = {"project": "kaleo-dr-test", "endpoint": sm.url, "timeout": 5}
    path.write_text(yaml.safe_dump(cfg))
    return path


def test_restore_verifies_the_gcp_cluster_with_the_ca_from_secret_manager(cli, tmp_path, tls_clusters):
    aws, gcp, sm = tls_clusters
    assert gcp.url.startswith("https://")
    assert cli("--config", str(_config(tmp_path, aws, gcp)), "search", "snapshot", "--json", env=ENV).code == 0
    _transfer(tmp_path)
    cfg = _tls_config(tmp_path, aws, gcp, sm, gcp_ca_secret=CA_SECRET)

    # without the CA the cluster's certificate is not trusted: no restore, never a pass
    no_ca = _tls_config(tmp_path, aws, gcp, sm, name="no-ca.yaml")
    untrusted = cli("--config", str(no_ca), "search", "restore", "--json", env=ENV)
    assert untrusted.code == 3 and "CERTIFICATE_VERIFY_FAILED" in untrusted.json()["error"]

    r = cli("--config", str(cfg), "search", "restore", "--json", env=ENV)
    assert r.code == 0, r.stdout
    assert r.json()["restored"] == {"questions": 7, "users": 3}
    kept = (tmp_path / "state" / "search" / "gcp-ca.pem").read_text()
    assert kept.startswith("-----BEGIN CERTIFICATE-----") and "PRIVATE KEY" not in kept


def test_ca_cert_writes_the_certificate_and_never_the_key(cli, tmp_path, tls_clusters):
    aws, gcp, sm = tls_clusters
    cfg = _tls_config(tmp_path, aws, gcp, sm, gcp_ca_secret=CA_SECRET)
    out = tmp_path / "ops" / "search-ca.pem"
    r = cli("--config", str(cfg), "search", "ca-cert", "--out", str(out), "--json")
    assert r.code == 0, r.stdout
    assert r.json()["path"] == str(out) and len(r.json()["sha256_fingerprint"].split(":")) == 32
    assert out.read_text() == (tmp_path / "ca" / "ca.pem").read_text()
    assert "PRIVATE KEY" not in r.stdout + r.stderr


def test_missing_ca_secret_is_named(cli, tmp_path, tls_clusters):
    aws, gcp, sm = tls_clusters
    cfg = _tls_config(tmp_path, aws, gcp, sm, gcp_ca_secret="kaleo-nope-search-ca")
    r = cli("--config", str(cfg), "search", "restore", "--json", env=ENV)
    assert r.code == 1
    assert "kaleo-nope-search-ca" in r.json()["error"] and "search.gcp_ca_secret" in r.json()["error"]
    unset = cli("--config", str(_tls_config(tmp_path, aws, gcp, sm, name="unset.yaml")), "search", "ca-cert", "--json")
    assert unset.code == 2 and "search.gcp_ca_secret" in unset.json()["error"]


def test_an_explicit_ca_file_wins_over_the_secret(tmp_path):
    from scripts.config import parse_config
    from scripts.output import Inconclusive
    from scripts.search.ca import with_gcp_ca
    from scripts.standins.localsvc import free_port

    cfg = parse_config(
        {
            "state": {"dir": str(tmp_path / "state")},
            # nothing answers there: reading the secret would fail
            "secrets": {"project": "p", "endpoint": f"http://127.0.0.1:{free_port()}", "timeout": 1},
            "search": {"ca_file": str(tmp_path / "bundle.pem"), "gcp_ca_secret": CA_SECRET},
        }
    )
    assert with_gcp_ca(cfg).ca_file == tmp_path / "bundle.pem"
    cfg.search.ca_file = None
    with pytest.raises(Inconclusive, match=r"search\.gcp_ca_secret"):  # no answer: inconclusive, never a pass
        with_gcp_ca(cfg)
