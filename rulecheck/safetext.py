"""Text that is safe to check, to print on a terminal and to put in a spreadsheet.

Inputs can carry what no encoder accepts (lone surrogates from a JSON ``\\ud83d``
escape, or from a file name that is not UTF-8, which Python keeps as
``\\udcXX``), and what a terminal or a spreadsheet executes (escape sequences, bidi
overrides, cells starting with ``=``). These helpers replace or escape them at the
edges: when text is read, and when a name or a report is shown.
"""

from __future__ import annotations

import re

from rulecheck.lazyre import LazyPattern

_SURROGATE = re.compile("[\ud800-\udfff]")  # one range: cheap to compile

#: Bidirectional controls that reorder what a terminal shows (Trojan Source).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: C0 controls but tab and newline, DEL, C1 controls, bidi controls, lone surrogates.
_UNSAFE = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")

#: Cell starts that spreadsheets read as a formula (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def scrub(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (one for one: offsets hold)."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """Control, bidi and surrogate characters written as visible escapes (``\\x1b``);
    tabs and newlines are kept."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: _escape(m.group()), text)


def display_name(name: str) -> str:
    """A file name as shown in messages and reports: bytes that are not UTF-8 as
    ``\\xe9``, control and bidi characters escaped, one line whatever the name."""
    if _UNSAFE_NAME.search(name) is None:
        return name
    return _UNSAFE_NAME.sub(lambda m: _escape(m.group()), name)


def escape_surrogates(text: str) -> str:
    """Lone surrogates as escapes (a non-UTF-8 byte of a file name as ``\\xe9``), all
    else unchanged: text that any encoder takes and that still tells names apart."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: _escape(m.group()), text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def csv_cell(value: object) -> object:
    """A cell value a spreadsheet shows as text: one that would start a formula gets a
    leading apostrophe, as OWASP recommends; other values are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
