"""Long unpunctuated text costs memory in proportion to its length, not to findings x
sentence length: contexts are excerpts, sentences are bounded, and what a cut splits is
still found."""

from __future__ import annotations

import pytest

from rulecheck.engine.checker import default_checker
from rulecheck.engine.excerpt import WINDOW, excerpt_span
from rulecheck.text.sentences import LATIN_FACTOR, MAX_SENTENCE, split_sentences

TALK = ["家人们这款面霜真的是全网最好用的", "没有之一", "闭眼入就完了", "今天的福利价只有这一场",
        "宝宝们点点关注", "这个颜色特别显白", "我们家是源头工厂"]


def asr_line(repeats: int, sep: str = " ") -> str:
    return sep.join(TALK * repeats)


def test_a_short_sentence_is_its_own_context() -> None:
    text = "最近天气干燥。这是全网最好用的面霜，姐妹们冲！"
    (finding,) = [f for f in default_checker().check_text(text, lang="zh")
                  if f.rule == "AD-ZH-001"]
    assert finding.context == "这是全网最好用的面霜，姐妹们冲！"


def test_contexts_are_bounded_excerpts_of_the_text() -> None:
    text = asr_line(400)  # ~16,000 characters on one line, no punctuation
    findings = default_checker().check_text(text, lang="zh")
    assert len(findings) > 100
    for f in findings:
        assert f.text in f.context
        assert len(f.context) <= 2 * WINDOW + len(f.text)
        pos = text.find(f.context, max(0, f.end - len(f.context)))
        assert 0 <= pos <= f.start and f.end <= pos + len(f.context)


def test_context_window_stops_at_a_clause_end() -> None:
    text = "甲" * 100 + "，" + "乙" * 100 + "最好" + "丙" * 100 + "，" + "丁" * 100
    start = text.index("最好")
    a, b = excerpt_span(text, start, start + 2, 0, len(text))
    assert text[a:b] == "乙" * 100 + "最好" + "丙" * 100 or (a, b) == (
        start - WINDOW, start + 2 + WINDOW)
    text = "甲" * 30 + "，" + "乙" * 70 + "最好" + "丙" * 70 + "，" + "丁" * 30
    start = text.index("最好")
    a, b = excerpt_span(text, start, start + 2, 0, len(text))
    assert text[a:b] == "乙" * 70 + "最好" + "丙" * 70 + "，"


def test_long_runs_are_cut_into_bounded_sentences() -> None:
    text = asr_line(50)
    spans = split_sentences(text)
    assert len(spans) > 10
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    # cut where the speaker pauses: no sentence starts or ends inside a chunk of talk
    for s, e in spans:
        assert s == 0 or text[s - 1] == " "
        assert e == len(text) or text[e] == " "
    # the pieces and the pauses between them are the whole line
    assert " ".join(text[s:e] for s, e in spans) == text


def test_latin_script_sentences_may_be_longer() -> None:
    text = " ".join(["this is the best cream ever"] * 40)
    spans = split_sentences(text)
    assert all(e - s <= MAX_SENTENCE * LATIN_FACTOR for s, e in spans)
    assert any(e - s > MAX_SENTENCE for s, e in spans)


def test_a_run_without_pauses_is_cut_hard() -> None:
    text = "好" * (MAX_SENTENCE * 3 + 7)
    spans = split_sentences(text)
    assert spans == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE),
                     (2 * MAX_SENTENCE, 3 * MAX_SENTENCE), (3 * MAX_SENTENCE, len(text))]


@pytest.mark.parametrize("offset", range(-4, 2))
def test_a_phrase_split_by_a_hard_cut_is_still_found(offset: int) -> None:
    phrase = "全网最低价"
    head = "嗯" * (MAX_SENTENCE + offset)
    text = head + phrase + "嗯" * (MAX_SENTENCE * 2)
    found = {(f.text, f.start) for f in default_checker().check_text(text, lang="zh")}
    assert any(t in phrase and start >= len(head) for t, start in found), found


def test_findings_on_a_long_line_match_the_same_talk_in_short_lines() -> None:
    """Cutting changes nothing for talk whose phrases fall inside the pieces."""
    checker = default_checker()
    line = asr_line(30)
    lines = line.replace(" ", "\n")
    on_line = {(f.rule, f.start, f.end) for f in checker.check_text(line, lang="zh")}
    in_lines = {(f.rule, f.start, f.end) for f in checker.check_text(lines, lang="zh")}
    assert on_line and on_line == in_lines


def test_zero_width_marks_map_back_exactly() -> None:
    talk = "\u200b".join(asr_line(60))  # a zero-width space after every character
    findings = default_checker().check_text(talk, lang="zh")
    assert findings
    for f in findings:
        assert talk[f.start:f.end] == f.text
        assert f.text in f.context  # an exact stretch of the text, marks and all
        assert len(f.context.replace("\u200b", "")) <= 2 * WINDOW + len(f.text)
