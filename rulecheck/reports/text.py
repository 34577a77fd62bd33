"""The terminal report: findings grouped by file, each with its sentence, law and rewrite.

Rendered with rich into a string so the same code serves a colour terminal, a pipe
(no ANSI codes at all) and `--output report.txt`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rulecheck.model import FileResult, Finding
from rulecheck.reports.common import (
    CATEGORY_LABELS,
    context_span,
    errors,
    sorted_findings,
    summarize,
    time_range,
)
from rulecheck.rulebook.rule import Rule
from rulecheck.safetext import for_terminal as shown

SEVERITY_STYLE: dict[str, str] = {"error": "bold red", "warning": "bold yellow",
                                  "info": "bold blue"}
_INDENT = "    "


def _style(severity: str) -> str:
    return SEVERITY_STYLE.get(severity, "bold")


def _finding(console: Console, f: Finding, result: FileResult, show_source: bool) -> None:
    head = Text(f"{shown(f.path)}:{f.line}:{f.column}  ")
    head.append(f.severity.upper(), style=_style(f.severity))
    head.append(f"  {f.rule}  ")
    head.append(f"[{f.category}]", style="cyan")
    head.append(f"  {shown(f.message)}")
    console.print(head)
    if show_source and f.context:
        span = context_span(f, result.document)
        if span is not None and 0 <= span[0] <= span[1] <= len(f.context):
            # escape each part alone, so the underline stays under the escaped words
            a, b = span
            before, hit = shown(f.context[:a]), shown(f.context[a:b])
            line = Text(_INDENT + before + hit + shown(f.context[b:]))
            line.stylize(f"underline {_style(f.severity).replace('bold ', '')}",
                         len(_INDENT) + len(before), len(_INDENT) + len(before) + len(hit))
        else:
            line = Text(_INDENT + shown(f.context))
        console.print(line)
    _field(console, "law", f.law)
    for rel in f.related:
        _field(console, "also", f"{rel.get('rule', '')} [{rel.get('category', '')}] "
                                f"{rel.get('law', '')}".strip())
    if f.fix is not None:
        _field(console, "fix", f"{f.fix.message} ({f.fix.applicability})")
    if f.suggestions:
        _field(console, "suggest", " / ".join(s or "∅" for s in f.suggestions))
    for tip in f.advice:
        _field(console, "advice", tip)
    when = time_range(f)
    speaker = f.segment.speaker if f.segment is not None else None
    where = place(f.segment.location) if f.segment is not None else None
    if when or speaker or where:
        _field(console, "at", "  ".join(x for x in (where, when, speaker) if x))
    for note in f.notes:
        _field(console, "note", note)


def place(location: Mapping[str, Any] | None) -> str | None:
    """Where a segment sits in its source, as its user would say it: Sheet1!B7, page 3,
    slide 2 (notes)."""
    if not location:
        return None
    loc = dict(location)
    if "cell" in loc or ("row" in loc and "column" in loc and "slide" not in loc):
        cell = loc.get("cell") or f"{loc['column']}{loc['row']}"
        sheet = loc.get("sheet")
        if sheet is None:
            return f"row {loc['row']}, column {loc['column']}"
        sheet = str(sheet)
        quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
        return f"{quoted}!{cell}"
    if "slide" in loc:
        where = f"slide {loc['slide']}"
        if loc.get("notes"):
            return where + " (speaker notes)"
        if loc.get("shape"):
            where += f", {loc['shape']}"
        if "row" in loc and "column" in loc:
            where += f" row {loc['row']} column {loc['column']}"
        return where
    return ", ".join(f"{k} {v}" for k, v in loc.items())


def _field(console: Console, name: str, value: str) -> None:
    line = Text(_INDENT)
    line.append(f"{name}:", style="dim")
    line.append(f" {shown(value)}")
    console.print(line)


def _summary(console: Console, results: Sequence[FileResult], statistics: bool,
             rules: Mapping[str, Rule]) -> None:
    s = summarize(results)
    if statistics and s["by_rule"]:
        table = Table(title="findings per rule", title_justify="left", show_edge=False)
        table.add_column("count", justify="right")
        table.add_column("rule")
        table.add_column("category")
        table.add_column("title")
        for rule_id, n in sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            rule = rules.get(rule_id)
            table.add_row(str(n), shown(rule_id), rule.category if rule else "",
                          shown(rule.title) if rule else "")
        console.print(table)
    if s["by_category"]:
        cats = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 2))
        for _ in range(4):
            cats.add_column()
        for cat, n in s["by_category"].items():
            sev = {x: 0 for x in s["by_severity"]}
            for f in (f for r in results for f in r.findings if f.category == cat):
                sev[f.severity] += 1
            parts = ", ".join(f"{v} {k}" for k, v in sev.items() if v)
            cats.add_row(cat, CATEGORY_LABELS.get(cat, ""), str(n), f"({parts})")
        console.print(cats)
    sev = ", ".join(f"{n} {k}" for k, n in s["by_severity"].items())
    tail = Text(f"{s['findings']} finding(s) in {s['files']} file(s)")
    if sev:
        tail.append(f": {sev}")
    if s["errors"]:
        tail.append(f"; {s['errors']} input(s) could not be read", style="bold red")
    console.print(tail)


def render_text(results: Sequence[FileResult], rules: Mapping[str, Rule], *,
                color: bool = False, show_source: bool = True,
                statistics: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=100,
                      highlight=False, soft_wrap=True, emoji=False, markup=False,
                      color_system="standard" if color else None)
    first = True
    for r in results:
        if not r.findings:
            continue
        if not first:
            console.print()
        first = False
        for f in sorted_findings(r.findings):
            _finding(console, f, r, show_source)
    for e in errors(results):
        # reader messages usually start with the path already
        where = "" if e["message"].startswith(e["path"]) else f"{e['path']}: "
        line = Text(shown(where))
        line.append("ERROR", style="bold red")
        line.append(f"  {shown(e['message'])}")
        console.print(line)
    if not first or errors(results):
        console.print()
    _summary(console, results, statistics, rules)
    out = buf.getvalue()
    if not color:  # tables pad their cells; plain text has no use for trailing blanks
        out = "\n".join(line.rstrip() for line in out.split("\n"))
    return out
