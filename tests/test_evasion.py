"""Evasion spellings are caught with exact spans, and clean text stays clean."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rulecheck.engine.checker import Checker
from rulecheck.rulebook.compiler import load_rulebook
from tests.conftest import LEXICONS, make_rule

RULES = (
    make_rule("AD-ZH-001", 'word("最好", "第一") and not negated()')
    + make_rule("EC-ZH-001", '"加微信"', category="ecommerce")
    + make_rule("PR-ZH-001", '"全网最低价"', category="pricing")
)


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> Checker:
    d = tmp_path_factory.mktemp("evasion")
    (d / "lexicons").mkdir()
    (d / "p.yaml").write_text(RULES, encoding="utf-8")
    for name in ("negators.yaml", "meta_talk.yaml", "variants.yaml"):
        shutil.copy(LEXICONS / name, d / "lexicons" / name)
    return Checker(rulebook=load_rulebook([d], bundled=False, use_cache=False))


@pytest.mark.parametrize("text, span, note", [
    ("这个真的是最 好用的", "最 好", "inserted separator"),
    ("这个真的是最*好用的", "最*好", "inserted separator"),
    ("这个是最·好的", "最·好", "inserted separator"),
    ("有问题加 微 信", "加 微 信", "inserted separator"),
    ("全-网-最-低-价", "全-网-最-低-价", "inserted separator"),
    ("这是最\u200b好的", "最\u200b好", None),
    ("这个是蕞好的", "蕞好", "variant spelling"),
    ("要的加V信", "加V信", "variant spelling"),
    ("要的加vx", "加vx", "variant spelling"),
    ("ＮＯ．１的面霜", "ＮＯ．１", "variant spelling"),
    ("这是zui好的", "zui好", "pinyin"),
    ("全網最低價", "全網最低價", None),
])
def test_each_evasion_kind(checker, text, span, note):
    found = checker.check_text(text)
    assert [f.text for f in found] == [span]
    f = found[0]
    assert text[f.start:f.end] == span
    if note:
        assert f"evasion: {note}" in f.notes


@pytest.mark.parametrize("text", [
    "最近 好多人在问",
    "我们最，好朋友来了",
    "第一次 来直播间",
    "加油 微笑 信心满满",
    "扫地机器人 vxx 型号",
    "the best price",
])
def test_ordinary_gaps_do_not_create_hits(checker, text):
    assert [f.text for f in checker.check_text(text)] == []


NOISE = st.sampled_from([" ", "*", "·", "\u200b", "\u200c", "-", "😀"])
CLEAN_CHARS = list("今天天气很好宝宝们点关注谢谢大家来了") + [" ", "，"]
CLEAN = st.text(alphabet=st.sampled_from(CLEAN_CHARS), max_size=20)


def _noisy(term: str, draw) -> str:
    out = []
    for i, ch in enumerate(term):
        out.append(ch)
        if i < len(term) - 1 and draw(st.booleans()):
            out.append(draw(NOISE))
    return "".join(out)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_evasions_keep_exact_offsets(checker, data):
    term = data.draw(st.sampled_from(["全网最低价", "加微信"]))
    variant = data.draw(st.sampled_from(["plain", "noise", "fullwidth", "traditional"]))
    if variant == "noise":
        term_text = _noisy(term, data.draw)
    elif variant == "fullwidth":
        term_text = term  # Han characters have no width variant; exercise the path anyway
    elif variant == "traditional":
        term_text = term.replace("网", "網").replace("价", "價")
    else:
        term_text = term
    before, after = data.draw(CLEAN), data.draw(CLEAN)
    text = before + "，" + term_text + "，" + after
    found = checker.check_text(text)
    assert found, text
    for f in found:
        assert text[f.start:f.end] == f.text
    clean = before + "，" + after
    assert checker.check_text(clean) == []
