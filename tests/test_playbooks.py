"""The playbooks: syntax, ansible-lint (production profile, offline), templates, check mode.

OpenSearch cannot be installed here (its repository is unreachable), so its
templates are rendered with Ansible's own template module from the role defaults for a
three-node cluster and checked, and the role runs in check mode against this machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from scripts.cloud.provision.playbook import DEFAULT_PLAYBOOK, RunResult, run_playbook

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOKS = ROOT / "playbooks"
ROLES = PLAYBOOKS / "roles"
BIN = Path(sys.executable).parent
LOCAL = {"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}


def _env() -> dict[str, str]:
    return dict(
        os.environ,
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        ANSIBLE_ROLES_PATH=str(ROLES),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="False",
    )


def _ansible_playbook(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "ansible-playbook"), *args], capture_output=True, text=True, env=_env(), check=False
    )


def _inventory(path: Path, groups: dict[str, dict[str, dict]], all_vars: dict | None = None) -> Path:
    data = {"all": {"vars": all_vars or {}, "children": {g: {"hosts": hosts} for g, hosts in groups.items()}}}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_every_role_has_the_standard_layout():
    for role in ("common", "postgresql", "redis", "opensearch", "app"):
        for part in ("defaults/main.yml", "tasks/main.yml", "handlers/main.yml", "meta/main.yml"):
            assert (ROLES / role / part).is_file(), f"{role}/{part}"
        defaults = yaml.safe_load((ROLES / role / "defaults" / "main.yml").read_text())
        bad = [k for k in defaults if not k.startswith(role + "_")]
        assert bad == [], f"{role} defaults without the role prefix: {bad}"


def test_syntax_check(tmp_path):
    inv = _inventory(tmp_path / "inv.yml", {g: {f"{g}-1": LOCAL} for g in ("app", "db", "cache", "search")})
    out = _ansible_playbook("--syntax-check", "-i", str(inv), str(DEFAULT_PLAYBOOK))
    assert out.returncode == 0, out.stdout + out.stderr


def test_ansible_lint_production_profile():
    out = subprocess.run(
        [str(BIN / "ansible-lint"), "--offline", "--profile", "production", "--nocolor", "playbooks/"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Profile 'production' was required, and it passed" in out.stderr + out.stdout


RENDER_PLAY = textwrap.dedent(
    """\
    - name: Render role templates
      hosts: search-0
      gather_facts: true
      tasks:
        - name: Load role defaults
          ansible.builtin.include_vars:
            file: "{{ item }}"
          loop: "{{ defaults_files }}"
        - name: Render
          ansible.builtin.template:
            src: "{{ item.src }}"
            dest: "{{ out_dir }}/{{ item.dest }}"
            mode: "0600"
          loop: "{{ templates }}"
    """
)


def _render(tmp: Path, groups: dict[str, dict[str, dict]], extra: dict[str, object]) -> Path:
    """Render templates with RENDER_PLAY (``extra`` names the defaults files, templates and facts) into
    a fresh ``tmp/out``; returns that folder."""
    tmp.mkdir(parents=True, exist_ok=True)
    out_dir = tmp / "out"
    out_dir.mkdir()
    inv = _inventory(tmp / "inv.yml", groups)
    play = tmp / "render.yml"
    play.write_text(RENDER_PLAY)
    (tmp / "extra.yml").write_text(yaml.safe_dump({"out_dir": str(out_dir), **extra}))
    out = _ansible_playbook("-i", str(inv), str(play), "-e", f"@{tmp / 'extra.yml'}")
    assert out.returncode == 0, out.stdout + out.stderr
    return out_dir


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Templates of the roles rendered by Ansible for a large VM in a three-node search group."""
    hosts = {f"search-{i}": {**LOCAL, "kaleo_private_ip": f"10.40.4.3{i}"} for i in range(3)}
    extra = {
        "defaults_files": [
            str(ROLES / r / "defaults" / "main.yml") for r in ("opensearch", "postgresql", "common", "redis")
        ],
        "templates": [
            {"src": str(ROLES / "opensearch/templates/opensearch.yml.j2"), "dest": "opensearch.yml"},
            {"src": str(ROLES / "opensearch/templates/heap.options.j2"), "dest": "heap.options"},
            {"src": str(ROLES / "opensearch/templates/roles_mapping.yml.j2"), "dest": "roles_mapping.yml"},
            {"src": str(ROLES / "postgresql/templates/kaleo.conf.j2"), "dest": "postgresql.conf"},
            {"src": str(ROLES / "postgresql/templates/pg_hba.conf.j2"), "dest": "pg_hba.conf"},
            {"src": str(ROLES / "common/templates/sshd-hardening.conf.j2"), "dest": "sshd.conf"},
            {"src": str(ROLES / "redis/templates/redis.conf.j2"), "dest": "redis.conf"},
        ],
        # a 64 GB, 16 vCPU VM
        "opensearch_memory_mb": 65536,
        "postgresql_memory_mb": 65536,
        "postgresql_cpus": 16,
        "redis_memory_mb": 65536,
        "redis_password": "p" * 24,
    }
    return _render(tmp_path_factory.mktemp("render"), {"search": hosts}, extra)


