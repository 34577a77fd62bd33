"""A rule's own words: which negators inside a hit belong to the rule itself.

A hit of several parts (保证 … 有效) is denied by a negator between its parts (保证不了有效),
but not by one of the rule's own words (不退不换 is what the rule looks for). A rule with a
regex has words the table cannot name, so no negator inside its hits is judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rulecheck.dsl import nodes as n
from rulecheck.engine.unit import UnitView
from rulecheck.rulebook.compiler import CompiledRule

OwnTest = Callable[[UnitView, int], bool]


class OwnWords:
    """Per rule, a test `own(unit, pos)`: does `pos` lie inside one of the rule's words.

    None for a rule whose own words hold a negator (不退不换, don't need to label): its
    negations are what it looks for, never a denial of its claim.
    """

    def __init__(self, negators: Iterable[str] = ()) -> None:
        self._tests: dict[str, OwnTest | None] = {}
        negators = list(negators)
        # one alternation each, searched once per literal: a rule's lexicons hold hundreds
        # of literals, and a substring test per negator made the first judgement of a rule
        # cost tens of milliseconds
        self._han = _any_of(t for t in negators if not t.isascii())
        self._latin = _any_of(f" {t} " for t in negators if t.isascii())

    def of(self, cr: CompiledRule) -> OwnTest | None:
        rid = cr.rule.id
        if rid not in self._tests:
            self._tests[rid] = self._build(cr)
        return self._tests[rid]

    def _negative(self, literal: str) -> bool:
        return bool((self._han is not None and self._han.search(literal))
                    or (self._latin is not None and self._latin.search(f" {literal} ")))

    def _build(self, cr: CompiledRule) -> OwnTest | None:
        pids: set[int] = set()
        for node in n.walk(cr.match):
            if isinstance(node, n.Regex):
                return None
            if isinstance(node, n.Phrase):
                if any(self._negative(lit) for lit in node.literals):
                    return None
                pids.update(node.pids)
        return _own_test(frozenset(pids))


def _any_of(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern found in a text where any of the words is (None for no words)."""
    words = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def _own_test(frozen: frozenset[int]) -> OwnTest:

    def own(u: UnitView, pos: int) -> bool:
        for pid, hits in u.hits_by_pattern().items():
            if pid in frozen and any(s <= pos < e for s, e in hits):
                return True
        return False

    return own
