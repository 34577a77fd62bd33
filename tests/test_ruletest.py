"""The rule-test runner: marked spans, expected fixes and replacements are enforced."""

from __future__ import annotations

import pytest

from rulecheck.rulebook.rule import clause_span
from rulecheck.ruletest import Case, run_case, run_rule_tests
from tests.conftest import make_rule


def _kinds(checker, case: Case) -> list[str]:
    return [f.kind for f in run_case(checker, case)]


def test_marked_span_must_be_the_flagged_one(rule_checker):
    checker = rule_checker(make_rule("AD-ZH-950", '"顶级"'))
    assert _kinds(checker, Case("AD-ZH-950", "bad", 0, "顶级货", ((0, 2),))) == []
    assert _kinds(checker, Case("AD-ZH-950", "bad", 0, "顶级货", ((0, 3),))) == ["span"]
    assert _kinds(checker, Case("AD-ZH-950", "bad", 0, "好货")) == ["bad"]
    assert _kinds(checker, Case("AD-ZH-950", "good", 0, "顶级货")) == ["good"]
    two = Case("AD-ZH-950", "bad", 0, "顶级货顶级价", ((0, 2),))
    assert _kinds(checker, two) == ["span"], "a second finding the example did not mark"


def test_fixed_text_is_checked(rule_checker):
    checker = rule_checker(make_rule("AD-ZH-951", '"顶级"', extra='replace: {safe: ["优质"]}\n'))
    ok = Case("AD-ZH-951", "bad", 0, "顶级货", ((0, 2),), fixed="优质货")
    wrong = Case("AD-ZH-951", "bad", 0, "顶级货", ((0, 2),), fixed="好货")
    assert _kinds(checker, ok) == []
    assert _kinds(checker, wrong) == ["fixed"]


def test_a_replacement_that_still_fires_or_wakes_another_rule_fails(rule_checker):
    checker = rule_checker(
        make_rule("AD-ZH-952", '"顶级"', extra='replace: {safe: ["顶级的"], unsafe: ["第一"]}\n')
        + make_rule("AD-ZH-953", '"第一"'))
    failures = run_case(checker, Case("AD-ZH-952", "bad", 0, "顶级货", ((0, 2),)))
    details = sorted(f.detail for f in failures)
    assert [f.kind for f in failures] == ["replacement", "replacement"]
    assert any("'顶级的' still flagged" in d for d in details)
    assert any("'第一' makes AD-ZH-953 fire" in d for d in details)


def test_report_counts_examples_not_failures(rule_checker):
    checker = rule_checker(make_rule("AD-ZH-954", '"顶级"',
                                     extra='replace: {safe: ["顶级的", "顶级款"]}\n'))
    report = run_rule_tests(checker)
    # the placeholder bad example "x" is not flagged; no replacement is tried there
    assert report.examples == 2 and report.failed == 1


def test_patterned_replacements_fit_each_shape(rule_checker):
    checker = rule_checker(make_rule(
        "AD-ZH-955", '"最好用" or "最有效" or "第一名"',
        extra='replace:\n  safe:\n    - {with: "很\\\\1", when: "最(好用|有效)"}\n'
              '  unsafe: ["名列前茅"]\n'))
    rule = checker.rules["AD-ZH-955"]
    [f] = checker.check_text("这款最有效的精华", lang="zh")
    assert f.fix is not None and f.fix.applicability == "safe"
    assert f.fix.edits[0].content == "很有效" and f.suggestions == ["很有效", "名列前茅"]
    [g] = checker.check_text("销量第一名的面霜", lang="zh")
    assert g.fix is not None and g.fix.applicability == "unsafe" and g.suggestions == ["名列前茅"]
    ok = Case("AD-ZH-955", "bad", 0, "最好用的面霜", ((0, 3),), fixed="很好用的面霜")
    assert run_case(checker, ok) == []
    assert rule.replace.ordered() == ["很\\1 (for /最(好用|有效)/)", "名列前茅"]


def test_a_bad_replacement_pattern_is_a_rule_error(tmp_path):
    import pytest

    from rulecheck.errors import RuleError
    from rulecheck.rulebook.compiler import load_rulebook

    (tmp_path / "p.yaml").write_text(make_rule(
        "AD-ZH-956", '"最好"', extra='replace: {safe: [{with: "x", when: "(?=a)"}]}\n'),
        encoding="utf-8")
    with pytest.raises(RuleError, match=r"p.yaml:\d+:\d+: replace: .*lookahead"):
        load_rulebook([tmp_path], bundled=False, use_cache=False)


def test_a_clause_deletion_takes_the_clause_and_its_punctuation(rule_checker):
    checker = rule_checker(make_rule("CR-ZH-957", '"最终解释权"', category="consumer_rights",
                                     extra='replace: {safe: [{delete: clause}]}\n'))
    text = "满199减30，本活动最终解释权归本店所有。欢迎下单"
    [f] = checker.check_text(text, lang="zh")
    assert f.fix is not None and f.fix.applicability == "safe" and f.suggestions == []
    [edit] = f.fix.edits
    assert text[edit.start:edit.end] == "，本活动最终解释权归本店所有" and edit.content == ""
    ok = Case("CR-ZH-957", "bad", 0, text, ((11, 16),), fixed="满199减30。欢迎下单")
    assert run_case(checker, ok) == []


@pytest.mark.parametrize("text,word,left", [
    ("甲，乙，丙。", "乙", "甲，丙。"),
    ("甲，乙。", "乙", "甲。"),
    ("乙。\n下一行", "乙", "下一行"),
    ("上一行\n甲，乙\n", "乙", "上一行\n甲\n"),
    ("乙", "乙", ""),
])
def test_clause_spans_keep_the_sentence_whole(text: str, word: str, left: str) -> None:
    i = text.index(word)
    lo, hi = clause_span(text, i, i + len(word))
    assert text[:lo] + text[hi:] == left


def test_two_flagged_words_in_one_clause_delete_it_once(rule_checker):
    checker = rule_checker(make_rule("CR-ZH-958", '"包治" or "根治"', category="consumer_rights",
                                     extra='replace: {safe: [{delete: clause}]}\n'))
    text = "欢迎下单，包治根治。谢谢"
    assert run_case(checker, Case("CR-ZH-958", "bad", 0, text, ((5, 7), (7, 9)))) == []
    lone = "这个包治又根治"  # the clause is the whole example
    assert run_case(checker, Case("CR-ZH-958", "bad", 0, lone, ((2, 4), (5, 7)))) == []
