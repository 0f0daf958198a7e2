"""The send run: every contact of an update over the relays, never twice (the ledger protocol)."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from scripts.config import KaleoConfig, SmtpSettings
from scripts.runbook.notify.message import Recipient, Update, build_message
from scripts.runbook.notify.smtp import NotSent, RateLimiter, Refused, Relay, RelayDown, Unknown
from scripts.runbook.notify.templates import Templates


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
