"""A finding's fix from its rule's replacements: the first drop-in phrase, typed.

Only a span whose words lie together in the file gets a fix (a match joined across
two transcript cues would take the timing lines with it).
"""

from __future__ import annotations

from rulecheck.model import Edit, Fix
from rulecheck.rulebook.rule import Replacements, clause_span


def span_fix(replace: Replacements, start: int, end: int, matched: str,
             text: str | None = None) -> Fix | None:
    """Safe when a safe entry fits ``matched``, else unsafe; None when none fits. A
    clause deletion needs the document's ``text`` to find the clause."""
    for applicability, entries in (("safe", replace.safe), ("unsafe", replace.unsafe)):
        for entry in entries:
            phrase = entry.render(matched)
            if phrase is None:
                continue
            if entry.clause:
                if text is None:
                    continue
                lo, hi = clause_span(text, start, end)
                shown = text[lo:hi].rstrip("\r\n")  # an emptied line goes too; say so
                where = " and its line" if len(shown) < hi - lo else ""
                return Fix(applicability, f"Delete “{shown}”{where}", [Edit(lo, hi, "")])
            if phrase != matched:
                return Fix(applicability, _message(matched, phrase), [Edit(start, end, phrase)])
    return None


def suggestions(replace: Replacements, matched: str) -> list[str]:
    """The phrases that fit ``matched``, safe first (the report's chips); a clause
    deletion is a fix, not a phrase to put in place of the words."""
    return [phrase for _, phrase in replace.for_text(matched) if phrase != matched]


def _message(matched: str, phrase: str) -> str:
    return f"Remove “{matched}”" if not phrase else f"Replace “{matched}” with “{phrase}”"
