"""Highlighted spans as well-formed HTML, however the findings overlap.

Findings may nest (a long pricing claim around an absolute term) or cross (two
findings sharing a few characters), and a finding may run across two transcript rows.
HTML elements can only nest, so each finding opens exactly one `<mark>` where it first
appears; wherever it has to be closed early (an inner finding ends, a row ends) it is
continued by a `<span class="finding cont">` with the same classes, which looks the
same and obeys the same filters.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Span:
    """One finding to highlight: a key, offsets into the text, and its HTML attributes."""

    key: str
    start: int
    end: int
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()


def _attrs(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in pairs)


class Highlighter:
    """Renders rows of one text; remembers which findings already have their `<mark>`."""

    def __init__(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.key))
        self.opened: set[str] = set()
        # spans sorted by start, and the furthest end among the first i+1 of them: the
        # spans that can touch a row are found by two bisections, not a scan of all
        self._starts = [s.start for s in self.spans]
        self._reach: list[int] = []
        for s in self.spans:
            self._reach.append(max(s.end, self._reach[-1] if self._reach else s.end))

    def row(self, start: int, end: int, escape_text: Callable[[str], str] = escape) -> str:
        """HTML for text[start:end] with every span clipped to it, elements balanced."""
        lo = bisect.bisect_right(self._reach, start)
        hi = bisect.bisect_left(self._starts, end)
        clipped = [(max(s.start, start), min(s.end, end), s) for s in self.spans[lo:hi]
                   if s.end > start and max(s.start, start) < min(s.end, end)]
        order = {s.key: i for i, (_, _, s) in enumerate(clipped)}
        clip_end = {s.key: e for _, e, s in clipped}
        starting: dict[int, list[Span]] = {}
        for a, _, s in clipped:
            starting.setdefault(a, []).append(s)
        points = sorted({start, end, *(a for a, _, _ in clipped), *(e for _, e, _ in clipped)})
        out: list[str] = []
        stack: list[tuple[Span, str]] = []
        pos = start
        for p in points:
            if p > pos:
                out.append(escape_text(self.text[pos:p]))
                pos = p
            ending = {k for k, e in clip_end.items() if e == p}
            if ending & {s.key for s, _ in stack}:
                reopen: list[Span] = []
                while ending & {s.key for s, _ in stack}:
                    span, tag = stack.pop()
                    out.append(f"</{tag}>")
                    if span.key not in ending:
                        reopen.append(span)
                for span in reversed(reopen):
                    out.append(self._open(span, stack))
            for span in sorted(starting.get(p, []),
                               key=lambda s: (-clip_end[s.key], order[s.key])):
                out.append(self._open(span, stack))
        while stack:  # only reached if a span ends past `end`, which clipping prevents
            out.append(f"</{stack.pop()[1]}>")
        return "".join(out)

    def _open(self, span: Span, stack: list[tuple[Span, str]]) -> str:
        if span.key in self.opened:
            tag, classes, extra = "span", f"{span.classes} cont", ()
        else:
            self.opened.add(span.key)
            tag, classes, extra = "mark", span.classes, (("id", f"m-{span.key}"),)
        stack.append((span, tag))
        # the <mark> is found by its id (m-KEY), its continuations by data-finding
        key = () if tag == "mark" else (("data-finding", span.key),)
        pairs = (("class", classes), *extra, *key, *span.attrs)
        return f"<{tag}{_attrs(pairs)}>"
