"""Small facts of the rule format the compiler and the schema share: the languages, the
id prefix of each category, and how a ``scope`` reads. The format itself is the JSON
Schema of ``packschema.py``."""

from __future__ import annotations

import re

from rulecheck import categories as _categories

CATEGORY_PREFIX: dict[str, str] = _categories.CATEGORY_PREFIX
LANGS = ("zh", "en")
_SCOPE = re.compile(r"^(sentence|segment|document|window\((\d+)\))$")


def parse_scope(value: str) -> tuple[str, int]:
    m = _SCOPE.match(value.strip())
    if not m:
        raise ValueError(value)
    return ("window", int(m.group(2))) if m.group(2) else (m.group(1), 0)
