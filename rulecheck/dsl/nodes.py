"""The compiled form of a match expression: nodes that find hits in a unit.

Every node answers two questions about a unit of text (a sentence, a window, a
document): `hits(unit)`, the spans it matches, and `holds(unit, hit)`, whether it
is true as a condition on one hit. Matchers hold when they hit anywhere in the
unit; conditions such as `after(...)` or `negated()` only make sense for a hit
and never produce hits of their own.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rulecheck.dsl.regex import LinearPattern
from rulecheck.lazyre import LazyPattern

Hit = tuple[int, int]
#: How often a set of patterns occurs in ordinary text (see rulebook/frequency.py).
AnchorCost = Callable[[frozenset[int]], float]

#: Longer than any token a distance is ever measured over (Chinese words, English words,
#: numbers): a partner more than (N + 1) * MAX_TOKEN_CHARS characters away cannot be
#: within N tokens, so it is never looked at.
MAX_TOKEN_CHARS = 40

_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
            "==": operator.eq}


class Unit(Protocol):
    """What nodes need from the engine's unit of evaluation (see engine/unit.py)."""

    text: str  # the whole normalized text; offsets below are absolute
    start: int
    end: int

    def literal_hits(self, pid: int) -> list[Hit]: ...
    def hits_by_pattern(self) -> dict[int, list[Hit]]: ...
    def phrase_hits(self, node: Phrase) -> list[Hit]: ...
    def aligned(self, hit: Hit) -> bool: ...
    def token_gap(self, first: Hit, second: Hit, limit: int | None = None) -> int: ...
    def within(self, first: Hit, second: Hit, limit: int) -> bool: ...
    def squeezed(self, hit: Hit) -> bool: ...
    def squeezed_spans(self, pattern) -> list[Hit]: ...
    def notes(self) -> list[Hit]: ...
    def index_in(self, node: Node, start: int, end: int) -> HitIndex: ...
    def prices(self, start: int, end: int) -> list[float]: ...
    def entities(self, kind: str) -> list: ...
    def index(self, node: Node) -> HitIndex: ...


def reach(tokens: int) -> int:
    """Characters beyond which nothing can be within `tokens` word tokens."""
    return (tokens + 1) * MAX_TOKEN_CHARS


class HitIndex:
    """A node's hits in one unit, sorted once, so that a condition on a hit looks only at
    the hits near it: a document-wide unit then costs per hit what a sentence costs."""

    __slots__ = ("hits", "starts", "longest")

    def __init__(self, hits: list[Hit]):
        if not hits:  # most cue words are absent from most units
            self.hits, self.starts, self.longest = [], [], 0
            return
        self.hits = sorted(set(hits))
        self.starts = [h[0] for h in self.hits]
        self.longest = max((e - s for s, e in self.hits), default=0)

    def starting_in(self, lo: int, hi: int) -> list[Hit]:
        """Hits that start in [lo, hi)."""
        starts = self.starts
        return self.hits[bisect_left(starts, lo):bisect_left(starts, hi)]

    def ending_by(self, pos: int, within: int) -> list[Hit]:
        """Hits that end at or before `pos` and start at most `within` chars before it."""
        return [h for h in self.starting_in(pos - within - self.longest, pos) if h[1] <= pos]

    def overlapping(self, hit: Hit) -> list[Hit]:
        return [h for h in self.starting_in(hit[0] - self.longest, hit[1]) if h[1] > hit[0]]


class Node:
    is_condition = False

    def hits(self, u: Unit) -> list[Hit]:
        raise NotImplementedError

    def holds(self, u: Unit, hit: Hit | None) -> bool:
        return bool(self.hits(u))

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        """Pattern ids of which at least one must occur for a hit; None if unknown.

        Where several sets would do (both sides of `and`, `near`), `cost` picks the one
        that occurs least, so the fewest units are evaluated; without it, the left one.
        """
        return None

    def children(self) -> tuple[Node, ...]:
        return ()


class Condition(Node):
    """A node that only judges hits (negation, context, quotation); it never hits."""

    is_condition = True

    def hits(self, u: Unit) -> list[Hit]:
        return []


def _rarer(a: frozenset[int] | None, b: frozenset[int] | None,
           cost: AnchorCost | None) -> frozenset[int] | None:
    """Of two anchor sets that are both required, the one that occurs less."""
    if a is None or b is None:
        return a if b is None else b
    if cost is None:
        return a
    return b if cost(b) < cost(a) else a


def _merge(hits: list[Hit]) -> list[Hit]:
    return sorted(set(hits))


