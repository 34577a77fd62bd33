"""Turn a Document into the normalized text that is scanned, with its offset map.

Scripts are normalized as a whole. Transcripts and tables (subtitles, ASR, CSV
cells: timed documents or readers' `segments_only`) are built from their segments
only, so cue numbers and timestamps are never checked, and consecutive segments are
joined so that a phrase split by the recognizer is still found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rulecheck.model import Document
from rulecheck.text.normalize import Normalized, normalize
from rulecheck.text.offsets import OffsetMap, append_map
from rulecheck.text.recode import CachedLazyPattern

_CJK = CachedLazyPattern(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass
class Prepared:
    text: str
    offsets: OffsetMap
    joins: list[int] = field(default_factory=list)  # normalized offsets where segments meet
    segment_spans: list[tuple[int, int, int]] = field(default_factory=list)  # (index, start, end)


def prepare(doc: Document, memo: dict[str, Normalized] | None = None) -> Prepared:
    """`memo`: segment text -> its normalization, kept by a caller that checks the same
    segments again (a stream's window), filled here."""
    segments_only = doc.timed or bool(doc.metadata.get("segments_only"))
    if not (doc.segments and segments_only):
        norm = normalize(doc.text)
        return Prepared(norm.text, norm.offsets)
    parts: list[str] = []
    offsets = OffsetMap()
    joins: list[int] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    prev_last = ""
    for seg in sorted(doc.segments, key=lambda s: s.start):
        raw = doc.text[seg.start:seg.end]
        norm = memo.get(raw) if memo is not None else None
        if norm is None:
            norm = normalize(raw)
            if memo is not None:
                memo[raw] = norm
        if not norm.text.strip():
            continue
        if parts:
            glue = "" if _CJK.match(prev_last) and _CJK.match(norm.text[:1]) else " "
            if glue:
                parts.append(glue)
                offsets.add(pos, seg.start, len(glue), 0)
                pos += len(glue)
            joins.append(pos)
        append_map(offsets, norm.offsets, len(norm.text), pos, seg.start)
        parts.append(norm.text)
        spans.append((seg.index, pos, pos + len(norm.text)))
        pos += len(norm.text)
        prev_last = norm.text[-1:]
    return Prepared("".join(parts), offsets, joins, spans)
