"""Loading contacts.yaml and customers.csv: emails checked, phones in E.164, bad rows named by line."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from scripts.output import BadInput
from scripts.runbook.contacts.model import (
    CUSTOMER_COLUMNS,
    REQUIRED_CUSTOMER_COLUMNS,
    Customer,
    Loaded,
    RowError,
    TeamMember,
)


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
