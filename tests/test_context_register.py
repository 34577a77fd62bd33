"""The context judge on the register of a line, on conditions, on negated lists and on
reviews that mention how the buyer bought, in Chinese and English.

For each judgement, ten sentences it cancels (no finding, and the judge dismissed a hit of
them as the expected kind or an allowed alternative) and ten claims that carry the same cue
and must stay flagged. All sentences were written for these tests, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import assert_ten_each_way, case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # a line in the register of law, guidance or consumer warnings, with nobody speaking in it
    "register": {
        "zh": (("rule_text", "reported", "mention"), [
            "家人们，我们家这款面膜是全网最低价，绝对不违法！",
            "我们依法经营，这款降压茶喝一个月就能根治高血压。",
            "宝宝们放心买，咱家有消费者权益保障，今天全网最低价。",
            "姐妹们，广告法管不着我说实话，这就是全网第一的精华。",
            "我们店一经售出概不退换，这个是规定，大家理解一下。",
            "大家看好了，这款保健品能治疗糖尿病，有检测报告，不是虚假宣传。",
            "我跟你们说，这个价格全网最低，违法的事情我们不做。",
            "老铁们，咱们这款酒是国家级大师酿造，欢迎执法部门来查。",
            "各位亲，本店所有商品假一赔十，消费者有权监督。",
            "严格遵守《化妆品监督管理条例》，这款面霜七天美白祛斑。",
        ], [
            "依据《价格法》第十四条，经营者标示原价999元、现价99元却从未按原价成交的，属于价格欺诈。",
            "部分门店张贴商品一经售出概不退换的告示，这类做法侵害消费者合法权益。",
            "第十七条 保健食品广告不得声称能治愈高血压、根治糖尿病。",
            "广告中宣称能根治糖尿病，违反了《广告法》第十七条的规定。",
            "消费提示：网购时遇到标着全网最低价的商品，要多平台比价，谨慎下单。",
            "提醒消费者，保健食品宣称治愈高血压，都是在误导消费者。",
            "直播中出现国家级、最高级这样的词语，执法部门可依法予以处罚。",
            "本规定所称刷单炒信，是指组织虚假交易提升商品销量和信誉。",
            "网店把国产蜂蜜标成新西兰进口，涉嫌虚假宣传，已被立案调查。",
            "保健品包装印着最好的降压产品，违反《广告法》第九条。",
        ]),
        "en": (("rule_text", "reported", "mention"), [
            "Guys, this is the best serum in the world, and no regulator can tell me otherwise!",
            "We follow the law, and our tea cures diabetes in four weeks.",
            "Trust me, you guys, this is the cheapest price anywhere online, totally legal.",
            "Our store has no refunds on sale items, that's the rule here, folks.",
            "Link in bio: the number one cream in America, FDA or not.",
            "We've got the lowest price on the internet, and that's not breaking any law.",
            "Honestly, this patch cures back pain for good; the ACCC can check our reviews.",
            "These statements have not been evaluated by the FDA, but this tea cures diabetes.",
            "I promise you this is the best protein powder ever made, consumer law or not.",
            "Our gummies cure anxiety; regulators are just jealous.",
        ], [
            "Under the Australian Consumer Law, a sign saying no refunds on sale items is"
            " misleading.",
            "Telling buyers a cream is clinically proven when no trial exists is unlawful.",
            "Calling a product the best in the world without substantiation can breach the"
            " CAP Code.",
            "Regulators say a 'was $99, now $49' label is unlawful if the item never sold at $99.",
            "Offering customers a gift card in exchange for five-star reviews is against the law.",
            "The ACCC warns that claims a cream is clinically proven to remove wrinkles must be"
            " backed by evidence.",
            "Businesses cannot tell consumers there is no refund on faulty goods; consumer"
            " guarantees still apply.",
            "Advertising a supplement as a cure for diabetes breaches consumer law.",
            "Selling a bag as genuine leather when it is vinyl is likely to mislead consumers.",
            "Guidance from the regulator: a cheapest price anywhere claim needs a fresh price"
            " check.",
        ]),
    },
    # a trader's conduct supposed in a condition of consumer advice; a negation in a condition
    "condition": {
        "zh": (("reported", "mention", "rule_text"), [
            "如果你们不信，这款面霜就是全网最低价，随便比！",
            "如果买贵了，我们退差价，这款是全网最低价。",
            "家人们，如果喝了不降血糖，全额退款，这茶能根治糖尿病！",
            "商家们都说自己最好，但我们家这款才是全网第一。",
            "如果今天不下单，明天就恢复原价999，现在只要99。",
            "宝宝们，要是有更低的价格，我们就是全网最低价，假一赔十。",
            "如果你有高血压，这款茶一喝就降压，根治不反弹。",
            "如果姐妹们想美白，这款面霜三天祛斑，效果全网第一。",
            "咱们直播间如果不是全网最低价，我直接退款！",
            "若商家都像我们这样，哪还有全网最低价？今天我们就是全网最低！",
        ], [
            "若商家在直播中声称产品能根治糖尿病，消费者可以向市场监管部门举报。",
            "如果主播说这是全网最低价，记得先比价再下单。",
            "若经营者标注原价999元却从未以此价格销售，可依法要求赔偿。",
            "如果卖家承诺假一赔十却拒不兑现，消费者可以向平台投诉。",
            "发现商家宣传保健品能治疗高血压的，请及时拨打热线反映。",
            "遇到主播喊全网第一的时候，别急着付款。",
            "一旦发现商家刷单炒信，平台将依规处理。",
            "若店家宣传自家商品是同类最便宜的，可以截图留证。",
            "如果平台商家宣称产品为国家级配方，需提供证明材料。",
            "若主播宣称面霜三天祛斑，请保存录屏作为证据。",
        ]),
        "en": (("reported", "mention", "rule_text"), [
            "If you're not happy, tell us, but this is the best serum on the market.",
            "If you want the lowest price anywhere, this is it, you guys!",
            "If you've got diabetes, our tea cures diabetes in four weeks.",
            "If a retailer beats our price, we'll match it, because we're the cheapest in the"
            " country.",
            "If you buy today, it's the number one cream in America at half price.",
            "If it doesn't work, we refund, but it cures acne in three days.",
            "When you see our price, you'll know it's the lowest price on the internet.",
            "If your joints hurt, this patch cures arthritis for good.",
            "If you love skincare, this is the best moisturizer ever made.",
            "If you order now, you get the best deal you'll ever see.",
        ], [
            "If a retailer says a product cures arthritis, report it to the regulator.",
            "If a seller tells you it's the lowest price anywhere, compare before you buy.",
            "If a business displays 'was $200, now $50' but never charged $200, you can"
            " complain.",
            "When a seller claims a cream is the best in the world, ask for the evidence.",
            "If a store says no refunds on sale items, you still have your rights.",
            "If a brand calls its tea a cure for diabetes, treat it as a red flag.",
            "If a company says its shoes are 100% leather, check the label.",
            "When a retailer promises the cheapest price in the country, keep a screenshot.",
            "If a trader offers you a free gift for a five-star review, decline it.",
            "If the retailer says the serum is clinically proven, ask which study.",
        ]),
    },
    # a buyer's review that tells how it was bought (秒杀, 原价, on sale) is still a review
    "review": {
        "zh": (("review",), [
            "家人们，我用过这么多吹风机，这款是全网最好用的，赶紧拍！",
            "姐妹们，收到货的都说好，今天秒杀全网最低价，上车！",
            "宝宝们，我老公都说这是最舒服的鞋，直播间今天原价999只要99。",
            "你们放心，物流很快，这款面霜是全网最好的，点关注不迷路。",
            "我们家旗舰店同款，用过的都说是最好的，给大家福利价。",
            "老铁们，回购了无数次的牛奶，全网最低价，库存不多了。",
            "亲们，质量不错还实惠，这是史上最低价，拍一发二。",
            "家人们，我老婆用了都说好，这款精华是全网最好的，赶紧下单。",
            "姐妹们，到手价只要59，我用过最好用的面膜就是它。",
            "兄弟们，收到的都回购了，这酒是国家级品质。",
        ], [
            "赶上秒杀买的，收到宝贝后试了一下，是我用过最好用的吹风机。",
            "原价三百多，活动时入手的，老公说这是他穿过最舒服的鞋。",
            "在直播间下单的，到货比想象中快，味道是我吃过最正宗的。",
            "优惠券用上才八十几，买回来给爸妈用，他们说是最好用的按摩器。",
            "第一次网购这个牌子，特价买的，做工粗糙，再也不买了，说是最好的面料根本不是。",
            "包邮到家，收到东西挺满意的，同事都说这是市面上最便宜的款。",
            "秒杀价买了两箱，买回家孩子很爱喝，应该是同价位最好的牛奶了。",
            "旗舰店买的，物流很快，下次还会回购，是我见过最便宜的。",
            "在官方店下单，到货后试穿了，是我买过最合身的裤子。",
            "赶上限时优惠买的，收到东西很满意，是我买过最好的电饭煲。",
        ]),
        "en": (("review",), [
            "You guys, I bought this myself, it's the best moisturizer on the market, link in"
            " bio!",
            "Guys, true to size and the cheapest price on the internet, add to cart now.",
            "Folks, my husband swears by it: the number one supplement in America, buy now.",
            "Our store ships today: the best jeans in the world, I tried them on myself.",
            "You guys, it arrived at my place yesterday and it cures back pain for good, shop"
            " now.",
            "Use code SAVE10: the softest blanket ever made, my daughter loves it.",
            "Limited time, you guys: I wore it all week and it's the best coat anywhere.",
            "Tap the link, it's 100% guaranteed to erase wrinkles, I received mine last week.",
            "Get yours now, the best-selling serum in the world, I ordered three myself.",
            "Order now, guys: it fits everyone and it's the lowest price online.",
        ], [
            "Bought it during the sale and I'm glad I did; the best jeans I've owned, true to"
            " size.",
            "I ordered the blue one with free shipping and it arrived in two days, easily the"
            " best tee in my closet.",
            "Paid full price, sized down, and it's still the most flattering dress I have.",
            "I stayed three nights on a limited time deal and the staff were the best in the"
            " city.",
            "Returning it: after washing it shrank, so much for the best quality cotton on sale.",
            "My husband says these are the most comfortable boots he's ever worn; I bought them"
            " at 40% off.",
            "Got it in-store at 25% off, runs small, but the best fabric of any top I own.",
            "I debated for weeks, bought it on sale, and it's the best coat I found anywhere.",
            "My daughter loves it; I received it quickly and it's the softest blanket we've"
            " bought.",
            "Ended up with the medium on sale and it's the number one jacket in my wardrobe now.",
        ]),
    },
    # an item of a list that a negation's object opens is denied with it
    "negated_list": {
        "zh": (("negation",), [
            "我们不卖假货，全网最低价，还包邮。",
            "我们不刷单、不炒信，这款面霜是全网销量第一。",
            "这款茶不含防腐剂、色素和香精，喝了能根治高血压。",
            "我们不搞虚假宣传，这就是全网最低价。",
            "本店不卖高仿，所有商品假一赔十，全网最低价。",
            "不玩套路，不搞噱头，这款精华就是全网最好的。",
            "我们不加价、不压货，今天是史上最低价。",
            "没有中间商，没有差价，这是全网最低价。",
            "我们不用香精、酒精或者色素，这款面霜三天美白。",
            "不要犹豫，不要等，全网最低价就今天。",
        ], [
            "我们不卖高仿、假货或者三无产品。",
            "本店从不刷单、炒信和虚假交易。",
            "这款茶不能治疗糖尿病、高血压或者心脏病。",
            "我们不承诺无效退款、保证治愈或者根治。",
            "直播间绝不售卖假货、高仿以及来源不明的商品。",
            "我们从不刷单、刷好评或者虚假交易。",
            "这款面霜不能祛斑、美白或者去皱。",
            "本店不卖假货、次品和三无产品。",
            "我们不虚构原价、不刷单和不炒信。",
            "这款茶不能治疗高血压、糖尿病以及癌症。",
        ]),
        "en": (("negation",), [
            "We never sell knockoffs, this is the lowest price anywhere.",
            "We don't sell fakes, and this is the best price in town.",
            "We don't use parabens, sulfates, or fillers, and it's the best cream on the market.",
            "No gimmicks here, just the number one serum in America.",
            "We don't do discounts often, but this is the cheapest price on the internet.",
            "We don't buy reviews, and this serum cures acne in three days.",
            "No fillers, no dyes, and the best protein powder ever made.",
            "We never cut corners, so this is the number one mattress in America.",
            "We don't sell replicas; this bag is the cheapest price on the internet.",
            "We don't hype, we don't lie, this tea cures diabetes.",
        ], [
            "We never sell knockoffs, replicas, or counterfeit bags.",
            "Our shop doesn't carry fakes, replicas or unauthorized copies of any brand.",
            "We never buy fake reviews, paid ratings, or bot followers.",
            "We never sell fakes, replicas, or counterfeit sneakers.",
            "We won't promise overnight results, guaranteed weight loss, or miracle cures.",
            "We don't allow counterfeit goods, replicas or knockoffs in our store.",
            "We don't stock fakes, knockoffs, or replicas of designer bags.",
            "We do not sell replicas, fakes, or counterfeit watches.",
            "Our stores don't sell counterfeit sneakers, fake watches or replica bags.",
            "We never post fake reviews, buy ratings, or pay for five stars.",
        ]),
    },
    # a short quotation in English (a sign, a label, a slogan) is a named phrase
    "quoted_phrase": {
        "en": (("mention",), [
            'I always tell my buyers: "this serum is the best in the world, trust me, it really'
            ' is."',
            'Shout it with me: "this is the lowest price anywhere online today, you guys!"',
            "Our tagline is 'made with love' and this cream is the best in the world.",
            'Write this down: "our tea cures diabetes and you can stop your pills next month."',
            "The box says 'new formula' but what matters is that it cures arthritis for good.",
            "My motto, 'treat yourself', fits: this is the number one serum in America.",
            'Repeat after me: "this is the best price on the internet and it will never be'
            ' lower."',
            "We print 'handmade' on every jar because this is the best honey in the world.",
            'I keep saying it: "guaranteed to erase wrinkles in seven days, or your money back,'
            ' folks."',
            "Type 'mine' in the chat; it's the cheapest price anywhere online.",
        ], [
            "A 'No refunds on sale items' sign hung by the register all summer.",
            "The shop window still carried a 'World's best coffee since 1998' banner.",
            "Shoppers kept photographing the 'Lowest prices in the whole country' poster.",
            "The label read 'Clinically proven to cure eczema' in tiny print.",
            "A sticker saying 'Number one cream in America' was peeled off the jar.",
            "Reporters spotted a 'Guaranteed weight loss in 7 days' flyer at the market.",
            "A 'Cures arthritis naturally' tag dangled from every jar on the stall.",
            "The campaign's 'Best price on the internet, full stop' tagline was dropped.",
            "Her marketing class studied the 'Cheapest prices anywhere online' banner.",
            "The old 'Best burgers in the world' billboard came down last spring.",
        ]),
    },
}


test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)


def test_ten_each_way() -> None:
    assert_ten_each_way(CASES)
