"""A title given to the goods (被誉为“……”, hailed as "...") is the line's own claim, not words
held up for talk; a line that picks out a class of goods by such a title, or reports someone's
ad, stays unflagged.

All sentences were written for these tests, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import assert_ten_each_way, case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    "titles": {
        "zh": (("mention", "reported", "rule_text", "negation"), [
            "这款保温杯被誉为“厨房里最好的帮手”",
            "我们家的床垫堪称“睡眠界第一”",
            "这个老字号素有“全国第一酱”的美称",
            "这支口红被称为“史上最显白的颜色”",
            "家人们，这款电饭煲人称“国货第一锅”",
            "被誉为“最佳护肤品”的这瓶精华今天只要九十九",
            "这台吸尘器被评为“全网最强吸力”，赶紧下单",
            "这款面膜在圈里被叫做“最有效的急救面膜”",
            "咱们这个牌子享有“国家级品质”的称号",
            "这款跑鞋被誉为“世界上最好的跑鞋”，穿上就知道",
        ], [
            "那些被誉为“全网第一”的网红零食，大家别盲目相信",
            "所谓被称为“最好用”的美容仪，很多都是营销号吹出来的",
            "广告法规定不能说产品被誉为“最好”",
            "这些被称为“史上最低价”的商品，往往先涨价后降价",
            "有的主播说自家面膜被誉为“最有效的面膜”，这属于虚假宣传",
            "经查，当事人在宣传中称其产品被誉为“国家级产品”，无任何依据",
            "不要说“被誉为第一”这类话，平台会处罚",
            "我们不说自己被评为“最佳”，只说真实的用户反馈",
            "某些被评为“行业第一”的品牌，其实评选本身就是花钱买的",
            "网上那些被誉为“最强减肥茶”的产品，多数添加了违禁成分",
        ]),
        "en": (("mention", "reported", "rule_text", "negation"), [
            'This kettle is known as "the best kettle in Britain".',
            'Our mattress was voted "No. 1 mattress of the year".',
            'This cream is hailed as "the most effective anti-ageing cream ever".',
            'Our coffee, dubbed "the best coffee in the world", ships today.',
            'The blender is known as "the number one blender on the market".',
            'This serum is hailed as "the best serum you can buy", and it really is.',
            'Our pillow was crowned "the most comfortable pillow in America".',
            'This tea is known as "the world\'s best detox tea".',
            'Our grill is acclaimed as "the best grill money can buy".',
            'This lipstick is dubbed "the most flattering shade ever made", so grab one.',
        ], [
            'Ads must not claim a product is "the best" without evidence.',
            'The company claimed its cream was "the most effective cream ever"; the ASA ruled'
            ' the claim misleading.',
            'We don\'t say "the best" on this channel.',
            'Words like "number one" and "the best" are banned in our scripts.',
            'The seller advertised the kettle as "the best kettle in Britain", which the'
            ' regulator found unsubstantiated.',
            'Phrases such as "the most effective" are prohibited in cosmetics ads.',
            'Our guidelines forbid calling anything "the world\'s best".',
            'The trader said its tea was "the best tea in Australia", the ACCC alleged.',
            'Don\'t say "the best in the world" unless you can prove it.',
            'Avoid superlatives like "the best" or "the most effective" in your listings.',
        ]),
    },
}

test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)


def test_ten_each_way() -> None:
    assert_ten_each_way(CASES)
