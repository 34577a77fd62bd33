"""The context judge on the genres that name banned words without using them: rule and
guidance text, news reports of a violation, and buyers' reviews.

For each, ten sentences it cancels (no finding, and the judge dismissed a hit of them as one of
the expected kinds) and ten look-alikes that must stay flagged: a seller who quotes a rule and then
breaks it, a plant dressed as a review, an anchor's words given as her own in a transcript. All
sentences were written for these tests from the register of each genre, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import assert_ten_each_way, case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # numbered clauses of a law or a platform rule, lists of banned words under a label closed
    # by a space or a dash; and a seller who quotes a rule and then breaks it, or numbers her
    # selling points
    "rule_lists": {
        "zh": (('rule_text', 'mention', 'reported'), [
            "平台规定不能说最低价，但我们家就是全网最低价，家人们放心拍！",
            "商家不能乱讲，可我们这款降压茶喝一个月就能根治高血压。",
            "主播不得夸大宣传，我跟你们说，这款面霜就是全网第一。",
            "1、纯天然无添加 2、全网最低价 3、假一赔十",
            "2. 这款茶能降血压，老人喝最好",
            "三、家人们注意，这款蜂蜜能治胃病，今天全网最低价",
            "禁用词我们不管，这款精华就是史上最低价，宝宝们冲！",
            "极限词 家人们我不说 但这个真的是全网最低价",
            "一、我们宣传的都是真的，这款鱼油能治好高血脂",
            "（一）本店商品全网最低价，拍下立减五十",
            "严禁刷单，比如我们家就是全网最低价，家人们冲",
            "我们从来不虚构原价，比如今天这款就是全网最低价",
        ], [
            "四、在直播间宣传普通食品能够根治高血压、糖尿病。",
            "（二）宣称保健食品能够治疗失眠、抑郁的；",
            "3.标注“全网最低价”但无法提供比价依据的；",
            "第十二条 在商品详情页标注全网最低价但无法证明的，依法处罚。",
            "违禁词 最好 最佳 顶级 国家级 全网最低价",
            "极限用语汇总 史上最低价 全网第一 销量冠军",
            "附：化妆品禁用语——药妆、医学护肤品、干细胞",
            "（四）在商品详情页使用“第一品牌”“销量冠军”等用语的；",
            "2、以“好评返现”诱导消费者作出好评的；",
            "五、谎称产品为进口原装，实际为国内灌装。",
            "严禁在直播中使用以下用语，如全网最低价、史上最低价、最便宜。",
            "禁止使用下列词语，包括最好、第一、顶级。",
            "直播间不得出现极限词，例如国家级、最高级、全网第一等。",
            "以下属于违规行为：1.好评返现 2.虚构原价 3.刷单炒信",
        ]),
    },
    # a reporter's line that quotes or paraphrases an anchor (喊话, 高喊, 直呼, 口播, 形容);
    # and the same words given as the seller's own in a transcript, or after she takes the
    # floor back
    "news": {
        "zh": (('reported', 'mention'), [
            "主播：家人们，这个蜂蜜能治胃病，我们家是全网最低价！",
            "别的主播说全网最低，我跟你们说，我们家才是真正的全网最低价。",
            "新闻都报道了，咱家这款茶喝一个月就能根治高血压，赶紧拍。",
            "记者来了也不怕，我们家这款面霜就是全网第一。",
            "主播：宝宝们冲，这款面膜是史上最低价！",
            "我们主播今天跟大家保证，这款鱼油能治好高血脂。",
            "报道说别家是假货，我们家的才是正品，全网最低价。",
            "网友都在喊这是全网最低价，家人们赶紧上车！",
            "有人说我们夸大，我告诉你们，这款精华就是销量第一。",
            "说真的，这个降压茶能根治高血压，今天只要99。",
        ], [
            "涉事主播曾在直播间喊话：“宝宝们，这个是纯金的，假一赔十！”",
            "网传视频中，主播高喊“全网最低价，错过再等一年”，实际价格并不低。",
            "该主播在直播里对粉丝说这款茶能根治高血压。",
            "记者注意到，带货主播直呼“这是史上最低价”，而同款商品在其他平台更便宜。",
            "一名网红在直播中大喊“吃了能降血糖”，随后被平台封号。",
            "当事人在直播带货中口播“本品可治疗关节炎”，被责令停止违法行为。",
            "商家在宣传单上描述该床垫能治疗颈椎病，被消费者举报。",
            "视频显示，主播对着镜头说：“家人们，这款面霜是全网最低价！”",
            "该店客服回复称“亲，我们是全网最低价哦”，截图已被网友曝光。",
            "某主播形容自家大米是正宗五常大米，经检测实为普通稻米。",
            "据报道，主播在直播中称“我跟你们说，这就是全网最低价”，实际并非如此。",
        ]),
    },
    # a buyer's review that tells what arrived and what is wrong with it (瓶口, 漏发, 色差,
    # 宝贝收到, arrived quickly, bought this for); and a seller's plant, a review-for-cash card,
    # or a pitch that borrows a buyer's words
    "reviews": {
        "zh": (('review',), [
            "家人们看看这条买家秀：收到了，用了三天就瘦了五斤，你们赶紧拍！",
            "宝宝们，回购率第一的面霜，用了就能美白祛斑，链接在下面！",
            "五星好评晒图返现5元，联系客服领取。",
            "好评截图发给客服，领取红包3元。",
            "已经回购三次了，吃了一个月瘦了十斤，亲测有效！",
            "姐妹们，收到货的都说是全网最低价，赶紧上车。",
            "宝贝们，这款是纯金的，收到货可以随便检测。",
            "本店宝贝全网最低价，物流很快，拍下立发。",
            "好评返现10元，收到货五星好评截图给客服。",
            "老铁们，这个茶叶口感最好，喝了能降血压。",
        ], [
            "收到货了，瓶口漏了一点，但东西是正品，价格也是全网最低的。",
            "这瓶精华绝对是假货，瓶口都漏了，和专柜买的完全不一样。",
            "宝贝收到了，尺码正好，面料是纯棉的，很舒服。",
            "送货上门很及时，价格是市面上最低的，很实惠。",
            "发错了颜色，客服很快给换了，这是我买过最便宜的一次。",
            "宝贝收到了，和图片一样，是同价位里最便宜的一款。",
            "色差有点大，不过做工还行，算是同价位里最好的了。",
            "漏发了一个赠品，联系店家补发了，东西是最好用的。",
            "第一次买这个牌子，物流很快，口感是我吃过最好的。",
            "已收到，尺码偏大，面料是纯棉的，穿着还行。",
        ]),
        "en": (("review",), [
            "I bought this for my mom and her diabetes was gone in a week, order yours now!",
            "Bought it for my dad, you guys, it cures arthritis, use code SAVE10.",
            "Leave us a five-star review and get 20% off your next order!",
            "Our customers say it cures eczema in a week, so grab yours now!",
            ("Arrived quickly? Of course, we ship fast and we have the lowest prices in the"
             " UK, shop now."),
            "You guys, this is the best serum in the world, link in bio.",
            "Honestly folks, this tea cures diabetes, add to cart.",
            "Our store has the cheapest prices in the UK, buy now.",
            "Get yours today, the best moisturiser on the market, tap the link.",
            "We hide the one star reviews so new buyers never see them.",
        ], [
            "I ordered a medium and it fits perfectly, the best jeans I've owned in years.",
            "Arrived quickly and well packaged. Honestly the cheapest price I found anywhere.",
            "Bought this for my husband, he says it's the best razor he has ever used.",
            "The seller was helpful, the cashmere is 100% real and soft, would buy again.",
            "Returned it because the colour was off, but customer service was the best.",
            "Mine arrived in two days. The best value blender I could find, works great.",
            "Arrived damaged but the replacement came quickly, still the best kettle I have had.",
            "I've been using this cream for a month, true to size jar, the best I have tried.",
            "Got this for my mom, she says it is the cheapest price in the UK, highly recommend.",
            "My order came well packaged, the best coffee beans I have bought online.",
        ]),
    },
    # consumer advice, labelling rules and regulators' examples (consumers need to, may be
    # labeled as, examples include, your rights); and a seller who quotes the rules and then
    # breaks them
    "guidance": {
        "en": (('rule_text', 'mention', 'reported'), [
            ("The rules say we can't call it the best, but honestly guys, this is the best serum"
             " in the world!"),
            "Leave us a five-star review and get 20% off your next order!",
            "Our customers say it cures eczema in a week, so grab yours now!",
            "Regulators can say what they like, our tea cures diabetes, you guys.",
            "This jacket is 100% cashmere, shop now before it's gone.",
            "For example, our cream cures acne in three days, trust me.",
            "We have the lowest prices in the UK, use code SAVE10.",
            "No refunds on sale items, so choose carefully, everyone.",
            "I promise you this supplement cures arthritis, order now.",
            "Examples of our bestsellers: the best moisturiser in the world, shop now.",
            "Other brands are misleading, but our cream is the best in the world.",
            "We never fake reviews, for example this cream is the best in the world, trust me.",
        ], [
            ("Consumers need to check that products labelled as clinically proven have real"
             " evidence behind them."),
            "A product made entirely of wool may be labeled as 100% wool or all wool.",
            "Examples include offering a discount in exchange for a five-star review.",
            ("This could include, for instance, claiming a product is the cheapest in the UK"
             " without evidence."),
            ("Signs saying 'No refunds' are unlawful and do not change your rights under consumer"
             " law."),
            "Shoppers should be wary of supplements advertised as able to cure arthritis.",
            "A garment can only be called 100% cotton if no other fibre is present.",
            ("This would include telling buyers that a cream is the best in the world without"
             " evidence."),
            ("Notices such as 'no refunds on sale items' are misleading because you are entitled"
             " to a remedy for faulty goods."),
            "Under the CAP Code, marketers must not claim that a supplement cures arthritis.",
            ("Sellers must not use absolute claims, such as the best in the world or the cheapest"
             " in the UK."),
        ]),
    },
}


test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)


def test_ten_each_way() -> None:
    assert_ten_each_way(CASES)
