"""Rules are anchored on the rare words inside their regexes, not on helper words beside them."""

from __future__ import annotations

from rulecheck.dsl.required import required_sets
from rulecheck.engine.checker import Checker
from tests.conftest import make_rule

CHEAPER = r"/(没有|找不到)[^，。]{0,6}比[^，。]{0,8}(更|还)便宜/"


def _sets(source: str, flags: str = "") -> list[set[str]]:
    return [set(s) for s in required_sets(source, flags)]


def test_required_words_of_a_regex():
    got = _sets(CHEAPER[1:-1])
    assert {"没有", "找不到"} in got and {"比"} in got and {"更便宜", "还便宜"} in got
    # optional and open pieces require nothing; a repeat requires its body once
    assert _sets("过了?期") == [{"过期", "过了期"}]
    assert _sets("[a-z]+家") == [{"家"}]
    assert _sets("(好)?用") == [{"用"}]  # 好用 holds 用: finding 用 is enough
    assert _sets(".*") == [] and _sets("a|b*") == []
    # a branch that requires nothing makes the whole alternation require nothing
    assert _sets("(最好|\\d+)") == []
    # under (?i) a cased word is not required as written
    assert _sets("best", "i") == [] and _sets("最好", "i") == [{"最好"}]
    assert required_sets("(unclosed") == ()


def test_a_regex_rule_is_anchored_on_its_rarest_required_words(rule_checker):
    c: Checker = rule_checker(make_rule("AD-ZH-901", f'{CHEAPER} and "比"'))
    cr = c.rulebook.rules["AD-ZH-901"]
    literals = {c.rulebook.patterns.literals[pid] for pid in cr.anchors}
    assert literals == {"更便宜", "还便宜"}  # not 比, which occurs everywhere
    assert [f.text for f in c.check_text("没有哪家比我们更便宜。")] == ["没有哪家比我们更便宜"]
    assert c.check_text("这个比那个好看。") == []
    # a word no rule is anchored on is never looked for
    skipped = {c.rulebook.patterns.literals[pid] for pid in c.rulebook.skipped}
    assert not skipped & literals


def test_a_separated_regex_word_still_selects_the_sentence(rule_checker):
    c = rule_checker(make_rule("AD-ZH-902", r'/全网最低价/ and "最低价"'))
    cr = c.rulebook.rules["AD-ZH-902"]
    assert {c.rulebook.patterns.literals[p] for p in cr.anchors} == {"全网最低价"}
    assert [f.rule for f in c.check_text("今天全网最低价！")] == ["AD-ZH-902"]
    assert [f.rule for f in c.check_text("今天全网最-低-价！")] == ["AD-ZH-902"]


def test_window_rules_keep_the_anchors_of_the_words_they_report(rule_checker):
    c = rule_checker(make_rule("AD-ZH-903", f'{CHEAPER} and "比"',
                               extra="scope: window(1)\n"))
    cr = c.rulebook.rules["AD-ZH-903"]
    assert {c.rulebook.patterns.literals[p] for p in cr.anchors} == {"比"}
