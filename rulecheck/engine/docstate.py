"""Per-document working state: normalized text, anchor hits, lazily computed tokens.

Caches are keyed by span so that every rule evaluated on the same sentence reuses
the same tokenization and entity extraction.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, KeysView, Mapping
from operator import itemgetter
from typing import TypeVar

from rulecheck.dsl.nodes import HitIndex
from rulecheck.dsl.required import Need
from rulecheck.engine.scan import Hit, Scanner
from rulecheck.text.entities import Entity, find_entities
from rulecheck.text.tokenize import word_tokens

#: Characters of context tokenized on each side of a hit (None: the whole unit). Wide
#: enough that jieba's choices at the hit match whole-sentence segmentation; a test
#: compares both on the labelled corpus.
WINDOW_MARGIN: int | None = 10

#: A phrase asked about in this many units of one document has its hits gathered from the
#: whole text once (DocState.phrase_hits); before that each unit's table of hits is used.
GATHER_AFTER = 8

#: A whole text with at most this many literal hits (a stream window, a short script) has
#: its table of hits by pattern built at once, as a plain dict, which is probed in C.
SMALL_TABLE = 4096

TokenizerFn = Callable[[str, str], list[tuple[int, int]]]  # (text, lang) -> tokens


class DocState:
    def __init__(self, text: str, hits: dict[int, list[Hit]], tokenize: TokenizerFn,
                 scanner: Scanner, window_margin: int | None = WINDOW_MARGIN,
                 every: list[tuple[int, int, int]] | None = None):
        """`hits`: the anchors' hits by pattern; `every`: all literal hits, anchors and
        condition words, as sorted (start, end, pattern), if the scan has found them."""
        self.text = text
        self.window_margin = window_margin
        self.hits = hits
        self.scanner = scanner
        self._units: dict[tuple[int, int], dict[int, list[Hit]]] = {}
        self._pieces: dict[tuple[int, int], set[int]] = {}
        self._all: list[tuple[int, int, int]] | None = every
        self._tokenize = tokenize
        self._tokens: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
        self._bounds: dict[tuple[int, int, str], tuple[set[int], set[int]]] = {}
        self._words: dict[tuple[int, int, str], tuple[list[int], list[int]]] = {}
        self._entities: dict[tuple[str, int, int], list[Entity]] = {}
        self.squeezed: set[Hit] = set()
        # run-sheet notes and stage directions (context/notes.py): spans not spoken to buyers
        self.notes: list[Hit] = []
        # separators inserted inside words (engine/evasion.py) and the evasions found so far
        self.gaps: list[Hit] = []
        self.evasions: dict[Hit, str] = {}
        # unit span -> its text without inserted separators (see UnitView.squeezed_spans)
        self.squeezed_views: dict[Hit, tuple[str, list[int], list[bool]] | None] = {}
        # (id of a compiled node, unit start, unit end) -> its hits; the nodes belong to
        # the rulebook, which outlives this state
        self.node_hits: dict[tuple[int, int, int], HitIndex] = {}
        # id of a phrase node -> its hits in the whole text and their starts (phrase_hits)
        self._phrases: dict[int, tuple[list[Hit], list[int]]] = {}
        self._asked: dict[int, int] = {}  # id of a phrase node -> units asked about so far

    def unit_hits(self, start: int, end: int) -> dict[int, list[Hit]]:
        """Every literal hit (anchors and condition words) inside [start, end), by pattern."""
        key = (start, end)
        got = self._units.get(key)
        if got is None:
            if start <= 0 and end >= len(self.text):  # the whole text (product nouns)
                if self._all is None:
                    self._all = self._all_hits()
                flat = self._all
                whole = self._units[key] = (_AllHits(flat) if len(flat) > SMALL_TABLE
                                            else _HitTable.of(flat))
                return whole  # type: ignore[return-value]
            got = self._units[key] = _by_pattern(self._slice(start, end), {}, end)
        return got

    def phrase_hits(self, key: int, pids: tuple[int, ...], start: int, end: int) -> list[Hit]:
        """The hits of these patterns inside [start, end), as `unit_hits` gives them: one
        pattern's as they come, several patterns' sorted and distinct. Gathered once per
        document for all units (`key`: the id of the phrase node, which outlives this state),
        so a unit needs no table of every literal hit in it: a judged line or window is
        looked at for a few cue lexicons among thousands of patterns hit. A phrase asked
        about in only a few units reads their tables instead (GATHER_AFTER)."""
        got = self._phrases.get(key)
        if got is None:
            asked = self._asked.get(key, 0) + 1
            if asked < GATHER_AFTER:  # a phrase asked about in a few units only
                self._asked[key] = asked
                return self._unit_phrase_hits(pids, start, end)
            got = self._phrases[key] = self._gather(pids)
        hits, starts = got
        if not hits:
            return []
        lo = bisect_left(starts, start)
        return [h for h in hits[lo:bisect_left(starts, end, lo)] if h[1] <= end]

    def _unit_phrase_hits(self, pids: tuple[int, ...], start: int, end: int) -> list[Hit]:
        """phrase_hits from the unit's table of literal hits."""
        present = self.unit_hits(start, end)
        return _joined(_hit_lists(pids, present, present), len(pids))

    def _gather(self, pids: tuple[int, ...]) -> tuple[list[Hit], list[int]]:
        """The hits of these patterns in the whole text, as phrase_hits slices them."""
        whole: _AllHits | _HitTable = self.unit_hits(0, len(self.text))  # type: ignore[assignment]
        hits = _joined(_hit_lists(pids, whole, whole.pids()), len(pids))
        return hits, [h[0] for h in hits]

    def unit_pieces(self, start: int, end: int) -> set[int] | KeysView[int]:
        """The patterns with a hit inside [start, end)."""
        got = self._units.get((start, end))
        if got is not None:
            return got.keys()
        key = (start, end)
        pieces = self._pieces.get(key)
        if pieces is None:
            pieces = self._pieces[key] = {pid for s, e, pid in self._slice(start, end)
                                          if e <= end}
        return pieces

    def _slice(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The hits that start in [start, end), sorted."""
        flat = self._all
        if flat is None:
            flat = self._all = self._all_hits()
        if start <= 0 and end >= len(self.text):
            return flat
        return flat[bisect_left(flat, (start,)):bisect_left(flat, (end,))]

    def may_hit(self, need: Need, start: int, end: int) -> bool:
        """Whether a rule's necessary condition (dsl/required.py) holds in text[start:end]."""
        if self._gapped(start, end):
            # a regex there also reads the text without the separators, and records the
            # evasions it finds there: every rule is evaluated as it was
            return True
        present = self.unit_pieces(start, end)
        if need[0] == "piece" and not need[2]:
            return not present.isdisjoint(need[1])
        return _holds(need, present, self.text[start:end])

    def _gapped(self, start: int, end: int) -> bool:
        """Whether a separator was inserted in text[start:end]."""
        gaps = self.gaps
        if not gaps:
            return False
        i = bisect_left(gaps, (start,))
        return i < len(gaps) and gaps[i][0] < end

    def _all_hits(self) -> list[tuple[int, int, int]]:
        """Anchor and condition hits of the whole text as sorted (start, end, pattern),
        when the scan did not give them: condition words looked up in one pass."""
        found = self.scanner.scan_conditions(self.text, 0, len(self.text))
        flat = [(s, e, pid) for hits in (self.hits, found) for pid, hs in hits.items()
                for s, e in hs]
        flat.sort()
        return flat

    def tokens(self, start: int, end: int, lang: str) -> list[tuple[int, int]]:
        key = (start, end, lang)
        toks = self._tokens.get(key)
        if toks is None:
            local = self._tokenize(self.text[start:end], lang)
            toks = [(s + start, e + start) for s, e in local]
            self._tokens[key] = toks
        return toks

    def boundaries(self, start: int, end: int, lang: str) -> tuple[set[int], set[int]]:
        key = (start, end, lang)
        b = self._bounds.get(key)
        if b is None:
            toks = self.tokens(start, end, lang)
            b = ({s for s, _ in toks}, {e for _, e in toks})
            self._bounds[key] = b
        return b

    def word_positions(self, start: int, end: int, lang: str) -> tuple[list[int], list[int]]:
        key = (start, end, lang)
        w = self._words.get(key)
        if w is None:
            words = word_tokens(self.text, self.tokens(start, end, lang))
            w = ([s for s, _ in words], [e for _, e in words])
            self._words[key] = w
        return w

    def entities(self, kind: str, start: int, end: int) -> list[Entity]:
        key = (kind, start, end)
        ents = self._entities.get(key)
        if ents is None:
            ents = find_entities(kind, self.text, start, end)
            self._entities[key] = ents
        return ents


def _holds(need: Need, present: set[int] | KeysView[int], unit: str) -> bool:
    """Whether `need` holds in a unit with these patterns hit and this text."""
    kind = need[0]
    if kind == "piece":
        if need[1] and not present.isdisjoint(need[1]):
            return True
        for word in need[2]:
            if word in unit:
                return True
        return False
    if kind == "all":
        for part in need[1]:
            if not _holds(part, present, unit):
                return False
        return True
    for part in need[1]:
        if _holds(part, present, unit):
            return True
    return False


def _hit_lists(pids: tuple[int, ...], table: Mapping[int, list[Hit]],
               present: Collection[int]) -> list[list[Hit]]:
    """The non-empty hit lists of `pids` in `table` (`present`: the patterns it holds),
    probing whichever of the two is shorter."""
    if len(pids) <= len(present):
        return [got for got in map(table.get, pids) if got]
    wanted = frozenset(pids)
    return [got for pid in present if pid in wanted and (got := table.get(pid))]


def _joined(lists: list[list[Hit]], patterns: int) -> list[Hit]:
    """One pattern's hits as they come; several patterns' sorted and distinct."""
    if patterns == 1:
        return list(lists[0]) if lists else []
    return sorted({h for got in lists for h in got})


_Table = TypeVar("_Table", bound=dict[int, list[Hit]])


def _by_pattern(hits: Iterable[tuple[int, int, int]], table: _Table,
                end: int | None = None) -> _Table:
    """`table` filled with `hits` grouped by pattern, each pattern's in the order given;
    with `end`, only the hits that end by it."""
    for s, e, pid in hits:
        if end is None or e <= end:
            got = table.get(pid)
            if got is None:
                table[pid] = [(s, e)]
            else:
                got.append((s, e))
    return table


class _HitTable(dict[int, list[Hit]]):
    """Every hit of a short whole text by pattern, as `_AllHits` gives them."""

    @classmethod
    def of(cls, flat: list[tuple[int, int, int]]) -> _HitTable:
        return _by_pattern(sorted(flat, key=itemgetter(2)), cls())  # stable: by start

    def pids(self) -> list[int]:
        """The patterns hit, each once, in order."""
        return list(self)


class _AllHits(Mapping[int, list[Hit]]):
    """Every hit of the whole text by pattern, as `unit_hits` gives a unit's: sorted by
    pattern once (in C), each pattern's list made only when it is asked for, since a
    whole-text unit is asked about a few lexicons among thousands of patterns hit."""

    def __init__(self, flat: list[tuple[int, int, int]]):
        self._by_pid = sorted(flat, key=itemgetter(2))  # stable: by start within a pattern
        self._pids = list(map(itemgetter(2), self._by_pid))
        self._lists: dict[int, list[Hit]] = {}
        self._distinct: list[int] | None = None

    def get(self, pid: int, default: list[Hit] | None = None) -> list[Hit] | None:  # type: ignore[override]
        got = self._lists.get(pid)
        if got is None:
            pids = self._pids
            lo = bisect_left(pids, pid)
            if lo == len(pids) or pids[lo] != pid:
                return default
            got = self._lists[pid] = [(s, e) for s, e, _ in
                                      self._by_pid[lo:bisect_right(pids, pid, lo)]]
        return got

    def __getitem__(self, pid: int) -> list[Hit]:
        got = self.get(pid)
        if got is None:
            raise KeyError(pid)
        return got

    def __contains__(self, pid: object) -> bool:
        pids = self._pids
        i = bisect_left(pids, pid)  # type: ignore[arg-type]
        return i < len(pids) and pids[i] == pid

    def pids(self) -> list[int]:
        """The patterns hit, each once, in order."""
        if self._distinct is None:
            self._distinct = list(dict.fromkeys(self._pids))
        return self._distinct

    def __iter__(self) -> Iterator[int]:
        return iter(self.pids())

    def __len__(self) -> int:
        return len(self.pids())