def test_opensearch_yml_discovers_the_cluster_and_uses_the_shared_ca(rendered):
    conf = yaml.safe_load((rendered / "opensearch.yml").read_text())
    assert conf["cluster.name"] == "kaleo"
    assert conf["node.name"] == "search-0"
    assert conf["network.host"] == "10.40.4.30"
    assert conf["discovery.seed_hosts"] == ["10.40.4.30:9300", "10.40.4.31:9300", "10.40.4.32:9300"]
    assert conf["cluster.initial_cluster_manager_nodes"] == ["search-0", "search-1", "search-2"]
    assert not any(k.startswith("xpack.") for k in conf)  # no Elasticsearch settings left
    assert conf["plugins.security.disabled"] is False
    assert conf["plugins.security.ssl.http.enabled"] is True
    for layer in ("transport", "http"):
        assert conf[f"plugins.security.ssl.{layer}.pemtrustedcas_filepath"] == "/etc/opensearch/certs/ca.crt"
        assert conf[f"plugins.security.ssl.{layer}.pemkey_filepath"] == "/etc/opensearch/certs/node.pk8"
    # the DNs of the certificates security.yml issues (subject /O=Kaleo/OU=search/CN=...)
    assert conf["plugins.security.authcz.admin_dn"] == ["CN=kaleo-search-admin,OU=search,O=Kaleo"]
    assert conf["plugins.security.nodes_dn"] == ["CN=*,OU=search,O=Kaleo"]


def test_opensearch_app_user_is_mapped_to_its_role_not_all_access(rendered):
    mapping = yaml.safe_load((rendered / "roles_mapping.yml").read_text())
    assert mapping["kaleo_app"]["users"] == ["kaleo_app"]
    assert "kaleo_app" not in mapping["all_access"]["users"]


def test_opensearch_version_and_repository_follow_the_stack():
    defaults = yaml.safe_load((ROLES / "opensearch/defaults/main.yml").read_text())
    assert "kaleo_search_version" in defaults["opensearch_version"]
    assert "{{ opensearch_major_version }}.x/apt" in defaults["opensearch_apt_repo_url"]
    install = yaml.safe_load((ROLES / "opensearch/tasks/install.yml").read_text())
    (apt,) = [t for t in install if "ansible.builtin.apt" in t]
    assert apt["ansible.builtin.apt"]["name"] == "opensearch={{ opensearch_version }}"
    assert "kaleo_search_snapshot_bucket" in defaults["opensearch_snapshot_bucket"]
    assert defaults["opensearch_snapshot_readonly"] is True


def test_opensearch_heap_is_half_the_memory_capped_at_31g(rendered):
    lines = [line for line in (rendered / "heap.options").read_text().splitlines() if line.startswith("-X")]
    assert lines == ["-Xms31744m", "-Xmx31744m"]  # half of 64 GB is above the compressed-oops cap


def test_postgresql_conf_is_tuned_from_the_vm(rendered):
    conf = (rendered / "postgresql.conf").read_text()
    for expected in (
        "shared_buffers = 16384MB",
        "effective_cache_size = 49152MB",
        "maintenance_work_mem = 2048MB",
        "max_worker_processes = 16",
        "max_parallel_workers_per_gather = 8",
        "password_encryption = scram-sha-256",
        "wal_level = logical",  # the failback replicates from this database without a restart
    ):
        assert expected in conf


