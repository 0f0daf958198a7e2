"""An update, its recipients (the customers' designated contacts) and one message as MIME bytes."""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Literal

from scripts.config import KaleoConfig
from scripts.runbook.notify.templates import Templates

PHASES: dict[str, tuple[str, str]] = {
    "investigating": (
        "Investigating",
        "We are aware that the service is unavailable or degraded and we are investigating the cause.",
    ),
    "identified": (
        "Identified",
        "We have identified the cause of the disruption and are working on restoring the service.",
    ),
    "monitoring": (
        "Monitoring",
        "The service has been restored. We are monitoring it closely to make sure it stays available.",
    ),
    "resolved": ("Resolved", "The incident is resolved and the service is operating normally."),
}
Phase = Literal["investigating", "identified", "monitoring", "resolved"]


@dataclass(frozen=True)
class Recipient:
    key: str
    customer_id: str
    customer_name: str
    name: str
    email: str


@dataclass
class Update:
    incident_id: int
    incident_opened_at: str
    incident_title: str
    update_no: int
    phase: str
    message: str
    resumed: bool


def recipients_from(
    cfg: KaleoConfig, customers_file: Path | None, components: list[str] | None = None
) -> tuple[list[Recipient], list[str]]:
    """Customers' designated contacts; with ``components``, only customers using one of them
    (a customer without a components column value uses every component)."""
    from scripts.runbook.contacts import load_customers

    loaded = load_customers(customers_file or cfg.contacts.customers_file, cfg.contacts.default_region)
    wanted = {c.lower() for c in components or []}
    seen: set[str] = set()
    out: list[Recipient] = []
    for c in loaded.rows:
        if c.contact_key in seen:
            continue
        if wanted and c.components and not wanted & {x.lower() for x in c.components}:
            continue
        seen.add(c.contact_key)
        out.append(Recipient(c.contact_key, c.customer_id, c.name, c.contact_name, c.contact_email))
    return out, [str(e) for e in loaded.errors]


@dataclass(frozen=True)
class Composed:
    """One rendered message: the MIME bytes to send and, for previews, its subject and text."""

    to: str
    subject: str
    text: str
    raw: bytes


def _header(value: str) -> str:
    """A header value: as is when it is short ASCII, RFC 2047 encoded otherwise."""
    if value.isascii() and len(value) < 900 and "\n" not in value and "\r" not in value:
        return value
    return Header(value, "utf-8").encode(maxlinelen=76)


def _address(name: str, email: str) -> str:
    return formataddr((" ".join(name.split()), email), charset="utf-8")


def _qp(text: str) -> bytes:
    body = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    return binascii.b2a_qp(body.encode("utf-8"), istext=True).replace(b"\n", b"\r\n")


def build_message(
    cfg: KaleoConfig, templates: Templates, update: Update, recipient: Recipient, now: dt.datetime
) -> Composed:
    """Render and assemble one message (multipart/alternative, text and HTML, quoted-printable UTF-8).

    Assembled directly as bytes: the ``email`` package's generator costs several
    milliseconds per message, which matters at thousands of contacts.
    """
    settings = cfg.notify
    title, text = PHASES[update.phase]
    context = {
        "company": settings.company,
        "phase": update.phase,
        "phase_title": title,
        "phase_text": text,
        "message": update.message,
        "update_no": update.update_no,
        "incident": {"id": update.incident_id, "opened_at": update.incident_opened_at, "title": update.incident_title},
        "customer": {"id": recipient.customer_id, "name": recipient.customer_name},
        "contact": {"name": recipient.name, "email": recipient.email},
        "sent_at": now.strftime("%Y-%m-%d %H:%M UTC"),
        "status_page_url": settings.status_page_url,
        "reply_to": settings.reply_to,
        "cadence_minutes": settings.cadence_minutes,
    }
    subject, body_text, body_html = templates.render(context)
    sender = settings.sender or "status@example.invalid"
    # the same Message-ID for a resend of the same update lets mail clients drop a duplicate
    digest = hashlib.sha256(recipient.key.encode()).hexdigest()[:16]
    domain = sender.rpartition("@")[2] or "kaleo-dr.invalid"
    boundary = f"=_kaleo-dr-{digest}-{update.incident_id}-{update.update_no}"
    to = _address(recipient.name, recipient.email)
    headers = [
        ("From", _address(f"{settings.company} Status", sender)),
        ("To", to),
        *([("Reply-To", settings.reply_to)] if settings.reply_to else []),
        ("Subject", _header(subject)),
        ("Date", format_datetime(now)),
        ("Message-ID", f"<kaleo-dr.{update.incident_id}.{update.update_no}.{digest}@{domain}>"),
        ("X-Kaleo-Incident", str(update.incident_id)),
        ("X-Kaleo-Update", str(update.update_no)),
        ("Auto-Submitted", "auto-generated"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
    ]
    part_head = "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    raw = b"".join(
        [
            "".join(f"{k}: {v}\r\n" for k, v in headers).encode("ascii"),
            f"\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n{part_head}".encode(),
            _qp(body_text),
            f"\r\n--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n{part_head}".encode(),
            _qp(body_html),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    return Composed(to, subject, body_text, raw)
