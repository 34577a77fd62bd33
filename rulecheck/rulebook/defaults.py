"""Pack-level defaults: ``- defaults: {category: advertising, lang: zh, law: ...}``.

A pack of thirty advertising rules need not repeat its category, language and the
article it cites thirty times; a rule that gives a key keeps its own value. A key a
rule takes from the defaults points, in error messages, at the defaults item.
"""

from __future__ import annotations

from typing import Any

from rulecheck.rulebook.packschema import DEFAULTABLE
from rulecheck.rulebook.yamlsource import Located


def is_defaults(item: Any) -> bool:
    return isinstance(item, Located) and "defaults" in item


def pack_defaults(items: list, problems: list[str]) -> Located | None:
    """The pack's one defaults mapping (None without one); problems as file:line:col."""
    found: Located | None = None
    for item in items:
        if not is_defaults(item):
            continue
        for key in item:
            if key != "defaults":
                problems.append(f"{item.key_marks[key]}: unknown key {key!r} beside defaults")
        value = item["defaults"]
        if not isinstance(value, Located):
            problems.append(f"{item.mark}: defaults must be a mapping")
            continue
        for key in value:
            if key not in DEFAULTABLE:
                problems.append(f"{value.key_marks[key]}: {key!r} cannot be a pack default "
                                f"(one of {', '.join(DEFAULTABLE)})")
        if found is not None:
            problems.append(f"{item.mark}: a pack has one defaults item "
                            f"(the first is at {found.mark})")
            continue
        found = value
    return found


def with_defaults(rule: Any, defaults: Located | None) -> None:
    """Fill the keys ``rule`` does not give from ``defaults``, in place."""
    if defaults is None or not isinstance(rule, Located):
        return
    for key, value in defaults.items():
        if key in DEFAULTABLE and key not in rule:
            rule[key] = value
            rule.key_marks[key] = defaults.key_marks[key]
            rule.value_marks[key] = defaults.value_marks[key]