@dataclass
class Phrase(Node):
    literals: tuple[str, ...]
    lexicon: str | None = None
    token_exact: bool = False
    pids: tuple[int, ...] = ()

    def hits(self, u: Unit) -> list[Hit]:
        # its patterns' hits in the unit (sorted and distinct when there are several)
        out = u.phrase_hits(self)
        if self.token_exact and out:
            # a term with separators inserted inside has no word boundaries of its own
            out = [h for h in out if u.aligned(h) or u.squeezed(h)]
        return out

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        return frozenset(self.pids) if self.pids else None


@dataclass
class Regex(Node):
    """A /regex/, run by RE2 in time linear in the unit (see dsl/regex.py)."""

    pattern: LinearPattern
    #: Words of which every match holds one (dsl/required.py), set by the compiler when
    #: they are rarer than the regex's company: the regex's own anchors.
    pids: tuple[int, ...] = ()

    def hits(self, u: Unit) -> list[Hit]:
        found = self.pattern.spans(u.text, u.start, u.end)
        more = u.squeezed_spans(self.pattern)  # also across inserted separators
        return sorted(set(found) | set(more)) if more else found

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        # without a cost (window scope) a rule keeps the anchors of the words it reports
        return frozenset(self.pids) if self.pids and cost is not None else None


@dataclass
class EntityMatch(Node):
    kind: str
    op: str | None = None
    number: float | None = None

    def hits(self, u: Unit) -> list[Hit]:
        ents = u.entities(self.kind)
        if self.op is None:
            return [(e.start, e.end) for e in ents]
        cmp = _COMPARE[self.op]
        return [(e.start, e.end) for e in ents if e.value is not None and cmp(e.value, self.number)]


@dataclass
class PriceRatio(Node):
    factor: float

    def hits(self, u: Unit) -> list[Hit]:
        prices = [p for p in u.entities("PRICE") if p.value]
        out = []
        for i, first in enumerate(prices):
            for later in prices[i + 1:]:
                if first.value >= self.factor * later.value:
                    out.append((first.start, later.end))
        return out


@dataclass
class And(Node):
    left: Node
    right: Node

    def __post_init__(self) -> None:
        if self.left.is_condition and not self.right.is_condition:
            self.left, self.right = self.right, self.left
        self.is_condition = self.left.is_condition

    def hits(self, u: Unit) -> list[Hit]:
        return [h for h in self.left.hits(u) if self.right.holds(u, h)]

    def holds(self, u: Unit, hit: Hit | None) -> bool:
        # As a condition on an outer hit, both sides are judged against that hit
        # (matchers: anywhere in the unit; conditions: relative to the hit).
        if hit is not None or self.is_condition:
            return self.left.holds(u, hit) and self.right.holds(u, hit)
        return bool(self.hits(u))

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        if self.right.is_condition:
            return self.left.anchors(cost)
        return _rarer(self.left.anchors(cost), self.right.anchors(cost), cost)

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass
class Or(Node):
    left: Node
    right: Node

    def __post_init__(self) -> None:
        self.is_condition = self.left.is_condition or self.right.is_condition

    def hits(self, u: Unit) -> list[Hit]:
        return _merge(self.left.hits(u) + self.right.hits(u))

    def holds(self, u: Unit, hit: Hit | None) -> bool:
        return self.left.holds(u, hit) or self.right.holds(u, hit)

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        a, b = self.left.anchors(cost), self.right.anchors(cost)
        return None if a is None or b is None else a | b

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass
class Not(Condition):
    inner: Node
    def holds(self, u: Unit, hit: Hit | None) -> bool:
        return not self.inner.holds(u, hit)

    def children(self) -> tuple[Node, ...]:
        return (self.inner,)


