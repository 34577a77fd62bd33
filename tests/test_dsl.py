"""Every operator of the match language: what it matches and what it must not."""

from __future__ import annotations

import pytest

from tests.conftest import make_rule


def hits(checker, text, lang="auto", product_type=None):
    return [f.text for f in checker.check_text(text, lang=lang, product_type=product_type)]


def test_phrase_matches_substring(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", '"全网最低"'))
    assert hits(c, "这是全网最低的价格") == ["全网最低"]
    assert hits(c, "这是全网很低的价格") == []


def test_word_is_token_exact(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", 'word("最", "最好", "第一")'))
    assert hits(c, "这个最好用") == ["最好"]
    assert hits(c, "销量第一的口红") == ["第一"]
    for clean in ("最近天气干燥", "最后一件了", "最多买两件", "第一次来直播间的宝宝"):
        assert hits(c, clean) == [], clean


def test_lexicon_reference(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", "word(@abs)"), lexicons={"abs": ["最佳", "顶级"]})
    assert hits(c, "顶级工艺，最佳选择") == ["顶级", "最佳"]


def test_regex_needs_no_anchor_but_works(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", '"原价" and /原价\\d+/'))
    assert hits(c, "原价399现在99") == ["原价"]
    assert hits(c, "原价不贵") == []


def test_and_reports_left_hits_when_right_holds(rule_checker):
    c = rule_checker(make_rule("FS-ZH-001", '"治疗" and "糖尿病"', category="food_safety"))
    assert hits(c, "这个茶能治疗糖尿病") == ["治疗"]
    assert hits(c, "这个茶能治疗失眠") == []


def test_or_and_not(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", '("根治" or "治愈") and not "医生说"'))
    assert hits(c, "三天根治，一周治愈") == ["根治", "治愈"]
    assert hits(c, "医生说三天根治") == []


def test_near_is_unordered_and_bounded(rule_checker):
    c = rule_checker(make_rule("EC-ZH-001", '"好评" near 3 "返现"', category="ecommerce"))
    assert hits(c, "好评返现五元") == ["好评返现"]
    assert hits(c, "返现给五星好评的") == ["返现给五星好评"]
    assert hits(c, "好评的宝宝们我们今天下单的都会有机会拿到返现") == []


def test_then_is_ordered(rule_checker):
    c = rule_checker(make_rule("PR-ZH-001", '"原价" then 4 PRICE', category="pricing"))
    assert hits(c, "原价999今天只要99") == ["原价999"]
    assert hits(c, "99块的东西原价是多少") == []


def test_entities_and_values(rule_checker):
    c = rule_checker(make_rule("UC-ZH-001", '"奖" and value(PRICE, ">", 50000)',
                               category="unfair_competition"))
    assert hits(c, "一等奖价值十万元的汽车") == ["奖"]
    assert hits(c, "一等奖价值五千元") == []


@pytest.mark.parametrize("text, value", [
    ("only ninety-nine dollars today", 99), ("two hundred and fifty bucks", 250),
    ("a hundred dollars", 100), ("ten grand dollars", 10_000), ("99块9", 99.9),
    ("原价一百九十九元", 199), ("$1,299", 1299),
])
def test_price_values(text, value):
    from rulecheck.text.entities import find_entities

    assert [e.value for e in find_entities("PRICE", text)] == [pytest.approx(value)]


def test_spelled_english_is_a_price_only_with_a_currency(rule_checker):
    from rulecheck.text.entities import find_entities

    assert find_entities("PRICE", "this one takes three to five days") == []
    assert find_entities("NUM", "this one is great") == []


def test_price_ratio(rule_checker):
    c = rule_checker(make_rule("PR-ZH-001", '"原价" and price_ratio(10)', category="pricing"))
    assert hits(c, "原价1999元今天只要99元") == ["原价"]
    assert hits(c, "原价199元今天只要99元") == []


def test_negated_and_quoted(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", 'word("最好") and not negated() and not quoted()'))
    assert hits(c, "这是最好的面霜") == ["最好"]
    assert hits(c, "我们不敢说最好") == []
    assert hits(c, "不是最好的但是性价比高") == []
    assert hits(c, "广告法不让说最好") == []
    assert hits(c, "你们别问“最好”的是哪个") == []


def test_negation_does_not_depend_on_segmentation(rule_checker):
    """jieba fuses negators into the next verb (不刷, 咱不卖, 从来不); they still negate,
    while words that only contain a negator character (不错, 非常) negate nothing."""
    c = rule_checker(make_rule("EC-ZH-001", '"刷单" and not negated()', category="ecommerce"),
                     make_rule("PQ-ZH-001", '"高仿" and not negated()',
                               category="product_quality"),
                     make_rule("AD-ZH-001", 'word("最好") and not negated()'))
    assert hits(c, "我们从来不刷单") == []
    assert hits(c, "咱不卖假货高仿") == []
    assert hits(c, "没刷过单也没高仿") == []
    assert hits(c, "我们刷单冲销量") == ["刷单"]
    assert hits(c, "这个不错，全网最好用") == ["最好"]
    assert hits(c, "非常最好用") == ["最好"]


def test_english_negators_keep_word_boundaries(rule_checker):
    c = rule_checker(make_rule("AD-EN-001", 'word("best") and not negated()', lang="en"))
    assert hits(c, "i know it's the best cream", lang="en") == ["best"]
    assert hits(c, "it's not the best cream", lang="en") == []


def test_contractions_are_not_quotation_marks(rule_checker):
    c = rule_checker(make_rule("AD-EN-001", 'word("best") and not quoted()', lang="en"))
    assert hits(c, "it's the best cream, don't miss it", lang="en") == ["best"]
    assert hits(c, 'we never say "best" on stream', lang="en") == []


def test_after_and_before(rule_checker):
    c = rule_checker(make_rule("PR-ZH-001", '"价" and after("原", 0) and before("只要", 3)',
                               category="pricing"))
    assert hits(c, "原价九百九今天只要九十九") == ["价"]
    assert hits(c, "价格九百九今天只要九十九") == []


def test_overlapping_and_unless(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", 'word("最佳")',
                               extra='unless: overlapping("最佳饮用期")\n'))
    assert hits(c, "这是最佳选择") == ["最佳"]
    assert hits(c, "最佳饮用期是三个月，这是最佳选择") == ["最佳"]
    assert hits(c, "最佳饮用期是三个月") == []


def test_english_lemma_and_word_boundaries(rule_checker):
    c = rule_checker(make_rule("AD-EN-001", 'lemma("cure")', lang="en"))
    assert hits(c, "It cures acne and cured my skin") == ["cures", "cured"]
    assert hits(c, "secure checkout, procured from France") == []


def test_document_scope_absence(rule_checker):
    c = rule_checker(make_rule("FS-ZH-001", '"增强免疫力" and not "本品不能代替药物"',
                               category="food_safety", extra="scope: document\n"))
    assert hits(c, "这款能增强免疫力。") == ["增强免疫力"]
    assert hits(c, "这款能增强免疫力。本品不能代替药物。") == []


def test_window_scope(rule_checker):
    c = rule_checker(make_rule("PR-ZH-001", '"原价" and "只要"', category="pricing",
                               extra="scope: window(1)\n"))
    assert hits(c, "原价三百九。今天只要九十九。") == ["原价"]
    assert hits(c, "原价三百九。很好看。真的。今天只要九十九。") == []


def test_product_context(rule_checker):
    c = rule_checker(make_rule("AD-ZH-001", '"防脱"', extra="exempt_for: [special_cosmetics]\n"))
    assert hits(c, "这款洗发水防脱") == ["防脱"]
    assert hits(c, "这款洗发水防脱", product_type="special_cosmetics") == []


def test_downgrade_if_lowers_severity(rule_checker):
    downgrade = "downgrade_if: '\"据\" and \"数据\"'\n"
    c = rule_checker(make_rule("AD-ZH-001", 'word("第一")', extra=downgrade))
    assert [f.severity for f in c.check_text("销量第一")] == ["error"]
    assert [f.severity for f in c.check_text("据2024年天猫数据，销量第一")] == ["warning"]


def test_language_per_sentence(rule_checker):
    c = rule_checker(make_rule("AD-EN-001", '"best"', lang="en"),
                     make_rule("AD-ZH-001", 'word("最好")'))
    found = {(f.rule, f.text) for f in c.check_text("这是最好的。This is the best cream.")}
    assert found == {("AD-ZH-001", "最好"), ("AD-EN-001", "best")}


@pytest.mark.parametrize("expr, message, column", [
    ('"a" and', "unexpected end", 8),
    ('"a" near x "b"', "unexpected", 10),
    ("word(@nope)", "unknown lexicon @nope", 6),
    ('foo("a")', "unknown function foo()", 1),
    ('/[/', "bad regular expression", 1),
    ('not "a"', "only conditions", None),
])
def test_errors_point_at_file_line_column(tmp_path, expr, message, column):
    from rulecheck.errors import RuleError
    from rulecheck.rulebook.compiler import load_rulebook

    (tmp_path / "p.yaml").write_text(make_rule("AD-ZH-001", expr), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rulebook([tmp_path], bundled=False, use_cache=False)
    text = str(info.value)
    assert message in text
    first = text.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'p.yaml'}:9:")
    if column is not None:
        assert "^" in text
        assert text.splitlines()[2].index("^") - 4 == column - 1


def test_schema_errors_name_the_key(tmp_path):
    from rulecheck.errors import RuleError
    from rulecheck.rulebook.compiler import load_rulebook

    bad = make_rule("AD-ZH-001", '"x"').replace("category: advertising", "category: adverts")
    bad += make_rule("AD-ZH-002", '"x"').replace("title: t", "title: t\n  colour: red")
    (tmp_path / "p.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rulebook([tmp_path], bundled=False, use_cache=False)
    lines = str(info.value).splitlines()
    assert any(":3:" in ln and "category 'adverts'" in ln for ln in lines)
    assert any("unknown key 'colour'" in ln for ln in lines)
