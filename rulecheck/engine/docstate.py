"""Per-document working state: normalized text, anchor hits, lazily computed tokens.

Caches are keyed by span so that every rule evaluated on the same sentence reuses
the same tokenization and entity extraction.
"""

from __future__ import annotations

from collections.abc import Callable

from rulecheck.engine.scan import Hit, Scanner, hits_within
from rulecheck.text.entities import Entity, find_entities
from rulecheck.text.tokenize import word_tokens

TokenizerFn = Callable[[str, str], list[tuple[int, int]]]  # (text, lang) -> tokens


class DocState:
    def __init__(self, text: str, hits: dict[int, list[Hit]], tokenize: TokenizerFn,
                 scanner: Scanner):
        self.text = text
        self.hits = hits
        self.scanner = scanner
        self._lazy: dict[tuple[int, int], dict[int, list[Hit]]] = {}
        self._tokenize = tokenize
        self._tokens: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
        self._bounds: dict[tuple[int, int, str], tuple[set[int], set[int]]] = {}
        self._words: dict[tuple[int, int, str], tuple[list[int], list[int]]] = {}
        self._entities: dict[tuple[str, int, int], list[Entity]] = {}
        self.squeezed: set[Hit] = set()

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
