"""Glob patterns with ``**`` matched in linear time.

A glob turned into a backtracking regex (``*a*a*a*a*b`` as ``[^/]*a[^/]*a...``)
takes exponential time on a long path that almost matches. Here a pattern is an
automaton run over all its states at once (Thompson's construction): the time is
at most (path length x pattern length), whatever the pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The longest pattern accepted (a glob names files; it is never a program).
MAX_PATTERN = 1000


class GlobError(ValueError):
    """The pattern is invalid (message says why)."""


@dataclass(frozen=True)
class _State:
    kind: str  # lit | any | class | star | dstar | split | slash_tail
    char: str = ""
    cls: re.Pattern[str] | None = None


def _class(body: str) -> re.Pattern[str]:
    negate = body.startswith("!")
    if negate:
        body = body[1:]
    if not body:
        raise GlobError("empty character class []")
    escaped = "".join("\\" + c if c in "\\^[]" else c for c in body)
    try:
        return re.compile(f"[{'^' if negate else ''}{escaped}]")
    except re.error as exc:
        raise GlobError(f"bad character class [{body}]: {exc.msg}") from None


def compile_glob(pattern: str) -> tuple[_State, ...]:
    """The states of ``pattern``: ``*`` (no ``/``), ``**`` (anything), ``**/`` (any
    directories, or none), ``?``, ``[abc]``, ``[!a-z]``; ``GlobError`` when invalid."""
    if len(pattern) > MAX_PATTERN:
        raise GlobError(f"pattern longer than {MAX_PATTERN} characters")
    p = pattern.strip()
    if p.startswith("./"):
        p = p.lstrip("./")
    p = p.rstrip("/") + ("/**" if p.endswith("/") else "")
    out: list[_State] = []
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append(_State("split"))  # either skip the directories or ...
            out.append(_State("dstar"))  # ... any characters ...
            out.append(_State("lit", "/"))  # ... ending with a slash
            i += 3
        elif p.startswith("**", i):
            out.append(_State("dstar"))
            i += 2
        elif c == "*":
            if not out or out[-1].kind != "star":  # ** without a slash is handled above
                out.append(_State("star"))
            i += 1
        elif c == "?":
            out.append(_State("any"))
            i += 1
        elif c == "[" and p.find("]", i + 2 if p.startswith("[!", i) else i + 1) > 0:
            j = p.find("]", i + 2 if p.startswith("[!", i) else i + 1)
            out.append(_State("class", cls=_class(p[i + 1:j])))
            i = j + 1
        else:
            out.append(_State("lit", c))
            i += 1
    return tuple(out)


def _closure(states: tuple[_State, ...], start: set[int]) -> set[int]:
    """``start`` plus every state reachable without reading a character."""
    todo = list(start)
    seen = set(start)
    while todo:
        i = todo.pop()
        if i >= len(states):
            continue
        kind = states[i].kind
        nxt: tuple[int, ...] = ()
        if kind in ("star", "dstar"):
            nxt = (i + 1,)
        elif kind == "split":
            nxt = (i + 1, i + 3)
        for j in nxt:
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return seen


def _step(state: _State, i: int, ch: str) -> int | None:
    kind = state.kind
    if kind == "lit":
        return i + 1 if ch == state.char else None
    if kind == "any":
        return i + 1 if ch != "/" else None
    if kind == "class":
        return i + 1 if state.cls is not None and state.cls.fullmatch(ch) else None
    if kind == "star":
        return i if ch != "/" else None
    if kind == "dstar":
        return i
    return None


def matches(states: tuple[_State, ...], text: str) -> bool:
    """Whether the whole of ``text`` matches the compiled pattern."""
    current = _closure(states, {0})
    for ch in text:
        moved = {j for i in current if i < len(states)
                 for j in (_step(states[i], i, ch),) if j is not None}
        if not moved:
            return False
        current = _closure(states, moved)
    return len(states) in current
