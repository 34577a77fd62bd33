"""Where each character of a paragraph's checked text sits: which run, and where in it.

The checked text of a paragraph is the text of its own runs and of its hyperlinks'
runs, carriage returns dropped (python-docx's ``Paragraph.text``, read by
readers/word.py). To mark a span, the runs are split where the span starts or ends
inside one; both halves keep a copy of the run's properties, so the span becomes a
whole number of runs and nothing else in the paragraph moves.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

#: Run children that python-docx turns into text (``CT_R.text``); anything else is
#: empty text (properties, drawings, field characters, comment references).
TEXT_TAGS = frozenset(qn(t) for t in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab",
                                       "w:t", "w:tab"))
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Placed:
    """A run and the paragraph-local offsets of its checked text."""

    run: Any
    start: int
    end: int


def checked(text: str) -> str:
    return text.replace("\r", "")


def _pieces(run: Any) -> list[tuple[Any, str]]:
    """The run's children after its properties, each with the text it contributes."""
    return [(c, str(c) if c.tag in TEXT_TAGS else "") for c in run
            if c.tag != qn("w:rPr")]


def layout(p: Any) -> list[Placed]:
    """The text runs of paragraph element ``p`` in order, with their offsets."""
    out: list[Placed] = []
    pos = 0
    for r in p.xpath("w:r | w:hyperlink/w:r"):
        n = sum(len(checked(t)) for _, t in _pieces(r))
        out.append(Placed(r, pos, pos + n))
        pos += n
    return out


def _split_run(run: Any, keep: int) -> Any:
    """Move everything after the first ``keep`` checked characters of ``run`` into a
    new run placed right after it (with a copy of its properties); returns the new run."""
    new = copy.deepcopy(run)
    for child in list(new):
        if child.tag != qn("w:rPr"):
            new.remove(child)
    left = keep
    for child, text in _pieces(run):
        n = len(checked(text))
        if left <= 0:
            new.append(child)  # moves it
        elif n > left:  # only a w:t holds more than one character
            cut = _raw_index(text, left)
            child.text = text[:cut]
            tail = copy.deepcopy(child)
            tail.text = text[cut:]
            for t in (child, tail):
                t.set(XML_SPACE, "preserve")
            new.append(tail)
        left -= n
    run.addnext(new)
    return new


def _raw_index(text: str, count: int) -> int:
    """The index in ``text`` after its first ``count`` characters that are not CR."""
    seen = 0
    for i, ch in enumerate(text):
        if ch != "\r":
            if seen == count:
                return i
            seen += 1
    return len(text)


def split_at(p: Any, offsets: Iterable[int]) -> None:
    """Split the runs of ``p`` so that every offset falls between two runs."""
    for k in sorted(set(offsets), reverse=True):  # right to left: earlier runs keep offsets
        for placed in layout(p):
            if placed.start < k < placed.end:
                _split_run(placed.run, k - placed.start)
                break


def runs_between(p: Any, start: int, end: int) -> list[Any]:
    """The runs that exactly hold ``[start, end)`` once ``split_at`` cut at both ends
    (empty runs strictly inside the span included)."""
    out = []
    for placed in layout(p):
        if placed.end > placed.start:
            if start <= placed.start and placed.end <= end:
                out.append(placed.run)
        elif start < placed.start < end:
            out.append(placed.run)
    return out


def run_at(p: Any, pos: int) -> tuple[Any, bool] | None:
    """Where a point at ``pos`` goes: (run, True) to go before that run, (run, False) to
    go after it; None in a paragraph without runs."""
    placed = layout(p)
    for pl in placed:
        if pl.start >= pos and pl.end > pl.start:
            return pl.run, True
    return (placed[-1].run, False) if placed else None
