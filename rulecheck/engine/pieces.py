"""Very long plain documents checked piece by piece, so memory follows the piece, not the text.

A check keeps every unit's hits, tokens and judgements until its document is done; on a
5 MB transcript with no sentence marks that is gigabytes. A document longer than `HUGE`
characters is cut at a sentence or clause end (a timed transcript: at a segment's end) into
pieces of about `PIECE` characters, each checked after `OVERLAP` characters of the one
before it, so words that cross a cut are still read whole; findings are moved back to the
document's offsets, lines and columns (segments keep their indices and times), and those
found twice in an overlap are kept once. Document-scope rules see one piece at a time.

The pieces do not depend on each other, so a caller that has worker processes can check
them side by side (`PieceMap`, see runner.py); the findings are the same either way.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from rulecheck.engine.locate import LineIndex
from rulecheck.lazyre import LazyPattern
from rulecheck.model import Document, Finding

HUGE = 200_000
PIECE = 100_000
OVERLAP = 400
#: Where a piece may end: after a sentence or clause mark, a line break or a space.
_CUT = LazyPattern(r"[。！？!?；;，,、\n ]")


def spans(text: str, bounds: Sequence[int] = ()) -> Iterator[tuple[int, int, int]]:
    """(checked from, new findings from, end) for each piece of the text.

    `bounds` (sorted) are the only places a piece may end when given: the ends of a
    transcript's segments, whose text is checked segment by segment."""
    start = 0
    while start < len(text):
        end = min(len(text), start + PIECE)
        if end < len(text):
            lo = max(start + 1, end - 2000)
            if bounds:
                i = bisect_right(bounds, end) - 1
                cut = bounds[i] if i >= 0 and bounds[i] >= lo else None
            else:
                cut = None
                for m in _CUT.finditer(text, lo, end):
                    cut = m.end()
            end = cut or end
        yield max(0, start - OVERLAP), start, end
        start = end


def piece_of(doc: Document, frm: int, end: int) -> Document:
    """doc.text[frm:end] as a document of its own, with the segments that lie in it moved
    to its offsets (cut to it at its edges; their indices, times and speakers kept)."""
    segments = [replace(seg, start=max(seg.start, frm) - frm, end=min(seg.end, end) - frm)
                for seg in doc.segments if seg.start < end and seg.end > frm]
    return replace(doc, text=doc.text[frm:end], segments=segments)


#: Checks a list of pieces, returning each one's findings in order: serially by default,
#: or on worker processes.
PieceMap = Callable[[list[Document]], list[list[Finding]]]


def check_in_pieces(doc: Document, check: Callable[[Document], list[Finding]],
                    map_pieces: PieceMap | None = None) -> list[Finding]:
    text = doc.text
    lines = LineIndex(text)
    out: list[Finding] = []
    seen: set[tuple[str, str, int, int]] = set()
    segments_only = doc.timed or bool(doc.metadata.get("segments_only"))
    bounds = sorted(seg.end for seg in doc.segments) if segments_only else []
    cuts = list(spans(text, bounds))
    pieces = [piece_of(doc, frm, end) for frm, _new, end in cuts]
    found = map_pieces(pieces) if map_pieces is not None else [check(p) for p in pieces]
    for (frm, _new, _end), piece_findings in zip(cuts, found, strict=True):
        for f in piece_findings:
            s, e = f.start + frm, f.end + frm
            key = (f.rule, f.category, s, e)
            if key in seen:
                continue
            seen.add(key)
            line, column = lines.position(s)
            end_line, end_column = lines.position(e)
            out.append(replace(f, path=doc.path, start=s, end=e, line=line, column=column,
                               end_line=end_line, end_column=end_column,
                               fix=f.fix.moved(frm) if f.fix else None))
    return out
