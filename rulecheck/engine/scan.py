"""The prefilter: ONE Aho-Corasick pass over the text for the anchors of every rule."""

from __future__ import annotations

import threading
from array import array
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

    One automaton holds the anchors and the literals rules use as conditions (negators,
    meta talk, the far side of a `near`): `scan_all` finds both in one pass, the anchors
    selecting where rules are evaluated and every hit telling which pieces each unit
    holds; `scan` and `scan_conditions` report one kind only. `aliases` are extra
    spellings (evasions) whose hits count as hits of the rule term they stand for.

    Until `LOOKUP_CHARS` characters have been scanned, patterns are found by looking up
    the text's substrings of the patterns' lengths (`_Lookup`), with the same hits as the
    automaton, which is built only when that much text has come.
    """

    def __init__(self, literals: list[str], aliases: list[tuple[str, int, str]] = (),
                 anchors: set[int] | frozenset[int] | None = None,
                 evasive: set[int] | frozenset[int] | None = None,
                 skip: set[int] | frozenset[int] = frozenset()):
        """`evasive` (default: the anchors) are the anchors whose alias spellings go into
        the anchor pass and whose character pairs let a gap count as inserted (`pairs`);
        the other anchors' aliases are condition words. `skip`: never looked for."""
        self._literals: list[str] | _Joined = literals
        anchor_set = set(range(len(literals))) if anchors is None else set(anchors)
        evasive_set = anchor_set if evasive is None else set(evasive) & anchor_set
        # the caller's own set when it is the same one, so a pickle holds it once
        self.evasive = (evasive if isinstance(evasive, frozenset) and evasive == evasive_set
                        else frozenset(evasive_set))
        patterns: list[str] = []
        target: list[int] = []
        kinds: list[str | None] = []
        lazy: dict[int, list[str]] = {}
        for pid, lit in enumerate(literals):
            if pid in anchor_set:
                patterns.append(lit)
                target.append(pid)
                kinds.append(None)
            elif pid not in skip:
                lazy.setdefault(pid, []).append(lit)
        for lit, pid, kind in aliases:
            if pid in evasive_set:
                patterns.append(lit)
                target.append(pid)
                kinds.append(kind)
            elif pid not in skip:
                lazy.setdefault(pid, []).append(lit)
        self._patterns = patterns
        lazy_items = [(lit, pid) for pid, lits in lazy.items() for lit in lits]
        self._lazy_patterns = [lit for lit, _ in lazy_items]
        self.max_literal = max((len(p) for p in patterns), default=0)
        self.has_aliases = bool(aliases)
        # the one pass: anchors first (index < _anchor_count), then the condition words.
        # Per pattern index: its pattern id, its alias kind (None: the word itself) and
        # whether it is found only at ASCII word boundaries (bit 1 on the left, 2 on the
        # right); as arrays and bytes, which hold tens of thousands of entries in a
        # fraction of the memory of lists of int objects (unpickling never shares ints)
        self._anchor_count = len(patterns)
        self._all_target = array("i", target + [pid for _, pid in lazy_items])
        self._all_kind = kinds + [None] * len(lazy_items)
        self._bounds = bytes(_bound_bits(p) for p in patterns + self._lazy_patterns)
        self._lock = threading.Lock()
        self._looked_up = 0  # characters scanned by lookups so far
        self._ac: _Finder | None = None
        self._pairs: frozenset[str] | _Joined | None = None

    @property
    def literals(self) -> list[str]:
        """The rulebook's literals, by pattern id (split when first read after loading)."""
        if isinstance(self._literals, _Joined):
            self._literals = self._literals.split()
        return self._literals

    def __getstate__(self) -> dict:
        """Everything derived from the patterns except the automata (rebuilt when a run
        has scanned enough text) and the lock, so a cached scanner starts at once.

        The lists of patterns (tens of thousands of short strings, which only building
        the automaton reads) are stored as one string each and split when first needed,
        and the lookups as a trie (see `_Lookup.__reduce__`): unpickling that many
        strings and a dict of them took most of a short check's time to load."""
        state = dict(self.__dict__)
        state["_lock"] = None
        state["_looked_up"] = 0
        for name in ("_literals", "_patterns", "_lazy_patterns"):
            got = state[name]
            if isinstance(got, list) and not any(_SEP in p for p in got):
                state[name] = _Joined(_SEP.join(got), len(got))
        pairs = state["_pairs"]
        if isinstance(pairs, frozenset) and not any(_SEP in p for p in pairs):
            state["_pairs"] = _Joined(_SEP.join(sorted(pairs)), len(pairs))
        if not isinstance(state["_ac"], (_Lookup, _TrieLookup)):
            state["_ac"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _all_patterns(self) -> list[str]:
        """The patterns of the one pass, anchors first (split now if they came joined)."""
        for name in ("_patterns", "_lazy_patterns"):
            got = getattr(self, name)
            if isinstance(got, _Joined):
                setattr(self, name, got.split())
        return self._patterns + self._lazy_patterns

    def derive(self) -> Scanner:
        """Compute the lookup tables and character pairs now (before pickling)."""
        _ = self.pairs
        with self._lock:
            if self._ac is None:
                self._ac = _Lookup(self._all_patterns())
        return self

    @property
    def pairs(self) -> frozenset[str]:
        """Adjacent character pairs of the scanned patterns: text with a gap between two
        characters that never stand side by side in a pattern cannot hide one there."""
        if isinstance(self._pairs, _Joined):  # as cached: a set made when first needed
            self._pairs = frozenset(self._pairs.split())
        if self._pairs is None:
            evasive = self.evasive
            target = self._all_target[:self._anchor_count]
            patterns = self._all_patterns()[:self._anchor_count]
            self._pairs = frozenset(p[i:i + 2]
                                    for p, pid in zip(patterns, target, strict=True)
                                    if pid in evasive for i in range(len(p) - 1))
        return self._pairs

    def _finder(self, length: int) -> _Finder | None:
        """The finder of every pattern, for a text of `length` characters."""
        with self._lock:
            if self._ac is None or isinstance(self._ac, (_Lookup, _TrieLookup)):
                self._looked_up += length
                automata = self._looked_up > LOOKUP_CHARS
                if self._ac is None or automata:  # lookups may come derived (derive())
                    make = _automaton if automata else _Lookup
                    self._ac = make(self._all_patterns())
            return self._ac

    def build_automaton(self) -> None:
        """Build the automaton now, as if the lookups had scanned `LOOKUP_CHARS`: for a run
        known to be long (a stream), which would otherwise pay for it in the middle."""
        with self._lock:
            if self._ac is None or isinstance(self._ac, (_Lookup, _TrieLookup)):
                self._looked_up = max(self._looked_up, LOOKUP_CHARS)
                self._ac = _automaton(self._all_patterns())

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        finder = self._finder(len(text))
        return finder.find_matches_as_indexes(text, overlapping=True) if finder else []

    def _bounded_out(self, text: str, idx: int, s: int, e: int) -> bool:
        """Whether an ASCII-word pattern's hit lies inside a longer word."""
        bits = self._bounds[idx]
        return ((bits & 1 and s > 0 and _is_word_char(text[s - 1]))
                or (bits & 2 and e < len(text) and _is_word_char(text[e])))

    def scan(self, text: str, evasions: dict[Hit, str] | None = None) -> dict[int, list[Hit]]:
        """Hits per anchor pattern id, each sorted by start; alias hits go into `evasions`."""
        out: dict[int, list[Hit]] = {}
        if not self._patterns or not text:
            return out
        n = self._anchor_count
        bounded, target, kind = self._bounds, self._all_target, self._all_kind
        for idx, s, e in self._matches(text):
            if idx >= n or (bounded[idx] and self._bounded_out(text, idx, s, e)):
                continue
            out.setdefault(target[idx], []).append((s, e))
            if kind[idx] is not None and evasions is not None:
                evasions[(s, e)] = kind[idx]
        if self.has_aliases:
            for hits in out.values():
                hits.sort()
        return out

    def scan_all(self, text: str, evasions: dict[Hit, str] | None = None
                 ) -> tuple[dict[int, list[Hit]], list[tuple[int, int, int]]]:
        """One pass for anchors and condition words: (the anchors' hits as `scan` gives
        them, every hit as a sorted list of (start, end, pattern id))."""
        out: dict[int, list[Hit]] = {}
        flat: list[tuple[int, int, int]] = []
        if not text or not (self._patterns or self._lazy_patterns):
            return out, flat
        n = self._anchor_count
        bounded, target, kind = self._bounds, self._all_target, self._all_kind
        append = flat.append
        for idx, s, e in self._matches(text):
            if bounded[idx] and self._bounded_out(text, idx, s, e):
                continue
            pid = target[idx]
            append((s, e, pid))
            if idx < n:
                got = out.get(pid)
                if got is None:
                    out[pid] = [(s, e)]
                else:
                    got.append((s, e))
                if kind[idx] is not None and evasions is not None:
                    evasions[(s, e)] = kind[idx]
        if self.has_aliases:
            for hits in out.values():
                hits.sort()
        flat.sort()
        return out, flat

    def scan_conditions(self, text: str, start: int, end: int) -> dict[int, list[Hit]]:
        """Hits of every condition literal inside text[start:end], in one pass."""
        out: dict[int, list[Hit]] = {}
        if not self._lazy_patterns or end <= start:
            return out
        n = self._anchor_count
        bounded, target = self._bounds, self._all_target
        for idx, s, e in self._matches(text[start:end]):
            if idx < n:
                continue
            s += start
            e += start
            if bounded[idx] and self._bounded_out(text, idx, s, e):
                continue
            out.setdefault(target[idx], []).append((s, e))
        for hits in out.values():
            if len(hits) > 1:
                hits.sort()
        return out


#: Joins the patterns of a pickled scanner (a list with a pattern holding it stays a list).
_SEP = "\0"


class _Joined:
    """A list of strings pickled as one string; `split` gives the list back. Its length
    is the list's, so that a scan can tell an empty list without splitting it."""

    __slots__ = ("text", "count")

    def __init__(self, text: str, count: int):
        self.text = text
        self.count = count

    def __getstate__(self) -> tuple[str, int]:
        return self.text, self.count

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.text, self.count = state

    def __len__(self) -> int:
        return self.count

    def split(self) -> list[str]:
        return self.text.split(_SEP) if self.count else []


class _Finder(Protocol):
    def find_matches_as_indexes(self, text: str, overlapping: bool = ...
                                ) -> list[tuple[int, int, int]]: ...


def _bound_bits(pattern: str) -> int:
    """Bit 1: found only after a non-word character; bit 2: only before one."""
    if not pattern:
        return 0
    return (1 if _is_word_char(pattern[0]) else 0) | (2 if _is_word_char(pattern[-1]) else 0)


def _automaton(patterns: list[str]) -> _Finder | None:
    return ahocorasick_rs.AhoCorasick(patterns) if patterns else None


class _Lookup:
    """Every occurrence of every pattern, as an overlapping Aho-Corasick search gives them,
    found by looking up each substring of a pattern's length at each position: built in a
    fraction of the automaton's time, and fast enough for a few pages of text."""

    def __init__(self, patterns: list[str]):
        index: dict[str, int | tuple[int, ...]] = {}  # a tuple only for a repeated pattern
        lengths: dict[str, set[int]] = {}
        for idx, pattern in enumerate(patterns):
            got = index.get(pattern)
            index[pattern] = idx if got is None else (
                (*got, idx) if isinstance(got, tuple) else (got, idx))
            lengths.setdefault(pattern[0], set()).add(len(pattern))
        self._index = index
        self._lengths = {ch: sorted(ls) for ch, ls in lengths.items()}

    def __reduce__(self) -> tuple:
        """Pickled as a `_TrieLookup` of the same patterns: a dict of tens of thousands of
        strings costs a short check more to unpickle than all its lookups."""
        import marisa_trie

        trie = marisa_trie.Trie(self._index)
        first = array("i", [-1]) * len(trie)
        repeated: dict[int, tuple[int, ...]] = {}
        for pattern, idx in self._index.items():
            kid = trie.key_id(pattern)
            if isinstance(idx, tuple):
                repeated[kid] = idx
            else:
                first[kid] = idx
        longest = max((len(p) for p in self._index), default=0)
        return _TrieLookup, (trie.tobytes(), first, repeated, "".join(self._lengths), longest)

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
                if found is None:
                    continue
                if isinstance(found, int):
                    out.append((found, i, e))
                else:
                    out.extend((idx, i, e) for idx in found)
        out.sort(key=lambda m: (m[2], m[1]))  # as the automaton reports them: by end
        return out


class _TrieLookup:
    """`_Lookup` as loaded from a cache: the patterns in a marisa trie, read from its
    bytes at once, and each position's patterns found by one prefix search."""

    def __init__(self, blob: bytes, first: array, repeated: dict[int, tuple[int, ...]],
                 starts: str, longest: int):
        import marisa_trie

        self._blob = blob
        self._trie = marisa_trie.Trie().frombytes(blob)
        self._first = first  # trie key id -> pattern index; -1: see `repeated`
        self._repeated = repeated  # key id -> the indexes of a pattern listed twice or more
        self._starts_text = starts
        self._starts = frozenset(starts)  # the first characters of the patterns
        self._longest = longest

    def __reduce__(self) -> tuple:
        return _TrieLookup, (self._blob, self._first, self._repeated, self._starts_text,
                             self._longest)

    def find_matches_as_indexes(self, text: str, overlapping: bool = True
                                ) -> list[tuple[int, int, int]]:
        prefixes = self._trie.iter_prefixes_with_ids
        first, repeated, starts, longest = self._first, self._repeated, self._starts, \
            self._longest
        out: list[tuple[int, int, int]] = []
        for i, ch in enumerate(text):
            if ch not in starts:
                continue
            for key, kid in prefixes(text[i:i + longest]):
                e = i + len(key)
                idx = first[kid]
                if idx >= 0:
                    out.append((idx, i, e))
                else:
                    out.extend((j, i, e) for j in repeated[kid])
        out.sort(key=lambda m: (m[2], m[1]))  # as the automaton reports them: by end
        return out
