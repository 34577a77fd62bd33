"""Turn the bytes of an input into text, detecting the encoding when none is forced.

Order of evidence: a byte-order mark, then strict UTF-8, then the Chinese legacy
encodings (GB18030, which covers GBK and GB2312, and Big5). Big5 bytes almost
always decode as GB18030 too, into nonsense made of rare characters, so the
legacy candidates are judged by how much of the decoded text is made of common
Chinese characters; charset-normalizer's guess breaks ties and handles inputs
with too little Chinese to judge.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rulecheck.errors import InputError

#: BOMs, longest first so UTF-32 LE is not mistaken for UTF-16 LE.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

#: Legacy encodings tried after UTF-8, in order of preference when equally plausible.
_LEGACY: tuple[str, ...] = ("gb18030", "big5", "cp950", "big5hkscs")
_BIG5_FAMILY: tuple[str, ...] = ("big5", "cp950", "big5hkscs")
_NORMALIZER_CANDIDATES: list[str] = ["gb18030", "big5", "cp950", "big5hkscs", "cp1252"]

#: Roughly the most frequent simplified characters of written Chinese; their
#: traditional forms are added at first use. Real text is mostly made of them,
#: text decoded with the wrong codec almost never is.
_FREQUENT_SIMPLIFIED = (
    "的一是不了人我在有他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之"
    "年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理"
    "心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高"
    "间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老"
    "给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女"
    "变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形"
    "社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程"
    "北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每"
    "济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质"
    "团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称"
    "企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅"
    "考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章"
    "音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪"
    "采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般"
    "普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述"
    "陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判"
    "担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副"
    "乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评"
    "版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误"
    "湖钟奖诺吸"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@lru_cache(maxsize=1)
def _frequent() -> frozenset[str]:
    chars = set(_FREQUENT_SIMPLIFIED)
    try:
        import opencc

        converted = opencc.OpenCC("s2t").convert("\n".join(_FREQUENT_SIMPLIFIED))
        chars.update(c for c in converted.split("\n") if len(c) == 1)
    except ImportError:  # pragma: no cover - opencc is a dependency
        pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _standard_han() -> frozenset[str]:
    """Han characters of GB2312 and of Big5: what ordinary Chinese text is written with.

    Text decoded with the wrong one of the two codecs lands partly outside both
    (GBK extension rows, CJK extension A), which real text rarely does.
    """
    chars: set[str] = set()
    for codec, leads, trails in (("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
                                 ("big5", range(0xA4, 0xFA),
                                  (*range(0x40, 0x7F), *range(0xA1, 0xFF)))):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(c for c in chars if _is_han(c))


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF


def _is_plain(ch: str) -> bool:
    """ASCII, spaces, CJK and general punctuation, full-width forms: neutral evidence."""
    o = ord(ch)
    return (o < 0x80 or ch.isspace() or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or ch in "·×÷°")


def _bad_ratio(text: str) -> float:
    """Share of characters no real text is made of: controls, private use, U+FFFD."""
    if not text:
        return 0.0
    # judged once per distinct character, not once per character: a long transcript
    # uses a few thousand characters at most
    bad = sum(text.count(ch) for ch in set(text)
              if ch not in "\t\n\r\f\v"
              and (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd"))
    return bad / len(text)


def _chinese_score(text: str) -> float:
    """Plausibility of ``text`` as Chinese, in [-1, 1].

    Frequent characters count +1, other standard Han characters 0, and Han
    characters outside GB2312/Big5 as well as kana, Greek, Cyrillic, box
    drawing and the like -1: the wrong codec turns Chinese into such a mix.
    """
    frequent, standard = _frequent(), _standard_han()
    total = judged = 0
    for ch in text:
        if _is_plain(ch):
            continue
        judged += 1
        if ch in frequent:
            total += 1
        elif ch not in standard:
            total -= 1
    return total / judged if judged else 0.0


def _sane(text: str) -> bool:
    """Not binary: no NUL, and controls or private-use characters are rare (first 100k)."""
    return "\x00" not in text and _bad_ratio(text[:100_000]) <= 0.1


def _binary(path: str) -> InputError:
    return InputError(f"{path}: binary or undecodable content (not text in UTF-8, UTF-16, "
                      "GB18030/GBK or Big5; force one with --encoding)")


def _normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    best = from_bytes(data[:65536], cp_isolation=_NORMALIZER_CANDIDATES).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _legacy(data: bytes, path: str) -> Decoded:
    sample = data[:65536]
    decoded: dict[str, str] = {}
    gb = _try(data, "gb18030")
    if gb is not None and _sane(gb):
        decoded["gb18030"] = gb
    for enc in _BIG5_FAMILY:  # cp950 and big5hkscs extend Big5: the first that works wins
        text = _try(data, enc)
        if text is not None and _sane(text):
            decoded[enc] = text
            break
    guess = _normalizer_guess(sample)
    if guess in _BIG5_FAMILY:
        guess = next((enc for enc in _BIG5_FAMILY if enc in decoded), guess)
    if guess and guess not in decoded and guess not in _LEGACY:
        text = _try(data, guess)
        if text is not None and _sane(text):
            decoded[guess] = text
    if not decoded:
        raise _binary(path)
    scores = {enc: _chinese_score(text[:20000]) for enc, text in decoded.items()}
    best = max(scores.values())
    close = [enc for enc, score in scores.items() if best - score < 0.05]
    if guess in close:
        choice = guess
    else:
        choice = next(enc for enc in (*_LEGACY, *decoded) if enc in close)
    return Decoded(decoded[choice], choice)


def _forced(data: bytes, encoding: str, path: str) -> Decoded:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):  # ValueError: a NUL in the name
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, hex, zlib: not for text
        raise InputError(f"{path}: {encoding!r} is not a text encoding")
    name = info.name
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode as {encoding}: byte 0x{data[exc.start]:02x} "
                         f"at offset {exc.start}") from None
    except (LookupError, ValueError, TypeError) as exc:  # a codec that fails otherwise
        raise InputError(f"{path}: cannot decode as {encoding}: {exc}") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is never content, whatever encoding was forced
    if "\x00" in text:
        raise InputError(f"{path}: binary content (NUL characters) when decoded as {encoding}")
    return Decoded(text, name)


def decode(data: bytes, path: str = "-", encoding: str | None = None) -> Decoded:
    """Decode ``data``; the returned text never starts with a BOM."""
    if encoding:
        return _forced(data, encoding, path)
    if not data:
        return Decoded("", "utf-8")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom):], codec)
            if text is None or not _sane(text):
                raise _binary(path)
            return Decoded(text, name)
    if b"\x00" in data:
        raise _binary(path)
    text = _try(data, "utf-8")
    if text is not None:
        if not _sane(text):
            raise _binary(path)
        return Decoded(text, "utf-8")
    return _legacy(data, path)
