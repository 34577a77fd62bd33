"""Word (.docx) scripts: paragraphs and table cells in document order, one segment each.

A .docx is a zip of XML, so there is no original text to point into: the text is
synthesized (paragraphs joined by newlines, ``metadata["synthesized_text"]``)
and line numbers count paragraphs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from rulecheck.errors import InputError
from rulecheck.model import Document, Segment
from rulecheck.readers.archive import check_zip
from rulecheck.readers.spans import trim


def _paragraphs(container: Any, seen: dict[int, Any]) -> Iterator[Any]:
    """The paragraphs of a body or cell, descending into tables in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell is returned once per grid position
                    seen[id(cell._tc)] = cell._tc  # holding the element keeps its id unique
                    yield from _paragraphs(cell, seen)


def paragraphs(word: Any) -> list[Any]:
    """The checked paragraphs of a python-docx ``Document`` in the order their texts are
    joined (the review writer maps offsets back to them, so both use this walk)."""
    return list(_paragraphs(word, {}))


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's checked text: its runs' and hyperlinks' text, carriage returns dropped."""
    return str(paragraph.text).replace("\r", "")


#: A .docx whose parts would expand past this is refused before it is unpacked
#: (a zip bomb); zipfile never inflates a member past its declared size.
MAX_EXPANDED_BYTES = 50_000_000
MAX_PARTS = 2_000


def check_expansion(data: bytes, path: str) -> None:
    """InputError unless the .docx is a zip within the bounds above."""
    check_zip(data, path, ".docx", MAX_EXPANDED_BYTES, MAX_PARTS)


def open_docx(data: bytes, path: str) -> Any:
    """The python-docx ``Document`` of ``data``, or an ``InputError`` naming ``path``."""
    check_expansion(data, path)
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(f"{path}: reading .docx needs the python-docx package") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # zip, XML (lxml) and package errors share no base class
        raise _unreadable(path, exc) from None


def _unreadable(path: str, exc: BaseException) -> InputError:
    if isinstance(exc, RecursionError):
        return InputError(f"{path}: not a readable .docx file (nested too deeply)")
    reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
    return InputError(f"{path}: not a readable .docx file ({reason})")


def read(data: bytes, path: str) -> Document:
    word = open_docx(data, path)
    try:
        texts = [paragraph_text(p) for p in paragraphs(word)]
    except Exception as exc:  # as in open_docx
        raise _unreadable(path, exc) from None
    text = "\n".join(texts)
    segments: list[Segment] = []
    pos = 0
    for t in texts:
        s, e = trim(text, pos, pos + len(t))
        if s < e:
            segments.append(Segment(len(segments), s, e))
        pos += len(t) + 1
    return Document(text=text, path=path, segments=segments, input_format="docx",
                    metadata={"synthesized_text": True})
