"""Literal words every match of a regex must contain, so a rule can be anchored on them.

`/(没有|找不到)[^，。]{0,6}比[^，。]{0,8}(更|还)便宜/` matches only where one of 没有 or
找不到 occurs, where 比 occurs, and where 更便宜 or 还便宜 occurs: each of those sets is
*required*, and any of them can select the sentences worth running the regex on. The
rarest one (see rulebook/frequency.py) is the best anchor; without this, a rule written
`/.../ and "比"` was anchored on 比, which occurs thousands of times per megabyte.

`required_sets(source, flags)` returns every such set it can prove, longest words first
within a set; an empty tuple when it proves none. The proof is conservative: a piece
that could match without any fixed text (a class, `.`, an optional group) requires
nothing, and only small finite alternations are spelled out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser as sre  # type: ignore[attr-defined]

from rulecheck.dsl import nodes as n

#: Most strings a finite piece may spell out before it is treated as open-ended.
MAX_STRINGS = 48
#: Longest required word kept: the evasion scan finds separated words up to this long.
MAX_LENGTH = 12
#: Characters in a [class] that is still spelled out (好[用的] -> 好用, 好的).
MAX_CLASS = 6

_FLAGS = {"i": re.IGNORECASE, "s": re.DOTALL, "x": re.VERBOSE, "a": re.ASCII}

Strings = frozenset[str]


def required_sets(source: str, flags: str = "") -> tuple[Strings, ...]:
    """Sets of words of which every match contains at least one, each set non-empty."""
    try:
        parsed = sre.parse(source, sum(_FLAGS.get(f, 0) for f in flags))
    except (re.error, RecursionError, OverflowError):
        return ()
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    _exact, options = _sequence(list(parsed))
    out: list[Strings] = []
    for strings in options:
        kept = _minimal(strings)
        if not kept or any(not s or len(s) > MAX_LENGTH for s in kept):
            continue
        if ignore_case and any(ch.lower() != ch.upper() for s in kept for ch in s):
            continue  # a cased letter under (?i): the text may spell it either way
        if kept not in out:
            out.append(kept)
    return tuple(out)


def _minimal(strings: Strings) -> Strings:
    """Drop words that contain another word of the set: finding the shorter one suffices."""
    return frozenset(s for s in strings
                     if not any(t != s and t in s for t in strings))


def _sequence(items: list) -> tuple[Strings | None, list[Strings]]:
    """(every string the sequence matches, if few; required sets) of a concatenation."""
    options: list[Strings] = []
    run: Strings | None = frozenset({""})  # the exact strings of the current run
    whole: Strings | None = frozenset({""})
    for item in items:
        exact, required = _item(item)
        options.extend(required)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_STRINGS:
            run = frozenset(a + b for a in run for b in exact)
        else:
            if run is not None and "" not in run:
                options.append(run)
            run = exact
        if whole is not None:
            whole = (frozenset(a + b for a in whole for b in exact)
                     if exact is not None and len(whole) * len(exact) <= MAX_STRINGS else None)
    if run is not None and "" not in run:
        options.append(run)
    return whole, options


def _item(item: tuple) -> tuple[Strings | None, list[Strings]]:
    """(exact strings, required sets) of one parsed regex item."""
    op, arg = item
    if op == c.LITERAL:
        return frozenset({chr(arg)}), []
    if op == c.AT:
        return frozenset({""}), []
    if op == c.IN:
        chars = _class_chars(arg)
        return (frozenset(chars) if chars else None), []
    if op == c.SUBPATTERN:
        add_flags, del_flags = arg[1], arg[2]
        if add_flags & re.IGNORECASE or del_flags & re.IGNORECASE:
            return None, []  # case handling changes inside: prove nothing here
        return _sequence(list(arg[3]))
    if op == c.BRANCH:
        results = [_sequence(list(b)) for b in arg[1]]
        exact: Strings | None = frozenset()
        for e, _ in results:
            exact = None if e is None or exact is None else exact | e
        if exact is not None and len(exact) > MAX_STRINGS:
            exact = None
        required: list[Strings] = []
        if exact is not None and "" not in exact:
            required.append(exact)
        else:  # each branch's rarest-looking set: the longest words, fewest of them
            picks = [_best(opts + ([e] if e is not None and "" not in e else []))
                     for e, opts in results]
            if all(p is not None for p in picks):
                required.append(frozenset().union(*picks))  # type: ignore[arg-type]
        return exact, required
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = arg
        exact, required = _sequence(list(body))
        if lo == 0:
            if hi == 1 and exact is not None:
                return exact | {""}, []
            return None, []
        if lo == hi == 1:
            return exact, required
        if exact is not None and "" not in exact:
            required = [*required, exact]
        return None, required
    return None, []  # ., negated and open classes, categories, back references


def _class_chars(arg: list) -> list[str] | None:
    """The characters of a small plain class such as [的了], else None."""
    out: list[str] = []
    for op, value in arg:
        if op == c.LITERAL:
            out.append(chr(value))
        elif op == c.RANGE and value[1] - value[0] < MAX_CLASS:
            out.extend(chr(x) for x in range(value[0], value[1] + 1))
        else:
            return None
    return out if 0 < len(out) <= MAX_CLASS else None


def _best(options: list[Strings]) -> Strings | None:
    """Without frequencies at hand: the set whose shortest word is longest, then smallest."""
    usable = [o for o in options if o and "" not in o]
    if not usable:
        return None
    return max(usable, key=lambda o: (min(map(len, o)), -len(o)))


# -- a rule's necessary condition over the pieces one scan finds -------------------------

#: A necessary condition, as a small tree of tuples (cheap to pickle and to walk):
#: ("piece", pattern ids, regex words) holds in a unit when one of the patterns has a hit
#: in it or one of the words occurs in its text (a regex's word is looked for as a
#: substring: the regex reads the same text); ("all", needs) and ("any", needs) combine.
Need = tuple
TRUE: Need = ("all", ())
FALSE: Need = ("any", ())


def piece(pids: Iterable[int] = (), words: Iterable[str] = ()) -> Need:
    return ("piece", frozenset(pids), frozenset(words))


def hits_need(node: n.Node) -> Need:
    """What every unit in which `node.hits` finds something contains."""
    if isinstance(node, n.Phrase):
        return piece(node.pids) if node.pids else TRUE
    if isinstance(node, n.Regex):
        return all_of([piece(words=ws) for ws in required_sets(node.pattern.source,
                                                               node.pattern.flags)])
    if node.is_condition:
        return FALSE if isinstance(node, n.Condition) else TRUE  # conditions never hit
    if isinstance(node, n.And):
        return all_of([hits_need(node.left), holds_need(node.right)])
    if isinstance(node, n.Or):
        return any_of([hits_need(node.left), hits_need(node.right)])
    if isinstance(node, n.Near):
        return all_of([hits_need(node.left), hits_need(node.right)])
    return TRUE  # entities, price ratios, anything new: no literal is required


def holds_need(node: n.Node) -> Need:
    """What every unit in which `node.holds` for some hit contains."""
    if isinstance(node, n.And):
        return all_of([holds_need(node.left), holds_need(node.right)])
    if isinstance(node, n.Or):
        return any_of([holds_need(node.left), holds_need(node.right)])
    if isinstance(node, (n.Context, n.Overlapping)):
        return hits_need(node.inner)  # the inner node must hit in the unit
    if node.is_condition:
        return TRUE  # not(), quoted(), contradicted(): may hold on an empty unit
    return hits_need(node)  # a matcher holds where it hits


def node_need(node: n.Node) -> Need | None:
    """The necessary condition of `node.hits`, worth checking before evaluating it (None
    when it is always true, or the node is a plain phrase, which finds its own hits as
    cheaply); computed once and kept on the node (pickled with the rulebook)."""
    cached = node.__dict__.get("_need", _UNSET)
    if cached is _UNSET:
        need = None if isinstance(node, n.Phrase) else hits_need(node)
        cached = node.__dict__["_need"] = None if need == TRUE else need
    return cached


_UNSET = object()


def all_of(needs: list[Need]) -> Need:
    out: list[Need] = []
    for need in needs:
        parts = need[1] if need[0] == "all" else (need,)
        for part in parts:
            if part == FALSE:
                return FALSE
            if part not in out:
                out.append(part)
    out.sort(key=lambda part: part[0] != "piece")  # single pieces are checked first
    return out[0] if len(out) == 1 else ("all", tuple(out))


def any_of(needs: list[Need]) -> Need:
    pids: set[int] = set()
    words: set[str] = set()
    rest: list[Need] = []
    for need in needs:
        for part in (need[1] if need[0] == "any" else (need,)):
            if part == TRUE:
                return TRUE
            if part[0] == "piece":  # one of several pieces is one wider piece
                pids.update(part[1])
                words.update(part[2])
            elif part not in rest:
                rest.append(part)
    out = ([piece(pids, words)] if pids or words else []) + rest
    return out[0] if len(out) == 1 else ("any", tuple(out))
