"""The prefilter: ONE Aho-Corasick pass over the text for every literal of every rule."""

from __future__ import annotations

from bisect import bisect_left

import ahocorasick_rs

Hit = tuple[int, int]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Scanner:
    """Finds all literals at once; ASCII-word literals only at word boundaries."""

    def __init__(self, literals: list[str]):
        self.literals = literals
        self._left_bounded = [bool(lit) and _is_word_char(lit[0]) for lit in literals]
        self._right_bounded = [bool(lit) and _is_word_char(lit[-1]) for lit in literals]
        self._ac = ahocorasick_rs.AhoCorasick(literals) if literals else None

    def scan(self, text: str) -> dict[int, list[Hit]]:
        """Hits per pattern id, each list sorted by start."""
        out: dict[int, list[Hit]] = {}
        if self._ac is None or not text:
            return out
        n = len(text)
        left, right = self._left_bounded, self._right_bounded
        for pid, s, e in self._ac.find_matches_as_indexes(text, overlapping=True):
            if left[pid] and s > 0 and _is_word_char(text[s - 1]):
                continue
            if right[pid] and e < n and _is_word_char(text[e]):
                continue
            out.setdefault(pid, []).append((s, e))
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
