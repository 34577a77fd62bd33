"""Conditionals, hypotheticals and advice, each as the law reads it.

A conditional promise of a statutory remedy (万一破损包退包换) or advice to the buyer is lawful
and never flagged; a claim made under a condition (坚持用效果就是最好的) or a guarantee of effect
backed by a refund (无效全额退款) is still a claim; a hypothetical that only talks about a claim
(如果我说这是最好的，那就违法了) mentions it.
"""

from __future__ import annotations

import pytest

import rulecheck

FLAGGING = frozenset({"warning", "error"})
CHECKER = rulecheck.Checker()

LAWFUL = [
    "万一快递压坏了，拍照给客服，我们包退包换",
    "如果尺码不合适，七天内没穿过的都可以退",
    "要是收到的颜色不对，联系客服给你们换",
    "假如吃了以后胃不舒服，先停下来问问医生",
    "建议大家饭后再吃，空腹容易反酸",
    "孕妇和哺乳期的宝宝用之前最好问一下医生",
    "如果我跟你们说这是全网第一，那就是违反广告法了",
    "要是有人跟你说吃这个能治糖尿病，千万别信",
    "If the parcel arrives damaged, message us and we'll send a replacement.",
    "If it doesn't fit, you can return it unworn within 30 days.",
    "We suggest patch testing on your wrist before the first use.",
    "If I told you this cured anything, I'd be breaking the law.",
]

CLAIMS = [
    "只要坚持用一个月，效果一定是全网最好的",
    "如果你用了还长痘，无效全额退款",
    "要是三天不见效，我们包退，保证有效",
    "只要喝上两个疗程，高血压就能治好",
    "如果你错过今天，以后再也没有这个全网最低价了",
    "If you use it every night, it's the best anti-aging cream on the market.",
    "If your acne isn't gone in a week, we'll refund every cent, guaranteed results.",
    "If you drink it daily, it cures high blood pressure.",
]


@pytest.mark.parametrize("text", LAWFUL)
def test_lawful_conditionals_and_advice_are_not_flagged(text: str) -> None:
    found = [f for f in CHECKER.check_text(text) if f.severity in FLAGGING]
    assert not found, [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("text", CLAIMS)
def test_claims_under_a_condition_are_still_claims(text: str) -> None:
    assert any(f.severity in FLAGGING for f in CHECKER.check_text(text))


#: A request or an emphatic statement with a question tag still says what it says.
TAGGED = [
    "这款面霜就是全网最低价好吗",
    "这边返您十块钱，给个五星好评可以吗",
    "喝这个茶能降血压，信我一次行不行",
]
#: A plain question about the same words asks, and claims nothing.
ASKED = [
    "这款面霜是全网最低价吗",
    "喝这个茶真的能降血压吗",
]


@pytest.mark.parametrize("text", TAGGED)
def test_a_tagged_request_or_emphasis_is_a_claim(text: str) -> None:
    assert any(f.severity in FLAGGING for f in CHECKER.check_text(text))


@pytest.mark.parametrize("text", ASKED)
def test_a_plain_question_is_not(text: str) -> None:
    assert not [f for f in CHECKER.check_text(text) if f.severity in FLAGGING]
