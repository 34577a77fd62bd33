"""The prefilter: ONE Aho-Corasick pass over the text for every literal of every rule."""

from __future__ import annotations

from bisect import bisect_left

import ahocorasick_rs

Hit = tuple[int, int]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Scanner:
    """Finds all literals at once; ASCII-word literals only at word boundaries.

    `aliases` are extra literals (evasion spellings) whose hits are reported as hits
    of the rule term they stand for; `alias_hits` remembers where that happened.
    """

    def __init__(self, literals: list[str], aliases: list[tuple[str, int, str]] = ()):
        self.literals = literals
        patterns = list(literals) + [a[0] for a in aliases]
        self._target = list(range(len(literals))) + [a[1] for a in aliases]
        self._kind: list[str | None] = [None] * len(literals) + [a[2] for a in aliases]
        self._left_bounded = [bool(p) and _is_word_char(p[0]) for p in patterns]
        self._right_bounded = [bool(p) and _is_word_char(p[-1]) for p in patterns]
        self._ac = ahocorasick_rs.AhoCorasick(patterns) if patterns else None
        self.max_literal = max((len(p) for p in patterns), default=0)
        self.has_aliases = bool(aliases)

    def scan(self, text: str, evasions: dict[Hit, str] | None = None) -> dict[int, list[Hit]]:
        """Hits per pattern id, each list sorted by start; alias hits go into `evasions`."""
        out: dict[int, list[Hit]] = {}
        if self._ac is None or not text:
            return out
        n = len(text)
        left, right = self._left_bounded, self._right_bounded
        target, kind = self._target, self._kind
        for idx, s, e in self._ac.find_matches_as_indexes(text, overlapping=True):
            if left[idx] and s > 0 and _is_word_char(text[s - 1]):
                continue
            if right[idx] and e < n and _is_word_char(text[e]):
                continue
            out.setdefault(target[idx], []).append((s, e))
            if kind[idx] is not None and evasions is not None:
                evasions[(s, e)] = kind[idx]
        if self.has_aliases:
            for hits in out.values():
                hits.sort()
        return out


def hits_within(hits: list[Hit], start: int, end: int) -> list[Hit]:
    """The hits (sorted by start) that lie entirely inside [start, end)."""
    i = bisect_left(hits, (start, -1))
    out = []
    for h in hits[i:]:
        if h[0] >= end:
            break
        if h[1] <= end:
            out.append(h)
    return out
