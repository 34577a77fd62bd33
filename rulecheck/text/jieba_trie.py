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

import hashlib
import os
import re
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping
from math import log
from typing import Any

import jieba
import marisa_trie

from rulecheck import cachefiles

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
        """jieba's DAG, and jieba's route through it (`calc`) found on the way (`_route`)."""
        freq = self.FREQ
        if not isinstance(freq, TrieFreq) or freq.added:
            return super().get_DAG(sentence)
        n = len(sentence)
        dag_ends: list[list[int]] = [[]] * n
        value_at, end_at = self._route(freq, sentence, dag_ends)
        dag = _DAG(enumerate(dag_ends))  # in jieba's order: cut_all walks the items
        dag.route = {k: (value_at[k], end_at[k]) for k in range(n)}
        dag.route[n] = (0, 0)
        return dag

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict) -> None:  # noqa: N803
        found = getattr(DAG, "route", None)
        if found is None:
            return super().calc(sentence, DAG, route)
        route.update(found)
        return None

    def _route(self, freq: TrieFreq, text: str, dag_ends: list[list[int]] | None = None
               ) -> tuple[list[float], list[int]]:
        """jieba's route (`calc`) through `text` as two lists, value and end of the best word
        at each position (position len(text) holds (0, 0)); `dag_ends`, when given, gets
        the ends of every word at each position (jieba's DAG).

        The positions are visited from the end, so the route from the end of each word is
        known when the word is found. jieba's `calc` takes, at each position, the max of
        (log(count or 1) - log(total) + route[end + 1][0], end) over the ends in increasing
        order; here the same sums are compared one by one, a tie going to the later (longer)
        word as max() on the tuples does."""
        self.check_initialized()
        prefixes = freq.trie.iter_prefixes_with_ids  # shortest first
        counts = freq.counts
        span = freq.longest
        logtotal = log(self.total)
        n = len(text)
        value_at: list[float] = [0.0] * (n + 1)
        end_at: list[int] = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = _NO_ROUTE
            best_end = -1
            ends: list[int] | None = [] if dag_ends is not None else None
            for word, i in prefixes(text[k:k + span]):
                count = counts[i]
                if count:
                    end = k + len(word) - 1
                    if ends is not None:
                        ends.append(end)
                    value = log(count) - logtotal + value_at[end + 1]
                    if value >= best:
                        best, best_end = value, end
            if best_end < 0:  # no word starts here: the character alone, counted as 1
                value_at[k] = 0.0 - logtotal + value_at[k + 1]
                end_at[k] = k
                if dag_ends is not None:
                    dag_ends[k] = [k]
            else:
                value_at[k] = best
                end_at[k] = best_end
                if dag_ends is not None:
                    dag_ends[k] = ends  # type: ignore[assignment]
        return value_at, end_at

    def block_spans(self, block: str) -> list[tuple[int, int]] | None:
        """The spans of jieba's cut (with its HMM) of one run of Han and ASCII word
        characters, as `cut(block)` yields its words; None when the dictionary has words
        added at run time (then jieba's own `cut` is the one to use).

        The same route as `get_DAG` + jieba's `__cut_DAG`, found without building the DAG
        or a generator per block: the route is kept in two lists, and the words are given
        as spans. Runs of single characters not in the dictionary go to jieba's HMM
        (`finalseg.cut`) as `__cut_DAG` sends them.
        """
        freq = self.FREQ
        if not isinstance(freq, TrieFreq) or freq.added:
            return None
        n = len(block)
        _, end_at = self._route(freq, block)
        out: list[tuple[int, int]] = []
        x = 0
        run = -1  # start of the pending run of single characters (jieba's `buf`), or -1
        while x < n:
            y = end_at[x] + 1
            if y - x == 1:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    self._run_spans(block, run, x, out)
                    run = -1
                out.append((x, y))
            x = y
        if run >= 0:
            self._run_spans(block, run, n, out)
        return out

    def _run_spans(self, block: str, start: int, end: int,
                   out: list[tuple[int, int]]) -> None:
        """A run of single-character words as `__cut_DAG` yields it: one character alone;
        a run that is not a dictionary word cut by the HMM; a word, character by character."""
        if end - start == 1:
            out.append((start, end))
            return
        buf = block[start:end]
        if not self.FREQ.get(buf):
            out.extend((start + s, start + e) for s, e in hmm_spans(buf))
        else:
            out.extend((k, k + 1) for k in range(start, end))


