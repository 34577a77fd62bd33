"""Named expressions: a construction written once in a pack and used by many rules as $name.

A pack item `{define: disease_claim, match: "...", description: "..."}` is not a rule; its
`match` is compiled once, where a rule first refers to `$disease_claim`, and shared by all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rulecheck.rulebook.yamlsource import Located

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KEYS = {"define", "match", "description"}


def is_definition(item: Any) -> bool:
    return isinstance(item, Located) and "define" in item


def collect_definitions(packs: list[tuple[Path, list]], problems: list[str]) -> dict[str, str]:
    """name -> expression source, from every pack; problems appended as file:line:col lines."""
    found: dict[str, str] = {}
    where: dict[str, str] = {}
    for _pack, data in packs:
        for item in data:
            if not is_definition(item):
                continue
            name, source = item.get("define"), item.get("match")
            for key in item:
                if key not in _KEYS:
                    problems.append(f"{item.key_marks[key]}: unknown key {key!r} in a definition "
                                    f"(a definition has define, match and description)")
            if not isinstance(name, str) or not _NAME.match(name):
                problems.append(f"{item.mark}: define: a name of letters, digits and _ is needed")
                continue
            if not isinstance(source, str) or not source.strip():
                problems.append(f"{item.mark}: definition ${name} needs a match expression")
                continue
            if name in found:
                problems.append(f"{item.key_marks['define']}: ${name} is already defined at "
                                f"{where[name]}")
                continue
            found[name] = source
            where[name] = str(item.mark)
    return found