@dataclass
class Near(Node):
    left: Node
    right: Node
    distance: int
    ordered: bool = False

    def hits(self, u: Unit) -> list[Hit]:
        lefts = self.left.hits(u)
        if not lefts:
            return []
        rights = u.index(self.right)
        if not rights.hits:
            return []
        far = reach(self.distance)
        out = []
        for a in lefts:
            before = [] if self.ordered else rights.ending_by(a[0], far)
            after = rights.starting_in(a[1], a[1] + far + 1)
            b = self._partner(u, a, before, after)
            if b is not None:
                out.append((min(a[0], b[0]), max(a[1], b[1])))
        return _merge(out)

    def _partner(self, u: Unit, a: Hit, before: list[Hit], after: list[Hit]) -> Hit | None:
        """The nearest partner of `a` within the distance (the first of equals); a lone
        candidate only needs to be within it, which often needs no tokens."""
        if len(before) + len(after) == 1:
            if before:
                return before[0] if u.within(before[0], a, self.distance) else None
            return after[0] if u.within(a, after[0], self.distance) else None
        best: tuple[int, Hit] | None = None
        for b in before:
            gap = u.token_gap(b, a, self.distance)
            if gap <= self.distance and (best is None or gap < best[0]):
                best = (gap, b)
        for b in after:
            gap = u.token_gap(a, b, self.distance)
            if gap <= self.distance and (best is None or gap < best[0]):
                best = (gap, b)
        return None if best is None else best[1]

    def anchors(self, cost: AnchorCost | None = None) -> frozenset[int] | None:
        return _rarer(self.left.anchors(cost), self.right.anchors(cost), cost)

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass
class Context(Condition):
    """after(X, N): an X hit ends at most N tokens before the hit; before(): after it."""

    inner: Node
    distance: int
    side: str  # "before_hit" (X precedes the hit) or "after_hit" (X follows it)
    def holds(self, u: Unit, hit: Hit | None) -> bool:
        if hit is None:
            return False
        found = u.index(self.inner)
        far = reach(self.distance)
        if self.side == "before_hit":
            return any(u.within(x, hit, self.distance) for x in found.ending_by(hit[0], far))
        return any(u.within(hit, x, self.distance)
                   for x in found.starting_in(hit[1], hit[1] + far + 1))

    def children(self) -> tuple[Node, ...]:
        return (self.inner,)


@dataclass
class Overlapping(Condition):
    inner: Node
    def holds(self, u: Unit, hit: Hit | None) -> bool:
        if hit is None:
            return False
        return bool(u.index(self.inner).overlapping(hit))

    def children(self) -> tuple[Node, ...]:
        return (self.inner,)


# The ASCII apostrophe is not a quotation mark: it is in every English contraction
# (it's the best, don't miss it), so it would make half of English talk "quoted".
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "《": "》"}


@dataclass
class Quoted(Condition):
    """The hit is mentioned, not used: inside quotation marks or right after meta talk."""

    meta: Context
    def holds(self, u: Unit, hit: Hit | None) -> bool:
        if hit is None:
            return False
        text, start, end = u.text, u.start, u.end
        for open_, close in _QUOTE_PAIRS.items():
            i = text.rfind(open_, start, hit[0])
            if i < 0:
                continue
            if open_ == close and text.count(open_, start, hit[0]) % 2 == 0:
                continue
            if close != open_ and text.find(close, i + 1, hit[0]) >= 0:
                continue
            if text.find(close, hit[1], end) >= 0:
                return True
        return self.meta.holds(u, hit)

    def children(self) -> tuple[Node, ...]:
        return (self.meta,)


_HAN_RUN = LazyPattern(r"[\u4e00-\u9fff]{2,}")
_LATIN_WORD = LazyPattern(r"[a-z]{3,}")
#: How far after a negator in a note the denied words may start (characters).
NOTE_REACH = 10


@dataclass
class Contradicted(Condition):
    """contradicted(): a run-sheet note or stage direction of the same script says the hit is
    not true - it denies the hit's words (【备注】不是真丝) or states another actual price
    (【备注】实际原价99) - so what the anchor says is false on the script's own showing."""

    negators: Node
    actual: Node | None

    def holds(self, u: Unit, hit: Hit | None) -> bool:
        if hit is None:
            return False
        notes = u.notes()
        if not notes or any(s <= hit[0] < e for s, e in notes):
            return False
        said = u.text[hit[0]:hit[1]]
        pieces = {run[i:i + k] for run in _HAN_RUN.findall(said)
                  for k in range(2, min(len(run), 4) + 1) for i in range(len(run) - k + 1)}
        pieces.update(_LATIN_WORD.findall(said))
        prices = u.prices(hit[0], hit[1])
        for s, e in notes:
            for neg in u.index_in(self.negators, s, e).hits:
                after = u.text[neg[1]:min(e, neg[1] + NOTE_REACH)]
                if any(p in after for p in pieces):
                    return True
            if prices and self.actual is not None and u.index_in(self.actual, s, e).hits:
                actual = u.prices(s, e)
                if actual and not set(prices) & set(actual):
                    return True
        return False

    def children(self) -> tuple[Node, ...]:
        return (self.negators,) if self.actual is None else (self.negators, self.actual)


def walk(node: Node):
    """Every node of a tree, depth first."""
    yield node
    for child in node.children():
        yield from walk(child)
