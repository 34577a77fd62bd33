"""CSV and TSV scripts: one segment per row, over the cell of the text column.

Parsed here (RFC 4180 rules) rather than with the ``csv`` module because the
segments must point into the raw file: a quoted cell's segment lies inside its
quotes, and a cell with doubled quotes ("") becomes several segments with the
same index whose spans together hold exactly the cell's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rulecheck.errors import InputError
from rulecheck.model import Document, Segment
from rulecheck.readers.fields import candidates, check_field_map, is_milliseconds
from rulecheck.readers.located import column_letter
from rulecheck.readers.spans import trim
from rulecheck.readers.timing import parse_time


@dataclass
class Cell:
    value: str
    start: int  # raw span in the text; inside the quotes for a quoted cell
    end: int
    quoted: bool


def _quoted(text: str, pos: int, line: int, path: str) -> tuple[Cell, int, int]:
    """Parse a quoted cell whose opening quote is at ``pos``: (cell, next pos, next line)."""
    start = j = pos + 1
    while True:
        q = text.find('"', j)
        if q < 0:
            raise InputError(f"{path}:{line}: malformed CSV: quoted field never closed")
        if text.startswith('""', q):
            j = q + 2
            continue
        raw = text[start:q]
        return Cell(raw.replace('""', '"'), start, q, True), q + 1, line + raw.count("\n")


def parse(text: str, delimiter: str, path: str) -> list[tuple[int, int, list[Cell]]]:
    """Non-blank records as (line number where the record starts, row number as a
    spreadsheet shows it, cells)."""
    records: list[tuple[int, int, list[Cell]]] = []
    pos, line, row, n = 0, 1, 0, len(text)
    while pos < n:
        first_line = line
        row += 1
        cells: list[Cell] = []
        while True:
            if pos < n and text[pos] == '"':
                cell, pos, line = _quoted(text, pos, line, path)
                while pos < n and text[pos] in " \t" and text[pos] != delimiter:
                    pos += 1
                if pos < n and text[pos] not in (delimiter, "\r", "\n"):
                    raise InputError(f"{path}:{line}: malformed CSV: text after a closing quote")
            else:
                end = pos
                while end < n and text[end] not in (delimiter, "\r", "\n"):
                    end += 1
                cell, pos = Cell(text[pos:end], pos, end, False), end
            cells.append(cell)
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            break
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < n:
            pos += 1
        line += 1
        if len(cells) > 1 or cells[0].quoted or cells[0].value.strip():
            records.append((first_line, row, cells))
    return records


def sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _find(header: list[str], wanted: str) -> int | None:
    if wanted in header:
        return header.index(wanted)
    folded = [h.strip().casefold() for h in header]
    key = wanted.strip().casefold()
    return folded.index(key) if key in folded else None


def _columns(header: list[str], column: str | None, field_map: dict[str, str] | None,
             path: str) -> dict[str, int | None]:
    """Column index of each field; the first column holds the text when none is named so."""
    fmap = check_field_map(field_map, path)
    if column:
        fmap["text"] = column
    chosen: dict[str, int | None] = {}
    for field in ("text", "start", "end", "speaker"):
        found = (_find(header, name) for name in candidates(field, fmap))
        chosen[field] = next((i for i in found if i is not None), None)
        if chosen[field] is None and field in fmap:
            raise InputError(f"{path}: no column {fmap[field]!r} "
                             f"(columns: {', '.join(h.strip() for h in header)})")
    if chosen["text"] is None:
        chosen["text"] = 0
    return chosen


def _pieces(text: str, cell: Cell) -> list[tuple[int, int]]:
    """Spans of the raw file that together spell the cell's value."""
    if not cell.quoted or '""' not in text[cell.start:cell.end]:
        s, e = trim(text, cell.start, cell.end)
        return [(s, e)] if s < e else []
    spans, pos = [], cell.start
    while True:
        q = text.find('""', pos, cell.end)
        if q < 0:
            spans.append(trim(text, pos, cell.end))
            break
        spans.append((pos, q + 1))  # keep the first quote of the pair: it is the character
        pos = q + 2
    return [(s, e) for s, e in spans if s < e]


def read(text: str, path: str, column: str | None = None,
         field_map: dict[str, str] | None = None, delimiter: str | None = None) -> Document:
    records = parse(text, delimiter or sniff_delimiter(text), path)
    if not records:
        return Document(text=text, path=path, input_format="csv")
    header = [c.value for c in records[0][2]]
    cols = _columns(header, column, field_map, path)
    segments: list[Segment] = []
    row_index = 0
    letter = column_letter(cols["text"] or 0)
    for line, row, cells in records[1:]:
        def cell(field: str, cells: list[Cell] = cells) -> Cell | None:
            idx = cols[field]
            return cells[idx] if idx is not None and idx < len(cells) else None

        text_cell = cell("text")
        if text_cell is None or not text_cell.value.strip():
            continue
        times: list[float | None] = []
        for field in ("start", "end"):
            c = cell(field)
            name = header[cols[field]] if cols[field] is not None else field
            try:
                times.append(parse_time(c.value if c else None,
                                        milliseconds=is_milliseconds(name)))
            except ValueError as exc:
                raise InputError(f"{path}:{line}: column {name.strip()!r}: {exc}") from None
        spk = cell("speaker")
        speaker = spk.value.strip() or None if spk else None
        spans = _pieces(text, text_cell)
        for s, e in spans:
            segments.append(Segment(row_index, s, e, times[0], times[1], speaker,
                                    location={"row": row, "column": letter}))
        row_index += bool(spans)
    return Document(text=text, path=path, segments=segments, input_format="csv",
                    metadata={"columns": [h.strip() for h in header],
                              "text_column": header[cols["text"]].strip()})
