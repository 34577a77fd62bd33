"""Which language a report page speaks: ``zh`` or ``en``.

In order: ``--locale``; the environment when it asks for Chinese (the first of
``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set starts with ``zh``); otherwise the
text itself. A document is Chinese when it has at least as many Han characters as
Latin words (a Chinese script naming an English brand stays Chinese), and the report
is Chinese when at least half of the documents are. Without documents (an audit
report only has its findings) the findings' rules decide the same way: ``-EN-`` in a
rule id is English, anything else Chinese. Nothing to judge by: Chinese, the
language of the law the rules cite.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

LOCALES: tuple[str, ...] = ("zh", "en")
_ENV_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def env_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """``zh`` when the user's locale is Chinese, else None (the text decides)."""
    env = os.environ if environ is None else environ
    for name in _ENV_VARS:
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else None
    return None


def is_chinese(text: str) -> bool:
    """At least as many Han characters as Latin words (and some text at all)."""
    han = len(_HAN.findall(text))
    return han > 0 and han >= len(_LATIN_WORD.findall(text))


def _majority(votes: Iterable[tuple[bool, int]]) -> str | None:
    """``zh`` when the Chinese weight is at least the English one; None without votes."""
    zh = en = 0
    for chinese, weight in votes:
        if chinese:
            zh += weight
        else:
            en += weight
    if zh == en == 0:
        return None
    return "zh" if zh >= en else "en"


def text_locale(texts: Iterable[str] = (), rules: Mapping[str, int] | None = None) -> str:
    """The locale the documents ``texts`` are written in; without documents, the one
    of the findings (``rules``: rule id -> number of findings)."""
    by_docs = _majority((is_chinese(t), 1) for t in texts if t.strip())
    if by_docs is not None:
        return by_docs
    votes = (("-EN-" not in r.upper(), n) for r, n in (rules or {}).items())
    return _majority(votes) or "zh"


def resolve(explicit: str | None = None, texts: Iterable[str] = (),
            rules: Mapping[str, int] | None = None,
            environ: Mapping[str, str] | None = None) -> str:
    """The report's locale: ``explicit``, else a Chinese environment, else the text."""
    if explicit is not None:
        if explicit not in LOCALES:
            raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {explicit!r}")
        return explicit
    return env_locale(environ) or text_locale(texts, rules)
