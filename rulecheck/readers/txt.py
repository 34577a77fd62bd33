"""Plain text and Markdown scripts: one segment per non-empty line."""

from __future__ import annotations

from rulecheck.lazyre import LazyPattern
from rulecheck.model import Document, Segment
from rulecheck.readers.spans import lines, trim

#: Markdown line prefixes that are layout, not words: headings, quotes, list bullets.
_MD_PREFIX = LazyPattern(r"[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?")
_MD_FENCE = LazyPattern(r"[ \t]*(```|~~~)")


def line_segments(text: str, markdown: bool = False) -> list[Segment]:
    segments: list[Segment] = []
    in_fence = False
    for _, start, end in lines(text):
        if markdown:
            if _MD_FENCE.match(text, start, end):
                in_fence = not in_fence
                continue
            if not in_fence:
                start = _MD_PREFIX.match(text, start, end).end()
        s, e = trim(text, start, end)
        if s < e:
            segments.append(Segment(len(segments), s, e))
    return segments


def read(text: str, path: str, markdown: bool = False) -> Document:
    return Document(text=text, path=path, segments=line_segments(text, markdown),
                    input_format="md" if markdown else "txt")
