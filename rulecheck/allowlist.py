"""Allowlisted brand and product names: 最生活 is a brand, not a superlative.

A finding is dropped when its matched text lies inside an occurrence of an
allowlisted term in the original text. Matching ignores case and full/half
width (NFKC) so ``ＢＥＳＴ Buy`` and ``best buy`` are the same name; it never
widens a finding's span, so 最生活最好用 still reports the second 最好.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from rulecheck.model import Finding


def _fold(text: str) -> str:
    """Per-character NFKC + casefold, keeping offsets when each char maps to one char."""
    out = []
    for ch in text:
        f = unicodedata.normalize("NFKC", ch).casefold()
        out.append(f if len(f) == 1 else ch.casefold() if len(ch.casefold()) == 1 else ch)
    return "".join(out)


def occurrences(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of every allowlisted term in ``text`` (offsets into ``text``)."""
    terms = [t for t in {_fold(t.strip()) for t in terms} if t]
    if not terms or not text:
        return []
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    for term in terms:  # overlapping names (第一坊 / 坊间第一) each count
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    return sorted(spans)


def apply(text: str, findings: Iterable[Finding], terms: Sequence[str]) -> list[Finding]:
    """The findings whose matched text is not inside an allowlisted name."""
    findings = list(findings)
    if not terms or not findings:
        return findings
    spans = occurrences(text, terms)
    if not spans:
        return findings
    return [f for f in findings if not any(s <= f.start and f.end <= e for s, e in spans)]
