"""`rulecheck rules lint` asks every bad example to mark the words its rule must flag."""

from __future__ import annotations

import textwrap
from pathlib import Path

from rulecheck.rulebook.compiler import load_rulebook
from rulecheck.rulebook.lint import lint_rulebook

_RULE = """\
- id: AD-ZH-970
  category: advertising
  family: test
  severity: error
  lang: zh
  title: t
  law: l
  message: "m {{match}}"
  match: '"销量冠军"'
  examples:
    bad: [{bad}]
    good: ["店里的招牌菜"]
"""


def _unpinned(tmp_path: Path, bad: str) -> list[str]:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "r.yaml").write_text(textwrap.dedent(_RULE).format(bad=bad), encoding="utf-8")
    book = load_rulebook([tmp_path], bundled=False, use_cache=False)
    return [i.message for i in lint_rulebook(book) if i.code == "unpinned-example"]


def test_a_bad_example_without_marked_words_is_reported(tmp_path: Path) -> None:
    found = _unpinned(tmp_path, '"这款是[[销量冠军]]", "年度销量冠军就是它"')
    assert len(found) == 1 and "AD-ZH-970: bad example(s) 2 " in found[0]


def test_marked_bad_examples_are_not_reported(tmp_path: Path) -> None:
    assert _unpinned(tmp_path, '"这款是[[销量冠军]]", "年度[[销量冠军]]就是它"') == []


def test_the_bundled_rules_mark_every_bad_example(bundled_checker) -> None:
    codes = {i.code for i in lint_rulebook(bundled_checker.rulebook)}
    assert "unpinned-example" not in codes
