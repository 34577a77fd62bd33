"""The HTML report: one self-contained page to read, filter and share.

Everything is inline (CSS, JS, an SVG chart) and a Content-Security-Policy forbids
loading anything else, so the file can be mailed to a brand or archived with an audit
and opens the same way offline. All text from inputs and rules is escaped; the script
reads only the page's own data attributes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from rulecheck.model import CATEGORIES, Document, FileResult, Finding
from rulecheck.reports.assets import PAGE_CSS, PAGE_JS
from rulecheck.reports.common import (
    CATEGORY_LABELS,
    SEVERITY_ORDER,
    clock,
    display_text,
    sorted_findings,
    summarize,
    time_range,
)
from rulecheck.reports.highlight import Highlighter, Span
from rulecheck.rulebook.rule import Rule

#: The Content-Security-Policy of every self-contained HTML report: nothing is fetched.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")
CATEGORY_COLORS: dict[str, str] = {
    "ecommerce": "#7c3aed", "consumer_rights": "#0891b2", "unfair_competition": "#db2777",
    "product_quality": "#4d7c0f", "food_safety": "#ea580c", "advertising": "#dc2626",
    "pricing": "#2563eb",
}
_FALLBACK_COLOR = "#64748b"


def e(value: object) -> str:
    """Escape for text and attribute values alike."""
    return escape(str(value), quote=True)


def _cat_class(category: str) -> str:
    return "cat-" + "".join(c if c.isalnum() or c == "_" else "-" for c in category)


def _sev_class(severity: str) -> str:
    return "sev-" + "".join(c if c.isalnum() else "-" for c in severity)


# ---------------------------------------------------------------- transcript


def _located(doc: Document, f: Finding) -> bool:
    return 0 <= f.start < f.end <= len(doc.text) and doc.text[f.start:f.end] == f.text


@dataclass
class _Row:
    """One transcript row: the stretches of the original text it shows, and its gutter."""

    pieces: list[tuple[int, int]]
    gutter: str
    speaker: str = ""


def _line_rows(text: str) -> list[_Row]:
    rows, pos = [], 0
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":  # the newline ending the last line
        lines.pop()
    for number, line in enumerate(lines, start=1):
        rows.append(_Row([(pos, pos + len(line.rstrip("\r")))], str(number)))
        pos += len(line) + 1
    return rows


def _rows(doc: Document, findings: Sequence[Finding]) -> tuple[list[_Row], bool]:
    """The rows to show, and whether their gutters hold times.

    Transcripts and tables are shown segment by segment, which hides the SRT numbering,
    JSON keys or CSV syntax around the words; pieces of one segment (a CSV cell cut by
    escaped quotes) share a row. If a finding lies outside every segment, the text is
    shown line by line instead, so that nothing is lost.
    """
    rows: list[_Row] = []
    last_index: int | None = None
    timed = doc.timed
    for s in doc.segments:
        if s.end <= s.start:
            continue
        if rows and s.index == last_index:
            rows[-1].pieces.append((s.start, s.end))
            continue
        last_index = s.index
        if timed:
            gutter = clock(s.start_time) if s.start_time is not None else ""
        else:
            gutter = str(doc.text.count("\n", 0, s.start) + 1)
        rows.append(_Row([(s.start, s.end)], gutter, s.speaker or ""))
    if rows and all(any(a < f.end and f.start < b for row in rows for a, b in row.pieces)
                    for f in findings):
        return rows, timed
    return _line_rows(doc.text), False


def _transcript(doc: Document, findings: Sequence[Finding], keys: Mapping[int, str]) -> str:
    located = [f for f in findings if _located(doc, f)]
    spans = [Span(key=keys[id(f)], start=f.start, end=f.end,
                  classes=f"finding {_sev_class(f.severity)} {_cat_class(f.category)}",
                  attrs=(("data-rule", f.rule), ("data-category", f.category),
                         ("data-severity", f.severity), ("title", f"{f.rule} · {f.message}")))
             for f in located]
    hl = Highlighter(doc.text, spans)
    rows, timed = _rows(doc, located)
    out = [f'<div class="transcript{" timed" if timed else ""}">']
    for row in rows:
        who = f'<span class="spk">{e(row.speaker)}</span>' if row.speaker else ""
        text = "".join(hl.row(a, b) for a, b in row.pieces)
        out.append(f'<div class="row"><span class="gut">{e(row.gutter)}{who}</span>'
                   f'<span class="txt">{text}</span></div>')
    out.append("</div>")
    return "".join(out)


# ---------------------------------------------------------------- finding list


def _item(f: Finding, key: str, located: bool, shown: str) -> str:
    color = CATEGORY_COLORS.get(f.category, _FALLBACK_COLOR)
    where = f"L{f.line}:{f.column}"
    loc = (f'<a class="loc" href="#m-{e(key)}">{e(where)}</a>' if located
           else f'<span class="loc" title="not located in the text">{e(where)}</span>')
    when = time_range(f)
    speaker = f.segment.speaker if f.segment is not None else None
    parts = [
        f'<li class="item {_sev_class(f.severity)} {_cat_class(f.category)}" id="{e(key)}" '
        f'data-finding="{e(key)}" data-rule="{e(f.rule)}" data-category="{e(f.category)}" '
        f'data-severity="{e(f.severity)}" style="--c:{color}">',
        '<div class="top">',
        f'<span class="badge {_sev_class(f.severity)}">{e(f.severity)}</span>',
        f'<code class="rule">{e(f.rule)}</code>',
        f'<span class="cat">{e(CATEGORY_LABELS.get(f.category, f.category))}</span>',
        loc,
    ]
    if when or speaker:
        parts.append(f'<span class="when">{e(" · ".join(x for x in (when, speaker) if x))}'
                     "</span>")
    parts.append("</div>")
    parts.append(f'<h3>{e(f.title)}</h3>')
    parts.append(f'<p class="quote"><q>{e(shown)}</q></p>')
    parts.append(f'<p class="msg">{e(f.message)}</p>')
    parts.append(f'<p class="law"><span class="lbl">Law</span> {e(f.law)}</p>')
    for rel in f.related:
        parts.append(f'<p class="law also"><span class="lbl">Also</span> '
                     f'<code>{e(rel.get("rule", ""))}</code> {e(rel.get("law", ""))}</p>')
    if f.suggestions:
        fixed = f.fix.edits[0].content if f.fix and f.fix.applicability == "safe" \
            and f.fix.edits else None
        parts.append('<div class="sugs"><span class="lbl">Say instead</span>')
        for s in f.suggestions:
            kind = ' fix" title="safe automatic fix' if s == fixed else ""
            parts.append(f'<span class="sug{kind}">{e(s) or "∅"}</span>')
        parts.append("</div>")
    for tip in f.advice:
        parts.append(f'<p class="note advice">{e(tip)}</p>')
    for note in f.notes:
        parts.append(f'<p class="note">{e(note)}</p>')
    parts.append("</li>")
    return "".join(parts)


def _file_section(result: FileResult, index: int, keys: Mapping[int, str]) -> str:
    findings = sorted_findings(result.findings)
    doc = result.document
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    pills = "".join(f'<span class="pill {_sev_class(s)}">{n} {e(s)}</span>'
                    for s, n in counts.items() if n)
    meta = []
    if doc is not None:
        meta.append(doc.input_format)
        if doc.encoding:
            meta.append(doc.encoding)
        if doc.timed:
            meta.append("timed")
    head = (f'<header class="file-head"><h2 title="{e(result.path)}">{e(result.path)}</h2>'
            f'<span class="meta">{e(" · ".join(meta))}</span>'
            f'<span class="count" data-total="{len(findings)}">{len(findings)} finding'
            f'{"" if len(findings) == 1 else "s"}</span>{pills}</header>')
    if doc is None:
        body = '<p class="empty">The source text is not part of this report.</p>'
    else:
        body = _transcript(doc, findings, keys)
    located = {id(f) for f in findings if doc is not None and _located(doc, f)}
    if findings:
        items = "".join(_item(f, keys[id(f)], id(f) in located, display_text(f, doc))
                        for f in findings)
        listing = (f'<ol class="findings">{items}</ol>'
                   '<p class="none-shown" hidden>No finding matches the filters.</p>')
        return (f'<section class="file" id="file-{index}">{head}<div class="cols">'
                f'<div class="panel text-panel">{body}</div>'
                f'<div class="panel list-panel">{listing}</div></div></section>')
    return (f'<section class="file clean" id="file-{index}">{head}'
            f'<details><summary>No findings — show the text</summary>'
            f'<div class="panel text-panel">{body}</div></details></section>')


# ---------------------------------------------------------------- overview


def _chart(by_category: Mapping[str, int]) -> str:
    """Horizontal bars, one per category (all seven, so an audit shows what is clean)."""
    cats = list(CATEGORIES) + [c for c in by_category if c not in CATEGORIES]
    top = max([1, *by_category.values()])
    row_h, label_w, bar_w = 26, 190, 260
    height = row_h * len(cats) + 4
    out = [f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 50} {height}" role="img" '
           f'aria-label="Findings per category">']
    for i, cat in enumerate(cats):
        n = by_category.get(cat, 0)
        y = i * row_h + 4
        w = 0 if n == 0 else max(3, round(bar_w * n / top))
        color = CATEGORY_COLORS.get(cat, _FALLBACK_COLOR)
        label = CATEGORY_LABELS.get(cat, cat)
        out.append(f'<g class="bar {_cat_class(cat)}" data-category="{e(cat)}">'
                   f'<title>{e(cat)}: {n}</title>'
                   f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{e(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" rx="4" '
                   f'class="track"/>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="16" rx="4" '
                   f'fill="{color}"/>'
                   f'<text x="{label_w + w + 6}" y="{y + 15}" class="n">{n}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _filters(summary: Mapping[str, object]) -> str:
    by_cat: Mapping[str, int] = summary["by_category"]  # type: ignore[assignment]
    by_sev: Mapping[str, int] = summary["by_severity"]  # type: ignore[assignment]
    cats = "".join(
        f'<label class="chip" style="--c:{CATEGORY_COLORS.get(c, _FALLBACK_COLOR)}">'
        f'<input type="checkbox" data-filter="category" value="{e(c)}" checked>'
        f'<span class="dot"></span>{e(CATEGORY_LABELS.get(c, c))}'
        f'<span class="id">{e(c)}</span><span class="n">{n}</span></label>'
        for c, n in by_cat.items())
    sevs = "".join(
        f'<label class="chip {_sev_class(s)}"><input type="checkbox" data-filter="severity" '
        f'value="{e(s)}" checked><span class="dot"></span>{e(s)}<span class="n">{n}</span>'
        f'</label>' for s, n in by_sev.items())
    if not cats:
        return ""
    return (f'<div class="filters" role="group" aria-label="Filters">'
            f'<div class="fgroup"><span class="flabel">Category</span>{cats}</div>'
            f'<div class="fgroup"><span class="flabel">Severity</span>{sevs}</div></div>')


def _errors(results: Sequence[FileResult]) -> str:
    bad = [r for r in results if r.error]
    if not bad:
        return ""
    items = "".join(f'<li><code>{e(r.path)}</code> '
                    f'{e(r.error.removeprefix(r.path).removeprefix(": "))}</li>' for r in bad)
    return (f'<section class="errors"><h2>{len(bad)} input{"" if len(bad) == 1 else "s"} '
            f'could not be read</h2><ul>{items}</ul></section>')


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _category_css() -> str:
    """Per category: the colour, a light fill and a stronger fill for nested spans."""
    return "\n".join(f".{_cat_class(c)} {{ --c: {color}; --c-bg: {_rgba(color, .16)}; "
                     f"--c-strong: {_rgba(color, .32)}; }}"
                     for c, color in CATEGORY_COLORS.items())


def render_html(results: Sequence[FileResult], rules: Mapping[str, Rule],
                tool_version: str) -> str:
    summary = summarize(results)
    keys: dict[int, str] = {}
    for n, f in enumerate((f for r in results for f in r.findings), start=1):
        keys[id(f)] = f"f{n}"
    by_sev: Mapping[str, int] = summary["by_severity"]
    sev_pills = "".join(f'<span class="pill {_sev_class(s)}">{n} {e(s)}</span>'
                        for s, n in by_sev.items())
    files = "".join(_file_section(r, i, keys)
                    for i, r in enumerate((r for r in results if not r.error), start=1))
    stats = (f'<div class="stat"><b>{summary["findings"]}</b><span>findings</span></div>'
             f'<div class="stat"><b>{summary["files_with_findings"]}</b>'
             f'<span>of {summary["files"]} files flagged</span></div>'
             f'<div class="stat"><b>{len(summary["by_rule"])}</b><span>rules hit</span></div>')
    if summary["errors"]:
        stats += (f'<div class="stat bad"><b>{summary["errors"]}</b>'
                  f'<span>unreadable inputs</span></div>')
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="rulecheck {e(tool_version)}">
<title>rulecheck report · {summary["findings"]} findings</title>
<style>
{PAGE_CSS}
{_category_css()}
</style>
</head>
<body>
<header class="top-bar"><div class="brand"><b>rule<span>check</span></b>
<small>直播带货话术合规检查 · report · v{e(tool_version)}</small></div>
<div class="sev-pills">{sev_pills}</div></header>
<section class="overview">
<div class="stats">{stats}</div>
<div class="chart-box"><h2>Findings per category</h2>{_chart(summary["by_category"])}</div>
</section>
{_filters(summary)}
<main>
{_errors(results)}
{files}
</main>
<footer>rulecheck {e(tool_version)} · offsets, lines and columns refer to the original
input · every finding cites the article it breaks; a human decides.</footer>
<script>
{PAGE_JS}
</script>
</body>
</html>
"""
