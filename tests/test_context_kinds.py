"""The context layer, kind by kind, in Chinese and English.

For every kind of context in which a rule's hit is not a claim, live-selling sentences that
ARE claims although they hold the kind's cue (in another clause, or in a way that does not
cancel the claim), and sentences that are NOT claims because the kind cancels them. A claim
must give a finding at warning or error; a non-claim must give none, and (unless marked
`quiet`: no rule matches inside it at all) the context layer must have dismissed a hit of it,
as the expected kind or one of the alternatives listed with the sentence.
"""

from __future__ import annotations

import pytest

from tests.judging import check_judged as _check


def xfail(text: str, reason: str):  # type: ignore[no-untyped-def]
    return pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=reason))


def alt(text: str, *kinds: str) -> tuple[str, tuple[str, ...]]:
    """A non-claim that another kind (checked earlier by the judge) rightly dismisses first."""
    return (text, kinds)


def quiet(text: str) -> tuple[str, tuple[str, ...]]:
    """A non-claim in which no rule matches at all: only the absence of a finding is checked."""
    return (text, ("quiet",))


# kind -> lang -> (claims, non-claims)
CASES: dict[str, dict[str, tuple[list, list]]] = {
    "mention": {
        "zh": ([
            "家人们记住我这句话：“今天这个价格全网最低！”",
            "这款面霜的名字叫“小白瓶”，它的美白效果是全网第一",
            "别管什么违禁词了，这就是国家级配方的精华液",
            "今天就给大家讲清楚，这款面膜是全网销量第一的",
            "大家都在问为什么叫“神仙水”，因为它用了就能根治痘痘",
            "“最好”两个字我不说，我只告诉你这是全网最低价",
            "大家弹幕刷一个“冲”，这款洗面奶是同类产品里最便宜的",
            "包装上印着“匠心”二字，里面的精华是顶级原料做的",
            "我们的口号是“好物不贵”，这款防晒霜全网最低价",
            "宝宝们，主播跟你们说句实话：这款眼霜就是史上最好用的",
        ], [
            "直播间里“第一”这两个字是不能随便讲的",
            "主播们注意，“全网最低”属于违禁词，一律不要讲",
            "广告法规定我们不能说“最有效”，所以我只说好用",
            "“国家级”是极限词，我从来不碰",
            "我们家的文案里找不到“最”这个字",
            "像“根治”“药到病除”这类词，化妆品直播绝对不能用",
            "“零风险”是敏感词，今天我不会拿来形容这款产品",
            "极限词比如“顶级”“首选”，我们都从话术里删掉了",
            "平台不允许我们讲“百分百有效”，大家理解一下",
            "新来的助播总爱喊“史上最低价”，这种说法违反广告法",
        ]),
        "en": ([
            'I\'ll say it loud and clear: "this is the best moisturizer on the market!"',
            "Our brand is called GlowUp, and it's the best serum in the world.",
            "Forget the word police, this is the number one cream in America.",
            "People keep asking what hydra-boost means; it means this serum works better than any"
            " other.",
            'The box says "new formula," and honestly this serum cures acne in three days.',
            'We call it "the miracle jar" because it\'s guaranteed to erase wrinkles for good.',
            "Some words get flagged, but this is still the lowest price anywhere online.",
            'Our slogan is "made with love," and this tea cures diabetes.',
            'Say "yes" in the chat if you want the cheapest price on the internet!',
            'Type "mine" below, this is the best deal you\'ll ever get.',
        ], [
            'We\'re not allowed to say "the best" on this stream, so I\'ll just call it lovely.',
            '"Cures acne" is a banned phrase on our channel.',
            'Phrases like "guaranteed results" are prohibited in cosmetics ads.',
            'Our brand guidelines list "the best" and "number one" as banned words.',
            'Let\'s talk about why "100% effective" is a phrase we cannot use.',
            'The phrase "lowest price ever" is prohibited unless you can prove it.',
            'Don\'t ever write "cures eczema" in the product title, that wording gets the shop'
            " banned.",
            '"The number one serum" is the kind of claim we can\'t make.',
            '"Miracle cure" isn\'t allowed on this platform, so we never use it.',
            'You won\'t hear me use "number one" tonight, that kind of claim needs proof.',
        ]),
    },
    "reported": {
        "zh": ([
            "有人说我们家贵，其实我们是全网最低价",
            "别的主播说他们家便宜，我告诉你，我们这才是全网最低价",
            "粉丝都说这款面霜是全网最好用的",
            "听说隔壁卖199，我们今天只要19块9，全网最低",
            "医生都说了，这款益生菌能治好肠炎",
            "有人说喝这个茶能治胃病，这话一点不假",
            "别家都说自己便宜，但我们才是全网最低价",
            "主播跟大家保证，这款精华液是全网效果最好的",
            "老顾客都跟我讲，这是他们用过最好用的洗发水",
            "同行都吹自己家好，我跟你们说，这款面膜才是销量第一",
        ], [
            "某主播声称这款茶能治好糖尿病，结果被罚了",
            "网上有人说喝这个酵素能降血压，别信，根本没有这种功效",
            "有的商家说自己是全网最低价，其实都是先涨后降",
            "听说有家店说他们的面霜能治好湿疹，这都是骗人的",
            "有人问吃这个能不能治失眠，不可能的，这只是普通食品",
            "那个网红主播吹嘘自己卖的是全网最低价，已经被查了",
            "有人说我们家的精华是全网最好用的，这是夸大，我们不敢这么讲",
            "弹幕有人说这个能治鼻炎，假的啊，家人们不要信",
            "该商家宣称其阿胶糕可以治疗贫血，被市场监管部门立案",
            "千万别信那些说吃了就能根治三高的直播间",
        ]),
        "en": ([
            "Some people say we're overpriced, but guys, we have the cheapest price online.",
            "My customers tell me this is the best moisturizer on the market.",
            "Doctors say this tea cures high blood pressure, and I believe it.",
            "They say it's too good to be true, but this serum really does cure eczema.",
            "I heard other shops sell it for $99, but ours is the cheapest price on the internet.",
            "Everyone in the comments says this is the number one cream in the country.",
            "Rumor has it we're the best brand on the market, and that's absolutely true.",
            "Reviewers describe it as the best serum in the world, and I agree.",
            "My mom says this tea cures arthritis, and she's right.",
            "Other brands claim they're cheap, but we have the cheapest price on the internet.",
        ], [
            "The seller claimed this tea cures diabetes, and regulators fined them.",
            "Some people say this supplement cures arthritis, but that's a myth.",
            alt("Don't believe sellers who claim their cream is the best in the world.", "mention"),
            "The company advertised its drink as a cure for cancer before the recall.",
            "Other brands say they have the cheapest price on the internet; that's just not true.",
            "You might have heard that collagen cures wrinkles forever, which is nonsense.",
            "Anyone who tells you a cream can cure psoriasis is lying to you.",
            alt("The ad claimed that the juice reverses diabetes, which was false.", "mention"),
            "Beware of listings that promise a tea will cure cancer.",
            "The listing stated that the pills cure hair loss, and the platform took it down.",
        ]),
    },
    "rule_text": {
        "zh": ([
            "平台严禁虚假宣传，我们家这款面霜就是全网最好用的",
            "我们一直按规定标价，这款洗面奶是全网最低价",
            "别家刷单是违法的，我们的面膜是全网销量第一",
            "我们是依法经营的正规店铺，这款精华全网最低价",
            "市场监管天天查，可我们家这款茶喝了真能降血压",
            "别人怕处罚不敢讲，我们这款眼霜就是效果最好的",
            "合法合规的大品牌，这款鱼油吃了能治好高血脂",
            "我们家从不违规，这款护手霜是史上最低价",
            "严格执行国家标准，这款面霜美白效果全国第一",
            "平台规定我们都遵守，这款洗发水就是全网最低价",
        ], [
            "电商法规定，经营者不得虚构交易、编造用户评价",
            "平台严禁主播引导用户私下加微信交易",
            "先提价再打折属于价格欺诈",
            "刷好评、删差评等行为都会被平台处罚",
            alt("市场监管部门依法查处了一批宣称食品能治病的直播间", "reported"),
            "根据规定，普通食品不得宣传具有降血压的功效",
            "直播间先涨价再打折的乱象必须整治",
            "买卖粉丝、伪造销量是违规行为，一经查实封号处理",
            alt("任何商家都不得在直播中使用“国家级”“最高级”等用语", "mention"),
            "普通面霜宣传能治好湿疹属于违法",
        ]),
        "en": ([
            "We follow the law to the letter, and this is the best serum in the world.",
            "Regulators have nothing on us, this tea cures diabetes.",
            "Our shop has never broken the rules, and we have the cheapest price on the internet.",
            xfail("Consumers should know that this cream cures eczema in a week.",
                  "'consumers should' opens consumer-education text and reaches its own clause, "
                  "which here is the seller's claim"),
            "Enforcement is strict these days, but this is still the number one cream in America.",
            "Unlike shady sellers, we are licensed, and this supplement cures arthritis.",
            "We passed every inspection, so trust me, this is the best moisturizer on the market.",
            "Fully compliant and proud of it: the lowest price on the internet, today only.",
            "Our lawyers checked everything, and this juice reverses diabetes.",
            "The law is on our side, this is the number one brand in the country.",
        ], [
            "Sellers must not invent a fake original price to make a discount look bigger.",
            "The law prohibits claiming that a food cures diabetes.",
            "Buying fake five-star reviews is illegal.",
            "Regulators fined a shop that said its gummies cure anxiety.",
            "Buying followers to inflate viewer counts is illegal.",
            "It is unlawful to advertise a supplement as a cure for cancer.",
            "Marketing a tea as a cure for diabetes violates federal law.",
            "Under the regulations, shops may not pay people to write fake reviews.",
            "Paying people to post fake reviews is a deceptive practice.",
            "Platforms prohibit streamers from claiming the lowest price on the internet without"
            " proof.",
        ]),
    },
    "negation": {
        "zh": ([
            "不夸张地说，这款精华是全网效果最好的",
            "不玩虚的，这款面膜就是全网销量第一",
            "不用犹豫了，这就是今年的史上最低价",
            "不骗大家，这款洗面奶是全网最低价",
            "你们不用再到处比价了，全网最低就在我们家",
            "一点都不油腻，而且是市面上保湿效果最好的面霜",
            "不用吃药，喝我们的茶就能降血糖",
            "它不是普通的面霜，而是能根治湿疹的神霜",
            "我们从来不乱说，这款鱼油真的能治好高血脂",
            "不管什么肤质，这款精华都是全网最好用的",
        ], [
            "我们的面霜算不上全网最好，但性价比很高",
            "这款茶并没有降血压的作用，只是日常饮品",
            "我们从来不找人刷单，销量都是真实的",
            "这个价格不是全网最低，但售后有保障",
            "没有人能保证一款面霜百分百有效",
            "我们家从来不花钱买好评",
            "本店绝对不卖高仿货",  # 高仿 denied; 仿货, starting inside it, with it
            alt("谁也不敢说它能根治脱发", "mention"),
            "这款蜂蜜不能治咳嗽，大家别误会",
            "我们绝不搞一经售出概不退换那一套",  # a hit starting inside a denied one
        ]),
        "en": ([
            "I'm not gonna lie, this is the best serum on the planet.",
            "No joke, this tea cures high blood pressure.",
            "It doesn't smell weird, and it's the number one cream in America.",
            "You don't need a prescription, this supplement cures arthritis.",
            "It's not just a moisturizer, it's the best skincare product in the world.",
            "Don't wait, this is the cheapest price on the internet.",
            "Never mind the other brands, we're the number one brand in the country.",
            "I can't stop using it, it's the best moisturizer on the market.",
            "We don't mess around: this cream cures eczema.",
            "Not only is it cheap, it's the lowest price on the internet.",
        ], [
            "This isn't the best serum in the world, but it's a solid one.",
            "We never say our tea cures diabetes.",
            "Nobody can promise that a cream cures eczema.",
            "We do not buy fake reviews, ever.",
            "This supplement does not cure arthritis.",
            "I'd never claim this is the number one brand.",
            "It won't cure your acne, it just keeps skin clean.",
            "Our price isn't the cheapest price on the internet, but shipping is free.",
            "We don't sell knockoff bags here.",
            "No cream can guarantee results for everyone.",
        ]),
    },
    "question": {
        "zh": ([
            "难道这不是全网最低价吗？",
            "这价格就是全网最低，对吧？",
            "这款茶能降血糖吗？能！喝一个月血糖就稳了",
            "这款面膜是不是全网销量第一？是的，连续三年第一",
            "还有谁家比我们更便宜？我们就是全网最低价",
            "信不信这款洗发水能治好脱发？",
            "你知道吗，这款精华是全网效果最好的",
            "这款面霜是全网最好用的，懂吗？",
            "哪里还能买到史上最低价？只有我们直播间",
            "干嘛还去别家买？我们就是全网最低价",
        ], [
            "这款面霜是全网最好用的吗？大家自己判断",
            "鱼油能降血脂吗？这个要听医生的",
            "你们觉得这是不是全网最低价？评论区说说",
            "想问一下，这款精华是否是国家级配方？",
            "这个真的能根治脚气吗？我们不做这种承诺",
            "主播，这是史上最低价吗？",
            "有宝宝问这款茶能不能降血压？",
            "有没有全网最便宜的护手霜推荐一下？",
            "大家觉得这款眼霜配得上全网第一吗？",
            "喝这个蜂蜜能治咳嗽吗？",
        ]),
        "en": ([
            "This is the cheapest price on the internet, right?",
            "Does this cream cure acne? Yes! In just one week.",
            "Who else gives you the cheapest price on the internet?",
            "Can this tea lower your blood pressure? Absolutely, in two weeks.",
            "Where else can you find the number one cream in America at this price?",
            "You know this is the best moisturizer on the market, right?",
            "Why pay more when we have the cheapest price on the internet?",
            "Is this the best serum in the world? Of course it is.",
            "Have you ever seen a cream that cures eczema this fast?",
            "Isn't this the cheapest price on the internet?",
        ], [
            quiet("Is this the best serum in the world? You tell me in the comments."),
            "Does collagen cure wrinkles? Ask your dermatologist.",
            "Someone asked whether this tea cures diabetes.",
            quiet("Is it really the cheapest price on the internet? We'll let you compare."),
            "Can a cream cure eczema? That's a question for your doctor.",
            "Is this the number one brand in America? I honestly don't know.",
            "Viewers are wondering if the gummies cure anxiety.",
            "Does this supplement cure arthritis?",
            "Is this really guaranteed to remove wrinkles? Let's read the label.",
            "Would a tea that cures diabetes even be legal to sell?",
        ]),
    },
    "past": {
        "zh": ([
            "以前我们也卖199，今天只要19块9，全网最低价",
            "之前好多宝宝反馈效果好，这款面霜就是全网最好用的",
            "过去三年，这款精华一直是全网销量第一",
            "以前没得选，现在有了全网最低价的好面霜",
            "以前的老顾客都知道，这是全网最低价",
            "前几年价格高，今年降到全网最低价",
            "曾经有人怀疑它，现在大家都知道它能根治脱发",
            "之前卖断货十次，这款面膜就是销量第一",
            "早些年我卖过假货，现在不卖了，今天这款是全网最低价",
            "以往都是专柜价，今天直播间史上最低价",
        ], [
            "以前我们也找人刷过单，现在再也不做这种事了",
            "早些年我们喊过全网最低价，现在早就不这么说了",
            "过去我们也先涨价再打折，被罚了以后彻底改了",
            "以前我们宣传是国家级配方，现在不这么宣传了",
            "前几年我们说过这个茶能治失眠，现在不说了",
            "曾经我们也花钱买好评，已经停了",
            "以前卖过高仿包，吃过亏，现在只卖正品",
            "以往我们说这款面霜全网最低价，现在不再这样讲了",
            "之前直播间说过全网最低价，被罚了以后再也不敢了",
            "以前我们标过史上最低价，现在已经不标了",
        ]),
        "en": ([
            "We used to charge $99, and today it's the cheapest price on the internet.",
            "Years ago nobody believed us, but this tea cures diabetes.",
            "Back then it was a secret, now it's the number one serum in America.",
            "Previously sold out five times, this is the best cream in the world.",
            "Once you try it you'll know it's the best serum in the world.",
            "We used to be small; now we're the number one brand in the country.",
            "Back then prices were high, today we're the cheapest price on the internet.",
            "In the past year this has been the best moisturizer on the market.",
            "Years ago my grandmother swore this tea cures arthritis, and she was right.",
            "We used to ship slowly, but now it's the cheapest price on the internet with fast"
            " delivery.",
        ], [
            "We used to buy fake reviews, but we stopped years ago.",
            "Back then we called it the best cream in the world; we no longer say that.",
            "In the past we said this tea cures diabetes, and we were fined.",
            "Years ago we said it cures acne, not anymore.",
            "We used to promise guaranteed results, and I regret it.",
            "Previously we advertised the cheapest price on the internet, but we no longer make"
            " that claim.",
            "I used to tell viewers the tea cures diabetes; I stopped after I learned better.",
            "We once bought fake reviews, and we were fined for it.",
            "Our old ads used to say number one brand in America, which we no longer do.",
            "We used to sell knockoff bags, and we stopped that completely.",
        ]),
    },
    "required_wording": {
        "zh": ([
            "保健食品不是药物，不能代替药物治疗疾病，但我们这款鱼油吃了能治好高血脂",
            "本品不能代替药物，不过这款茶喝一个月就能根治高血压",
            "温馨提示请按说明书使用，这款面霜是全网最好用的",
            "适宜人群是中老年人，这款钙片能治好骨质疏松",
            "不具有疾病预防、治疗功能的是别家，我们这款酵素能治便秘",
            "这款蛋白粉本品为普通食品，但是能治疗糖尿病",
            "说是不能代替药物，其实这个茶比降压药还管用，喝了就能降血压",
            "投资有风险，但这款黄金是全网最低价",
            "广告里都要说保健食品不是药物，可我们这款益生菌就能治好肠炎",
            "不适宜人群写着孕妇，其他人吃了都能治失眠",
        ], [
            "温馨提示：保健食品不是药物，不能代替药物治疗疾病。",
            "本品不能替代药物治疗疾病，请遵医嘱",
            "这款压片糖果为普通食品，不具有疾病预防、治疗功能",
            "本品不能用于治疗疾病，请理性购买",
            "这款益生菌是普通食品，不以治疗疾病为目的",
            "这是保健食品，不具有治疗疾病的功能，大家不要误解",
            "家人们注意，本品不能代替药物",
            "按规定提醒一句：不能治疗疾病，只是日常营养补充",
            "钙片包装上有说明，不具有预防和治疗疾病的功能",
            "这款鱼油是保健食品，保健食品不是药物，不能替代药物治疗疾病",
        ]),
        "en": ([
            "These statements have not been evaluated by the FDA, but this tea cures diabetes.",
            "Keep out of reach of children, and know that this is the best serum in the world.",
            "Results may vary, but this cream cures eczema for everyone.",
            "Keep out of reach of children, and yes, this gummy cures anxiety.",
            "For external use only: the number one cream in America.",
            "This product is not intended to diagnose, treat, cure, or prevent any disease, yet it"
            " reverses diabetes.",
            "Individual results may vary, but it's still the cheapest price on the internet.",
            "Results not typical? Not here, this serum is guaranteed to remove wrinkles.",
            "The FDA disclaimer is on the box, and this gummy cures anxiety.",
            "Keep out of reach of children because this is the lowest price of the year.",
        ], [
            quiet("These statements have not been evaluated by the Food and Drug Administration."
                  " This product is not intended to diagnose, treat, cure, or prevent any"
                  " disease."),
            quiet("This product is not intended to diagnose, treat, cure or prevent any disease."),
            quiet("Not intended to diagnose, treat, cure, or prevent any disease; consult your"
                  " doctor before use."),
            quiet("Our fish oil is not intended to diagnose, treat, cure, or prevent any disease."),
            quiet("Reminder: this supplement is not intended to diagnose, treat, cure or prevent"
                  " any disease."),
            quiet("As always, these statements have not been evaluated by the FDA; this product"
                  " is not intended to diagnose, treat, cure, or prevent any disease."),
            quiet("Vitamin gummies: keep out of reach of children. Consult your physician before"
                  " use."),
            quiet("This cream is for external use only, and results may vary."),
            quiet("Fish oil softgels. These statements have not been evaluated by the FDA."),
            quiet("Individual results may vary. Results not typical."),
        ]),
    },
    "stage_direction": {
        "zh": ([
            "【口播】这款面霜全网最低价，只要59",
            "【场控】上链接\n家人们，这款精华是全网效果最好的",
            "（镜头外：倒计时）这款茶喝了就能降血压",
            "【备注】语速放慢\n这款面膜全网销量第一",
            "【运营】准备库存\n我跟大家说，这款洗面奶是史上最低价",
            "主播（笑）：这款眼霜就是全网最好用的",
            "【助播】对，全网最低价！",
            "【中控】弹幕置顶\n这款蜂蜜天天喝能治好咳嗽",
            "（举起产品）这款精华是国家级配方",
            "[口播] 这款护手霜是全网最低价",
        ], [
            "【备注】别说全网最低价，改说“价格很实在”",
            "【场控】弹幕问是不是史上最低价，统一回复以页面为准",
            "（镜头外：提醒主播不要说能治好湿疹）",
            "【导演】这段删掉“全网销量第一”的说法",
            "【注意】不要讲国家级配方",
            "【后台】有人在评论区刷全网最低价，删掉",
            "【说明】上一场说了根治脱发，已被平台警告",
            "（画外：助理提醒，不能说最好用）",
            "【中控】标题里的“史上最低价”改掉",
            "【运营】竞品说自己全网最低价，我们不跟",
        ]),
        "en": ([
            "[Script] This is the cheapest price on the internet, only today.",
            "[Note: slow down here]\nThis serum is the best serum in the world.",
            "(off camera: start the timer) This tea cures high blood pressure.",
            "[Producer] pin the link\nTrust me, it's the number one cream in America.",
            "Host (smiling): this is the best moisturizer on the market.",
            "[Crew] lights up\nThis cream cures eczema.",
            "(holds up the jar) The number one cream in America!",
            "[Note] check stock\nWe have the cheapest price on the internet.",
            "[Director: close-up] This supplement cures arthritis.",
            "[Script] Our gummies cure anxiety.",
        ], [
            "[Note] Don't say it cures eczema.",
            "[Note: the cheapest price on the internet line is banned, skip it]",
            '(off camera: the FDA warned us about "cures diabetes")',
            '[Producer] remove "number one cream in America" from the title',
            "[Internal] last stream someone said the tea cures arthritis, do not repeat",
            "[Crew] the best serum in the world claim is out",
            "[Backstage] competitor says they have the cheapest price on the internet",
            "[Director] cut the part where she says it cures acne",
            "[Notes] the number one brand in America line needs proof",
            "[Note: she will say this supplement cures arthritis, cut it]",
        ]),
    },
    "review": {
        "zh": ([
            "买了的宝宝都说好，家人们，这款面霜是全网最好用的",
            "收到货的姐妹都回购了，直播间今天全网最低价",
            "物流很快，所以我们家这款精华是全网销量第一",
            "好多老顾客说性价比高，宝宝们赶紧下单，史上最低价",
            "酒店同款床品，直播间今天全网最低价",
            "买过的都说不错，这款茶喝了能降血压，快上车",
            "用了几天就满意了，这款眼霜全网效果最好，点链接",
            "五星好评无数，这款面膜销量第一，库存不多了",
            "卖家秀和买家秀一样，这款口红全网最低价，拍一发二",
            "回购了三次的宝宝都知道，这款洗发水能治好脱发",
        ], [
            "收到货了，物流很快，这是我用过最好用的面霜",
            "入住了三晚，前台很热情，早餐是我吃过最好的",
            "买了两盒，物流也快，这是我用过最好用的面膜",
            "快递两天就到，卖家人很好，这款茶是我喝过最好喝的",
            "掌柜态度很好，发货也快，全网最低价没错",
            "这次购物很满意，下次还会再来，这家店的面膜是最好用的",
            "住过这么多酒店，这家房间是最干净的",
            "物流给力，用了一段时间，这是我买过最好用的洗面奶",
            "给店家点赞，还会光顾，价格是我见过最便宜的",
            "到货了，总的来说不错，是我用过效果最好的眼霜",
        ]),
        "en": ([
            "People who bought it love it, so tap the link, it's the best serum in the world.",
            "It arrived fast for everyone, and guys, this is the cheapest price on the internet.",
            "Five stars from buyers, and today only it's the lowest price of the year, add to"
            " cart.",
            "I ordered one myself, and you guys, this is the number one cream in America.",
            "Customers say it runs small, but it's still the best jacket on the market, link in"
            " bio.",
            "Buyers would recommend it, use code GLOW, it's the best moisturizer on the market.",
            "Our customer service is great, and this tea cures diabetes, order now.",
            "My husband uses it too, guys, this cream cures eczema, shop now.",
            "True to size and the best dress in the world, get yours before it sells out.",
            "The seller ships fast, that's us, and this is the cheapest price on the internet,"
            " buy now.",
        ], [
            "I ordered two and they arrived in three days, the best serum in the world.",
            "I bought this for my daughter, true to size, the best jacket in the world.",
            "I received it yesterday and honestly it's the best moisturizer on the market.",
            "Runs small, but the best dress in the world for the price.",
            "I purchased two and the seller was lovely, best cream in the world.",
            "Would recommend, I bought three, the cheapest price on the internet for this"
            " quality.",
            "I returned the first one, the exchange was easy, number one cream in America for me.",
            "The seller shipped fast and I ordered again, the best serum in the world.",
            "I bought this twice, would recommend, the best pillow in the world.",
            "I received the wrong color but the seller fixed it, best customer experience in the"
            " world.",
        ]),
    },
}


