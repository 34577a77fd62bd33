"""Offsets into a Python ``str`` <-> LSP line/character positions.

Findings carry offsets in code points; the protocol counts a line's characters in
the code units of the position encoding client and server agreed on: UTF-16 unless
both say otherwise, so a Chinese character is one unit but an emoji outside the
Basic Multilingual Plane is two. Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as the
protocol says (not at the other breaks ``str.splitlines`` knows). Pure Python, so
it is tested without a client.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\r|\n")

#: Position encodings (LSP ``PositionEncodingKind`` values) this module counts.
ENCODINGS: tuple[str, ...] = ("utf-16", "utf-8", "utf-32")


def code_units(text: str, encoding: str = "utf-16") -> int:
    """How many code units ``text`` is in ``encoding``."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class PositionMap:
    """The line starts of one text, to convert offsets and positions both ways."""

    def __init__(self, text: str, encoding: object = "utf-16"):
        self.text = text
        name = str(getattr(encoding, "value", encoding))  # a PositionEncodingKind or str
        self.encoding = name if name in ENCODINGS else "utf-16"
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_end(self, line: int) -> int:
        """The offset where ``line``'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        if self.text[end - 1] == "\n":
            end -= 1
        if end > self.starts[line] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line]:self.line_end(line)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of ``offset``, both 0-based; an offset inside a line
        break is the end of its line."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, code_units(self.text[start:min(offset, self.line_end(line))],
                                self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a client position. A character past the line's end is its end
        (as the protocol says); one inside a code point is that code point's start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if self.encoding == "utf-32":
            return min(start + max(character, 0), end)
        units = 0
        for i in range(start, end):
            if units >= character:
                return i
            units += code_units(self.text[i], self.encoding)
            if units > character:
                return i
        return end
