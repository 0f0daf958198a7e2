"""Building blocks shared by every ``kaleo-dr`` command module.

A command module exposes ``register(app)`` and builds its sub-commands with
:func:`new_app`, takes ``--json`` with :data:`JsonOpt` and reads the configuration with
:func:`get_config`. Raising :class:`scripts.output.DrError` anywhere ends the command with
its message and documented exit code (as JSON on stdout when ``--json`` was given).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from scripts.config import KaleoConfig, load_config
from scripts.output import DrError, fail


class KaleoGroup(TyperGroup):
    """A Typer group that keeps commands in runbook order and turns DrError into exit codes."""

    # Names listed here come first, in this order (Typer otherwise lists plain commands before sub-apps).
    command_order: tuple[str, ...] = ()

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(self.command_order)}
        return sorted(names, key=lambda n: (rank.get(n, len(rank)), names.index(n)))

    def invoke(self, ctx: Any) -> Any:
        # The group consumes its remaining arguments while invoking: look for --json first.
        remaining = [*getattr(ctx, "_protected_args", []), *ctx.args]
        try:
            return super().invoke(ctx)
        except DrError as exc:
            fail(exc, "--json" in remaining)


def new_app(help: str, **kwargs: Any) -> typer.Typer:
    return typer.Typer(
        cls=kwargs.pop("cls", KaleoGroup),
        help=help,
        no_args_is_help=kwargs.pop("no_args_is_help", True),
        add_completion=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
        **kwargs,
    )


JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout (for automation).")]


class AppState:
    """Per-invocation state set by the root callback: the config path and the loaded config."""

    current: AppState | None = None

    def __init__(self, config_path: Path | None) -> None:
        self.config_path = config_path
        self._config: KaleoConfig | None = None
        AppState.current = self

    @property
    def config(self) -> KaleoConfig:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config


def get_config() -> KaleoConfig:
    """The validated ``kaleo-dr.yaml`` of this invocation (empty defaults when there is none)."""
    state = AppState.current
    return state.config if state is not None else load_config(None)
