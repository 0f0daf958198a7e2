"""Alarms of the continuity jobs: the emergency team is paged, once per period, through the notify relay.

An alarm names the problem and the action (``newest complete backup is 31 h old (budget
26 h); last agent run failed at 02:10 with ...; see the runbook section ...``). It goes to
the emergency team (``alarm.recipients``, default every member of ``contacts.yaml``),
never to customers, over ``notify.smtp`` with ``notify.fallback_smtp`` as second relay:
relays outside AWS, so an alarm about AWS still leaves.

Rate limit and de-duplication use the notification ledger's protocol, in the same
incident log (``state.incident_log``), table ``alarms``: before a message goes out a row
(alarm key, sequence number, recipient) is written as ``sending`` and committed, and it
is marked ``sent`` or ``failed`` afterwards. A new sequence is claimed only when no row
of the same key was ``sent`` or left at ``sending`` within ``alarm.repeat_every``, inside
one ``BEGIN IMMEDIATE`` transaction: two jobs noticing the same stale backup at once
still page once. Failed rows do not count: the next run tries again. Rows are never
deleted.

When the condition clears (a fresh backup again, the job ok again), the check calls
:func:`resolve_alarm`: one "resolved" message goes to the recipients the alarm went to,
once, through the same ledger (key ``<alarm key>:resolved``, claimed in the same
transaction style). A resolution opens a new episode: the next alarm of that key pages at
once instead of waiting out ``alarm.repeat_every``.

``kaleo-dr alarm test`` sends a test alarm (proves the paging path end to end);
``kaleo-dr alarm history`` lists what was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
from dataclasses import dataclass, field
from email.utils import format_datetime, formataddr
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig, SmtpSettings
from scripts.output import BadInput, DrError, console, emit

RESOLVED_SUFFIX = ":resolved"
_DELIVERED = "status IN ('sent', 'sending')"

ALARM_SCHEMA = """
CREATE TABLE IF NOT EXISTS alarms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alarm_key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    email TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    relay TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (alarm_key, seq, email)
);
CREATE INDEX IF NOT EXISTS alarms_key_seq ON alarms(alarm_key, seq);
CREATE TRIGGER IF NOT EXISTS alarms_no_delete BEFORE DELETE ON alarms
BEGIN SELECT RAISE(ABORT, 'alarm ledger is append-only: rows cannot be deleted'); END;
CREATE TRIGGER IF NOT EXISTS alarms_keys_fixed BEFORE UPDATE ON alarms
WHEN NEW.alarm_key IS NOT OLD.alarm_key OR NEW.seq IS NOT OLD.seq OR NEW.email IS NOT OLD.email
  OR NEW.created_at IS NOT OLD.created_at OR NEW.summary IS NOT OLD.summary
BEGIN SELECT RAISE(ABORT, 'alarm ledger: only status, relay, error may change'); END;
CREATE TRIGGER IF NOT EXISTS alarms_transitions BEFORE UPDATE OF status ON alarms
WHEN NOT (OLD.status = 'sending' AND NEW.status IN ('sent', 'failed'))
BEGIN SELECT RAISE(ABORT, 'alarm ledger: forbidden status transition'); END;
"""


@dataclass(frozen=True)
class Alarm:
    """One alarm: ``key`` de-duplicates it; ``summary`` names the problem, ``action`` what to do."""

    key: str
    summary: str
    action: str
    runbook_section: str
    details: tuple[str, ...] = ()


@dataclass
class AlarmResult:
    key: str
    status: str  # sent | suppressed | failed | partial
    seq: int | None = None
    recipients: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    last_sent_at: str | None = None
    next_allowed_at: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "seq": self.seq,
            "recipients": self.recipients,
            "sent": self.sent,
            "failed": self.failed,
            "last_sent_at": self.last_sent_at,
            "next_allowed_at": self.next_allowed_at,
            "subject": self.subject,
        }


def recipients(cfg: KaleoConfig) -> list[str]:
    """The emergency team's addresses: ``alarm.recipients``, else every member of contacts.yaml."""
    from scripts.runbook.contacts import load_team, normalise_email

    if cfg.alarm.recipients:
        out = []
        for value in cfg.alarm.recipients:
            try:
                out.append(normalise_email(value))
            except ValueError as exc:
                raise BadInput(f"alarm.recipients: {value!r} is not an email address: {exc}") from exc
        return list(dict.fromkeys(out))
    team = load_team(cfg.contacts.contacts_file, cfg.contacts.default_region)
    emails = list(dict.fromkeys(m.email for m in team.rows))
    if not emails:
        raise BadInput(
            f"nobody to page: no valid team member in {cfg.contacts.contacts_file}",
            hint="set contacts.contacts_file or alarm.recipients",
        )
    return emails


