"""An SMTP sink stand-in (aiosmtpd) that keeps every message it accepts.

``SmtpSink()`` runs in a background thread of this process; ``python -m
scripts.standins.smtp --port N --maildir DIR`` runs it as a process that writes each
message to DIR. Knobs for tests and rehearsals:

* ``delay``: seconds to wait before accepting each message (a slow relay);
* ``on_message``: called with the message count after each message is stored and before
  the relay answers ``250`` (for example to kill the sender at a precise point);
* ``on_mail_from``: called with the count of MAIL FROM commands before the relay answers
  one (a relay holding its reply to MAIL FROM);
* ``tls``: an ``ssl.SSLContext`` (server side): STARTTLS is offered and required, or,
  with ``smtps=True``, the connection is TLS from the first byte;
* ``reject``: recipient addresses refused with ``550``;
* ``auth``: ``(user, password)`` to require AUTH PLAIN/LOGIN (over plain TCP, loopback only);
* ``down``: refuse every transaction with ``421`` (a relay that is unavailable).
"""

from __future__ import annotations

import argparse
import ssl
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Self

from scripts.standins.localsvc import Managed, free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class SmtpSink(Managed):
    def __init__(
        self,
        port: int = 0,
        host: str = "127.0.0.1",
        delay: float = 0.0,
        on_message: Callable[[int], None] | None = None,
        reject: set[str] | None = None,
        auth: tuple[str, str] | None = None,
        maildir: Path | None = None,
        down: bool = False,
        on_mail_from: Callable[[int], None] | None = None,
        tls: ssl.SSLContext | None = None,
        smtps: bool = False,
    ) -> None:
        self.host = host
        self.port = port or free_port()
        self.delay = delay
        self.on_message = on_message
        self.reject = {r.lower() for r in (reject or set())}
        self.auth = auth
        self.maildir = maildir
        self.down = down
        self.on_mail_from = on_mail_from
        self.mail_from_count = 0
        self.tls = tls
        self.smtps = smtps
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self._controller: Any = None

    def recipients(self) -> list[str]:
        with self.lock:
            return [r for m in self.messages for r in m.rcpt_tos]

    def start(self) -> Self:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        sink = self

        class Handler:
            async def handle_MAIL(
                self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
            ) -> str:
                import asyncio

                with sink.lock:
                    sink.mail_from_count += 1
                    count = sink.mail_from_count
                if sink.on_mail_from is not None:
                    await asyncio.get_running_loop().run_in_executor(None, sink.on_mail_from, count)
                envelope.mail_from = address
                envelope.mail_options.extend(mail_options)
                return "250 OK"

            async def handle_RCPT(
                self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
            ) -> str:
                if sink.down:
                    return "421 4.3.0 service not available (stand-in is down)"
                if address.lower() in sink.reject:
                    return "550 5.1.1 mailbox unavailable"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                import asyncio

                if sink.delay:
                    await asyncio.sleep(sink.delay)
                item = Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
                with sink.lock:
                    sink.messages.append(item)
                    count = len(sink.messages)
                if sink.maildir is not None:
                    sink.maildir.mkdir(parents=True, exist_ok=True)
                    (sink.maildir / f"{count:06d}.eml").write_bytes(item.data)
                if sink.on_message is not None:
                    await asyncio.get_running_loop().run_in_executor(None, sink.on_message, count)
                return "250 Message accepted for delivery"

        def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
            ok = (
                sink.auth is not None
                and isinstance(data, LoginPassword)
                and (data.login.decode(), data.password.decode()) == sink.auth
            )
            return AuthResult(success=ok)

        kwargs: dict[str, Any] = {}
        if self.auth is not None:
            kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": False}
        if self.tls is not None and self.smtps:
            kwargs["ssl_context"] = self.tls
        elif self.tls is not None:
            kwargs.update(tls_context=self.tls, require_starttls=True)

        class QuietController(Controller):  # type: ignore[misc]
            def factory(self) -> Any:
                with warnings.catch_warnings():
                    # AUTH over plain TCP is what this loopback-only stand-in is for
                    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
                    return super().factory()

        self._controller = QuietController(Handler(), hostname=self.host, port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="local SMTP sink stand-in")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--maildir", type=Path, default=None)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    sink = SmtpSink(args.port, delay=args.delay, maildir=args.maildir).start()
    print(f"smtp sink on {sink.host}:{sink.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sink.stop()


if __name__ == "__main__":
    main()
