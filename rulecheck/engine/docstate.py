"""Per-document working state: normalized text, anchor hits, lazily computed tokens.

Caches are keyed by span so that every rule evaluated on the same sentence reuses
the same tokenization and entity extraction.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from rulecheck.dsl.nodes import HitIndex
from rulecheck.engine.scan import Hit, Scanner, hits_within
from rulecheck.text.entities import Entity, find_entities
from rulecheck.text.tokenize import word_tokens

#: Characters of context tokenized on each side of a hit (None: the whole unit). Wide
#: enough that jieba's choices at the hit match whole-sentence segmentation; a test
#: compares both on the labelled corpus.
WINDOW_MARGIN: int | None = 10

TokenizerFn = Callable[[str, str], list[tuple[int, int]]]  # (text, lang) -> tokens


class DocState:
    def __init__(self, text: str, hits: dict[int, list[Hit]], tokenize: TokenizerFn,
                 scanner: Scanner, window_margin: int | None = WINDOW_MARGIN):
        self.text = text
        self.window_margin = window_margin
        self.hits = hits
        self.scanner = scanner
        self._lazy: dict[tuple[int, int], dict[int, list[Hit]]] = {}
        self._units: dict[tuple[int, int], dict[int, list[Hit]]] = {}
        flat = sorted((s, e, pid) for pid, hs in hits.items() for s, e in hs)
        self._flat = flat
        self._flat_starts = [h[0] for h in flat]
        self._tokenize = tokenize
        self._tokens: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
        self._bounds: dict[tuple[int, int, str], tuple[set[int], set[int]]] = {}
        self._words: dict[tuple[int, int, str], tuple[list[int], list[int]]] = {}
        self._entities: dict[tuple[str, int, int], list[Entity]] = {}
        self.squeezed: set[Hit] = set()
        # (id of a compiled node, unit start, unit end) -> its hits; the nodes belong to
        # the rulebook, which outlives this state
        self.node_hits: dict[tuple[int, int, int], HitIndex] = {}

    def unit_hits(self, start: int, end: int) -> dict[int, list[Hit]]:
        """Every literal hit (anchors and condition words) inside [start, end), by pattern."""
        key = (start, end)
        got = self._units.get(key)
        if got is None:
            got = {}
            i = bisect_left(self._flat_starts, start)
            flat = self._flat
            while i < len(flat) and flat[i][0] < end:
                s, e, pid = flat[i]
                if e <= end:
                    got.setdefault(pid, []).append((s, e))
                i += 1
            for pid, hs in self.scanner.scan_conditions(self.text, start, end).items():
                got.setdefault(pid, []).extend(hs)
            self._units[key] = got
        return got

    def literal_hits(self, pid: int, start: int, end: int) -> list[Hit]:
        if pid in self.scanner.scanned:
            hits = self.hits.get(pid)
            return hits_within(hits, start, end) if hits else []
        found = self._lazy.get((start, end))
        if found is None:
            found = self._lazy[(start, end)] = self.scanner.scan_conditions(self.text, start, end)
        return found.get(pid, [])

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
