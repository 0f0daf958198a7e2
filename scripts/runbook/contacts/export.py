"""The contacts as CSV and vCards (for phones and address books)."""

from __future__ import annotations

import csv
import io

from scripts.runbook.contacts.model import (
    CUSTOMER_COLUMNS,
    Customer,
    TeamMember,
)


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
