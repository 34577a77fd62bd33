"""Product type from the words: what each sentence is selling, with its evidence.

Registration marks (国妆特字, 蓝帽子, 械字号, 国药准字) name a product's legal kind and decide
for the whole document. Otherwise product nouns decide per sentence (面膜 -> cosmetics,
感冒药 -> drug, 燕窝饮品 -> food), and a sentence without one talks about the last product
named before it; a noun after a comparison or a denial (比感冒药还管用, 不是药) names what the
product is not. Drugs and devices exempt rules, so they need the clearest evidence: in a
sentence that also names any other kind of product, the other kind wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rulecheck.dsl.nodes import Hit, Node

#: How many sentences back a sentence without a product noun looks for one.
TOPIC_REACH = 6
#: Types that exempt rules: they lose to any other type named in the same sentence.
EXEMPTING = frozenset({"drug", "medical_device"})


@dataclass(frozen=True)
class ProductType:
    type: str
    evidence: str
    source: str  # "given" (--product-type), "mark" (a registration mark) or "words"

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "evidence": self.evidence, "source": self.source}


class ProductReader:
    """Per-sentence product types of one document, computed once on first use."""

    def __init__(self, text: str, sentences: list[tuple[int, int]],
                 find_sentence: Callable[[int], int | None],
                 hits_of: Callable[[Node], list[Hit]],
                 nouns: dict[str, Node], foils: Node | None,
                 mark: ProductType | None, notes: list[Hit] | None = None):
        self.text = text
        self.notes = notes or []  # run-sheet notes: a noun there is the crew's, not the pitch
        self.sentences = sentences
        self.find_sentence = find_sentence
        self.hits_of = hits_of
        self.nouns = nouns
        self.foils = foils
        self.mark = mark
        self._by_sentence: list[ProductType | None] | None = None

    def at(self, sentence: int) -> ProductType | None:
        if self.mark is not None:
            return self.mark
        if self._by_sentence is None:
            self._by_sentence = self._read()
        for i in range(sentence, max(sentence - TOPIC_REACH, -1), -1):
            got = self._by_sentence[i]
            if got is not None:
                return got
        return None

    def _read(self) -> list[ProductType | None]:
        named: list[dict[str, str]] = [{} for _ in self.sentences]
        foils = self.hits_of(self.foils) if self.foils is not None else []
        for ptype, node in self.nouns.items():
            for s, e in self.hits_of(node):
                if any(f[1] <= s and s - f[1] <= 4 for f in foils):
                    continue  # 比感冒药还, 不是药, like a drug: not what is sold
                if any(ns <= s < ne for ns, ne in self.notes):
                    continue  # (off camera: ...): not what is sold
                i = self.find_sentence(s)
                if i is not None:
                    named[i].setdefault(ptype, self.text[s:e])
        out: list[ProductType | None] = []
        for found in named:
            if not found:
                out.append(None)
                continue
            kinds = [t for t in found if t not in EXEMPTING] or list(found)
            ptype = kinds[0]
            out.append(ProductType(ptype, found[ptype], "words"))
        return out
