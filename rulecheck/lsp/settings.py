"""Editor settings: ``initializationOptions`` or ``workspace/didChangeConfiguration``.

They play the part of the command line: the nearest ``rulecheck.toml`` (or
``[tool.rulecheck]``) applies first and these win over it, so ``runner.Planner``
resolves both exactly as ``rulecheck check`` would. A value of the wrong kind is
dropped with a one-line problem for the editor to show, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rulecheck.config import LANGS
from rulecheck.model import PRODUCT_TYPES
from rulecheck.runner import Overrides

#: Setting name -> the Overrides field it sets (camelCase as editors write them).
_KEYS: dict[str, str] = {
    "select": "select", "extendSelect": "extend_select", "extend-select": "extend_select",
    "ignore": "ignore", "lang": "lang", "productType": "product_type",
    "product-type": "product_type", "rules": "rules_dirs",
}


def _codes(value: Any) -> list[str] | None:
    """A list of codes from a list or a comma-separated string; None when neither."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return [c.strip() for v in value for c in v.split(",") if c.strip()]


def section(raw: Any) -> Mapping[str, Any] | None:
    """Our settings inside what an editor sent: ``{"rulecheck": {...}}`` or the bare
    table; None when it holds none of them."""
    if not isinstance(raw, Mapping):
        return None
    inner = raw.get("rulecheck")
    if isinstance(inner, Mapping):
        return inner
    return raw if any(k in _KEYS for k in raw) else None


def overrides(raw: Any, root: str | None = None) -> tuple[Overrides, list[str]]:
    """The Overrides the settings ask for, and a problem line for each value dropped.

    ``rules`` directories are relative to the workspace root."""
    out = Overrides()
    problems: list[str] = []
    table = section(raw) or {}
    for key, value in table.items():
        name = _KEYS.get(key)
        if name is None or value is None:
            continue
        if name in ("select", "extend_select", "ignore", "rules_dirs"):
            codes = _codes(value)
            if codes is None:
                problems.append(f"setting {key}: expected a list of strings")
            elif name == "rules_dirs":
                base = Path(root) if root else Path.cwd()
                out.rules_dirs = [str((base / d).resolve()) for d in codes]
            elif name == "select":
                out.select = codes
            else:
                setattr(out, name, codes)
        elif name == "lang":
            if value in LANGS:
                out.lang = value
            else:
                problems.append(f"setting {key}: expected one of {', '.join(LANGS)}")
        elif value in PRODUCT_TYPES:
            out.product_type = value
        else:
            problems.append(f"setting {key}: expected one of {', '.join(PRODUCT_TYPES)}")
    return out, problems
