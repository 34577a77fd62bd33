"""The compiled form of a match expression: nodes that find hits in a unit.

Every node answers two questions about a unit of text (a sentence, a window, a
document): `hits(unit)`, the spans it matches, and `holds(unit, hit)`, whether it
is true as a condition on one hit. Matchers hold when they hit anywhere in the
unit; conditions such as `after(...)` or `negated()` only make sense for a hit
and never produce hits of their own.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Protocol

Hit = tuple[int, int]

_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
            "==": operator.eq}


class Unit(Protocol):
    """What nodes need from the engine's unit of evaluation (see engine/unit.py)."""

    text: str  # the whole normalized text; offsets below are absolute
    start: int
    end: int

    def literal_hits(self, pid: int) -> list[Hit]: ...
    def hits_by_pattern(self) -> dict[int, list[Hit]]: ...
    def aligned(self, hit: Hit) -> bool: ...
    def token_gap(self, first: Hit, second: Hit, limit: int | None = None) -> int: ...
    def squeezed(self, hit: Hit) -> bool: ...
    def entities(self, kind: str) -> list: ...


class Node:
    is_condition = False

    def hits(self, u: Unit) -> list[Hit]:
        raise NotImplementedError

    def holds(self, u: Unit, hit: Hit | None) -> bool:
        return bool(self.hits(u))

    def anchors(self) -> frozenset[int] | None:
        """Pattern ids of which at least one must occur for a hit; None if unknown."""
        return None

    def children(self) -> tuple[Node, ...]:
        return ()


class Condition(Node):
    """A node that only judges hits (negation, context, quotation); it never hits."""

    is_condition = True

    def hits(self, u: Unit) -> list[Hit]:
        return []


def _merge(hits: list[Hit]) -> list[Hit]:
    return sorted(set(hits))


@dataclass
class Phrase(Node):
    literals: tuple[str, ...]
    lexicon: str | None = None
    token_exact: bool = False
    pids: tuple[int, ...] = ()

    def hits(self, u: Unit) -> list[Hit]:
        out: list[Hit] = []
        present = u.hits_by_pattern()
        if len(self.pids) <= len(present):
            for pid in self.pids:
                got = present.get(pid)
                if got:
                    out.extend(got)
        else:
            pidset = self._pidset()
            for pid, got in present.items():
                if pid in pidset:
                    out.extend(got)
        if self.token_exact and out:
            # a term with separators inserted inside has no word boundaries of its own
            out = [h for h in out if u.aligned(h) or u.squeezed(h)]
        return _merge(out) if len(self.pids) > 1 else out

    def _pidset(self) -> frozenset[int]:
        cached = self.__dict__.get("_pids_frozen")
        if cached is None:
            cached = self.__dict__["_pids_frozen"] = frozenset(self.pids)
        return cached

    def anchors(self) -> frozenset[int] | None:
        return frozenset(self.pids) if self.pids else None


@dataclass
class Regex(Node):
    pattern: re.Pattern[str]

    def hits(self, u: Unit) -> list[Hit]:
        found = self.pattern.finditer(u.text, u.start, u.end)
        return [m.span() for m in found if m.end() > m.start()]


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

    def anchors(self) -> frozenset[int] | None:
        a = self.left.anchors()
        return a if a is not None else (None if self.right.is_condition else self.right.anchors())

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

    def anchors(self) -> frozenset[int] | None:
        a, b = self.left.anchors(), self.right.anchors()
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
        rights = self.right.hits(u)
        out = []
        for a in lefts:
            best: tuple[int, Hit] | None = None  # the nearest partner of each left hit
            for b in rights:
                if a[1] <= b[0]:
                    gap = u.token_gap(a, b, self.distance)
                elif b[1] <= a[0] and not self.ordered:
                    gap = u.token_gap(b, a, self.distance)
                else:
                    continue  # overlapping hits are the same words, not two things near
                if gap <= self.distance and (best is None or gap < best[0]):
                    best = (gap, b)
            if best is not None:
                b = best[1]
                out.append((min(a[0], b[0]), max(a[1], b[1])))
        return _merge(out)

    def anchors(self) -> frozenset[int] | None:
        a = self.left.anchors()
        return a if a is not None else self.right.anchors()

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
        for x in self.inner.hits(u):
            if self.side == "before_hit" and x[1] <= hit[0]:
                if u.token_gap(x, hit, self.distance) <= self.distance:
                    return True
            elif self.side == "after_hit" and x[0] >= hit[1]:
                if u.token_gap(hit, x, self.distance) <= self.distance:
                    return True
        return False

    def children(self) -> tuple[Node, ...]:
        return (self.inner,)


@dataclass
class Overlapping(Condition):
    inner: Node
    def holds(self, u: Unit, hit: Hit | None) -> bool:
        if hit is None:
            return False
        return any(x[0] < hit[1] and hit[0] < x[1] for x in self.inner.hits(u))

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
        before = u.text[u.start:hit[0]]
        after = u.text[hit[1]:u.end]
        for open_, close in _QUOTE_PAIRS.items():
            i = before.rfind(open_)
            if i < 0:
                continue
            if open_ == close and before.count(open_) % 2 == 0:
                continue
            if close != open_ and before.find(close, i + 1) >= 0:
                continue
            if close in after:
                return True
        return self.meta.holds(u, hit)

    def children(self) -> tuple[Node, ...]:
        return (self.meta,)


def walk(node: Node):
    """Every node of a tree, depth first."""
    yield node
    for child in node.children():
        yield from walk(child)
