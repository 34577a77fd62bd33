"""WebVTT subtitles: one segment per cue, speaker taken from ``<v Name>`` voice tags.

Tags are not spoken text, so a cue whose text has tags inside it becomes several
segments with the same index, one per run of text between tags; each still
points at the original file and carries the voice that speaks it.
"""

from __future__ import annotations

import re

from rulecheck.errors import InputError
from rulecheck.model import Document, Segment
from rulecheck.readers.spans import add_cue, lines
from rulecheck.readers.srt import parse_timing

_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")


def read(text: str, path: str) -> Document:
    rows = [(n, text[s:e], s, e) for n, s, e in lines(text)]
    if not rows or not _HEADER.fullmatch(rows[0][1]):
        if not text.strip():
            return Document(text=text, path=path, input_format="vtt")
        raise InputError(f"{path}:1: not a WebVTT file (the first line must be 'WEBVTT')")
    i = 1
    while i < len(rows) and rows[i][1].strip():
        i += 1  # header metadata lines
    segments: list[Segment] = []
    cue = 0
    while i < len(rows):
        number, line, _, _ = rows[i]
        if not line.strip():
            i += 1
            continue
        if _SKIPPED_BLOCK.fullmatch(line) and "-->" not in line:
            while i < len(rows) and rows[i][1].strip():
                i += 1
            continue
        if "-->" not in line:  # a cue identifier
            i += 1
            if i >= len(rows) or "-->" not in rows[i][1]:
                raise InputError(f"{path}:{number}: malformed WebVTT: cue "
                                 f"{line.strip()[:40]!r} has no timing line after it")
            number, line, _, _ = rows[i]
        times = parse_timing(line)
        if times is None:
            raise InputError(f"{path}:{number}: malformed WebVTT timing line "
                             f"{line.strip()[:60]!r} (expected '00:00:01.000 --> 00:00:02.000')")
        i += 1
        first = i
        while i < len(rows) and rows[i][1].strip() and "-->" not in rows[i][1]:
            i += 1
        if i > first:
            cue = add_cue(segments, text, rows[first][2], rows[i - 1][3], cue, times)
    return Document(text=text, path=path, segments=segments, input_format="vtt")
