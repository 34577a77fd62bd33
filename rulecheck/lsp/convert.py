"""Findings as the protocol's diagnostics and hover text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lsprotocol import types

from rulecheck.lsp.positions import PositionMap
from rulecheck.lsp.project import Checked
from rulecheck.model import Finding
from rulecheck.rulebook.rule import Rule

SOURCE = "rulecheck"

SEVERITY: dict[str, types.DiagnosticSeverity] = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(pm: PositionMap, start: int, end: int) -> types.Range:
    (sl, sc), (el, ec) = pm.position(start), pm.position(end)
    return types.Range(types.Position(sl, sc), types.Position(el, ec))


def text_edit(pm: PositionMap, start: int, end: int, content: str) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(pm, start, end), new_text=content)


def finding_data(f: Finding, pm: PositionMap) -> dict[str, Any]:
    """What a client needs to act on a diagnostic without asking again: the span, the
    typed fix with its edits as ranges, the drop-in suggestions and the advice."""
    fix = None
    if f.fix is not None:
        fix = {"applicability": f.fix.applicability, "message": f.fix.message,
               "edits": [{"range": _plain(lsp_range(pm, e.start, e.end)),
                          "newText": e.content} for e in f.fix.edits]}
    return {"rule": f.rule, "category": f.category, "text": f.text,
            "offsets": [f.start, f.end], "suggestions": list(f.suggestions),
            "advice": list(f.advice), "fix": fix}


def _plain(r: types.Range) -> dict[str, dict[str, int]]:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def diagnostic(f: Finding, pm: PositionMap, rule: Rule | None = None) -> types.Diagnostic:
    message = f"{f.message} — {f.law}" if f.law else f.message
    link = rule.link if rule is not None else None
    return types.Diagnostic(
        range=lsp_range(pm, f.start, f.end),
        message=message,
        severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Information),
        code=f.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        data=finding_data(f, pm),
    )


def error_diagnostic(checked: Checked, pm: PositionMap) -> types.Diagnostic:
    """The one diagnostic of a document that could not be checked, on the line the
    error names (a configuration error sits on the first line and links to the file)."""
    line = min(checked.error_line or 0, pm.line_count - 1)
    related = None
    if checked.error_source is not None:
        from pygls.uris import from_fs_path

        path, at = checked.error_source
        where = types.Range(types.Position(at, 0), types.Position(at, 0))
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=from_fs_path(path) or path, range=where),
            message="configuration")]
    config = checked.error_kind == "config"
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0),
                          types.Position(*pm.position(pm.line_end(line)))),
        message=checked.error or "",
        severity=types.DiagnosticSeverity.Error if config else types.DiagnosticSeverity.Warning,
        code="config-error" if config else "input-error",
        source=SOURCE,
        related_information=related,
    )


def diagnostics(checked: Checked, pm: PositionMap) -> list[types.Diagnostic]:
    if checked.error is not None:
        return [error_diagnostic(checked, pm)]
    return [diagnostic(f, pm, checked.rules.get(f.rule)) for f in checked.findings]


def at(findings: Sequence[Finding], offset: int) -> list[Finding]:
    """The findings whose span holds ``offset`` (an empty span: its start)."""
    return [f for f in findings if f.start <= offset < f.end or f.start == f.end == offset]


def hover_markdown(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    """Markdown for the findings under the cursor: what, under which law, why, and
    what to say instead."""
    return "\n\n---\n\n".join(_one(f, rules.get(f.rule)) for f in findings)


def _one(f: Finding, rule: Rule | None) -> str:
    title = f"**{_md(f.title)}** `{f.rule}` · {f.severity} · {f.category}"
    parts = [title, _md(f.message)]
    if f.law:
        parts.append(f"**Law:** {_md(f.law)}")
    if rule is not None and rule.description.strip():
        parts.append(_md(" ".join(rule.description.split())))
    if f.suggestions:
        parts.append("**Say instead:** " + " · ".join(f"“{_md(s)}”" for s in f.suggestions))
    if f.advice:
        parts.append("**Advice:**\n" + "\n".join(f"- {_md(a)}" for a in f.advice))
    if f.notes:
        parts.append("*" + _md("; ".join(f.notes)) + "*")
    if rule is not None and rule.link:
        parts.append(f"[{f.rule}]({rule.link})")
    return "\n\n".join(parts)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """Text shown as written, not as Markdown."""
    return text.translate(_MD_SPECIAL)
