"""`rulecheck watch`: live segments in, findings out at once, statistics at the end."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest

from rulecheck.engine.checker import Checker
from rulecheck.errors import InputError
from rulecheck.watch import format_timestamp, percentile, watch

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def _jsonl(*segments: dict) -> str:
    return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in segments)


def test_jsonl_stream_finds_split_phrase(checker: Checker) -> None:
    out, err = io.StringIO(), io.StringIO()
    stats = watch(io.StringIO((SAMPLES / "asr.jsonl").read_text(encoding="utf-8")), out,
                  checker, error_stream=err)
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    lowest = [f for f in found if f["rule"] == "PR-ZH-020"]
    assert len(lowest) == 1
    assert lowest[0]["text"].replace("\n", "") == "全网最低价"  # 这个是全网 / 最低价
    assert lowest[0]["segment"]["start_time"] == 8.2
    assert lowest[0]["segment"]["end_index"] == lowest[0]["segment"]["index"] + 1
    lines = [ln for ln in (SAMPLES / "asr.jsonl").read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    assert stats.segments == len(lines)
    assert stats.findings == len(found) and stats.malformed == 0
    assert stats.by_category["pricing"] >= 1
    assert sum(stats.by_category.values()) == stats.findings
    assert len(stats.latencies) == stats.segments and stats.p99_latency_ms >= 0
    report = err.getvalue()
    assert f"segments: {stats.segments}" in report and "p99" in report and "pricing" in report


def test_malformed_lines_are_reported_and_counted(checker: Checker) -> None:
    text = _jsonl({"text": "家人们好", "start": 0, "end": 1}) + "{broken\n" + \
        '["not", "an", "object"]\n' + '{"content_missing": 1}\n' + \
        '{"text": "x", "start": "soon"}\n' + _jsonl({"text": "这是全网最好用的面霜"})
    out, err = io.StringIO(), io.StringIO()
    stats = watch(io.StringIO(text), out, checker, input_kind="jsonl", error_stream=err)
    assert stats.malformed == 4 and stats.segments == 2
    messages = err.getvalue()
    for number in (2, 3, 4, 5):
        assert f"-:{number}: malformed line skipped" in messages
    assert "no text field" in messages and "'start'" in messages
    assert "malformed lines skipped: 4" in messages
    assert [json.loads(x)["rule"] for x in out.getvalue().splitlines()] == ["AD-ZH-001"]


def test_plain_lines_and_text_output(checker: Checker) -> None:
    out, err = io.StringIO(), io.StringIO()
    stats = watch(io.StringIO("最近天气干燥\n\n这是全网最好用的面霜\n"), out, checker,
                  output_format="text", error_stream=err)
    assert stats.segments == 2  # the blank line is not a segment
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("--:--:--.---") and "AD-ZH-001" in lines[0] and "最好" in lines[0]
    assert "《广告法》" in lines[0]


def test_text_output_has_timestamps(checker: Checker) -> None:
    out = io.StringIO()
    watch(io.StringIO(_jsonl({"text": "这是全网最好用的面霜", "start": 751.2, "end": 753,
                              "speaker": "主播"})),
          out, checker, output_format="text", error_stream=io.StringIO())
    assert out.getvalue().startswith("00:12:31.200 主播")


def test_field_map(checker: Checker) -> None:
    out = io.StringIO()
    stats = watch(open(SAMPLES / "asr_custom_fields.jsonl", encoding="utf-8"), out, checker,
                  field_map={"text": "content", "start": "begin_ms", "end": "end_ms",
                             "speaker": "role"}, error_stream=io.StringIO())
    found = [json.loads(x) for x in out.getvalue().splitlines()]
    assert stats.malformed == 0 and found
    first = found[0]
    assert first["segment"]["speaker"] == "host"
    assert first["segment"]["start_time"] == pytest.approx(3.2)  # begin_ms 3200


class _Feed(io.TextIOBase):
    """A stream that hands out one line per read and remembers how many it gave."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.given = 0

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        if self.given >= len(self.lines):
            return ""
        self.given += 1
        return self.lines[self.given - 1]


class _Sink(io.StringIO):
    def __init__(self, feed: _Feed):
        super().__init__()
        self.feed = feed
        self.written_after: list[int] = []
        self.flushed_after: list[int] = []

    def write(self, s: str) -> int:
        self.written_after.append(self.feed.given)
        return super().write(s)

    def flush(self) -> None:
        self.flushed_after.append(self.feed.given)
        super().flush()


