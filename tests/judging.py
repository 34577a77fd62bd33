"""Checking a sentence with a checker whose context judge records what it dismissed.

A non-claim must not only give no finding: the judge must have dismissed a hit of it as
the expected kind, or the test would pass on a sentence no rule matches at all. The
recording checker is the `judged` fixture in conftest.py.
"""

from __future__ import annotations

import rulecheck

FLAGGING = frozenset({"warning", "error"})

Judged = tuple[rulecheck.Checker, list[str]]


def check_judged(judged: Judged, text: str) -> tuple[list, list[str]]:
    """The warning and error findings of `text`, and the kinds its hits were dismissed as."""
    checker, kinds = judged
    kinds.clear()
    found = [f for f in checker.check_text(text) if f.severity in FLAGGING]
    return found, list(kinds)
