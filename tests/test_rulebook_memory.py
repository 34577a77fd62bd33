"""The compact forms the cached rulebook holds behave as the plain ones they replace."""

from __future__ import annotations

import pickle

from rulecheck.dsl.patterns import PatternTable
from rulecheck.engine.scan import Scanner, _Lookup
from rulecheck.rulebook.compiler import Aliases, _interned


def test_aliases_round_trip() -> None:
    rows = [("最 好", 3, "separated"), ("嘬好", 3, "variant"), ("best", 7, "separated")]
    aliases = pickle.loads(pickle.dumps(Aliases(rows)))
    assert list(aliases) == rows and aliases == rows
    assert len(aliases) == 3 and aliases[1] == rows[1] and sorted(aliases) == sorted(rows)
    assert not Aliases()


def test_pattern_table_from_cache_adds_after_its_literals() -> None:
    table = PatternTable()
    for word in ("最好", "第一", "best"):
        table.add(word)
    table.shared["k"] = object()
    back = pickle.loads(pickle.dumps(table))
    assert back.literals == ["最好", "第一", "best"] and back.shared == {}
    assert back.add("第一") == 1 and back.add("new") == 3


def test_scanner_from_pickle_finds_the_same() -> None:
    literals = ["best", "最好", "好", "cure", "治愈"]
    scanner = Scanner(literals, [("最 好", 1, "separated")], {0, 1, 3}, frozenset({1}), {4})
    back = pickle.loads(pickle.dumps(scanner.derive()))
    for text in ("the best cure, bestseller", "最好的，最 好。好", "incurable治愈"):
        assert back.scan_all(text, {}) == scanner.scan_all(text, {})
        assert back.scan_conditions(text, 0, len(text)) == scanner.scan_conditions(
            text, 0, len(text))
    assert back.pairs == {"最好", "最 ", " 好"}  # the anchor and its evasive spelling


def test_lookup_reports_every_index_of_a_repeated_pattern() -> None:
    found = _Lookup(["好", "最好", "好"]).find_matches_as_indexes("最好")
    assert found == [(1, 0, 2), (0, 1, 2), (2, 1, 2)]


def test_interned_shares_equal_values() -> None:
    alike: dict = {}
    a = _interned(("all", (frozenset({1, 2}), ("piece", frozenset({3})))), alike)
    b = _interned(("all", (frozenset({2, 1}), ("piece", frozenset({3})))), alike)
    assert a is b and a[1][0] is b[1][0]
