"""Short texts are scanned by dictionary lookups until the automata pay for themselves; the
hits must be exactly those of the automata, on every kind of text."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest

from rulecheck.engine import scan
from rulecheck.engine.checker import Checker
from rulecheck.text.normalize import normalize

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _lines(limit: int = 400) -> list[str]:
    out: list[str] = []
    for name in ("labelled/zh.jsonl", "labelled/en.jsonl"):
        with open(CORPORA / name, encoding="utf-8") as f:
            out.extend(json.loads(line)["text"] for line in f if line.strip())
    random.Random(5).shuffle(out)
    return [normalize(t).text for t in out[:limit]]


@pytest.fixture(scope="module")
def scanner() -> scan.Scanner:
    return Checker()._scanner


def _both(patterns: list[str]) -> tuple[scan._Lookup, scan._Finder]:
    automaton = scan._automaton(patterns)
    assert automaton is not None
    return scan._Lookup(patterns), automaton


def test_lookup_finds_what_the_automaton_finds(scanner: scan.Scanner) -> None:
    scanner._all_patterns()  # a cached scanner's lists come joined
    anchors = _both(scanner._patterns)
    conditions = _both(scanner._lazy_patterns)
    texts = _lines()
    texts.append("".join(texts[:60]))  # one long run of mixed text
    for lookup, automaton in (anchors, conditions):
        cached = pickle.loads(pickle.dumps(lookup))  # the trie a cached scanner holds
        assert isinstance(cached, scan._TrieLookup)
        for text in texts:
            expected = sorted(automaton.find_matches_as_indexes(text, overlapping=True),
                              key=lambda m: (m[2], m[1]))
            assert lookup.find_matches_as_indexes(text) == expected
            assert cached.find_matches_as_indexes(text) == expected


def test_overlapping_and_repeated_patterns() -> None:
    patterns = ["最", "最好", "好", "最好", "ab", "b", "abc", "bc"]
    lookup, automaton = _both(patterns)
    cached = pickle.loads(pickle.dumps(lookup))
    for text in ["最好最好", "abcabc", "xxabcbc最好好", ""]:
        assert sorted(lookup.find_matches_as_indexes(text)) == \
            sorted(automaton.find_matches_as_indexes(text, overlapping=True))
        assert cached.find_matches_as_indexes(text) == lookup.find_matches_as_indexes(text)


def test_the_automata_are_built_once_enough_text_has_come(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "LOOKUP_CHARS", 100)
    s = scan.Scanner(["最好", "全网最低"], anchors={0, 1})
    short = s.scan("这是最好的")
    assert isinstance(s._ac, scan._Lookup)
    s.scan("全网最低" * 30)
    assert s._ac is not None and not isinstance(s._ac, scan._Lookup)
    assert s.scan("这是最好的") == short


def test_a_check_gives_the_same_findings_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(_lines(120))
    monkeypatch.setattr(scan, "LOOKUP_CHARS", 10**9)
    looked_up = [f.to_dict() for f in Checker(rulebook=Checker().rulebook).check_text(text)]
    monkeypatch.setattr(scan, "LOOKUP_CHARS", 0)
    with_automata = [f.to_dict() for f in Checker(rulebook=Checker().rulebook)
                     .check_text(text)]
    assert looked_up and looked_up == with_automata


def test_a_cached_scanner_builds_its_automaton_when_asked() -> None:
    """A stream asks for the automaton up front; a scanner read back from the cache holds
    its lookups as a trie and its patterns joined, and must still build it then rather
    than in the middle of the stream."""
    fresh = scan.Scanner(["最好", "全网最低", "第一"], anchors={0, 1, 2}).derive()
    cached = pickle.loads(pickle.dumps(fresh))
    assert isinstance(cached._ac, scan._TrieLookup)
    cached.build_automaton()
    assert not isinstance(cached._ac, (scan._Lookup, scan._TrieLookup))
    assert cached.scan("全网最低，第一") == fresh.scan("全网最低，第一")
