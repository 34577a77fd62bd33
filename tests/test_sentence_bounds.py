"""Where an English period ends a sentence and where it only ends an abbreviation."""

from __future__ import annotations

import pytest

from rulecheck.text.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "Family bakery, Est. 2004 in Leeds.",
    "Rated the No. 3 blender by shoppers.",
    "Ask Dr. Patel what she thinks of it.",
    "Sold by Mr. Green's shop since May.",
    "Sourced in the U.K. and packed here.",
    "Take it with food, e.g. after lunch.",
    "Packed by Acme Inc. under licence.",
    "Offer ends Nov. 30 at midnight.",
    "Weighs approx. 2 kg with the lid.",
    "Creams, balms, etc. are all half price.",
])
def test_an_abbreviation_stays_inside_its_sentence(text: str) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("It is the best. You will love it.", ["It is the best.", "You will love it."]),
    ("this is the best. you will love it.", ["this is the best.", "you will love it."]),
    ("I said no. you can't return it.", ["I said no.", "you can't return it."]),
    ("Come on in. we have deals.", ["Come on in.", "we have deals."]),
    ("Plan A. Then plan B.", ["Plan A.", "Then plan B."]),
    ("Made in the U.S. Shipping is free.", ["Made in the U.S.", "Shipping is free."]),
    ("Open every day etc. Call us.", ["Open every day etc.", "Call us."]),
])
def test_a_sentence_still_ends_at_its_period(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_chinese_text_is_split_as_before() -> None:
    expected = ["全网最低价。", "今天下单。", "No.1 品牌"]
    assert _sentences("全网最低价。今天下单。No.1 品牌") == expected
