"""--select / --ignore: rule ids, id prefixes (AD, AD-ZH) or category ids."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping

from rulecheck.model import CATEGORIES
from rulecheck.rulebook.rule import Rule


def names(rule: Rule, code: str) -> bool:
    """Whether ``code`` is the rule's own id or one of its former ids (``aliases``)."""
    up = code.strip().upper()
    return rule.id == up or up in (a.upper() for a in getattr(rule, "aliases", ()))


def _matches(rule: Rule, code: str) -> bool:
    code = code.strip()
    if not code:
        return False
    if code == rule.category or code.upper() == "ALL":
        return True
    up = code.upper()
    return names(rule, code) or rule.id.startswith(up + "-") \
        or (up.endswith("-") and rule.id.startswith(up))


def matches(rule: Rule, code: str, preview: bool = False) -> bool:
    """As ``_matches``; a ``preview`` rule is matched only by its own id or with ``preview``
    (ruff's rule: a rule still being tried never arrives through a prefix unasked)."""
    if getattr(rule, "status", "stable") == "preview" and not preview:
        return names(rule, code)
    return _matches(rule, code)


def is_selected(rule: Rule, select: Iterable[str] | None, ignore: Iterable[str] | None,
                preview: bool = False) -> bool:
    """Selected when it matches some select code (or none is given) and no ignore code."""
    if not any(True for _ in (select or ())):
        select = ["ALL"]
    if not any(matches(rule, c, preview) for c in select or ()):
        return False
    if ignore and any(_matches(rule, c) for c in ignore):
        return False
    return True


def valid_codes(rules: Iterable[str] | Mapping[str, object]) -> set[str]:
    """Every code a selection accepts for these rules: the categories, ``ALL``, the rule
    ids and their prefixes made of whole parts (``AD``, ``AD-ZH``), and former ids."""
    codes = set(CATEGORIES) | {"ALL"}
    for rid in rules:
        parts = rid.split("-")
        codes.add(rid)
        codes.update("-".join(parts[:n]) for n in range(1, len(parts)))
        if isinstance(rules, Mapping):
            rule = getattr(rules[rid], "rule", rules[rid])
            codes.update(getattr(rule, "aliases", ()))
    return codes


def closest_code(code: str, valid: Collection[str]) -> str | None:
    """The valid code ``code`` was most likely meant to be (case, then spelling), or None."""
    by_fold = {c.casefold(): c for c in valid}
    folded = code.strip().casefold()
    if folded in by_fold:
        return by_fold[folded]
    near = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[near[0]] if near else None


def unknown_code(code: str, rules: Mapping[str, Rule], valid: Collection[str]) -> bool:
    """Whether ``code`` names no category, no rule id or prefix, and selects no rule."""
    return code not in valid and not any(_matches(r, code) for r in rules.values())


def unknown_code_message(code: str, valid: Collection[str]) -> str:
    """One line saying ``code`` is not a code, with the closest valid one as a hint."""
    near = closest_code(code, valid)
    hint = f"; did you mean {near!r}?" if near is not None and near != code else ""
    return f"{code!r} is not a rule id, id prefix or category{hint}"
