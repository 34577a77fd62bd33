"""Run-sheet notes and stage directions: text for the crew, not words said to buyers.

A line that opens with a bracketed label such as 【场控】, 【备注】 or [Note] is a note to its
end; a parenthesis or bracket that opens with such a label and a colon, such as
(镜头外：…) or [off camera: …], is a note to its closing mark. 【口播】 and [Script] are
speech and are not labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rulecheck.lazyre import LazyPattern


def note_pattern(labels: Iterable[str]) -> LazyPattern | None:
    """One pattern for both forms of note over normalized (NFKC, lower-cased) text,
    compiled when a text first has a bracket (most have none)."""
    words = sorted({w.strip().lower() for w in labels if w.strip()}, key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in words)
    line_note = rf"^[ \t]*[【\[(]\s*(?:{alt})\s*[】\]):]?[^\n]*"
    inline_note = rf"[(\[【]\s*(?:{alt})\s*[:：][^)\]】\n]*[)\]】]?"
    # the inline form is tried first: a line that opens with (镜头外：倒计时) is a note only to
    # its closing mark, and the words said after it on the same line are speech
    return LazyPattern(rf"(?m){inline_note}|{line_note}")


def note_spans(text: str, pattern: LazyPattern | re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None or not any(c in text for c in "【[("):
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
