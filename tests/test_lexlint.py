"""Lint over the word lists: duplicates, lists written twice, includes, required names."""

from __future__ import annotations

from pathlib import Path

import pytest

from rulecheck.errors import RuleError
from rulecheck.rulebook.compiler import load_rulebook
from rulecheck.rulebook.lint import lint_rulebook
from tests.conftest import make_rule


def _pack(tmp_path: Path, lexicons: dict[str, str], match: str = "@base") -> Path:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "r.yaml").write_text(make_rule("AD-ZH-960", match), encoding="utf-8")
    for name, body in lexicons.items():
        (tmp_path / "lexicons" / f"{name}.yaml").write_text(body, encoding="utf-8")
    return tmp_path


def _codes(folder: Path) -> list[str]:
    book = load_rulebook([folder], bundled=False, use_cache=False)
    return [i.code for i in lint_rulebook(book)]


def test_include_gives_the_terms_of_the_included_list(tmp_path):
    folder = _pack(tmp_path, {
        "core": "description: c\nterms: [甲, 乙]\n",
        "base": "description: b\ninclude: [core]\nterms: [丙]\n"})
    book = load_rulebook([folder], bundled=False, use_cache=False)
    assert book.lexicons["base"].terms == ("丙", "甲", "乙")


def test_include_cycles_and_unknown_names_are_errors(tmp_path):
    folder = _pack(tmp_path, {
        "a": "description: a\ninclude: [base]\nterms: [甲]\n",
        "base": "description: b\ninclude: [a, nowhere]\nterms: [乙]\n"})
    with pytest.raises(RuleError) as info:
        load_rulebook([folder], bundled=False, use_cache=False)
    text = str(info.value)
    assert "includes itself through" in text and "unknown lexicon 'nowhere'" in text


def test_duplicates_overlaps_and_missing_engine_lists_are_reported(tmp_path):
    folder = _pack(tmp_path, {
        "base": "description: b\nterms: [甲, 乙, 丙, 丁, 甲]\n",
        "wide": "description: w\nterms: [甲, 乙, 丙, 丁, 戊, 己]\n"},
        match="@base or @wide")
    codes = _codes(folder)
    assert "duplicate-term" in codes
    assert "overlapping-lexicons" in codes
    assert "missing-lexicon" in codes, "no negators list: the context cues stay off"


def test_a_declared_overlap_is_not_reported(tmp_path):
    folder = _pack(tmp_path, {
        "base": "description: b\noverlaps: [wide]\nterms: [甲, 乙, 丙, 丁]\n",
        "wide": "description: w\nterms: [甲, 乙, 丙, 丁, 戊, 己]\n"},
        match="@base or @wide")
    assert "overlapping-lexicons" not in _codes(folder)


def test_the_bundled_lists_lint_clean(bundled_checker):
    codes = {i.code for i in lint_rulebook(bundled_checker.rulebook)}
    assert not codes & {"duplicate-term", "overlapping-lexicons", "missing-lexicon"}
