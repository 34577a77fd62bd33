"""Statistics from the audit store, and the text, JSON and CSV reports.

Risk score of an anchor (also of a room): severity-weighted findings per 10,000
characters of that anchor's transcripts, ``10000 * (3*errors + 1*warnings) / chars``
(info findings weigh 0). Characters are used because every transcript has them; where
transcripts are timed, the same weighted count per hour is given as ``per_hour``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from rulecheck.audit.patterns import AUDIT_RULES, PatternFinding, count_by_rule, find_patterns
from rulecheck.audit.store import Store
from rulecheck.model import CATEGORIES
from rulecheck.reports.common import CATEGORY_LABELS, SEVERITY_ORDER
from rulecheck.safetext import csv_cell, for_terminal

FORMATS: tuple[str, ...] = ("text", "json", "csv", "html")
WEIGHTS: dict[str, int] = {"error": 3, "warning": 1, "info": 0}
#: Dimensions of the statistics: name -> SQL expression over findings f / documents d.
DIMENSIONS: dict[str, str] = {
    "category": "f.category", "rule": "f.rule", "severity": "f.severity",
    "anchor": "d.anchor", "room": "d.room", "date": "d.date",
}
TOP = 10
_WEIGHT_SQL = "SUM(CASE f.severity WHEN 'error' THEN 3 WHEN 'warning' THEN 1 ELSE 0 END)"


def _counts(store: Store, dim: str) -> dict[str, int]:
    expr = DIMENSIONS[dim]
    rows = store.query(f"SELECT COALESCE({expr}, '-') AS k, count(*) FROM findings f "
                       "JOIN documents d ON d.id = f.document_id GROUP BY k")
    counts = {r[0]: r[1] for r in rows}
    if dim == "category":
        order = {c: i for i, c in enumerate(CATEGORIES)}
        return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))
    if dim == "severity":
        order = {s: i for i, s in enumerate(SEVERITY_ORDER)}
        return dict(sorted(counts.items(), key=lambda kv: order.get(kv[0], 99)))
    if dim in ("rule", "date"):
        return dict(sorted(counts.items()))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def risk_scores(store: Store, dim: str = "anchor") -> list[dict[str, Any]]:
    """Per anchor (or room): documents, characters, hours, findings, weighted score."""
    col = DIMENSIONS[dim]
    docs = {r[0]: r for r in store.query(
        f"SELECT COALESCE({col}, '-'), count(*), SUM(d.chars), SUM(d.duration) "
        "FROM documents d WHERE d.status = 'done' GROUP BY 1")}
    found = {r[0]: r for r in store.query(
        f"SELECT COALESCE({col}, '-'), count(*), {_WEIGHT_SQL}, "
        "SUM(f.severity = 'error') FROM findings f JOIN documents d ON d.id = f.document_id "
        "GROUP BY 1")}
    out = []
    for key, (_, ndocs, chars, seconds) in docs.items():
        _, n, weight, errors = found.get(key, (key, 0, 0, 0))
        chars = chars or 0
        out.append({
            dim: key, "documents": ndocs, "chars": chars,
            "hours": round(seconds / 3600, 3) if seconds else None,
            "findings": n, "errors": errors or 0, "weighted": weight or 0,
            "score": round(10_000 * (weight or 0) / chars, 2) if chars else 0.0,
            "per_hour": round((weight or 0) / (seconds / 3600), 2) if seconds else None,
        })
    out.sort(key=lambda r: (-r["score"], str(r[dim])))
    return out


def summary(store: Store, patterns: list[PatternFinding] | None = None) -> dict[str, Any]:
    """Everything the reports show, as plain JSON-ready data."""
    if patterns is None:
        patterns = find_patterns(store)
    docs = store.query("SELECT status, count(*), SUM(size), SUM(chars), SUM(duration) "
                       "FROM documents GROUP BY status")
    by_status = {r[0]: r[1] for r in docs}
    done = next((r for r in docs if r[0] == "done"), None)
    titles = dict(store.query("SELECT rule, MAX(title) FROM findings GROUP BY rule"))
    top_docs = store.query(
        f"SELECT d.path, d.anchor, d.date, count(*) AS n, {_WEIGHT_SQL} AS w "
        "FROM findings f JOIN documents d ON d.id = f.document_id GROUP BY d.id "
        "ORDER BY w DESC, n DESC, d.path LIMIT ?", (TOP,))
    runs = store.query("SELECT id, started, finished, status, rulebook_version, fingerprint, "
                       "checked, skipped, failed FROM runs ORDER BY id")
    return {
        "documents": {"done": by_status.get("done", 0), "failed": by_status.get("failed", 0),
                      "bytes": (done[2] or 0) if done else 0,
                      "chars": (done[3] or 0) if done else 0,
                      "hours": round((done[4] or 0) / 3600, 2) if done else 0},
        "findings": store.query("SELECT count(*) FROM findings")[0][0],
        "by": {dim: _counts(store, dim) for dim in DIMENSIONS},
        "rule_titles": titles,
        "risk": {"formula": "10000 * (3*errors + 1*warnings) / characters",
                 "anchors": risk_scores(store, "anchor"), "rooms": risk_scores(store, "room")},
        "top_documents": [dict(path=r[0], anchor=r[1], date=r[2], findings=r[3], weighted=r[4])
                          for r in top_docs],
        "audit_rules": [asdict(r) for r in AUDIT_RULES],
        "patterns_by_rule": count_by_rule(patterns),
        "patterns": [{"rule": p.rule.id, "category": p.rule.category,
                      "severity": p.rule.severity, "title": p.rule.title, "law": p.rule.law,
                      "anchor": p.anchor, "subject": p.subject, "message": p.message,
                      "evidence": [asdict(e) for e in p.evidence]} for p in patterns],
        "errors": [{"path": r[0], "message": r[1]} for r in store.query(
            "SELECT path, error FROM documents WHERE status = 'failed' ORDER BY path")],
        "runs": [dict(r) for r in runs],
    }


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _csv_rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    yield ["section", "key", "findings", "documents", "chars", "score"]
    for dim, counts in data["by"].items():
        for key, n in counts.items():
            yield [dim, key, n, "", "", ""]
    for row in data["risk"]["anchors"]:
        yield ["risk_anchor", row["anchor"], row["findings"], row["documents"], row["chars"],
               row["score"]]
    for rule, n in data["patterns_by_rule"].items():
        yield ["audit_rule", rule, n, "", "", ""]


def render_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(
        [csv_cell(v) for v in row] for row in _csv_rows(data))
    return buf.getvalue()


def _table(title: str, counts: dict[str, int], labels: dict[str, str] | None = None,
           limit: int | None = None) -> list[str]:
    items = list(counts.items())
    lines = [f"{title}:"]
    for key, n in items[:limit] if limit else items:
        label = f"  {labels[key]}" if labels and key in labels else ""
        lines.append(f"  {n:>8}  {key}{label}")
    if limit and len(items) > limit:
        lines.append(f"  ... {len(items) - limit} more")
    return lines


def render_text(data: dict[str, Any]) -> str:
    d = data["documents"]
    lines = [f"rulecheck audit: {d['done']} documents ({d['bytes'] / 1e6:.1f} MB, "
             f"{d['chars']:,} characters, {d['hours']} h timed), {d['failed']} failed, "
             f"{data['findings']} findings", ""]
    by = data["by"]
    lines += _table("By severity", by["severity"]) + [""]
    lines += _table("By category", by["category"], CATEGORY_LABELS) + [""]
    lines += _table("By rule", by["rule"], data["rule_titles"]) + [""]
    for dim in ("anchor", "room", "date"):
        lines += _table(f"By {dim}", by[dim], limit=TOP) + [""]
    lines.append(f"Risk score by anchor ({data['risk']['formula']}), highest first:")
    for row in data["risk"]["anchors"][:TOP]:
        per_hour = f", {row['per_hour']}/h" if row["per_hour"] is not None else ""
        lines.append(f"  {row['score']:>8.2f}  {row['anchor']}  ({row['findings']} findings, "
                     f"{row['documents']} documents{per_hour})")
    lines += ["", "Top documents:"]
    lines += [f"  {r['findings']:>8}  {r['path']}" for r in data["top_documents"]]
    lines += ["", "Audit rules (patterns across transcripts):"]
    for rule in data["audit_rules"]:
        lines.append(f"  {data['patterns_by_rule'][rule['id']]:>8}  {rule['id']}  "
                     f"{rule['title']}  {rule['law']}")
    for p in data["patterns"][:TOP * 3]:
        lines.append(f"    {p['rule']}: {p['message']}")
    if data["errors"]:
        lines += ["", f"Failed documents ({len(data['errors'])}):"]
        lines += [f"  {e['message']}" for e in data["errors"]]
    return for_terminal("\n".join(lines)) + "\n"


def render(fmt: str, store: Store, limit: int = 100, locale: str | None = None) -> str:
    """The report in ``fmt`` (one of FORMATS); ``locale`` (zh, en) is the HTML page's
    language, None to decide from the environment and the findings."""
    patterns = find_patterns(store)
    data = summary(store, patterns)
    if fmt == "json":
        return render_json(data)
    if fmt == "csv":
        return render_csv(data)
    if fmt == "html":
        from rulecheck.audit.html import render_html

        return render_html(store, data, limit, locale)
    return render_text(data)
