"""Lexicon files: named word lists that rules refer to as @name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rulecheck.errors import RuleError

ALLOWED_KEYS = {"description", "lang", "terms", "source", "include", "overlaps"}


@dataclass
class Lexicon:
    name: str
    terms: tuple[str, ...]
    description: str
    lang: str
    source: str  # file path
    include: tuple[str, ...] = ()  # lexicons whose terms this one also holds
    overlaps: tuple[str, ...] = ()  # lexicons it shares most terms with on purpose (lint)


def load_lexicon(path: Path) -> Lexicon:
    from rulecheck.rulebook.yamlsource import Located, load_yaml  # YAML only when compiling

    data = load_yaml(path)
    name = path.stem
    if not isinstance(data, Located):
        raise RuleError(f"{path}:1:1: a lexicon must be a mapping with description and terms")
    for key in data:
        if key not in ALLOWED_KEYS:
            raise RuleError(f"{data.key_marks[key]}: unknown lexicon key {key!r}")
    refs = {}
    for key in ("include", "overlaps"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{data.key_marks[key]}: lexicon {name}: {key} must be a list of "
                            f"lexicon names")
        refs[key] = tuple(value)
    terms = data.get("terms", [] if refs["include"] else None)
    if not isinstance(terms, list) or not (terms or refs["include"]):
        raise RuleError(f"{data.mark}: lexicon {name} needs a non-empty list `terms`")
    clean: list[str] = []
    for term in terms:
        if isinstance(term, (int, float)) and not isinstance(term, bool):
            term = str(term)
        if not isinstance(term, str) or not term.strip():
            raise RuleError(f"{data.value_marks['terms']}: lexicon {name}: every term must be "
                            f"a non-empty string (got {term!r})")
        clean.append(term.strip())
    if not isinstance(data.get("description", ""), str):
        raise RuleError(f"{data.mark}: lexicon {name}: description must be a string")
    return Lexicon(name, tuple(dict.fromkeys(clean)), data.get("description", ""),
                   str(data.get("lang", "any")), str(path), refs["include"], refs["overlaps"])


def resolve_includes(lexicons: dict[str, Lexicon], problems: list[str]) -> None:
    """Give each lexicon the terms of those it includes (transitively), in place, so a
    vocabulary is written once and the lists built on it follow it."""
    done: dict[str, tuple[str, ...]] = {}

    def terms(name: str, trail: tuple[str, ...]) -> tuple[str, ...]:
        if name in done:
            return done[name]
        lex = lexicons[name]
        out = list(lex.terms)
        for other in lex.include:
            if other not in lexicons:
                problems.append(f"{lex.source}:1:1: lexicon {name} includes unknown "
                                f"lexicon {other!r}")
            elif other in trail:
                problems.append(f"{lex.source}:1:1: lexicon {name} includes itself through "
                                f"{' -> '.join((*trail, other))}")
            else:
                out.extend(terms(other, (*trail, other)))
        done[name] = tuple(dict.fromkeys(out))
        return done[name]

    for name in list(lexicons):
        lexicons[name].terms = terms(name, (name,))
