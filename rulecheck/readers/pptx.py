"""PowerPoint decks (.pptx): every paragraph of every slide, and the speaker notes.

Shapes are read in the slide's order, group shapes and table cells included; each
paragraph is a line of the synthesized text and a segment whose ``location`` is
``{"slide", "shape"}`` (plus ``"row"``, ``"column"`` for a table cell). The speaker
notes are what the host actually says over the slide, so they are checked too,
marked ``"notes": True``.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import Any

from rulecheck.errors import InputError
from rulecheck.model import Document
from rulecheck.readers.archive import check_zip, failure
from rulecheck.readers.located import Piece, synthesize
from rulecheck.readers.optional import require


def _paragraphs(frame: Any, where: dict[str, Any]) -> Iterator[Piece]:
    for paragraph in frame.paragraphs:
        yield Piece(paragraph.text, dict(where))


def _shape(shape: Any, slide: int) -> Iterator[Piece]:
    where: dict[str, Any] = {"slide": slide, "shape": shape.name}
    if getattr(shape, "shapes", None) is not None:  # a group: its members in order
        for member in shape.shapes:
            yield from _shape(member, slide)
    elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield from _paragraphs(shape.text_frame, where)
    elif getattr(shape, "has_table", False) and shape.has_table:
        for r, row in enumerate(shape.table.rows, 1):
            for c, cell in enumerate(row.cells, 1):
                if not cell.is_spanned:  # a merged cell's text is in its origin cell
                    yield from _paragraphs(cell.text_frame, {**where, "row": r, "column": c})


def _deck(prs: Any) -> Iterator[Piece]:
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            yield from _shape(shape, number)
        if slide.has_notes_slide:
            notes = slide.notes_slide
            frame = notes.notes_text_frame
            if frame is not None:
                yield from _paragraphs(frame, {"slide": number,
                                               "shape": notes.notes_placeholder.name,
                                               "notes": True})


def read(data: bytes, path: str) -> Document:
    check_zip(data, path, ".pptx")
    pptx = require("pptx", "python-pptx", path, ".pptx files")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            prs = pptx.Presentation(io.BytesIO(data))
            pieces = list(_deck(prs))
            slides = len(prs.slides)
    except InputError:
        raise
    except Exception as exc:  # zip, XML (lxml) and package errors share no base class
        raise failure(path, ".pptx", exc) from None
    return synthesize(pieces, path, "pptx", metadata={"slides": slides})