def test_pg_hba_allows_only_the_app_subnet_with_scram(rendered):
    rules = [line.split() for line in (rendered / "pg_hba.conf").read_text().splitlines() if line.startswith("host")]
    remote = [r for r in rules if r[3] not in ("127.0.0.1/32", "::1/128")]
    assert remote and all(r[1:4] == ["kaleo", "kaleo", "10.40.0.0/22"] for r in remote)
    assert all(r[0] == "hostssl" for r in remote)  # never a plain 'host' line off the VM
    assert all(r[-1] == "scram-sha-256" for r in rules)


def test_sshd_drop_in_forbids_root_and_passwords(rendered):
    conf = dict(
        line.split(None, 1) for line in (rendered / "sshd.conf").read_text().splitlines() if line and line[0] != "#"
    )
    assert conf["PermitRootLogin"] == "no"
    assert conf["PasswordAuthentication"] == "no"
    assert conf["KbdInteractiveAuthentication"] == "no"


def test_redis_conf_binds_privately_and_sizes_memory(rendered):
    conf = (rendered / "redis.conf").read_text()
    assert "user default off" in conf
    assert "maxmemory 39321mb" in conf  # 0.6 of 64 GB
    assert "p" * 24 not in conf
    bind = next(line for line in conf.splitlines() if line.startswith("bind "))
    assert bind.split()[1] == "127.0.0.1" and "0.0.0.0" not in bind


def _test_ca(tmp_path: Path) -> str:
    """A throwaway cluster CA, as the GCP stack stores it: certificate then private key (PEM)."""
    key, crt = tmp_path / "ca.key", tmp_path / "ca.crt"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-keyout", str(key), "-out", str(crt), "-days", "2", "-subj", "/O=Kaleo/CN=test-search-ca"),
        ],
        check=True,
        capture_output=True,
    )
    return crt.read_text() + key.read_text()


def _search_check_run(
    tmp_path: Path, extravars: dict[str, str], secret_values: dict[str, str]
) -> tuple[RunResult, str]:
    """The search play in check mode on this machine, with generated passwords added to
    ``secret_values``: the run's result and the text of its job events."""
    inv = _inventory(
        tmp_path / "inv.yml",
        {"search": {"search-local": {**LOCAL, "kaleo_private_ip": "127.0.0.1"}}},
        {"common_time_sync_enabled": False, "common_oslogin_enabled": False},
    )
    result = run_playbook(
        inventory=inv,
        playbook=DEFAULT_PLAYBOOK,
        artifacts_dir=tmp_path / "artifacts",
        limit="search",
        check=True,
        extravars={"kaleo_service_manager": "sysvinit", **extravars},
        secret_values={
            "kaleo_search_admin_password": "admin-" + os.urandom(8).hex(),
            "kaleo_search_app_password": "app-" + os.urandom(8).hex(),
            **secret_values,
        },
    )
    events = "".join(p.read_text() for p in (Path(result.artifacts) / "job_events").glob("*.json"))
    return result, events


def test_opensearch_role_passes_check_mode(tmp_path):
    result, events = _search_check_run(
        tmp_path,
        {"kaleo_search_version": "2.11.1", "kaleo_search_snapshot_bucket": "kaleo-dr-search-snapshots"},
        {"kaleo_search_ca": _test_ca(tmp_path)},
    )
    assert result.ok, result.to_dict()
    (host,) = result.hosts
    assert host.host == "search-local" and host.failed == 0
    assert not Path("/etc/apt/sources.list.d/opensearch-2.x.list").exists()  # check mode changed nothing
    assert "Add the OpenSearch apt repository" in events
    assert "BEGIN CERTIFICATE" not in events and "PRIVATE KEY" not in events  # the CA stays out of the logs


def test_opensearch_role_refuses_to_run_without_the_cluster_ca(tmp_path):
    result, events = _search_check_run(tmp_path, {"kaleo_search_snapshot_bucket": "b"}, {})
    assert not result.ok
    assert "kaleo_search_ca" in events


