"""Per-sentence language detection for mixed Chinese/English text, by script counts."""

from __future__ import annotations

import re

from rulecheck.text.recode import compile_cached

_HAN = compile_cached(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]{2,}")


def has_han(text: str) -> bool:
    """Whether the text has any Han character (Chinese words need other matching)."""
    return _HAN.search(text) is not None


def detect_langs(sentence: str) -> frozenset[str]:
    """Languages a (normalized, lower-case) sentence is written in: zh, en or both.

    A sentence counts as Chinese when it has Han characters, and as English when it
    has at least two Latin words that make up a real share of it, so 加V信 or a brand
    name inside Chinese talk does not make it English.
    """
    han = len(_HAN.findall(sentence))
    words = _LATIN_WORD.findall(sentence)
    latin = sum(len(w) for w in words)
    langs = set()
    if han:
        langs.add("zh")
    if len(words) >= 2 and latin >= han:
        langs.add("en")
    if not langs:  # numbers, symbols, a lone Latin word: could be either
        langs.update(("zh", "en"))
    return frozenset(langs)
