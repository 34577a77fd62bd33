"""`rulecheck watch`: check live ASR segments as they arrive and print findings at once.

Segments come from a text stream (stdin, a pipe from the recognizer) as JSON
Lines or plain lines, or from a growing file followed like ``tail -f``. Each one
is fed to a streaming session of the checker (so a phrase split across two
segments is still found) and every finding is written and flushed the moment
it is known. A malformed line is reported on stderr with its line number and
skipped; it is counted, never dropped silently. Statistics go to stderr at the end.
"""

from __future__ import annotations

import io
import json
import math
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from rulecheck.errors import InputError
from rulecheck.model import Finding
from rulecheck.readers.fields import candidates, check_field_map, is_milliseconds
from rulecheck.readers.timing import parse_time
from rulecheck.reports.common import clock

if TYPE_CHECKING:
    from rulecheck.engine.checker import Checker

INPUT_KINDS: tuple[str, ...] = ("auto", "jsonl", "lines")
OUTPUT_FORMATS: tuple[str, ...] = ("jsonl", "text")

#: How many per-segment latencies are kept for the percentiles (a ring, so a
#: broadcast of any length uses bounded memory).
LATENCY_SAMPLES = 100_000


@dataclass
class SegmentIn:
    """One segment as read from the input, before it is checked."""

    text: str
    start: float | None = None
    end: float | None = None
    speaker: str | None = None


