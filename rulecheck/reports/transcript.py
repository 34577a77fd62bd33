"""The text panel of the HTML report: the original text, row by row, findings marked.

Rows are what a reader recognises: a transcript's segments (with their start times
and speakers) or a script's lines. The rows are an ordered list: a script's line
numbers are the list's own (``value`` only after a gap), a transcript's times and
speakers are attributes the stylesheet shows, and each finding opens one
``<mark>`` carrying only its key and classes: its rule, title and message are in the
finding list, once. So the markup around a long transcript stays a small fraction of
its text (a report at most about three times the size of its input).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from rulecheck.model import Document, Finding
from rulecheck.reports.common import clock
from rulecheck.reports.highlight import Highlighter, Span


def cat_class(category: str) -> str:
    return "cat-" + "".join(c if c.isalnum() or c == "_" else "-" for c in category)


def sev_class(severity: str) -> str:
    return "sev-" + "".join(c if c.isalnum() else "-" for c in severity)


def located(doc: Document, f: Finding) -> bool:
    return 0 <= f.start < f.end <= len(doc.text) and doc.text[f.start:f.end] == f.text


@dataclass
class Row:
    """One row: the stretches of the original text it shows, and its gutter."""

    pieces: list[tuple[int, int]]
    gutter: str
    speaker: str = ""


def line_rows(text: str) -> list[Row]:
    rows, pos = [], 0
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":  # the newline ending the last line
        lines.pop()
    for number, line in enumerate(lines, start=1):
        rows.append(Row([(pos, pos + len(line.rstrip("\r")))], str(number)))
        pos += len(line) + 1
    return rows


def _covers_all(rows: Sequence[Row], findings: Sequence[Finding]) -> bool:
    """Every finding overlaps some row piece.

    With the pieces sorted by start, those starting before a finding's end are a
    prefix; one of them reaches into the finding when the largest end in that prefix
    lies past the finding's start.
    """
    pieces = sorted(p for row in rows for p in row.pieces)
    starts = [a for a, _ in pieces]
    reach, top = [], -1
    for _, b in pieces:
        top = max(top, b)
        reach.append(top)
    for f in findings:
        i = bisect.bisect_left(starts, f.end) - 1
        if i < 0 or reach[i] <= f.start:
            return False
    return True


def segment_rows(doc: Document, findings: Sequence[Finding]) -> tuple[list[Row], bool]:
    """The rows to show, and whether their gutters hold times.

    Transcripts and tables are shown segment by segment, which hides the SRT numbering,
    JSON keys or CSV syntax around the words; pieces of one segment (a CSV cell cut by
    escaped quotes) share a row. If a finding lies outside every segment, the text is
    shown line by line instead, so that nothing is lost.
    """
    rows: list[Row] = []
    last_index: int | None = None
    timed = doc.timed
    line, counted = 1, 0  # line number at offset `counted` (segments come in text order)
    for s in doc.segments:
        if s.end <= s.start:
            continue
        if rows and s.index == last_index:
            rows[-1].pieces.append((s.start, s.end))
            continue
        last_index = s.index
        if timed:
            gutter = clock(s.start_time) if s.start_time is not None else ""
        else:
            if s.start >= counted:
                line += doc.text.count("\n", counted, s.start)
            else:
                line = doc.text.count("\n", 0, s.start) + 1
            counted = s.start
            gutter = str(line)
        rows.append(Row([(s.start, s.end)], gutter, s.speaker or ""))
    if rows and _covers_all(rows, findings):
        return rows, timed
    return line_rows(doc.text), False


def render_transcript(doc: Document, findings: Sequence[Finding],
                      keys: Mapping[int, str]) -> str:
    """The text panel: one ``<p>`` per row, findings as ``<mark>`` elements."""
    shown = [f for f in findings if located(doc, f)]
    spans = [Span(key=keys[id(f)], start=f.start, end=f.end,
                  classes=f"finding {sev_class(f.severity)} {cat_class(f.category)}")
             for f in shown]
    hl = Highlighter(doc.text, spans)
    rows, timed = segment_rows(doc, shown)
    out = [f'<ol class="transcript{" timed" if timed else ""}">']
    previous = 0
    for row in rows:
        attrs = f' data-s="{escape(row.speaker, quote=True)}"' if row.speaker else ""
        if timed:
            attrs = f' data-n="{escape(row.gutter, quote=True)}"{attrs}'
        else:  # the list numbers its rows; a row after a gap says where it is
            number = int(row.gutter)
            if number != previous + 1:
                attrs = f' value="{number}"{attrs}'
            previous = number
        text = "".join(hl.row(a, b) for a, b in row.pieces)
        out.append(f"<li{attrs}>{text}</li>")
    out.append("</ol>")
    return "".join(out)
