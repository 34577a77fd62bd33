"""Typographic apostrophes and single quotes read as ASCII ones.

Copy written in a word processor has can’t, it’s and ‘quoted’ words with U+2018/U+2019; a
negation or a quotation must be understood the same whatever the keyboard made.
"""

from __future__ import annotations

import pytest

import rulecheck
from rulecheck.context.quotes import enclosing_quote
from rulecheck.text.normalize import normalize

FLAGGING = frozenset({"warning", "error"})

SENTENCES = [
    "We don't sell replicas of any brand, only authentic stock.",
    "You can't call a serum 'the best in the world' without proof.",
    "It's the cheapest price on the internet, guys, don't miss it.",
    "Our tea won't cure diabetes, and we'd never say it does.",
    "This cream isn't a treatment for eczema, it's a moisturizer.",
    "Honestly it's the best moisturizer in the world, I'd swear to it.",
]


@pytest.fixture
def checker(bundled_checker: rulecheck.Checker) -> rulecheck.Checker:
    return bundled_checker


def _typographic(text: str) -> str:
    """ASCII apostrophes as U+2019, and a quotation's opening mark as U+2018."""
    out = []
    for i, ch in enumerate(text):
        if ch == "'" and (i == 0 or not text[i - 1].isalnum()):
            out.append("\u2018")
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out)


def _seen(findings: list) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.start, f.end, f.severity) for f in findings]


def test_folding_keeps_offsets_one_for_one() -> None:
    text = "We don\u2019t sell \u2018replicas\u2019 \u02bcat all\u02bc"
    norm = normalize(text)
    assert norm.text == "we don't sell 'replicas' 'at all'"
    assert norm.offsets.span(0, len(norm.text)) == (0, len(text))


@pytest.mark.parametrize("text", SENTENCES)
def test_typographic_text_is_judged_as_ascii_text(checker: rulecheck.Checker,
                                                   text: str) -> None:
    curly = _typographic(text)
    assert curly != text
    plain = _seen(checker.check_text(text, lang="en"))
    assert _seen(checker.check_text(curly, lang="en")) == plain


def test_negations_with_curly_apostrophes_are_negations(checker: rulecheck.Checker) -> None:
    claim = "This tea cures diabetes."
    denied = "This tea doesn\u2019t cure diabetes."
    assert [f for f in checker.check_text(claim, lang="en") if f.severity in FLAGGING]
    assert not [f for f in checker.check_text(denied, lang="en") if f.severity in FLAGGING]


def test_single_quotes_between_han_characters_still_quote() -> None:
    text = normalize("今天这款就当礼物给你们\u2018炸\u2019了").text
    start = text.index("炸")
    assert enclosing_quote(text, 0, len(text), (start, start + 1)) is not None
    latin = normalize("it\u2019s the seller\u2019s best").text
    best = latin.index("best")
    assert enclosing_quote(latin, 0, len(latin), (best, best + 4)) is None
