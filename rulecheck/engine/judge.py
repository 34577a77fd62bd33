"""The context judge: for each hit, at check time, whether its words are a claim at all.

Built once per document, only when a rule hits; every judgement looks at the hit's
sentence (and, for answers and rebuttals, the next one) through the same units,
caches and cue hits as the rules, so a document with no hit pays nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rulecheck.context.clauses import Clauses
from rulecheck.context.model import ContextModel
from rulecheck.context.quotes import enclosing_quote
from rulecheck.dsl.nodes import Hit, Node
from rulecheck.engine.unit import UnitView, block_span, joined
from rulecheck.lazyre import LazyPattern

#: Tokens between a plain negator and the words it denies (不是最好, 不会再刷单); which
#: words may stand between is decided by ContextJudge._reaches.
NEGATION_REACH = 5
#: Tokens between a term and the words that show it is talked about (最好这个词).
META_REACH = 3
#: What stands right before an item of a list (、, a coordinator, a comma with or without one).
_LIST_SEPARATOR = LazyPattern(
    r"(?:[,，]\s*(?:(?:or|and|nor)\s+)?|、|\s(?:or|and|nor)\s+|或者|以及|或|和|及)$", re.IGNORECASE)
#: A coordinator that closes a list begun with bare commas (…, counterfeit items, or copies).
_LIST_CLOSER = LazyPattern(r"[,，、]?\s(?:or|and|nor)\s|[,，、]?(?:或者|以及)|[,，]\s*(?:或|和|及)",
                          re.IGNORECASE)
#: Words that open a definite noun phrase or a clause, never a bare item of a negated list.
_DETERMINERS = frozenset({"the", "this", "that", "these", "our", "my", "it", "it's", "its",
                          "we", "we're", "this's"})
#: A denial of existence right after the hit that ends its clause (好评返现都没有！, 假一赔十
#:也没有。): the thing named is said not to be there. Not a comparison (全网最低价都没有我们低:
#: the claim stands; 独家配方别家都没有: others lack it). Read from the end of the hit's last word
#: (好评返|现都没有).
_DENIED_AFTER = LazyPattern(
    r"\s*(?:都|也|根本|从来|压根|全都)?(?:没有|没|不给|没给|不送|没送)了?\s*(?:[!！。.,，;；~…]|$)")
#: Characters an item of a list may run on after the hit (…, or copies to be listed on eBay).
_LIST_ITEM_TAIL = 40
#: How many words of the item before a separator are tried for the negation that heads it.
_LIST_ITEM_WORDS = 4
#: How many items back a list is followed to its negated head.
_LIST_DEPTH = 4
#: A quotation this short (characters) names a word; a longer one reports an utterance.
SHORT_QUOTE = 12
#: The same in English, in words: a sign, label or slogan ('No refunds on sale items') is
#: named as a phrase; a longer quotation is a sentence someone said.
SHORT_QUOTE_WORDS = 6
#: Punctuation that ends the clause a rule word names (a colon opening a list does not).
_CLAUSE_END = LazyPattern(r"[,，;；]")
_QUESTION_END = LazyPattern(r"(?:吗|\?)\W*$")
#: Markers of an indirect question before the hit (问其是否能降血糖, asked whether it cures).
_INDIRECT = frozenset({"是否", "能否", "可否", "whether", "问我能不能", "问能不能", "问是不是",
                       "问我是不是", "asking if", "asked if", "ask if", "asks if",
                       "wondering if", "wonder if", "asking whether", "asked whether"})
_ANSWER_HEAD = 8
_REVIEW_REACH = 300
#: Evidence of a buyer's review: a strong review word counts two, a weak one one.
_REVIEW_EVIDENCE = 2
#: Characters between a negator and a buyer's verdict that it still denies (不会过敏, won't fall).
_VERDICT_NEGATION_GAP = 2
#: A remedy right after a verdict: the condition of a guarantee or of an exclusion (烂脸包退,
#: 过敏后果自负), a trader's terms.
_REMEDY_AFTER = LazyPattern(r"\s*(?:包退|包换|包赔|退款|全额退|赔|后果|自负|由.{0,6}承担|负责)")
#: A modal right before a verdict: a forecast about goods in general, not what happened.
_GENERIC_BEFORE = LazyPattern(r"(?:会|容易|可能|\b(?:will|would|can|could|may|might))\s*$",
                             re.IGNORECASE)
#: A demonstrative right before a hit presupposes it (没有这个全网最低价了 still says it is one).
_DEMONSTRATIVES = frozenset({"这个", "这种", "这款", "这样的", "这么", "this", "these"})
#: A question particle ending a question inside unpunctuated talk (not 吗啡).
_BARE_MA = LazyPattern(r"吗(?!啡)")
_OPENING_QUOTES = frozenset('“「『‘"\'')
#: determiners that make a relative clause pick out a class of goods (那些被誉为“…”的产品)
_CLASS_REFS = ("那些", "这些", "某些", "一些", "所谓", "各种", "很多", "不少", "有些")
#: What may stand between an example label and the colon that closes it (禁用词汇总：, banned
#: words include:): a word of listing, nothing that makes the label part of a sentence.
_LABEL_COLON = LazyPattern(
    r"(?:\s*(?:汇总|大全|清单|列表|一览|如下|包括|举例|有|include|includes|are|such as|list))?"
    r"\s*[:：]", re.IGNORECASE)
#: A sentence whose subject is the act of claiming (Saying your supplement treats arthritis makes
#: it a drug; Calling a cream the best in the world needs evidence): the claim is its topic.
_GERUND_SUBJECT = LazyPattern(
    r"\s*[\"'“‘(]*(?:saying|claiming|calling|describing|advertising|promising|labell?ing|"
    r"misrepresenting|misstating|overstating|exaggerating|"
    r"stating|implying|suggesting|representing|marketing|telling\s+(?:customers|consumers|"
    r"buyers|shoppers|people|patients))\b(?!\s+(?:all|goodbye|hello|yes|no)\b)", re.IGNORECASE)
#: The predicate that makes such a gerund phrase a subject (… is unlawful, … turns it into a drug);
#: without one, a gerund opens a caption (Promising results for anxiety!), not a sentence about one.
_GERUND_PREDICATE = LazyPattern(
    r"\b(?:is|are|was|were|can|cannot|could|may|might|will|would|must|needs?|requires?|turns?|makes?|"
    r"breach(?:es)?|violates?|counts?|amounts?|risks?|misleads?|breaks?)\b", re.IGNORECASE)
#: A concession after an admission (…但是做工好, …but a really good one).
_CONCESSION = LazyPattern(r"但是|但|不过|可是|\b(?:but|though|although)\b", re.IGNORECASE)
#: The speaker's own first person in English, which makes a gerund's claim her own.
_FIRST_PERSON_EN = LazyPattern(r"\b(?:we|our|ours|us|i|my|me)\b", re.IGNORECASE)
#: A Chinese label may also be closed by a dash or a space (禁用词 最好 第一, 禁用语——药妆), or
#: run straight into a verb of listing (常见的违规话术有…, 极限词包括…, 违禁词如…): a heading over
#: a bare list; the words after it are named only on a line nobody voices.
_LABEL_GAP = LazyPattern(r"(?:汇总|大全|清单|列表|一览|如下|包括|有)?(?:——?|--|[ \t\u3000]+|[（(])"
                        r"|(?:有(?!可能|没有|些|的|点|人)|包括|包含|比如|例如|诸如|像|如(?![果何此今同若]))")
_HAN = LazyPattern(r"[\u4e00-\u9fff]")
#: Words after a comma that go on to list examples of what the clause before it names
#: (严禁使用极限词，如…; 禁止下列行为，包括…; must not make claims, such as …).
_EXEMPLIFIER = LazyPattern(
    r"\s*(?:例如|比如|譬如|诸如|包括|如(?![果何此今同若])|such as|including|for example|e\.g\.)",
    re.IGNORECASE)
#: A clause number opening a line: 第九条, （三）, 四、, 2. or 2、 (not a price such as 2.5).
_CLAUSE_NUMBER = LazyPattern(
    r"[ \t\u3000]*(?:第[一二三四五六七八九十百零〇0-9]+条|[（(][一二三四五六七八九十0-9]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}(?:、|[.．](?![0-9])))")
_NUMERALS = frozenset("0123456789一二三四五六七八九十")
#: A clause of a law's list ends on 的 (…虚构原价的；): a condition, not a statement.
_CLAUSE_DE = LazyPattern(r"的[；;。.]?\s*$")
#: Characters after a closing quotation mark in which its speaker may be named (“…”主播喊道).
_ATTRIBUTION_REACH = 30
#: What ends the clause that names a quotation's speaker.
_ATTRIBUTION_END = LazyPattern(r"[,，。;；!！?？\n]|\.(?:\s|$)")
#: Cues of words said to an audience, in the first person, as a pitch or as a trader's own
#: terms: whatever stands with them is someone's own talk or text, not an account of others.
_VOICES = ("audience", "own_voice", "seller_cues", "first_person", "party_voice")
#: What a speaker declines to say after 不能说/can't say when she withholds a name (不能说名字,
#: 不方便说是哪个牌子, can't say the brand): the words before stand in for it, they are not named.
_WITHHELD_NAME = LazyPattern(
    r"\s*(?:具体|它的|他的|她的|真实)?(?:的)?(?:名字|名称|牌子|品牌|是哪|哪家|哪个)|"
    r"\s+(?:the|which|its|their)\s+(?:brand|name|label|maker)", re.IGNORECASE)
#: What opens a trader's own supposition of an inquiry, right before a narration cue (如经查实,
#: 一经查获, 若查明): the cue is then the term's condition.
_SUPPOSED_INQUIRY = LazyPattern(r"(?:如|若|倘|凡|假如|如果|一旦|一经|一但|如若)经?$")
#: Cues that name others than the speaker and her buyers: traders, platforms, the consumer.
_THIRD_PARTIES = ("report_subjects", "norm_subjects", "consumers")
#: Cues of a line that reports or warns about others' claims.
_REPORTING = ("report_subjects", "consumers", "norm_register", "narration", "warning_frames")
#: Tokens between a claim and what nominalises it as a report's object (…今天只要99为噱头).
_NOMINAL_REACH = 4
#: Characters an item of a 、-list may have when a word at the list's end names all its items.
_LIST_ITEM_CHARS = 12
#: Characters of the head noun after the 的 that closes a relative clause (…的产品，不得…).
_HEAD_NOUN_CHARS = 4
#: A law names goods and persons in pairs (商品或者服务广告, 生产者和销售者): a head joined by
#: one of these may run to _COORDINATED_HEAD_CHARS.
_COORDINATORS = ("或者", "以及", "及", "和", "与", "或")
_COORDINATED_HEAD_CHARS = 10
#: What may stand between such a clause and the rule's modal: punctuation and adverbs of scope.
_RELATIVE_SKIP = frozenset(",，、 \t也则亦")
#: A rule's prohibition or obligation opening the clause after a relative clause (…的产品，不得
#: 标注…; 使用统计资料的，应当注明出处).
_PROHIBITIONS = ("不得", "禁止", "严禁", "不准", "不允许", "不应", "一律不得", "均不得", "都不得",
                 "应当", "均应当", "都应当")
#: Characters of a line that is one bare item of a list set out a line at a time (全网最低价；).
_ITEM_LINE_CHARS = 24
#: How many such item lines are followed back to the label that heads them.
_ITEM_LINES = 12
#: What may end an item line, or a label line over the items (极限词汇总：, 禁用词；).
_ITEM_END = "；;、,，:："
#: What may follow a label at the end of the line that heads items set out below it.
_LABEL_END = LazyPattern(r"\s*(?:汇总|大全|清单|列表|一览|如下|包括|有|include|includes|are|"
                         r"such as|list)?\s*[:：;；]?\s*$", re.IGNORECASE)
#: What may stand before a label that heads a line: a number, a bullet, spaces.
_HEADING_MARKS = " \t\u3000-*•·#.、0123456789一二三四五六七八九十（）()"
#: A sentence's end inside a line: an item line holds none.
_SENTENCE_STOPS = frozenset("。!！?？")
#: What ends a run of list items.
_RUN_STOPS = frozenset(",，。;；:：!！?？\n")
#: Words that may stand before a quotation inside one hit (the 'Lowest prices…' poster).
_ARTICLES = frozenset({"", "the", "a", "an", "this", "that", "这个", "那个", "这句", "那句"})


class ContextJudge:
    """Why a hit is not a claim (a kind from context.KINDS), or None when it is one."""

    def __init__(self, model: ContextModel, state, sentences: list[tuple[int, int]],
                 find_sentence: Callable[[int], int | None]):
        self.model = model
        self.state = state
        self.text: str = state.text
        self.sentences = sentences
        self.find_sentence = find_sentence
        self._units: dict[tuple[int, int, str], UnitView] = {}
        self._clauses: dict[int, Clauses] = {}
        self._cue_hits: dict[tuple[str, int, int], list[Hit]] = {}
        self._notes = state.notes

    # -- public ---------------------------------------------------------------
    def why_not(self, hit: Hit, lang: str, off: frozenset[str] = frozenset(),
                own: Callable[[UnitView, int], bool] | None = None) -> str | None:
        i = self.find_sentence(hit[0])
        if i is None:
            return None
        checks = (
            ("stage_direction", self._stage_direction),
            ("required_wording", self._required_wording),
            ("mention", self._mention),
            ("mention", lambda h, j, lg: self._exhibited(h, lg)),
            ("reported", self._reported),
            ("reported", lambda h, j, lg: self._attributed(h, lg)),
            ("reported", self._nominalised),
            ("rule_text", self._rule_text),
            ("reported", lambda h, j, lg: self._narrated(h, lg)),  # after the rule-text cues
            ("negation", lambda h, j, lg: self._negation(h, j, lg, own)),
            ("question", self._question),
            ("past", self._past),
            ("review", self._review),
        )
        for kind, check in checks:
            if kind not in off and check(hit, i, lang):
                return kind
        return None

    # -- helpers --------------------------------------------------------------
    def _unit(self, start: int, end: int, lang: str) -> UnitView:
        key = (start, end, lang)
        u = self._units.get(key)
        if u is None:
            u = self._units[key] = UnitView(self.state, start, end, lang)
        return u

    def _sentence_unit(self, i: int, lang: str) -> UnitView:
        s, e = self.sentences[i]
        return self._unit(s, e, lang)

    def _hits(self, name: str, u: UnitView) -> list[Hit]:
        # a judged hit asks about 20-40 cues of a few units: their hits are kept here by
        # cue and span (as UnitView.index keeps them by node and span) to be read at once
        key = (name, u.start, u.end)
        got = self._cue_hits.get(key)
        if got is None:
            node: Node | None = self.model.cue(name)
            got = self._cue_hits[key] = [] if node is None else u.index(node).hits
        return got

    def _clause(self, i: int, pos: int, lang: str) -> tuple[int, int]:
        got = self._clauses.get(i)
        if got is None:
            s, e = self.sentences[i]
            breaks = self._hits("clause_breaks", self._sentence_unit(i, lang))
            got = self._clauses[i] = Clauses(self.text, s, e, breaks)
        return got.span(pos)

    def _own_hits(self, name: str, u: UnitView, hit: Hit) -> list[Hit]:
        """Cue hits of the hit's own speaker: not inside a quotation on the line that does not
        hold the hit (“Product X is best for you” names someone else's words; its "you"
        addresses nobody here) and, for words said to a reader, not inside a guide's address
        to her (your rights, your ads: see @ctx_rights_address)."""
        found = self._hits(name, u)
        if not found:
            return found
        text = self.text
        ls, le = self._line(hit)
        rights = self._hits("rights_address", u)
        out = []
        for c in found:
            if c[0] < hit[1] and hit[0] < c[1]:
                continue  # the judged words themselves (好评返现 holds 好评返) voice nobody
            if any(r[0] <= c[0] and c[1] <= r[1] for r in rights):
                continue
            q = enclosing_quote(text, ls, le, c) if ls <= c[0] and c[1] <= le else None
            if q is not None and not (q[0] < hit[0] and hit[1] <= q[1] + 1):
                continue
            out.append(c)
        return out

    def _before_in(self, name: str, u: UnitView, lo: int, hit: Hit,
                   reach: int | None = None) -> list[Hit]:
        """Cue hits that end at or before the hit and start at or after `lo`."""
        out = [c for c in self._hits(name, u) if c[0] >= lo and c[1] <= hit[0]]
        if reach is not None:
            out = [c for c in out if u.within(c, hit, reach)]
        return out

    def _line(self, span: Hit) -> tuple[int, int]:
        """The start and end of the line (or lines) a span stands on."""
        text = self.text
        le = text.find("\n", span[1])
        return text.rfind("\n", 0, span[0]) + 1, len(text) if le < 0 else le

    def _introduced_by(self, name: str, u: UnitView, q_open: int) -> list[Hit]:
        """Cue hits that run up to a quotation's opening mark, with at most a colon or
        spaces between (说“…”, 被誉为“…”): the cue introduces the quotation."""
        return [c for c in self._hits(name, u)
                if c[1] <= q_open and not self.text[c[1]:q_open].strip(" :：\t")]

    # -- the judgements -------------------------------------------------------
    def _stage_direction(self, hit: Hit, i: int, lang: str) -> bool:
        return any(s <= hit[0] and hit[1] <= e for s, e in self._notes)

    def _required_wording(self, hit: Hit, i: int, lang: str) -> bool:
        node = self.model.cue("required")
        if node is None:
            return False
        found = self._sentence_unit(i, lang).index(node).overlapping(hit)
        return any(s <= hit[0] and hit[1] <= e for s, e in found)

    def _mention(self, hit: Hit, i: int, lang: str) -> bool:
        u = self._sentence_unit(i, lang)
        s, e = self.sentences[i]
        cs, _ = self._clause(i, hit[0], lang)
        intro = self._before_in("speech_intros", u, cs, hit, META_REACH)
        meta = self._before_in("meta_pre", u, cs, hit, META_REACH + 1)
        if meta and not (intro and max(x[1] for x in intro) > max(m[1] for m in meta)):
            return True
        if self._before_in("ban_say", u, cs, hit):
            return True
        for j in range(hit[0], hit[1]):
            if self.text[j] not in _OPENING_QUOTES:
                continue
            if self._framed(u, j):
                return True  # the hit runs from the frame into the quotation it introduces
            if self.text[hit[0]:j].strip().lower() in _ARTICLES and j + 1 < hit[1]:
                return self._mention((j + 1, hit[1]), i, lang)  # the 'Lowest prices…' sign
        quote = enclosing_quote(self.text, s, e, hit)
        tail = hit[1] if quote is None else quote[1] + 1
        # 不能说名字, we can't say the brand: what is not said is a name the hit stands in for
        if any(c[0] >= hit[1] and not any(ch in _RUN_STOPS for ch in self.text[c[0]:c[1]])
               and (u.within((hit[0], tail), c, META_REACH) or self._list_run(tail, c[0]))
               and not _WITHHELD_NAME.match(self.text, c[1])
               for c in self._hits("meta_post", u)):
            return True
        if quote is None:
            return False
        q_open, q_close, mark = quote
        if mark in "《〈":
            return True  # a title
        if self._framed(u, q_open):
            return True  # 广告法不让说“……”, we can't say "...": the whole quotation is named
        if _long_quote(self.text[q_open + 1:q_close], lang):
            return False  # a quoted utterance: judged as speech by the other checks
        said = self._introduced_by("say_verbs", u, q_open)
        if said and not (self.text.startswith("的", q_close + 1) and not self._voiced(hit, lang)):
            return False  # 说“假一赔十”的商家: the quotation marks out whom a line is about
        says = self._hits("say_verbs", u)
        titled = [c for c in self._introduced_by("honour_intros", u, q_open)
                  if not any(cs <= v[0] and v[1] <= c[0] for v in says)]
        # 被誉为“最佳夹克”: the title given to the goods is the line's own claim; but
        # 那些被誉为“第一”的产品 picks out a class of goods to talk about, and a title after a
        # verb of saying (不说自己被评为“最佳”) is left to the checks of what is said
        if titled and not (self.text.startswith("的", q_close + 1) and any(
                self.text[max(cs, c[0] - 4):c[0]].endswith(_CLASS_REFS) for c in titled)):
            return False
        # “全网最低价”，我说到做到; "Lowest price online," we guarantee it: a quotation that the
        # speaker owns in the clause after it is her own claim, unless that clause talks about
        # the words or denies them (“顶级”，我们不用)
        tail = self._after_quote(quote, lang)
        if tail is None or self._hits("meta_post", tail) or self._hits("negators", tail):
            return True
        return not any(self._own_hits(name, tail, hit) for name in _VOICES)

    def _exhibited(self, hit: Hit, lang: str) -> bool:
        """Words put on show after a label that a colon closes (错误示范：…, 违规话术：…,
        禁用词：A、B、C, banned words: …), on the same line and before any label for the
        lawful version (正确示范：…, 建议改为：…): training material, rule digests and case
        write-ups name them."""
        u = self._stretch(hit, lang)
        text = self.text
        line_start = text.rfind("\n", 0, hit[0]) + 1
        fixes = self._hits("example_fixes", u)
        for c in self._hits("example_labels", u):
            if c[0] < line_start or c[1] > hit[0]:
                continue
            m = _LABEL_COLON.match(text, c[1], hit[0])
            if m is None and _HAN.search(text, c[0], c[1]):
                m = _LABEL_GAP.match(text, c[1], hit[0])
                if m is not None and self._voiced(hit, lang):
                    continue
            if m is None:
                continue
            if not any(m.end() <= f[0] and f[1] <= hit[0] for f in fixes):
                return True
        return (self._example_after_rule(hit, lang, u, line_start)
                or self._listed_below_label(hit, lang))

    def _item_line(self, ls: int, le: int) -> bool:
        """Whether a line is one bare item of a list: short, no sentence end inside it."""
        item = self.text[ls:le].strip().rstrip(_ITEM_END)
        return 0 < len(item) <= _ITEM_LINE_CHARS and not any(ch in _SENTENCE_STOPS for ch in item)

    def _listed_below_label(self, hit: Hit, lang: str) -> bool:
        """Banned words set out one a line under a label (极限词汇总： over 全网最低价； and
        销量第一； on lines of their own): the hit's line is a bare item, so are the lines
        between it and the label, and the label's line ends on the label (a colon, a ；, or
        nothing after it); an item line that speaks to an audience or in a seller's own voice
        is said, not listed."""
        text = self.text
        ls, le = self._line(hit)
        if not self._item_line(ls, le) or self._voiced(hit, lang):
            return False
        for _ in range(_ITEM_LINES):
            if ls == 0:
                return False
            pe = ls - 1
            ps = text.rfind("\n", 0, pe) + 1
            if not text[ps:pe].strip():
                return False  # a blank line ends the list
            u = self._unit(ps, pe, lang)
            # the label line is a heading: the label alone, after a number or a bullet at most
            # (not 这个是违禁词 said before a claim on the next line of a transcript)
            if any(_LABEL_END.match(text, c[1], pe) and not text[ps:c[0]].strip(_HEADING_MARKS)
                   for c in self._hits("example_labels", u)):
                return True
            if not self._item_line(ps, pe):
                return False
            ls = ps
        return False

    def _example_after_rule(self, hit: Hit, lang: str, u: UnitView, line_start: int) -> bool:
        """An example a rule gives of what it forbids (商家不得虚构原价。例如：原价999…; sellers
        must not… For example: …): a word that introduces an example, closed by a colon, after a
        rule on the same line, or opening the line (Example: "…"); on a line no seller voices
        as her own, apart from the example itself when it opens the line."""
        text = self.text
        rules = [c for name in ("norm_pre", "norm_frames", "norm_register")
                 for c in self._hits(name, u) if c[0] >= line_start]
        for c in self._hits("example_intros", u):
            if c[0] < line_start or c[1] > hit[0]:
                continue
            m = _LABEL_COLON.match(text, c[1], hit[0])
            if m is None:
                continue
            if not text[line_start:c[0]].strip(" \t\u3000-*•·"):
                # the line opens with the label: a quoted example, or words nobody voices
                quoted = text[m.end():hit[0]].lstrip()[:1] in _OPENING_QUOTES
                if quoted or not self._voiced(hit, lang):
                    return True
                continue
            if any(r[1] <= c[0] for r in rules) and not self._pitched(hit, lang):
                return True
        return False

    def _attributed(self, hit: Hit, lang: str) -> bool:
        """A quotation whose speaker is named after it (“……”主播在直播间喊道; “…”涉事商家称;
        "…," the company said): reported speech, when the clause right after the closing mark
        names a third party saying it or a narrator, and nobody in it speaks in the first
        person or to an audience (“…”，我跟你们说 is the speaker's own claim)."""
        text = self.text
        ls, le = self._line(hit)
        quote = enclosing_quote(text, ls, le, hit)
        if quote is None or quote[2] in "《〈":
            return False
        u = self._after_quote(quote, lang)
        if u is None:
            return False
        if any(self._hits(name, u) for name in _VOICES):
            return False
        return any(self._hits(name, u) for name in
                   ("report_frames", "report_verbs", "narration", "meta_post"))

    def _after_quote(self, quote: tuple[int, int, str], lang: str) -> UnitView | None:
        """The clause right after a quotation's closing mark, on its line (None if empty)."""
        text = self.text
        le = text.find("\n", quote[1])
        le = len(text) if le < 0 else le
        start = quote[1] + 1
        while start < le and text[start] in " ,，。.!！?？:：-—":
            start += 1
        m = _ATTRIBUTION_END.search(text, start, min(le, start + _ATTRIBUTION_REACH))
        end = m.start() if m else min(le, start + _ATTRIBUTION_REACH)
        return self._unit(start, end, lang) if end > start else None

    def _framed(self, u: UnitView, q_open: int) -> bool:
        """Whether a ban or talk about words ends right before an opening quotation mark."""
        for name in ("meta_pre", "ban_say", "frame_negators"):
            for c in self._hits(name, u):
                if c[1] <= q_open and not self.text[c[1]:q_open].strip(" :：,，"):
                    return True
        return False

    def _reported(self, hit: Hit, i: int, lang: str) -> bool:
        """A report or warning reaches the hit only if the speaker has not taken the floor back
        in between (别的主播说…，我跟你们说，…; 主播跟大家保证; others claim…, but we…): after an
        own-voice cue the words are the speaker's own claim. Hearsay needs a rebuttal anyway."""
        u = self._sentence_unit(i, lang)
        s, e = self.sentences[i]
        voice = [v[0] for v in self._before_in("own_voice", u, s, hit)]
        # the speaker also takes the floor back speaking as the seller in a clause of her own
        # (新闻里曝光了很多假货，我们家…), not where the report is about her shop (有人说我们家
        # 的精华…) or quotes an anchor (主播喊话：“宝宝们，…”)
        sells = [v[0] for v in self._before_in("seller_cues", u, s, hit) if not self._in_quote(v)]
        denied = self._hits("negators", u)
        quote = enclosing_quote(self.text, s, e, hit)
        for name in ("report_verbs", "report_frames", "warning_frames"):
            for c in self._before_in(name, u, s, hit):
                # words in the quotation the report introduces are the quoted anchor's, not
                # the reporter's taking the floor (该主播说：“我跟你们说，…”)
                quoted = quote is not None and c[1] <= quote[0]
                if any(c[0] < v and not (quoted and quote[0] < v < quote[1]) for v in voice):
                    continue
                if any(c[1] <= v and _CLAUSE_END.search(self.text, c[1], v) for v in sells):
                    continue
                if lang == "en" and quote is None and _FIRST_PERSON_EN.search(
                        self.text, c[1], hit[0]):
                    continue  # regulators said…, and our serum is…: her own claim after the report
                if name == "report_verbs" and any(n[1] <= c[0] and u.within(n, c, 2)
                                                  for n in denied):
                    continue  # 我们不搞虚假宣传: a practice denied, not a claim reported
                return True
        supposed = self._before_in("conditional_frames", u, s, hit)
        if any(self._same_clause(c, hit, u) for c in supposed):
            return True  # 若商家声称…, if a retailer says…: supposed, in its own clause only
        heard = [c for c in self._before_in("hearsay", u, s, hit)
                 if not any(c[0] < v for v in voice)  # 有人说…，我告诉你们，…: her own claim
                 and not any(c[1] <= v and _CLAUSE_END.search(self.text, c[1], v) for v in sells)]
        if not heard:
            return False
        after_heard = min(h[1] for h in heard)
        if any(d[0] >= after_heard for d in self._hits("debunk", u)):
            return True
        if i + 1 < len(self.sentences):
            nxt = self._sentence_unit(i + 1, lang)
            return bool(self._hits("debunk", nxt))
        return False

    def _narrated(self, hit: Hit, lang: str) -> bool:
        """A third party's account of what a seller did (a news report, a penalty decision, a
        buyer's complaint): a narrator's word on the line, before or after the hit, and
        nothing on it said to an audience or in a seller's own voice. Checked on the hit's
        stretch of line (see _stretch), so a long transcript is not read as one account."""
        u = self._stretch(hit, lang)
        text = self.text
        # 如经查实/一经查获/若查明…: an inquiry a trader's own term supposes (如经查获，即取消
        # 会员资格) is the term's condition, not an investigator's account of what was found
        if not any(not (_SUPPOSED_INQUIRY.search(text, max(0, c[0] - 3), c[0])
                        or (text.startswith("经", c[0]) and text.endswith("一", 0, c[0])))
                   for c in self._hits("narration", u)):
            return False
        return not (self._hits("audience", u) or self._hits("own_voice", u))

    def _stretch(self, hit: Hit, lang: str) -> UnitView:
        """The hit's line, or on a long line a stretch around the hit on fixed block bounds,
        so that the hits of one stretch share one unit and its cue hits."""
        text = self.text
        block = _REVIEW_REACH
        ls = max(text.rfind("\n", 0, hit[0]) + 1, (hit[0] // block - 1) * block)
        le = text.find("\n", hit[1])
        le = min(len(text) if le < 0 else le, (hit[1] // block + 2) * block)
        return self._unit(ls, le, lang)

    def _rule_text(self, hit: Hit, i: int, lang: str) -> bool:
        u = self._sentence_unit(i, lang)
        s, e = self.sentences[i]
        if any(self._same_clause(c, hit, u) and not self._floor_taken(c, hit, u)
               for c in self._before_in("norm_pre", u, s, hit)):
            return True
        if any(not self._floor_taken(c, hit, u) for c in self._before_in("norm_frames", u, s, hit)):
            return True
        for c in self._hits("norm_post", u):
            if c[0] < hit[1] or not u.within(hit, c, 4):
                continue
            # across a comma an assessment names the practice only in a line nobody voices
            # as a seller (虚构原价，属于价格欺诈), not in talk (全网最低，违法的事我们不做)
            if not _CLAUSE_END.search(self.text, hit[1], c[0]) or not self._voiced(hit, lang):
                return True
        if lang == "en":
            g = _GERUND_SUBJECT.match(self.text, s, hit[0])
            if g is not None and self._same_clause((g.start(), g.end()), hit, u) \
                    and not self._floor_taken((g.start(), g.end()), hit, u) \
                    and not _FIRST_PERSON_EN.search(self.text, g.start(), hit[1]) \
                    and _GERUND_PREDICATE.search(self.text, hit[1], self.sentences[i][1]):
                return True  # not Claiming our tea cures diabetes…: the speaker's own claim
        return (self._numbered_clause(hit, i, lang) or self._norm_register(hit, lang)
                or (lang == "zh" and self._defined_conduct(hit, i, lang)))

    def _numbered_clause(self, hit: Hit, i: int, lang: str) -> bool:
        """An item of a law's or a rule's list of banned conduct ((三)宣传普通食品具有治疗功能的；
        四、在直播中宣称…): a line opened by a clause number whose clause ends on 的, or names the
        conduct with a verb of a rule (宣称, 虚构, 诱导) before the hit, and that nobody voices. A
        seller's numbered selling points (1、纯天然 2、全网最低价) name no conduct."""
        text = self.text
        ls = text.rfind("\n", 0, hit[0]) + 1
        if not _CLAUSE_NUMBER.match(text, ls, hit[0]) or self._voiced(hit, lang):
            return False
        le = text.find("\n", hit[1])
        le = len(text) if le < 0 else le
        _, ce = self._clause(i, hit[0], lang)
        if _CLAUSE_DE.search(text, hit[1], min(le, ce + 1)) or _CLAUSE_DE.search(text, hit[1], le):
            return True
        u = self._sentence_unit(i, lang)
        s, _ = self.sentences[i]
        return any(self._same_clause(c, hit, u)
                   for c in self._before_in("norm_conduct", u, max(s, ls), hit))

    def _floor_taken(self, cue: Hit, hit: Hit, u: UnitView) -> bool:
        """Whether the speaker takes the floor between a rule she quotes and the hit (平台规定不能
        说最低价，但我们家就是全网最低价; the rules say we can't, but ours is the best): words to an
        audience or in her own voice after the rule make what follows her own claim."""
        return any(cue[1] <= v[0] < hit[0] for name in ("own_voice", "seller_cues")
                   for v in self._hits(name, u))

    def _voiced(self, hit: Hit, lang: str) -> bool:
        """Whether the hit's stretch of line holds words said to an audience, in the first
        person, as a pitch or as a trader's own terms (您同意, 本协议): then it is someone's own
        talk or text, not a text about others."""
        u = self._stretch(hit, lang)
        return bool(self._voice_cues(u, hit))

    def _voice_cues(self, u: UnitView, hit: Hit) -> list[Hit]:
        """The cues of a speaker's own voice on a stretch (see _VOICES), leaving out, on a line
        that names a platform's sanction (扣分, we may suspend your account), the platform's first
        person and its address to the merchant (我们发现您的店铺…: a notice, not a pitch)."""
        cues = [c for name in _VOICES for c in self._own_hits(name, u, hit)]
        if cues and self._hits("platform_sanctions", u):
            plain = set(self._hits("platform_we", u)) | set(self._hits("reader_address", u))
            cues = [c for c in cues if c not in plain]
        return cues

    def _norm_register(self, hit: Hit, lang: str) -> bool:
        """A line in the register of a law, a regulator's guidance or a consumer warning
        (违反《广告法》, 误导消费者, 消费提示, unlawful, the ACCC) with nothing on it said to an
        audience, in the first person or as a pitch: it names the practices it describes,
        wherever on the line the register word stands. Checked on the hit's stretch of line,
        as _narrated is."""
        u = self._stretch(hit, lang)
        # a seller invokes the law to vouch for her goods (符合《广告法》, 依法备案: the register
        # word inside the invocation or next to it, in either order); the invocation reaches a
        # register word only within its clause (…认证标志，可处罚款 does not)
        text = self.text
        invoked = self._hits("compliance", u)

        def vouched(c: Hit) -> bool:
            for k in invoked:
                if k[0] <= c[0] and c[1] <= k[1]:
                    return True
                a, b = (k, c) if k[1] <= c[0] else (c, k)
                if a[1] <= b[0] and u.within(a, b, 2) and not _CLAUSE_END.search(text, a[1], b[0]):
                    return True
            return False

        register = [c for c in self._hits("norm_register", u) if not vouched(c)]
        register += self._hits("platform_sanctions", u)  # a platform's notice of a sanction
        return bool(register) and not self._pitched(hit, lang)

    def _pitched(self, hit: Hit, lang: str, named: tuple[str, ...] = _THIRD_PARTIES) -> bool:
        """Like _voiced, but a bare 你/您/大家/you alone (@ctx_reader_address) does not voice a
        line that names a third party or the consumer (or another of the cues `named`): a
        consumer warning or a guide addresses its reader so (您在直播间看到“全网最低价”的宣传
        要多比价; if a seller tells you…), and a seller her buyers only together with her own
        voice, her first person or a call to buy."""
        u = self._stretch(hit, lang)
        cues = self._voice_cues(u, hit)
        if not cues:
            return False
        reader = set(self._hits("reader_address", u))
        if any(c not in reader for c in cues):
            return True
        return not any(self._hits(name, u) for name in named)

    def _list_run(self, start: int, end: int) -> bool:
        """Whether only further items of a 、-list stand between `start` and `end` (最佳、第一、
        唯一等用语): a word about the list's end names every item of it."""
        between = self.text[start:end]
        if not between.startswith(("、", "”、", "」、", "\"、")) or any(
                ch in _RUN_STOPS for ch in between):
            return False
        return all(len(item.strip("“”「」\"' ")) <= _LIST_ITEM_CHARS
                   for item in between.split("、")[1:])

    def _in_quote(self, c: Hit) -> bool:
        """Whether a cue stands inside a quotation on its line."""
        ls, le = self._line(c)
        return enclosing_quote(self.text, ls, le, c) is not None

    def _nominalised(self, hit: Hit, i: int, lang: str) -> bool:
        """A claim nominalised as the object of a report or a warning by what follows it in its
        clause (主播以“原价999今天只要99”为噱头; 打着全网最低价的旗号; 看到假一赔十的承诺), on a
        line no seller voices: the claim is talked about, not made."""
        u = self._sentence_unit(i, lang)
        s, e = self.sentences[i]
        quote = enclosing_quote(self.text, s, e, hit)
        # a quoted claim is nominalised as a whole (以“原价1999元、今天只要199元”为诱饵)
        claim = hit if quote is None else (hit[0], max(hit[1], quote[1] + 1))
        _, ce = self._clause(i, claim[1] - 1, lang)

        def after(name: str) -> bool:
            return any(claim[1] <= c[0] < ce and u.within(claim, c, _NOMINAL_REACH)
                       for c in self._hits(name, u))

        if not after("report_post"):
            # a neutral noun (…的承诺) only on a line that reports or warns
            line = self._stretch(hit, lang)
            if not (after("claim_nouns") and any(self._hits(name, line) for name in _REPORTING)):
                return False
        return not self._pitched(hit, lang, _REPORTING)

    def _defined_conduct(self, hit: Hit, i: int, lang: str) -> bool:
        """A rule on conduct or goods named in a relative clause (凡是标注纯天然、零添加的食品，都
        应当…; 未获得有机认证的产品，不得标注…): the hit's clause closes on 的 (and a short head
        noun), and either a verb of a rule's conduct stands before the hit in that clause and a
        modal of obligation or prohibition later in the sentence, or the next clause opens with
        a rule's prohibition or obligation (不得, 应当, 禁止); on a line no seller voices."""
        text = self.text
        u = self._sentence_unit(i, lang)
        cs, ce = self._clause(i, hit[0], lang)
        de = text.rfind("的", hit[1], ce)
        if de < 0:
            return False
        if self._before_in("norm_conduct", u, cs, hit):
            ruled = any(c[0] >= hit[1] for name in ("norm_modals", "norm_pre")
                        for c in self._hits(name, u))
        else:
            ruled = False
            if _head_noun(text[de + 1:ce]):
                nxt = ce
                while nxt < len(text) and text[nxt] in _RELATIVE_SKIP:
                    nxt += 1
                ruled = text.startswith(_PROHIBITIONS, nxt) and not text.startswith("不得不", nxt)
        return ruled and not self._pitched(hit, lang)

    def _same_clause(self, cue: Hit, hit: Hit, u: UnitView) -> bool:
        """A rule word names only what its own clause goes on to say (商家不得虚构原价, 严禁以下
        行为：刷单…), not a claim after a comma or a new clause (我们依法经营，这是全网最低价):
        a colon that opens a list does not end its reach."""
        text = self.text
        for m in _CLAUSE_END.finditer(text, cue[1], hit[0]):
            if not _EXEMPLIFIER.match(text, m.end(), hit[0]):
                return False  # a comma going on to examples (不得使用极限词，如…) does not
        return not any(cue[1] <= b[0] < hit[0] for b in self._hits("clause_breaks", u))

    def _negation(self, hit: Hit, i: int, lang: str,
                  own: Callable[[UnitView, int], bool] | None, depth: int = 0) -> bool:
        u = self._sentence_unit(i, lang)
        cs, _ = self._clause(i, hit[0], lang)
        if self._negative_rhetorical(hit, i, u):
            return False
        if self._before_in("frame_negators", u, cs, hit):
            return True
        asked = self._hits("questions", u)
        supposed = [k for k in self._hits("conditionals", u) if k[0] >= cs]
        near = [c for c in self._before_in("negators", u, cs, hit, NEGATION_REACH)
                if not any(q[0] <= c[0] and c[1] <= q[1] for q in asked)
                and not any(k[1] <= c[0] for k in supposed)]  # 如果不是最低价，退款: supposes
        if any(self._reaches(c, hit, lang) for c in near):
            return True
        if lang == "zh" and _DENIED_AFTER.match(self.text, self._word_end(hit, lang)):
            return True  # 好评返现都没有！: what the clause names is said not to exist
        if depth < _LIST_DEPTH and self._listed(hit, i, lang, own, depth):
            return True
        if own is None:
            return False
        # a negator between the parts of a hit, denying the part after it: 保证[不]有效
        inside = [c for c in self._hits("negators", u) if hit[0] < c[0] and c[1] < hit[1]]
        return any(not own(u, c[0]) and own(u, c[1]) for c in inside)

    def _word_end(self, hit: Hit, lang: str) -> int:
        """Where the word the hit ends in ends (a hit may stop inside a token: 好评返|现)."""
        i = self.find_sentence(hit[0])
        if i is None:
            return hit[1]
        # jieba cuts each block on its own: only the sentence's block around the hit's end
        # is cut, and none when no token can run across it
        ss, se = self.sentences[i]
        end, text = hit[1], self.text
        if lang == "en":
            ws, we = ss, se
        elif not (ss < end < se and joined(text[end - 1], text[end])):
            return end
        else:
            ws, we = block_span(text, end - 1, end + 1, ss, se)
        for s, e in self.state.tokens(ws, we, lang):
            if s < end < e:
                return e
        return end

    def _listed(self, hit: Hit, i: int, lang: str,
                own: Callable[[UnitView, int], bool] | None, depth: int) -> bool:
        """We don't allow replicas, counterfeit items, or unauthorized copies; 不卖高仿、假货或者
        三无产品: an item of a list that a negation's object opens is denied with it. Right
        before the hit stands a list separator (、, a coordinator, or a comma with or without
        one), little follows it in its clause, and the item before the separator is denied. A
        bare comma makes a list only if a coordinator closes it further on: a claim after a
        comma (我们不刷单，全网最低价; we never sell knockoffs, this is the lowest price) is not
        an item."""
        text = self.text
        s, e = self.sentences[i]
        _, ce = self._clause(i, hit[0], lang)
        m = _LIST_SEPARATOR.search(text, s, hit[0])
        if m is None or ce - hit[1] > _LIST_ITEM_TAIL:
            return False
        if m.group(0) == "、" and m.start() > s and text[m.start() - 1] in _NUMERALS:
            return False  # 1、纯天然 2、全网最低价: a numbered point, not an item of a list
        first = text[hit[0]:hit[1]].split(" ", 1)[0].lower()
        if first in _DETERMINERS:
            return False  # no fillers, no dyes, and the best powder: a new, definite claim
        if m.group(0).strip() not in ("、", "或者", "以及", "或", "和", "及") and not any(
                text[t[0]:t[1]].strip().lower() in self.model.object_verbs
                for t in self.state.tokens(s, m.start(), lang)):
            return False  # a list of what is not sold, used or allowed, not any two clauses
        if m.group(0).strip() in (",", "，"):  # a bare comma: closed by a coordinator later?
            rest = text[hit[1]:e]
            if not _LIST_CLOSER.search(rest):
                return False
        before = [t for t in self.state.tokens(s, m.start(), lang)
                  if text[t[0]:t[1]].strip(" ,，、")]
        # the item before may be several words (cash for reviews): any of its last words
        return any(self._negation(t, i, lang, own, depth + 1)
                   for t in before[-_LIST_ITEM_WORDS:])

    def _negative_rhetorical(self, hit: Hit, i: int, u: UnitView) -> bool:
        """难道这不是全网最低价吗？ / Isn't this the best price?: a negative question asked
        rhetorically asserts its claim, so no negator in it denies anything. (A negator inside
        an A-not-A question, 是不是/能不能, is skipped by the caller: it asks, it denies nothing;
        the question check decides.)"""
        s, e = self.sentences[i]
        if not _QUESTION_END.search(self.text, s, e):
            return False
        return bool(self._before_in("rhetorical_negation", u, s, hit))

    def _reaches(self, neg: Hit, hit: Hit, lang: str) -> bool:
        """Whether a negator's scope runs on to the hit: across words that pass a negation on
        (copulas, modals, adverbs, pronouns, verbs of saying) and at most one verb right
        after the negator whose object the hit is (don't sell knockoffs); never past an
        aspect particle that closes the negated predicate (不念了…是专利产品)."""
        target = hit[0]
        if target <= neg[1]:
            return True
        words: list[str] = []
        for s, e in self.state.tokens(neg[0], hit[1], lang):
            if e <= neg[1]:
                continue
            if s < neg[1]:  # the negator fused into a verb (不念): that verb is negated
                if e > target:
                    return True  # ... and the hit starts inside it (不刷单)
                words.append(self.text[neg[1]:e])
                continue
            if e > target:
                break
            word = self.text[s:e].strip()
            if word:
                words.append(word)
        model = self.model
        if words and words[-1] in _DEMONSTRATIVES:
            return False  # 再也没有这个全网最低价了: "this" presupposes what the negation is about
        # one verb may stand between when the hit is its object, but not before a hit that
        # is itself a negation (不满意不要打12315: two predicates, no double negative)
        verb_slot = len(words) - 1 if not self._starts_negative(hit) else -1
        for k, word in enumerate(words):
            if word in model.closers:
                return False
            if word not in model.transparent and not (k == verb_slot
                                                      and word in model.object_verbs):
                return False
        return True

    def _starts_negative(self, hit: Hit) -> bool:
        i = self.find_sentence(hit[0])
        if i is None:
            return False
        u = self._sentence_unit(i, "zh")
        return any(c[0] == hit[0] for c in self._hits("negators", u))

    def _question(self, hit: Hit, i: int, lang: str) -> bool:
        u = self._sentence_unit(i, lang)
        s, e = self.sentences[i]
        cs, _ = self._clause(i, hit[0], lang)
        if self._unpunctuated_question(hit, i, lang):
            return True
        asked = bool(_QUESTION_END.search(self.text, s, e)) or any(
            c[0] >= cs and c[1] <= hit[0] and self.text[c[0]:c[1]] in _INDIRECT
            for c in self._hits("questions", u))
        if not asked or self._hits("rhetorical", u) or self._hits("rhetorical_negation", u):
            return False
        if i + 1 < len(self.sentences):
            ns, ne = self.sentences[i + 1]
            nxt = self._sentence_unit(i + 1, lang)
            if any(not self.text[ns:a[0]].strip(" ,，!") for a in self._hits("affirmations", nxt)
                   if a[0] < ns + _ANSWER_HEAD):
                return False  # asked and answered yes: 能治吗？能！
        return True

    def _unpunctuated_question(self, hit: Hit, i: int, lang: str) -> bool:
        """Talk without punctuation (ASR): a 吗 after the hit in its clause ends a question
        there (还能退吗这个要问客服), answered yes only by the words right after it (能美白吗能)."""
        _, ce = self._clause(i, hit[0], lang)
        m = _BARE_MA.search(self.text, hit[1], ce)
        if m is None or not self.text[m.end():self.sentences[i][1]].strip(" ?？!！。,，"):
            return False  # none, or it ends the sentence: a punctuated question (below)
        u = self._sentence_unit(i, lang)
        if self._hits("rhetorical", u) or self._hits("rhetorical_negation", u):
            return False
        # ASR puts a pause between question and answer as a space (能美白吗 能)
        after = self.text[m.end():ce + 1]
        answer = m.end() + len(after) - len(after.lstrip(" \u3000"))
        return not any(a[0] == answer for a in self._hits("affirmations", u))

    def _past(self, hit: Hit, i: int, lang: str) -> bool:
        u = self._sentence_unit(i, lang)
        s, _ = self.sentences[i]
        past = self._before_in("past", u, s, hit)
        if not past:
            return False
        # the renouncement follows the deed it renounces: a claim after it (以前卖过假货，现在
        #不卖了，今天这款是全网最低价) is made in the present
        if any(d[0] >= hit[1] for d in self._hits("disown", u)):
            return True
        if i + 1 < len(self.sentences):
            return bool(self._hits("disown", self._sentence_unit(i + 1, lang)))
        return False

    def _review(self, hit: Hit, i: int, lang: str) -> bool:
        """A buyer's review: no word said to buyers as the seller, and enough words only a
        buyer writes. A strong one counts as two; trade words a buyer also uses when telling
        how she bought (赶上秒杀, 原价, bought it on sale) ask for one more. A complaint of being
        cheated (骗人的, 买到假货, ripped off) counts as strong where nobody is addressed, and
        a buyer's verdict on what she got (难吃, 头痒, fell apart) there as one weak word and
        her accusation that it is fake or the worst of its kind (绝对是假货, 最失败的一次) as a
        strong one."""
        u = self._stretch(hit, lang)
        if self._hits("seller_cues", u):
            return False
        strong = self._hits("review_strong", u)
        weak = [c for c in self._hits("review_cues", u)
                if not any(c[0] < b and a < c[1] for a, b in strong)]
        score = 2 * _distinct(strong) + _distinct(weak)
        # a complaint of being cheated counts as strong only where nobody is addressed (家人们别
        # 被骗了 and tired of getting ripped off, folks? are a seller's opening lines)
        if not (self._hits("audience", u) or self._hits("own_voice", u)):
            score += 2 * _distinct(self._hits("review_complaints", u))
            if not (self._hits("party_voice", u) or self._hits("rivals", u)):
                accused = [c for c in self._verdicts(u, strong + weak, "review_accusations")
                           if not self._conceded(c)]
                score += 2 * _distinct(accused)
                score += _distinct(self._verdicts(u, strong + weak + accused))
        needed = _REVIEW_EVIDENCE + (1 if self._hits("seller_soft", u) else 0)
        return score >= needed

    def _conceded(self, c: Hit) -> bool:
        """Whether a concession follows a cue in its sentence (是假货但是做工好, a knockoff but a
        good one): a seller's admission with a pitch, not a buyer's accusation."""
        i = self.find_sentence(c[0])
        end = self.sentences[i][1] if i is not None else c[1] + _ATTRIBUTION_REACH
        return bool(_CONCESSION.search(self.text, c[1], end))

    def _verdicts(self, u: UnitView, counted: list[Hit],
                  name: str = "review_verdicts") -> list[Hit]:
        """A buyer's verdicts in a stretch, leaving out words already counted as review cues,
        any a negator right before turns into a seller's promise (不会过敏, won't fall apart)
        any a modal right before makes a forecast about goods in general (用了会烂脸, will
        fall apart: how a seller runs down a rival), not what befell the writer, and any a
        remedy follows (发霉包赔: a guarantee's condition)."""
        negs = self._hits("negators", u)
        text = self.text
        return sorted(c for c in self._hits(name, u)
                      if not any(c[0] < b and a < c[1] for a, b in counted)
                      and not any(n[1] <= c[0] <= n[1] + _VERDICT_NEGATION_GAP for n in negs)
                      and not _GENERIC_BEFORE.search(text, max(0, c[0] - 8), c[0])
                      and not _REMEDY_AFTER.match(text, c[1]))


def _long_quote(quoted: str, lang: str) -> bool:
    """Whether a quotation is long enough to be an utterance rather than a named phrase."""
    if lang == "en":
        return len(quoted.split()) > SHORT_QUOTE_WORDS
    return len(quoted) > SHORT_QUOTE


def _distinct(hits: list[Hit]) -> int:
    """How many cue hits there are, overlapping ones counted once (hits come sorted)."""
    count, last_end = 0, -1
    for a, b in hits:
        if a >= last_end:
            count += 1
        last_end = max(last_end, b)
    return count


def _head_noun(head: str) -> bool:
    """Whether the words between a relative clause's 的 and its comma are a head noun (…的产品,
    …的商品或者服务广告) rather than a clause of their own."""
    if len(head) <= _HEAD_NOUN_CHARS:
        return True
    return len(head) <= _COORDINATED_HEAD_CHARS and any(k in head for k in _COORDINATORS)
