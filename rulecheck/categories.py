"""The seven categories of SAMR's guidance on live marketing, defined once.

Everything that names categories derives from ``TABLE``: their order (``CATEGORIES``),
which one wins an overlap (``CATEGORY_PRECEDENCE``), the rule-id prefixes the rulebook
checks, the labels and colours of every report and of the web page. Adding or renaming
a category is one edit here; ``tests/test_categories.py`` fails if another module
spells out the list again. This module imports nothing from rulecheck so that the
model, the rulebook and the reports can all depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """One category: its id in findings and packs, and how people see it."""

    id: str
    prefix: str  # rule ids start with it: AD-ZH-001
    zh: str  # DESIGN.md's Chinese name
    en: str
    color: str  # #rrggbb, the same in every report and the web page
    precedence: int  # 0 = most specific: wins when two categories cover the same words

    def label(self, locale: str) -> str:
        return self.zh if locale == "zh" else self.en


#: In taxonomy order (the order reports list them in). Precedence follows the legal
#: taxonomy §1.4: pricing before food safety before advertising ... before unfair
#: competition, the most general.
TABLE: tuple[Category, ...] = (
    Category("ecommerce", "EC", "电子商务违法", "E-commerce", "#7c3aed", 3),
    Category("consumer_rights", "CR", "侵犯消费者合法权益", "Consumer rights", "#0891b2", 4),
    Category("unfair_competition", "UC", "不正当竞争", "Unfair competition", "#db2777", 6),
    Category("product_quality", "PQ", "产品质量违法", "Product quality", "#4d7c0f", 5),
    Category("food_safety", "FS", "食品安全违法", "Food safety", "#ea580c", 1),
    Category("advertising", "AD", "广告违法", "Advertising", "#dc2626", 2),
    Category("pricing", "PR", "价格违法", "Pricing", "#2563eb", 0),
)

BY_ID: dict[str, Category] = {c.id: c for c in TABLE}
CATEGORIES: tuple[str, ...] = tuple(c.id for c in TABLE)
CATEGORY_PRECEDENCE: tuple[str, ...] = tuple(
    c.id for c in sorted(TABLE, key=lambda c: c.precedence))
CATEGORY_PREFIX: dict[str, str] = {c.id: c.prefix for c in TABLE}
CATEGORY_COLORS: dict[str, str] = {c.id: c.color for c in TABLE}
#: A colour for a category no table row names (a custom pack's).
FALLBACK_COLOR = "#64748b"


def labels(locale: str) -> dict[str, str]:
    """id -> label in ``locale`` ("zh" or "en")."""
    return {c.id: c.label(locale) for c in TABLE}


def label(category: str, locale: str) -> str:
    """The label of ``category``, or the id itself for a category not in the table."""
    found = BY_ID.get(category)
    return found.label(locale) if found else category


def color(category: str) -> str:
    return CATEGORY_COLORS.get(category, FALLBACK_COLOR)


def as_json() -> list[dict[str, object]]:
    """The table for a page's script: id, prefix, labels, colour, precedence."""
    return [{"id": c.id, "prefix": c.prefix, "zh": c.zh, "en": c.en, "color": c.color,
             "precedence": c.precedence} for c in TABLE]
