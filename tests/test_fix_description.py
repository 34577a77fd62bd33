"""A clause deletion's description shows the words it removes, never a raw line break."""

from __future__ import annotations

from rulecheck.engine.fixes import span_fix
from rulecheck.rulebook.rule import Replacement, Replacements

DELETE_CLAUSE = Replacements(safe=[Replacement(text="", clause=True)])


def _fix(text: str, needle: str):
    start = text.index(needle)
    return span_fix(DELETE_CLAUSE, start, start + len(needle), needle, text)


def test_a_sentence_alone_on_its_line_goes_with_the_line() -> None:
    text = "第一行照常说。\n店铺保留对赠品的一切解释权。\n第三行也照常。\n"
    fix = _fix(text, "一切解释权")
    assert fix is not None
    assert fix.message == "Delete “店铺保留对赠品的一切解释权。” and its line"
    (edit,) = fix.edits
    assert text[:edit.start] + text[edit.end:] == "第一行照常说。\n第三行也照常。\n"


def test_a_clause_inside_a_line_is_described_as_it_is() -> None:
    text = "这款杯子很好看，店铺保留一切解释权，欢迎选购。\n"
    fix = _fix(text, "一切解释权")
    assert fix is not None
    assert fix.message == "Delete “店铺保留一切解释权，”"
    assert "\n" not in fix.message
