"""Offset maps: every transformed text keeps a way back to the original characters.

A map is a list of pieces (norm_start, orig_start, norm_len, orig_len). Inside a
piece whose lengths agree the mapping is one to one; a piece whose lengths differ
(an expansion such as ㈠ -> (一), or a deleted zero-width character) is atomic,
so any position inside it maps to the whole original piece.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    norm_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    norm_lens: list[int] = field(default_factory=list)
    orig_lens: list[int] = field(default_factory=list)
    identity_len: int | None = None  # set when the map is the identity over this length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(identity_len=length)

    def add(self, norm_start: int, orig_start: int, norm_len: int, orig_len: int) -> None:
        """Append a piece, merging it into the previous one when both are one to one."""
        if (
            self.norm_starts
            and norm_len == orig_len
            and self.norm_lens[-1] == self.orig_lens[-1]
            and self.norm_starts[-1] + self.norm_lens[-1] == norm_start
            and self.orig_starts[-1] + self.orig_lens[-1] == orig_start
        ):
            self.norm_lens[-1] += norm_len
            self.orig_lens[-1] += orig_len
            return
        self.norm_starts.append(norm_start)
        self.orig_starts.append(orig_start)
        self.norm_lens.append(norm_len)
        self.orig_lens.append(orig_len)

    def _piece(self, pos: int) -> int:
        return max(bisect_right(self.norm_starts, pos) - 1, 0)

    def start(self, pos: int) -> int:
        """Original offset where the normalized character at `pos` begins."""
        if self.identity_len is not None:
            return pos
        if not self.norm_starts:
            return 0
        i = self._piece(pos)
        ns, os_, nl, ol = (self.norm_starts[i], self.orig_starts[i],
                           self.norm_lens[i], self.orig_lens[i])
        if pos >= ns + nl:  # past the last piece
            return os_ + ol
        if nl == ol:
            return os_ + (pos - ns)
        return os_

    def end(self, pos: int) -> int:
        """Original offset just after the normalized character at `pos - 1`."""
        if self.identity_len is not None:
            return pos
        if pos <= 0 or not self.norm_starts:
            return 0
        i = self._piece(pos - 1)
        ns, os_, nl, ol = (self.norm_starts[i], self.orig_starts[i],
                           self.norm_lens[i], self.orig_lens[i])
        if nl == ol:
            return os_ + min(pos - ns, nl)
        return os_ + ol

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)

    def pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The original ranges that normalized [start, end) came from, merged where they
        touch: one range for a script, one per segment for a transcript."""
        if self.identity_len is not None or not self.norm_starts:
            return [self.span(start, end)]
        out: list[tuple[int, int]] = []
        i = self._piece(start)
        while i < len(self.norm_starts) and self.norm_starts[i] < end:
            ns, os_, nl, ol = (self.norm_starts[i], self.orig_starts[i],
                               self.norm_lens[i], self.orig_lens[i])
            lo, hi = max(start, ns), min(end, ns + nl)
            if hi > lo and ol:
                a, b = (os_ + lo - ns, os_ + hi - ns) if nl == ol else (os_, os_ + ol)
                if out and a <= out[-1][1]:
                    out[-1] = (out[-1][0], max(out[-1][1], b))
                else:
                    out.append((a, b))
            i += 1
        return out

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """A map for text -> self's original, where `inner` maps text -> self's normalized."""
        if inner.identity_len is not None:
            return self
        if self.identity_len is not None:
            return inner
        out = OffsetMap()
        for ns, os_, nl, ol in zip(inner.norm_starts, inner.orig_starts,
                                   inner.norm_lens, inner.orig_lens, strict=True):
            if nl == ol:
                # one to one here; split wherever the outer map changes piece
                pos = 0
                while pos < nl:
                    mid = os_ + pos
                    j = self._piece(mid)
                    jns, jos, jnl, jol = (self.norm_starts[j], self.orig_starts[j],
                                          self.norm_lens[j], self.orig_lens[j])
                    run = min(nl - pos, jns + jnl - mid) if mid < jns + jnl else 1
                    run = max(run, 1)
                    if jnl == jol:
                        out.add(ns + pos, jos + (mid - jns), run, run)
                    else:
                        out.add(ns + pos, jos, run, jol)
                    pos += run
            else:
                a, b = self.start(os_), self.end(os_ + ol) if ol else self.start(os_)
                out.add(ns, a, nl, b - a)
        return out


def append_map(target: OffsetMap, part: OffsetMap, part_len: int, norm_shift: int,
               orig_shift: int) -> None:
    """Append `part` (a map of a text of normalized length part_len) shifted into `target`."""
    if part.identity_len is not None:
        if part_len:
            target.add(norm_shift, orig_shift, part_len, part_len)
        return
    for ns, os_, nl, ol in zip(part.norm_starts, part.orig_starts, part.norm_lens,
                               part.orig_lens, strict=True):
        target.add(ns + norm_shift, os_ + orig_shift, nl, ol)
