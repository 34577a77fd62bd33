"""The audit report as one self-contained HTML page.

The page loads nothing and runs no script (the same Content-Security-Policy as the
check report). Its bar charts are plain HTML and CSS (reports/bars.py) that take the
width of their card from 1000 to 1600 px and on paper; every statistic links to a
list of its findings further down the page, with paths, lines and timestamps; lists
are capped at ``limit`` rows per statistic so an archive of millions of findings
still gives a page a browser opens. Categories and severities are shown by their
labels and rules with their titles, in Chinese or English (reports/locale.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rulecheck import categories
from rulecheck.audit.report import DIMENSIONS, TOP
from rulecheck.audit.store import Store
from rulecheck.reports.bars import BARS_CSS, Bar, bar_chart
from rulecheck.reports.common import clock
from rulecheck.reports.htmlpage import CSP
from rulecheck.reports.htmlpage import e as esc
from rulecheck.reports.locale import resolve
from rulecheck.reports.messages import Messages, messages
from rulecheck.version import __version__

_SEV_COLORS = {"error": "#dc2626", "warning": "#d97706", "info": "#64748b"}
#: Bars per chart; the table under each chart lists every key.
CHART_BARS = 15
_CSS = """
* { box-sizing: border-box; }
body { font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; margin: 0; background: #f4f5f8; color: #1c2230;
       font-size: 14px; line-height: 1.5; --muted: #6b7280; }
header { background: #111827; color: #f9fafb; padding: 12px 24px; }
main { padding: 12px 24px; max-width: 1680px; margin: 0 auto; }
section { background: #fff; border: 1px solid #e4e7ee; border-radius: 12px;
          padding: 12px 16px; margin: 12px 0; min-width: 0; }
h2 { font-size: 16px; margin: 0 0 6px; }
h3 { font-size: 14px; margin: 0 0 6px; overflow-wrap: anywhere; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid #e4e7ee; border-radius: 12px; padding: 10px 16px;
        min-width: 0; }
.card b { font-size: 24px; display: block; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 3px 8px; border-bottom: 1px solid #f1f3f7;
         vertical-align: top; overflow-wrap: anywhere; }
td.sev { white-space: nowrap; }
tr.doc th { background: #f8f9fb; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.grid { display: grid; gap: 12px;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); }
.grid { margin: 12px 0; }
.grid > section { margin: 0; }
.muted { color: #6b7280; }
mark { background: #fde68a; }
details summary { cursor: pointer; color: #4b5563; margin-top: 6px; }
@media print {
  body { background: #fff; }
  header, .bar .bf { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  section, .card { break-inside: avoid; box-shadow: none; }
  .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .drill, .risk, .patterns { break-before: page; }
  .drill > section { break-inside: auto; }
  details:not([open]) > :not(summary) { display: none; }
}
"""


def _anchor(dim: str, index: int) -> str:
    return f"d-{dim}-{index}"


class _Labels:
    """How a key of each statistic is shown: category and severity labels, rule titles."""

    def __init__(self, msg: Messages, rule_titles: Mapping[str, str]) -> None:
        self.msg = msg
        self.titles = rule_titles

    def __call__(self, dim: str, key: str) -> str:
        if dim == "category":
            return self.msg.category(key)
        if dim == "severity":
            return self.msg.severity(key)
        if dim == "rule" and self.titles.get(key):
            return f"{key} {self.titles[key]}"
        return key

    def color(self, dim: str, key: str) -> str:
        if dim == "category":
            return categories.color(key)
        return _SEV_COLORS.get(key, "#2563eb") if dim == "severity" else "#2563eb"


def _charted(counts: Mapping[str, int], dim: str) -> list[str]:
    """The keys a chart shows: all, or the CHART_BARS with most findings (so the largest
    is always there), in the statistic's own order (rules by count)."""
    keys = list(counts)
    if len(keys) > CHART_BARS:
        position = {k: i for i, k in enumerate(keys)}
        ranked = sorted(keys, key=lambda k: (-counts[k], position[k]))[:CHART_BARS]
        chosen = set(ranked)
        keys = ranked if dim == "rule" else [k for k in keys if k in chosen]
    return keys


def _chart(counts: Mapping[str, int], dim: str, ids: Mapping[str, int], labels: _Labels) -> str:
    msg = labels.msg
    keys = _charted(counts, dim)
    bars = []
    for key in keys:
        label = labels(dim, key)
        title = f"{label} · {key}: {counts[key]}" if label != key and dim != "rule" \
            else f"{label}: {counts[key]}"
        bars.append(Bar(label=label, count=counts[key], color=labels.color(dim, key),
                        title=title, href=f"#{_anchor(dim, ids[key])}"))
    note = ""
    if len(keys) < len(counts):
        shown = msg("top_shown", shown=len(keys), total=len(counts))
        note = f'<p class="bars-note">{esc(shown)}</p>'
    return bar_chart(bars, label=msg("by", dim=msg(f"dim.{dim}")), empty=msg("none"),
                     label_width=50 if dim == "rule" else 36) + note


def _stat_table(counts: Mapping[str, int], dim: str, ids: Mapping[str, int],
                labels: _Labels) -> str:
    msg = labels.msg
    rows = []
    for key, n in counts.items():
        label = labels(dim, key)
        if dim == "rule":
            first = f'<code>{esc(key)}</code>'
            second = esc(labels.titles.get(key, ""))
        else:
            first, second = esc(label), ""
        rows.append(f'<tr><td><a href="#{_anchor(dim, ids[key])}" title="{esc(key)}">{first}'
                    f'</a></td><td>{second}</td><td class="n">{n}</td></tr>')
    return (f'<table><tr><th>{esc(msg(f"dim.{dim}"))}</th><th></th>'
            f'<th class="n">{esc(msg("col_findings"))}</th></tr>{"".join(rows)}</table>')


def _finding_rows(rows: Sequence[Any], dim: str, labels: _Labels) -> str:
    """The findings of one statistic, grouped under their document's path; the rule and
    severity columns are left out where the statistic is the rule or the severity."""
    out, path = [], None
    columns = 3 + (dim != "rule") + (dim != "severity")
    for r in rows:
        if r["path"] != path:
            path = r["path"]
            out.append(f'<tr class="doc"><th colspan="{columns}"><code>{esc(path)}</code>'
                       "</th></tr>")
        when = ""
        if r["start_time"] is not None:
            when = f"{clock(r['start_time'])}–{clock(r['end_time'])}"
        rule = "" if dim == "rule" else (
            f"<td><code>{esc(r['rule'])}</code> {esc(labels.titles.get(r['rule'], ''))}</td>")
        sev = "" if dim == "severity" else \
            f"<td class=sev>{esc(labels.msg.severity(r['severity']))}</td>"
        out.append(
            f"<tr><td class=n>{r['line']}</td><td>{esc(when)}</td>{rule}{sev}"
            f"<td><mark>{esc(r['text'])}</mark> <span class=muted>{esc(r['context'] or '')}"
            f"</span></td></tr>")
    return "".join(out)


def _drilldown(store: Store, dim: str, keys: Mapping[str, int], counts: Mapping[str, int],
               limit: int, labels: _Labels) -> str:
    msg = labels.msg
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
        note = (f'<p class="muted">{esc(msg("more", more=more, limit=limit))}</p>'
                if more > 0 else "")
        head = msg("drill_head", dim=msg(f"dim.{dim}"), key=labels(dim, key))
        parts.append(
            f'<section id="{_anchor(dim, index)}"><h3>{esc(head)} <span class="muted">'
            f'{esc(msg("drill_count", n=counts.get(key, 0)))}</span></h3>'
            f"<table>{_finding_rows(got, dim, labels)}</table>{note}</section>")
    return "".join(parts)


def _patterns(data: Mapping[str, Any], msg: Messages) -> str:
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
                     f'{esc(msg.category(rule["category"]))} · {esc(rule["law"])}</span></h3>'
                     f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def _risk(data: Mapping[str, Any], ids: Mapping[str, int], msg: Messages) -> str:
    rows = "".join(
        f'<tr><td><a href="#{_anchor("anchor", ids[r["anchor"]])}">{esc(r["anchor"])}</a></td>'
        f'<td class="n">{r["score"]:.2f}</td><td class="n">{r["per_hour"] or ""}</td>'
        f'<td class="n">{r["findings"]}</td><td class="n">{r["documents"]}</td></tr>'
        if r["anchor"] in ids else
        f'<tr><td>{esc(r["anchor"])}</td><td class="n">{r["score"]:.2f}</td><td></td>'
        f'<td class="n">0</td><td class="n">{r["documents"]}</td></tr>'
        for r in data["risk"]["anchors"][:50])
    head = "".join(f'<th{" class=n" if i else ""}>{esc(msg(k))}</th>' for i, k in enumerate(
        ("dim.anchor", "col_score", "col_per_hour", "col_findings", "col_documents")))
    return (f'<section class="risk"><h2>{esc(msg("risk_title"))}</h2><p class="muted">'
            f'{esc(msg("risk_note", formula=msg("risk_formula")))}</p>'
            f"<table><tr>{head}</tr>{rows}</table></section>")


def audit_locale(data: Mapping[str, Any], locale: str | None) -> str:
    """``locale``, else the environment's Chinese, else the language of the findings."""
    return resolve(locale, rules=data["by"]["rule"])


def render_html(store: Store, data: dict[str, Any], limit: int = 100,
                locale: str | None = None) -> str:
    """The whole page for the summary ``data`` of ``store``."""
    msg = messages(audit_locale(data, locale))
    labels = _Labels(msg, data["rule_titles"])
    by = data["by"]
    ids = {dim: {k: i for i, k in enumerate(counts)} for dim, counts in by.items()}
    charts = "".join(
        f'<section class="chart"><h2>{esc(msg("by", dim=msg(f"dim.{dim}")))}</h2>'
        f"{_chart(by[dim], dim, ids[dim], labels)}"
        f'<details><summary>{esc(msg("all", n=len(by[dim])))}</summary>'
        f"{_stat_table(by[dim], dim, ids[dim], labels)}</details></section>"
        for dim in DIMENSIONS)
    drill = "".join(_drilldown(store, dim, ids[dim], by[dim], limit, labels)
                    for dim in DIMENSIONS)
    errors = "".join(f"<li><code>{esc(x['message'])}</code></li>" for x in data["errors"])
    failed = (f'<section><h2>{esc(msg("failed_title"))}</h2><ul>{errors}</ul></section>'
              if errors else "")
    d = data["documents"]
    size = msg("card_size", chars=f"{d['chars']:,}", hours=d["hours"])
    cards = "".join(f'<div class="card"><b>{value}</b>{esc(text)}</div>' for value, text in (
        (d["done"], msg("card_documents")), (data["findings"], msg("card_findings")),
        (d["failed"], msg("card_failed")), (f"{d['bytes'] / 1e6:.1f} MB", size),
        (sum(data["patterns_by_rule"].values()), msg("card_patterns"))))
    return f"""<!doctype html>
<html lang="{msg("html_lang")}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="rulecheck {esc(__version__)}">
<title>{esc(msg("audit_title", n=data["findings"]))}</title>
<style>{_CSS}{BARS_CSS}</style></head>
<body><header><b>rulecheck</b> · {esc(msg("audit_tagline"))} · v{esc(__version__)}</header>
<main>
<div class="cards">{cards}</div>
<div class="grid">{charts}</div>
{_risk(data, ids["anchor"], msg)}
<section class="patterns"><h2>{esc(msg("patterns_title"))}</h2>{_patterns(data, msg)}</section>
{failed}
<div class="drill"><h2>{esc(msg("drill_title"))}</h2>
{drill}
</div>
</main></body></html>
"""
