"""Very long plain documents checked piece by piece, so memory follows the piece, not the text.

A check keeps every unit's hits, tokens and judgements until its document is done; on a
5 MB transcript with no sentence marks that is gigabytes. A document longer than
`HUGE` characters without segments is cut at a sentence or clause end into pieces of about
`PIECE` characters, each checked after `OVERLAP` characters of the one before it, so words
that cross a cut are still read whole; findings are moved back to the document's offsets,
lines and columns, and those found twice in an overlap are kept once. Document-scope rules
see one piece at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from rulecheck.engine.locate import LineIndex
from rulecheck.model import Document, Finding

HUGE = 200_000
PIECE = 100_000
OVERLAP = 400
#: Where a piece may end: after a sentence or clause mark, a line break or a space.
_CUT = re.compile(r"[。！？!?；;，,、\n ]")


def spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(checked from, new findings from, end) for each piece of the text."""
    start = 0
    while start < len(text):
        end = min(len(text), start + PIECE)
        if end < len(text):
            cut = None
            for m in _CUT.finditer(text, max(start + 1, end - 2000), end):
                cut = m.end()
            end = cut or end
        yield max(0, start - OVERLAP), start, end
        start = end


def check_in_pieces(doc: Document, check: Callable[[Document], list[Finding]]
                    ) -> list[Finding]:
    text = doc.text
    lines = LineIndex(text)
    out: list[Finding] = []
    seen: set[tuple[str, str, int, int]] = set()
    for frm, _new, end in spans(text):
        for f in check(replace(doc, text=text[frm:end], segments=[])):
            s, e = f.start + frm, f.end + frm
            key = (f.rule, f.category, s, e)
            if key in seen:
                continue
            seen.add(key)
            line, column = lines.position(s)
            end_line, end_column = lines.position(e)
            out.append(replace(f, path=doc.path, start=s, end=e, line=line, column=column,
                               end_line=end_line, end_column=end_column))
    return out
