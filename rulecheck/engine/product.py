"""Which rules a product type admits: registration marks, product routing by category.

Registration numbers and marks (国妆特字, 蓝帽子/国食健字, 械字号, 国药准字) say what the
product legally is, which decides whether a claim such as 防脱 or 增强免疫力 is lawful.
The product nouns of each sentence (context/product.py) decide where there is no mark.
"""

from __future__ import annotations

from collections.abc import Mapping

from rulecheck.context.product import ProductType
from rulecheck.model import Finding
from rulecheck.rulebook.rule import Rule

PARENT = {"special_cosmetics": "cosmetics", "health_food": "food", "infant_food": "food"}
CUE_PREFIX = "product_"
#: Categories whose law governs only some products: the Food Safety Law's disease-claim
#: ban is about food, so a cosmetic's disease claim is an advertising finding instead.
CATEGORY_PRODUCTS: dict[str, frozenset[str]] = {
    "food_safety": frozenset({"food", "health_food", "infant_food"}),
}


def marked_product(text: str, cues: Mapping[str, tuple[str, ...]]) -> ProductType | None:
    """The product type whose registration mark occurs earliest in the normalized text."""
    best: tuple[int, str, str] | None = None
    for ptype, terms in cues.items():
        for term in terms:
            i = text.find(term)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, ptype, term)
    return ProductType(best[1], best[2], "mark") if best else None


def detect_product_type(text: str, cues: Mapping[str, tuple[str, ...]]) -> str | None:
    """The marked product type of a text, if any (see marked_product)."""
    found = marked_product(text, cues)
    return found.type if found else None


def rule_applies(applies_to: list[str], exempt_for: list[str], product: str | None,
                 category: str | None = None) -> bool:
    if product is None:
        return True
    if product in exempt_for:
        return False
    if applies_to and product not in applies_to and PARENT.get(product) not in applies_to:
        return False
    scope = CATEGORY_PRODUCTS.get(category or "")
    if scope is not None and not applies_to and product not in scope:
        return False
    return True


#: Rule families whose claims the law files under another category for some products:
#: a disease claim about food is a food-safety wrong (食品安全法第七十一条、第七十三条), the
#: same claim about a cosmetic or a device an advertising one (DESIGN: which category).
FOOD_ROUTED_FAMILIES = frozenset({"medical_claims_non_drug"})
FOOD_LAW = "《食品安全法》第七十一条、第七十三条"


def route_category(finding: Finding, rule: Rule, product: ProductType | None) -> None:
    """File a finding under the category the product's law gives it (in place)."""
    if product is None or rule.category != "advertising" \
            or rule.family not in FOOD_ROUTED_FAMILIES \
            or product.type not in CATEGORY_PRODUCTS["food_safety"]:
        return
    finding.category = "food_safety"
    if FOOD_LAW not in finding.law:
        finding.law = f"{FOOD_LAW}；{finding.law}"
