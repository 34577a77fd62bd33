"""Product context: the product type a script is about, given or read from in-text cues.

Registration numbers and marks (国妆特字, 蓝帽子/国食健字, 械字号, 国药准字) say what the
product legally is, which decides whether a claim such as 防脱 or 增强免疫力 is lawful.
"""

from __future__ import annotations

from collections.abc import Mapping

PARENT = {"special_cosmetics": "cosmetics", "health_food": "food", "infant_food": "food"}
CUE_PREFIX = "product_"


def detect_product_type(text: str, cues: Mapping[str, tuple[str, ...]]) -> str | None:
    """The product type whose cue occurs earliest in the normalized text, if any."""
    best: tuple[int, str] | None = None
    for ptype, terms in cues.items():
        for term in terms:
            i = text.find(term)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, ptype)
    return best[1] if best else None


def rule_applies(applies_to: list[str], exempt_for: list[str], product: str | None) -> bool:
    if product is None:
        return True
    if product in exempt_for:
        return False
    if applies_to and product not in applies_to and PARENT.get(product) not in applies_to:
        return False
    return True
