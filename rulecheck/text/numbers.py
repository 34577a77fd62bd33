"""Numerals to values: 九十九 -> 99, 一万二 -> 12000, 1.5万 -> 15000, ninety-nine -> 99."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3,
          "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
          "八": 8, "捌": 8, "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "w": 10_000, "亿": 100_000_000, "k": 1000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "万亿"

ENGLISH_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
ENGLISH_SMALL.update({w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)})
ENGLISH_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 1_000_000}
#: A spelled-out English number: "ninety-nine", "two hundred and fifty", "a thousand".
ENGLISH_NUMBER = (
    r"\b(?:(?:a|one)[ -])?(?:{w})(?:[ -](?:and[ -])?(?:{w}))*\b"
).format(w="|".join(sorted([*ENGLISH_SMALL, *ENGLISH_SCALES], key=len, reverse=True)))


def parse_chinese_int(text: str) -> float | None:
    """Value of a Chinese numeral such as 一百九十九, 三千五, 十二万, 两百."""
    total = 0.0
    section = 0.0
    digit: float | None = None
    last_unit = 1
    for ch in text:
        if ch in DIGITS:
            if digit is not None:  # 一九九 read digit by digit
                digit = digit * 10 + DIGITS[ch]
            else:
                digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            section += (digit if digit is not None else 1) * unit
            digit = None
            last_unit = unit
        elif ch in ("万", "亿"):
            unit = BIG_UNITS[ch]
            section += digit or 0
            total += (section or 1) * unit
            section, digit = 0, None
            last_unit = unit // 10
        else:
            return None
    if digit is not None:
        # 三千五 = 3500: a trailing digit after a unit takes the next lower unit
        section += digit * (last_unit // 10 if last_unit >= 10 else 1)
    return total + section


def parse_english_number(text: str) -> float | None:
    """Value of a spelled-out English number (ninety nine, a hundred and fifty, ten grand)."""
    words = [w for w in text.replace("-", " ").split() if w != "and"]
    if not words:
        return None
    if words[0] == "a":
        words[0] = "one"
    total, section, seen = 0, 0, False
    for word in words:
        if word in ENGLISH_SMALL:
            section += ENGLISH_SMALL[word]
        elif word == "hundred":
            section = (section or 1) * 100
        elif word in ENGLISH_SCALES:
            total += (section or 1) * ENGLISH_SCALES[word]
            section = 0
        else:
            return None
        seen = True
    return float(total + section) if seen else None


def parse_number(text: str) -> float | None:
    """Value of an Arabic (with 万/k/w suffix), Chinese or English numeral; None if none."""
    s = text.replace(",", "").strip()
    if not s:
        return None
    mult = 1.0
    if s[-1] in BIG_UNITS and len(s) > 1 and (s[-2].isdigit() or s[-2] == "."):
        mult = BIG_UNITS[s[-1]]
        s = s[:-1]
    try:
        return float(s) * mult
    except ValueError:
        pass
    if s[0].isascii():
        return parse_english_number(s)
    return parse_chinese_int(s)
