"""A finding's fix from its rule's replacements: the first drop-in phrase, typed.

Only a span whose words lie together in the file gets a fix (a match joined across
two transcript cues would take the timing lines with it).
"""

from __future__ import annotations

from rulecheck.model import Edit, Fix
from rulecheck.rulebook.rule import Replacements


def span_fix(replace: Replacements, start: int, end: int, matched: str) -> Fix | None:
    """Safe when a safe phrase fits ``matched``, else unsafe; None when none fits."""
    for applicability, phrase in replace.for_text(matched):
        if phrase != matched:
            return Fix(applicability, _message(matched, phrase), [Edit(start, end, phrase)])
    return None


def suggestions(replace: Replacements, matched: str) -> list[str]:
    """The phrases that fit ``matched``, safe first (the report's chips)."""
    return [phrase for _, phrase in replace.for_text(matched) if phrase != matched]


def _message(matched: str, phrase: str) -> str:
    return f"Remove “{matched}”" if not phrase else f"Replace “{matched}” with “{phrase}”"
