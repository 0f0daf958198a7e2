"""``kaleo-dr watch``: the watcher's checks on GCP, the dead-man's switch of the AWS agent.

An alarm inside AWS goes dark with AWS, and a job that stops does not report its own
failure. The watcher VM in the gcp-standby stack therefore checks, from outside AWS, what
the agent should have produced (schedule in role ``continuity_agent``, watcher profile):

* ``kaleo-dr watch freshness`` (hourly): the newest complete dump is younger than
  ``backup.max_age``, and the agent left a successful ``backup`` record within
  ``jobs.agent_max_age``. Otherwise it pages the emergency team with the age, the budget and
  what the agent's last run says (failed at 02:10 with ..., or no run recorded at all);
* ``kaleo-dr watch restore-test`` (weekly, ``scripts/jobs/restoretest.py``);
* ``kaleo-dr readiness`` (daily) through ``kaleo-dr job run readiness -- readiness``.

When a condition clears (fresh again, the agent recording again, the dumps readable again),
the run sends one "resolved" message for each alarm that had gone out.

Exit codes: 0 fresh; 1 stale or silent agent (paged, at most once per ``alarm.repeat_every``);
2 bad input; 3 the dumps could not be read (paged as ``watcher-blind``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from scripts.cliapp import JsonOpt, get_config, new_app
from scripts.config import KaleoConfig
from scripts.jobs import records
from scripts.output import BadInput, DrError, Inconclusive, console, emit

FRESHNESS_SECTION = "Before any disaster (every day)"


def _when(text: str | None) -> str:
    if not text:
        return "?"
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def agent_story(results: str, now: dt.datetime, max_age: dt.timedelta) -> tuple[str, bool, dict[str, Any] | None]:
    """One line on the agent's nightly backup job, whether the agent looks alive, and its newest record."""
    from scripts.db.backup import human_duration

    try:
        last = records.newest(results, records.AGENT_BACKUP_JOB)
    except DrError as exc:
        return f"the agent's job records in {results} could not be read: {exc.message}", False, None
    if last is None:
        return (
            f"no agent backup run recorded in {results}/backup/: the agent may never have run, or is dead",
            False,
            None,
        )
    started = dt.datetime.fromisoformat(last["started_at"])
    age = now - started
    if last.get("status") == "ok":
        line = f"last agent run succeeded at {_when(last['started_at'])} on {last.get('host')}"
        alive = age <= max_age
    else:
        tail = [x for x in last.get("output_tail") or [] if x.strip() and not x.startswith(("start:", "end:"))]
        why = tail[-1].strip() if tail else "no output"
        line = (
            f"last agent run failed at {_when(last['started_at'])} on {last.get('host')} "
            f"(exit {last.get('exit_code')}) with: {why}"
        )
        alive = False
    if age > max_age:
        line += f"; nothing recorded for {human_duration(age)} (budget {human_duration(max_age)}): the agent is silent"
    return line, alive, last


