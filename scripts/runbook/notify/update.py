"""Which update a run sends: the last one resumed (same phase and text), or the next number."""

from __future__ import annotations

from typing import Any

from scripts.runbook.notify.message import Update


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
