"""The published pack schema and the generated rule catalogue stay true to the packs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from rulecheck import catalogue
from rulecheck.rulebook.packschema import pack_schema
from tests.test_cli import invoke

REPO = Path(__file__).resolve().parents[1]


def test_the_schema_is_valid_and_accepts_every_bundled_pack() -> None:
    schema = json.loads(invoke("rules", "schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    packs = [p for lang in ("zh", "en") for p in sorted((REPO / "rules" / lang).glob("*.yaml"))]
    assert len(packs) == 14
    for pack in packs:
        errors = list(validator.iter_errors(yaml.safe_load(pack.read_text(encoding="utf-8"))))
        assert errors == [], f"{pack}: {errors[0].message if errors else ''}"


def test_the_schema_refuses_what_the_compiler_refuses() -> None:
    validator = jsonschema.Draft202012Validator(pack_schema())
    rule = {"id": "PR-ZH-001", "category": "advertising", "family": "f", "severity": "error",
            "lang": "zh", "title": "t", "law": "l", "message": "m", "match": '"x"',
            "examples": {"bad": ["[[x]]"], "good": ["y"]}}
    assert list(validator.iter_errors([rule])), "id prefix and category disagree"
    assert not list(validator.iter_errors([{**rule, "id": "AD-ZH-001"}]))
    assert list(validator.iter_errors([{**rule, "id": "AD-ZH-001", "status": "beta"}]))


def test_the_checked_in_catalogue_is_current(bundled_checker) -> None:
    rules = {rid: cr.rule for rid, cr in bundled_checker.rulebook.rules.items()}
    behind = catalogue.stale(REPO / "docs" / "rules", rules)
    assert behind == [], "run `rulecheck rules docs` to regenerate docs/rules"


def test_a_page_says_what_why_examples_and_fix(bundled_checker) -> None:
    rule = bundled_checker.rules["AD-ZH-001"]
    page = catalogue.rule_page(rule)
    for heading in ("## What it does", "## Why is this bad?", "## Examples", "## Fix"):
        assert heading in page
    assert rule.law in page and "**" in page


@pytest.mark.parametrize("change", ["edit", "extra", "missing"])
def test_stale_pages_are_named(tmp_path: Path, bundled_checker, change: str) -> None:
    rules = {rid: cr.rule for rid, cr in list(bundled_checker.rulebook.rules.items())[:3]}
    catalogue.write(tmp_path, rules)
    assert catalogue.stale(tmp_path, rules) == []
    first = sorted(rules)[0] + ".md"
    if change == "edit":
        (tmp_path / first).write_text("changed", encoding="utf-8")
    elif change == "extra":
        (tmp_path / "XX-ZH-999.md").write_text("old", encoding="utf-8")
        first = "XX-ZH-999.md"
    else:
        (tmp_path / first).unlink()
    assert catalogue.stale(tmp_path, rules) == [first]
    out = invoke("rules", "docs", "--check", "--output", str(tmp_path))
    assert out.exit_code == 1 and "out of date" in out.stderr
