"""Checking a sentence with a checker whose context judge records what it dismissed.

A non-claim must not only give no finding: the judge must have dismissed a hit of it as
the expected kind, or the test would pass on a sentence no rule matches at all. The
recording checker is the `judged` fixture in conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import rulecheck

FLAGGING = frozenset({"warning", "error"})

Judged = tuple[rulecheck.Checker, list[str]]


def check_judged(judged: Judged, text: str) -> tuple[list, list[str]]:
    """The warning and error findings of `text`, and the kinds its hits were dismissed as."""
    checker, kinds = judged
    kinds.clear()
    found = [f for f in checker.check_text(text) if f.severity in FLAGGING]
    return found, list(kinds)


#: judgement -> lang -> (kinds a non-claim may be dismissed as, claims, non-claims)
Cases = dict[str, dict[str, tuple[tuple[str, ...], list[str], list[str]]]]


def case_params(cases: Cases, which: int) -> list[Any]:
    """One pytest param (judgement, kinds, text) per claim (`which` 0) or non-claim (1),
    with ids such as `register-zh-not-03`."""
    out = []
    label = "claim" if which == 0 else "not"
    for judgement, langs in cases.items():
        for lang, (kinds, claims, nots) in langs.items():
            texts = claims if which == 0 else nots
            for n, text in enumerate(texts):
                out.append(pytest.param(judgement, kinds, text,
                                        id=f"{judgement}-{lang}-{label}-{n:02d}"))
    return out


def assert_flagged(judged: Judged, judgement: str, text: str) -> None:
    """A claim that carries a judgement's cue must still be flagged."""
    found, _ = check_judged(judged, text)
    assert found, f"{judgement}: a claim despite the cue, but nothing was flagged"


def assert_dismissed(judged: Judged, kinds: tuple[str, ...], text: str) -> None:
    """A non-claim gives no finding, and the judge dismissed a hit of it as one of `kinds`."""
    found, dismissed = check_judged(judged, text)
    assert not found, [(f.rule, f.text) for f in found]
    assert dismissed, "no rule matched inside: the sentence does not exercise the judge"
    assert set(kinds) & set(dismissed), dismissed


def assert_ten_each_way(cases: Cases) -> None:
    """Every judgement holds at least ten claims and ten non-claims in each language."""
    for judgement, langs in cases.items():
        for lang, (_, claims, nots) in langs.items():
            assert len(claims) >= 10 and len(nots) >= 10, (judgement, lang)


def case_tests(cases: Cases) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two parametrised tests a module of judged cases runs, bound in it by name:
    every claim is flagged; every non-claim is dismissed as one of its kinds."""

    @pytest.mark.parametrize(("judgement", "kinds", "text"), case_params(cases, 0))
    def test_claim_is_flagged(judged: Judged, judgement: str, kinds: tuple[str, ...],
                              text: str) -> None:
        assert_flagged(judged, judgement, text)

    @pytest.mark.parametrize(("judgement", "kinds", "text"), case_params(cases, 1))
    def test_non_claim_is_not_flagged(judged: Judged, judgement: str, kinds: tuple[str, ...],
                                      text: str) -> None:
        assert_dismissed(judged, kinds, text)

    return test_claim_is_flagged, test_non_claim_is_not_flagged
