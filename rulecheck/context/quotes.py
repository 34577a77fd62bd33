"""Quotation spans: every quote style, including ASCII ' and " used as quotes.

An ASCII apostrophe (typographic ones are folded to it by normalization) counts as a
quotation mark only where it cannot be part of a word (it's, don't, sellers'): an opening
one stands after a non-letter and before a letter, a closing one after a letter or
punctuation and before a non-letter.
"""

from __future__ import annotations

from bisect import bisect_left

_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉"}


def enclosing_quote(text: str, start: int, end: int, hit: tuple[int, int]
                    ) -> tuple[int, int, str] | None:
    """The innermost quotation in text[start:end] holding the hit: (open, close, mark)."""
    best: tuple[int, int, str] | None = None
    for open_, close in _PAIRS.items():
        i = text.rfind(open_, start, hit[0])
        if i < 0 or text.find(close, i + 1, hit[0]) >= 0:
            continue
        j = text.find(close, hit[1], end)
        if j >= 0 and (best is None or i > best[0]):
            best = (i, j, open_)
    for q in ('"', "'"):
        got = _ascii_quote(text, start, end, hit, q)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    return best


def _ascii_quote(text: str, start: int, end: int, hit: tuple[int, int], q: str
                 ) -> tuple[int, int, str] | None:
    if text.find(q, start, end) < 0:  # most lines hold no such mark: none is looked for
        return None
    marks = _marks(text, start, end, q)
    before = bisect_left(marks, hit[0])  # marks before the hit
    after = bisect_left(marks, hit[1], before)  # the first mark at or after its end
    if before % 2 == 1 and after < len(marks):
        return marks[before - 1], marks[after], q
    return None


def _marks(text: str, start: int, end: int, q: str) -> list[int]:
    """The offsets of the marks q in text[start:end] that count as quotation marks, found
    with str.find rather than by reading every character of the line in Python."""
    got: list[int] = []
    i = text.find(q, start, end)
    while i >= 0:
        if _is_quote(text, i, start, end, q):
            got.append(i)
        i = text.find(q, i + 1, end)
    return got


def _latin(ch: str) -> bool:
    """A letter or digit of Latin script (or a digit): what an apostrophe stands between."""
    return ch.isalnum() and ch < "\u0250"


def _is_quote(text: str, i: int, start: int, end: int, q: str) -> bool:
    if q == '"':
        return True
    left = text[i - 1] if i > start else " "
    right = text[i + 1] if i + 1 < end else " "
    if _latin(left) and _latin(right):
        return False  # it's, don't, 90's (between Han characters it is a quotation mark)
    return True  # a possessive (sellers') only pairs with an opening mark before it