#: Runs cut by the HMM (text -> spans): runs of characters jieba does not know recur far
#: more often than the blocks around them. Cleared when full.
_HMM_MEMO: dict[str, list[tuple[int, int]]] = {}
_HMM_MEMO_SIZE = 20_000
# finalseg's constants (tests/test_jieba_trie.py holds them equal): its module is imported
# only when it has to cut itself, since it carries the HMM's tables as 1.3 MB of source
_MIN_FLOAT = -3.14e100
_HAN_RUN = re.compile("([\u4E00-\u9FD5]+)")  # how finalseg.cut splits its text
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_STATES = "BMES"
#: start, transition and emission log probabilities of the HMM, once read
_TABLES: tuple[dict[str, float], dict[str, dict[str, float]],
               dict[str, dict[str, float]]] | None = None


def _finalseg() -> Any:
    """jieba.finalseg itself (imported now if it was not, or stood in for)."""
    import importlib

    module = importlib.import_module("jieba.finalseg")
    if "cut" not in vars(module):  # text/tokenize.py's stand-in, which loads it when read
        getattr(module, "cut")  # noqa: B009
        module = sys.modules["jieba.finalseg"]
    return module


def _force_split_words() -> set[str]:
    """finalseg's force-split words; none while its module is not loaded, since adding one
    loads it (text/tokenize.py leaves a stand-in that loads it on first use)."""
    module = sys.modules.get("jieba.finalseg")
    return set() if module is None else vars(module).get("Force_Split_Words") or set()


def hmm_tables() -> tuple[dict[str, float], dict[str, dict[str, float]],
                          dict[str, dict[str, float]]]:
    """finalseg's (start_P, trans_P, emit_P). Read from the cache, where they are stored the
    first time as each state's characters and an array of their numbers (the same floats):
    that is built in about a tenth of the time Python takes to run finalseg's tables."""
    global _TABLES
    if _TABLES is not None:
        return _TABLES
    name = _tables_name()
    stored = cachefiles.load(name) if name is not None else None
    tables = _unpacked(stored) if stored is not None else None
    if tables is None:
        fs = _finalseg()
        tables = (fs.start_P, fs.trans_P, fs.emit_P)
        if name is not None:
            cachefiles.store(name, _packed(tables))
    _TABLES = tables
    return tables


def _tables_name() -> str | None:
    """The cache file of the HMM tables of this jieba, named by its version and its file."""
    try:
        st = os.stat(os.path.join(os.path.dirname(jieba.__file__), "finalseg", "prob_emit.py"))
    except OSError:
        return None
    key = hashlib.sha256(f"{jieba.__version__}:{st.st_size}:{st.st_mtime_ns}:"
                         f"{sys.byteorder}:{FORMAT}".encode()).hexdigest()[:16]
    return f"hmm-{key}.pickle"  # not "jieba-": those are pruned to the newest tries


def _packed(tables: tuple[dict[str, float], dict[str, dict[str, float]],
                          dict[str, dict[str, float]]]) -> tuple[Any, ...]:
    start, trans, emit = tables
    return (dict(start), {y: dict(t) for y, t in trans.items()},
            [("".join(emit[y]), array("d", emit[y].values()).tobytes()) for y in _STATES])


def _unpacked(stored: Any) -> tuple[dict[str, float], dict[str, dict[str, float]],
                                    dict[str, dict[str, float]]] | None:
    """The tables `_packed` stored; None if `stored` is not such a thing."""
    try:
        start, trans, emit = stored
        out: dict[str, dict[str, float]] = {}
        for y, (chars, raw) in zip(_STATES, emit, strict=True):
            numbers = array("d")
            numbers.frombytes(raw)
            if len(numbers) != len(chars):
                return None
            out[y] = dict(zip(chars, numbers.tolist(), strict=True))
        return start, trans, out
    except (TypeError, ValueError):
        return None


def forget() -> None:
    """Drop the memoized HMM cuts (with the tokenizer's memos, for a measured run)."""
    _HMM_MEMO.clear()


