"""``kaleo-dr notify``: tell every customer's designated contact, exactly once per update.

``kaleo-dr notify --phase investigating|identified|monitoring|resolved [--message TEXT]``
sends one email per contact of ``customers.csv`` for the current incident, rendered from
Jinja2 templates (text and HTML, ``StrictUndefined``: a missing variable is an error
before anything is sent), over the SMTP relay of ``notify.smtp`` with
``notify.fallback_smtp`` as second relay. Do not use a relay hosted on AWS (SES goes down
with AWS).

Never twice: each update has a number; before a message goes out, a ledger row
(incident, update, contact) is written as ``claimed``. The SMTP exchange is done step by
step (MAIL FROM, RCPT TO, DATA, the message) and, just before the final end-of-data
``.``, the row is marked ``data-sent`` and fsynced; it is marked ``sent`` once the relay
answered 250. Rerunning the same command resumes the same update:

* a ``claimed`` row (the run was killed or the connection dropped before end-of-data: the
  relay cannot have the message) is sent again;
* a ``data-sent`` row (killed between end-of-data and the relay's reply) is an *unknown
  outcome*: it is reported and not resent unless ``--resend-unknown`` is given;
* ``failed`` rows (the relay refused the message) are retried.

A resend keeps the message's Message-ID, so receiving systems can drop a duplicate.

TLS is always verified (``ssl.create_default_context()``; ``ca_file`` per relay for a
private CA), for SMTPS (``ssl: true``) and STARTTLS.

``kaleo-dr notify due`` says when the next status update is due per
``notify.cadence_minutes`` (exit 1 when it is overdue).

Exit codes: 0 every contact has the update; 1 some failed, are unknown or were not
attempted; 2 bad input or configuration.
"""

from __future__ import annotations

import binascii
import contextlib
import datetime as dt
import hashlib
import queue
import re
import smtplib
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig, SmtpSettings, resolve_secret
from scripts.output import BadInput, DrError, console, emit, err_console, fail, info

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
BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates" / "notify"
IDLE_CHECK_SECONDS = 10.0


# -- templates -----------------------------------------------------------------------------
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


# -- contacts and messages --------------------------------------------------------------------
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


# -- SMTP ---------------------------------------------------------------------------------------
class RelayDown(Exception):
    """The relay cannot be reached or refuses us (connect, TLS, login): nothing was sent."""


