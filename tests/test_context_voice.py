"""The context judge on whose words a line holds, read from its register rather than its
wording: a rule's or a guide's text (lists closed by 等…用语, relative clauses under a
prohibition, warnings that address their reader as 你/您), a report that nominalises the claim
(以…为噱头, 打着…的旗号, the claim as a ruling's object), and a buyer's review (her time of use,
what she did with the goods after buying them).

For each judgement, ten or more sentences it cancels (no finding, and the judge dismissed a hit
of them as one of the expected kinds) and ten or more claims that carry the same cues and must
stay flagged: a seller who quotes a rule and then breaks it, a planted "review" read out by the
seller, an anchor's own words after she reports someone else's. All sentences were written for
these tests, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import assert_ten_each_way, case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # rule and guidance text: lists of banned items, prohibitions, warnings to the reader
    "rules": {
        "zh": (("rule_text", "mention", "reported", "required_wording"), [
            "平台规定不能说最低价，但我们家今天就是全网最低价，家人们赶紧拍！",
            "广告法不让说第一，可是我们这款就是销量第一。",
            "根据《广告法》我们不能说最好，但是这款面霜真的是全世界最好的面霜。",
            "这款茶能降血压、降血糖等，这些不是宣传，是事实。",
            "全网最低价的面霜，不得不买！",
            "这个价格不违法，你放心买，全网最低价。",
            "凡是买了这款面霜的，都能七天美白。",
            "市场监管局来查过了，我们家就是全网最低价，没问题。",
            "经查证我们家就是全网最低价，宝宝们放心拍。",
            "你看到的就是全网最低价，拍就完事了。",
            "史上最低价的面霜和精华，今天只要九十九。",
            "想要全网最低价的，应当来我们直播间。",
        ], [
            "平台内经营者发布的商品信息中含有销量第一、全网独家等无法证实的表述的，平台将予以删除并扣分。",
            "直播间运营者须对主播话术进行审核，杜绝全网最低价、史上最低价等违规表述。",
            "凡是标注纯天然、零添加的食品，都应当能够提供相应证明材料。",
            "未取得绿色食品标志使用权的产品，不得在包装上标注绿色食品字样。",
            "直播营销人员不得使用“国家级”“最高级”“最佳”等用语。",
            "普通食品不得宣称具有预防、治疗疾病的功能。",
            "根据《广告法》第九条，广告不得使用国家级、最高级、最佳等用语，违者最高可处一百万元罚款。",
            "消费提示：您在直播间购物时，看到全网最低价的宣传要多比价。",
            "如果您在直播间看到假一赔十的承诺，请保存截图，以便维权。",
            "主播不可使用祖传秘方、药到病除等用语推销商品。",
            "宣称全网最低价的商品，应当能够提供价格比较的依据。",
            "有全网最低价承诺的商品或者服务，不得以虚构原价的方式促销。",
            "能根治脱发的洗发水或者护发素，不得宣传其疗效。",
            "保本保收益的理财产品或者基金，不得向老年人推销。",
            "在直播中使用临床试验数据、统计资料的，应当注明出处。",
        ]),
        "en": (("rule_text", "mention", "reported", "negation"), [
            "The rules say we can't call it the best, but trust me, this is the best serum in the"
            " world.",
            "Regulators say you can't promise results, but our gummies will help you lose 10"
            " pounds in a week.",
            "Regulators stated that we are compliant, and our serum is the best in the world.",
            "Customers say it's the best cream ever, grab yours now with code SAVE20.",
            "Our tea cures diabetes, guaranteed, and the FTC can check our reviews.",
            "We follow consumer law to the letter: this is the lowest price anywhere online.",
            "The law says we need evidence, and we have it: our patch cures back pain.",
            "Advertising rules are strict, so believe me when I say this is the number one"
            " cream in America.",
            "Other sellers claim theirs is the cheapest, but ours is the lowest price anywhere.",
            "Guidance or not, you guys, these gummies cure anxiety.",
        ], [
            "Marketers may not say a product is clinically proven without adequate evidence.",
            "Under the CAP Code, claims such as the best or number one must be capable of"
            " objective substantiation.",
            "Sellers are prohibited from stating that goods carry no refunds where consumer"
            " guarantees apply.",
            "A supplement label cannot claim to cure arthritis.",
            "Section 18 prohibits conduct that is misleading or deceptive, such as advertising a"
            " product as 100% organic when it is not.",
            "A cosmetic that claims to cure acne is regulated as a drug.",
            "Retailers should avoid phrases like lowest price guaranteed unless they can back"
            " them up.",
            "Brands must not describe a drink as the best in the world unless they hold evidence"
            " for it.",
            "Traders who advertise goods as 100% cotton must be able to show the fibre content.",
            "Calling a tea a cure for diabetes turns it into an unapproved drug.",
        ]),
    },
    # a third party's claim retold, nominalised or framed as the object of a verdict
    "reports": {
        "zh": (("reported", "mention", "rule_text"), [
            "新闻里曝光了很多假货，我们家全网最低价还是正品，家人们放心拍。",
            "别的主播说他们的最便宜，我跟你们说，我们家才是全网最低价。",
            "别人以全网最低价为噱头，我们家是真的全网最低价，拍一发二。",
            "我们家以全网最低价为卖点，家人们放心拍。",
            "全网最低价的承诺，今天兑现！",
            "有人投诉我们虚假宣传，我告诉你们，我们就是全网最低价。",
            "记者来问我也这么说，咱家这款降糖茶就是能降血糖。",
            "家人们看看这条好评：用了三天斑就淡了，我们这个祛斑效果就是这么好。",
            "有买家说吃了能降血糖，咱家这个蜂蜜就是有这个效果，赶紧下单。",
            "顾客都说这是最好用的面膜，我们家全网销量第一。",
        ], [
            "主播以厂家直销、原价999今天只要99为噱头吸引消费者下单。",
            "一些商家打着全网最低价的旗号，实际价格比平时还高。",
            "该网店以“进口原装”为幌子，销售国内分装的奶粉。",
            "部分直播间以“原价1999元、今天只要199元”为诱饵，诱导老年人下单。",
            "记者发现，该主播在直播中反复强调全网最低价，但同款商品在其他平台售价更低。",
            "涉事商家在商品详情页标注100%纯羊毛，经检测羊毛含量仅为30%。",
            "据消费者王女士反映，主播当时承诺假一赔十，收到货后却拒绝赔付。",
            "该公司在宣传中声称其产品是行业第一品牌，但无法提供证明材料。",
            "执法人员调取直播回放发现，主播多次宣称该面膜三天祛斑。",
            "当事人将普通毛巾宣传为纯棉毛巾，责令改正并罚款5000元。",
        ]),
        "en": (("reported", "mention", "rule_text"), [
            "Other brands use lowest price as a gimmick, but ours really is the lowest price"
            " anywhere.",
            "The news says knockoffs are everywhere, but trust me, our serum is the best in the"
            " world.",
            "Reporters asked and I told them: our tea cures diabetes.",
            "Some people say our gummies are overhyped, but honestly they cure anxiety.",
            "A customer wrote that it cured her eczema, and it will cure yours too, order now!",
            "The critics claimed we were exaggerating, and our cream is still the best in the"
            " world.",
            "Investigators came by last week; we're still the lowest price anywhere, folks.",
            "Everyone says it's the number one cream in America, and they're right, grab yours.",
            "My competitors stated that theirs is cheaper, but we have the lowest price"
            " anywhere.",
            "I'm telling you, whatever the papers reported, this patch cures back pain.",
        ], [
            "The company told customers its tea would cure diabetes, according to the FTC"
            " complaint.",
            "The retailer advertised the sofa as was $2,000, now $999 even though it had never"
            " sold at the higher price, the ACCC said.",
            "The influencer claimed the gummies helped her lose 10 pounds in a week, the"
            " regulator noted.",
            "The watchdog said the brand's lowest price guarantee was not honoured.",
            "In its response, the advertiser said the product was the best-selling serum in the"
            " UK.",
            "The ASA found that the ad's claim that the cream removes wrinkles in 7 days was"
            " misleading.",
            "Both videos stressed that the tea could cure diabetes, with the presenter claiming"
            " it replaced insulin.",
            "The seller emphasised that the mattress was the best in the world, the complaint"
            " says.",
            "The firm asserted that its gummies cure anxiety, which the agency found"
            " unsubstantiated.",
            "The brand touted its cream as the number one cream in America.",
        ]),
    },
    # a buyer's review: her time of use, what she did with the goods after buying them
    "reviews": {
        "zh": (("review", "reported"), [
            "我自己吃了三个月，血压降下来了，这个茶能降血压。",
            "家人们，我用了一周，斑就淡了，这款祛斑霜今天拍一发二。",
            "姐妹们，给孩子买的都说好，这款奶粉全网最低价。",
            "试用了三天的宝宝们都说好，这款精华七天美白，赶紧拍。",
            "收到货的姐妹都说好，这款精华七天美白，今天拍一发二。",
            "我给爸妈买了两盒，你们也放心买，这款降压茶能根治高血压。",
            "喝了一个月的老铁都说血糖降了，咱家这款茶就是能降血糖。",
            "宝宝们，拆开就能闻到香味，我们家这款是全网最低价。",
            "穿了一年都不起球，家人们，这是全网最好的羊毛衫。",
            "老公说这是他喝过最好喝的茶，家人们赶紧下单，全网最低价。",
            "家人们，别家的霜一点用都没有，我们这款七天就能淡斑。",
        ], [
            "这是我用过最好用的洗面奶，已经回购三次了。",
            "老公说这是他喝过最好喝的茶，下次还会再买。",
            "店家承诺假一赔十，我拿去专柜验了是真的，放心。",
            "给孩子买的，吃了一周感冒好了，不知道是不是巧合。",
            "物流超快，这个价格是我见过最便宜的了，五星。",
            "用了半个月，痘痘少了很多，会继续回购。",
            "买的时候说是进口的，到手一看是国产的，已经申请退货了。",
            "给爸妈买的，喝了两盒，感觉是我买过最好的茶叶。",
            "订餐一个小时才送到，外卖小哥还说是全城最好吃的，呵呵。",
            "拆开包装发现是全网最低价的那款，做工一般，凑合用吧。",
            "买了两瓶，说是能淡斑，擦完一点用都没有，差评。",
        ]),
    },
}

test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)


def test_ten_each_way() -> None:
    assert_ten_each_way(CASES)
