"""The context judge on the register of a whole line: a decision's wording of finding, a rule
that names a penalty after the goods it forbids, a buyer who tells how long she has owned the
goods, and a guide whose heading names the deceptive conduct.

Each judgement holds lawful lines it must cancel and look-alikes that must stay flagged: a seller
who vouches for her goods with a certificate, a planted review inside a pitch, a seller's own
claim after a heading. All sentences were written for these tests, not taken from a corpus.
"""

from __future__ import annotations

from tests.judging import case_tests

# judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
CASES: dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]] = {
    # a decision refers back to the facts it stated (上述行为) and finds with 系 (系虚假, 系编造)
    "decision_finding": {
        "zh": (("reported", "rule_text", "mention"), [
            "上述优惠今天有效，这款是全网最低价，家人们冲！",
            "本店所有商品系正品，假一赔十，全网最低价。",
            "上述赠品送完即止，这款面霜美白祛斑效果最好，宝宝们赶紧拍。",
            "我们家系老字号，这款酒就是全国销量第一，今天只要99。",
            "上述价格仅限直播间，原价999现在只要99，家人们冲！",
            "系统升级完了，这款蜂蜜能治胃病，老人喝最好。",
        ], [
            "上述行为中，当事人在直播时称其茶叶能降血糖，系虚假宣传。",
            "平台达人并未实际使用该面膜，其发布的祛斑效果系编造。",
            "店铺页面标注的全国销量第一系虚构，无任何统计数据支持。",
            "页面所示原价1999元系捏造，该商品从未以该价格销售。",
            "上述违法行为持续三个月，当事人在直播中宣称其手串能治疗失眠。",
            "直播间宣称该果冻能减肥，系虚假宣传，当事人无法提供依据。",
        ]),
    },
    # a register word (可处, 罚款) after a comma is not reached by a certificate named before it
    "penalty_after_goods": {
        "zh": (("rule_text", "reported"), [
            "符合国家认证标准，全网最低价，赶紧拍！",
            "经过国家认证，我们的产品是第一品牌，可以放心购买。",
            "通过有机认证，这款大米是全网最低价，家人们放心拍。",
            "有机认证的大米，全网最低价，今天只要19块9。",
            "依法备案的保健品，能治疗高血压，全网最低价。",
            "认证齐全，这款面霜就是最好的美白面霜。",
        ], [
            "经营者自行印制与有机产品认证标志近似的标识，属于伪造认证标志，可处五万元罚款。",
            "擅自使用与绿色食品认证标志相同的图案，属于冒用认证标志，可处罚款。",
            "未获有机产品认证的食品印制有机认证标志，属于伪造认证标志，可处三万元以下罚款。",
            "伪造3C认证标志的，由市场监管部门责令改正，可处十万元以下罚款。",
            "证书过期后继续使用有机认证标志，属于冒用认证标志，可处二万元罚款。",
            "未获认证却在包装上印制“国家认证”字样，属于伪造认证标志，可处罚款。",
        ]),
    },
    # a buyer's long ownership and the view she has long held (用了三年, 一直觉得, 装了两次)
    "owner_review": {
        "zh": (("review",), [
            "家人们，我自己用了三年了，一直觉得这是最好的面霜，今天直播间只要99！",
            "买了的宝宝都说好，用了一周就白了，最好的美白精华就是它！",
            "装了两次的老客户都说这款净水器能治疗肾结石，家人们放心买",
            "我一直认为这是全网最低价，姐妹们赶紧上车。",
            "用了三个月的都说好，这款降压茶能根治高血压，点击下方链接。",
            "洗了三遍都不掉色，全网最低价，宝宝们拍一发二。",
        ], [
            "用了六年的这台笔记本，一直认为是同类里最好的。",
            "用了三年的这款吹风机，一直觉得是家里最好用的电器。",
            "装了两次系统都不顺，一直认为这台是同价位里最好的，结果有点失望。",
            "洗了两遍都没起球，一直觉得这是最好的一件卫衣。",
            "一直觉得这个牌子的面霜最好用，这次收到的却有股怪味。",
            "骑了一年多，一直认为这是最好的通勤车，刹车还是很灵。",
        ]),
    },
    # a guide's heading names deceptive conduct (Misrepresenting X: …) over the rule that follows
    "conduct_heading": {
        "en": (("rule_text", "mention", "reported"), [
            "Our cream is the No.1 anti-ageing cream in the UK.",
            "Exaggerating? Never. Our tea cures diabetes, guaranteed.",
            "Misrepresenting nothing: our tea cures diabetes, and we guarantee it.",
            "We never exaggerate: this is the best serum in the world.",
            ("I've used it for years and honestly this is the best serum money can buy,"
             " grab yours now!"),
            "Overstating? Not us. Our supplement treats arthritis in two weeks.",
        ], [
            "Misrepresenting FDA approval: supplement ads cannot say the product is approved.",
            "Overstating results: marketers cannot say a cream removes wrinkles permanently.",
            "Misrepresenting FDA status: a supplement cannot claim to be FDA approved.",
            "Exaggerating efficacy: a food cannot be said to cure diabetes.",
            "Exaggerating results: sellers cannot promise that a pill cures diabetes.",
            "Overpromising: an ad cannot say a cream is the best anti-wrinkle cream in the world.",
        ]),
    },
    # a platform's notice: its 我们 and 您 are the platform's and the merchant's, not a pitch
    "platform_notice": {
        "zh": (("rule_text", "reported", "mention"), [
            "我们家从不怕扣分，好评返现5元，家人们记得晒图！",
            "平台会扣分，但我跟你们说，这就是全网最低价！",
            "扣分就扣分，宝宝们，这款面霜就是全网第一！",
            "我们不怕封禁，这款茶能治疗糖尿病，家人们赶紧拍。",
            "违规处理我们认了，全网最低价，拍一发二！",
            "我们被扣了12分，但这款面霜三天祛斑，姐妹们冲！",
        ], [
            "我们发现您的店铺存在好评返现行为，已扣除12分。",
            "您的商品标题含有“全网最低价”，我们将对该商品进行下架处理。",
            "我们检测到您在直播中宣称产品能治疗糖尿病，已暂停您的直播权限。",
            "您好，您发布的商品描述含有“国家级”字样，平台已予以扣分。",
            "经核实，您的店铺宣称商品为全网最低价却无法证明，我们将按规则扣6分。",
            "您在商品详情页宣称面霜能祛斑，我们将对您的店铺进行违规处理。",
        ]),
        "en": (("rule_text", "reported", "mention"), [
            "We may suspend sellers who lie, but our tea cures diabetes, we promise you.",
            "They can suspend our account, but this is the best serum in the world, buy now!",
            "We will remove nothing: our tea cures diabetes, and you can buy it today.",
            "Suspend us if you like, our cream is the No.1 anti-ageing cream in the UK.",
            "Our account may be suspended, but honestly, this pill cures arthritis.",
            "We will remove the listing tomorrow, so buy now: it cures eczema!",
        ], [
            "We will remove your listing if you claim your product cures cancer.",
            "If you describe your item as the best in the world, we may suspend your account.",
            "We may suspend your account if you tell buyers your supplement cures arthritis.",
            "If you advertise a cream as the best in the world, we will remove your listing.",
            "If you say your tea cures diabetes, we may remove your listing.",
            "If you claim your product is the lowest price anywhere, we may suspend your account.",
        ]),
    },
    # a rule and then its example on the same line (…不得…。示例：…), or a line opened by the
    # example's label; a list closed by a parenthesis after its label
    "example_after_rule": {
        "zh": (("mention", "rule_text"), [
            "比如：这款面霜就是全网最低价，家人们冲！",
            "示例：全网最低价，宝宝们拍一发二！",
            "平台不得虚假宣传，比如：我们家这款就是全网最低价，家人们冲！",
            "比如我们家这款面霜，就是全网最低价，家人们冲！",
            "例如：这款茶能治疗糖尿病，我跟你们说，喝一个月就好。",
            "举个例子：我们家的蜂蜜能治疗胃病，宝宝们拍！",
        ], [
            "直播营销人员不得使用绝对化用语。示例：全网最低价、销量第一。",
            "商家不得虚构原价。例如：原价999，现价99，而该商品从未以999元销售。",
            "普通食品不得宣称疾病治疗功能。比如：能治疗糖尿病、根治高血压。",
            "禁止使用极限词。举例：最好、第一、国家级。",
            "禁用词（最佳、最优、顶级）不要出现在标题里",
            "违禁词（全网最低价、销量第一）一律不得使用",
        ]),
        "en": (("mention", "rule_text"), [
            "Example: our tea cures diabetes, buy now and save 50%!",
            "For example: our cream is the best in the world, grab yours today!",
            "Sellers must not lie. For example: our tea cures diabetes, we promise you!",
            "Example: I guarantee this is the lowest price anywhere, buy now!",
            "For instance: our pills cure arthritis, order today and save!",
            "Examples: we are the No.1 brand in the UK, shop now!",
        ], [
            "Sellers must not make disease claims. For example: \"this tea cures diabetes\".",
            "Example: \"I will leave a 1-star review if you don't refund me 50%.\"",
            "Ads must not exaggerate. Example: \"the best cream in the world\".",
            ("Marketers may not claim cures. For instance: \"cures arthritis\" or"
             " \"treats eczema\"."),
            "Example: \"Our supplement cures diabetes\"",
            "Retailers must not mislead. For example: \"lowest price anywhere\" without evidence.",
        ]),
    },
    # banned words set out a line at a time under a heading label; in a transcript, a label said
    # before a claim on the next line, or an item line said to buyers, is talk
    "listed_below_label": {
        "zh": (("mention",), [
            "这个是违禁词\n但全网最低价",
            "我知道这是极限词\n全网最低价",
            "禁用词：\n家人们全网最低价\n赶紧拍",
            "极限词汇总：\n最好\n\n全网最低价，家人们冲！",
            "极限词：\n这款面霜就是全网最低价，我跟你们保证",
            "违禁词都懂\n全网最低价",
        ], [
            "极限词汇总；\n全网最低价；\n销量第一；\n史上最强",
            "一、禁用词：\n全网最低价\n假一赔十\n国家级",
            "违规话术\n最好\n第一\n全网最低价",
            "违禁词清单：\n国家级\n全网最低价",
            "2. 极限用语\n销量第一\n最好",
            "禁说词：\n包治百病\n全网最低价；",
        ]),
        "en": (("mention",), [
            "Banned words:\nour tea cures diabetes, buy now!",
            "I know these are banned words\nbut it's the lowest price anywhere",
            "Banned claims:\nwe promise this cures eczema, order today",
            "Prohibited claims? Whatever.\nThe best cream in the world.",
            "Banned words\n\nour cream is the best in the world, shop now",
            "We never use banned words\nthe lowest price anywhere, guaranteed by us",
        ], [
            "Banned words:\nthe best\nlowest price anywhere\ncures diabetes",
            "Prohibited claims:\ncures eczema\nthe best",
            "- Banned phrases:\nlowest price anywhere\nthe best",
            "Banned claims:\ncures diabetes;\ncures arthritis;",
            "Prohibited words\nthe best\ncures acne",
            "Banned words include:\nthe best\nlowest price anywhere",
        ]),
    },
}


test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)
