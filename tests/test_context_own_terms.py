"""A seller's own terms and pitches that sound like someone else's text are still claims.

Cues of a report, of rule text, of a buyer's review, of a question and of a mention each have
a look-alike in a seller's own words: an inquiry her terms suppose (如经查实, 一经查获), the
trader naming itself in its terms (本网站不承担…), a verdict that runs down other goods
(其他的尿布很差), a question that asserts (你们还敢买？, what would it be like to have the
best…?, 补单都安排好了吗) or that the speaker answers yes after a pause (能降血糖吗 能), and a
brand hinted at while its name is withheld (P家的包，不能说名字), not a word named as banned.
The look-alikes stay claims; the texts the cues were written for (a decision, a law, a
review, a real question, a banned word named) stay dismissed.
"""

from __future__ import annotations

from tests.judging import Cases, case_tests

CASES: Cases = {
    "supposed_inquiry": {
        "zh": (("reported",), [
            "会员权益不得转让，如经查实私下转让，会员费概不退还",
            "本店特价商品一经售出概不退换，若经查明恶意投诉，本店保留追究权利",
            "凡经查实使用他人账号下单的，已付定金不予退还",
            "一经查获转卖优惠券，订单作废且货款概不退还",
            "若经查实会员私下转借，本会所有权没收会员卡，会费概不退还",
        ], [
            "经查明，该会所在会员协议中约定会员费概不退还",
            "经调查，该健身会所在会员协议中写明会费概不退还",
            "记者暗访发现，这家会所的会员卡一经办理概不退费",
            "据调查，涉事门店在收据上注明定金不予退还",
            "法院查明，被告在格式合同中约定已付定金不予退还",
        ]),
    },
    "trader_names_itself": {
        "zh": (("rule_text", "reported", "mention"), [
            "因系统故障造成的订单损失，本网站不承担任何法律责任",
            "使用本应用产生的任何纠纷，本应用不承担任何法律责任",
            "顾客在本店丢失财物，本店不承担任何法律责任",
            "本俱乐部会员卡一经办理，会员费概不退还，本俱乐部不承担任何法律责任",
            "本直播间所有福袋商品一经拍下，不退不换，本直播间不承担任何法律责任",
        ], [
            "电商平台经营者在平台服务协议中声明不承担任何法律责任，违反《电子商务法》",
            "商家不得声明对顾客在店内的损失不承担任何法律责任",
            "平台规则：商家声明不承担任何法律责任的，平台将予以处罚",
            "商家在店内告示“本店不承担任何法律责任”，违反消费者权益保护法",
            "网站声明“不承担任何法律责任”并不能免除经营者依法应承担的法律责任",
        ]),
    },
    "rival_run_down": {
        "zh": (("review",), [
            "我用过其他的纸尿裤，闷得宝宝红屁屁，吸收也很差",
            "普通的面膜都很差，敷完脸又干又痒",
            "和其他的纸尿裤比起来，这款吸水性很差，不好用",
            "我试过其他的洗面奶，用完脸很干，都很差，真的不好用",
            "别的燕窝质量很差，吃着一股怪味",
        ], [
            "和其他的面膜比，这家的敷完脸又干又痒，质量很差，退货了，差评",
            "跟别家的对比了一下，这家店的羽绒服跑绒严重，做工很差，已经退货了，差评",
            "用了一周其他的洗发水，这家的用完头皮痒，很差，不会回购",
        ]),
    },
    "asserting_question": {
        "zh": (("question",), [
            "外面那些燕窝都是糖水勾兑的，你们还敢给宝宝吃？",
            "别的直播间的面膜都含激素，你还敢用吗？",
            "隔壁家的燕窝全是糖水，你还敢吃？",
            "刷好评的水军都安排好了吗 马上开播",
            "后台刷销量的单子搞定了吗",
            "刷单的人安排了吗 等下上链接",
            "好评返现的小卡片到位了吗",
        ], [
            "这款真的是全网最低价吗？",
            "这个面霜是不是全网销量第一？",
            "请问你们家的茶能降血糖吗？",
            "请问这个能治失眠吗？",
        ]),
        "en": (("question",), [
            "What would it be like to own the world's best mattress?",
            "What would it be like to have the UK's best gaming broadband for your family?",
            "How would it feel to finally have the UK's fastest broadband?",
            "Wouldn't it be great to own the best mattress in the world?",
            "Who wouldn't want the number one rated vacuum on the market?",
            "Who doesn't love the cheapest price online?",
        ], [
            "Is this the fastest broadband in the UK?",
            "Is it really the world's best mattress?",
            "Why is it called the number one vacuum on the market?",
            "Does this shop have the cheapest price online?",
            "Which shop has the cheapest price online?",
        ]),
    },
    "answered_after_a_pause": {
        "zh": (("question",), [
            "这个茶能降血糖吗 能 姐妹们放心喝",
            "这个能治失眠吗 可以 吃三天就好",
            "这款奶粉能提高免疫力吗 当然能 宝宝喝了少生病",
            "这个精华能祛斑吗 肯定 坚持用斑就没了",
            "能降血糖吗能",
        ], [
            "这个茶能降血糖吗 这个我不清楚 大家问问医生",
            "这个枕头能治颈椎病吗 我也不知道 问问医生吧",
            "这个精华能祛斑吗 等我问问品牌方再回复大家",
            "这款奶粉能提高免疫力吗 这个我们不能乱说",
            "能降血糖吗这个要问医生",
        ]),
    },
    "withheld_name": {
        "zh": (("mention",), [
            "这款是G家的原单 我不能说名字 你们自己品",
            "这个是C家的同款 不能说牌子 懂的都懂",
            "这是L家的经典款原单 不能说名字 懂的姐妹直接拍",
            "这款包是H家的同厂货 主播不能说品牌 你们懂",
            "这双鞋是N家的原厂尾单 不能说是哪家 懂的都懂",
        ], [
            "最好这个词不能用",
            "全网最低价这种话我们不能说",
            "全网最低价不能说",
            "第一不能说，这是违禁词",
            "这个“国家级”我们不能用",
        ]),
    },
}

test_claim_is_flagged, test_non_claim_is_not_flagged = case_tests(CASES)