def repeat_period(cfg: KaleoConfig) -> dt.timedelta:
    from scripts.db.backup import parse_duration

    return parse_duration(cfg.alarm.repeat_every, "alarm.repeat_every")


def runbook_link(cfg: KaleoConfig, section: str) -> str:
    anchor = "".join(c if c.isalnum() or c in " -" else "" for c in section.lower()).strip().replace(" ", "-")
    return f"{cfg.alarm.runbook_url}#{anchor}"


def _message(cfg: KaleoConfig, to: str, subject: str, text: str, seed: str, key: str, now: dt.datetime) -> Any:
    """One plain-text message (read on a phone at 3 a.m.) with a Message-ID stable for ``seed``."""
    from scripts.runbook.notify.message import Composed, _header, _qp

    sender = cfg.notify.sender or "kaleo-dr@example.invalid"
    digest = hashlib.sha256(seed.encode()).hexdigest()[:16]
    domain = sender.rpartition("@")[2] or "kaleo-dr.invalid"
    headers = [
        ("From", formataddr((f"{cfg.notify.company} continuity alarm", sender))),
        ("To", to),
        ("Subject", _header(subject)),
        ("Date", format_datetime(now)),
        ("Message-ID", f"<kaleo-dr.alarm.{digest}@{domain}>"),
        ("X-Kaleo-Alarm", key),
        ("Auto-Submitted", "auto-generated"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    raw = "".join(f"{k}: {v}\r\n" for k, v in headers).encode("ascii") + b"\r\n" + _qp(text)
    return Composed(to, subject, text, raw)


def compose(cfg: KaleoConfig, alarm: Alarm, to: str, seq: int, now: dt.datetime) -> Any:
    """The alarm message for one recipient."""
    host = socket.gethostname()
    lines = [
        alarm.summary,
        "",
        *alarm.details,
        *([""] if alarm.details else []),
        f"Action: {alarm.action}",
        f"Runbook: section '{alarm.runbook_section}' ({runbook_link(cfg, alarm.runbook_section)})",
        "",
        f"Raised by {host} at {now.strftime('%Y-%m-%d %H:%M UTC')} (alarm {alarm.key}, #{seq}).",
        f"Repeated at most every {cfg.alarm.repeat_every} while the problem lasts; "
        "one 'resolved' message follows when it clears.",
    ]
    subject = f"[kaleo-dr ALARM] {alarm.summary}"
    return _message(cfg, to, subject, "\n".join(lines), f"{alarm.key}:{seq}:{to}", alarm.key, now)


@dataclass(frozen=True)
class OpenAlarm:
    """The newest alarm of a key that went out (or may have) and has not been resolved since."""

    key: str
    seq: int
    summary: str
    sent_at: str
    emails: tuple[str, ...]


def compose_resolved(cfg: KaleoConfig, opened: OpenAlarm, summary: str, to: str, seq: int, now: dt.datetime) -> Any:
    """The "resolved" message for one recipient of ``opened``."""
    from scripts.runbook.incident import from_iso

    host = socket.gethostname()
    raised = from_iso(opened.sent_at).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"RESOLVED: {summary}",
        "",
        f"The alarm '{opened.summary}' (alarm {opened.key}, #{opened.seq}, raised at {raised}) has cleared.",
        "Nothing more to do for it. A new alarm follows if it comes back.",
        "",
        f"Seen by {host} at {now.strftime('%Y-%m-%d %H:%M UTC')} ({resolved_key(opened.key)}, #{seq}).",
    ]
    subject = f"[kaleo-dr RESOLVED] {opened.summary}"
    seed = f"{resolved_key(opened.key)}:{seq}:{to}"
    return _message(cfg, to, subject, "\n".join(lines), seed, opened.key, now)


def resolved_key(key: str) -> str:
    """The ledger key of the "resolved" messages of alarm ``key``."""
    return f"{key}{RESOLVED_SUFFIX}"


class AlarmLedger:
    """The ``alarms`` table of the incident log: claim before sending, mark after."""

    def __init__(self, log: Any) -> None:
        self.log = log
        log.conn.executescript(ALARM_SCHEMA)

    def last_delivered(self, key: str) -> tuple[int, str] | None:
        """(seq, created_at) of the newest row of ``key`` that was sent or may have been (sending)."""
        row = self._newest(key)
        return (row[1], row[2]) if row else None

    def _newest(self, key: str) -> tuple[int, int, str] | None:
        """(row id, seq, created_at) of the newest delivered (or maybe delivered) row of ``key``."""
        row = self.log.conn.execute(
            f"SELECT id, seq, created_at FROM alarms WHERE alarm_key = ? AND {_DELIVERED} ORDER BY id DESC LIMIT 1",
            (key,),
        ).fetchone()
        return (int(row[0]), int(row[1]), str(row[2])) if row else None

    def open_alarm(self, key: str) -> OpenAlarm | None:
        """The newest delivered alarm of ``key`` unless a "resolved" message went out after it."""
        alarm = self._newest(key)
        if alarm is None:
            return None
        resolved = self._newest(resolved_key(key))
        if resolved is not None and resolved[0] > alarm[0]:
            return None
        rows = self.log.conn.execute(
            f"SELECT email, summary FROM alarms WHERE alarm_key = ? AND seq = ? AND {_DELIVERED} ORDER BY id",
            (key, alarm[1]),
        ).fetchall()
        return OpenAlarm(key, alarm[1], str(rows[0][1]), alarm[2], tuple(dict.fromkeys(str(r[0]) for r in rows)))

    def _insert(self, key: str, summary: str, emails: list[str] | tuple[str, ...], stamp: str) -> int:
        row = self.log.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM alarms WHERE alarm_key = ?", (key,))
        seq = int(row.fetchone()[0]) + 1
        self.log.conn.executemany(
            "INSERT INTO alarms(alarm_key, seq, email, summary, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'sending', ?, ?)",
            [(key, seq, email, summary, stamp, stamp) for email in emails],
        )
        return seq

    def claim(
        self, key: str, summary: str, emails: list[str], now: dt.datetime, period: dt.timedelta
    ) -> tuple[int | None, str | None]:
        """A new sequence number with one 'sending' row per recipient, or (None, last sent at) when suppressed.

        Suppressed while the last alarm of ``key`` is younger than ``period`` and not resolved since."""
        from scripts.runbook.incident import from_iso, to_iso

        with self.log._tx():
            opened = self.open_alarm(key)
            if opened is not None and from_iso(opened.sent_at) > now - period:
                return None, opened.sent_at
            return self._insert(key, summary, emails, to_iso(now)), None

    def claim_resolution(self, key: str, now: dt.datetime) -> tuple[int, OpenAlarm] | None:
        """The sequence number of the one "resolved" message of the open alarm of ``key`` (None: nothing open)."""
        from scripts.runbook.incident import to_iso

        with self.log._tx():
            opened = self.open_alarm(key)
            if opened is None:
                return None
            summary = f"resolved: {opened.summary}"
            return self._insert(resolved_key(key), summary, opened.emails, to_iso(now)), opened

    def mark(self, key: str, seq: int, email: str, status: str, relay: str | None, error: str | None) -> None:
        from scripts.runbook.incident import to_iso, utcnow

        with self.log._tx():
            self.log.conn.execute(
                "UPDATE alarms SET status = ?, relay = ?, error = ?, updated_at = ? "
                "WHERE alarm_key = ? AND seq = ? AND email = ?",
                (status, relay, error, to_iso(utcnow()), key, seq, email),
            )

    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.log.conn.execute(
            "SELECT alarm_key, seq, email, summary, status, relay, error, created_at FROM alarms "
            "ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        names = ("key", "seq", "email", "summary", "status", "relay", "error", "created_at")
        return [dict(zip(names, r, strict=True)) for r in rows]


def _relays(cfg: KaleoConfig) -> list[tuple[str, SmtpSettings]]:
    if cfg.notify.smtp is None:
        raise BadInput("notify.smtp is not set in kaleo-dr.yaml: alarms cannot be sent", hint="set notify.smtp.host")
    if not cfg.notify.sender:
        raise BadInput("notify.sender is not set in kaleo-dr.yaml: alarms cannot be sent")
    relays = [("smtp", cfg.notify.smtp)]
    if cfg.notify.fallback_smtp is not None:
        relays.append(("fallback_smtp", cfg.notify.fallback_smtp))
    return relays


def _deliver(cfg: KaleoConfig, msg: Any) -> tuple[str, str | None]:
    """Send one message through the first relay that takes it: ("sent", relay), ("failed", errors) or
    ("unknown", error) when the connection broke after end-of-data (never resent through the fallback)."""
    from scripts.runbook.notify.smtp import NotSent, Refused, Relay, RelayDown, Unknown

    errors = []
    for name, settings in _relays(cfg):
        relay = Relay(name, settings)
        try:
            relay.connect()
            relay.send(msg, cfg.notify.sender or "", msg.to, lambda: None)
            return "sent", name
        except Unknown as exc:
            return "unknown", f"{name}: {exc}"
        except (RelayDown, Refused, NotSent) as exc:
            errors.append(f"{name}: {exc}")
        finally:
            relay.close()
    return "failed", "; ".join(errors)


def raise_alarm(cfg: KaleoConfig, alarm: Alarm, now: dt.datetime | None = None) -> AlarmResult:
    """Page the emergency team about ``alarm`` unless the same key was paged within ``alarm.repeat_every``."""
    from scripts.runbook.incident import IncidentLog, from_iso, to_iso, utcnow

    moment = now or utcnow()
    period = repeat_period(cfg)
    emails = recipients(cfg)
    _relays(cfg)  # refuse an unsendable configuration before claiming anything
    result = AlarmResult(alarm.key, "suppressed", recipients=emails)
    with IncidentLog.open(cfg.state.incident_log_path()) as log:
        ledger = AlarmLedger(log)
        seq, last_sent = ledger.claim(alarm.key, alarm.summary, emails, moment, period)
        if seq is None:
            assert last_sent is not None
            result.last_sent_at = last_sent
            result.next_allowed_at = to_iso(from_iso(last_sent) + period)
            return result
        result.seq = seq
        for email in emails:
            msg = compose(cfg, alarm, email, seq, moment)
            result.subject = msg.subject
            outcome, detail = _deliver(cfg, msg)
            if outcome == "sent":
                ledger.mark(alarm.key, seq, email, "sent", detail, None)
                result.sent.append(email)
            elif outcome == "failed":
                ledger.mark(alarm.key, seq, email, "failed", None, detail)
                result.failed[email] = detail or "not sent"
            else:  # the row stays at 'sending': it may have gone out, and it holds back repeats
                result.failed[email] = f"unknown outcome: {detail}"
    result.status = "sent" if not result.failed else ("failed" if not result.sent else "partial")
    return result


def resolve_alarm(cfg: KaleoConfig, key: str, summary: str, now: dt.datetime | None = None) -> AlarmResult | None:
    """Tell the recipients of the open alarm ``key`` that it cleared (``summary``: what is fine now), once.

    None when no alarm of ``key`` is open (never sent, or resolved already): nothing is sent and
    no relay is needed. The "resolved" rows go through the ledger like alarms: claimed before
    sending, marked after; a failed one is retried by the next clean run.
    """
    from scripts.runbook.incident import IncidentLog, utcnow

    path = cfg.state.incident_log_path()
    if not path.exists():  # no ledger: no alarm was ever raised here
        return None
    moment = now or utcnow()
    with IncidentLog.open(path) as log:
        ledger = AlarmLedger(log)
        if ledger.open_alarm(key) is None:
            return None
        _relays(cfg)  # something to send: refuse an unsendable configuration before claiming
        claimed = ledger.claim_resolution(key, moment)
        if claimed is None:  # another run resolved it in between
            return None
        seq, opened = claimed
        rkey = resolved_key(key)
        result = AlarmResult(rkey, "failed", seq=seq, recipients=list(opened.emails))
        for email in opened.emails:
            msg = compose_resolved(cfg, opened, summary, email, seq, moment)
            result.subject = msg.subject
            outcome, detail = _deliver(cfg, msg)
            if outcome == "sent":
                ledger.mark(rkey, seq, email, "sent", detail, None)
                result.sent.append(email)
            elif outcome == "failed":
                ledger.mark(rkey, seq, email, "failed", None, detail)
                result.failed[email] = detail or "not sent"
            else:
                result.failed[email] = f"unknown outcome: {detail}"
    result.status = "sent" if not result.failed else ("failed" if not result.sent else "partial")
    return result


def resolve_quietly(
    cfg: KaleoConfig, keys: list[str], summary: str, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """:func:`resolve_alarm` for each of ``keys``; what was sent (or could not be), for a job's result."""
    out = []
    for key in keys:
        try:
            result = resolve_alarm(cfg, key, summary, now)
        except DrError as exc:
            out.append({"key": resolved_key(key), "status": "not sent", "error": exc.message})
            continue
        if result is not None:
            out.append(result.to_dict())
    return out


def render_result(data: dict[str, Any]) -> None:
    if data["status"] == "suppressed":
        console.print(
            f"alarm {data['key']}: already sent at {data['last_sent_at']}; "
            f"next one not before {data['next_allowed_at']}"
        )
        return
    colour = "green" if data["status"] == "sent" else "red"
    console.print(f"[{colour}]alarm {data['key']} #{data['seq']}: {data['status']}[/] ({data['subject']})")
    for email in data["sent"]:
        console.print(f"  sent to {email}")
    for email, why in data["failed"].items():
        console.print(f"  [red]NOT sent[/] to {email}: {why}")


def register(app: typer.Typer) -> None:
    alarm_app = new_app(
        "Alarms of the continuity jobs: the emergency team is paged through the notify relay, once per period.\n\n"
        "kaleo-dr alarm test (prove the paging path); kaleo-dr alarm history."
    )
    app.add_typer(alarm_app, name="alarm")

    @alarm_app.command("test")
    def test_command(
        key: Annotated[str, typer.Option("--key", help="Alarm key (test alarms are de-duplicated too).")] = "test",
        as_json: JsonOpt = False,
    ) -> None:
        """Send a test alarm to the emergency team. Exit 1 when a recipient did not get it."""
        cfg = get_config()
        result = raise_alarm(
            cfg,
            Alarm(
                key=f"alarm-test:{key}",
                summary="test alarm: the continuity alarm path works",
                action="nothing to do; reply to the sender if you did NOT expect this test",
                runbook_section="What runs every day, where, and who gets paged",
            ),
        )
        emit(result.to_dict(), as_json, render_result)
        if result.status in ("failed", "partial"):
            raise typer.Exit(1)

    @alarm_app.command("history")
    def history_command(
        limit: Annotated[int, typer.Option("--limit", min=1, help="How many rows, newest first.")] = 50,
        as_json: JsonOpt = False,
    ) -> None:
        """The alarms sent (and failed), newest first, from the alarm ledger."""
        from scripts.runbook.incident import IncidentLog

        with IncidentLog.open(get_config().state.incident_log_path()) as log:
            rows = AlarmLedger(log).history(limit)

        def show(items: list[dict[str, Any]]) -> None:
            if not items:
                console.print("no alarm sent yet")
            for r in items:
                console.print(
                    f"{r['created_at']}  {r['key']} #{r['seq']}  {r['status']:8}  {r['email']}  {r['summary']}"
                )

        emit(rows, as_json, show)
