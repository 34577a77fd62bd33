"""SubRip subtitles: one segment per cue, over the cue's text lines only.

Parsed here rather than with the ``srt`` package because segments must be spans
of the original file (cue numbers and timing lines are never checked) and a
malformed cue must be reported with its line number.
"""

from __future__ import annotations

import re

from rulecheck.errors import InputError
from rulecheck.model import Document, Segment
from rulecheck.readers.spans import add_cue, lines
from rulecheck.readers.timing import parse_timestamp

_TIMING = re.compile(r"\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?")
_NUMBER = re.compile(r"\s*\d+\s*")


def parse_timing(line: str) -> tuple[float, float] | None:
    """(start, end) seconds of an ``a --> b`` line, or None if the line is not one."""
    m = _TIMING.fullmatch(line)
    if not m:
        return None
    start, end = parse_timestamp(m.group(1)), parse_timestamp(m.group(2))
    if start is None or end is None:
        return None
    return start, end


def read(text: str, path: str) -> Document:
    rows = [(n, text[s:e], s, e) for n, s, e in lines(text)]
    segments: list[Segment] = []
    cue = 0
    i = 0
    while i < len(rows):
        number, line, _, _ = rows[i]
        if not line.strip():
            i += 1
            continue
        if _NUMBER.fullmatch(line):
            i += 1
            if i >= len(rows) or not rows[i][1].strip():
                raise InputError(f"{path}:{number}: cue {line.strip()} has no timing line")
            number, line, _, _ = rows[i]
        times = parse_timing(line)
        if times is None:
            shown = line.strip()[:40]
            raise InputError(f"{path}:{number}: malformed SRT: expected a timing line "
                             f"'00:00:01,000 --> 00:00:02,000', found {shown!r}")
        i += 1
        first = i
        while i < len(rows) and rows[i][1].strip():
            if parse_timing(rows[i][1]) or (
                    _NUMBER.fullmatch(rows[i][1]) and i + 1 < len(rows)
                    and parse_timing(rows[i + 1][1])):
                break  # the next cue starts without a blank line before it
            i += 1
        if i > first:
            cue = add_cue(segments, text, rows[first][2], rows[i - 1][3], cue, times)
    return Document(text=text, path=path, segments=segments, input_format="srt")
