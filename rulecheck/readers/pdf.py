"""PDF scripts with a text layer: the lines of each page, with the page they are on.

The text layer is read with pypdf (pure Python). A PDF's lines wrap where the
page ends, not where a sentence does, so the lines are segments joined for
checking as a transcript's are (``segments_only``): 全网 at the end of one line and
最低价 at the start of the next are still one phrase. Each segment's ``location``
is ``{"page": n}``. A PDF without any text (a scan) is an error, not a clean
script; so is one that needs a password.
"""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any

from rulecheck.errors import InputError
from rulecheck.model import Document
from rulecheck.readers.archive import failure
from rulecheck.readers.located import Piece, synthesize
from rulecheck.readers.optional import require


def _open(pypdf: Any, data: bytes, path: str) -> Any:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # locked against editing only: opens with no password
        except pypdf.errors.DependencyError:
            opened = pypdf.PasswordType.NOT_DECRYPTED
        if opened == pypdf.PasswordType.NOT_DECRYPTED:
            raise InputError(f"{path}: encrypted PDF (it needs a password); not read")
    return reader


def read(data: bytes, path: str) -> Document:
    pypdf = require("pypdf", "pypdf", path, ".pdf files")
    if b"%PDF-" not in data[:1024]:  # where readers look for the header
        raise InputError(f"{path}: not a readable .pdf file (no %PDF header)")
    # pypdf logs every repair it makes to a damaged file; the user gets one line or none
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    pieces: list[Piece] = []
    empty: list[int] = []
    count = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = _open(pypdf, data, path)
            count = len(reader.pages)
            for number, page in enumerate(reader.pages, 1):
                text = page.extract_text() or ""
                if not text.strip():
                    empty.append(number)
                pieces.extend(Piece(line, {"page": number}) for line in text.splitlines())
    except InputError:
        raise
    except Exception as exc:  # pypdf raises its own errors and plain ones on damaged files
        raise failure(path, ".pdf", exc) from None
    if not any(p.text.strip() for p in pieces):
        raise InputError(f"{path}: no text layer (scanned PDF?); nothing to check")
    return synthesize(pieces, path, "pdf", segments_only=True,
                      metadata={"pages": count, "pages_without_text": empty})
