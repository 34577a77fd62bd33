"""Every example of every bundled rule as its own test, as sqlfluff runs its YAML cases.

A failure names the rule and the example: ``AD-ZH-001-bad-3``. The same cases run in
``rulecheck rules test``; here pytest can select, rerun and report them one by one.
"""

from __future__ import annotations

import pytest

from rulecheck.engine.checker import Checker
from rulecheck.ruletest import Case, cases, run_case

_BOOK = Checker()
CASES: list[Case] = [c for rid in sorted(_BOOK.rules) for c in cases(_BOOK.rules[rid])]


def test_every_bad_example_pins_its_span() -> None:
    unpinned = [c.id for c in CASES if c.kind == "bad" and not c.spans]
    assert unpinned == [], "mark the words each bad example must flag with [[...]]"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_example(case: Case) -> None:
    failures = run_case(_BOOK, case)
    assert not failures, "\n".join(map(str, failures))