def test_example_static_inventory_maps_every_role_to_its_play():
    inv = PLAYBOOKS / "inventories" / "static.example.yml"
    out = _ansible_playbook("--list-hosts", "-i", str(inv), str(DEFAULT_PLAYBOOK))
    assert out.returncode == 0, out.stdout + out.stderr
    plays = {}
    current = None
    for line in out.stdout.splitlines():
        if line.strip().startswith("play #"):
            current = line.split("(", 1)[1].split(")", 1)[0]
            plays[current] = []
        elif current and line.startswith(" " * 4) and "pattern:" not in line and "hosts (" not in line:
            plays[current].append(line.strip())
    plays = {play: sorted(hosts) for play, hosts in plays.items()}
    assert plays == {
        "all": ["kaleo-gcp-app-0", "kaleo-gcp-cache-0", "kaleo-gcp-db-0", "kaleo-gcp-search-0"],
        "db": ["kaleo-gcp-db-0"],
        "cache": ["kaleo-gcp-cache-0"],
        "search": ["kaleo-gcp-search-0"],
        "app": ["kaleo-gcp-app-0"],
        "standby_db": [],  # the standby DB VM belongs to the gcp-standby stack
        "agent": [],  # continuity.yml, imported: the AWS agent
        "watcher": [],  # and the watcher VM of the gcp-standby stack
    }, out.stdout


SSHD = Path("/usr/sbin/sshd")


