"""The compact forms the cached rulebook holds behave as the plain ones they replace."""

from __future__ import annotations

import pickle

from rulecheck.dsl.patterns import PatternTable
from rulecheck.engine.scan import Scanner, _Lookup, _TrieLookup
from rulecheck.rulebook.compiler import Aliases, CompiledRule, Lexicons, _interned
from rulecheck.rulebook.lexicons import Lexicon
from rulecheck.rulebook.rule import BadCase, Examples, Rule


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
    assert back.literals == literals
    again = pickle.loads(pickle.dumps(back))  # a loaded scanner pickles as it came
    assert again.scan_all("最 好的cure", {}) == scanner.scan_all("最 好的cure", {})
    assert again.literals == literals and again.pairs == back.pairs


def test_lookup_reports_every_index_of_a_repeated_pattern() -> None:
    lookup = _Lookup(["好", "最好", "好"])
    found = lookup.find_matches_as_indexes("最好")
    assert found == [(1, 0, 2), (0, 1, 2), (2, 1, 2)]
    cached = pickle.loads(pickle.dumps(lookup))
    assert isinstance(cached, _TrieLookup) and cached.find_matches_as_indexes("最好") == found
    assert pickle.loads(pickle.dumps(cached)).find_matches_as_indexes("最好好") == \
        lookup.find_matches_as_indexes("最好好")


def test_a_cached_rule_reads_its_expressions_when_first_used() -> None:
    rule = CompiledRule("the rule", ("match",), None, ("downgrade",), frozenset({1}),
                        ("sentence", 0), ("piece", frozenset({1})))
    back = pickle.loads(pickle.dumps(rule))
    assert "match" not in back.__dict__ and back.need == ("piece", frozenset({1}))
    assert back.anchors == frozenset({1}) and "match" not in back.__dict__
    assert back.match == ("match",) and back.unless is None and back.downgrade == ("downgrade",)
    assert back == rule and pickle.loads(pickle.dumps(back)) == rule
    assert pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(rule)))) == rule  # unread


def test_lexicons_are_read_one_by_one() -> None:
    lexicons = {name: Lexicon(name, (f"{name}1", f"{name}2"), "", "zh", f"{name}.yaml")
                for name in ("negators", "product_food", "other")}
    back = pickle.loads(pickle.dumps(Lexicons(lexicons)))
    assert list(back) == list(lexicons) and len(back) == 3 and "other" in back
    assert back["negators"] == lexicons["negators"] and "other" not in back._loaded
    assert dict(back) == lexicons and back.get("missing") is None
    assert dict(pickle.loads(pickle.dumps(back))) == lexicons


def test_interned_shares_equal_values() -> None:
    alike: dict = {}
    a = _interned(("all", (frozenset({1, 2}), ("piece", frozenset({3})))), alike)
    b = _interned(("all", (frozenset({2, 1}), ("piece", frozenset({3})))), alike)
    assert a is b and a[1][0] is b[1][0]


def test_a_cached_rule_reads_its_examples_when_first_used() -> None:
    examples = Examples(["最好的[[面霜]]"], ["好的面霜"], [BadCase("最好的面霜", ((3, 5),))])
    rule = Rule(id="AD-ZH-001", category="absolute_terms", family="superlative",
                severity="error", lang="zh", title="t", law="l", message="m", match="m",
                examples=examples, description="why")
    back = pickle.loads(pickle.dumps(rule))
    assert "examples" not in back.__dict__ and back.id == "AD-ZH-001"
    assert back.description == "why" and back.examples == examples and back == rule
    assert pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(rule)))) == rule
    assert not hasattr(back, "no_such_field")
