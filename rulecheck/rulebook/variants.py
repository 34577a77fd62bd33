"""Evasion spellings: the variant lexicon and pinyin spellings of rule terms.

Variants are not written into the text (that would hide them from rules that name
them, and move offsets); they become *aliases*: extra literals for the one-pass
scan whose hits count as hits of the rule term they stand for, with a note that
evasion was seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rulecheck.errors import RuleError
from rulecheck.rulebook.yamlsource import Located, load_yaml
from rulecheck.text.normalize import normalize

VARIANTS_FILE = "variants.yaml"
_MAX_PINYIN_TERM = 5  # longer terms are rarely spelled in pinyin and would bloat the scan


@dataclass
class Variants:
    chars: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Alias:
    literal: str
    target: int  # pattern id of the rule term
    kind: str  # "variant spelling" | "pinyin"


def load_variants(path: Path) -> Variants:
    data = load_yaml(path)
    if not isinstance(data, Located):
        raise RuleError(f"{path}:1:1: the variant lexicon must be a mapping")
    for key in data:
        if key not in ("description", "lang", "chars", "phrases"):
            raise RuleError(f"{data.key_marks[key]}: unknown key {key!r} in the variant lexicon")
    chars = data.get("chars") or {}
    phrases = data.get("phrases") or {}
    out = Variants()
    for a, b in chars.items():
        if not (isinstance(a, str) and isinstance(b, str) and len(a) == 1 and len(b) == 1):
            raise RuleError(f"{data.value_marks['chars']}: chars maps one character to one "
                            f"character (got {a!r}: {b!r})")
        out.chars[a] = b
    for canon, variants in phrases.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise RuleError(f"{data.value_marks['phrases']}: phrases.{canon} must be a list")
        key = normalize(str(canon)).text
        out.phrases[key] = tuple(dict.fromkeys(normalize(v).text for v in variants if v.strip()))
    return out


def _pinyin_spellings(term: str) -> list[str]:
    """zui好, 最hao, zuihao: one syllable at a time, and the whole term in pinyin."""
    from pypinyin import lazy_pinyin

    if not (2 <= len(term) <= _MAX_PINYIN_TERM) or not all("\u4e00" <= c <= "\u9fff" for c in term):
        return []
    syllables = lazy_pinyin(term, errors="ignore")
    if len(syllables) != len(term):
        return []
    out = []
    for i, syl in enumerate(syllables):
        out.append(term[:i] + syl + term[i + 1:])
    out.append("".join(syllables))
    return out


def build_aliases(literals: list[str], token_exact: set[str], variants: Variants,
                  pinyin_terms: set[str]) -> list[Alias]:
    """Aliases for every rule literal containing a variant's canonical form, and pinyin
    spellings of the token-exact Chinese terms (the claims rules are built on)."""
    existing = set(literals)
    seen: set[tuple[str, int]] = set()
    out: list[Alias] = []

    def add(literal: str, pid: int, kind: str) -> None:
        if literal and literal not in existing and (literal, pid) not in seen:
            seen.add((literal, pid))
            out.append(Alias(literal, pid, kind))

    for pid, lit in enumerate(literals):
        for canon, forms in variants.phrases.items():
            if canon in lit:
                for form in forms:
                    add(lit.replace(canon, form), pid, "variant spelling")
        if lit in pinyin_terms:
            for spelling in _pinyin_spellings(lit):
                add(spelling, pid, "pinyin")
    return out
