"""A third party's account of what a seller did is not the seller's claim.

News reports, penalty decisions and buyers' complaints describe violations in the words of the
violation. A line with a narrator's word (经查, 据了解, a titled name such as 赵女士, was fined,
the complaint alleges) and nothing addressed to an audience is an account; the same words said
to buyers, or in a seller's own voice, remain a claim even when the line also holds such a word.
"""

from __future__ import annotations

import pytest

import rulecheck
from tests.judging import check_judged

FLAGGING = frozenset({"warning", "error"})

ACCOUNTS = [
    "经查，涉事店铺在商品详情页标注全网最低价，实际成交价高于其他平台",
    "据了解，该直播间在销售过程中宣传其固体饮料能治疗糖尿病",
    "记者调查发现，部分直播间标出原价999元，再以99元秒杀，原价从未真实成交过",
    "孙先生反映，自己购买的“蜂蜜”有一股糖浆味，包装上写着百分百纯天然",
    "执法人员现场检查时，店内货架上的保健品标签写有根治失眠字样",
    "法院审理查明，被告人组织人员在直播间刷单，虚构销量十万余件",
    "The complaint alleges the company told consumers its gummies cure anxiety.",
    "Investigators found the listing advertised the cheapest price online while charging more.",
    "The retailer was fined after its ads called the cream a cure for eczema.",
]

CLAIMS = [
    "家人们，经查我们这款就是全网最低价，放心下单",
    "宝宝们别管那些投诉称的，这款茶喝了就能降血糖",
    "我们家的精华液，赵女士用了一个月，斑全都没了，姐妹们冲",
    "你们记住，这个牌子的面霜是全网销量第一",
    "Regulators can say what they like, you guys, this tea cures diabetes.",
    "According to our customers this is the best serum in the world, so grab yours.",
]


@pytest.fixture
def checker(bundled_checker: rulecheck.Checker) -> rulecheck.Checker:
    return bundled_checker


def _flagged(checker: rulecheck.Checker, text: str) -> list:
    return [f for f in checker.check_text(text) if f.severity in FLAGGING]


@pytest.mark.parametrize("text", ACCOUNTS)
def test_an_account_of_a_violation_is_not_flagged(judged, text: str) -> None:  # type: ignore[no-untyped-def]
    found, dismissed = check_judged(judged, text)
    assert found == []
    assert dismissed, "no rule matched: the sentence does not test the judge"


@pytest.mark.parametrize("text", CLAIMS)
def test_a_claim_said_to_buyers_is_flagged(checker: rulecheck.Checker, text: str) -> None:
    assert _flagged(checker, text)


def test_an_account_on_one_line_does_not_reach_the_next(checker: rulecheck.Checker) -> None:
    account = "经查，涉事店铺在商品详情页标注全网最低价"
    pitch = "这款面霜今天就是全网最低价"
    assert not _flagged(checker, account)
    found = _flagged(checker, account + "\n" + pitch)
    assert found and all(f.start > len(account) for f in found)


def test_an_account_in_a_long_transcript_reaches_only_nearby_words(
        checker: rulecheck.Checker) -> None:
    """Unpunctuated talk is one line: a narrator's word far away does not make it an account."""
    pitch = "这款面霜今天就是全网最低价 "
    text = "刚才有主播被罚款的新闻大家别管 " + "我们的面霜质地很清爽 " * 60 + pitch
    found = _flagged(checker, text)
    assert any(text[f.start:f.end] in pitch for f in found)
