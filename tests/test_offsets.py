"""Offsets: every finding's text is exactly original[start:end], whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rulecheck.text.normalize import normalize
from tests.conftest import make_rule

FILLER = st.text(
    alphabet=st.sampled_from(list("天气干燥的宝宝们关注点亮灯牌今天很好看 ，。！\n")
                             + ["😀", "𝐀", "ﬁ", "㈠", "\u200b", "Ａ", "ｂ", "１", "\U00020000"]),
    max_size=30,
)
VIOLATIONS = st.sampled_from(["最好", "全网最低", "最\u200b好", "ＮＯ．１", "no.1"])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(parts=st.lists(st.tuples(FILLER, VIOLATIONS), max_size=5), tail=FILLER)
def test_findings_point_at_original_text(rule_checker, parts, tail):
    checker = _checker(rule_checker)
    text = "".join(a + b for a, b in parts) + tail
    findings = checker.check_text(text)
    for f in findings:
        assert text[f.start:f.end] == f.text
        assert f.text  # never an empty span
    # every inserted Chinese violation is found (ASCII ones may touch a filler letter,
    # and then rightly do not match: "1no.1" is not "no.1")
    chinese = [b for _, b in parts if not b.isascii() and "Ｎ" not in b]
    assert len(findings) >= len(chinese)


_cache: dict[str, object] = {}


def _checker(rule_checker):
    if "c" not in _cache:
        _cache["c"] = rule_checker(
            make_rule("AD-ZH-001", '"最好" or "全网最低" or "no.1"'))
    return _cache["c"]


@given(st.text(max_size=60))
def test_normalized_offsets_stay_inside_the_original(text):
    norm = normalize(text)
    for i in range(len(norm.text) + 1):
        a = norm.offsets.start(min(i, max(len(norm.text) - 1, 0))) if norm.text else 0
        b = norm.offsets.end(i)
        assert 0 <= a <= len(text)
        assert 0 <= b <= len(text)


def test_normalization_folds_width_case_and_invisibles():
    norm = normalize("ＮＯ．１的最\u200b好")
    assert norm.text == "no.1的最好"
    start = norm.text.index("最好")
    s, e = norm.offsets.span(start, start + 2)
    assert "ＮＯ．１的最\u200b好"[s:e] == "最\u200b好"
