"""Streaming: check ASR segments one at a time, as a broadcast is transcribed.

Each new segment is checked together with the few segments before it, so a phrase
the recognizer split across segments is still found, and the work per segment
stays bounded however long the stream runs. A finding is emitted once.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from rulecheck.model import Document, Finding, Segment, SegmentRef
from rulecheck.text.normalize import Normalized

if TYPE_CHECKING:
    from rulecheck.engine.checker import Checker


class StreamSession:
    def __init__(self, checker: Checker, lang: str = "auto", product_type: str | None = None,
                 path: str = "-", window: int = 2):
        self.checker = checker
        self.lang = lang
        self.product_type = product_type
        self.path = path
        self.window = max(window, 1)
        self._recent: deque[tuple[Segment, str, int]] = deque(maxlen=self.window + 1)
        self._reported: set[tuple[str, int, int]] = set()
        self._offset = 0  # stream offset where the next segment starts
        self._line = 0
        self.segments_seen = 0
        self.findings_emitted = 0
        self._normalized: dict[str, Normalized] = {}  # segment text -> its normalized text
        # a stream is a long run: its scans use the automaton from the first segment on,
        # instead of dictionary lookups and a pause to build it a few minutes in (a server's
        # session gets its checker per segment, and builds it then: see server/jobs.py)
        if checker is not None:
            checker.build_automata()

    def feed(self, text: str, start_time: float | None = None, end_time: float | None = None,
             speaker: str | None = None) -> list[Finding]:
        """Add one segment; return the findings that became visible with it."""
        index = self.segments_seen
        self.segments_seen += 1
        seg = Segment(index, 0, len(text), start_time, end_time, speaker)
        self._recent.append((seg, text, self._offset))
        self._offset += len(text) + 1  # segments are separated by a newline in the stream
        self._line += 1
        if not text.strip():
            return []
        parts: list[str] = []
        segments: list[Segment] = []
        pos = 0
        timed = any(s.start_time is not None for s, _, _ in self._recent)
        for s, t, _ in self._recent:
            # without times, each segment's index stands for them: consecutive segments are
            # still joined across their boundary (engine/prepare.py)
            segments.append(Segment(s.index, pos, pos + len(t),
                                    s.start_time if timed else float(s.index),
                                    s.end_time if timed else float(s.index), s.speaker))
            parts.append(t)
            pos += len(t) + 1
        local = "\n".join(parts)
        base = self._recent[0][2]
        first_line = self._line - len(self._recent) + 1
        doc = Document(text=local, path=self.path, segments=segments, input_format="stream")
        new_start = segments[-1].start
        out: list[Finding] = []
        for f in self.checker.check_tail(doc, self.lang, self.product_type, self._normalized):
            if f.end <= new_start:
                continue  # entirely in earlier segments: already reported then
            key = (f.rule, f.start + base, f.end + base)
            if self._already_reported(key):
                continue
            self._reported.add(key)
            f.start += base
            f.end += base
            f.fix = f.fix.moved(base) if f.fix else None
            f.line += first_line - 1
            f.end_line += first_line - 1
            if not timed and f.segment is not None:
                f.segment = SegmentRef(f.segment.index, None, None, f.segment.speaker,
                                       f.segment.end_index)
            out.append(f)
        self.findings_emitted += len(out)
        # the segments still in the window keep their normalized text for the next feeds
        kept = {t for _, t, _ in self._recent}
        self._normalized = {t: got for t, got in self._normalized.items() if t in kept}
        # only findings reaching into the window can be found again: keep just those, so
        # memory and the overlap test stay small however long the stream runs
        horizon = self._recent[0][2]
        self._reported = {k for k in self._reported if k[2] > horizon}
        return out

    def _already_reported(self, key: tuple[str, int, int]) -> bool:
        """The same rule was already reported on these words, or on part of them: 最 at
        the end of one segment and 最好 once 好 arrives are one claim, alerted once."""
        rule, start, end = key
        return any(r == rule and s < end and start < e for r, s, e in self._reported)
