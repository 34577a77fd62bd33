"""Transcripts: findings carry their segment, and phrases split across segments are found."""

from __future__ import annotations

import pytest

from rulecheck.model import Document, Segment
from tests.conftest import make_rule

RULES = (make_rule("PR-ZH-001", '"全网最低价"', category="pricing")
         + make_rule("PR-ZH-002", '"原价" then 6 PRICE', category="pricing"))


def _doc(parts: list[str], times: bool = True) -> Document:
    text, segs, pos = "", [], 0
    for i, p in enumerate(parts):
        # like an SRT file: numbering and timing lines around each cue's text
        header = f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i + 1},000\n"
        text += header
        pos += len(header)
        segs.append(Segment(i, pos, pos + len(p), float(i) if times else None,
                            float(i + 1) if times else None, "主播"))
        text += p + "\n\n"
        pos += len(p) + 2
    return Document(text=text, path="t.srt", segments=segs, input_format="srt")


@pytest.fixture
def checker(rule_checker):
    return rule_checker(RULES)


def test_phrase_split_over_two_segments_is_found_once(checker):
    doc = _doc(["家人们这个是全网", "最低价", "快去拍"])
    found = checker.check_document(doc)
    assert len(found) == 1
    f = found[0]
    assert f.rule == "PR-ZH-001"
    assert f.segment.index == 0 and f.segment.end_index == 1
    assert (f.segment.start_time, f.segment.end_time) == (0.0, 2.0)
    assert doc.text[f.start:f.end] == f.text
    assert f.text.startswith("全网") and f.text.endswith("最低价")


def test_timestamps_and_lines_refer_to_the_file(checker):
    doc = _doc(["大家好", "原价999今天只要99"])
    (f,) = checker.check_document(doc)
    assert f.segment.index == 1 and f.segment.start_time == 1.0 and f.segment.speaker == "主播"
    assert f.line == 7  # the cue text line in the SRT layout
    assert doc.text.splitlines()[f.line - 1][f.column - 1:].startswith("原价")


def test_timing_lines_are_never_checked(rule_checker):
    checker = rule_checker(make_rule("PR-ZH-003", '"000"', category="pricing"))
    assert checker.check_document(_doc(["大家好"])) == []


def test_no_match_across_unrelated_documents(checker):
    assert checker.check_document(_doc(["这个是全网"])) == []
    assert checker.check_document(_doc(["最低价"])) == []


def test_stream_feeds_segments_and_reports_once(checker):
    session = checker.stream()
    out = []
    for i, seg in enumerate(["家人们这个是全网", "最低价", "原价是多少呢", "九百九十九元"]):
        got = session.feed(seg, float(i), float(i + 1))
        out.append([f.rule for f in got])
    assert out == [[], ["PR-ZH-001"], [], ["PR-ZH-002"]]
    assert session.findings_emitted == 2


def test_stream_reports_a_claim_completed_by_the_next_segment_once(rule_checker):
    """最 at the end of one segment and 最好 once 好 arrives are one claim, alerted once."""
    session = rule_checker(make_rule("AD-ZH-001", '"最好" or "最"')).stream()
    first = session.feed("这款面霜是全网最", 0.0, 1.0)
    second = session.feed("好用的，闭眼入", 1.0, 2.0)
    assert [f.text for f in first] == ["最"]
    assert second == []
    assert [f.text for f in session.feed("另一款也是行业最好的", 2.0, 3.0)] == ["最好"]
