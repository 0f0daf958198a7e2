"""``kaleo-dr job run NAME -- COMMAND...``: the wrapper every scheduled continuity job runs in.

Cron or a systemd timer (role ``continuity_agent``) starts e.g.::

    kaleo-dr job run backup -- backup create --rds-instance kaleo-prod

The wrapper runs ``kaleo-dr COMMAND...`` with the same configuration, and:

* sends every line of its output to syslog (``/dev/log``: the journal where systemd runs,
  ``/var/log/syslog`` otherwise), tagged ``kaleo-dr-job[NAME]``; with ``--log stderr`` (systemd
  units, whose output the journal already keeps) to stderr instead;
* stops it after ``jobs.timeout`` (``--timeout``);
* writes the run's record to ``<results>/NAME/<time>-<host>.json`` (``scripts/jobs/records.py``),
  outside AWS, where the watcher on GCP reads it;
* pages the emergency team when the run failed (``scripts/runbook/alarm.py``: once per
  ``alarm.repeat_every``), naming the job, the host, the exit code and the last output lines;
  the next successful run sends one "resolved" message to the same recipients.
  ``--alarm-on error`` pages only for exit codes other than 0 and 1: for commands that page
  on their own when their check fails (``watch freshness``, ``watch restore-test``).

Exit code: the command's own (0, 1 or 2); 1 when it timed out or its record could not be written.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from typing import Annotated, Any, Literal

import typer

from scripts.cliapp import AppState, JsonOpt, get_config, new_app
from scripts.config import KaleoConfig
from scripts.jobs import records
from scripts.output import BadInput, DrError, console, emit, err_console

#: What to do when a known job fails (the action named in the alarm) and the runbook section.
ACTIONS: dict[str, tuple[str, str]] = {
    "backup": (
        "read the job log on the agent, fix the cause, then run the backup by hand: "
        "kaleo-dr job run backup -- backup create --rds-instance <instance>",
        "Before any disaster (every day)",
    ),
    "secrets-sync": (
        "read the job log on the agent; rerun: kaleo-dr job run secrets-sync -- secrets sync",
        "What runs every day, where, and who gets paged",
    ),
    "search-snapshot": (
        "read the job log on the agent; rerun: kaleo-dr job run search-snapshot -- search snapshot",
        "What runs every day, where, and who gets paged",
    ),
    "readiness": (
        "run kaleo-dr readiness on the watcher and fix every item it names",
        "What runs every day, where, and who gets paged",
    ),
}
DEFAULT_ACTION = (
    "read the job log on {host} (journalctl -t kaleo-dr-job or /var/log/syslog), fix the cause, rerun the job",
    "What runs every day, where, and who gets paged",
)
LogTo = Literal["syslog", "stderr", "none"]  # none: only the record keeps the tail


def _probe_syslog(address: str) -> None:
    """Raise OSError unless a syslog daemon (or the journal) listens on ``address``.

    SysLogHandler swallows a missing socket and then fails on every line: find out first."""
    import socket

    for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
        with socket.socket(socket.AF_UNIX, kind) as probe:
            try:
                probe.connect(address)
                return
            except OSError as exc:  # EPROTOTYPE: the other socket type may answer
                last = exc
    raise last


class JobLog:
    """Lines of a job's output: to syslog (or stderr), and the last ones kept for the record."""

    def __init__(self, job: str, log_to: LogTo, address: str, tail: int) -> None:
        self.tail: deque[str] = deque(maxlen=max(tail, 1))
        self.keep = tail > 0
        self.logger: logging.Logger | None = None
        self.note: str | None = None
        self.log_to = log_to
        if log_to == "syslog":
            try:
                _probe_syslog(address)
                handler = logging.handlers.SysLogHandler(
                    address=address, facility=logging.handlers.SysLogHandler.LOG_DAEMON
                )
            except OSError as exc:
                self.note = f"syslog {address} unavailable ({exc.strerror or exc}); job output goes to stderr"
            else:
                handler.setFormatter(logging.Formatter(f"kaleo-dr-job[{job}]: %(message)s"))
                logger = logging.getLogger(f"kaleo-dr.job.{job}.{id(self)}")
                logger.propagate = False
                logger.setLevel(logging.INFO)
                logger.addHandler(handler)
                self.logger = logger
        if self.note:
            err_console.print(f"[yellow]{self.note}[/]")

    def line(self, text: str, level: int = logging.INFO) -> None:
        text = text.rstrip("\n")
        if self.keep:
            self.tail.append(text)
        if self.logger is not None:
            self.logger.log(level, text)
        elif self.log_to != "none":
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        if self.logger is not None:
            for handler in list(self.logger.handlers):
                handler.close()
                self.logger.removeHandler(handler)


