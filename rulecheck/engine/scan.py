"""The prefilter: ONE Aho-Corasick pass over the text for the anchors of every rule."""

from __future__ import annotations

import ahocorasick_rs

Hit = tuple[int, int]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Scanner:
    """Finds the anchors of all rules at once; ASCII-word literals only at word boundaries.

    Only anchor literals go into the automaton: literals that rules use as conditions
    (negators, meta talk, the far side of a `near`) are looked up in a second pass,
    made only when a document has a unit to evaluate, so frequent words such as 不 or
    说 never flood the anchor scan. `aliases` are extra spellings (evasions) whose hits
    count as hits of the rule term they stand for.
    """

    def __init__(self, literals: list[str], aliases: list[tuple[str, int, str]] = (),
                 anchors: set[int] | frozenset[int] | None = None):
        self.literals = literals
        anchor_set = set(range(len(literals))) if anchors is None else set(anchors)
        patterns: list[str] = []
        self._target: list[int] = []
        self._kind: list[str | None] = []
        self._lazy: dict[int, list[str]] = {}
        for pid, lit in enumerate(literals):
            if pid in anchor_set:
                patterns.append(lit)
                self._target.append(pid)
                self._kind.append(None)
            else:
                self._lazy.setdefault(pid, []).append(lit)
        for lit, pid, kind in aliases:
            if pid in anchor_set:
                patterns.append(lit)
                self._target.append(pid)
                self._kind.append(kind)
            else:
                self._lazy.setdefault(pid, []).append(lit)
        self._left_bounded = [bool(p) and _is_word_char(p[0]) for p in patterns]
        self._right_bounded = [bool(p) and _is_word_char(p[-1]) for p in patterns]
        self._ac = ahocorasick_rs.AhoCorasick(patterns) if patterns else None
        # adjacent character pairs of the scanned patterns: text with a gap between two
        # characters that never stand side by side in a pattern cannot hide one there
        self.pairs = frozenset(p[i:i + 2] for p in patterns for i in range(len(p) - 1))
        lazy_items = [(lit, pid) for pid, lits in self._lazy.items() for lit in lits]
        self._lazy_target = [pid for _, pid in lazy_items]
        self._lazy_left = [_is_word_char(lit[0]) for lit, _ in lazy_items]
        self._lazy_right = [_is_word_char(lit[-1]) for lit, _ in lazy_items]
        self._lazy_bounded = frozenset(i for i, (lt, rt) in
                                       enumerate(zip(self._lazy_left, self._lazy_right,
                                                     strict=True)) if lt or rt)
        self._lazy_ac = ahocorasick_rs.AhoCorasick([lit for lit, _ in lazy_items]) \
            if lazy_items else None
        self.max_literal = max((len(p) for p in patterns), default=0)
        self.has_aliases = bool(aliases)

    def scan(self, text: str, evasions: dict[Hit, str] | None = None) -> dict[int, list[Hit]]:
        """Hits per anchor pattern id, each sorted by start; alias hits go into `evasions`."""
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

    def scan_conditions(self, text: str, start: int, end: int) -> dict[int, list[Hit]]:
        """Hits of every condition literal inside text[start:end], in one pass."""
        out: dict[int, list[Hit]] = {}
        if self._lazy_ac is None or end <= start:
            return out
        n = len(text)
        left, right, target = self._lazy_left, self._lazy_right, self._lazy_target
        bounded = self._lazy_bounded
        for idx, s, e in self._lazy_ac.find_matches_as_indexes(text[start:end],
                                                                overlapping=True):
            s += start
            e += start
            if idx in bounded and (
                    (left[idx] and s > 0 and _is_word_char(text[s - 1]))
                    or (right[idx] and e < n and _is_word_char(text[e]))):
                continue
            pid = target[idx]
            got = out.get(pid)
            if got is None:
                out[pid] = [(s, e)]
            else:
                got.append((s, e))
        for hits in out.values():
            if len(hits) > 1:
                hits.sort()
        return out
