"""The Pulumi Automation API, the way ``failover``, ``cutover`` and ``rehearse --sandbox`` use it.

Stacks are selected from the project folder (``pulumi.project_dir``, the checkout holding
``Pulumi.yaml``) with the state backend of ``pulumi.backend_url`` (a ``gs://`` bucket or
Pulumi Cloud, never a backend inside AWS). The Automation API drives the ``pulumi`` CLI,
so every entry point first checks that the CLI is installed and names it when it is not.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.config import PulumiSettings
from scripts.output import BadInput, CheckFailed

PRODUCTION_STACKS = ("aws", "gcp")


def require_cli() -> str:
    """The path of the ``pulumi`` CLI, or a clear error saying it is missing."""
    found = shutil.which("pulumi")
    if not found:
        raise CheckFailed(
            "the Pulumi CLI ('pulumi') is not installed or not on PATH; the Pulumi Automation API needs it",
            hint="install it (curl -fsSL https://get.pulumi.com | sh) and put ~/.pulumi/bin on PATH",
        )
    return found


def project_dir(settings: PulumiSettings) -> Path:
    from scripts.cloud.plan import project_root

    root = settings.project_dir
    return project_root(root if (root / "Pulumi.yaml").is_file() else None)


def require_failover_stack(stack: str, settings: PulumiSettings) -> None:
    """Refuse any stack but a GCP failover one: ``kaleo:cloud`` gcp and ``kaleo:gcpMode`` failover.

    ``failover --stack aws`` would otherwise run ``pulumi up`` on production AWS, and the
    standby stack holds the dump bucket the rebuild reads from."""
    from scripts.cloud.plan import load_stack_config

    project, config, _ = load_stack_config(project_dir(settings), stack)
    cloud = config.get("kaleo:cloud") or config.get(f"{project}:cloud")
    mode = config.get("kaleo:gcpMode") or config.get(f"{project}:gcpMode") or "failover"
    if cloud != "gcp" or mode != "failover":
        raise BadInput(
            f"--stack {stack}: Pulumi.{stack}.yaml has kaleo:cloud {cloud!r} and kaleo:gcpMode {mode!r}; "
            "failover only builds a GCP stack in failover mode",
            hint="use the gcp failover stack (pulumi.gcp_stack), never the aws or gcp-standby stack",
        )


def select_stack(stack: str, settings: PulumiSettings, create: bool = False) -> Any:
    """``select_stack`` (or ``create_or_select_stack``) with the project folder as work_dir."""
    require_cli()
    import pulumi.automation as auto

    env: dict[str, str] = {}
    if settings.backend_url:
        env["PULUMI_BACKEND_URL"] = settings.backend_url
    opts = auto.LocalWorkspaceOptions(env_vars=env or None)
    work_dir = str(project_dir(settings))
    try:
        if create:
            return auto.create_or_select_stack(stack_name=stack, work_dir=work_dir, opts=opts)
        return auto.select_stack(stack_name=stack, work_dir=work_dir, opts=opts)
    except FileNotFoundError as exc:
        raise CheckFailed(f"the Pulumi CLI could not be run: {exc}") from exc
    except Exception as exc:  # the Automation API raises CommandError subclasses
        raise CheckFailed(f"cannot select Pulumi stack '{stack}': {str(exc).strip()[-800:]}") from exc


def copy_config(st: Any, settings: PulumiSettings, from_stack: str) -> list[str]:
    """Give a new stack the plain config of ``Pulumi.<from_stack>.yaml``; returns the secret keys left to set.

    Secrets are encrypted per stack, so they cannot be copied: the caller names them.
    """
    import pulumi.automation as auto

    from scripts.cloud.plan import load_stack_config

    _, config, secret_keys = load_stack_config(project_dir(settings), from_stack)
    plain = {k: auto.ConfigValue(value=v) for k, v in config.items() if k not in secret_keys}
    st.set_all_config(plain)
    return secret_keys


def up(
    stack: str,
    settings: PulumiSettings,
    on_output: Callable[[str], None],
    create: bool = False,
    config_from: str | None = None,
    config: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``pulumi up`` through the Automation API, streaming the engine output; returns the outputs.

    With ``config_from``, a stack without its own ``Pulumi.<stack>.yaml`` gets that stack's plain config.
    ``config`` (plain ``kaleo:key`` values) is set on the stack first and stays in its config, so a
    later ``pulumi up`` builds the same thing.
    """
    st = select_stack(stack, settings, create=create)
    if config_from and not (project_dir(settings) / f"Pulumi.{stack}.yaml").is_file():
        missing = copy_config(st, settings, config_from)
        if missing:
            raise CheckFailed(
                f"stack '{stack}' needs its own secrets: {', '.join(missing)}",
                hint=f"pulumi config set --secret KEY VALUE --stack {stack}",
            )
    if config:
        import pulumi.automation as auto

        try:
            st.set_all_config({key: auto.ConfigValue(value=value) for key, value in config.items()})
        except Exception as exc:
            raise CheckFailed(f"cannot set {', '.join(config)} on stack '{stack}': {str(exc).strip()[-400:]}") from exc
    try:
        result = st.up(on_output=on_output)
    except Exception as exc:
        raise CheckFailed(f"pulumi up of stack '{stack}' failed: {str(exc).strip()[-800:]}") from exc
    return {key: "[secret]" if out.secret else out.value for key, out in result.outputs.items()}


def destroy(stack: str, settings: PulumiSettings, on_output: Callable[[str], None], remove: bool = False) -> None:
    """``pulumi destroy`` (and, with ``remove``, delete the emptied stack)."""
    guard = remove and stack in PRODUCTION_STACKS
    if guard:
        raise BadInput(f"refusing to remove the production stack '{stack}'")
    st = select_stack(stack, settings)
    try:
        st.destroy(on_output=on_output)
        if remove:
            st.workspace.remove_stack(stack)
    except Exception as exc:
        raise CheckFailed(f"pulumi destroy of stack '{stack}' failed: {str(exc).strip()[-800:]}") from exc


def outputs(stack: str, settings: PulumiSettings) -> dict[str, Any]:
    st = select_stack(stack, settings)
    try:
        return {key: "[secret]" if out.secret else out.value for key, out in st.outputs().items()}
    except Exception as exc:
        raise CheckFailed(f"cannot read the outputs of stack '{stack}': {str(exc).strip()[-800:]}") from exc


def guard_not_production(stack: str) -> None:
    if stack in PRODUCTION_STACKS or not stack:
        raise BadInput(f"refusing to touch the production stack '{stack}' from a rehearsal")
