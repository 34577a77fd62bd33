"""Marked examples: ``全网[[最好用]]的面霜`` pins the span a rule must report.

As LanguageTool's ``<marker>``: an example that only says "fires somewhere" passes
when the rule fires on the wrong words; a marked one names them.
"""

from __future__ import annotations

OPEN, CLOSE = "[[", "]]"


class MarkerError(ValueError):
    """Unbalanced or nested markers in an example."""


def parse_marked(example: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The example without markers, and the marked spans as offsets into that text."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    while True:
        i = example.find(OPEN, pos)
        j = example.find(CLOSE, pos)
        if i < 0:
            if j >= 0:
                raise MarkerError(f"']]' without '[[' in {example!r}")
            out.append(example[pos:])
            break
        if 0 <= j < i:
            raise MarkerError(f"']]' without '[[' in {example!r}")
        out.append(example[pos:i])
        length += i - pos
        k = example.find(CLOSE, i + 2)
        if k < 0:
            raise MarkerError(f"'[[' without ']]' in {example!r}")
        inner = example[i + 2:k]
        if OPEN in inner:
            raise MarkerError(f"nested '[[' in {example!r}")
        if not inner:
            raise MarkerError(f"empty marker in {example!r}")
        out.append(inner)
        spans.append((length, length + len(inner)))
        length += len(inner)
        pos = k + 2
    return "".join(out), tuple(spans)


def mark(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """``text`` with each (non-overlapping) span wrapped in markers."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        out += [text[pos:start], OPEN, text[start:end], CLOSE]
        pos = end
    out.append(text[pos:])
    return "".join(out)
