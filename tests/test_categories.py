"""The seven categories are defined once (rulecheck/categories.py) and derived everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rulecheck import categories
from rulecheck.categories import TABLE
from rulecheck.model import CATEGORIES, CATEGORY_PRECEDENCE
from rulecheck.reports.common import CATEGORY_LABELS
from rulecheck.rulebook.packschema import validate_rule
from rulecheck.rulebook.schema import CATEGORY_PREFIX
from rulecheck.rulebook.yamlsource import Located

PACKAGE = Path(categories.__file__).resolve().parent
#: A file naming this many categories (by id, label or prefix) spells out the list.
TOO_MANY = 4


def test_table_holds_seven_distinct_categories():
    assert len(TABLE) == 7
    for field in ("id", "prefix", "zh", "en", "color"):
        assert len({getattr(c, field) for c in TABLE}) == 7, field
    assert sorted(c.precedence for c in TABLE) == list(range(7))
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c.color) for c in TABLE)
    assert all(re.fullmatch(r"[A-Z]{2}", c.prefix) for c in TABLE)


def test_everything_else_derives_from_the_table():
    assert CATEGORIES == tuple(c.id for c in TABLE)
    assert CATEGORY_PRECEDENCE[0] == "pricing" and CATEGORY_PRECEDENCE[-1] == "unfair_competition"
    assert [categories.BY_ID[c].precedence for c in CATEGORY_PRECEDENCE] == list(range(7))
    assert CATEGORY_PREFIX == {c.id: c.prefix for c in TABLE}
    assert CATEGORY_LABELS == {c.id: c.zh for c in TABLE}
    assert categories.label("pricing", "en") == "Pricing"
    assert categories.label("my_own", "zh") == "my_own"
    assert categories.color("my_own") == categories.FALLBACK_COLOR


def test_the_rulebook_checks_prefixes_from_the_table():
    rule = Located({"id": "PR-ZH-999", "category": "advertising"})
    problems = dict(validate_rule(rule))
    assert "must start with AD-" in problems["id"]


def _named(text: str) -> dict[str, set[str]]:
    """Which categories ``text`` names, by id, Chinese and English label, and prefix."""
    return {
        "ids": {c.id for c in TABLE if re.search(rf"(?<![\w-]){c.id}(?!\w)", text)},
        "zh": {c.zh for c in TABLE if c.zh in text},
        "en": {c.en for c in TABLE if c.en in text},
        "prefixes": {c.prefix for c in TABLE if re.search(rf"[\"']{c.prefix}[\"']", text)},
    }


def _spells_out_the_list(text: str) -> list[str]:
    return [kind for kind, found in _named(text).items() if len(found) >= TOO_MANY]


def test_the_detector_finds_a_copied_list():
    # what model.py and schema.py held before the table existed
    old = ('CATEGORY_PREFIX = {"advertising": "AD", "consumer_rights": "CR", '
           '"ecommerce": "EC", "food_safety": "FS"}\n'
           'const CATEGORIES = { advertising: "广告违法", pricing: "价格违法", '
           'food_safety: "食品安全违法", ecommerce: "电子商务违法" };')
    assert set(_spells_out_the_list(old)) == {"ids", "zh", "prefixes"}
    assert _spells_out_the_list("pricing before food_safety; see categories.py") == []


def test_no_other_module_spells_out_the_categories():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".html", ".js", ".css", ".json", ".yaml") \
                or path == Path(categories.__file__).resolve():
            continue
        kinds = _spells_out_the_list(path.read_text(encoding="utf-8", errors="replace"))
        if kinds:
            offenders[str(path.relative_to(PACKAGE))] = kinds
    assert offenders == {}, f"derive these from rulecheck/categories.py: {offenders}"


def test_the_web_page_gets_the_table_from_the_server():
    pytest.importorskip("fastapi", reason="the server extra is not installed")
    from rulecheck.server.app import CATEGORY_PLACEHOLDER, _page

    page = _page()
    assert CATEGORY_PLACEHOLDER not in page
    for c in TABLE:
        assert f'"id": "{c.id}"' in page and c.zh in page and c.color in page
