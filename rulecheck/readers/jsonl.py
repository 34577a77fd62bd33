"""ASR results as JSON Lines: one object per line with text, start, end and speaker.

When every text value appears verbatim in the file (no JSON escapes), the
Document text is the file itself and segments point at the strings inside it,
so line numbers refer to the file. Otherwise the text is synthesized: the
segment texts joined by newlines, with ``metadata["synthesized_text"] = True``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rulecheck.errors import InputError
from rulecheck.model import Document, Segment
from rulecheck.readers.fields import candidates, check_field_map, is_milliseconds
from rulecheck.readers.spans import lines
from rulecheck.readers.timing import parse_time
from rulecheck.safetext import scrub

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


@dataclass
class _Value:
    value: Any
    start: int  # span of the value's JSON token in the line
    end: int


def _skip_ws(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in _WS:
        pos += 1
    return pos


def parse_object(line: str) -> dict[str, _Value]:
    """The top-level members of a JSON object with the span of each value; ValueError if bad."""
    pos = _skip_ws(line, 0)
    if not line.startswith("{", pos):
        raise ValueError("not a JSON object")
    members: dict[str, _Value] = {}
    pos = _skip_ws(line, pos + 1)
    if line.startswith("}", pos):
        pos += 1
    else:
        while True:
            if not line.startswith('"', pos):
                raise ValueError(f"expected a key at column {pos + 1}")
            key, pos = json.decoder.scanstring(line, pos + 1)
            pos = _skip_ws(line, pos)
            if not line.startswith(":", pos):
                raise ValueError(f"expected ':' at column {pos + 1}")
            pos = _skip_ws(line, pos + 1)
            value, end = _DECODER.raw_decode(line, pos)
            members[key] = _Value(value, pos, end)
            pos = _skip_ws(line, end)
            if line.startswith(",", pos):
                pos = _skip_ws(line, pos + 1)
                continue
            if line.startswith("}", pos):
                pos += 1
                break
            raise ValueError(f"expected ',' or '}}' at column {pos + 1}")
    if _skip_ws(line, pos) != len(line):
        raise ValueError(f"extra data at column {pos + 1}")
    return members


def _member(members: dict[str, _Value], names: tuple[str, ...]) -> tuple[str, _Value | None]:
    for name in names:
        if name in members:
            return name, members[name]
    return names[0], None


def _time(members: dict[str, _Value], names: tuple[str, ...], where: str) -> float | None:
    name, field = _member(members, names)
    if field is None:
        return None
    try:
        return parse_time(field.value, milliseconds=is_milliseconds(name))
    except ValueError as exc:
        raise InputError(f"{where}: field {name!r}: {exc}") from None


def read(text: str, path: str, field_map: dict[str, str] | None = None) -> Document:
    fmap = check_field_map(field_map, path)
    names = {f: candidates(f, fmap) for f in ("text", "start", "end", "speaker")}
    found: list[tuple[int, int, str, float | None, float | None, str | None]] = []
    verbatim = True
    for number, start, end in lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            members = parse_object(line)
        except ValueError as exc:
            raise InputError(f"{where}: malformed JSONL line: {exc}") from None
        except RecursionError:
            raise InputError(f"{where}: malformed JSONL line: nested too deeply") from None
        text_name, field = _member(members, names["text"])
        if field is None:
            keys = ", ".join(list(members)[:8]) or "none"
            wanted = repr(text_name) if "text" in fmap else "text"
            raise InputError(f"{where}: no {wanted} field (keys: {keys}); "
                             "map the text field to one of them")
        if field.value is None:
            continue
        if not isinstance(field.value, str):
            raise InputError(f"{where}: field {text_name!r} is not a string")
        value: str = scrub(field.value)  # a lone \ud83d escape decodes to a surrogate
        if not value.strip():
            continue
        raw_start = start + field.start + 1
        if line[field.start + 1:field.end - 1] != value:
            verbatim = False  # escapes: the string is not written as-is in the file
        speaker = _member(members, names["speaker"])[1]
        found.append((raw_start, raw_start + len(value), value,
                      _time(members, names["start"], where), _time(members, names["end"], where),
                      None if speaker is None or speaker.value is None
                      else scrub(str(speaker.value))))
    if verbatim:
        segments = [Segment(i, s, e, t0, t1, spk)
                    for i, (s, e, _, t0, t1, spk) in enumerate(found)]
        return Document(text=text, path=path, segments=segments, input_format="jsonl")
    pieces: list[str] = []
    segments = []
    pos = 0
    for i, (_, _, value, t0, t1, spk) in enumerate(found):
        segments.append(Segment(i, pos, pos + len(value), t0, t1, spk))
        pieces.append(value)
        pos += len(value) + 1
    return Document(text="\n".join(pieces), path=path, segments=segments, input_format="jsonl",
                    metadata={"synthesized_text": True})
