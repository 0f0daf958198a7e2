"""``kaleo-dr contacts``: the command line."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.output import BadInput, console, emit, err_console, info
from scripts.runbook.contacts.export import customer_vcards, customers_csv, team_csv, team_vcards
from scripts.runbook.contacts.load import load_customers, load_team
from scripts.runbook.contacts.model import (
    Loaded,
    RowError,
)

Who = Literal["team", "customers"]
ContactsFileOpt = Annotated[
    Path | None, typer.Option("--contacts-file", help="Team file (default: contacts.contacts_file).")
]
CustomersFileOpt = Annotated[
    Path | None, typer.Option("--customers-file", help="Customers CSV (default: contacts.customers_file).")
]
CustomersOpt = Annotated[
    bool, typer.Option("--customers", help="Customers' designated contacts instead of the emergency team.")
]


def _load(who: Who, contacts_file: Path | None, customers_file: Path | None) -> Loaded[Any]:
    settings = get_config().contacts
    if who == "team":
        return load_team(contacts_file or settings.contacts_file, settings.default_region)
    return load_customers(customers_file or settings.customers_file, settings.default_region)


def _report_errors(errors: list[RowError], as_json: bool) -> None:
    for error in errors:
        (err_console if as_json else console).print(f"[yellow]bad row[/] {error}")


def register(app: typer.Typer) -> None:
    contacts = new_app("The emergency team's calling list and the customers' designated contacts.")
    app.add_typer(contacts, name="contacts")

    @contacts.command("list")
    def list_command(
        customers: CustomersOpt = False,
        contacts_file: ContactsFileOpt = None,
        customers_file: CustomersFileOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Show the validated contacts; bad rows are listed with their line number (exit 1), good rows still shown."""
        who: Who = "customers" if customers else "team"
        loaded = _load(who, contacts_file, customers_file)
        data = {
            "who": who,
            "rows": [asdict(r) for r in loaded.rows],
            "errors": [asdict(e) for e in loaded.errors],
        }

        def render(_: Any) -> None:
            from rich.table import Table

            table = Table(title=f"{'customer contacts' if customers else 'emergency team'} ({len(loaded.rows)})")
            if customers:
                for col in ("customer", "name", "contact", "email", "phone"):
                    table.add_column(col)
                for c in loaded.rows:
                    table.add_row(c.customer_id, c.name, c.contact_name, c.contact_email, c.contact_phone or "")
            else:
                for col in ("name", "role", "email", "mobile", "home"):
                    table.add_column(col)
                for m in loaded.rows:
                    table.add_row(m.name, m.role, m.email, m.mobile, m.home or "")
            console.print(table)
            _report_errors(loaded.errors, False)

        emit(data, as_json, render)
        if loaded.errors:
            raise typer.Exit(1)

    @contacts.command("export")
    def export_command(
        fmt: Annotated[str, typer.Option("--format", "-f", help="csv or vcard.")] = "csv",
        vcard_version: Annotated[str, typer.Option("--vcard-version", help="vCard 3.0 or 4.0.")] = "4.0",
        customers: CustomersOpt = False,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
        ] = None,
        contacts_file: ContactsFileOpt = None,
        customers_file: CustomersFileOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Export the calling list as CSV or vCard (print it and keep it at home, as the plan asks)."""
        if fmt not in ("csv", "vcard"):
            raise BadInput(f"--format {fmt!r}: use csv or vcard")
        if vcard_version not in ("3.0", "4.0"):
            raise BadInput(f"--vcard-version {vcard_version!r}: use 3.0 or 4.0")
        who: Who = "customers" if customers else "team"
        loaded = _load(who, contacts_file, customers_file)
        org = get_config().notify.company
        if fmt == "csv":
            text = customers_csv(loaded.rows) if customers else team_csv(loaded.rows)
        else:
            text = (
                customer_vcards(loaded.rows, vcard_version)
                if customers
                else team_vcards(loaded.rows, vcard_version, org)
            )
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise BadInput(f"--output {output}: {exc.strerror}") from exc
        data = {
            "who": who,
            "format": fmt,
            "count": len(loaded.rows),
            "output": str(output) if output else None,
            "errors": [asdict(e) for e in loaded.errors],
        }
        if output is None and not as_json:
            sys.stdout.buffer.write(text.encode("utf-8"))  # keep the CRLF line ends vCard and CSV need
            sys.stdout.flush()
            _report_errors(loaded.errors, True)
        elif output is None:
            data["content"] = text
            emit(data, as_json)
        else:
            emit(data, as_json, lambda d: info(f"wrote {d['count']} {who} contact(s) to {output}"))
            if not as_json:
                _report_errors(loaded.errors, False)
        if loaded.errors:
            if not as_json:
                err_console.print(f"[red]{len(loaded.errors)} bad row(s) left out; fix them and export again[/]")
            raise typer.Exit(1)
