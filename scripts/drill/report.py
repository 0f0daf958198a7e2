"""The drill report: built from the run's steps, rendered as Markdown, HTML (with a timeline SVG) and JSON."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from scripts.drill.localenv import LocalDrill
from scripts.output import to_json

TIMELINE_COLORS = {"passed": "#2e7d32", "skipped": "#f9a825", "failed": "#c62828"}


def quarter_of(moment: dt.datetime) -> str:
    return f"{moment.year}q{(moment.month - 1) // 3 + 1}"


def build_report(
    kind: str,
    result: dict[str, Any],
    started: dt.datetime,
    finished: dt.datetime,
    drill: LocalDrill | None,
    backup: dict[str, Any] | None,
    notes: list[str],
) -> dict[str, Any]:
    steps = []
    checks: list[dict[str, Any]] = []
    for s in result["steps"]:
        at = dt.datetime.fromisoformat(s["started_at"]) if s.get("started_at") else started
        step_checks = s.get("checks") or []
        if s["status"] == "failed":
            step_checks = [*step_checks, {"name": s["step"], "status": "failed", "detail": s["detail"]}]
        elif not step_checks:
            step_checks = [{"name": s["step"], "status": s["status"], "detail": s["detail"]}]
        for c in step_checks:
            checks.append({"step": s["step"], **c})
        steps.append(
            {
                "step": s["step"],
                "title": s["title"],
                "status": s["status"],
                "detail": s["detail"],
                "seconds": s["seconds"],
                "offset_seconds": round((at - started).total_seconds(), 3),
                "checks": step_checks,
            }
        )
    outage_at = drill.outage_at if drill else None
    cut = next((s for s in steps if s["step"] == "cutover"), None)
    rto = None
    if outage_at and cut and cut["status"] == "passed":
        end = started + dt.timedelta(seconds=cut["offset_seconds"] + cut["seconds"])
        rto = round((end - outage_at).total_seconds(), 3)
    rpo = None
    if backup and outage_at:
        rpo = round((outage_at - dt.datetime.fromisoformat(backup["data_as_of"])).total_seconds(), 3)
    failed = [c for c in checks if c["status"] == "failed"]
    return {
        "format": "kaleo-dr-drill/1",
        "kind": kind,
        "drill_id": f"{started.strftime('%Y%m%dT%H%M%SZ')}-{kind}",
        "quarter": quarter_of(started),
        "started_at": started.isoformat(),
        "finished_at": finished.isoformat(),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "ok": not failed,
        "outage_at": outage_at.isoformat() if outage_at else None,
        "rto_seconds": rto,
        "rpo_seconds": rpo,
        "backup": {k: v for k, v in (backup or {}).items() if k != "tables"} or None,
        "standby": drill.standby if drill else None,
        "failback": drill.failback if drill else None,
        "steps": steps,
        "checks": checks,
        "checks_passed": sum(1 for c in checks if c["status"] == "passed"),
        "checks_failed": len(failed),
        "checks_skipped": sum(1 for c in checks if c["status"] == "skipped"),
        "notes": notes,
    }


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value < 120:
        return f"{value:.1f} s"
    if value < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"


def render_markdown(report: dict[str, Any]) -> str:
    lines = [
        f"# DR drill {report['drill_id']}: {'PASSED' if report['ok'] else 'FAILED'}",
        "",
        f"- kind: {report['kind']}, quarter {report['quarter']}",
        f"- started {report['started_at']}, took {fmt_seconds(report['duration_seconds'])}",
        f"- **RTO** (outage -> DNS cut over): {fmt_seconds(report['rto_seconds'])}",
        f"- **RPO** (age of the restored data at the outage): {fmt_seconds(report['rpo_seconds'])}",
    ]
    b = report.get("backup")
    if b:
        lines.append(
            f"- backup used: `{b.get('backup_id')}` at `{b.get('location')}`, data as of {b.get('data_as_of')}"
        )
    else:
        lines.append("- backup used: none")
    lines.append(
        f"- checks: {report['checks_passed']} passed, {report['checks_failed']} failed, "
        f"{report['checks_skipped']} skipped"
    )
    lines += ["", "## Steps", "", "| # | step | status | seconds | detail |", "|---|---|---|---:|---|"]
    for i, s in enumerate(report["steps"], 1):
        detail = str(s["detail"]).replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {i} | {s['title']} | {s['status'].upper()} | {s['seconds']:.2f} | {detail} |")
    lines += ["", "## Checks", "", "| step | check | result | detail |", "|---|---|---|---|"]
    for c in report["checks"]:
        detail = str(c["detail"]).replace("|", "\\|").replace("\n", " ")[:300]
        lines.append(f"| {c['step']} | {c['name']} | {c['status'].upper()} | {detail} |")
    if report["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report["notes"]]
    return "\n".join(lines) + "\n"


def timeline_svg(report: dict[str, Any]) -> str:
    steps = report["steps"]
    total = max([s["offset_seconds"] + s["seconds"] for s in steps] + [report["duration_seconds"], 0.001])
    label_w, chart_w, row_h, top = 260, 640, 26, 30
    height = top + row_h * len(steps) + 40
    scale = chart_w / total
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + chart_w + 120}" height="{height}" '
        f'role="img" aria-label="drill timeline" font-family="sans-serif" font-size="12">'
    ]
    if report.get("outage_at"):
        started = dt.datetime.fromisoformat(report["started_at"])
        x0 = (dt.datetime.fromisoformat(report["outage_at"]) - started).total_seconds()
        end = x0 + (report["rto_seconds"] or 0)
        parts.append(
            f'<rect x="{label_w + x0 * scale:.1f}" y="{top - 18}" width="{max((end - x0) * scale, 1):.1f}" '
            f'height="{row_h * len(steps) + 18}" fill="#e3f2fd"/>'
            f'<text x="{label_w + x0 * scale + 4:.1f}" y="{top - 6}" fill="#1565c0">outage → RTO '
            f"{html.escape(fmt_seconds(report['rto_seconds']))}</text>"
        )
    for i, s in enumerate(steps):
        y = top + i * row_h
        x = label_w + s["offset_seconds"] * scale
        w = max(s["seconds"] * scale, 2)
        color = TIMELINE_COLORS.get(s["status"], "#757575")
        parts.append(
            f'<text x="4" y="{y + 16}">{html.escape(s["title"][:40])}</text>'
            f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{color}">'
            f"<title>{html.escape(s['step'])}: {s['status']} in {s['seconds']:.2f}s</title></rect>"
            f'<text x="{x + w + 4:.1f}" y="{y + 16}" fill="#333">{s["seconds"]:.1f}s</text>'
        )
    axis_y = top + row_h * len(steps) + 12
    parts.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + chart_w}" y2="{axis_y}" stroke="#999"/>')
    # Round tick steps (0.5 s, 1 s, 2 s, 5 s, ...) so that labels are evenly spaced and exact.
    step = next((c for c in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800) if total / c <= 8), 3600.0)
    k = 0
    while k * step <= total + 1e-9:
        t = k * step
        xk = label_w + t * scale
        parts.append(f'<text x="{xk:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#555">{t:g}s</text>')
        k += 1
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: dict[str, Any]) -> str:
    esc = html.escape
    status = "PASSED" if report["ok"] else "FAILED"
    rows = "".join(
        f"<tr class='{s['status']}'><td>{i}</td><td>{esc(s['title'])}</td><td>{s['status'].upper()}</td>"
        f"<td class='n'>{s['seconds']:.2f}</td><td>{esc(str(s['detail']))}</td></tr>"
        for i, s in enumerate(report["steps"], 1)
    )
    checks = "".join(
        f"<tr class='{c['status']}'><td>{esc(c['step'])}</td><td>{esc(c['name'])}</td><td>{c['status'].upper()}</td>"
        f"<td>{esc(str(c['detail'])[:400])}</td></tr>"
        for c in report["checks"]
    )
    b = report.get("backup") or {}
    color = "#2e7d32" if report["ok"] else "#c62828"
    notes = "".join(f"<li>{esc(n)}</li>" for n in report["notes"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DR drill {esc(report["drill_id"])}: {status}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.n {{ text-align: right; }}
tr.failed td {{ background: #ffebee; }} tr.skipped td {{ background: #fffde7; }}
.big {{ font-size: 1.4em; margin-right: 2em; }}
</style></head><body>
<h1>DR drill {esc(report["drill_id"])}: <span style="color:{color}">{status}</span></h1>
<p><span class="big">RTO {esc(fmt_seconds(report["rto_seconds"]))}</span>
<span class="big">RPO {esc(fmt_seconds(report["rpo_seconds"]))}</span>
<span class="big">{report["checks_passed"]} checks passed, {report["checks_failed"]} failed</span></p>
<p>Backup used: <code>{esc(str(b.get("backup_id", "none")))}</code> at <code>{esc(str(b.get("location", "")))}</code>,
data as of {esc(str(b.get("data_as_of", "n/a")))}. Started {esc(report["started_at"])},
took {esc(fmt_seconds(report["duration_seconds"]))}.</p>
<h2>Timeline</h2>
{timeline_svg(report)}
<h2>Steps</h2>
<table><tr><th>#</th><th>step</th><th>status</th><th>seconds</th><th>detail</th></tr>{rows}</table>
<h2>Checks</h2>
<table><tr><th>step</th><th>check</th><th>result</th><th>detail</th></tr>{checks}</table>
<h2>Notes</h2><ul>{notes}</ul>
</body></html>
"""


def write_report(report: dict[str, Any], out: Path, keep_dir: Path | None) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "json": out / "report.json",
        "markdown": out / "report.md",
        "html": out / "report.html",
    }
    files["json"].write_text(to_json(report) + "\n", encoding="utf-8")
    files["markdown"].write_text(render_markdown(report), encoding="utf-8")
    files["html"].write_text(render_html(report), encoding="utf-8")
    written = {k: str(v) for k, v in files.items()}
    if keep_dir is not None:
        kept = keep_dir / report["drill_id"] / "report.json"
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(to_json(report) + "\n", encoding="utf-8")
        written["kept"] = str(kept)
    return written
