"""``rehearse history``: the kept drill reports, RTO and RPO quarter over quarter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_reports(folder: Path) -> list[dict[str, Any]]:
    reports = []
    for path in sorted(folder.glob("**/report.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == "kaleo-dr-drill/1":
            data["_path"] = str(path)
            reports.append(data)
    return sorted(reports, key=lambda r: r.get("started_at", ""))


def history(folder: Path) -> dict[str, Any]:
    reports = load_reports(folder)
    quarters: dict[str, dict[str, Any]] = {}
    for r in reports:
        q = quarters.setdefault(r["quarter"], {"quarter": r["quarter"], "drills": 0, "passed": 0})
        q["drills"] += 1
        q["passed"] += 1 if r.get("ok") else 0
        q["last_drill"] = r["drill_id"]
        q["last_ok"] = bool(r.get("ok"))
        q["rto_seconds"] = r.get("rto_seconds")
        q["rpo_seconds"] = r.get("rpo_seconds")
        passing = [x for x in reports if x["quarter"] == r["quarter"] and x.get("ok")]
        rtos = [x["rto_seconds"] for x in passing if x.get("rto_seconds") is not None]
        rpos = [x["rpo_seconds"] for x in passing if x.get("rpo_seconds") is not None]
        q["best_rto_seconds"] = min(rtos) if rtos else None
        q["worst_rpo_seconds"] = max(rpos) if rpos else None
    ordered = [quarters[k] for k in sorted(quarters)]
    previous: dict[str, Any] | None = None
    for q in ordered:
        for key in ("rto_seconds", "rpo_seconds"):
            before = previous.get(key) if previous else None
            q[f"{key[:3]}_change_seconds"] = (
                round(q[key] - before, 3) if q.get(key) is not None and before is not None else None
            )
        previous = q
    return {
        "folder": str(folder),
        "drills": [
            {k: r.get(k) for k in ("drill_id", "kind", "quarter", "ok", "rto_seconds", "rpo_seconds", "checks_failed")}
            for r in reports
        ],
        "quarters": ordered,
    }