def _text(case) -> str:  # type: ignore[no-untyped-def]
    return case.values[0] if hasattr(case, "values") else case


def _params(which: int) -> list:
    out = []
    for kind, langs in CASES.items():
        for lang, pair in langs.items():
            for n, case in enumerate(pair[which], 1):
                tag = f"{kind}-{lang}-{'claim' if which == 0 else 'not'}-{n:02d}"
                if hasattr(case, "values"):  # an xfail param
                    out.append(pytest.param(kind, case.values[0], marks=case.marks, id=tag))
                else:
                    out.append(pytest.param(kind, case, id=tag))
    return out


def test_every_kind_has_ten_each_way_in_both_languages() -> None:
    from rulecheck.context import KINDS

    assert set(CASES) == set(KINDS)
    for kind, langs in CASES.items():
        assert set(langs) == {"zh", "en"}, kind
        for lang, (claims, nots) in langs.items():
            assert len(claims) >= 10 and len(nots) >= 10, (kind, lang)


@pytest.mark.parametrize(("kind", "text"), _params(0))
def test_claim_is_flagged(judged, kind: str, text: str) -> None:
    found, _ = _check(judged, text)
    assert found, f"{kind}: a claim despite the cue, but nothing was flagged"


@pytest.mark.parametrize(("kind", "case"), _params(1))
def test_non_claim_is_not_flagged(judged, kind: str, case) -> None:  # type: ignore[no-untyped-def]
    text, allowed = (case, ()) if isinstance(case, str) else case
    found, dismissed = _check(judged, text)
    assert not found, [(f.rule, f.text) for f in found]
    if "quiet" in allowed:
        return
    assert dismissed, "no rule matched inside: the sentence does not exercise the context layer"
    assert kind in dismissed or set(allowed) & set(dismissed), dismissed
