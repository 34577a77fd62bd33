"""The context judge on words put on show: after an example label that a colon closes
(错误示范：…, 禁用词：…, banned words: …), in a quotation whose speaker is named after it
(“……”涉事主播称; "…," the company said) and in a buyer's complaint that she was cheated
(买到假货了，…; got scammed: …), in Chinese and English.

For each judgement, ten sentences it cancels (no finding, and the judge dismissed a hit of
them as the expected kind or an allowed alternative) and ten claims that carry the same cue
and must stay flagged. All sentences were written for these tests, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # a label of examples of what must not be said, closed by a colon
    "example_label": {
        "zh": (("mention", "rule_text"), [
            "我们直播间从来不说违禁词，这款面霜七天美白祛斑。",
            "错误示范我们不学，家人们，这就是全网最低价！",
            "禁用词我都背熟了：这款降压茶喝一个月就能根治高血压。",
            "正确示范：宝宝们，这款精华是全网最低价，闭眼入！",
            "违规话术：全网最低价。正确话术：今天直播间到手价，国家级配方，放心买！",
            "敏感词太多了，咱不管，这个酒就是顶级的！",
            "极限词不能说，那我换个说法，这是史上最低价。",
            "整改后：这款茶饮能治疗糖尿病，大家放心喝。",
            "老铁们记住这个案例，我们的蜂蜜能治胃病。",
            "违规词都删了，今天原价1999，直播间只要199！",
        ], [
            "错误示范：家人们，这款酵素全网最低价，错过再等一年！",
            "违规话术：喝了这个茶，三天血糖就降下来了。",
            "违规示例：本品可根治失眠，无效退款。",
            "禁用词：最低价、顶级、国家级、最佳。",
            "常见违禁词包括：最好、最佳、全网最低、第一品牌。",
            "二、极限词汇总：顶级、独家、国家级",
            "反面案例：主播称面霜“七天祛斑”，结果被罚。",
            "错误说法：吃了就能降血压；正确说法：本品不能代替药物。",
            "案情简介：当事人在直播中宣传其代用茶能治疗糖尿病。",
            "整改前：全网最低价，买贵退差价",
        ]),
        "en": (("mention", "rule_text"), [
            "We never use banned words, and this cream is the best in the world.",
            "Forget the bad examples, folks, this tea cures diabetes!",
            "Good example: this is the best serum ever made, grab it now!",
            "Banned words don't scare me: this patch cures back pain for good.",
            "No prohibited claims here, just the lowest price on the internet.",
            "Don't say I didn't warn you: this is the number one protein powder in America.",
            "Bad examples aside, our gummies cure anxiety in a week.",
            "I know the banned phrases list, but this is still the best moisturiser money can buy.",
            "Non-compliant or not, this tonic cures arthritis.",
            "Never say never: we have the lowest prices anywhere online!",
        ], [
            "Bad example: this tea cures diabetes in four weeks.",
            "Banned words: best, number one, lowest price.",
            "Prohibited claims include: cures arthritis, guaranteed weight loss.",
            "Don't say: 'the best serum in the world'.",
            "Non-compliant example: our gummies cure anxiety.",
            "Wrong example: this is the lowest price on the internet.",
            "Banned phrases: miracle cure, number one in America.",
            "Do not say: this patch cures back pain for good.",
            "Prohibited words such as: best, cheapest, number one.",
            "Bad examples: 'cures eczema', 'the best moisturiser ever'.",
        ]),
    },
    # a quotation whose speaker, a third party, is named right after it
    "attribution": {
        "zh": (("reported", "mention"), [
            "“全网最低价，错过再等一年！”我跟家人们保证。",
            "“喝一个月就能降血糖”，这是我们老板亲口说的。",
            "“七天美白祛斑”，姐妹们，这可不是吹的。",
            "“这是国家级大师酿的酒”，我今天就把话放这儿。",
            "“用了三天斑就没了”，我拿自己的脸试过。",
            "“全网最低价，买贵退差价”，家人们，我们直播间一直这么干。",
            "“能治胃病的蜂蜜”，宝宝们，就是这一款。",
            "“全网最低价”，我说到做到，不信你去比。",
            "“喝了降血压”，各位老铁，这话我敢说。",
            "“原价1999，今天只要199”，我们家从不虚标。",
        ], [
            "“喝一周就能瘦十斤！”主播在直播间反复喊道。",
            "“这款蜂蜜能治胃病。”一名商家在直播间里这样说。",
            "“全网最低价，买贵退十倍差价。”这是该店铺首页的宣传语。",
            "“吃了以后血压就降下来了”，涉事主播在视频里称。",
            "“这款面霜七天祛斑，无效退款”，该公司在宣传册中写道。",
            "“国家级大师亲手酿造”，带货主播对着镜头介绍道。",
            "“能根治失眠，吃完不反弹”，被告在庭审中承认曾这样宣传。",
            "“原价1999元，今天只要199元”，商家在商品页面标注。",
            "“这是全网第一的精华”，网红博主在直播中吆喝。",
            "“一个疗程根治糖尿病”，当事人在朋友圈发布称。",
        ]),
        "en": (("reported", "mention"), [
            "\"This tea cures diabetes,\" I told you, and I meant it.",
            "\"The best serum in the world\" is what we call it, folks.",
            "\"Lowest price on the internet,\" you guys, and I promise it is.",
            "\"Cures back pain for good,\" our customers keep telling me.",
            "\"Number one cream in America,\" we say, because it is.",
            "\"These gummies cure anxiety,\" I said, and I stand by it.",
            "\"The best protein powder ever made\" - that's our promise to you.",
            "\"Cures arthritis in a week,\" trust me on this one.",
            "\"The lowest prices anywhere online,\" we guarantee it.",
            "\"This tonic cures eczema,\" I can tell you that from experience.",
        ], [
            "\"This tea cures diabetes in four weeks,\" the company said in its ad.",
            "\"The best serum in the world,\" the seller wrote on its listing.",
            "\"Lowest price on the internet,\" the retailer claimed in its emails.",
            "\"Our patch cures back pain for good,\" the defendants told buyers.",
            "\"These gummies cure anxiety,\" the marketers promised online.",
            "\"Number one cream in America,\" the label stated.",
            "\"Cures arthritis in a week,\" the firm advertised on television.",
            "\"The best protein powder ever made,\" the website stated.",
            "\"This tonic cures eczema,\" the respondents represented.",
            "\"The lowest prices anywhere online,\" the advertisement said.",
        ]),
    },
    # a buyer's complaint that she was cheated: a review, unless someone is addressed
    "complaint": {
        "zh": (("review", "reported", "mention"), [
            "家人们，买到假货的都来我直播间，正品全网最低价！",
            "被骗了好多次的宝宝们，今天这款面霜七天美白，放心拍！",
            "别再买到假货了，家人们，我们家国家级品质，假一赔十！",
            "姐妹们，收到假货的先别急，来我家，这款精华全网最低价。",
            "我跟大家说，被骗了不要紧，这款降压茶喝一个月就能根治高血压。",
            "老铁们，上当受骗了的都看过来，这个酒是国家级大师酿的。",
            "给了一星的宝宝们，这次回来吧，今天原价1999只要199！",
            "我告诉你们，买到假货就是因为没来我直播间，这是全网最低价。",
            "各位亲，收到的是假货的话，我们家假一赔十，全网最低价！",
            "宝宝们，我被骗过，所以这款面霜我保证七天祛斑。",
        ], [
            "被骗了，页面写着原价899，其实一直卖199。",
            "买到假货了，瓶身印着纯天然，一股香精味。",
            "收到的是假货，标签上写着100%羊绒，一摸就是化纤。",
            "一星差评，说是全网最低价，隔壁店便宜三十。",
            "收到假货，盒子上印着国家级认证，查无此号。",
            "上当受骗了，说是七天美白，用了一个月没变化。",
            "给了一星，吊牌写着100%桑蚕丝，烧了一根是化纤。",
            "我被骗了，详情页写着原价1299，我查了历史价一直是299。",
            "买到假货，包装写着假一赔十，客服一直拖着不赔。",
            "又被骗了，宣传能降血糖，我爸吃了两个月血糖一点没降。",
        ]),
        "en": (("review", "reported", "mention"), [
            "Got ripped off somewhere else, folks? Our serum is the best in the world!",
            "If you got scammed before, trust me, this tea cures diabetes.",
            "You guys who got scammed last time: the lowest price on the internet, today only!",
            "Ripped off by other shops? Let me tell you, this is the number one cream in America.",
            "Never buying again from them? Guys, our gummies cure anxiety.",
            "I promise you won't get scammed here: this patch cures back pain for good.",
            "Everyone who got ripped off, listen: the lowest prices anywhere online, right here.",
            "Honestly, if you were scammed before, this tonic cures arthritis.",
            "Got scammed on a fake serum, you guys? Ours is the best serum ever made.",
            "Trust me, you won't get ripped off here, this is the cheapest price anywhere online.",
        ], [
            "Got ripped off. Best serum in the world, my foot; it dried my skin out.",
            "Got scammed: lowest price on the internet, except it was cheaper at every other shop.",
            "Never buying again. The number one cream in America gave me a rash.",
            "Was scammed, cures back pain for good was the pitch and my back is as bad as ever.",
            "Got ripped off; the box says 100% cashmere and the sweater pills like acrylic.",
            "Never buying from this shop again, the lowest price on the internet is a joke.",
            "Was ripped off, 'was $199, now $49' and it never sold for $199.",
            "Got scammed: cures arthritis in a week, my mum took it for a month and nothing.",
            "Never buying again; best protein powder ever made, it tastes like chalk.",
            "Was scammed, the tea cures diabetes according to the box, my sugar did not move.",
        ]),
    },
}


test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)
