"""The plain-Python replay of spaCy's English tokenizer cuts exactly where spaCy does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck.text import entok
from rulecheck.text.tokenize import EnglishTokenizer

spacy = pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parents[1]

#: Constructions the tokenizer has special paths for: contractions and abbreviations
#: (special cases), emoticons cut apart by the affix split (the special-case matcher),
#: URLs and e-mail addresses, infixes, runs of white space and punctuation.
TRICKY = [
    "", " ", "\n", "  \n\t ", " leading and trailing  ", "a  b   c\n\nd\t e",
    "I'm sure you'll love it, don't you? Y'all can't say it ain't 'cause it's cheap.",
    ":) :-) :( ;) <3 o.O ^_^ (: :P xD", "Buy it now!!! ...really?! (limited) [sic] {x}",
    "Dr. Smith, Ph.D., said U.S.A. sales rose 3.5% on Jan. 5 at 10 a.m. vs. 9p.m.",
    "Visit https://shop.example.com/deal?id=42&x=1. or www.example.org, mail me@x.io!",
    "state-of-the-art, 50/50, 3x-faster, $9.99/mo, £5, 10kg, 5'11\", e.g. i.e. etc.",
    "the \"best\" 'ever' — guaranteed… 100%-natural; FDA-approved: cures* everything",
    "can't,won't,shouldn't've (won't) \"can't\" -can't- 'tis o'clock rock'n'roll",
]


def _lines() -> list[str]:
    """English text the repository ships, development parts only."""
    out: list[str] = list(TRICKY)
    corpora = ROOT / "corpora"
    for path in (corpora / "real" / "en.jsonl", corpora / "labelled" / "en.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get("part") != "holdout" and isinstance(item.get("text"), str):
                out.append(item["text"])
    for path in sorted((ROOT / "rulecheck" / "rules").rglob("*.yaml")):
        out.extend(path.read_text(encoding="utf-8").splitlines())
    return out


@pytest.fixture(scope="module")
def rules() -> entok.SpacyRules:
    got = entok.load_rules()
    if got is None:
        pytest.skip("no cache directory for the tokenizer rules")
    return got


def test_same_spans_as_spacy(rules: entok.SpacyRules) -> None:
    nlp = spacy.blank("en")
    differ = []
    for text in _lines():
        want = [(t.idx, t.idx + len(t.text)) for t in nlp.make_doc(text)]
        if rules.tokens(text) != want:
            differ.append(text)
    assert not differ, differ[:3]


def test_tokenizer_uses_the_replay(rules: entok.SpacyRules) -> None:
    tok = EnglishTokenizer()
    text = "Don't miss it :) https://x.example/a."
    assert tok.tokens(text) == rules.tokens(text)
