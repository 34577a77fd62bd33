"""Excel run sheets (.xlsx): each text cell that is speech becomes a segment with its cell.

Sheets are read in order, rows top to bottom, cells left to right, one cell per line
of the synthesized text; each segment's ``location`` is ``{"sheet", "row", "column",
"cell"}``. Which columns are speech comes from the header row (runsheet.py) or from
``--column``. Only text cells are read: a number or date in a cell of its own (a
price column, a time) is data for the crew, and what the host says about a price is
written in the script cell. Formulas count by their last computed value.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from rulecheck.errors import InputError
from rulecheck.model import Document
from rulecheck.readers.archive import check_zip, failure
from rulecheck.readers.fields import check_field_map
from rulecheck.readers.located import Piece, column_letter, synthesize
from rulecheck.readers.optional import require
from rulecheck.readers.runsheet import Header, header_of

#: How many non-empty rows at the top of a sheet may come before its header (titles).
HEADER_SEARCH = 10


def _cells(sheet: str, row: int, values: Sequence[Any], header: Header | None
           ) -> Iterator[Piece]:
    spk_col = header.speaker_column() if header is not None else None
    speaker = values[spk_col] if spk_col is not None and spk_col < len(values) else None
    speaker = speaker.strip() or None if isinstance(speaker, str) else None
    for col, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            continue
        if header is not None and not header.speech(col):
            continue
        letter = column_letter(col)
        yield Piece(value, {"sheet": sheet, "row": row, "column": letter,
                            "cell": f"{letter}{row}"}, speaker)


def _sheet(sheet: str, rows: Iterator[tuple[Any, ...]], column: str | None
           ) -> tuple[list[Piece], bool]:
    """A sheet's speech cells, and whether it has the column ``column`` names."""
    top: list[tuple[int, tuple[Any, ...]]] = []
    header: Header | None = None
    number = 0
    for number, values in enumerate(rows, 1):  # noqa: B007 - number is used after the loop
        if not any(v is not None and v != "" for v in values):
            continue
        header = header_of(number, values, column)
        if header is not None:
            break
        top.append((number, values))
        if len(top) >= HEADER_SEARCH:
            break
    if column and (header is None or not header.chosen):
        return [], False  # --column: a sheet without that column holds no speech
    pieces: list[Piece] = []
    if header is None:
        for n, values in top:  # no header: every text cell is speech
            pieces.extend(_cells(sheet, n, values, None))
    elif not header.names_script:
        for n, values in top:  # titles above a header that names no script column
            pieces.extend(_cells(sheet, n, values, None))
    for n, values in enumerate(rows, number + 1):
        pieces.extend(_cells(sheet, n, values, header))
    return pieces, header is not None and bool(header.chosen)


def read(data: bytes, path: str, column: str | None = None,
         field_map: dict[str, str] | None = None) -> Document:
    check_zip(data, path, ".xlsx")
    openpyxl = require("openpyxl", "openpyxl", path, ".xlsx files")
    column = column or check_field_map(field_map, path).get("text")
    pieces: list[Piece] = []
    sheets: list[str] = []
    found = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for ws in book.worksheets:
                    ws.reset_dimensions()  # stored dimensions may be wrong; read every row
                    got, has = _sheet(ws.title, ws.iter_rows(values_only=True), column)
                    pieces.extend(got)
                    sheets.append(ws.title)
                    found = found or has
            finally:
                book.close()
    except InputError:
        raise
    except Exception as exc:  # zip, XML and openpyxl errors share no base class
        raise failure(path, ".xlsx", exc) from None
    if column and not found:
        raise InputError(f"{path}: no sheet has a column {column!r} in its header row")
    return synthesize(pieces, path, "xlsx", metadata={"sheets": sheets})