def hmm_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `finalseg.cut(text)` (jieba's HMM for characters its dictionary does
    not join), memoized per text. Its Han runs are cut by `_viterbi`, jieba's own
    arithmetic without its per-step lists and dicts; the rest is split as finalseg splits
    it. With force-split words registered, finalseg itself cuts."""
    got = _HMM_MEMO.get(text)
    if got is not None:
        return got
    out: list[tuple[int, int]] = []
    if _force_split_words():
        pos = 0
        for piece in _finalseg().cut(text):
            out.append((pos, pos + len(piece)))
            pos += len(piece)
    else:
        pos = 0
        for blk in _HAN_RUN.split(text):
            if _HAN_RUN.match(blk):
                _viterbi_spans(blk, pos, out)
            else:
                at = pos
                for x in _SKIP.split(blk):
                    if x:
                        out.append((at, at + len(x)))
                        at += len(x)
            pos += len(blk)
    if len(_HMM_MEMO) >= _HMM_MEMO_SIZE:
        _HMM_MEMO.clear()
    _HMM_MEMO[text] = out
    return out


def _viterbi_spans(run: str, pos: int, out: list[tuple[int, int]]) -> None:
    """finalseg's `__cut` of one Han run, as spans from `pos`: the same Viterbi sums in
    the same order ((previous + transition) + emission), ties to the greater state letter
    as max() on (prob, state) tuples breaks them, and the same words read off the path."""
    start_p, trans_p, emit_p = _TABLES or hmm_tables()
    eb, em, ee, es = (emit_p[y] for y in "BMES")
    # the transitions finalseg's PrevStatus allows: B <- E, S; M <- M, B; S <- S, E; E <- B, M
    t_eb = trans_p["E"].get("B", _MIN_FLOAT)
    t_sb = trans_p["S"].get("B", _MIN_FLOAT)
    t_mm = trans_p["M"].get("M", _MIN_FLOAT)
    t_bm = trans_p["B"].get("M", _MIN_FLOAT)
    t_ss = trans_p["S"].get("S", _MIN_FLOAT)
    t_es = trans_p["E"].get("S", _MIN_FLOAT)
    t_be = trans_p["B"].get("E", _MIN_FLOAT)
    t_me = trans_p["M"].get("E", _MIN_FLOAT)
    c = run[0]
    vb = start_p["B"] + eb.get(c, _MIN_FLOAT)
    vm = start_p["M"] + em.get(c, _MIN_FLOAT)
    ve = start_p["E"] + ee.get(c, _MIN_FLOAT)
    vs = start_p["S"] + es.get(c, _MIN_FLOAT)
    back: list[tuple[str, str, str, str]] = []  # per step: the previous state of B, M, E, S
    for c in run[1:]:
        # max([(V[y0] + trans + em_p, y0) for y0 in PrevStatus[y]]): ties to the greater y0
        e_p = eb.get(c, _MIN_FLOAT)
        p1, p2 = ve + t_eb + e_p, vs + t_sb + e_p  # B <- E, S
        nb, fb = (p2, "S") if p2 >= p1 else (p1, "E")
        e_p = em.get(c, _MIN_FLOAT)
        p1, p2 = vm + t_mm + e_p, vb + t_bm + e_p  # M <- M, B
        nm, fm = (p1, "M") if p1 >= p2 else (p2, "B")
        e_p = es.get(c, _MIN_FLOAT)
        p1, p2 = vs + t_ss + e_p, ve + t_es + e_p  # S <- S, E
        ns, fs = (p1, "S") if p1 >= p2 else (p2, "E")
        e_p = ee.get(c, _MIN_FLOAT)
        p1, p2 = vb + t_be + e_p, vm + t_me + e_p  # E <- B, M
        ne, fe = (p2, "M") if p2 >= p1 else (p1, "B")
        vb, vm, vs, ve = nb, nm, ns, ne
        back.append((fb, fm, fe, fs))
    state = "S" if vs >= ve else "E"  # max((V[y], y) for y in "ES")
    states = [state]
    slot = {"B": 0, "M": 1, "E": 2, "S": 3}
    for step in reversed(back):
        state = step[slot[state]]
        states.append(state)
    states.reverse()
    begin = nexti = 0
    for i, pos_tag in enumerate(states):
        if pos_tag == "B":
            begin = i
        elif pos_tag == "E":
            out.append((pos + begin, pos + i + 1))
            nexti = i + 1
        elif pos_tag == "S":
            out.append((pos + i, pos + i + 1))
            nexti = i + 1
    if nexti < len(run):
        out.append((pos + nexti, pos + len(run)))


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
