"""The HTML report: one self-contained page to read, filter and share.

Everything is inline (CSS, JS, the category chart) and a Content-Security-Policy
forbids loading anything else, so the file can be mailed to a brand or archived with an
audit and opens the same way offline. All text from inputs and rules is escaped; the
script reads only the page's own data. The page speaks Chinese or English
(reports/locale.py decides which; reports/messages.py holds the words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from rulecheck import categories
from rulecheck.categories import CATEGORIES
from rulecheck.model import FileResult
from rulecheck.reports.assets import PAGE_CSS, PAGE_JS
from rulecheck.reports.bars import BARS_CSS, Bar, bar_chart
from rulecheck.reports.common import (
    SEVERITY_ORDER,
    SegmentIndex,
    display_text,
    sorted_findings,
    summarize,
)
from rulecheck.reports.findinglist import RuleDefs, e, render_item, render_rule_table
from rulecheck.reports.locale import resolve
from rulecheck.reports.messages import Messages, messages
from rulecheck.reports.transcript import cat_class, located, render_transcript, sev_class
from rulecheck.rulebook.rule import Rule

#: The Content-Security-Policy of every self-contained HTML report: nothing is fetched.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def _file_section(result: FileResult, index: int, keys: Mapping[int, str], msg: Messages,
                  defs: RuleDefs, shown: Mapping[int, str]) -> str:
    findings = sorted_findings(result.findings)
    doc = result.document
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    pills = "".join(f'<span class="pill {sev_class(s)}">{n} {e(msg.severity(s))}</span>'
                    for s, n in counts.items() if n)
    meta = []
    if doc is not None:
        meta.append(doc.input_format)
        if doc.encoding:
            meta.append(doc.encoding)
        if doc.timed:
            meta.append(msg("timed"))
    head = (f'<header class="file-head"><h2 title="{e(result.path)}">{e(result.path)}</h2>'
            f'<span class="meta">{e(" · ".join(meta))}</span>'
            f'<span class="count" data-total="{len(findings)}">'
            f'{e(msg.count("count", len(findings)))}</span>{pills}</header>')
    if doc is None:
        body = f'<p class="empty">{e(msg("no_source"))}</p>'
    else:
        body = render_transcript(doc, findings, keys)
    if findings:
        items = "".join(
            render_item(f, keys[id(f)], doc is not None and located(doc, f), shown[id(f)],
                        msg, defs.of(f))
            for f in findings)
        listing = (f'<ol class="findings">{items}</ol>'
                   f'<p class="none-shown" hidden>{e(msg("none_shown"))}</p>')
        return (f'<section class="file" id="file-{index}">{head}<div class="cols">'
                f'<div class="panel text-panel">{body}</div>'
                f'<div class="panel list-panel">{listing}</div></div></section>')
    return (f'<section class="file clean" id="file-{index}">{head}'
            f'<details><summary>{e(msg("clean"))}</summary>'
            f'<div class="panel text-panel">{body}</div></details></section>')


def _chart(by_category: Mapping[str, int], msg: Messages) -> str:
    """One bar per category (all seven, so a report shows what is clean)."""
    cats = list(CATEGORIES) + [c for c in by_category if c not in CATEGORIES]
    bars = []
    for cat in cats:
        n = by_category.get(cat, 0)
        label = msg.category(cat)
        bars.append(Bar(label=label, count=n, color=categories.color(cat),
                        title=f"{label} · {cat}: {n}", classes=cat_class(cat),
                        attrs=(("data-category", cat),)))
    return bar_chart(bars, label=msg("chart_title"), empty=msg("none"))


def _filters(summary: Mapping[str, object], msg: Messages) -> str:
    by_cat: Mapping[str, int] = summary["by_category"]  # type: ignore[assignment]
    by_sev: Mapping[str, int] = summary["by_severity"]  # type: ignore[assignment]
    cats = "".join(
        f'<label class="chip {cat_class(c)}" title="{e(c)}">'
        f'<input type="checkbox" data-filter="category" value="{e(c)}" '
        f'data-class="{cat_class(c)}" checked>'
        f'<span class="dot"></span>{e(msg.category(c))}<span class="n">{n}</span></label>'
        for c, n in by_cat.items())
    sevs = "".join(
        f'<label class="chip {sev_class(s)}"><input type="checkbox" data-filter="severity" '
        f'value="{e(s)}" data-class="{sev_class(s)}" checked><span class="dot"></span>'
        f'{e(msg.severity(s))}<span class="n">{n}</span></label>' for s, n in by_sev.items())
    if not cats:
        return ""
    return (f'<div class="filters" role="group" aria-label="{e(msg("filters"))}">'
            f'<div class="fgroup"><span class="flabel">{e(msg("filter_category"))}</span>'
            f'{cats}</div><div class="fgroup"><span class="flabel">'
            f'{e(msg("filter_severity"))}</span>{sevs}</div></div>')


def _errors(results: Sequence[FileResult], msg: Messages) -> str:
    bad = [r for r in results if r.error]
    if not bad:
        return ""
    items = "".join(f'<li><code>{e(r.path)}</code> '
                    f'{e(r.error.removeprefix(r.path).removeprefix(": "))}</li>' for r in bad)
    return (f'<section class="errors"><h2>{e(msg.count("unreadable", len(bad)))}</h2>'
            f'<ul>{items}</ul></section>')


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _category_css(extra: Sequence[str]) -> str:
    """Per category: the colour, a light fill and a stronger fill for nested spans."""
    return "\n".join(
        f".{cat_class(c)} {{ --c: {categories.color(c)}; "
        f"--c-bg: {_rgba(categories.color(c), .16)}; "
        f"--c-strong: {_rgba(categories.color(c), .32)}; }}"
        for c in [*CATEGORIES, *(x for x in extra if x not in CATEGORIES)])


def report_locale(results: Sequence[FileResult], locale: str | None) -> str:
    """``locale``, else the environment's Chinese, else the documents' language."""
    return resolve(locale, texts=[r.document.text for r in results if r.document is not None],
                   rules=Counter(f.rule for r in results for f in r.findings))


def render_html(results: Sequence[FileResult], rules: Mapping[str, Rule],
                tool_version: str, locale: str | None = None) -> str:
    msg = messages(report_locale(results, locale))
    summary = summarize(results)
    keys: dict[int, str] = {}
    all_findings = [f for r in results for f in r.findings]
    for n, f in enumerate(all_findings, start=1):
        keys[id(f)] = f"f{n}"
    shown = {id(f): display_text(f, r.document, index)
             for r, index in ((r, SegmentIndex(r.document) if r.document else None)
                              for r in results)
             for f in r.findings}
    defs = RuleDefs([(f, shown[id(f)]) for f in all_findings])
    by_sev: Mapping[str, int] = summary["by_severity"]
    sev_pills = "".join(f'<span class="pill {sev_class(s)}">{n} {e(msg.severity(s))}</span>'
                        for s, n in by_sev.items())
    files = "".join(_file_section(r, i, keys, msg, defs, shown)
                    for i, r in enumerate((r for r in results if not r.error), start=1))
    stats = (f'<div class="stat"><b>{summary["findings"]}</b>'
             f'<span>{e(msg("stat_findings"))}</span></div>'
             f'<div class="stat"><b>{summary["files_with_findings"]}</b>'
             f'<span>{e(msg("stat_flagged", files=summary["files"]))}</span></div>'
             f'<div class="stat"><b>{len(summary["by_rule"])}</b>'
             f'<span>{e(msg("stat_rules"))}</span></div>')
    if summary["errors"]:
        stats += (f'<div class="stat bad"><b>{summary["errors"]}</b>'
                  f'<span>{e(msg("stat_unreadable"))}</span></div>')
    return f"""<!doctype html>
<html lang="{msg("html_lang")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="rulecheck {e(tool_version)}">
<title>{e(msg("check_title", n=summary["findings"]))}</title>
<style>
{PAGE_CSS}
{BARS_CSS}
{_category_css(list(summary["by_category"]))}
</style>
</head>
<body>
<header class="top-bar"><div class="brand"><b>rule<span>check</span></b>
<small>{e(msg("check_tagline"))} · v{e(tool_version)}</small></div>
<div class="sev-pills">{sev_pills}</div></header>
<section class="overview">
<div class="stats">{stats}</div>
<div class="chart-box card"><h2>{e(msg("chart_title"))}</h2>
{_chart(summary["by_category"], msg)}</div>
</section>
{_filters(summary, msg)}
<main>
{_errors(results, msg)}
{files}
{render_rule_table(defs, msg)}
</main>
<footer>rulecheck {e(tool_version)} · {e(msg("footer"))}</footer>
<script>
var MSG = {msg.js()};
{PAGE_JS}
</script>
</body>
</html>
"""