@dataclass
class WatchStats:
    """What one watch session saw: counts, malformed lines and latency per segment."""

    segments: int = 0
    findings: int = 0
    malformed: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)  # seconds, per checked segment
    interrupted: bool = False

    def record_latency(self, seconds: float) -> None:
        if len(self.latencies) < LATENCY_SAMPLES:
            self.latencies.append(seconds)
        else:
            self.latencies[self.segments % LATENCY_SAMPLES] = seconds

    @property
    def mean_latency_ms(self) -> float:
        return 1000 * sum(self.latencies) / len(self.latencies) if self.latencies else 0.0

    @property
    def p99_latency_ms(self) -> float:
        return 1000 * percentile(self.latencies, 99)

    def to_dict(self) -> dict[str, Any]:
        return {
            "segments": self.segments,
            "findings": self.findings,
            "malformed": self.malformed,
            "by_category": dict(sorted(self.by_category.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
            "latency_ms": {"mean": round(self.mean_latency_ms, 3),
                           "p99": round(self.p99_latency_ms, 3)},
            "interrupted": self.interrupted,
        }

    def format(self) -> str:
        cats = ", ".join(f"{c} {n}" for c, n in sorted(self.by_category.items())) or "none"
        lines = [
            f"segments: {self.segments}",
            f"findings: {self.findings} ({cats})",
            f"latency per segment: mean {self.mean_latency_ms:.1f} ms, "
            f"p99 {self.p99_latency_ms:.1f} ms",
        ]
        if self.malformed:
            lines.append(f"malformed lines skipped: {self.malformed}")
        if self.interrupted:
            lines.append("stopped by interrupt")
        return "\n".join("rulecheck watch: " + line for line in lines)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values): p99 of 100 values is the largest but one."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def format_timestamp(seconds: float | None) -> str:
    """Seconds -> ``HH:MM:SS.mmm`` (``--:--:--.---`` when the segment has no time)."""
    return clock(seconds) if seconds is not None else "--:--:--.---"


def format_text(f: Finding) -> str:
    """One finding as a line for a person watching the broadcast."""
    seg = f.segment
    stamp = format_timestamp(seg.start_time if seg else None)
    who = f" {seg.speaker}" if seg and seg.speaker else ""
    quote = _one_line(f.text)
    message = _one_line(f.message)
    said = message if quote in message else f"“{quote}” {message}"
    line = f"{stamp}{who}  {f.severity:<7} {f.rule:<10} [{f.category}] {said}"
    if f.law:
        line += f"  ({f.law})"
    if f.suggestions:
        line += "  → " + " / ".join(f.suggestions[:3])
    return line


def _one_line(text: str) -> str:
    """A match can span two segments (joined by a newline): keep the output one line each."""
    return " ".join(text.split("\n")).replace("\r", "")


class SegmentParser:
    """Turns input lines into segments; knows JSONL field names and plain lines."""

    def __init__(self, input_kind: str = "auto", field_map: dict[str, str] | None = None,
                 source: str = "-"):
        if input_kind not in INPUT_KINDS:
            raise InputError(f"input kind must be one of {', '.join(INPUT_KINDS)}, "
                             f"not {input_kind!r}")
        self.kind = input_kind
        self.source = source
        fmap = check_field_map(field_map, source)
        self._names = {f: candidates(f, fmap) for f in ("text", "start", "end", "speaker")}
        self._mapped_text = fmap.get("text")

    def parse(self, line: str) -> SegmentIn | None:
        """The segment a line holds, None for a blank line; ValueError if malformed."""
        stripped = line.strip()
        if not stripped:
            return None
        if self.kind == "auto":  # the first non-blank line decides for the whole stream
            self.kind = "jsonl" if stripped.startswith("{") else "lines"
        if self.kind == "lines":
            return SegmentIn(line.rstrip("\r\n"))
        return self._parse_json(stripped)

    def _parse_json(self, line: str) -> SegmentIn | None:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
        text_name, text = self._member(obj, "text")
        if text_name is None:
            wanted = repr(self._mapped_text) if self._mapped_text else "text"
            keys = ", ".join(list(obj)[:8]) or "none"
            raise ValueError(f"no {wanted} field (keys: {keys})")
        if text is None:
            return None
        if not isinstance(text, str):
            raise ValueError(f"field {text_name!r} is not a string")
        speaker = self._member(obj, "speaker")[1]
        return SegmentIn(text, self._time(obj, "start"), self._time(obj, "end"),
                         None if speaker is None else str(speaker))

    def _member(self, obj: dict[str, Any], name: str) -> tuple[str | None, Any]:
        for key in self._names[name]:
            if key in obj:
                return key, obj[key]
        return None, None

    def _time(self, obj: dict[str, Any], name: str) -> float | None:
        key, value = self._member(obj, name)
        if key is None:
            return None
        try:
            return parse_time(value, milliseconds=is_milliseconds(key))
        except ValueError as exc:
            raise ValueError(f"field {key!r}: {exc}") from None


def iter_lines(stream: TextIO) -> Iterator[str]:
    """Lines of a text stream as they arrive (no read-ahead buffering of whole blocks)."""
    while True:
        line = stream.readline()
        if not line:
            return
        yield line


def follow_lines(path: str, *, poll_interval: float = 0.2, idle_timeout: float | None = 10.0,
                 from_start: bool = True, stop: threading.Event | None = None,
                 encoding: str = "utf-8", warn: TextIO | None = None) -> Iterator[str]:
    """Lines appended to a file, ``tail -f`` style, by polling.

    Stops once nothing new arrived for ``idle_timeout`` seconds (None: never),
    when ``stop`` is set, or on KeyboardInterrupt (raised to the caller). A last
    line without a newline is held back until it is completed or the wait ends.
    A file that shrinks (truncated, rotated by copy) is read again from its start.
    """
    try:
        fh = open(path, "rb")  # bytes: exact positions, and a line is decoded only when whole
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        if not from_start:
            fh.seek(0, io.SEEK_END)
        pending = b""
        last_data = time.monotonic()
        while stop is None or not stop.is_set():
            chunk = fh.readline()
            if chunk:
                last_data = time.monotonic()
                pending += chunk
                if pending.endswith(b"\n"):
                    yield pending.decode(encoding, errors="replace").lstrip("\ufeff")
                    pending = b""
                continue
            if _replaced(path, fh):
                if warn is not None:
                    print(f"rulecheck watch: {path}: file was replaced or truncated; "
                          "reading it from its start", file=warn, flush=True)
                fh.close()
                try:
                    fh = open(path, "rb")
                except OSError:
                    break
                pending = b""
                continue
            if idle_timeout is not None and time.monotonic() - last_data >= idle_timeout:
                break
            if stop is not None:
                stop.wait(poll_interval)
            else:
                time.sleep(poll_interval)
        if pending:
            yield pending.decode(encoding, errors="replace").lstrip("\ufeff")
    finally:
        fh.close()


def _replaced(path: str, fh: BinaryIO) -> bool:
    """Whether the followed file shrank or another file now has its name (log rotation)."""
    try:
        now = os.stat(path)
    except OSError:
        return False  # removed: keep reading what is open until the idle timeout
    held = os.fstat(fh.fileno())
    return (now.st_ino, now.st_dev) != (held.st_ino, held.st_dev) or now.st_size < fh.tell()


def watch(input_stream: TextIO | None, output_stream: TextIO, checker: Checker, *,
          input_kind: str = "auto", output_format: str = "jsonl", lang: str = "auto",
          product_type: str | None = None, follow_path: str | None = None,
          field_map: dict[str, str] | None = None, error_stream: TextIO | None = None,
          poll_interval: float = 0.2, idle_timeout: float | None = 10.0,
          stop: threading.Event | None = None, window: int = 2) -> WatchStats:
    """Check segments as they arrive; write each finding at once; return the statistics.

    ``input_stream`` is read line by line unless ``follow_path`` names a file to
    follow instead. ``output_format`` is ``jsonl`` (one finding object a line) or
    ``text`` (a timestamped line). Statistics and malformed-line notices go to
    ``error_stream`` (stderr by default). KeyboardInterrupt ends the session
    normally: statistics are still printed and returned.
    """
    err = error_stream if error_stream is not None else sys.stderr
    if output_format not in OUTPUT_FORMATS:
        raise InputError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}, "
                         f"not {output_format!r}")
    source = follow_path or "-"
    parser = SegmentParser(input_kind, field_map, source)
    if follow_path is not None:
        lines: Iterator[str] = follow_lines(follow_path, poll_interval=poll_interval,
                                            idle_timeout=idle_timeout, stop=stop, warn=err)
    elif input_stream is not None:
        lines = iter_lines(input_stream)
    else:
        raise InputError("watch needs an input stream or a file to follow")
    session = checker.stream(lang=lang, product_type=product_type, path=source, window=window)
    stats = WatchStats()
    number = 0
    try:
        for line in lines:
            number += 1
            if stop is not None and stop.is_set():
                break
            try:
                seg = parser.parse(line)
            except ValueError as exc:
                stats.malformed += 1
                print(f"rulecheck watch: {source}:{number}: malformed line skipped: {exc}",
                      file=err, flush=True)
                continue
            if seg is None:
                continue
            began = time.perf_counter()
            found = session.feed(seg.text, seg.start, seg.end, seg.speaker)
            for f in found:
                if output_format == "jsonl":
                    output_stream.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
                else:
                    output_stream.write(format_text(f) + "\n")
                stats.by_category[f.category] += 1
                stats.by_severity[f.severity] += 1
            if found:
                output_stream.flush()
            stats.record_latency(time.perf_counter() - began)
            stats.segments += 1
            stats.findings += len(found)
    except KeyboardInterrupt:
        stats.interrupted = True
    finally:
        close = getattr(lines, "close", None)
        if close is not None:
            close()
    print(stats.format(), file=err, flush=True)
    return stats
