"""jieba's prefix dictionary as a static trie: a tokenizer that starts at once and stays small.

jieba keeps its dictionary (498,000 entries: every word with its count and every prefix of
a word with 0) in a Python dict that takes 0.3-0.5 s to load and about 70 MB to hold. Here
the same entries live in a MARISA trie (about 1.3 MB) beside an array of their counts
(2 MB), stored once in the cache and read back in milliseconds. `TrieTokenizer` keeps
jieba's algorithms (the DAG of dictionary words, the most probable route through it, the
HMM for runs of unknown characters) and changes only how the dictionary is read: the DAG
at a position comes from one prefix search of the trie instead of one dict probe per
prefix, and the route through the DAG is found in the same pass (which makes it as fast
as jieba's dict probing). The arithmetic is jieba's own (log(count) - log(total) + the rest
of the route, ties to the longer word), so the cut is the same; tests/test_jieba_trie.py
holds it to stock jieba on every corpus the repository ships.

Words added at run time (`add_word`, `suggest_freq(..., tune=True)`) go to an overlay dict;
while it is not empty the tokenizer falls back to jieba's own DAG over the combined view.
The rulebook's words are not added at run time: they are in the trie, added with jieba's
`add_word` before it was built.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator, Mapping
from math import log
from typing import Any

import jieba
import marisa_trie

#: Bumped whenever the stored layout changes.
FORMAT = 1
_MAGIC = b"rulecheck-jieba-trie\n"
_HEADER = struct.Struct("<QIIQ")  # total, longest key, number of keys, bytes of the trie
_MISSING = object()
_NO_ROUTE = float("-inf")


class TrieFreq:
    """jieba's FREQ (word -> count, 0 for a bare prefix) read from a trie and its counts.

    jieba reads its dictionary through `in`, `[]`, `.get()` and writes it through `[]=`
    in `add_word`; writes go to `added`, which is read first.
    """

    def __init__(self, trie: marisa_trie.Trie, counts: array, longest: int):
        self.trie = trie
        self.counts = counts
        self.longest = longest  # the longest key: no prefix search needs more characters
        self.added: dict[str, int] = {}

    def get(self, word: str, default: Any = None) -> Any:
        if self.added:
            got = self.added.get(word, _MISSING)
            if got is not _MISSING:
                return got
        i = self.trie.get(word)
        return default if i is None else self.counts[i]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word, _MISSING) is not _MISSING

    def __getitem__(self, word: str) -> int:
        got = self.get(word, _MISSING)
        if got is _MISSING:
            raise KeyError(word)
        return got

    def __setitem__(self, word: str, count: int) -> None:
        self.added[word] = count

    def __len__(self) -> int:
        return len(self.trie) + sum(1 for w in self.added if w not in self.trie)

    def __iter__(self) -> Iterator[str]:
        yield from self.trie.iterkeys()
        yield from (w for w in self.added if w not in self.trie)


class _DAG(dict):
    """jieba's DAG (start -> ends of the words that start there) with the route through it,
    computed in the same pass for `calc`."""

    route: dict[int, tuple[float, int]]


class TrieTokenizer(jieba.Tokenizer):
    """jieba.Tokenizer whose DAG comes from trie prefix searches when FREQ is a TrieFreq."""

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        """jieba's DAG, and jieba's route through it (`calc`) found on the way.

        The positions are visited from the end, so the route from the end of each word is
        known when the word is found. jieba's `calc` takes, at each position, the
        max of (log(count or 1) - log(total) + route[end + 1][0], end) over the ends in
        increasing order; here the same sums are compared one by one, a tie going to the
        later (longer) word as max() on the tuples does.
        """
        freq = self.FREQ
        if not isinstance(freq, TrieFreq) or freq.added:
            return super().get_DAG(sentence)
        self.check_initialized()
        prefixes = freq.trie.iter_prefixes_with_ids  # shortest first
        counts = freq.counts
        span = freq.longest
        logtotal = log(self.total)
        n = len(sentence)
        dag_ends: list[list[int]] = [[]] * n
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        for k in range(n - 1, -1, -1):
            ends: list[int] = []
            best = _NO_ROUTE
            best_end = k
            for word, i in prefixes(sentence[k:k + span]):
                count = counts[i]
                if count:
                    end = k + len(word) - 1
                    ends.append(end)
                    value = log(count) - logtotal + route[end + 1][0]
                    if value >= best:
                        best, best_end = value, end
            if ends:
                dag_ends[k] = ends
                route[k] = (best, best_end)
            else:  # no word starts here: the character alone, counted as 1 (log 1 = 0)
                dag_ends[k] = [k]
                route[k] = (0.0 - logtotal + route[k + 1][0], k)
        dag = _DAG(enumerate(dag_ends))  # in jieba's order: cut_all walks the items
        dag.route = route
        return dag

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict) -> None:  # noqa: N803
        found = getattr(DAG, "route", None)
        if found is None:
            return super().calc(sentence, DAG, route)
        route.update(found)
        return None


def build(freq: Mapping[str, int], total: int) -> bytes | None:
    """The stored form of a jieba dictionary; None if the trie could not stand in for it
    (a key whose prefixes are not all keys, or a count beyond 32 bits)."""
    for word in freq:
        for end in range(1, len(word)):
            if word[:end] not in freq:
                return None  # jieba's DAG stops at a missing prefix; a prefix search would not
    if any(count < 0 or count >= 1 << 32 for count in freq.values()):
        return None
    trie = marisa_trie.Trie(freq.keys())
    counts = array("I", [freq[trie.restore_key(i)] for i in range(len(trie))])
    blob = trie.tobytes()
    longest = max(map(len, freq), default=1)
    return b"".join([_MAGIC, _HEADER.pack(total, longest, len(trie), len(blob)), blob,
                     counts.tobytes()])


def read(data: bytes) -> tuple[TrieFreq, int] | None:
    """The dictionary and total stored by `build`; None if `data` is not one."""
    if not data.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + _HEADER.size
    try:
        total, longest, n, size = _HEADER.unpack_from(data, len(_MAGIC))
    except struct.error:
        return None
    counts = array("I")
    if len(data) != start + size + n * counts.itemsize:
        return None
    counts.frombytes(data[start + size:])
    try:
        trie = marisa_trie.Trie().frombytes(data[start:start + size])
    except Exception:  # marisa's own errors: treated as a missing cache, rebuilt
        return None
    if len(trie) != n:
        return None
    return TrieFreq(trie, counts, longest), total