def test_findings_are_written_and_flushed_as_soon_as_found(checker: Checker) -> None:
    feed = _Feed(["家人们晚上好\n", "这是全网最好用的面霜\n", "续航三十个小时\n",
                  "原价999元今天只要99元\n", "谢谢大家\n"])
    sink = _Sink(feed)
    watch(feed, sink, checker, error_stream=io.StringIO())
    assert sink.written_after[0] == 2  # written right after line 2, not at the end
    assert 2 in sink.flushed_after and 4 in sink.flushed_after
    assert max(sink.written_after) == 4


def test_keyboard_interrupt_still_prints_statistics(checker: Checker) -> None:
    class Interrupted(_Feed):
        def readline(self, size: int = -1) -> str:  # type: ignore[override]
            if self.given == 2:
                raise KeyboardInterrupt
            return super().readline(size)

    err = io.StringIO()
    stats = watch(Interrupted(["这是最好的\n", "好的\n", "never read\n"]), io.StringIO(),
                  checker, error_stream=err)
    assert stats.interrupted and stats.segments == 2
    assert "stopped by interrupt" in err.getvalue() and "segments: 2" in err.getvalue()


def test_follow_a_growing_file(checker: Checker, tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    path.write_text(_jsonl({"text": "家人们晚上好", "start": 0.0, "end": 2.0}), encoding="utf-8")

    def recognizer() -> None:
        with path.open("a", encoding="utf-8") as fh:
            for seg in ({"text": "这个是全网", "start": 2.0, "end": 3.0},
                        {"text": "最低价", "start": 3.0, "end": 4.0}):
                time.sleep(0.3)
                fh.write(json.dumps(seg, ensure_ascii=False) + "\n")
                fh.flush()
            time.sleep(0.3)
            line = json.dumps({"text": "这是全网最好用的面霜", "start": 4.0}, ensure_ascii=False)
            fh.write(line[:12])  # half a line: must wait for the rest
            fh.flush()
            time.sleep(0.3)
            fh.write(line[12:] + "\n")
            fh.flush()

    writer = threading.Thread(target=recognizer)
    out, err = io.StringIO(), io.StringIO()
    began = time.monotonic()
    writer.start()
    stats = watch(None, out, checker, follow_path=str(path), poll_interval=0.05,
                  idle_timeout=1.0, error_stream=err)
    elapsed = time.monotonic() - began
    writer.join()
    assert stats.segments == 4 and stats.malformed == 0, err.getvalue()
    rules = [json.loads(x)["rule"] for x in out.getvalue().splitlines()]
    assert rules == ["PR-ZH-020", "AD-ZH-001"]
    assert 1.0 <= elapsed < 6  # stopped by itself once the file stopped growing


def test_follow_stops_on_event(checker: Checker, tmp_path: Path) -> None:
    path = tmp_path / "live.txt"
    path.write_text("这是最好的\n", encoding="utf-8")
    stop = threading.Event()
    threading.Timer(0.4, stop.set).start()
    began = time.monotonic()
    stats = watch(None, io.StringIO(), checker, follow_path=str(path), poll_interval=0.05,
                  idle_timeout=None, stop=stop, error_stream=io.StringIO())
    assert stats.segments == 1 and time.monotonic() - began < 3


def test_follow_missing_file_is_an_input_error(checker: Checker, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        watch(None, io.StringIO(), checker, follow_path=str(tmp_path / "nope.jsonl"),
              error_stream=io.StringIO())


def test_bad_options(checker: Checker) -> None:
    with pytest.raises(InputError):
        watch(io.StringIO(""), io.StringIO(), checker, input_kind="xml")
    with pytest.raises(InputError):
        watch(io.StringIO(""), io.StringIO(), checker, output_format="sarif")


def test_timestamps_and_percentiles() -> None:
    assert format_timestamp(751.2) == "00:12:31.200"
    assert format_timestamp(3600 * 2 + 0.0004) == "02:00:00.000"
    assert format_timestamp(None) == "--:--:--.---"
    values = [float(i) for i in range(1, 101)]
    assert percentile(values, 99) == 99.0 and percentile(values, 50) == 50.0
    assert percentile([], 99) == 0.0
