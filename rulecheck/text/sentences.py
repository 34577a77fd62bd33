"""Sentence spans over normalized text: the unit most rules are judged in.

Splits after Chinese and English terminal punctuation and at line breaks, and at
any extra boundaries the caller gives (segment joins of a transcript).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

# Terminal punctuation (after NFKC, full-width ！？；become ASCII) or a line break;
# an English period only when followed by space/end, so 9.9 and No.1 stay whole.
_BOUNDARY = re.compile(r"[。!?;…\n]+|\.(?=\s|$)")


def split_sentences(text: str, extra_boundaries: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Return (start, end) spans covering the non-blank sentences of `text`."""
    cuts = {m.end() for m in _BOUNDARY.finditer(text)}
    cuts.update(extra_boundaries)
    cuts.add(len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts):
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


class SentenceIndex:
    """Find the sentence that holds a position, by binary search."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def find(self, pos: int) -> int | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.spans[i][1]:
            return i
        return None

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        """Indexes of the first and last sentences a span touches."""
        first = self.find(start)
        last = self.find(max(end - 1, start))
        if first is None or last is None:
            return None
        return first, last


def cut_long_sentences(spans: list[tuple[int, int]], joins: list[int],
                       max_len: int = 80) -> list[tuple[int, int]]:
    """Cut sentences longer than max_len at segment joins.

    ASR segments rarely carry punctuation; a run of segments reads as one sentence
    (so 原价999 | 今天只要99 is judged together), but a whole unpunctuated
    broadcast must not become one sentence, so long runs are cut where segments meet.
    """
    if not joins:
        return spans
    out: list[tuple[int, int]] = []
    ji = 0
    for start, end in spans:
        if end - start <= max_len:
            out.append((start, end))
            continue
        while ji < len(joins) and joins[ji] <= start:
            ji += 1
        cur = start
        k = ji
        last_cut = None
        while k < len(joins) and joins[k] < end:
            j = joins[k]
            if j - cur > max_len and last_cut is not None and last_cut > cur:
                out.append((cur, last_cut))
                cur = last_cut
            last_cut = j
            k += 1
        if end - cur > max_len and last_cut is not None and last_cut > cur:
            out.append((cur, last_cut))
            cur = last_cut
        out.append((cur, end))
    return [(a, b) for a, b in out if b > a]
