"""--select / --ignore: rule ids, id prefixes (AD, AD-ZH) or category ids."""

from __future__ import annotations

from collections.abc import Iterable

from rulecheck.rulebook.rule import Rule


def _matches(rule: Rule, code: str) -> bool:
    code = code.strip()
    if not code:
        return False
    if code == rule.category or code.upper() == "ALL":
        return True
    up = code.upper()
    return rule.id == up or rule.id.startswith(up + "-") or (up.endswith("-")
                                                              and rule.id.startswith(up))


def is_selected(rule: Rule, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Selected when it matches some select code (or none is given) and no ignore code."""
    if select:
        if not any(_matches(rule, c) for c in select):
            return False
    if ignore and any(_matches(rule, c) for c in ignore):
        return False
    return True
