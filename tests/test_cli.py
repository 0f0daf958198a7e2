"""The kaleo-dr command line: help, exit codes, --json shapes, config handling."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RUNBOOK_ORDER = [
    "triage",
    "declare",
    "report-customer",
    "notify",
    "contacts",
    "db",
    "backup",
    "restore",
    "standby",
    "job",
    "watch",
    "alarm",
    "secrets",
    "readiness",
    "plan",
    "parity",
    "policy",
    "wiring",
    "provision",
    "boot",
    "search",
    "failover",
    "cutover",
    "failback",
    "rehearse",
]


def test_help_lists_commands_in_runbook_order(cli):
    from typer.main import get_command

    from scripts.cli import app

    group = get_command(app)
    names = list(group.list_commands(None))  # type: ignore[arg-type]
    present = [n for n in RUNBOOK_ORDER if n in names]
    assert "plan" in present
    # every registered command is a runbook command, in the runbook's order
    assert names == present
    r = cli("--help")
    assert r.code == 0
    panel = r.stdout[r.stdout.index("Commands") :]
    positions = [panel.index(f"│ {n} ") for n in present]
    assert positions == sorted(positions)
    assert "Exit codes" in r.stdout


def test_version(cli):
    r = cli("--version")
    assert r.code == 0
    assert r.stdout.startswith("kaleo-dr ")


def test_unknown_command_is_exit_2(cli):
    r = cli("no-such-command")
    assert r.code == 2


def test_plan_json_shape(cli, in_tmp, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = cli("plan", "--stack", "aws", "--json")
    assert r.code == 0, r.stderr
    data = r.json()
    assert set(data) >= {"stack", "resources", "outputs"}
    assert data["stack"] == "aws"
    assert data["resources"], "the aws stack registers resources"
    for res in data["resources"]:
        assert set(res) >= {"type", "name", "parent", "inputs"}
    vpc = next(r for r in data["resources"] if r["type"] == "aws:ec2/vpc:Vpc")
    assert "cidrBlock" in vpc["inputs"], "inputs use the engine's camelCase keys"


def test_plan_unknown_stack_is_exit_2_with_hint(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = cli("plan", "--stack", "nope")
    assert r.code == 2
    assert "nope" in r.stderr
    assert "known stacks" in r.stderr


def test_plan_unknown_stack_json_error(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = cli("plan", "--stack", "nope", "--json")
    assert r.code == 2
    assert json.loads(r.stdout)["exit_code"] == 2


def test_console_script_entry_point_runs():
    # the installed entry point and `python -m scripts` are the same program
    proc = subprocess.run([sys.executable, "-m", "scripts", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0
    assert "plan" in proc.stdout


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("notify: {sender: a@example.com, smtpp: {}}\n", "unknown key 'notify.smtpp'"),
        ("bogus_section: 1\n", "unknown key 'bogus_section'"),
        ("notify:\n  smtp:\n    port: 25\n", "missing required key 'notify.smtp.host'"),
        ("notify: [1, 2\n", "not valid YAML"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("cloudflare:\n  api_token: sk-live-123456\n", "cloudflare.api_token"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(cli, in_tmp, body, needle):
    (in_tmp / "kaleo-dr.yaml").write_text(body)
    r = cli("plan", "--stack", "aws")
    assert r.code == 2
    assert needle in r.stderr
    # an inline secret is never echoed back
    assert "sk-live-123456" not in r.stderr + r.stdout


def test_missing_explicit_config_is_exit_2(cli, in_tmp):
    r = cli("--config", str(in_tmp / "absent.yaml"), "plan", "--stack", "aws")
    assert r.code == 2
    assert "absent.yaml" in r.stderr


def test_each_command_loads_only_its_own_module() -> None:
    from typer.main import get_command

    from scripts.cli import COMMAND_MODULES, app, build_app

    every = set(get_command(app).list_commands(None))  # type: ignore[attr-defined,arg-type]
    assert every == set(COMMAND_MODULES)
    for command, module in COMMAND_MODULES.items():
        alone = set(get_command(build_app(command)).list_commands(None))  # type: ignore[attr-defined,arg-type]
        # the command is there, with exactly the commands its module registers
        assert command in alone
        assert alone == {c for c, m in COMMAND_MODULES.items() if m == module}


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["restore", "--from", "x"], "restore"),
        (["--config", "restore", "backup", "list"], "backup"),
        (["-c", "k.yaml", "--json"], None),
        (["--config=k.yaml", "triage"], "triage"),
        (["--help"], None),
        (["no-such-command"], None),
    ],
)
def test_the_invoked_command_is_found_past_root_options(argv: list[str], command: str | None) -> None:
    from scripts.cli import invoked_command

    assert invoked_command(argv) == command


def test_the_console_script_runs_a_command_with_only_its_module(tmp_path: Path) -> None:
    code = (
        "import sys; sys.argv = ['kaleo-dr', 'restore', '--help']\n"
        "from scripts import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('scripts.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    loaded = out.stdout.strip().splitlines()[-1]
    assert "'scripts.db.restore'" in loaded
    assert "'scripts.runbook.triage'" not in loaded and "'scripts.runbook.notify'" not in loaded


def test_the_entry_point_collects_garbage_again_once_the_command_runs(tmp_path: Path) -> None:
    # scripts.__main__.entry keeps the collector off while importing; the command itself
    # (here a stand-in for restore's run) must find it on, or a long command would never collect
    code = (
        "import gc, sys; sys.argv = ['kaleo-dr', 'restore', '--help']\n"
        "import typer.main\n"
        "seen = []\n"
        "orig = typer.main.Typer.__call__\n"
        "def call(self, *a, **k):\n"
        "    seen.append((gc.isenabled(), len(gc.get_objects()) < gc.get_freeze_count()))\n"
        "    return orig(self, *a, **k)\n"
        "typer.main.Typer.__call__ = call\n"
        "from scripts.__main__ import entry\n"
        "try:\n    entry()\nexcept SystemExit:\n    pass\n"
        "print(seen)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    # on when the command starts, and the imports' objects frozen (more than are left to scan)
    assert out.stdout.strip().splitlines()[-1] == "[(True, True)]"


def test_help_documents_the_inconclusive_exit_code(cli):
    r = cli("--help")
    text = " ".join(r.stdout.split())
    assert "3 inconclusive" in text and "2 bad input" in text


def test_third_party_warnings_stay_off_the_terminal(caplog):
    import logging
    import warnings

    from scripts import cli as cli_module

    own = str(ROOT / "scripts" / "runbook" / "triage" / "cli.py")
    third = "/usr/lib/python3/site-packages/google/api_core/_python_version_support.py"
    shown: list[str] = []
    with warnings.catch_warnings(), caplog.at_level(logging.DEBUG, logger="kaleo_dr.warnings"):
        warnings.simplefilter("always")
        warnings.showwarning = lambda message, *args, **kwargs: shown.append(str(message))
        cli_module.route_warnings()
        warnings.warn_explicit("Google will stop supporting this Python", FutureWarning, third, 254)
        warnings.warn_explicit("a warning of our own", UserWarning, own, 1)
    assert shown == ["a warning of our own"]  # the terminal sees the project's warning only
    assert any("Google will stop supporting" in rec.getMessage() for rec in caplog.records)
