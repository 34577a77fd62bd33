"""Code actions: a finding's fix, its drop-in suggestions, an inline suppression, and
every safe fix of the document at once (``source.fixAll.rulecheck``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from rulecheck import fix as fixing
from rulecheck.lsp.convert import diagnostic, text_edit
from rulecheck.lsp.positions import PositionMap
from rulecheck.lsp.project import Checked
from rulecheck.model import Finding

FIX_ALL = "source.fixAll.rulecheck"
KINDS: tuple[str, ...] = (types.CodeActionKind.QuickFix, FIX_ALL)

#: Formats with a comment syntax the suppression parser reads (suppress.py); a subtitle
#: or table has none that would not show up as text.
_COMMENTS: dict[str, str] = {"txt": "# {}", "md": "<!-- {} -->"}

#: An ``ignore[...]`` directive already on a line: add the code inside its brackets.
_IGNORE_LIST = re.compile(r"(?:#|//|<!--)[ \t]*rulecheck:[ \t]*ignore[ \t]*\[(?P<codes>[^\]\n]*)\]",
                          re.IGNORECASE)
_IGNORE_ALL = re.compile(r"(?:#|//|<!--)[ \t]*rulecheck:[ \t]*ignore\b(?![ \t]*\[)",
                         re.IGNORECASE)


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a client that asked for ``only`` kinds wants an action of ``kind``
    (``source.fixAll`` asks for ``source.fixAll.rulecheck`` too)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _workspace_edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def overlapping(findings: Sequence[Finding], start: int, end: int) -> list[Finding]:
    """The findings that touch the offsets ``start``..``end`` (a cursor touches the
    span it is in or at either end of)."""
    return [f for f in findings if f.start <= end and start <= f.end]


def quick_fixes(checked: Checked, pm: PositionMap, f: Finding) -> list[types.CodeAction]:
    """The finding's fix (preferred when safe), one action per other suggestion, and
    an action that suppresses the rule on the finding's line."""
    diag = diagnostic(f, pm, checked.rules.get(f.rule))
    out: list[types.CodeAction] = []
    fix_contents: set[str] = set()
    if f.fix is not None and f.fix.edits:
        safe = f.fix.applicability == "safe" and fixing.applicable(f, checked.input_format)
        if len(f.fix.edits) == 1 and (f.fix.edits[0].start, f.fix.edits[0].end) == (f.start,
                                                                                      f.end):
            fix_contents.add(f.fix.edits[0].content)
        title = f.fix.message if safe else f"{f.fix.message} (unsafe: review it)"
        out.append(types.CodeAction(
            title=f"{title} [{f.rule}]", kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag], is_preferred=safe or None,
            edit=_workspace_edit(checked.uri, [text_edit(pm, e.start, e.end, e.content)
                                               for e in f.fix.edits])))
    for phrase in f.suggestions:
        if phrase in fix_contents or phrase == f.text:
            continue
        out.append(types.CodeAction(
            title=f"Replace “{f.text}” with “{phrase}” [{f.rule}]",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            edit=_workspace_edit(checked.uri, [text_edit(pm, f.start, f.end, phrase)])))
    ignore = ignore_edit(checked, pm, f)
    if ignore is not None:
        out.append(types.CodeAction(
            title=f"Ignore {f.rule} on this line", kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag], edit=_workspace_edit(checked.uri, [ignore])))
    return out


def ignore_edit(checked: Checked, pm: PositionMap, f: Finding) -> types.TextEdit | None:
    """An inline ``rulecheck: ignore[RULE]`` comment at the end of the finding's first
    line, or the rule added to the one already there; None where the format has no
    comment or the line already ignores every rule."""
    template = _COMMENTS.get(checked.input_format)
    if template is None:
        return None
    line = pm.position(f.start)[0]
    start, end = pm.starts[line], pm.line_end(line)
    text = pm.text[start:end]
    if _IGNORE_ALL.search(text):
        return None
    listed = _IGNORE_LIST.search(text)
    if listed is not None:
        codes = [c.strip().upper() for c in re.split(r"[\s,，;；]+", listed.group("codes"))]
        if f.rule.upper() in codes:
            return None
        at = start + listed.end("codes")
        sep = ", " if listed.group("codes").strip() else ""
        return text_edit(pm, at, at, f"{sep}{f.rule}")
    comment = template.format(f"rulecheck: ignore[{f.rule}]")
    pad = "" if not text or text[-1].isspace() else " "
    return text_edit(pm, end, end, pad + comment)


def fix_all_action(checked: Checked, pm: PositionMap, fixed: str) -> types.CodeAction | None:
    """One edit that turns the document into ``fixed``: the changed stretch only, so
    the cursor and undo history outside it are left alone."""
    original = checked.text
    if fixed == original:
        return None
    start = 0
    limit = min(len(original), len(fixed))
    while start < limit and original[start] == fixed[start]:
        start += 1
    tail = 0
    while (tail < limit - start
           and original[len(original) - 1 - tail] == fixed[len(fixed) - 1 - tail]):
        tail += 1
    end = len(original) - tail
    # never cut a \r\n in two: a position between them is not one the protocol has
    if 0 < start <= len(original) - 1 and original[start - 1] == "\r" and original[start] == "\n":
        start -= 1
    if 0 < end < len(original) and original[end - 1] == "\r" and original[end] == "\n":
        end += 1
        tail -= 1
    new_text = fixed[start:len(fixed) - tail]
    return types.CodeAction(
        title="Fix all safe rulecheck findings", kind=FIX_ALL,
        edit=_workspace_edit(checked.uri, [text_edit(pm, start, end, new_text)]))