class Refused(Exception):
    """The relay answered and did not accept this message: definitely not sent."""

    def __init__(self, message: str, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


class Unknown(Exception):
    """The connection broke after end-of-data, before the relay's reply: it may or may not go out."""


class NotSent(Exception):
    """The connection broke before end-of-data: the relay cannot deliver this message."""


def _dot_stuffed(raw: bytes) -> bytes:
    """The message as DATA carries it (RFC 5321 4.5.2), ending with CRLF, without the final ``.``."""
    body = re.sub(rb"(?m)^\.", b"..", raw)
    return body if body.endswith(b"\r\n") else body + b"\r\n"


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """A verifying TLS context: the system's CAs, or ``ca_file`` when one is configured."""
    try:
        return ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise BadInput(f"notify smtp ca_file {settings.ca_file}: {exc}") from exc


class Relay:
    """One persistent SMTP connection to one relay."""

    def __init__(self, name: str, settings: SmtpSettings) -> None:
        self.name = name
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.last_used = 0.0

    def connect(self) -> None:
        s = self.settings
        context = tls_context(s)
        try:
            if s.ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.starttls and not s.ssl:
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.username:
                password = resolve_secret(s.password, f"notify.{self.name}.password") if s.password else ""
                smtp.login(s.username, password)
        except (OSError, smtplib.SMTPException) as exc:
            raise RelayDown(f"{self.name} relay {s.host}:{s.port}: {type(exc).__name__}: {exc}") from exc
        # the message and its final "." go out as two writes, the reply is awaited after the
        # second: without TCP_NODELAY, Nagle's algorithm holds the "." until the relay's delayed
        # ACK (about 40 ms per message)
        if smtp.sock is not None:
            with contextlib.suppress(OSError):
                smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.smtp = smtp
        self.last_used = time.monotonic()

    def ensure(self) -> None:
        if self.smtp is not None and time.monotonic() - self.last_used > IDLE_CHECK_SECONDS:
            try:
                code, _ = self.smtp.noop()
                if code != 250:
                    raise smtplib.SMTPServerDisconnected("noop refused")
            except (OSError, smtplib.SMTPException):
                self.close()
        if self.smtp is None:
            self.connect()

    def send(self, msg: Composed, sender: str, to: str, before_end_of_data: Callable[[], None]) -> None:
        """MAIL FROM, RCPT TO, DATA and the message, then ``before_end_of_data()``, then the final ``.``.

        Raises Refused (the relay answered no), NotSent (connection lost before end-of-data)
        or Unknown (connection lost after it, before the reply)."""
        smtp = self.smtp
        assert smtp is not None
        try:
            try:
                for command, ok in ((f"MAIL FROM:<{sender}>", (250,)), (f"RCPT TO:<{to}>", (250, 251))):
                    code, text = smtp.docmd(command)
                    if code not in ok:
                        self._refused(code, text)
                code, text = smtp.docmd("DATA")
                if code != 354:
                    self._refused(code, text)
                smtp.send(_dot_stuffed(msg.raw))
            except (OSError, smtplib.SMTPException) as exc:
                self.close()
                raise NotSent(f"{self.name} relay: connection lost before end of data: {_why(exc)}") from exc
            before_end_of_data()
            try:
                smtp.send(b".\r\n")
                code, text = smtp.getreply()
            except (OSError, smtplib.SMTPException) as exc:
                self.close()
                raise Unknown(f"{self.name} relay: connection lost after end of data: {_why(exc)}") from exc
            if code != 250:
                self._refused(code, text)
        finally:
            self.last_used = time.monotonic()

    def _refused(self, code: int, text: bytes) -> None:
        if code == 421 or code < 0:  # the relay is closing the connection
            self.close()
        else:
            self._reset()
        raise Refused(f"{code} {_text(text)}", not 500 <= code < 600)

    def _reset(self) -> None:
        try:
            if self.smtp is not None:
                self.smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()
            with contextlib.suppress(OSError):
                self.smtp.close()
        self.smtp = None


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value


class RateLimiter:
    """At most ``rate`` acquisitions per second across threads (0 = no limit)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_slot = time.monotonic()
        self.lock = threading.Lock()

    def acquire(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot)
            self.next_slot = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


# -- the send run --------------------------------------------------------------------------------
@dataclass
class RunResult:
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    not_attempted: list[str] = field(default_factory=list)
    relays_used: set[str] = field(default_factory=set)
    relay_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def send_all(
    cfg: KaleoConfig,
    log: Any,
    update: Update,
    todo: list[tuple[Recipient, str | None]],
    templates: Templates,
    progress: Any,
) -> RunResult:
    """Send every (recipient, previous ledger status) of ``todo`` with the ledger protocol."""
    settings = cfg.notify
    assert settings.smtp is not None
    relays_cfg: list[tuple[str, SmtpSettings]] = [("smtp", settings.smtp)]
    if settings.fallback_smtp is not None:
        relays_cfg.append(("fallback_smtp", settings.fallback_smtp))
    sender = settings.sender or ""
    result = RunResult()
    work: queue.Queue[tuple[Recipient, str | None]] = queue.Queue()
    for item in todo:
        work.put(item)
    limiter = RateLimiter(settings.rate_per_second)
    stop = threading.Event()

    def worker() -> None:
        relay_index = 0
        relay: Relay | None = None
        while not stop.is_set():
            try:
                recipient, previous = work.get_nowait()
            except queue.Empty:
                break
            done = False
            lost_once = False
            while not done:
                if relay is None:
                    if relay_index >= len(relays_cfg):
                        with result.lock:
                            result.not_attempted.append(recipient.key)
                        done = True
                        break
                    relay = Relay(*relays_cfg[relay_index])
                try:
                    relay.ensure()
                except RelayDown as exc:
                    with result.lock:
                        result.relay_errors.append(str(exc))
                    relay.close()
                    relay, relay_index = None, relay_index + 1
                    continue
                limiter.acquire()
                if previous is None and not log.ledger_claim(
                    update.incident_id, update.update_no, recipient.key, recipient.email, relay.name
                ):
                    done = True  # another run has a row for this contact: never twice
                    break
                if previous is not None:
                    log.ledger_retry(update.incident_id, update.update_no, recipient.key, relay.name)
                now = dt.datetime.now(dt.UTC)
                msg = build_message(cfg, templates, update, recipient, now)
                current = relay

                def data_sent(current: Relay = current, key: str = recipient.key) -> None:
                    log.ledger_mark(update.incident_id, update.update_no, key, "data-sent", current.name)

                try:
                    relay.send(msg, sender, recipient.email, data_sent)
                except Refused as exc:
                    log.ledger_mark(update.incident_id, update.update_no, recipient.key, "failed", relay.name, str(exc))
                    if exc.temporary and relay_index + 1 < len(relays_cfg):
                        previous = "failed"
                        relay.close()
                        relay, relay_index = None, relay_index + 1
                        continue
                    with result.lock:
                        result.failed[recipient.key] = str(exc)
                    done = True
                    break
                except NotSent as exc:
                    # the relay cannot have it: one more try on a fresh connection, else failed
                    relay = None
                    if not lost_once:
                        lost_once, previous = True, "claimed"
                        continue
                    log.ledger_mark(
                        update.incident_id, update.update_no, recipient.key, "failed", current.name, str(exc)
                    )
                    with result.lock:
                        result.failed[recipient.key] = str(exc)
                    done = True
                    break
                except Unknown as exc:
                    log.ledger_mark(
                        update.incident_id, update.update_no, recipient.key, "data-sent", relay.name, str(exc)
                    )
                    with result.lock:
                        result.unknown[recipient.key] = str(exc)
                    relay = None
                    done = True
                    break
                log.ledger_mark(update.incident_id, update.update_no, recipient.key, "sent", relay.name)
                with result.lock:
                    result.sent.append(recipient.key)
                    result.relays_used.add(relay.name)
                done = True
            progress()
        if relay is not None:
            relay.close()

    threads = [
        threading.Thread(target=worker, name=f"notify-{i}", daemon=True)
        for i in range(min(settings.connections, max(1, len(todo))))
    ]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        for t in threads:
            t.join()
        raise
    # whatever is still queued (every relay down) was not attempted
    while True:
        try:
            recipient, _ = work.get_nowait()
        except queue.Empty:
            break
        result.not_attempted.append(recipient.key)
    return result


# -- choosing the update ----------------------------------------------------------------------------
def choose_update(
    log: Any, incident: Any, phase: str, message: str, new_update: bool, dry_run: bool
) -> tuple[Update, list[str]]:
    from scripts.runbook.incident import to_iso

    notes: list[str] = []
    last = log.last_event(incident.id, "notify_update")
    base = {"incident_opened_at": to_iso(incident.opened_at), "incident_title": incident.title}
    if last is not None and not new_update:
        p = last.payload
        if p.get("phase") == phase and p.get("message", "") == message:
            return Update(
                incident.id, update_no=int(p["update_no"]), phase=phase, message=message, resumed=True, **base
            ), notes
    number = int(last.payload["update_no"]) + 1 if last is not None else 1
    if last is not None:
        rows = log.ledger(incident.id, int(last.payload["update_no"]))
        open_rows = [r for r in rows if r.status != "sent"]
        if open_rows:
            notes.append(
                f"update {last.payload['update_no']} ({last.payload.get('phase')}) has {len(open_rows)} contact(s) "
                "without a confirmed send; it stays in the ledger"
            )
    update = Update(incident.id, update_no=number, phase=phase, message=message, resumed=False, **base)
    if not dry_run:
        log.record("notify_update", {"update_no": number, "phase": phase, "message": message}, incident.id)
    return update, notes


@contextlib.contextmanager
def single_run(log_path: Path) -> Iterator[None]:
    """One notify run at a time per incident log (an flock next to it)."""
    import fcntl

    from scripts.state import private_file

    lock_path = private_file(log_path.with_name(log_path.name + ".notify.lock"))
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BadInput(f"another kaleo-dr notify is running (lock {lock_path})") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _progress_bar(total: int, as_json: bool) -> tuple[Any, Any]:
    """A Rich progress bar on stderr when it is a terminal; otherwise a no-op."""
    if not sys.stderr.isatty() or total == 0:
        return contextlib.nullcontext(), lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("notify"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err_console)
    task = bar.add_task("notify", total=total)
    return bar, lambda: bar.advance(task)


def run_notify(
    phase: str,
    message: str,
    dry_run: bool,
    new_update: bool,
    resend_unknown: bool,
    customers_file: Path | None,
    as_json: bool,
    components: list[str] | None = None,
) -> tuple[dict[str, Any], int]:
    from scripts.runbook.incident import Incident, open_log, utcnow

    cfg = get_config()
    settings = cfg.notify
    if phase not in PHASES:
        raise BadInput(f"--phase {phase!r}: use one of {', '.join(PHASES)}")
    if not dry_run:
        if settings.smtp is None:
            raise BadInput("notify.smtp is not set in kaleo-dr.yaml", hint="set notify.smtp.host (not hosted on AWS)")
        if not settings.sender:
            raise BadInput("notify.sender is not set in kaleo-dr.yaml")
    templates = Templates(settings.templates_dir)
    recipients, bad_rows = recipients_from(cfg, customers_file, components)
    if not recipients:
        raise BadInput(
            "no valid customer contact to notify"
            + (f" for component(s) {', '.join(components)}" if components else ""),
            hint="check contacts.customers_file and --component",
        )
    with open_log() as log, contextlib.nullcontext() if dry_run else single_run(log.path):
        incident = log.current_incident()
        if incident is None:
            if not dry_run:
                raise BadInput(
                    "there is no open incident to notify about",
                    hint="kaleo-dr triage, kaleo-dr declare or kaleo-dr report-customer opens one",
                )
            incident = Incident(0, utcnow(), "(no open incident: preview)")
        update, notes = choose_update(log, incident, phase, message, new_update, dry_run)
        rows = {r.contact_key: r for r in log.ledger(incident.id, update.update_no)} if incident.id else {}
        todo: list[tuple[Recipient, str | None]] = []
        already: list[str] = []
        unknown_before: dict[str, str] = {}
        for r in recipients:
            row = rows.get(r.key)
            if row is None:
                todo.append((r, None))
            elif row.status == "sent":
                already.append(r.key)
            elif row.status in ("failed", "claimed") or resend_unknown:
                # refused, never reached end-of-data, or an unknown outcome resent on purpose
                todo.append((r, row.status))
            else:
                unknown_before[r.key] = row.error or "a run ended between end-of-data and the relay's reply"
        preview = None
        if recipients:
            first = todo[0][0] if todo else recipients[0]
            msg = build_message(cfg, templates, update, first, utcnow())
            preview = {"to": msg.to, "subject": msg.subject, "text": msg.text}
        data: dict[str, Any] = {
            "incident_id": incident.id or None,
            "update_no": update.update_no,
            "phase": phase,
            "resumed": update.resumed,
            "dry_run": dry_run,
            "contacts": len(recipients),
            "already_sent": len(already),
            "bad_rows": bad_rows,
            "notes": notes,
            "preview": preview,
        }
        if dry_run:
            data["would_send"] = [
                {"contact_key": r.key, "email": r.email, "customer": r.customer_name, "retry": prev} for r, prev in todo
            ]
            data["unknown"] = unknown_before
            return data, 0
        if not todo:
            info(f"update {update.update_no}: nothing left to send", as_json)
        bar, advance = _progress_bar(len(todo), as_json)
        with bar:
            result = send_all(cfg, log, update, todo, templates, advance) if todo else RunResult()
        unknown = {**unknown_before, **result.unknown}
        data.update(
            {
                "sent": len(result.sent),
                "failed": result.failed,
                "unknown": unknown,
                "not_attempted": result.not_attempted,
                "relays_used": sorted(result.relays_used),
                "relay_errors": sorted(set(result.relay_errors)),
            }
        )
        complete = not (result.failed or unknown or result.not_attempted)
        return data, 0 if complete else 1


def render(data: dict[str, Any]) -> None:
    head = "dry run: " if data["dry_run"] else ""
    verb = "resuming" if data["resumed"] else "update"
    console.print(
        f"{head}incident {data['incident_id'] or '-'}, {verb} {data['update_no']} ({data['phase']}): "
        f"{data['contacts']} contact(s), {data['already_sent']} already sent"
    )
    for note in data["notes"]:
        console.print(f"[yellow]note:[/] {note}")
    for row in data["bad_rows"]:
        console.print(f"[yellow]bad row left out:[/] {row}")
    if data["dry_run"]:
        console.print(f"would send {len(data['would_send'])} message(s)")
        for item in data["would_send"][:20]:
            console.print(f"  {item['email']} ({item['customer']})")
        if len(data["would_send"]) > 20:
            console.print(f"  ... and {len(data['would_send']) - 20} more")
        if data["preview"]:
            console.print(f"\n[bold]Subject:[/] {data['preview']['subject']}\n{data['preview']['text']}")
    else:
        console.print(f"[green]sent {data['sent']}[/] via {', '.join(data['relays_used']) or '-'}")
        for key, why in data["failed"].items():
            console.print(f"[red]failed[/] {key}: {why}")
        if data["not_attempted"]:
            console.print(f"[red]not attempted ({len(data['not_attempted'])}):[/] every relay is down")
        for error in data["relay_errors"]:
            console.print(f"  [red]relay:[/] {error}")
    for key, why in data["unknown"].items():
        console.print(
            f"[magenta]unknown outcome[/] {key}: {why} (not resent; check with the contact, or --resend-unknown)"
        )


def due(now: dt.datetime) -> tuple[dict[str, Any], bool]:
    from scripts.runbook.incident import incident_log_path, open_log, to_iso

    cfg = get_config()
    cadence = dt.timedelta(minutes=cfg.notify.cadence_minutes)
    if not incident_log_path().exists():
        # No log is not "nothing due": this machine cannot see the incident or the updates already sent.
        raise BadInput(
            f"no incident log at {incident_log_path()}: cannot tell whether an update is due",
            hint="run it where the incident log is kept, or set state.dir / state.incident_log",
        )
    with open_log() as log:
        incident = log.current_incident()
        if incident is None:
            return {"incident_id": None, "due": False, "detail": "no open incident"}, False
        last = log.last_event(incident.id, "notify_update")
        data: dict[str, Any] = {"incident_id": incident.id, "cadence_minutes": cfg.notify.cadence_minutes}
        if last is None:
            data.update(
                last_update=None,
                next_due_at=to_iso(incident.opened_at),
                due=True,
                overdue=True,
                detail="no update sent yet for this incident: send the first one now",
            )
            return data, True
        data["last_update"] = {
            "update_no": last.payload["update_no"],
            "phase": last.payload["phase"],
            "at": to_iso(last.at),
        }
        if last.payload["phase"] == "resolved":
            data.update(next_due_at=None, due=False, overdue=False, detail="resolved: no further update due")
            return data, False
        next_due = last.at + cadence
        minutes = (next_due - now).total_seconds() / 60
        overdue = minutes < 0
        data.update(
            next_due_at=to_iso(next_due),
            minutes_until=round(minutes, 1),
            due=overdue,
            overdue=overdue,
            detail=(f"overdue by {-minutes:.0f} min" if overdue else f"next update due in {minutes:.0f} min"),
        )
        return data, overdue


def register(app: typer.Typer) -> None:
    notify = new_app(
        "Email every customer's designated contact, exactly once per update.\n\n"
        "kaleo-dr notify --phase investigating [--message TEXT] [--dry-run]; kaleo-dr notify due.",
        no_args_is_help=False,
        invoke_without_command=True,
    )
    app.add_typer(notify, name="notify")

    @notify.callback()
    def notify_command(
        ctx: typer.Context,
        phase: Annotated[
            str | None, typer.Option("--phase", help="investigating, identified, monitoring or resolved.")
        ] = None,
        message: Annotated[
            str, typer.Option("--message", "-m", help="The update's text (default: the phase's standard text).")
        ] = "",
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would go out; send nothing.")] = False,
        new_update: Annotated[
            bool,
            typer.Option("--new-update", help="Start a new update even if the last one has the same phase and text."),
        ] = False,
        resend_unknown: Annotated[
            bool,
            typer.Option(
                "--resend-unknown",
                help="Also resend messages whose outcome is unknown (the contact may get it twice).",
            ),
        ] = False,
        customers_file: Annotated[
            Path | None, typer.Option("--customers-file", help="Customers CSV (default: contacts.customers_file).")
        ] = None,
        component: Annotated[
            list[str] | None,
            typer.Option(
                "--component",
                help="Only customers using this component (repeatable; customers without components always count).",
            ),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Send the status update for the current incident (rerun resumes it; nobody gets it twice).

        Exit 0 when every contact has the update; 1 when some failed, have an unknown outcome or
        were not attempted (every relay down); 2 for bad input or configuration.
        """
        if ctx.invoked_subcommand is not None:
            return
        try:
            if phase is None:
                raise BadInput("--phase is required: investigating, identified, monitoring or resolved")
            data, code = run_notify(
                phase, message, dry_run, new_update, resend_unknown, customers_file, as_json, component or None
            )
        except DrError as exc:  # this group's own options include --json: answer in JSON
            fail(exc, as_json)
        emit(data, as_json, render)
        if code:
            raise typer.Exit(code)

    @notify.command("due")
    def due_command(as_json: JsonOpt = False) -> None:
        """When the next status update is due (notify.cadence_minutes); exit 1 when it is overdue.

        Exit 2 when there is no incident log here: no log is not "nothing due".
        """
        from scripts.runbook.incident import utcnow

        data, overdue = due(utcnow())

        def show(d: dict[str, Any]) -> None:
            at = f" (at {d['next_due_at']})" if d.get("next_due_at") else ""
            console.print(d["detail"] + at)

        emit(data, as_json, show)
        if overdue:
            raise typer.Exit(1)
