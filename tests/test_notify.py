"""kaleo-dr notify against a real SMTP server (aiosmtpd): once per contact per update, resumable."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
import yaml

from scripts.runbook.incident import IncidentLog
from scripts.standins.localsvc import free_port
from scripts.standins.smtp import SmtpSink

ROOT = Path(__file__).resolve().parent.parent


def customers_csv(path: Path, n: int, bad: bool = False) -> list[str]:
    lines = ["customer_id,name,contact_name,contact_email,contact_phone,components"]
    emails = []
    for i in range(1, n + 1):
        email = f"contact{i}@customer{i}.example.com"
        emails.append(email)
        lines.append(f"C{i:04d},Example Customer {i},Contact {i},{email},,web")
    if bad:
        lines.append("C9999,Broken,Nobody,not-an-email,,")
    path.write_text("\n".join(lines) + "\n")
    return emails


def write_config(tmp: Path, sink_port: int, fallback_port: int | None = None, **notify) -> Path:
    cfg = {
        "state": {"dir": str(tmp / "state")},
        "contacts": {"customers_file": str(tmp / "customers.csv")},
        "notify": {
            "sender": "status@example.com",
            "reply_to": "support@example.com",
            "status_page_url": "https://status.example.com",
            "rate_per_second": 0,
            "connections": 2,
            "smtp": {"host": "127.0.0.1", "port": sink_port, "starttls": False, "timeout": 5},
            **notify,
        },
    }
    if fallback_port:
        cfg["notify"]["fallback_smtp"] = {"host": "127.0.0.1", "port": fallback_port, "starttls": False, "timeout": 5}
    path = tmp / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


def open_incident(tmp: Path, at: dt.datetime | None = None) -> int:
    with IncidentLog.open(tmp / "state" / "incidents.sqlite") as log:
        return log.open_incident("service down", at).id


def ledger(tmp: Path, incident_id: int):
    with IncidentLog.open(tmp / "state" / "incidents.sqlite") as log:
        return {r.email: r for r in log.ledger(incident_id)}


class KilledSender:
    """``kaleo-dr notify`` run as a process and SIGKILLed when a relay callback reaches call ``at``."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.proc: subprocess.Popen | None = None
        self.killed = threading.Event()

    def __call__(self, count: int) -> None:
        if count == self.at and self.proc is not None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
            self.killed.set()

    def start(self, cfg: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "scripts", "--config", str(cfg), "notify", "--phase", "identified", "--json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def wait_killed(self, what: str) -> None:
        assert self.killed.wait(60), f"the sender never reached {what}"
        assert self.proc is not None and self.proc.returncode == -signal.SIGKILL


@contextlib.contextmanager
def killed_run(tmp: Path, customers: int, at: int, hook: str) -> Iterator[tuple[SmtpSink, Path, int, list[str]]]:
    """``customers`` contacts and a relay whose ``hook`` callback (``on_message`` or ``on_mail_from``)
    SIGKILLs the sending ``kaleo-dr notify --phase identified`` at call ``at``. Yields (relay, config,
    incident id, emails) once the sender is dead, the relay's hook removed."""
    emails = customers_csv(tmp / "customers.csv", customers)
    sender = KilledSender(at)
    with SmtpSink(**{hook: sender}) as sink:
        cfg = write_config(tmp, sink.port, connections=1)
        incident = open_incident(tmp)
        sender.start(cfg)
        sender.wait_killed(f"call {at} of {hook}")
        setattr(sink, hook, None)
        yield sink, cfg, incident, emails


@pytest.fixture
def sink():
    with SmtpSink() as s:
        yield s


def test_one_email_per_contact_and_rerun_sends_nothing(cli, in_tmp, sink):
    emails = customers_csv(in_tmp / "customers.csv", 8, bad=True)
    cfg = write_config(in_tmp, sink.port)
    incident = open_incident(in_tmp)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 0, result.stdout
    data = result.json()
    assert data["sent"] == 8 and data["update_no"] == 1 and not data["resumed"]
    assert len(data["bad_rows"]) == 1 and ":10:" in data["bad_rows"][0]
    assert sorted(sink.recipients()) == sorted(emails)
    msg = sink.messages[0].message
    assert msg["Subject"] == "[Kaleo] Investigating: service disruption (update 1)"
    assert msg["X-Kaleo-Incident"] == str(incident)
    parts = {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
    assert "We are aware that the service is unavailable" in parts["text/plain"]
    assert "https://status.example.com" in parts["text/html"]
    rows = ledger(in_tmp, incident)
    assert {r.status for r in rows.values()} == {"sent"} and len(rows) == 8
    again = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert again.code == 0
    assert again.json()["resumed"] is True and again.json()["sent"] == 0 and again.json()["already_sent"] == 8
    assert len(sink.messages) == 8


def test_killed_midway_and_rerun_sends_no_duplicates(in_tmp, cli):
    # the 5th message is stored by the relay; the sender dies before it hears "250"
    with killed_run(in_tmp, 12, at=5, hook="on_message") as (sink, cfg, incident, emails):
        assert len(sink.messages) == 5
        fifth = sink.messages[4].rcpt_tos[0]
        assert ledger(in_tmp, incident)[fifth].status == "data-sent"

        result = cli("--config", str(cfg), "notify", "--phase", "identified", "--json")
        assert result.code == 1  # one outcome is unknown
        data = result.json()
        assert data["resumed"] is True and data["sent"] == 7
        assert list(data["unknown"]) == [f"C0005:{fifth}"]
        received = Counter(sink.recipients())
        assert set(received) == set(emails)
        assert all(n == 1 for n in received.values()), received

        # an explicit decision resends exactly the unknown one
        forced = cli("--config", str(cfg), "notify", "--phase", "identified", "--resend-unknown", "--json")
        assert forced.code == 0 and forced.json()["sent"] == 1
        assert Counter(sink.recipients())[fifth] == 2
        row = ledger(in_tmp, incident)[fifth]
        assert row.status == "sent" and row.attempts == 2
        # the resend carries the same Message-ID: the receiving side can drop the duplicate
        copies = [m.message["Message-ID"] for m in sink.messages if m.rcpt_tos == [fifth]]
        assert len(copies) == 2 and copies[0] == copies[1] and copies[0]


def test_killed_while_relay_holds_mail_from_is_delivered_on_rerun(in_tmp, cli):
    """A run killed before end-of-data leaves no message at the relay: the rerun sends it (once)."""
    # the relay has not answered the 3rd MAIL FROM yet when the sender dies
    with killed_run(in_tmp, 6, at=3, hook="on_mail_from") as (sink, cfg, incident, emails):
        assert len(sink.messages) == 2
        rows = ledger(in_tmp, incident)
        claimed = [email for email, row in rows.items() if row.status == "claimed"]
        assert len(claimed) == 1 and claimed[0] not in sink.recipients()

        result = cli("--config", str(cfg), "notify", "--phase", "identified", "--json")
        assert result.code == 0, result.stdout
        data = result.json()
        assert data["resumed"] is True and data["sent"] == 4 and data["unknown"] == {}
        received = Counter(sink.recipients())
        assert set(received) == set(emails) and all(n == 1 for n in received.values()), received
        row = ledger(in_tmp, incident)[claimed[0]]
        assert row.status == "sent" and row.attempts == 2


def test_relay_reply_lost_after_end_of_data_is_never_resent(in_tmp, cli):
    """Killed while the relay holds its reply after end-of-data: unknown, and reruns do not send it twice."""
    with killed_run(in_tmp, 3, at=1, hook="on_message") as (sink, cfg, incident, _):
        first = sink.messages[0].rcpt_tos[0]
        assert ledger(in_tmp, incident)[first].status == "data-sent"
        for _ in range(2):
            result = cli("--config", str(cfg), "notify", "--phase", "identified", "--json")
            assert result.code == 1 and list(result.json()["unknown"]) == [f"C0001:{first}"]
        assert Counter(sink.recipients())[first] == 1 and len(sink.messages) == 3


def test_refused_recipient_is_failed_and_retried_next_run(cli, in_tmp):
    emails = customers_csv(in_tmp / "customers.csv", 4)
    with SmtpSink(reject={emails[1]}) as sink:
        cfg = write_config(in_tmp, sink.port)
        incident = open_incident(in_tmp)
        result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
        assert result.code == 1
        data = result.json()
        assert data["sent"] == 3 and list(data["failed"]) == [f"C0002:{emails[1]}"]
        assert "550" in data["failed"][f"C0002:{emails[1]}"]
        assert ledger(in_tmp, incident)[emails[1]].status == "failed"
        sink.reject.clear()
        retry = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
        assert retry.code == 0 and retry.json()["sent"] == 1
        assert sorted(sink.recipients()) == sorted(emails)
        assert ledger(in_tmp, incident)[emails[1]].attempts == 2


def test_fallback_relay_when_primary_is_down(cli, in_tmp, sink):
    emails = customers_csv(in_tmp / "customers.csv", 5)
    dead_port = free_port()  # nothing listens there
    cfg = write_config(in_tmp, dead_port, fallback_port=sink.port)
    open_incident(in_tmp)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 0, result.stdout
    data = result.json()
    assert data["relays_used"] == ["fallback_smtp"]
    assert any("smtp relay 127.0.0.1" in e for e in data["relay_errors"])
    assert sorted(sink.recipients()) == sorted(emails)


def test_every_relay_down_reports_not_attempted_and_sends_later(cli, in_tmp, sink):
    emails = customers_csv(in_tmp / "customers.csv", 3)
    cfg = write_config(in_tmp, free_port())
    incident = open_incident(in_tmp)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 1
    assert len(result.json()["not_attempted"]) == 3
    assert ledger(in_tmp, incident) == {}  # nothing claimed: nothing unknown
    cfg = write_config(in_tmp, sink.port)
    assert cli("--config", str(cfg), "notify", "--phase", "investigating", "--json").code == 0
    assert sorted(sink.recipients()) == sorted(emails)


def test_dry_run_sends_and_records_nothing(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 3)
    cfg = write_config(in_tmp, sink.port)
    incident = open_incident(in_tmp)
    result = cli(
        "--config",
        str(cfg),
        "notify",
        "--phase",
        "monitoring",
        "--message",
        "Back up since 14:05.",
        "--dry-run",
        "--json",
    )
    assert result.code == 0
    data = result.json()
    assert len(data["would_send"]) == 3
    assert data["preview"]["subject"].startswith("[Kaleo] Monitoring")
    assert "Back up since 14:05." in data["preview"]["text"]
    assert sink.messages == []
    with IncidentLog.open(in_tmp / "state" / "incidents.sqlite") as log:
        assert log.ledger(incident) == [] and log.events(incident, "notify_update") == []


def test_template_with_undefined_variable_fails_before_sending(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 2)
    templates = in_tmp / "templates"
    templates.mkdir()
    (templates / "subject.txt.j2").write_text("{{ company }} {{ no_such_variable }}")
    cfg = write_config(in_tmp, sink.port, templates_dir=str(templates))
    open_incident(in_tmp)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 2
    assert "no_such_variable" in result.json()["error"]
    assert sink.messages == []


def test_message_is_escaped_in_html_only(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 1)
    cfg = write_config(in_tmp, sink.port)
    open_incident(in_tmp)
    cli("--config", str(cfg), "notify", "--phase", "identified", "--message", "Database <primary> & replica", "--json")
    msg = sink.messages[0].message
    parts = {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
    assert "Database <primary> & replica" in parts["text/plain"]
    assert "Database &lt;primary&gt; &amp; replica" in parts["text/html"]


def test_new_phase_is_a_new_update(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 2)
    cfg = write_config(in_tmp, sink.port)
    incident = open_incident(in_tmp)
    assert cli("--config", str(cfg), "notify", "--phase", "investigating", "--json").json()["update_no"] == 1
    second = cli("--config", str(cfg), "notify", "--phase", "identified", "--json").json()
    assert second["update_no"] == 2 and second["sent"] == 2
    third = cli("--config", str(cfg), "notify", "--phase", "identified", "--new-update", "--json").json()
    assert third["update_no"] == 3 and third["sent"] == 2
    assert len(sink.messages) == 6
    assert {r.update_no for r in IncidentLog.open(in_tmp / "state" / "incidents.sqlite").ledger(incident)} == {1, 2, 3}


def test_smtp_auth_password_comes_from_a_secret_ref(cli, in_tmp, monkeypatch):
    customers_csv(in_tmp / "customers.csv", 2)
    secret = "relay-secret-value"
    monkeypatch.setenv("KALEO_TEST_SMTP_PASSWORD", secret)
    with SmtpSink(auth=("kaleo-status", secret)) as sink:
        cfg = write_config(in_tmp, sink.port)
        data = yaml.safe_load(cfg.read_text())
        data["notify"]["smtp"].update(username="kaleo-status", password="env:KALEO_TEST_SMTP_PASSWORD")
        cfg.write_text(yaml.safe_dump(data))
        open_incident(in_tmp)
        result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
        assert result.code == 0, result.stdout
        assert len(sink.messages) == 2
        assert secret not in result.stdout + result.stderr
        monkeypatch.setenv("KALEO_TEST_SMTP_PASSWORD", "wrong")
        # refused, the client tries its next AUTH mechanism, which the sink never answers: it waits out its timeout
        data["notify"]["smtp"]["timeout"] = 1
        cfg.write_text(yaml.safe_dump(data))
        failed = cli("--config", str(cfg), "notify", "--phase", "resolved", "--json")
        assert failed.code == 1 and len(failed.json()["not_attempted"]) == 2


def test_no_open_incident_is_bad_input(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 1)
    cfg = write_config(in_tmp, sink.port)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 2 and "no open incident" in result.json()["error"]


def test_notify_due_follows_the_cadence(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 1)
    cfg = write_config(in_tmp, sink.port, cadence_minutes=60)
    t0 = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
    open_incident(in_tmp, t0)
    with time_machine.travel(t0 + dt.timedelta(minutes=5), tick=False):
        first = cli("--config", str(cfg), "notify", "due", "--json")
        assert first.code == 1 and first.json()["last_update"] is None
        cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    with time_machine.travel(t0 + dt.timedelta(minutes=35), tick=False):
        due = cli("--config", str(cfg), "notify", "due", "--json")
        assert due.code == 0
        assert due.json()["minutes_until"] == 30.0
        assert due.json()["next_due_at"] == (t0 + dt.timedelta(minutes=65)).isoformat(timespec="microseconds")
    with time_machine.travel(t0 + dt.timedelta(minutes=70), tick=False):
        late = cli("--config", str(cfg), "notify", "due", "--json")
        assert late.code == 1 and late.json()["overdue"] is True
        cli("--config", str(cfg), "notify", "--phase", "resolved", "--json")
        done = cli("--config", str(cfg), "notify", "due", "--json")
        assert done.code == 0 and done.json()["due"] is False


def test_non_ascii_names_and_text_survive_the_trip(cli, in_tmp, sink):
    (in_tmp / "customers.csv").write_text(
        "customer_id,name,contact_name,contact_email\nC1,Clínica Ñandú,Zoë Müller-Ærø,zoe@clinic.example.com\n"
    )
    cfg = write_config(in_tmp, sink.port, company="Kaléo")
    open_incident(in_tmp)
    long = "Mise à jour: " + "données " * 40
    assert cli("--config", str(cfg), "notify", "--phase", "identified", "--message", long, "--json").code == 0
    msg = sink.messages[0].message
    assert msg["To"].addresses[0].display_name == "Zoë Müller-Ærø"
    assert msg["Subject"] == "[Kaléo] Identified: service disruption (update 1)"
    parts = {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}
    assert long.strip() in parts["text/plain"]
    assert "Clínica Ñandú" in parts["text/html"]
    assert all(len(line) <= 998 for line in sink.messages[0].data.split(b"\r\n"))


def test_human_output_of_dry_run(cli, in_tmp, sink):
    customers_csv(in_tmp / "customers.csv", 2)
    cfg = write_config(in_tmp, sink.port)
    result = cli("--config", str(cfg), "notify", "--phase", "resolved", "--dry-run")
    assert result.code == 0
    assert "would send 2 message(s)" in result.stdout
    assert "contact1@customer1.example.com" in result.stdout


def test_a_second_concurrent_run_is_refused(cli, in_tmp, sink):
    import fcntl

    customers_csv(in_tmp / "customers.csv", 2)
    cfg = write_config(in_tmp, sink.port)
    open_incident(in_tmp)
    lock = in_tmp / "state" / "incidents.sqlite.notify.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
    assert result.code == 2 and "another kaleo-dr notify is running" in result.json()["error"]
    assert sink.messages == []


def test_component_filter(cli, in_tmp, sink):
    (in_tmp / "customers.csv").write_text(
        "customer_id,name,contact_name,contact_email,contact_phone,components\n"
        "C1,One,A,a@one.example.com,,web;api\n"
        "C2,Two,B,b@two.example.com,,reports\n"
        "C3,Three,C,c@three.example.com,,\n"
    )
    cfg = write_config(in_tmp, sink.port)
    open_incident(in_tmp)
    result = cli("--config", str(cfg), "notify", "--phase", "investigating", "--component", "reports", "--json")
    assert result.code == 0 and result.json()["contacts"] == 2
    assert sorted(sink.recipients()) == ["b@two.example.com", "c@three.example.com"]


def test_notify_due_without_an_incident_log_is_not_ok(cli, in_tmp):
    cfg = in_tmp / "kaleo-dr.yaml"
    cfg.write_text(f"state:\n  dir: {in_tmp / 'elsewhere'}\n", encoding="utf-8")
    result = cli("--config", str(cfg), "notify", "due", "--json")
    assert result.code == 2, result.stdout
    assert "no incident log" in result.json()["error"] and "elsewhere" in result.json()["error"]
    assert not (in_tmp / "elsewhere" / "incidents.sqlite").exists()  # looking does not create an empty log


@pytest.mark.parametrize("smtps", [False, True], ids=["starttls", "smtps"])
def test_tls_is_verified_against_the_configured_ca(cli, in_tmp, smtps):
    from tests.tls_support import make_ca

    emails = customers_csv(in_tmp / "customers.csv", 2)
    ca = make_ca(in_tmp / "ca")
    other = make_ca(in_tmp / "other-ca")
    tls = {"starttls": not smtps, "ssl": smtps}
    with SmtpSink(tls=ca.server_context(), smtps=smtps) as sink:
        incident = open_incident(in_tmp)
        # a CA that did not sign the relay's certificate: nothing goes out, nothing is claimed
        cfg = write_config(in_tmp, sink.port)
        settings = yaml.safe_load(cfg.read_text())
        settings["notify"]["smtp"].update(tls, ca_file=str(other.ca_file), host="localhost")
        cfg.write_text(yaml.safe_dump(settings))
        refused = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
        assert refused.code == 1
        assert any("CERTIFICATE_VERIFY_FAILED" in e for e in refused.json()["relay_errors"]), refused.stdout
        assert sink.messages == [] and ledger(in_tmp, incident) == {}
        # the system's CAs do not know a private CA either
        del settings["notify"]["smtp"]["ca_file"]
        cfg.write_text(yaml.safe_dump(settings))
        assert cli("--config", str(cfg), "notify", "--phase", "investigating", "--json").code == 1
        assert sink.messages == []
        # the right CA: delivered over verified TLS
        settings["notify"]["smtp"]["ca_file"] = str(ca.ca_file)
        cfg.write_text(yaml.safe_dump(settings))
        ok = cli("--config", str(cfg), "notify", "--phase", "investigating", "--json")
        assert ok.code == 0, ok.stdout
        assert sorted(sink.recipients()) == sorted(emails)
