"""Place findings in the original text: line and column, and the segment they fall in."""

from __future__ import annotations

from bisect import bisect_right

from rulecheck.model import Document, SegmentRef


class LineIndex:
    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class SegmentIndex:
    def __init__(self, doc: Document):
        self.segments = sorted(doc.segments, key=lambda s: s.start)
        self._starts = [s.start for s in self.segments]

    def _at(self, offset: int):
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i]
        return None

    def ref(self, start: int, end: int) -> SegmentRef | None:
        first = self._at(start)
        last = self._at(max(end - 1, start))
        if first is None:
            return None
        if last is None or last.index == first.index:
            return SegmentRef(first.index, first.start_time, first.end_time, first.speaker,
                              location=first.location)
        return SegmentRef(first.index, first.start_time, last.end_time, first.speaker,
                          end_index=last.index, location=first.location)
