"""The notify templates: subject, text and HTML bodies, from ``notify.templates_dir`` or the built-in ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.output import BadInput

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "notify"


class Templates:
    """subject.txt.j2, body.txt.j2 and body.html.j2, from ``notify.templates_dir`` or the built-in ones."""

    def __init__(self, templates_dir: Path | None) -> None:
        import jinja2

        dirs = [str(templates_dir)] if templates_dir else []
        if templates_dir is not None and not templates_dir.is_dir():
            raise BadInput(f"notify.templates_dir {templates_dir} is not a folder")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([*dirs, str(BUILTIN_TEMPLATES)]),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
            keep_trailing_newline=False,
        )
        self.jinja2 = jinja2
        try:
            self.subject = self.env.get_template("subject.txt.j2")
            self.text = self.env.get_template("body.txt.j2")
            self.html = self.env.get_template("body.html.j2")
        except jinja2.TemplateError as exc:
            raise BadInput(f"notify template: {exc}") from exc

    def render(self, context: dict[str, Any]) -> tuple[str, str, str]:
        try:
            subject = " ".join(self.subject.render(context).split())
            text = self.text.render({**context, "subject": subject})
            html = self.html.render({**context, "subject": subject})
        except self.jinja2.TemplateError as exc:
            raise BadInput(f"notify template: {type(exc).__name__}: {exc}") from exc
        return subject, text, html
