"""``kaleo-dr contacts``: the emergency team's calling list and the customers' designated contacts.

* ``contacts.yaml`` - the emergency team (``team:`` list of name, role, email, mobile,
  home), the calling list the plan asks every member to keep at home;
* ``customers.csv`` - one row per customer: ``customer_id, name, contact_name,
  contact_email[, contact_phone][, components]`` (components separated by ``;``).

Emails are checked for syntax (no DNS lookups: during an outage DNS may be what is
broken), phone numbers are normalised to E.164. A bad row is reported with its file and
line number and left out; the good rows stay usable.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

import typer
import yaml

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.output import BadInput, console, emit, err_console, info

CUSTOMER_COLUMNS = ("customer_id", "name", "contact_name", "contact_email", "contact_phone", "components")
REQUIRED_CUSTOMER_COLUMNS = ("customer_id", "name", "contact_name", "contact_email")


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    email: str
    mobile: str
    home: str | None
    line: int


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    contact_name: str
    contact_email: str
    contact_phone: str | None
    components: tuple[str, ...]
    line: int

    @property
    def contact_key(self) -> str:
        """The ledger key of this customer's designated contact."""
        return f"{self.customer_id}:{self.contact_email.lower()}"


T = TypeVar("T")


@dataclass
class Loaded(Generic[T]):
    rows: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# -- validation --------------------------------------------------------------------------
def normalise_email(value: str) -> str:
    """The normalised address, or ValueError with the reason (syntax only, no DNS)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return str(validate_email(value.strip(), check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise ValueError(f"invalid email {value!r}: {exc}") from exc


def normalise_phone(value: str, region: str) -> str:
    """The number in E.164 (``+12015550123``), or ValueError with the reason."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"invalid phone number {value!r}: {exc}") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"invalid phone number {value!r}: not a valid number for its country")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_team(path: Path, region: str = "US") -> Loaded[TeamMember]:
    """Read ``contacts.yaml``; bad entries become :class:`RowError` with their line."""
    text = _read(path, "contacts.file")
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise BadInput(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("team"), list):
        raise BadInput(f"{path}: expected a mapping with a 'team:' list of members")
    result: Loaded[TeamMember] = Loaded()
    for entry in data["team"]:
        line = entry.get("__line__", 0) if isinstance(entry, dict) else 0
        if not isinstance(entry, dict):
            result.errors.append(RowError(str(path), line, "a team member must be a mapping"))
            continue
        problems: list[str] = []
        unknown = sorted(set(entry) - {"name", "role", "email", "mobile", "home", "__line__"})
        if unknown:
            problems.append(f"unknown key(s) {', '.join(unknown)}")
        values = {k: str(entry[k]).strip() for k in ("name", "role", "email", "mobile", "home") if entry.get(k)}
        for key in ("name", "role", "email", "mobile"):
            if not values.get(key):
                problems.append(f"missing '{key}'")
        email = mobile = home = None
        if values.get("email"):
            email = _try(normalise_email, problems, values["email"])
        if values.get("mobile"):
            mobile = _try(normalise_phone, problems, values["mobile"], region)
        if values.get("home"):
            home = _try(normalise_phone, problems, values["home"], region)
        if problems or email is None or mobile is None:
            result.errors.append(RowError(str(path), line, "; ".join(problems)))
            continue
        result.rows.append(TeamMember(values["name"], values["role"], email, mobile, home, line))
    return result


def load_customers(path: Path, region: str = "US") -> Loaded[Customer]:
    """Read ``customers.csv``; bad rows become :class:`RowError` with their line number."""
    text = _read(path, "contacts.customers_file")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_CUSTOMER_COLUMNS if c not in header]
    if missing:
        raise BadInput(
            f"{path}:1: header lacks column(s) {', '.join(missing)}",
            hint="header: customer_id,name,contact_name,contact_email,contact_phone,components",
        )
    unknown = [c for c in header if c not in CUSTOMER_COLUMNS]
    if unknown:
        raise BadInput(f"{path}:1: unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header
    result: Loaded[Customer] = Loaded()
    seen: dict[str, int] = {}
    previous_end = reader.line_num
    for raw in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any((v or "").strip() for k, v in raw.items() if k is not None):
            continue
        problems: list[str] = []
        if raw.get(None):  # type: ignore[call-overload]
            problems.append("more fields than columns")
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        for key in REQUIRED_CUSTOMER_COLUMNS:
            if not row.get(key):
                problems.append(f"missing '{key}'")
        email = _try(normalise_email, problems, row["contact_email"]) if row.get("contact_email") else None
        phone = _try(normalise_phone, problems, row["contact_phone"], region) if row.get("contact_phone") else None
        cid = row.get("customer_id", "")
        if cid and cid in seen:
            problems.append(f"customer_id {cid!r} already used on line {seen[cid]}")
        if problems or email is None:
            result.errors.append(RowError(str(path), line, "; ".join(problems)))
            continue
        seen[cid] = line
        components = tuple(c.strip() for c in row.get("components", "").split(";") if c.strip())
        result.rows.append(Customer(cid, row["name"], row["contact_name"], email, phone, components, line))
    return result


def _try(fn: Any, problems: list[str], *args: Any) -> Any:
    try:
        return fn(*args)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def _read(path: Path, key: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise BadInput(f"{path} does not exist", hint=f"set {key} in kaleo-dr.yaml or pass the file flag") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read {path}: {exc}") from exc


# -- export ------------------------------------------------------------------------------
def team_csv(members: list[TeamMember]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "role", "email", "mobile", "home"])
    for m in members:
        writer.writerow([m.name, m.role, m.email, m.mobile, m.home or ""])
    return out.getvalue()


def customers_csv(customers: list[Customer]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(CUSTOMER_COLUMNS))
    for c in customers:
        writer.writerow(
            [c.customer_id, c.name, c.contact_name, c.contact_email, c.contact_phone or "", ";".join(c.components)]
        )
    return out.getvalue()


def _vcard_escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 3.2 / RFC 2426), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # continuation lines start with one space
    return "\r\n ".join(parts)


def _vcard_tel(number: str, kind: str, version: str) -> str:
    if version == "4.0":
        return f"TEL;VALUE=uri;TYPE={kind},voice:tel:{number}"
    return f"TEL;TYPE={kind.upper()},VOICE:{number}"


def vcard(
    name: str, email: str, phones: list[tuple[str, str]], version: str, org: str, title: str | None = None
) -> str:
    given, _, family = name.rpartition(" ")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{_vcard_escape(name)}"]
    lines.append(f"N:{_vcard_escape(family)};{_vcard_escape(given)};;;")
    lines.append(f"ORG:{_vcard_escape(org)}")
    if title:
        lines.append(f"TITLE:{_vcard_escape(title)}")
    lines.append(f"EMAIL;TYPE=work:{email}" if version == "4.0" else f"EMAIL;TYPE=INTERNET,WORK:{email}")
    lines.extend(_vcard_tel(number, kind, version) for kind, number in phones)
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def team_vcards(members: list[TeamMember], version: str, org: str) -> str:
    cards = []
    for m in members:
        phones = [("cell", m.mobile)] + ([("home", m.home)] if m.home else [])
        cards.append(vcard(m.name, m.email, phones, version, org, m.role))
    return "".join(cards)


def customer_vcards(customers: list[Customer], version: str) -> str:
    cards = []
    for c in customers:
        phones = [("work", c.contact_phone)] if c.contact_phone else []
        cards.append(vcard(c.contact_name, c.contact_email, phones, version, c.name, f"customer {c.customer_id}"))
    return "".join(cards)


# -- command line ------------------------------------------------------------------------
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
