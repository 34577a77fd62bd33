"""A finding's fix from its rule's replacements: the first drop-in phrase, typed.

Only a span whose words lie together in the file gets a fix (a match joined across
two transcript cues would take the timing lines with it).
"""

from __future__ import annotations

from rulecheck.model import Edit, Fix
from rulecheck.rulebook.rule import Replacements


def span_fix(replace: Replacements, start: int, end: int, matched: str) -> Fix | None:
    """Safe when the rule has a safe phrase, else unsafe; None when there is nothing to put."""
    for applicability, phrases in (("safe", replace.safe), ("unsafe", replace.unsafe)):
        for phrase in phrases:
            if phrase != matched:
                return Fix(applicability, _message(matched, phrase), [Edit(start, end, phrase)])
    return None


def _message(matched: str, phrase: str) -> str:
    return f"Remove “{matched}”" if not phrase else f"Replace “{matched}” with “{phrase}”"
