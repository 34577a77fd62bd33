"""Ambiguous repetition in a regex: harmless under RE2, but a sign of a sloppy pattern.

`(a+)+` or `(照样|照)*` can match one text in exponentially many ways. rulecheck runs
regexes with RE2, so this costs nothing here, but the same pattern is a denial of
service wherever it is reused with a backtracking engine (a grep, an editor, another
checker), and an alternation of overlapping words usually says less than was meant.
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)


def _many(hi: int) -> bool:
    return hi is sre_constants.MAXREPEAT or hi > 1


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly inside one parsed item."""
    if op in _REPEATS:
        return [av[2]]
    if op is sre_constants.SUBPATTERN:
        return [av[-1]]
    if op is sre_constants.BRANCH:
        return list(av[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    return []


def _leading_literal(sub: Any) -> str:
    out = []
    for op, av in sub:
        if op is not sre_constants.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


def _has_repeat(sub: Any) -> bool:
    for op, av in sub:
        if op in _REPEATS and _many(av[1]):
            return True
        if any(_has_repeat(child) for child in _children(op, av)):
            return True
    return False


def _overlapping_words(sub: Any) -> tuple[str, str] | None:
    """Two alternatives of a branch in `sub` where one word begins the other."""
    for op, av in sub:
        if op is sre_constants.BRANCH:
            words = [w for w in (_leading_literal(alt) for alt in av[1]) if w]
            for a in words:
                for b in words:
                    if a != b and b.startswith(a):
                        return a, b
        for child in _children(op, av):
            found = _overlapping_words(child)
            if found:
                return found
    return None


def _walk(sub: Any, problems: list[str]) -> None:
    for op, av in sub:
        if op in _REPEATS and _many(av[1]):
            body = av[2]
            if _has_repeat(body):
                problems.append("a quantifier inside a repeated group, as in (a+)+: "
                                "ambiguous, exponential for backtracking engines")
                continue
            words = _overlapping_words(body)
            if words:
                problems.append(f"a repeated alternation of overlapping words "
                                f"({words[0]} | {words[1]}): ambiguous, exponential for "
                                f"backtracking engines")
                continue
        for child in _children(op, av):
            _walk(child, problems)


def ambiguous_repeats(source: str) -> list[str]:
    """What makes `source` match a text in many ways; [] when nothing (or not parseable)."""
    try:
        parsed = sre_parse.parse(source)
    except Exception:  # RE2-only syntax such as \\p{L}: nothing to say
        return []
    problems: list[str] = []
    _walk(parsed, problems)
    return problems
