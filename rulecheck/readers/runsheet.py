"""Which columns of a run sheet are speech: a header row names them.

Run sheets (直播脚本) are tables such as 时间 | 环节 | 话术 | 备注 or Time | Script |
Notes. A column named like a script (话术, 台词, 文案, Script, 主播话术) holds the words
said to buyers; when one exists only such columns are read. Without one, every
column is read except those for the crew (备注, 场控, Notes), the clock (时间, Time)
and who speaks. A sheet without a recognisable header row is read whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rulecheck.readers.fields import ALIASES

#: Header words: a whole cell, or inside a short Chinese label (主播话术, 场控提示), or a
#: word of an English label of at most two words (Host script, Time slot).
TEXT = ALIASES["text"]
NOTES = ("备注", "场控", "中控", "注意", "注释", "提示", "导播", "运营",
         "note", "notes", "remark", "remarks", "comment", "comments", "memo", "cue", "cues")
SPEAKER = ALIASES["speaker"]
CLOCK = ALIASES["start"] + ALIASES["end"] + (
    "时间", "时长", "时段", "时间点", "序号", "编号",
    "time", "duration", "timing", "no", "no.", "#")

#: A header cell is a short label, not a sentence.
_LABEL_MAX = 20
_SHORT_CJK = 8
_SENTENCE = re.compile(r"[。！？!?；;，,]")
_WORD = re.compile(r"[a-z]+\.?|#")


def _matches(label: str, names: Sequence[str], whole: bool) -> bool:
    key = label.strip().casefold()
    if key in names:
        return True
    if whole:
        return False
    if key.isascii():
        words = _WORD.findall(key)
        return len(words) <= 2 and any(n in words for n in names if n.isascii())
    return len(key) <= _SHORT_CJK and any(n in key for n in names if not n.isascii())


def role(label: str, whole: bool = False) -> str | None:
    """``text``, ``notes``, ``speaker`` or ``clock`` for a header label; None for others.
    ``whole``: only a label that is exactly a known name counts."""
    for name, names in (("notes", NOTES), ("text", TEXT), ("speaker", SPEAKER),
                        ("clock", CLOCK)):
        if _matches(label, names, whole):
            return name
    return None


@dataclass
class Header:
    """A sheet's header row and what each of its columns (0-based) holds."""

    row: int  # 1-based
    roles: dict[int, str | None] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    chosen: tuple[int, ...] = ()  # the columns named by --column, if it was given

    @property
    def names_script(self) -> bool:
        """Whether a column is named as the script (by --column or a script word)."""
        return bool(self.chosen) or "text" in self.roles.values()

    def speech(self, col: int) -> bool:
        """Whether cells of column ``col`` (0-based) are words said to buyers."""
        if self.chosen:
            return col in self.chosen
        if self.names_script:
            return self.roles.get(col) == "text"
        return self.roles.get(col) not in ("notes", "speaker", "clock")

    def speaker_column(self) -> int | None:
        return next((c for c, r in self.roles.items() if r == "speaker"), None)


def header_of(row_number: int, values: Sequence[object], column: str | None) -> Header | None:
    """The row as a header, when it looks like one: short labels only, one of them known."""
    labels = {i: v.strip() for i, v in enumerate(values) if isinstance(v, str) and v.strip()}
    if not labels or len(labels) != sum(v is not None and v != "" for v in values):
        return None  # a header holds labels, not numbers or dates
    if any(len(v) > _LABEL_MAX or _SENTENCE.search(v) for v in labels.values()):
        return None
    wanted = column.strip().casefold() if column else None
    chosen = tuple(i for i, v in labels.items() if v.casefold() == wanted)
    # a lone label must be exactly a known name: "Limited time only" is a slogan
    roles = {i: role(v, whole=len(labels) == 1) for i, v in labels.items()}
    if not chosen and not any(roles.values()):
        return None
    return Header(row_number, roles, labels, chosen)
