"""Offsets into the original text: lines, trimmed spans, and text runs between markup.

Readers keep ``Document.text`` equal to the decoded file, so every segment is a
``(start, end)`` span of it; these helpers compute such spans without copying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rulecheck.lazyre import LazyPattern
from rulecheck.model import Segment

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: Subtitle markup that is not spoken text: HTML-like tags (<i>, <v Name>, <00:01.000>),
#: ASS override blocks ({\an8}) and character references (&amp;).
_MARKUP = LazyPattern(r"</?[A-Za-z][^<>\r\n]*>|<\d[\d:.]*>|\{\\[^{}\r\n]*\}"
                     r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_VOICE = LazyPattern(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")


def lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(1-based line number, start, end) of each line, without its line break."""
    number = 0
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.start() > 0:
            break  # the empty match after a final line break
        number += 1
        body = m.group().rstrip("\r\n")
        yield number, m.start(), m.start() + len(body)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def text_runs(text: str, start: int, end: int,
              voice: str | None = None) -> list[tuple[int, int, str | None]]:
    """Spans of ``text[start:end]`` outside subtitle markup, each with the voice speaking it.

    A ``<v Name>`` tag sets the voice until ``</v>``; the spans together hold
    exactly the spoken text, so checking them never sees a tag.
    """
    runs: list[tuple[int, int, str | None]] = []
    pos = start
    for m in _MARKUP.finditer(text, start, end):
        s, e = trim(text, pos, m.start())
        if s < e:
            runs.append((s, e, voice))
        tag = m.group()
        v = _VOICE.fullmatch(tag)
        if v:
            voice = v.group(1).strip() or voice
        elif tag.startswith("</v"):
            voice = None
        pos = m.end()
    s, e = trim(text, pos, end)
    if s < e:
        runs.append((s, e, voice))
    return runs


def add_cue(segments: list[Segment], text: str, start: int, end: int, cue: int,
            times: tuple[float, float]) -> int:
    """Append a subtitle cue's text runs as segments; return the next cue index."""
    runs = text_runs(text, start, end)
    for s, e, voice in runs:
        segments.append(Segment(cue, s, e, times[0], times[1], voice))
    return cue + 1 if runs else cue
