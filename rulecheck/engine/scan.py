"""The prefilter: ONE Aho-Corasick pass over the text for the anchors of every rule."""

from __future__ import annotations

import threading
from typing import Protocol

import ahocorasick_rs

Hit = tuple[int, int]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


#: Characters scanned by dictionary lookups before the automata are built: building them
#: takes a few tenths of a second, more than looking up every pattern in a short script,
#: so a one-file check of a script never pays for them and a long run pays once.
LOOKUP_CHARS = 60_000


class Scanner:
    """Finds the anchors of all rules at once; ASCII-word literals only at word boundaries.

    Only anchor literals go into the automaton: literals that rules use as conditions
    (negators, meta talk, the far side of a `near`) are looked up in a second pass,
    made only when a document has a unit to evaluate, so frequent words such as 不 or
    说 never flood the anchor scan. `aliases` are extra spellings (evasions) whose hits
    count as hits of the rule term they stand for.

    Until `LOOKUP_CHARS` characters have been scanned, patterns are found by looking up
    the text's substrings of the patterns' lengths (`_Lookup`), with the same hits as the
    automata, which are built only when that much text has come.
    """

    def __init__(self, literals: list[str], aliases: list[tuple[str, int, str]] = (),
                 anchors: set[int] | frozenset[int] | None = None,
                 evasive: set[int] | frozenset[int] | None = None,
                 skip: set[int] | frozenset[int] = frozenset()):
        """`evasive` (default: the anchors) are the anchors whose alias spellings go into
        the anchor pass and whose character pairs let a gap count as inserted (`pairs`);
        the other anchors' aliases are condition words. `skip`: never looked for."""
        self.literals = literals
        anchor_set = set(range(len(literals))) if anchors is None else set(anchors)
        evasive_set = anchor_set if evasive is None else set(evasive) & anchor_set
        self.evasive = frozenset(evasive_set)
        patterns: list[str] = []
        self._target: list[int] = []
        self._kind: list[str | None] = []
        self._lazy: dict[int, list[str]] = {}
        for pid, lit in enumerate(literals):
            if pid in anchor_set:
                patterns.append(lit)
                self._target.append(pid)
                self._kind.append(None)
            elif pid not in skip:
                self._lazy.setdefault(pid, []).append(lit)
        for lit, pid, kind in aliases:
            if pid in evasive_set:
                patterns.append(lit)
                self._target.append(pid)
                self._kind.append(kind)
            elif pid not in skip:
                self._lazy.setdefault(pid, []).append(lit)
        self._patterns = patterns
        self._left_bounded = [bool(p) and _is_word_char(p[0]) for p in patterns]
        self._right_bounded = [bool(p) and _is_word_char(p[-1]) for p in patterns]
        lazy_items = [(lit, pid) for pid, lits in self._lazy.items() for lit in lits]
        self._lazy_patterns = [lit for lit, _ in lazy_items]
        self._lazy_target = [pid for _, pid in lazy_items]
        self._lazy_left = [_is_word_char(lit[0]) for lit, _ in lazy_items]
        self._lazy_right = [_is_word_char(lit[-1]) for lit, _ in lazy_items]
        self._lazy_bounded = frozenset(i for i, (lt, rt) in
                                       enumerate(zip(self._lazy_left, self._lazy_right,
                                                     strict=True)) if lt or rt)
        self.max_literal = max((len(p) for p in patterns), default=0)
        self.has_aliases = bool(aliases)
        self._lock = threading.Lock()
        self._looked_up = 0  # characters scanned by lookups so far
        self._ac: _Finder | None = None
        self._lazy_ac: _Finder | None = None
        self._pairs: frozenset[str] | None = None

    def __getstate__(self) -> dict:
        """Everything derived from the patterns except the automata (rebuilt when a run
        has scanned enough text) and the lock, so a cached scanner starts at once."""
        state = dict(self.__dict__)
        state["_lock"] = None
        state["_looked_up"] = 0
        if not isinstance(state["_ac"], _Lookup):
            state["_ac"] = state["_lazy_ac"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def derive(self) -> Scanner:
        """Compute the lookup tables and character pairs now (before pickling)."""
        _ = self.pairs
        with self._lock:
            if self._ac is None:
                self._ac = _Lookup(self._patterns)
                self._lazy_ac = _Lookup(self._lazy_patterns)
        return self

    @property
    def pairs(self) -> frozenset[str]:
        """Adjacent character pairs of the scanned patterns: text with a gap between two
        characters that never stand side by side in a pattern cannot hide one there."""
        if self._pairs is None:
            evasive = self.evasive
            self._pairs = frozenset(p[i:i + 2]
                                    for p, pid in zip(self._patterns, self._target, strict=True)
                                    if pid in evasive for i in range(len(p) - 1))
        return self._pairs

    def _finders(self, length: int) -> tuple[_Finder | None, _Finder | None]:
        """The anchor and the condition finders for a text of `length` characters."""
        with self._lock:
            if self._ac is None or isinstance(self._ac, _Lookup):
                self._looked_up += length
                automata = self._looked_up > LOOKUP_CHARS
                make = _automaton if automata else _Lookup
                if self._ac is None or automata:  # lookups may come derived (derive())
                    self._ac = make(self._patterns)
                    self._lazy_ac = make(self._lazy_patterns)
            return self._ac, self._lazy_ac

    def scan(self, text: str, evasions: dict[Hit, str] | None = None) -> dict[int, list[Hit]]:
        """Hits per anchor pattern id, each sorted by start; alias hits go into `evasions`."""
        out: dict[int, list[Hit]] = {}
        if not self._patterns or not text:
            return out
        finder = self._finders(len(text))[0]
        assert finder is not None
        n = len(text)
        left, right = self._left_bounded, self._right_bounded
        target, kind = self._target, self._kind
        for idx, s, e in finder.find_matches_as_indexes(text, overlapping=True):
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
        if not self._lazy_patterns or end <= start:
            return out
        finder = self._finders(end - start)[1]
        assert finder is not None
        n = len(text)
        left, right, target = self._lazy_left, self._lazy_right, self._lazy_target
        bounded = self._lazy_bounded
        for idx, s, e in finder.find_matches_as_indexes(text[start:end], overlapping=True):
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


class _Finder(Protocol):
    def find_matches_as_indexes(self, text: str, overlapping: bool = ...
                                ) -> list[tuple[int, int, int]]: ...


def _automaton(patterns: list[str]) -> _Finder | None:
    return ahocorasick_rs.AhoCorasick(patterns) if patterns else None


class _Lookup:
    """Every occurrence of every pattern, as an overlapping Aho-Corasick search gives them,
    found by looking up each substring of a pattern's length at each position: built in a
    fraction of the automaton's time, and fast enough for a few pages of text."""

    def __init__(self, patterns: list[str]):
        index: dict[str, list[int]] = {}
        lengths: dict[str, set[int]] = {}
        for idx, pattern in enumerate(patterns):
            index.setdefault(pattern, []).append(idx)
            lengths.setdefault(pattern[0], set()).add(len(pattern))
        self._index = index
        self._lengths = {ch: sorted(ls) for ch, ls in lengths.items()}

    def find_matches_as_indexes(self, text: str, overlapping: bool = True
                                ) -> list[tuple[int, int, int]]:
        index, lengths = self._index, self._lengths
        n = len(text)
        out: list[tuple[int, int, int]] = []
        for i, ch in enumerate(text):
            ls = lengths.get(ch)
            if ls is None:
                continue
            for length in ls:
                e = i + length
                if e > n:
                    break
                found = index.get(text[i:e])
                if found is not None:
                    out.extend((idx, i, e) for idx in found)
        out.sort(key=lambda m: (m[2], m[1]))  # as the automaton reports them: by end
        return out
