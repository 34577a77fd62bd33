"""Clauses of a sentence: the reach of a negation and of a question.

A clause ends at clause punctuation or where a conjunction opens a new one (但是, 而是,
but, instead), so 不是X，是Y and 不是便宜而是最好 deny X only, never Y.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_PUNCT = re.compile(r"[,，;；:：—()\[\]【】]")


class Clauses:
    """Clause starts of one sentence, from punctuation and clause-opening conjunctions."""

    def __init__(self, text: str, start: int, end: int, breaks: list[tuple[int, int]]):
        cuts = {start}
        cuts.update(m.end() for m in _PUNCT.finditer(text, start, end))
        cuts.update(s for s, _ in breaks if start < s < end)
        self.starts = sorted(cuts)
        self.end = end

    def span(self, pos: int) -> tuple[int, int]:
        """The clause holding `pos`: (start, end)."""
        i = bisect_right(self.starts, pos) - 1
        i = max(i, 0)
        end = self.starts[i + 1] if i + 1 < len(self.starts) else self.end
        return self.starts[i], end
