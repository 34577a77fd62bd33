"""Inline suppressions written in the script itself.

Three directives, each in a ``#``, ``//`` or ``<!-- -->`` comment:

* ``rulecheck: ignore[AD-ZH-001, PR]`` at the end of a line: findings on that line;
  alone on a line: findings on the next non-blank line. Bare ``rulecheck: ignore``
  means every rule.
* ``rulecheck: disable AD-ZH-001`` ... ``rulecheck: enable AD-ZH-001``: a range
  (bare = every rule; an unclosed range runs to the end of the file).

Codes are rule ids, id prefixes or category ids, as for ``--select``. A
directive that hides nothing is reported back (ruff's RUF100, ESLint's
``reportUnusedDisableDirectives``) so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rulecheck.engine.selection import is_selected
from rulecheck.lazyre import LazyPattern
from rulecheck.model import Finding
from rulecheck.rulebook.rule import Rule

#: ``<!-- rulecheck: verb [codes] -->`` (Markdown, HTML).
_HTML = LazyPattern(
    r"<!--[ \t]*rulecheck:[ \t]*(?P<verb>ignore|disable|enable)\b"
    r"(?:[ \t]*\[(?P<bracket>[^\]\n]*)\]|(?P<plain>[^\n]*?))[ \t]*-->", re.IGNORECASE)
#: ``# rulecheck: verb [codes]`` or ``// rulecheck: ...`` up to the end of the line.
_LINE = LazyPattern(
    r"(?:#|//)[ \t]*rulecheck:[ \t]*(?P<verb>ignore|disable|enable)\b"
    r"(?:[ \t]*\[(?P<bracket>[^\]\n]*)\]|(?P<plain>[^\n]*))", re.IGNORECASE)
_CODE_SPLIT = LazyPattern(r"[\s,，;；]+")


@dataclass
class Directive:
    """One suppression comment as written."""

    line: int  # 1-based line of the comment
    verb: str  # ignore | disable | enable
    codes: tuple[str, ...] | None  # None: every rule
    text: str  # the directive as written, for messages
    targets: tuple[int, int] = (0, 0)  # first and last line it covers (inclusive)
    used: set[str | None] = field(default_factory=set)  # codes that hid something
    ends: dict[str | None, int] = field(default_factory=dict)  # disable: code -> enable line


@dataclass(frozen=True)
class Unused:
    """A suppression that hid nothing: report it so it can be deleted."""

    path: str
    line: int
    directive: str
    codes: tuple[str, ...] | None  # the unused codes; None: the bare directive

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: unused suppression {self.directive}"


def _codes(bracket: str | None, plain: str | None) -> tuple[str, ...] | None:
    raw = bracket if bracket is not None else (plain or "")
    raw = raw.split("--", 1)[0]  # "-- reason" after the codes is a comment
    codes = tuple(c for c in _CODE_SPLIT.split(raw.strip()) if c)
    return codes or None


def _render(verb: str, codes: tuple[str, ...] | None) -> str:
    if codes is None:
        return f"rulecheck: {verb}"
    if verb == "ignore":
        return f"rulecheck: ignore[{', '.join(codes)}]"
    return f"rulecheck: {verb} {', '.join(codes)}"


def parse(text: str) -> list[Directive]:
    """Every directive in ``text`` with the lines it covers."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]  # as Finding.line counts
    found: list[tuple[int, int, str, tuple[str, ...] | None]] = []  # line, col, verb, codes
    for i, line in enumerate(lines, start=1):
        if "rulecheck" not in line.lower():
            continue
        for m in _HTML.finditer(line):
            found.append((i, m.start(), m.group("verb").lower(),
                          _codes(m.group("bracket"), m.group("plain"))))
        for m in _LINE.finditer(line):
            found.append((i, m.start(), m.group("verb").lower(),
                          _codes(m.group("bracket"), m.group("plain"))))
    found.sort()
    directive_only = {ln for ln, col, _, _ in found if not lines[ln - 1][:col].strip()}

    def next_content(after: int) -> int:
        for j in range(after + 1, len(lines) + 1):
            if lines[j - 1].strip() and j not in directive_only:
                return j
        return after

    out: list[Directive] = []
    open_ranges: list[tuple[Directive, str | None]] = []  # (disable directive, code)
    for ln, _col, verb, codes in found:
        d = Directive(ln, verb, codes, _render(verb, codes))
        if verb == "ignore":
            target = next_content(ln) if ln in directive_only else ln
            d.targets = (target, target)
            out.append(d)
        elif verb == "disable":
            d.targets = (ln, len(lines))
            out.append(d)
            for code in codes or (None,):
                open_ranges.append((d, code))
        else:  # enable closes matching open ranges
            keep = []
            for rd, code in open_ranges:
                if codes is None or (code is not None and code.upper() in
                                     {c.upper() for c in codes}):
                    rd.ends[code] = ln
                else:
                    keep.append((rd, code))
            open_ranges = keep
    return out


def _covers(d: Directive, code: str | None, line: int, end_line: int) -> bool:
    first, last = d.targets
    if d.verb == "disable":
        last = d.ends.get(code, last)
        return first <= line <= last
    return first <= end_line and line <= last


def apply(path: str, text: str, findings: Iterable[Finding], rules: Mapping[str, Rule],
          active: Callable[[str], bool] | None = None
          ) -> tuple[list[Finding], list[Unused]]:
    """Drop the findings a directive covers; also return the directives that hid nothing.

    ``active(code)`` says whether a code names some rule run this time; unused
    codes that name no running rule are not reported (a ``--select`` run must not
    flag suppressions for rules it never ran).
    """
    findings = list(findings)
    directives = parse(text) if "rulecheck" in text.lower() else []
    if not directives:
        return findings, []
    kept: list[Finding] = []
    for f in findings:
        rule = rules.get(f.rule)
        hidden = False
        for d in directives:
            if d.verb == "enable":
                continue
            for code in d.codes or (None,):
                if not _covers(d, code, f.line, f.end_line):
                    continue
                if code is None or (rule is not None and is_selected(rule, [code], None, True)):
                    d.used.add(code)
                    hidden = True
        if not hidden:
            kept.append(f)
    unused: list[Unused] = []
    for d in directives:
        if d.codes is None:
            if not d.used:
                unused.append(Unused(path, d.line, d.text, None))
            continue
        idle = tuple(c for c in d.codes if c not in d.used and (active is None or active(c)))
        if idle:
            unused.append(Unused(path, d.line, _render(d.verb, idle), idle))
    return kept, unused
