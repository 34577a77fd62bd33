"""The audit report as one self-contained HTML page.

Charts are inline SVG drawn here; the page loads nothing (the same Content-Security-
Policy as the check report). Every statistic links to a list of its findings further
down the page, with paths, lines and timestamps; lists are capped at ``limit`` rows
per statistic so an archive of millions of findings still gives a page a browser opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rulecheck import __version__
from rulecheck.audit.report import DIMENSIONS, TOP
from rulecheck.audit.store import Store
from rulecheck.reports.common import CATEGORY_LABELS, clock
from rulecheck.reports.htmlpage import CATEGORY_COLORS, CSP
from rulecheck.reports.htmlpage import e as esc

_SEV_COLORS = {"error": "#dc2626", "warning": "#d97706", "info": "#64748b"}
_CSS = """
body { font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; margin: 0; background: #f4f5f8; color: #1c2230;
       font-size: 14px; line-height: 1.5; }
header { background: #111827; color: #f9fafb; padding: 12px 24px; }
main { padding: 12px 24px; }
section { background: #fff; border: 1px solid #e4e7ee; border-radius: 12px;
          padding: 12px 16px; margin: 12px 0; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #e4e7ee; border-radius: 12px; padding: 10px 16px; }
.card b { font-size: 24px; display: block; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 3px 8px; border-bottom: 1px solid #f1f3f7;
         vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
svg text { font-size: 12px; fill: #1c2230; }
svg a:hover rect { opacity: .75; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
.muted { color: #6b7280; }
mark { background: #fde68a; }
"""


def _anchor(dim: str, index: int) -> str:
    return f"d-{dim}-{index}"


def _chart(counts: dict[str, int], dim: str, ids: dict[str, int], limit: int = 15) -> str:
    """A horizontal bar chart; each bar links to its findings."""
    items = list(counts.items())[:limit]
    if not items:
        return '<p class="muted">none</p>'
    top = max(n for _, n in items) or 1
    row, label_w, bar_w = 22, 170, 300
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 60} '
             f'{row * len(items) + 4}" width="{label_w + bar_w + 60}">']
    for i, (key, n) in enumerate(items):
        y = i * row + 2
        w = max(2, round(bar_w * n / top))
        color = CATEGORY_COLORS.get(key) or _SEV_COLORS.get(key) or "#2563eb"
        parts.append(
            f'<a href="#{_anchor(dim, ids[key])}"><title>{esc(key)}: {n}</title>'
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{esc(key[:24])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{row - 6}" rx="3" '
            f'fill="{color}"/><text x="{label_w + w + 6}" y="{y + 14}">{n}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _stat_table(counts: dict[str, int], dim: str, ids: dict[str, int],
                labels: dict[str, str]) -> str:
    rows = "".join(
        f'<tr><td><a href="#{_anchor(dim, ids[k])}">{esc(k)}</a></td>'
        f'<td>{esc(labels.get(k, ""))}</td><td class="n">{n}</td></tr>'
        for k, n in counts.items())
    return f"<table><tr><th>{esc(dim)}</th><th></th><th>findings</th></tr>{rows}</table>"


def _finding_rows(rows: Sequence[Any]) -> str:
    out = []
    for r in rows:
        when = ""
        if r["start_time"] is not None:
            when = f"{clock(r['start_time'])}–{clock(r['end_time'])}"
        out.append(
            f"<tr><td><code>{esc(r['path'])}:{r['line']}</code></td><td>{esc(when)}</td>"
            f"<td><code>{esc(r['rule'])}</code></td><td>{esc(r['severity'])}</td>"
            f"<td><mark>{esc(r['text'])}</mark> <span class=muted>{esc(r['context'] or '')}"
            f"</span></td></tr>")
    return "".join(out)


def _drilldown(store: Store, dim: str, keys: dict[str, int], counts: dict[str, int],
               limit: int) -> str:
    expr = DIMENSIONS[dim]
    rows = store.query(
        f"SELECT * FROM (SELECT COALESCE({expr}, '-') AS k, f.path, f.line, f.start_time, "
        "f.end_time, f.rule, f.severity, f.text, f.context, ROW_NUMBER() OVER ("
        f"PARTITION BY COALESCE({expr}, '-') ORDER BY f.path, f.\"start\") AS rn "
        "FROM findings f JOIN documents d ON d.id = f.document_id) WHERE rn <= ?", (limit,))
    by_key: dict[str, list[Any]] = {}
    for r in rows:
        by_key.setdefault(r["k"], []).append(r)
    parts = []
    for key, index in keys.items():
        got = by_key.get(key, [])
        more = counts.get(key, 0) - len(got)
        note = f'<p class="muted">… and {more} more (first {limit} shown)</p>' if more > 0 else ""
        parts.append(
            f'<section id="{_anchor(dim, index)}"><h3>{esc(dim)}: {esc(key)} '
            f'<span class="muted">({counts.get(key, 0)} findings)</span></h3>'
            f"<table>{_finding_rows(got)}</table>{note}</section>")
    return "".join(parts)


def _patterns(data: dict[str, Any]) -> str:
    parts = []
    for rule in data["audit_rules"]:
        found = [p for p in data["patterns"] if p["rule"] == rule["id"]]
        items = []
        for p in found:
            ev = "".join(
                f"<li><code>{esc(x['path'])}:{x['line']}</code> {esc(x['date'] or '')} "
                f"{esc(clock(x['start_time']))} <mark>{esc(x['text'])}</mark></li>"
                for x in p["evidence"][:TOP])
            items.append(f"<li>{esc(p['message'])}<ul>{ev}</ul></li>")
        parts.append(f'<h3 id="p-{esc(rule["id"])}"><code>{esc(rule["id"])}</code> '
                     f'{esc(rule["title"])} <span class="muted">({len(found)}) '
                     f'{esc(rule["category"])} · {esc(rule["law"])}</span></h3>'
                     f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def render_html(store: Store, data: dict[str, Any], limit: int = 100) -> str:
    """The whole page for the summary ``data`` of ``store``."""
    by = data["by"]
    ids = {dim: {k: i for i, k in enumerate(counts)} for dim, counts in by.items()}
    labels = {"category": CATEGORY_LABELS, "rule": data["rule_titles"]}
    charts = "".join(
        f"<section><h2>By {esc(dim)}</h2>{_chart(by[dim], dim, ids[dim])}"
        f"<details><summary>all {len(by[dim])}</summary>"
        f"{_stat_table(by[dim], dim, ids[dim], labels.get(dim, {}))}</details></section>"
        for dim in DIMENSIONS)
    risk_rows = "".join(
        f'<tr><td><a href="#{_anchor("anchor", ids["anchor"][r["anchor"]])}">'
        f'{esc(r["anchor"])}</a></td>'
        f'<td class="n">{r["score"]:.2f}</td><td class="n">{r["per_hour"] or ""}</td>'
        f'<td class="n">{r["findings"]}</td><td class="n">{r["documents"]}</td></tr>'
        if r["anchor"] in ids["anchor"] else
        f'<tr><td>{esc(r["anchor"])}</td><td class="n">{r["score"]:.2f}</td><td></td>'
        f'<td class="n">0</td><td class="n">{r["documents"]}</td></tr>'
        for r in data["risk"]["anchors"][:50])
    drill = "".join(_drilldown(store, dim, ids[dim], by[dim], limit) for dim in DIMENSIONS)
    errors = "".join(f"<li><code>{esc(x['message'])}</code></li>" for x in data["errors"])
    d = data["documents"]
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="rulecheck {esc(__version__)}">
<title>rulecheck audit · {data['findings']} findings</title>
<style>{_CSS}</style></head>
<body><header><b>rulecheck audit</b> · 直播带货合规审计 · v{esc(__version__)}</header><main>
<div class="cards"><div class="card"><b>{d['done']}</b>documents</div>
<div class="card"><b>{data['findings']}</b>findings</div>
<div class="card"><b>{d['failed']}</b>failed documents</div>
<div class="card"><b>{d['bytes'] / 1e6:.1f} MB</b>{d['chars']:,} characters, {d['hours']} h</div>
<div class="card"><b>{sum(data['patterns_by_rule'].values())}</b>cross-transcript patterns</div>
</div>
<div class="grid">{charts}</div>
<section><h2>Risk score by anchor</h2><p class="muted">{esc(data['risk']['formula'])};
per hour where transcripts are timed.</p>
<table><tr><th>anchor</th><th>score</th><th>per hour</th><th>findings</th><th>documents</th></tr>
{risk_rows}</table></section>
<section><h2>Patterns across transcripts</h2>{_patterns(data)}</section>
{f'<section><h2>Failed documents</h2><ul>{errors}</ul></section>' if errors else ''}
<h2>Findings by statistic</h2>
{drill}
</main></body></html>
"""
