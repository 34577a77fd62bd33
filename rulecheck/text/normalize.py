"""Normalization for matching: NFKC, full/half width, lower case, no invisibles, simplified,
typographic apostrophes as ASCII.

The normalized text is what rules see; the OffsetMap leads every hit back to the
original characters. Most characters map one to one, so they go through a single
`str.translate`; only characters whose normal form has another length (ligatures,
circled numbers, zero-width marks) are handled one by one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rulecheck.text.offsets import OffsetMap
from rulecheck.text.recode import compile_cached

TABLES_VERSION = "2"

#: Typographic apostrophes and single quotation marks, read as ASCII ' (can’t is can't,
#: ‘No refunds’ is 'No refunds'; context/quotes.py tells an apostrophe from a quotation mark).
APOSTROPHES = "\u2018\u2019\u201b\u02bc\u2032"
#: Invisible characters that are dropped: zero-width space/joiners, marks, BOM, soft hyphen.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"


def _fold(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    out = []
    for c in folded:
        low = c.lower()
        out.append(low if len(low) == 1 else c)
    return "".join(out)


def _traditional_to_simplified() -> dict[int, str]:
    """Character-level traditional -> simplified pairs, taken from OpenCC's t2s conversion.

    Applied per character (not per phrase) so that offsets stay one to one; for
    matching rule terms the phrase-level refinements of OpenCC do not matter.
    """
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return {}
    han = "".join(chr(c) for c in range(0x3400, 0x4DC0)) + \
        "".join(chr(c) for c in range(0x4E00, 0xA000))
    converted = opencc.OpenCC("t2s").convert("\n".join(han)).split("\n")
    if len(converted) != len(han):
        return {}
    return {ord(a): b for a, b in zip(han, converted, strict=True) if a != b and len(b) == 1}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """The tables, from the on-disk cache when it holds them for this Unicode version."""
    from rulecheck import cachefiles

    name = f"normalize-{TABLES_VERSION}-{unicodedata.unidata_version}.pickle"
    cached = cachefiles.load(name)
    if isinstance(cached, tuple) and len(cached) == 2:
        table, klass = cached
        return table, compile_cached(klass)
    table, klass = _build_tables()
    cachefiles.store(name, (table, klass))
    return table, compile_cached(klass)


def _build_tables() -> tuple[dict[int, str], str]:
    """One-to-one translate table for the BMP, and a regex of the characters it cannot do."""
    table: dict[int, str] = _traditional_to_simplified()
    special: list[str] = []
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if ch in INVISIBLE:
            special.append(ch)
            continue
        folded = _fold(ch)
        if folded == ch:
            continue
        if len(folded) == 1:
            table[code] = folded
        else:
            special.append(ch)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    # Astral letters and digits that NFKC folds (mathematical alphanumerics, enclosed forms).
    astral = "\U0001d400-\U0001d7ff\U0001f100-\U0001f1ff"
    klass = "".join(re.escape(c) for c in special)
    return table, f"[{klass}{astral}]"


@dataclass
class Normalized:
    text: str
    offsets: OffsetMap


def normalize(text: str) -> Normalized:
    """Fold `text` for matching and keep the offsets back to it."""
    if text.isascii():
        return Normalized(text.lower(), OffsetMap.identity(len(text)))
    table, special = _tables()
    folded = text.translate(table)
    if not special.search(text):
        return Normalized(folded, OffsetMap.identity(len(text)))
    parts: list[str] = []
    offsets = OffsetMap()
    norm_pos = 0
    last = 0
    for m in special.finditer(text):
        if m.start() > last:
            chunk = folded[last:m.start()]
            parts.append(chunk)
            offsets.add(norm_pos, last, len(chunk), len(chunk))
            norm_pos += len(chunk)
        ch = m.group()
        out = "" if ch in INVISIBLE else _fold(ch)
        parts.append(out)
        offsets.add(norm_pos, m.start(), len(out), len(ch))
        norm_pos += len(out)
        last = m.end()
    if last < len(text):
        chunk = folded[last:]
        parts.append(chunk)
        offsets.add(norm_pos, last, len(chunk), len(chunk))
    return Normalized("".join(parts), offsets)
