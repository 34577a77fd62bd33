"""The text of a reviewer's comment on one finding, in the language of its rule.

One paragraph per line: the rule id, title and severity; the law; the message;
drop-in replacements; advice; and, when the fix went in as a tracked change, a line
saying so (the reviewer accepts or rejects it beside the comment).
"""

from __future__ import annotations

from collections.abc import Mapping

from rulecheck.model import Finding
from rulecheck.rulebook.rule import Rule

_LABELS = {
    "zh": {"law": "依据", "suggestions": "可改为", "advice": "建议", "delete": "删去",
           "tracked": "已作为修订写入", "sep": "：", "list": "；", "open": "（", "close": "）"},
    "en": {"law": "Law", "suggestions": "Suggestions", "advice": "Advice", "delete": "(delete)",
           "tracked": "Written as a tracked change", "sep": ": ", "list": "; ",
           "open": " (", "close": ")"},
}


def language(f: Finding, rules: Mapping[str, Rule]) -> str:
    """``zh`` or ``en``: the rule's language, else what its id says (AD-EN-001)."""
    rule = rules.get(f.rule)
    lang = rule.lang if rule is not None else ("en" if "-EN-" in f.rule.upper() else "zh")
    return lang if lang in _LABELS else "zh"


def comment_text(f: Finding, rules: Mapping[str, Rule], tracked: str | None = None) -> str:
    """The comment for ``f``; ``tracked`` is the replacement written as a tracked change."""
    lab = _LABELS[language(f, rules)]
    lines = [f"{f.rule} {f.title}{lab['open']}{f.severity}{lab['close']}"]
    if f.law:
        lines.append(f"{lab['law']}{lab['sep']}{f.law}")
    if f.message:
        lines.append(f.message)
    if f.suggestions:
        lines.append(f"{lab['suggestions']}{lab['sep']}"
                     + lab["list"].join(s or lab["delete"] for s in f.suggestions))
    if f.advice:
        lines.append(f"{lab['advice']}{lab['sep']}" + lab["list"].join(f.advice))
    if tracked is not None:
        lines.append(f"{lab['tracked']}{lab['sep']}“{tracked}”" if tracked
                     else f"{lab['tracked']}{lab['sep']}{lab['delete']}")
    return "\n".join(" ".join(line.split()) for line in lines)
