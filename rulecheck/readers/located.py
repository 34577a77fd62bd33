"""A document synthesized from pieces of text that each know where they sit.

Spreadsheets, PDFs and decks hold no running text to point into: their pieces
(cells, page lines, shape paragraphs) are written one per line, and each becomes
a segment carrying its ``location`` (sheet and cell, page, slide and shape), so
a finding says where to look in the source file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rulecheck.model import Document, Segment
from rulecheck.readers.spans import trim
from rulecheck.safetext import scrub

#: Line breaks inside a piece (Excel's Alt+Enter, PowerPoint's vertical tab) become "\n".
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\u2028": "\n", "\u2029": "\n",
                         "\x0c": "\n", "\x00": None})


def column_letter(col: int) -> str:
    """A spreadsheet's name of the 0-based column ``col``: A … Z, AA …"""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


@dataclass
class Piece:
    text: str
    location: dict[str, Any]
    speaker: str | None = None


def synthesize(pieces: Iterable[Piece], path: str, input_format: str, *,
               segments_only: bool = False, metadata: dict[str, Any] | None = None
               ) -> Document:
    """Pieces joined by line breaks, one segment per non-blank piece.

    ``segments_only`` joins the pieces for checking as a transcript's segments are
    joined (a PDF's lines wrap mid-sentence); otherwise each piece ends its sentence.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for piece in pieces:
        body = scrub(piece.text.replace("\r\n", "\n").translate(_BREAKS))
        s, e = trim(body, 0, len(body))
        if s == e:
            continue
        body = body[s:e]
        if parts:
            pos += 1  # the "\n" between pieces
        segments.append(Segment(len(segments), pos, pos + len(body), speaker=piece.speaker,
                                location=piece.location))
        parts.append(body)
        pos += len(body)
    meta: dict[str, Any] = {"synthesized_text": True, **(metadata or {})}
    if segments_only:
        meta["segments_only"] = True
    return Document(text="\n".join(parts), path=path, segments=segments,
                    input_format=input_format, metadata=meta)
