"""SMTP: one verified-TLS connection to one relay, a message sent step by step, the send rate limit.

TLS is always verified (``ssl.create_default_context()``; ``ca_file`` per relay for a
private CA), for SMTPS (``ssl: true``) and STARTTLS.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable

from scripts.config import SmtpSettings, resolve_secret
from scripts.output import BadInput
from scripts.runbook.notify.message import Composed

IDLE_CHECK_SECONDS = 10.0


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
