"""Times in inputs: subtitle timestamps and numeric ASR times, always returned in seconds."""

from __future__ import annotations

import math
import re

_STAMP = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?")


def parse_timestamp(stamp: str) -> float | None:
    """``HH:MM:SS,mmm`` (SRT), ``[HH:]MM:SS.mmm`` (WebVTT) -> seconds; None if not a stamp."""
    m = _STAMP.fullmatch(stamp.strip())
    if not m:
        return None
    hours, minutes, seconds, frac = m.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if frac:
        value += int(frac) / 10 ** len(frac)
    return float(value)


def parse_time(value: object, *, milliseconds: bool = False) -> float | None:
    """A time field (number, numeric string or timestamp) in seconds; raises ValueError.

    Empty values are None (an untimed segment). ``milliseconds`` applies to plain
    numbers only: a timestamp string carries its own unit.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            stamp = parse_timestamp(value)
            if stamp is None:
                raise ValueError(f"not a time: {value!r}") from None
            return stamp
    else:
        raise ValueError(f"not a time: {value!r}")
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"not a time: {value!r}")
    return number / 1000 if milliseconds else number