def child_command(args: list[str]) -> list[str]:
    """``kaleo-dr ARGS`` run by this very installation (no PATH lookup)."""
    return [sys.executable, "-m", "scripts", *args]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    state = AppState.current
    if state is not None and state.config_path is not None:
        env["KALEO_DR_CONFIG"] = str(state.config_path.resolve())
    return env


def run_job(
    cfg: KaleoConfig,
    job: str,
    args: list[str],
    *,
    log_to: LogTo,
    timeout: dt.timedelta,
    alarm_on: str,
    results_to: str | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run one job: log, time out, record, page on failure. Returns the record (with ``alarm`` and ``record_url``)."""
    from scripts.runbook.incident import utcnow

    if not job or not all(c.isalnum() or c in "-_" for c in job):
        raise BadInput(f"job name {job!r}: use letters, digits, '-' and '_'")
    if not args:
        raise BadInput("no command to run", hint=f"kaleo-dr job run {job} -- backup create ...")
    url = records.results_url(cfg, results_to)
    started = utcnow()
    record = records.new_record(cfg, job, args, started)
    log = JobLog(job, log_to, cfg.jobs.syslog_address, cfg.jobs.output_tail_lines)
    log.line(f"start: kaleo-dr {' '.join(args)}")
    t0 = time.monotonic()
    status = "failed"
    try:
        proc = subprocess.Popen(
            child_command(args),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env if env is not None else child_env(),
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        log.line(f"cannot start: {exc}", logging.ERROR)
        code = 2
    else:
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            log.line(f"timeout: stopping after {timeout}", logging.ERROR)
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                time.sleep(10)
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout.total_seconds(), stop)
        timer.daemon = True
        timer.start()
        assert proc.stdout is not None
        try:
            for text in proc.stdout:
                log.line(text)
            code = proc.wait()
        except BaseException:  # Ctrl-C, SIGTERM turned into an exception: the job (its own session) goes too
            _stop_group(proc)
            raise
        finally:
            timer.cancel()
        if timed_out.is_set():
            status, code = "timeout", 1
        elif code == 0:
            status = "ok"
    finished = utcnow()
    record.update(
        finished_at=finished.isoformat(),
        duration_seconds=round(time.monotonic() - t0, 3),
        exit_code=code,
        status=status,
        output_tail=list(log.tail) if log.keep else [],
    )
    level = logging.INFO if status == "ok" else logging.ERROR
    log.line(f"end: {status}, exit {code}, {record['duration_seconds']} s", level)
    try:
        record["record_url"] = records.write_record(url, record)
    except DrError as exc:
        record["record_error"] = exc.message
        log.line(f"record not written to {url}: {exc.message}", logging.ERROR)
    record["alarm"] = None
    must_page = status != "ok" and (alarm_on == "failure" or code not in (0, 1) or status == "timeout")
    if must_page or "record_error" in record:
        record["alarm"] = _page(cfg, job, record, log)
    record["resolved"] = _resolve(cfg, job, record, log)
    log.close()
    return record


def _page(cfg: KaleoConfig, job: str, record: dict[str, Any], log: JobLog) -> dict[str, Any]:
    from scripts.runbook.alarm import Alarm, raise_alarm

    host = record["host"]
    at = dt.datetime.fromisoformat(record["started_at"]).strftime("%Y-%m-%d %H:%M UTC")
    action, section = ACTIONS.get(job, DEFAULT_ACTION)
    if record["status"] == "ok":  # the run worked but its record is not outside AWS: the watcher cannot see it
        summary = f"continuity job {job} on {host}: its record could not be written"
        details = [f"record location: {record.get('record_error')}"]
        key = f"job-record:{job}"
    else:
        what = "timed out" if record["status"] == "timeout" else f"failed with exit {record['exit_code']}"
        summary = f"continuity job {job} {what} on {host} (started {at})"
        details = ["last output lines:", *(f"  {line}" for line in record["output_tail"][-10:])]
        if record.get("record_error"):
            details.append(f"its record could not be written either: {record['record_error']}")
        key = f"job:{job}"
    try:
        result = raise_alarm(cfg, Alarm(key, summary, action.format(host=host), section, tuple(details)))
    except DrError as exc:
        log.line(f"ALARM NOT SENT: {exc.message}", logging.CRITICAL)
        return {"key": key, "status": "not sent", "error": exc.message}
    log.line(f"alarm {key}: {result.status}", logging.WARNING if result.status != "sent" else logging.INFO)
    return result.to_dict()


def _resolve(cfg: KaleoConfig, job: str, record: dict[str, Any], log: JobLog) -> list[dict[str, Any]]:
    """One "resolved" message per alarm of this job that this run clears (ok again, record written again)."""
    from scripts.runbook.alarm import resolve_quietly

    keys = [f"job:{job}"] if record["status"] == "ok" else []
    if "record_error" not in record:
        keys.append(f"job-record:{job}")
    summary = f"continuity job {job} ran ok on {record['host']} at {record['started_at'][:16].replace('T', ' ')} UTC"
    if record["status"] != "ok":
        summary = f"the record of continuity job {job} on {record['host']} was written again"
    resolved = resolve_quietly(cfg, keys, summary)
    for item in resolved:
        log.line(
            f"alarm {item['key']}: {item['status']}", logging.INFO if item["status"] == "sent" else logging.WARNING
        )
    return resolved


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the job's process group, SIGKILL it if it is still there after 10 s."""
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def exit_code(record: dict[str, Any]) -> int:
    code = int(record["exit_code"])
    if code == 0 and record.get("record_error"):
        return 1
    return code


def register(app: typer.Typer) -> None:
    job_app = new_app(
        "Scheduled continuity jobs: run one with logging to syslog, a record outside AWS and an alarm on failure.\n\n"
        "kaleo-dr job run NAME -- COMMAND...; kaleo-dr job last NAME."
    )
    app.add_typer(job_app, name="job")

    @job_app.command(
        "run",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "allow_interspersed_args": False},
    )
    def run_command(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(help="Job name: backup, secrets-sync, search-snapshot, freshness, ...")],
        log_to: Annotated[
            str | None,
            typer.Option("--log", help="syslog (default when jobs.syslog) or stderr (systemd units: the journal)."),
        ] = None,
        timeout: Annotated[
            str | None, typer.Option("--timeout", help="Stop the job after this long (default jobs.timeout).")
        ] = None,
        alarm_on: Annotated[
            str,
            typer.Option(
                "--alarm-on",
                help="failure: page on any failed run (default); error: only on exit codes other than 0 and 1 "
                "(for commands that page on their own when their check fails).",
            ),
        ] = "failure",
        results_to: Annotated[
            str | None, typer.Option("--results-to", help="Where the record goes (default jobs.results_to).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Run `kaleo-dr COMMAND...` as the scheduled job NAME (put the command after `--`).

        Output goes to syslog tagged kaleo-dr-job[NAME]; the run's record goes to <results>/NAME/; a failed run
        pages the emergency team through the notify relay. Exit code: the command's own; 1 on timeout or when
        the record could not be written.
        """
        from scripts.db.backup import parse_duration

        cfg = get_config()
        args = list(ctx.args)
        if args and args[0] == "--":
            args = args[1:]
        chosen = log_to or ("syslog" if cfg.jobs.syslog else "stderr")
        if chosen not in ("syslog", "stderr"):
            raise BadInput(f"--log {chosen!r}: use syslog or stderr")
        if alarm_on not in ("failure", "error"):
            raise BadInput(f"--alarm-on {alarm_on!r}: use failure or error")
        limit = parse_duration(timeout or cfg.jobs.timeout, "--timeout" if timeout else "jobs.timeout")
        record = run_job(
            cfg,
            name,
            args,
            log_to=chosen,  # type: ignore[arg-type]
            timeout=limit,
            alarm_on=alarm_on,
            results_to=results_to,
        )

        def show(r: dict[str, Any]) -> None:
            colour = "green" if r["status"] == "ok" else "red"
            console.print(
                f"[{colour}]job {r['job']}: {r['status']}[/] (exit {r['exit_code']}, {r['duration_seconds']} s)"
            )
            console.print(f"record: {r.get('record_url') or 'NOT WRITTEN: ' + str(r.get('record_error'))}")
            if r["alarm"]:
                console.print(f"alarm: {r['alarm']['status']}")
            for item in r.get("resolved") or []:
                console.print(f"resolved {item['key']}: {item['status']}")

        emit(record, as_json, show)
        code = exit_code(record)
        if code:
            raise typer.Exit(code)

    @job_app.command("last")
    def last_command(
        name: Annotated[str, typer.Argument(help="Job name.")],
        results_to: Annotated[
            str | None, typer.Option("--results-to", help="Where the records are (default jobs.results_to).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The newest record of job NAME (exit 1 when there is none or it did not succeed)."""
        url = records.results_url(get_config(), results_to)
        record = records.newest(url, name)
        data = {"job": name, "results": url, "last": record}

        def show(d: dict[str, Any]) -> None:
            last = d["last"]
            if last is None:
                console.print(f"[red]no record of job {name}[/] in {url}")
            else:
                console.print(
                    f"{name}: {last['status']} at {last['started_at']} on {last['host']} (exit {last['exit_code']})"
                )

        emit(data, as_json, show)
        if record is None or record.get("status") != "ok":
            raise typer.Exit(1)
