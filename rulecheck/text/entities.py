"""Built-in entities: NUM, PRICE, PERCENT, DATE, with their numeric values.

Found with regular expressions over normalized text, only inside units that a
candidate rule evaluates. PRICE also reads amounts spelled out in English before a
currency word (ninety-nine dollars); NUM keeps to digits and Chinese numerals, so the
"one" of "this one" is no number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rulecheck.text.numbers import (
    CHINESE_NUMERAL_CHARS,
    ENGLISH_NUMBER,
    parse_chinese_int,
    parse_number,
)
from rulecheck.text.recode import compile_cached

_CN = f"[{CHINESE_NUMERAL_CHARS}]"
_AR = r"\d+(?:[.,]\d+)*"
_NUMBER = rf"(?:{_AR}(?:万|w|k)?|{_CN}+)"

_SOURCES = {
    "PRICE": (
        rf"(?:[¥￥$]|rmb|usd|人民币)\s?(?P<a>{_AR}(?:万|w|k)?)"
        rf"|(?P<b>{_NUMBER}|{ENGLISH_NUMBER})\s?(?P<unit>元|块钱|块|圆|美元|美金|刀|dollars?|bucks?|yuan|rmb)"
        rf"(?P<jiao>{_CN}|\d)?(?!\w*[%％])"
        rf"|(?:价|价格|只要|只需|仅需|仅要|到手|才|低至|券后|秒杀|卖|售)\s?(?P<c>{_AR}(?:万|w|k)?|{_CN}{{2,}})"
        rf"(?![\d.%年月日号天件单个份瓶盒支])"
    ),
    "PERCENT": rf"(?P<a>{_AR})\s?%|百分之(?P<b>{_CN}+|{_AR})|(?P<c>{_AR})\s?percent",
    "DATE": (
        r"\d{4}[-/年.]\d{1,2}(?:[-/月.]\d{1,2}日?)?|\d{1,2}月\d{1,2}[日号]"
        r"|(?:今天|明天|昨天|今晚|今日|本周|这周|下周|周[一二三四五六日天]|星期[一二三四五六日天])"
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?"
        r"|\b(?:today|tomorrow|tonight|yesterday)\b"
    ),
    "NUM": _NUMBER,
}


@functools.cache
def _pattern(kind: str) -> re.Pattern[str]:
    """The expression of one entity kind, compiled when a rule first asks for it rather
    than when the module is imported: a short check needs one or two of the four."""
    return compile_cached(_SOURCES[kind])


@dataclass(frozen=True)
class Entity:
    kind: str
    start: int
    end: int
    value: float | None


def _price_value(m: re.Match[str]) -> float | None:
    raw = m.group("a") or m.group("b") or m.group("c")
    value = parse_number(raw) if raw else None
    jiao = m.group("jiao") if "jiao" in m.re.groupindex else None
    if value is not None and jiao and m.group("unit") == "块":
        tenth = int(jiao) if jiao.isdigit() else parse_chinese_int(jiao)
        if tenth is not None:
            value += tenth / 10  # 99块9 = 99.9
    return value


def find_entities(kind: str, text: str, start: int = 0, end: int | None = None) -> list[Entity]:
    """Entities of one kind in text[start:end], with offsets into `text`."""
    end = len(text) if end is None else end
    out: list[Entity] = []
    if kind == "PRICE":
        for m in _pattern("PRICE").finditer(text, start, end):
            s, e = m.span("c") if m.group("c") else m.span()
            out.append(Entity(kind, s, e, _price_value(m)))
    elif kind == "PERCENT":
        for m in _pattern("PERCENT").finditer(text, start, end):
            raw = m.group("a") or m.group("b") or m.group("c")
            out.append(Entity(kind, m.start(), m.end(), parse_number(raw)))
    elif kind == "DATE":
        for m in _pattern("DATE").finditer(text, start, end):
            out.append(Entity(kind, m.start(), m.end(), None))
    elif kind == "NUM":
        for m in _pattern("NUM").finditer(text, start, end):
            value = parse_number(m.group())
            if value is not None:
                out.append(Entity(kind, m.start(), m.end(), value))
    else:
        raise ValueError(f"unknown entity {kind}")
    return out
