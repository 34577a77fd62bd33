"""The compiled context cues: lexicon matchers built once with the rulebook.

Each cue is an ordinary compiled node over a `ctx_*` lexicon, so its words go into the
rulebook's pattern table and are found by the same scan, with the same evasion handling
and token alignment, as the rules' own words. A cue whose lexicon is absent (a user
rulebook without the bundled one) is None and that judgement is simply not made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rulecheck.dsl import nodes as n
from rulecheck.text.normalize import normalize

#: The hundred most common surnames (百家姓 by frequency), as a titled name starts.
_SURNAMES = ("王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁"
             "潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦"
             "邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

#: cue name -> the expression it is compiled from; lexicons named here live in
#: rules/lexicons/context/.
CUE_EXPRESSIONS: dict[str, str] = {
    "negators_extra": "@ctx_negators",
    "frame_negators": "@ctx_frame_negators",
    "clause_breaks": "@ctx_clause_breaks",
    "meta_pre": "@meta_talk or @ctx_meta_pre",
    # …、全网独家等无法证实的表述: a list closed by 等 and a noun of wording names its items
    "meta_post": "@ctx_meta_post or (@ctx_list_closers then 6 @ctx_word_nouns)",
    "speech_intros": "@ad_speech_intros",
    "say_verbs": "@ctx_say_verbs",
    # 被誉为“……”, hailed as "...": the quotation is the title the line gives the goods
    "honour_intros": "@ctx_honour_intros",
    "ban_say": "@ctx_bans then 3 @ctx_say_verbs",
    "report_verbs": "@ctx_report_verbs",
    # 以…为噱头, 打着…的旗号, …的承诺: the claim before them nominalised as an object
    "report_post": "@ctx_report_post",
    "claim_nouns": "@ctx_claim_nouns",
    "report_subjects": "@ctx_report_subjects",
    "norm_subjects": "@ctx_norm_subjects",
    "norm_modals": "@ctx_norm_modals",
    "reader_address": "@ctx_reader_address",
    # a platform's sanction (扣分, we may suspend your account): its 我们/您 are the platform's
    "platform_sanctions": "@ctx_platform_sanctions or /扣除?[0-9一二三四五六七八九十]{1,3}分/",
    "platform_we": "word(@ctx_platform_we)",
    "consumers": "@ctx_consumers",
    # a news line names the place and the audience between subject and verb (主播在直播间对粉丝说)
    "report_frames": "@ctx_report_subjects then 6 @ctx_plain_say",
    "own_voice": "@ctx_own_voice",
    "hearsay": "@ctx_hearsay",
    "debunk": "@ctx_debunk",
    "warning_frames": "@ctx_warning_frames",
    "conditional_frames": "@ctx_conditional_frames",
    # a titled name (王女士, 李先生, 张某) is how news and decisions name people
    "narration": f"@ctx_narration or /[{_SURNAMES}](?:女士|先生|某某|某)/",
    "audience": "@ctx_audience",
    "norm_pre": "@ctx_norm_pre",
    "norm_frames": "@ctx_norm_subjects then 2 @ctx_norm_modals",
    "norm_post": "@ctx_norm_post",
    "norm_conduct": "@ctx_norm_conduct",
    # a law's title or an article cited (《广告法》, 第九条): the register of rule text
    "norm_register": ("@ctx_norm_register"
                      " or /《[^》\\n]{1,30}(?:法|条例|规定|办法|细则|规则|准则|指南|解释)》/"
                      " or /第[一二三四五六七八九十百零〇0-9]+条/"),
    "compliance": "@ctx_compliance",
    "rights_address": "@ctx_rights_address",
    "questions": "@ctx_questions",
    "conditionals": "word(@ctx_conditionals)",
    "affirmations": "@ctx_affirmations",
    "rhetorical": "@ctx_rhetorical",
    "rhetorical_negation": "@ctx_rhetorical_negation",
    "past": "@ctx_past",
    "disown": "@ctx_disown",
    "required": "@ctx_required_wording or @ctx_health_food_warning",
    "review_strong": "word(@ctx_review_strong)",
    # a buyer's time of use (用了一周, 吃了三个月, 喝了两盒): how long she has had the goods
    # (装了两次, 洗了三遍, 住了两晚: installing, washing and staying are uses too)
    "review_cues": ("word(@ctx_review_cues) or /(?:用|吃|喝|穿|戴|涂|抹|擦|试|泡|装|洗|充|骑)了"
                    "[一两三四五六七八九十几半0-9]{1,3}个?"
                    "(?:天|周|星期|礼拜|月|年|次|遍|回|晚|瓶|盒|罐|支|包|袋)/"),
    "review_complaints": "@ctx_review_complaints",
    "review_verdicts": "@ctx_review_verdicts",
    "review_accusations": "@ctx_review_accusations",
    "rivals": "@ctx_rivals",
    "seller_cues": "@ctx_seller_cues",
    "seller_soft": "@ctx_seller_soft",
    "first_person": "word(@ctx_first_person)",
    "party_voice": "@ctx_party_voice",
    "stage_labels": "@ctx_stage_labels",
    "example_labels": "@ctx_example_labels",
    "example_fixes": "@ctx_example_fixes",
    "example_intros": "@ctx_example_intros",
}


#: Lexicons of product nouns are named ptype_<product type>; ptype_foils are not a type.
PTYPE_PREFIX = "ptype_"
PTYPE_FOILS = "ptype_foils"


@dataclass
class ContextModel:
    """Compiled cue nodes by name (see CUE_EXPRESSIONS) and the stage-label words."""

    cues: dict[str, n.Node]
    stage_labels: tuple[str, ...] = ()
    #: words a negation reaches across (see judge._reaches), normalized
    transparent: frozenset[str] = frozenset()
    #: aspect particles that close a negated predicate (不念了), normalized
    closers: frozenset[str] = frozenset()
    #: verbs whose object a negation still denies (不卖假货), normalized
    object_verbs: frozenset[str] = frozenset()
    #: product type -> its nouns (ptype_<type> lexicons); words that foil a noun (比感冒药)
    product_nouns: dict[str, n.Node] = field(default_factory=dict)
    product_foils: n.Node | None = None

    def cue(self, name: str) -> n.Node | None:
        return self.cues.get(name)


def compile_context(compile_expr: Callable[[str], n.Node],
                    lexicons: dict[str, tuple[str, ...]]) -> ContextModel:
    """Compile every cue whose lexicons exist; `compile_expr` is the rulebook's compiler."""
    cues: dict[str, n.Node] = {}
    for name, expr in CUE_EXPRESSIONS.items():
        needed = re.findall(r"@(\w+)", expr)
        present = [x for x in needed if x in lexicons]
        if not present:
            continue
        if len(present) < len(needed):
            if " or " not in expr:
                continue
            expr = " or ".join("@" + x for x in present)  # only plain unions get here
        cues[name] = compile_expr(expr)
    # the shared negators node knows the words in which a negator character negates nothing
    if "negators" in lexicons:
        negated = compile_expr("negated()")
        assert isinstance(negated, n.Context)
        extra = cues.pop("negators_extra", None)
        node = negated.inner if extra is None else n.Or(negated.inner, extra)
        if "en_affirming_idioms" in lexicons:  # no joke, not gonna lie: they deny nothing
            idioms = compile_expr("@en_affirming_idioms")
            node = n.And(node, n.Not(n.Overlapping(idioms)))
        cues["negators"] = node
    def words(name: str) -> frozenset[str]:
        return frozenset(normalize(w).text.strip() for w in lexicons.get(name, ()))

    nouns = {name[len(PTYPE_PREFIX):]: compile_expr(f"word(@{name})") for name in sorted(lexicons)
             if name.startswith(PTYPE_PREFIX) and name != PTYPE_FOILS}
    foils = compile_expr(f"@{PTYPE_FOILS}") if PTYPE_FOILS in lexicons else None
    return ContextModel(cues, tuple(lexicons.get("ctx_stage_labels", ())),
                        words("ctx_transparent"), words("ctx_closers"), words("ctx_object_verbs"),
                        nouns, foils)
