"""Report renderers: every output format takes the same FileResults and rules."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rulecheck.model import FileResult
from rulecheck.rulebook.rule import Rule

FORMATS: tuple[str, ...] = ("text", "json", "jsonl")


def summarize(results: Sequence[FileResult]) -> dict[str, Any]:
    findings = [f for r in results for f in r.findings]
    return {
        "files": sum(1 for r in results if r.error is None),
        "files_with_findings": sum(1 for r in results if r.findings),
        "errors": sum(1 for r in results if r.error is not None),
        "findings": len(findings),
        "by_severity": dict(Counter(f.severity for f in findings)),
        "by_category": dict(Counter(f.category for f in findings)),
        "by_rule": dict(Counter(f.rule for f in findings)),
    }


def _errors(results: Sequence[FileResult]) -> list[dict[str, str]]:
    return [{"path": r.path, "message": r.error} for r in results if r.error]


def _json(results: Sequence[FileResult], tool_version: str) -> str:
    doc = {"version": tool_version, "summary": summarize(results),
           "findings": [f.to_dict() for r in results for f in r.findings],
           "errors": _errors(results)}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _jsonl(results: Sequence[FileResult]) -> str:
    lines = [json.dumps(f.to_dict(), ensure_ascii=False) for r in results for f in r.findings]
    lines += [json.dumps({"type": "error", **e}, ensure_ascii=False) for e in _errors(results)]
    return "\n".join(lines)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _text(results: Sequence[FileResult], color: bool, show_source: bool,
          statistics: bool) -> str:
    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, width=100,
                      highlight=False, soft_wrap=True)
    style = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
    for r in results:
        for f in r.findings:
            head = Text(f"{f.path}:{f.line}:{f.column}  ")
            head.append(f.severity.upper(), style=style[f.severity])
            head.append(f"  {f.rule}  [{f.category}]  {f.message}")
            console.print(head)
            if show_source and f.context:
                i = f.context.find(f.text)
                line = Text("    " + f.context)
                if i >= 0:
                    line.stylize(f"underline {style[f.severity]}", 4 + i, 4 + i + len(f.text))
                console.print(line)
            console.print(f"    law: {f.law}")
            if f.suggestions:
                console.print("    suggest: " + " / ".join(f.suggestions))
            if f.segment is not None and f.segment.start_time is not None:
                who = f"  {f.segment.speaker}" if f.segment.speaker else ""
                console.print(f"    at: {_clock(f.segment.start_time)}–"
                              f"{_clock(f.segment.end_time)}{who}")
            for note in f.notes:
                console.print(f"    note: {note}")
    summary = summarize(results)
    for e in _errors(results):
        console.print(f"error: {e['message']}")
    if statistics and summary["by_rule"]:
        for rule, n in sorted(summary["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            console.print(f"{n:6d}  {rule}")
    cats = ", ".join(f"{c} {n}" for c, n in sorted(summary["by_category"].items()))
    sev = ", ".join(f"{n} {s}" for s, n in sorted(summary["by_severity"].items()))
    console.print(f"{summary['findings']} finding(s) in {summary['files']} file(s)"
                  + (f": {sev}" if sev else "") + (f" ({cats})" if cats else ""))
    return buf.getvalue()


def render(fmt: str, results: Sequence[FileResult], rules: Mapping[str, Rule], *,
           color: bool = False, show_source: bool = True, statistics: bool = False,
           tool_version: str = "0.1.0") -> str:
    if fmt == "json":
        return _json(results, tool_version)
    if fmt == "jsonl":
        return _jsonl(results)
    if fmt == "text":
        return _text(results, color, show_source, statistics)
    raise ValueError(f"unknown format {fmt!r}")
