"""The `context` of a finding: the words around it, not its whole sentence.

Unpunctuated ASR text is one endless sentence, and a context per finding the size of
the sentence makes memory grow with findings x sentence length. A window of about
WINDOW characters on each side says as much to a reader; where a clause boundary lies
in the outer half of the window the excerpt stops there, so it does not begin or end
in the middle of a clause when it can help it. A short sentence is still whole.
"""

from __future__ import annotations

from rulecheck.engine.prepare import Prepared
from rulecheck.lazyre import LazyPattern

#: Characters of context on each side of a finding.
WINDOW = 80
#: Where a clause may end (normalized text: full-width marks are ASCII after NFKC).
_CLAUSE_END = LazyPattern(r"[\s,，、:：;；。!?…]")


def excerpt_span(text: str, start: int, end: int, lo: int, hi: int,
                 window: int = WINDOW) -> tuple[int, int]:
    """[a, b) of normalized `text` around the hit [start, end), within [lo, hi)."""
    a, b = max(lo, start - window), min(hi, end + window)
    if a > lo:  # cut on the left: begin after the first clause end of the outer half
        m = _CLAUSE_END.search(text, a, max(a, start - window // 2))
        if m is not None:
            a = m.end()
    if b < hi:  # cut on the right: stop at the last clause end of the outer half
        inner = min(b, end + window // 2)
        last = None
        for m in _CLAUSE_END.finditer(text, inner, b):
            last = m
        if last is not None:
            b = last.start() + (0 if last.group().isspace() else 1)
    return a, b


def excerpt(original: str, prep: Prepared, start: int, end: int, lo: int, hi: int) -> str:
    """The original words around normalized [start, end) in the unit [lo, hi): a stretch
    of a script as it is (with any invisible characters), or for a transcript the
    segments' own words joined by spaces, without the file syntax between them."""
    a, b = excerpt_span(prep.text, start, end, lo, hi)
    if not prep.segment_spans:
        x, y = prep.offsets.span(a, b)
        return original[x:y].strip()
    return " ".join(original[x:y].strip() for x, y in prep.offsets.pieces(a, b)).strip()
