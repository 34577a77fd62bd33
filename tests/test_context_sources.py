"""The context judge on the lawful registers that real text brings and the dev sentences did
not: rule digests and platform word lists, penalty decisions and news that retell a case,
guidance written to traders, and buyers' reviews; each beside look-alikes that break a rule
(a seller who quotes a rule and then breaks it, a review planted by the seller, an anchor's
own words inside a transcript).

For each judgement, ten or more sentences it cancels (no finding, and the judge dismissed a
hit of them as the expected kind or an allowed alternative) and ten or more claims that carry
the same cue and must stay flagged. All sentences were written for these tests, not taken
from a corpus.
"""

from __future__ import annotations

from tests.judging import assert_ten_each_way, case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # rule digests, platform word lists and compliance guides that name the banned words
    "rule_digest": {
        "zh": (("rule_text", "mention", "negation", "reported"), [
            "平台规定不能说全网最低价，但我跟你们说，我们家就是全网最低价。",
            "违禁词我都懂，家人们放心，这款面霜就是全网效果最好的。",
            "广告法管得严，可咱家这个茶喝一个月就能根治高血压。",
            "常见的违规话术我们一个都不说，今天只说实话：全网最低价！",
            "我们严格遵守平台规则，这款精华就是全网最好用的，宝宝们冲。",
            "别的主播不敢说，我敢说，这款鱼油能治好高血脂。",
            "规则是规则，姐妹们，这个价格就是史上最低价。",
            "极限词不能乱用，但这款真的是国家级配方，大家闭眼入。",
            "我们家严禁刷单，所以你们看到的销量第一都是真的。",
            "消费者权益我们最重视，这款面膜用一次就能祛斑。",
        ], [
            "常见的违规话术有全网最低价、假一赔十、三天见效等，主播应避免使用。",
            "违禁词包括最佳、最好、第一、国家级，直播标题和口播中都不得出现。",
            "极限词如史上最低价、全网销量第一，平台会予以扣分处理。",
            "商品详情页中含有“治疗”“治愈”等医疗用语的，平台将下架商品。",
            "典型话术：“最后一天，明天恢复原价”，属于虚构时限的价格宣传。",
            "如发现主播使用“全网最低价”等用语，扣除信用分2分。",
            "说“假一赔十”的商家，不一定真的会赔，消费者要保存好证据。",
            "所谓“全网最低价”，是指在所有平台中价格最低，商家往往无法证明。",
            "主播应当避免使用全网最低价等无法核实的价格用语。",
            "禁止在直播中宣称普通食品具有降血糖、降血压等疾病治疗功能。",
            "直播间常见营销陷阱：虚构原价、刷单炒信、以次充好。",
            "（四）标示的市场最低价、出厂价等价格表示无依据或者无从比较的；",
        ]),
        "en": (("rule_text", "mention", "negation", "reported"), [
            "The CAP Code says we can't say best, but honestly, you guys, this is the best"
            " serum in the world.",
            "Regulators hate superlatives, but our tea is the best tea in the world, folks.",
            "Avoid claims you can't back up, they say; well, ours is the cheapest price on the"
            " internet.",
            "The FTC has rules about reviews, but trust me, this is the number one cream in"
            " America.",
            "We follow every guideline, and this patch cures back pain for good.",
            "Some words are banned, but I promise you this is the lowest price anywhere.",
            "The rules say no miracle claims, but this supplement cures arthritis.",
            "Don't worry about the fine print, our cream cures eczema.",
            "We know the guidance on superlatives, and we're still the best brand in the"
            " country.",
            "Other shops avoid saying it, but we're the cheapest price on the internet.",
            "Claiming our tea cures diabetes is just the truth.",
        ], [
            "Avoid phrases like \"guaranteed results\" or \"cures acne\" in your listings.",
            "The most common superlative is the word \"best\", as in \"The best widget in the"
            " world\" or \"Product X is best for you\".",
            "Don't write \"#1 rated\" unless you can show the ratings behind it.",
            "Words such as \"miracle\" and \"cure-all\" should never appear in your ads.",
            "Under the CAP Code, marketers must not claim a product is clinically proven unless"
            " they hold robust evidence.",
            "Examples of misleading claims include \"lowest price in town\" and \"best value"
            " anywhere\".",
            "Claims such as \"the cheapest price online\" need up-to-date price comparisons in"
            " your marketing.",
            "Businesses cannot say \"sale ends today\" when the sale continues.",
            "If you advertise \"was $100, now $50\", your business must have sold the item at"
            " $100.",
            "Terms like \"clinically proven\" need trials behind them before they go on your"
            " labels.",
            "Saying your supplement treats arthritis turns it into an unapproved drug.",
        ]),
    },
    # penalty decisions and news that retell what a seller did or said
    "case_retold": {
        "zh": (("reported", "rule_text", "mention"), [
            "宝宝们，别信新闻里说的，这款降糖茶喝了就能停药。",
            "记者朋友们都来了，我当着镜头说，这就是全网最低价。",
            "被罚过又怎样，家人们，咱家这面霜就是全网第一。",
            "你们看看通报，我们家从来没被罚过，这个价格全网最低。",
            "经查，我们家就是全网最低价，大家放心拍。",
            "主播我跟大家保证，这款鱼油能治好高血脂。",
            "别家主播说什么我不管，我告诉你们，这个是史上最低价。",
            "上过新闻的爆款，姐妹们，用一次就能祛斑。",
            "厂家说了，我们这款就是全网最低价，今天直播间专享。",
            "报道都说好，这款保健品能根治失眠，大家赶紧下单。",
        ], [
            "主播直播间喊“全网最低价” 被罚20万",
            "这家店铺的商品详情页显示“原价1999元，现价399元”，但该商品从未以原价销售。",
            "该厂家在外包装上印着“纯羊绒”，实际羊绒含量不足一成。",
            "平台通报称，该主播在直播中宣传“喝了能治疗高血压”，已被永久封禁。",
            "经核查，当事人在网店页面发布“全网最低价”的广告内容，不能提供证明。",
            "据消费者王女士介绍，主播当时说这款面膜“用一次就能祛斑”。",
            "这名主播在直播中反复强调：“我们家是全网最低价，错过再等一年。”",
            "法院认为，被告在直播中宣称产品“能治愈糖尿病”，构成欺诈。",
            "该经营者在直播中宣称其蜂蜜能治疗咽炎，上述行为违反了《广告法》第十七条。",
            "一名自称“老中医”的主播在直播间推销“特效降糖茶”，涉事直播间已被查处。",
        ]),
        "en": (("reported", "rule_text", "mention"), [
            "Forget what the news says, you guys, this tea cures diabetes.",
            "The regulator can fine us, but folks, this is the cheapest price on the internet.",
            "Reporters keep calling, and I'll tell you what I told them: this is the best cream"
            " in the world.",
            "Some sellers got fined, but we're the number one brand in America, trust me.",
            "Other hosts were banned for saying it, but honestly, this serum cures acne.",
            "The company that makes it is proud, and so are we: the lowest price anywhere,"
            " guys.",
            "Investigators can look all they want; our gummies cure anxiety.",
            "Retailers complain about us because we have the cheapest price online, grab"
            " yours.",
            "The FTC sent letters to others; our supplement still cures arthritis, guys.",
            "I read the ruling, and you guys, we're still the best mattress in the UK.",
        ], [
            "In one video, the host says the serum is \"the best anti-aging product on the"
            " market.\"",
            "One seller described its jacket as \"100% goose down\" although tests found mostly"
            " feathers.",
            "Retailers often advertise \"up to 70% off\" when only a few items are discounted"
            " that much.",
            "The influencer posted \"This tea melts fat fast!\" without disclosing payment.",
            "According to the complaint, the company told consumers its pills would cure"
            " diabetes in 30 days.",
            "The FTC ordered the marketers to stop claiming their products can treat or prevent"
            " COVID-19.",
            "The ASA upheld a complaint against an advertiser's claim to sell \"the best"
            " stairlift\".",
            "The ACCC alleged the retailer advertised \"lowest price guaranteed\" but charged"
            " more than rivals.",
            "The label stated the honey was \"100% pure Manuka\", but tests showed otherwise.",
            "The seller's ad said the jacket was 100% cashmere; lab tests found 40% wool.",
        ]),
    },
    # buyers' verdicts on what they got, beside a seller's planted or rival-bashing words
    "buyer_verdict": {
        "zh": (("review", "negation"), [
            "家人们，用过的都说好，这款面霜是全网最好用的。",
            "宝宝们看评论，吃过的都说好吃，全网最低价就在我们家。",
            "别家的面膜用了会烂脸，我们家的全网第一温和。",
            "隔壁那家难吃得要命，咱家的卤味才是全网销量第一。",
            "你们放心，这款洗发水用了不会头痒，全网最低价。",
            "这款面霜不会过敏，不会烂脸，效果是全网最好的。",
            "买家秀都在这里了，姐妹们，用了一周就白了两个度，全网最好用。",
            "我们家羽绒服不跑绒不起球，是市面上最好的。",
            "老粉都知道，我们家是全网最低价，给我冲。",
            "吃过的朋友都说这是全国第一好吃的牛肉干，赶紧拍。",
            "是假货但是做工真的好，全网最低价。",
            "这个绝对不是假货，全网最低价。",
        ], [
            "吃过最难吃的披萨，鸡翅也凉了，厨师自己肯定不吃。",
            "确定是假货，洗完头皮发痒，难受了一整天。",
            "假货！用了头发干枯！头痒！再也不买了。",
            "绝对是吃过最难吃的榴莲，最差的一次购物。",
            "送来汤全洒了，菜也凉了，最难吃的一次外卖。",
            "喝过最难喝的奶茶，一股怪味，还很贵。",
            "衣服洗了一次就起球，掉色也严重，还说是全网最好的面料。",
            "洗完头皮发痒，头发干枯，还是什么国家级配方。",
            "吃完拉肚子，菜都变味了，吃过最难吃的一家店。",
            "骗人的！好评返现都没有！！！",
            "绝对是假货，洗完头发干枯，还说是全网最好的洗发水。",
            "最失败的一次网购，号称国家级工艺，做工很差。",
        ]),
        "en": (("review",), [
            "You guys, everyone who tried it says it's the best serum in the world.",
            "Our other brand fell apart, but this one is the best jacket on the market.",
            "Cheap brands gave me a rash, so we made the best cream in the world for you.",
            "Other brands taste awful; ours is the number one protein in America.",
            "It won't fall apart like the knockoffs, it's the best bag ever made.",
            "Never itchy, never flaky: this is the best moisturizer on the market.",
            "Folks, our customers say this is the cheapest price on the internet.",
            "Trust me, you guys, this tea cures diabetes, grab yours.",
            "Competitors' pans stopped working in a month; ours is the best pan ever.",
            "Guys, it tasted awful until we fixed it; now it's the best shake in America.",
        ], [
            "I ordered two, one fell apart after a week, so much for the best jacket on the"
            " market.",
            "I've been using it a week and it's so itchy, supposedly the number one cream in"
            " America.",
            "I returned it, one star, the best price online means nothing if it breaks.",
            "Mine arrived broken and it tasted awful, the cheapest price on the internet is not"
            " worth it.",
            "My order came quickly but smelled awful; they call it the best candle in the"
            " world.",
            "I received it and it ripped after one wash, the best jacket ever my foot.",
            "I ordered the large, it tasted awful, and it was the cheapest price online for a"
            " reason.",
            "I bought it for my son and it fell apart, not what I expect from the best brand in"
            " the country.",
            "I purchased two, both stopped working in a month; the number one blender in"
            " America, they said.",
            "Got this for my wife, it gave her a rash, so much for the best cream in the"
            " world.",
        ]),
    },
}

test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)


def test_ten_each_way() -> None:
    assert_ten_each_way(CASES)
