"""Lexicon files: named word lists that rules refer to as @name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rulecheck.errors import RuleError
from rulecheck.rulebook.yamlsource import Located, load_yaml

ALLOWED_KEYS = {"description", "lang", "terms", "source"}


@dataclass
class Lexicon:
    name: str
    terms: tuple[str, ...]
    description: str
    lang: str
    source: str  # file path


def load_lexicon(path: Path) -> Lexicon:
    data = load_yaml(path)
    name = path.stem
    if not isinstance(data, Located):
        raise RuleError(f"{path}:1:1: a lexicon must be a mapping with description and terms")
    for key in data:
        if key not in ALLOWED_KEYS:
            raise RuleError(f"{data.key_marks[key]}: unknown lexicon key {key!r}")
    terms = data.get("terms")
    if not isinstance(terms, list) or not terms:
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
                   str(data.get("lang", "any")), str(path))
