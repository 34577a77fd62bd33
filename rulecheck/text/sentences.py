"""Sentence spans over normalized text: the unit most rules are judged in.

Splits after Chinese and English terminal punctuation and at line breaks, and at
any extra boundaries the caller gives (segment joins of a transcript). A sentence
is never longer than MAX_SENTENCE characters: unpunctuated ASR text would otherwise
be one sentence of megabytes, and everything done per unit would grow with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from rulecheck.lazyre import LazyPattern
from rulecheck.text.recode import CachedLazyPattern

# Terminal punctuation (after NFKC, full-width ！？；become ASCII) or a line break;
# an English period only when followed by space/end, so 9.9 and No.1 stay whole.
_BOUNDARY = re.compile(r"[。!?;…\n]+|\.(?=\s|$)")
#: The word a period ends, with the first letter after the spaces that follow it.
_ABBREVIATION_CONTEXT = re.compile(r"([A-Za-z][A-Za-z.]*)\.[ \t]+(\S)?")
#: Titles that always stand before a name (Dr. Lee, St. John's Wort): never a sentence end.
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "mt", "messrs"})
#: Abbreviations inside a sentence when a digit or a lower-case word follows (EST. 1998,
#: approx. 30 days, Pat. pending, shea butter, etc. and more).
_ABBREVIATIONS = frozenset({"est", "approx", "inc", "ltd", "corp", "pat", "reg", "vs", "cf",
                            "etc", "incl", "excl", "dept", "govt", "intl", "mfg", "qty"})
#: Abbreviations that are also plain words (no, in, art, sun): inside a sentence only when a
#: number follows (No. 1, 12 in. wide, Art. 5, Dec. 24).
_NUMBER_ABBREVIATIONS = frozenset({
    "no", "nos", "vol", "fig", "pp", "art", "sec", "para", "ref", "in", "oz", "lb", "lbs", "fl",
    "ft", "cm", "mm", "kg", "mg", "ml", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec"})
#: An ellipsis between Latin letters or figures marks words left out of one sentence
#: (a quoted listing, "was £838 ... now £394") or a speaker's pause, not its end.
_LATIN_ELLIPSIS = re.compile(r"(?<=[A-Za-z0-9:,%£$€)\]] )(?:\.{3}|…)(?= *[A-Za-z0-9£$€(\[])"
                             r"|(?<=[A-Za-z0-9:,%£$€)\]])(?:\.{3}|…)(?= *[A-Za-z0-9£$€(\[])")

#: The longest sentence, in characters of Chinese text: longer runs are cut where a
#: speaker pauses (a space) or a clause ends (a comma), else hard. A phrase that a cut
#: splits is still found: its anchor spans the two sentences, which the engine then
#: judges together. On unpunctuated ASR talk, units of 100-150 characters find 86-88 %
#: of what the same talk with its punctuation gives (units of 1,000 characters: 58 %),
#: because negation, questions and product type are judged per unit.
MAX_SENTENCE = 120
#: Latin-script text says as much in about three times the characters.
LATIN_FACTOR = 3
#: Where a long run is cut, by preference, in the last half of the allowed length.
_PAUSE = re.compile(r"\s+")
_CLAUSE = LazyPattern(r"[,，、:：]")
_HAN = CachedLazyPattern(r"[\u3400-\u9fff\uf900-\ufaff]")


def split_sentences(text: str, extra_boundaries: Iterable[int] = (),
                    max_len: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """Return (start, end) spans covering the non-blank sentences of `text`, none longer
    than `max_len` characters (LATIN_FACTOR times that in Latin-script text)."""
    kept = {m.end() for m in _LATIN_ELLIPSIS.finditer(text)}
    cuts = {m.end() for m in _BOUNDARY.finditer(text)
            if not _abbreviation(text, m.start())} - kept
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
        if e - s > max_len:
            limit = max_len if _HAN.search(text, s, min(e, s + max_len)) else \
                max_len * LATIN_FACTOR
            if e - s > limit:
                spans.extend(_bounded(text, s, e, limit))
            else:
                spans.append((s, e))
        elif e > s:
            spans.append((s, e))
        start = cut
    return spans


def _abbreviation(text: str, pos: int) -> bool:
    """Whether the period at `pos` ends an abbreviation inside a sentence (Dr. Lee, No. 1,
    EST. 1998, e.g. this, U.S. made) rather than the sentence: a title always; a listed
    abbreviation, a dotted one (e.g., U.S.) or a capital initial when a digit or a lower-case
    word follows; a word that is also an abbreviation (No., in.) only before a number. Only
    periods after letters are asked; a Chinese text pays for none."""
    if text[pos] != "." or pos == 0 or not text[pos - 1].isalpha():
        return False
    start = pos
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    m = _ABBREVIATION_CONTEXT.match(text, start)
    if m is None or m.end(1) != pos:
        return False
    word = m.group(1)
    if not word.isascii() or (start > 0 and text[start - 1].isalnum()):
        return False
    key = word.lower()
    if key in _TITLES:
        return True
    follower = m.group(2)
    if follower is None:
        return False
    if follower.isdigit() and key in _NUMBER_ABBREVIATIONS:
        return True
    if not (follower.isdigit() or follower.islower()):
        return False
    return key in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper())


def _bounded(text: str, start: int, end: int, max_len: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most max_len, each cut after the last pause (or
    else clause mark) in its second half, else at max_len."""
    out: list[tuple[int, int]] = []
    while end - start > max_len:
        limit = start + max_len
        half = start + max_len // 2
        cut = None
        for pattern in (_PAUSE, _CLAUSE):
            for m in pattern.finditer(text, half, limit):
                cut = m
            if cut is not None:
                break
        if cut is None:
            out.append((start, limit))
            start = limit
            continue
        piece_end = cut.start() if cut.group().isspace() else cut.end()
        out.append((start, piece_end))
        start = cut.end()
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


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