def check_freshness(
    cfg: KaleoConfig, url: str, max_age: dt.timedelta, results: str, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Freshness of the dumps plus the agent's story; pages when stale. The result has ``ok`` and ``alarm``."""
    from scripts.db.backup import freshness, human_duration, parse_duration
    from scripts.db.storage import StorageError, open_store
    from scripts.runbook.alarm import Alarm, raise_alarm, resolve_quietly
    from scripts.runbook.incident import utcnow

    moment = now or utcnow()
    agent_budget = parse_duration(cfg.jobs.agent_max_age, "jobs.agent_max_age")
    try:
        fresh = freshness(open_store(url), max_age, moment)
    except StorageError as exc:  # the watcher is blind: that is not "fresh", and someone must know
        blind = Alarm(
            key="watcher-blind",
            summary=f"the watcher cannot read the dumps in {url}",
            action="check the watcher VM's service account and network, then run kaleo-dr watch freshness by hand",
            runbook_section=FRESHNESS_SECTION,
            details=(exc.message,),
        )
        try:
            paged = raise_alarm(cfg, blind, moment).to_dict()
        except DrError as err:
            paged = {"key": blind.key, "status": "not sent", "error": err.message}
        raise Inconclusive(f"{exc.message} (alarm {blind.key}: {paged['status']})") from exc
    story, alive, last = agent_story(results, moment, agent_budget)
    result: dict[str, Any] = {
        **fresh,
        "agent": story,
        "agent_alive": alive,
        "agent_last_record": last,
        "ok": bool(fresh["fresh"]) and alive,
        "alarm": None,
    }
    # what cleared since the last run: one "resolved" message per alarm that had gone out
    result["resolved"] = resolve_quietly(cfg, ["watcher-blind"], f"the watcher reads the dumps in {url} again", moment)
    if fresh["fresh"]:
        now_ok = f"newest complete backup {fresh['newest_complete']} is {human_duration(fresh['age_seconds'])} old"
        result["resolved"] += resolve_quietly(cfg, ["backup-freshness"], now_ok, moment)
    if alive:
        result["resolved"] += resolve_quietly(cfg, ["agent-silent"], story, moment)
    if result["ok"]:
        return result
    if fresh["newest_complete"] is None:
        summary = f"no complete backup in {url} (budget {human_duration(max_age)})"
    elif not fresh["fresh"]:
        summary = (
            f"newest complete backup is {human_duration(fresh['age_seconds'])} old (budget {human_duration(max_age)})"
        )
    else:
        summary = f"the continuity agent is silent: {story}"
    details = [
        f"dumps: {url}; newest complete: {fresh['newest_complete'] or 'none'}",
        story,
    ]
    if fresh["incomplete_newer"]:
        details.append(f"unfinished newer backups (no manifest): {', '.join(fresh['incomplete_newer'])}")
    alarm = Alarm(
        key="backup-freshness" if not fresh["fresh"] else "agent-silent",
        summary=summary,
        action=(
            "find why the nightly backup stopped on the AWS agent (journalctl -t kaleo-dr-job, or the record above), "
            "then ship one by hand: kaleo-dr backup create --rds-instance <instance> --to <dump bucket>"
        ),
        runbook_section=FRESHNESS_SECTION,
        details=tuple(details),
    )
    try:
        result["alarm"] = raise_alarm(cfg, alarm, moment).to_dict()
    except DrError as exc:
        result["alarm"] = {"key": alarm.key, "status": "not sent", "error": exc.message}
    return result


def _render_freshness(r: dict[str, Any]) -> None:
    from scripts.db.backup.formatting import print_freshness

    print_freshness(r)
    console.print(("[green]agent[/]: " if r["agent_alive"] else "[red]agent[/]: ") + r["agent"])
    if r["alarm"]:
        a = r["alarm"]
        console.print(f"alarm {a['key']}: {a['status']}" + (f" ({a['error']})" if a.get("error") else ""))
    for a in r.get("resolved") or []:
        console.print(f"resolved {a['key']}: {a['status']}" + (f" ({a['error']})" if a.get("error") else ""))


def register(app: typer.Typer) -> None:
    watch_app = new_app(
        "The watcher's checks, run on GCP: the dead-man's switch of the AWS agent.\n\n"
        "kaleo-dr watch freshness (hourly); kaleo-dr watch restore-test (weekly)."
    )
    app.add_typer(watch_app, name="watch")

    @watch_app.command("freshness")
    def freshness_command(
        from_: Annotated[str | None, typer.Option("--from", help="Backup location URL (default backup.to).")] = None,
        max_age: Annotated[
            str | None, typer.Option("--max-age", help="Oldest acceptable dump: 26h (default backup.max_age).")
        ] = None,
        results_to: Annotated[
            str | None, typer.Option("--results-to", help="Where the agent's records are (default jobs.results_to).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Page the emergency team when the newest dump is too old or the agent stopped recording runs.

        Exit 0 fresh; 1 stale or agent silent (paged at most once per alarm.repeat_every); 2 bad input;
        3 the dumps could not be read (paged too).
        """
        from scripts.db.backup import parse_duration

        cfg = get_config()
        url = from_ or cfg.backup.to
        if not url:
            raise BadInput("no backup location", hint="pass --from gs://bucket/prefix or set backup.to")
        limit = parse_duration(max_age or cfg.backup.max_age, "--max-age" if max_age else "backup.max_age")
        result = check_freshness(cfg, url, limit, records.results_url(cfg, results_to))
        emit(result, as_json, _render_freshness)
        if not result["ok"]:
            raise typer.Exit(1)

    @watch_app.command("restore-test")
    def restore_test_command(
        from_: Annotated[str | None, typer.Option("--from", help="Backup location URL (default backup.to).")] = None,
        server_dsn: Annotated[
            str | None,
            typer.Option(
                "--server-dsn", help="Server for the scratch database (default jobs.restore_test.server_dsn)."
            ),
        ] = None,
        results_to: Annotated[
            str | None, typer.Option("--results-to", help="Where the record goes (default jobs.results_to).")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Weekly restore test: the newest dump restored into a scratch database, validated, timed, dropped.

        The record goes to <results>/restore-test/<time>-<host>.json, where `readiness` reads the last one.
        Exit 0 restored and validated; 1 it failed (paged); 2 bad input.
        """
        from scripts.jobs.restoretest import run_restore_test

        cfg = get_config()
        result = run_restore_test(cfg, from_, server_dsn, results_to)

        def show(r: dict[str, Any]) -> None:
            t = r["restore_test"]
            colour = "green" if r["status"] == "ok" else "red"
            console.print(
                f"[{colour}]restore test {r['status']}[/]: backup {t.get('backup_id') or '-'} into {t.get('database')} "
                f"in {t.get('restore_seconds')} s; scratch dropped: {t.get('dropped')}"
            )
            if t.get("error"):
                console.print(f"[red]{t['error']}[/]")
            console.print(f"record: {r.get('record_url') or 'NOT WRITTEN: ' + str(r.get('record_error'))}")

        emit(result, as_json, show)
        if result["status"] != "ok" or result.get("record_error"):
            raise typer.Exit(1)