def test_sshd_drop_in_sorts_first_and_wins(rendered, tmp_path):
    """sshd keeps the first value it reads: our drop-in must sort before cloud-init's 50-cloud-init.conf.

    Asserted with ``sshd -T`` on a Debian-style sshd_config (Include of sshd_config.d/*.conf first)."""
    tasks = yaml.safe_load((ROLES / "common/tasks/sshd.yml").read_text())
    (install,) = [t for t in tasks if t["name"] == "Install the sshd hardening drop-in"]
    defaults = yaml.safe_load((ROLES / "common/defaults/main.yml").read_text())
    name = defaults["common_sshd_drop_in"]
    assert install["ansible.builtin.template"]["dest"].endswith("/{{ common_sshd_drop_in }}")
    assert sorted([name, "01-other.conf", "50-cloud-init.conf", "60-local.conf"])[0] == name
    if not SSHD.exists():
        pytest.fail("openssh-server is not installed (make deps installs it): sshd -T cannot be asserted")
    conf_d = tmp_path / "sshd_config.d"
    conf_d.mkdir()
    (conf_d / name).write_text((rendered / "sshd.conf").read_text())
    (conf_d / "50-cloud-init.conf").write_text("PasswordAuthentication yes\nPermitRootLogin yes\n")
    host_key = tmp_path / "host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
    main = tmp_path / "sshd_config"
    main.write_text(f"Include {conf_d}/*.conf\nHostKey {host_key}\nKbdInteractiveAuthentication yes\nUsePAM yes\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd -T wants its privilege separation directory
    out = subprocess.run([str(SSHD), "-T", "-f", str(main)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    effective = dict(line.split(None, 1) for line in out.stdout.splitlines() if " " in line)
    assert effective["passwordauthentication"] == "no"
    assert effective["permitrootlogin"] == "no"
    assert effective["kbdinteractiveauthentication"] == "no"
    # the same files with the old name (50-kaleo-hardening.conf) would lose to cloud-init
    (conf_d / name).rename(conf_d / "50-kaleo-hardening.conf")
    old = subprocess.run([str(SSHD), "-T", "-f", str(main)], capture_output=True, text=True, check=True)
    assert "passwordauthentication yes" in old.stdout.splitlines()


APP_PLAY = textwrap.dedent(
    """\
    - name: App preflight and config
      hosts: app-1
      gather_facts: false
      vars_files:
        - "{{ app_defaults }}"
      tasks:
        - name: Preflight
          ansible.builtin.import_tasks: "{{ app_tasks }}/preflight.yml"
        - name: Render the app config
          ansible.builtin.template:
            src: "{{ app_templates }}/kaleo-config.j2"
            dest: "{{ out_dir }}/kaleo-config.yml"
            mode: "0600"
    """
)


def _app_play(tmp: Path, **extra: object) -> subprocess.CompletedProcess[str]:
    inv = _inventory(tmp / "inv.yml", {"app": {"app-1": LOCAL}})
    play = tmp / "app.yml"
    play.write_text(APP_PLAY)
    values = {
        "app_defaults": str(ROLES / "app/defaults/main.yml"),
        "app_tasks": str(ROLES / "app/tasks"),
        "app_templates": str(ROLES / "app/templates"),
        "out_dir": str(tmp),
        "kaleo_db_password": "d" * 20,
        "kaleo_redis_password": "r" * 20,
        # as the common role reads it from the instance metadata attribute kaleo-buckets
        "kaleo_buckets": '{"uploads": "kaleo-dr-uploads"}',
        "app_config_format": "yaml",
        **extra,
    }
    (tmp / "extra.yml").write_text(yaml.safe_dump(values))
    return _ansible_playbook("-i", str(inv), str(play), "-e", f"@{tmp / 'extra.yml'}")


@pytest.mark.parametrize("sha", ["", "abc", "Z" * 64])
def test_app_refuses_an_unpinned_release(tmp_path, sha):
    out = _app_play(tmp_path, app_release_sha256=sha)
    assert out.returncode != 0
    assert "app_release_sha256 must be the sha256" in out.stdout


def test_app_refuses_to_run_without_the_bucket_names(tmp_path):
    """Defect 3: the buckets defaulted to kaleo-uploads instead of the standby stack's names."""
    out = _app_play(tmp_path, app_release_sha256="a" * 64, kaleo_buckets="{}")
    assert out.returncode != 0
    assert "the app needs the object buckets" in out.stdout


def test_app_db_tls_is_verify_full_with_a_ca_and_the_token_task_is_not_logged(tmp_path):
    sha = "a" * 64
    plain = _app_play(tmp_path, app_release_sha256=sha)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    config = yaml.safe_load((tmp_path / "kaleo-config.yml").read_text())
    db = config["database"]
    assert db["sslmode"] == "require" and db["sslrootcert"] is None
    assert config["object_storage"]["buckets"] == {"uploads": "kaleo-dr-uploads"}
    with_ca = _app_play(tmp_path, app_release_sha256=sha, app_db_sslrootcert="/etc/kaleo/db-ca.pem")
    assert with_ca.returncode == 0, with_ca.stdout + with_ca.stderr
    db = yaml.safe_load((tmp_path / "kaleo-config.yml").read_text())["database"]
    assert db["sslmode"] == "verify-full" and db["sslrootcert"] == "/etc/kaleo/db-ca.pem"
    # on GCP the CA certificate comes from the instance metadata kaleo-db-ca-cert: verify-full against it
    pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    from_metadata = _app_play(tmp_path, app_release_sha256=sha, kaleo_db_ca_cert=pem)
    assert from_metadata.returncode == 0, from_metadata.stdout + from_metadata.stderr
    db = yaml.safe_load((tmp_path / "kaleo-config.yml").read_text())["database"]
    assert db["sslmode"] == "verify-full" and db["sslrootcert"] == "/etc/kaleo/db-ca.crt"
    # every task that sends the metadata token is no_log
    tasks = yaml.safe_load((ROLES / "app/tasks/release.yml").read_text())
    carrying = [t for t in tasks if "app_metadata_token" in yaml.safe_dump(t)]
    assert len(carrying) >= 2 and all(t.get("no_log") is True for t in carrying), [t["name"] for t in carrying]


def test_the_standby_subscriber_settings_only_when_enabled(tmp_path):
    """kaleo.conf.j2 with postgresql_standby_subscriber on and off (rendered by Ansible itself)."""
    for enabled in (True, False):
        extra = {
            "defaults_files": [str(ROLES / "postgresql" / "defaults" / "main.yml")],
            "templates": [{"src": str(ROLES / "postgresql/templates/kaleo.conf.j2"), "dest": "postgresql.conf"}],
            "postgresql_memory_mb": 8192,
            "postgresql_cpus": 2,
            "postgresql_standby_subscriber": enabled,
        }
        out_dir = _render(tmp_path / f"render-{enabled}", {"db": {"search-0": LOCAL}}, extra)
        conf = (out_dir / "postgresql.conf").read_text()
        assert ("max_logical_replication_workers = 8" in conf) is enabled
        assert ("max_sync_workers_per_subscription = 4" in conf) is enabled
