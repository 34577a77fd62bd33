"""DSL `/regex/`es, run by RE2 so that matching time is linear in the text.

Python's `re` backtracks: a pattern such as `(a|aa)*b` or `(a+)+$` takes time
exponential in the length of a crafted text, and rule packs come from users. RE2
(google-re2) never backtracks; the price is that it has no lookaround, no
backreferences, no possessive quantifiers and no atomic groups. Those are refused
here with a message that names them.

What a lookaround did is written instead with a group named `hit`: the pattern
matches the context too, and only the `hit` group is reported, e.g.
`/(?:^|[^a-z])(?P<hit>[a-z]家)(?:$|[^人庭])/` for `/(?<![a-z])[a-z]家(?![人庭])/`.
The next match is searched from the end of `hit`, as after a lookahead. Where
alternatives need different context, each has its own group, `hit_2`, `hit_x`
(RE2 group names are unique); the first that took part is reported, and a match
in which none took part (an exception written first) reports nothing.

The pattern is translated so that it means what it means to Python's `re`:
`\\d`, `\\w`, `\\s` are Unicode classes (RE2's are ASCII; the `a` flag keeps
them ASCII), `{,n}` is `{0,n}`, `\\Z` is `\\z`, `\\uXXXX` and `\\N{NAME}` are
code points. `\\b` stays ASCII: RE2 has no Unicode word boundary.

A regex sees its unit (the sentence, window or document it is judged in) as the
whole text: `^` and `$` are the unit's start and end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import re2

from rulecheck.lazyre import LazyPattern

#: The name of the group whose span is reported instead of the whole match (also
#: hit_<suffix>, for more than one).
FOCUS_GROUP = "hit"

#: Python's \s for str: every character for which str.isspace() is true (all < U+3001).
_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in filter(str.isspace, map(chr, range(0x3001))))
_WORD = r"\p{L}\p{N}_"
_CLASSES = {"d": r"\p{Nd}", "w": _WORD, "s": _SPACE}

_FLAG_PREFIX = {"i": "(?i)", "s": "(?s)"}
_KNOWN_FLAGS = frozenset("aisx")

_GROUP_CONSTRUCTS = (
    ("(?<=", "lookbehind (?<=...)"),
    ("(?<!", "negative lookbehind (?<!...)"),
    ("(?=", "lookahead (?=...)"),
    ("(?!", "negative lookahead (?!...)"),
    ("(?P=", "backreference (?P=name)"),
    ("(?>", "atomic group (?>...)"),
    ("(?(", "conditional group (?(...)...)"),
)
_HINT = {
    "lookahead": f"match the context outside a group named `{FOCUS_GROUP}`, "
                 f"e.g. (?P<{FOCUS_GROUP}>X)(?:$|[^Y]) for X(?![Y])",
    "lookbehind": f"match the context outside a group named `{FOCUS_GROUP}`, "
                  f"e.g. (?:^|[^Y])(?P<{FOCUS_GROUP}>X) for (?<![Y])X",
    "backreference": "write the repeated text out",
    "possessive": "use a plain quantifier (matching never backtracks here)",
    "atomic": "use a plain group (matching never backtracks here)",
}


class RegexSyntaxError(ValueError):
    """A pattern that RE2 cannot run; `offset` is the index in the pattern source, when
    known."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset


def _hint(construct: str) -> str:
    for key, hint in _HINT.items():
        if key in construct:
            return f"; {hint}"
    return ""


def _unsupported(construct: str, offset: int) -> RegexSyntaxError:
    return RegexSyntaxError(f"{construct} is not supported (regexes run in linear time, "
                            f"with RE2){_hint(construct)}", offset)


def _strip_verbose(source: str) -> str:
    """What the `x` flag means: white space and #-comments outside classes are dropped."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(source):
        c = source[i]
        if c == "\\" and i + 1 < len(source):
            out.append(source[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source.startswith("]", i + 1) or source.startswith("^]", i + 1):
                j = source.index("]", i + 1) + 1
                out.append(source[i:j])
                i = j
                continue
        elif c.isspace():
            i += 1
            continue
        elif c == "#":
            nl = source.find("\n", i)
            i = len(source) if nl < 0 else nl + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _escape(source: str, i: int, in_class: bool, ascii_only: bool) -> tuple[str, int]:
    """Translate the escape at source[i] ('\\'); returns the RE2 text and the next index."""
    if i + 1 >= len(source):
        raise RegexSyntaxError("a pattern cannot end with a backslash", i)
    c = source[i + 1]
    if c in "123456789":
        raise _unsupported(f"backreference \\{c}", i)
    if c in "dws" and not ascii_only:
        body = _CLASSES[c]
        return (body if in_class else f"[{body}]"), i + 2
    if c in "DWS" and not ascii_only:
        if c == "D":
            return r"\P{Nd}", i + 2
        if in_class:
            raise RegexSyntaxError(f"\\{c} inside [...] is not supported; write the class "
                                   f"out or use the `a` flag", i)
        return f"[^{_CLASSES[c.lower()]}]", i + 2
    if c == "Z":
        return r"\z", i + 2
    if c in "uU":
        width = 4 if c == "u" else 8
        digits = source[i + 2:i + 2 + width]
        if len(digits) != width or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise RegexSyntaxError(f"\\{c} needs {width} hex digits", i)
        return f"\\x{{{digits}}}", i + 2 + width
    if c == "N" and source.startswith("{", i + 2):
        close = source.find("}", i + 3)
        name = source[i + 3:close] if close > 0 else ""
        try:
            return f"\\x{{{ord(unicodedata.lookup(name)):x}}}", close + 1
        except KeyError:
            raise RegexSyntaxError(f"unknown character name \\N{{{name}}}", i) from None
    if c == "0":
        return r"\x{0}", i + 2
    return source[i:i + 2], i + 2


def translate(source: str, flags: str = "") -> str:
    """The RE2 pattern that means what `source` means to Python's `re` with `flags`."""
    unknown = set(flags) - _KNOWN_FLAGS
    if unknown:
        raise RegexSyntaxError(f"unknown regex flag {''.join(sorted(unknown))!r}")
    if "x" in flags:
        source = _strip_verbose(source)
    ascii_only = "a" in flags
    out: list[str] = [_FLAG_PREFIX[f] for f in flags if f in _FLAG_PREFIX]
    i, in_class, quantified = 0, False, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            text, i = _escape(source, i, in_class, ascii_only)
            out.append(text)
            quantified = False
            continue
        if in_class:
            out.append(c)
            in_class = c != "]"
            i += 1
            continue
        if c == "[":
            in_class = True
            j = i + 1 + source.startswith("^", i + 1)
            if source.startswith("]", j):  # a leading ] is a literal
                j += 1
            out.append(source[i:j].replace("]", r"\]") if j > i + 1 else c)
            i = j
            quantified = False
            continue
        if c == "(" and source.startswith("(?", i):
            for opener, construct in _GROUP_CONSTRUCTS:
                if source.startswith(opener, i):
                    raise _unsupported(construct, i)
            if source.startswith("(?#", i):  # a comment
                close = source.find(")", i)
                i = len(source) if close < 0 else close + 1
                continue
            inline = source[i + 2:]
            letters = inline[:len(inline) - len(inline.lstrip("aiLmsux-"))]
            if letters and inline[len(letters):][:1] in (")", ":") \
                    and set(letters) & set("aLux"):
                raise _unsupported(f"inline flag (?{letters})", i)
        if c in "*+?}" and quantified and c != "}":
            if c == "+":
                raise _unsupported("possessive quantifier", i)
            quantified = False  # a lazy quantifier such as *?
            out.append(c)
            i += 1
            continue
        if c == "{" and source.startswith("{,", i):
            close = source.find("}", i)
            if close > 0 and source[i + 2:close].isdigit():
                out.append("{0," + source[i + 2:close] + "}")
                i = close + 1
                quantified = True
                continue
        if c == "}" and source.startswith("}+", i):
            raise _unsupported("possessive quantifier", i + 1)
        out.append(c)
        quantified = c in "*+?}"
        i += 1
    return "".join(out)


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # errors are reported once, as a rule error
    return options


@dataclass(frozen=True)
class LinearPattern:
    """A compiled DSL regex: its source, flags, and the RE2 program that runs it."""

    source: str
    flags: str
    compiled: object
    focus: tuple[int, ...]  # the indexes of the `hit` groups, if any

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Non-empty matches (or their `hit` group) in text[start:end], as offsets in text."""
        unit = text[start:end]
        finditer = self.compiled.finditer  # type: ignore[attr-defined]
        if not self.focus:
            return [(m.start() + start, m.end() + start) for m in finditer(unit)
                    if m.end() > m.start()]
        # As with lookarounds, hits do not overlap but their context may: after a hit
        # the search starts again just after the start of its match.
        out: list[tuple[int, int]] = []
        pos = floor = 0
        while pos <= len(unit):
            restart = None
            for m in finditer(unit, pos):
                s, e = self._focus_span(m)
                if s < 0:
                    continue  # an exception written first: nothing to report
                if s >= floor and e > s:
                    out.append((s + start, e + start))
                    floor = e
                restart = m.start() + 1
                break
            if restart is None:
                break
            pos = restart
        return out

    def _focus_span(self, m) -> tuple[int, int]:  # noqa: ANN001 - an re2 match
        for group in self.focus:
            span = m.span(group)
            if span[0] >= 0:
                return span
        return -1, -1

    def __reduce__(self):
        # RE2 programs are rebuilt from the source, on first use: a short check runs a
        # few of the rulebook's regexes, and compiling all of them when the cached
        # rulebook is loaded cost more than the rest of a one-file check
        translated = self.__dict__.get("_translated") or translate(self.source, self.flags)
        return _unpickled, (self.source, self.flags, translated, self.focus)

    def __getattr__(self, name: str) -> object:
        """The RE2 program of an unpickled pattern, compiled when first asked for."""
        translated = self.__dict__.get("_translated")
        if name != "compiled" or translated is None:
            raise AttributeError(name)
        compiled = re2.compile(translated, _options())
        object.__setattr__(self, "compiled", compiled)
        return compiled


def _unpickled(source: str, flags: str, translated: str, focus: tuple[int, ...]
               ) -> LinearPattern:
    """A pattern that compiled once (so it compiles), its program built on first use."""
    pattern = object.__new__(LinearPattern)
    for name, value in (("source", source), ("flags", flags), ("focus", focus),
                        ("_translated", translated)):
        object.__setattr__(pattern, name, value)
    return pattern


#: RE2 refuses counted repeats above 1000 (or silently misreads huge ones): say so plainly.
MAX_REPEAT = 1000
_REPEAT = LazyPattern(r"(?<!\\x)(?<!\\)\{(\d+)(?:,(\d*))?\}")


def compile_pattern(source: str, flags: str = "") -> LinearPattern:
    """Compile a DSL regex for RE2; raises RegexSyntaxError naming what is not supported."""
    translated = translate(source, flags)
    for m in _REPEAT.finditer(translated):
        if any(int(n) > MAX_REPEAT for n in m.groups() if n):
            raise RegexSyntaxError(f"cannot compile: a repeat count in {m.group()} is over "
                                   f"{MAX_REPEAT}, the most RE2 allows")
    try:
        compiled = re2.compile(translated, _options())
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise RegexSyntaxError(f"bad regular expression: {detail}") from None
    focus = tuple(index for name, index in sorted(compiled.groupindex.items(),
                                                   key=lambda item: item[1])
                  if name == FOCUS_GROUP or name.startswith(FOCUS_GROUP + "_"))
    return LinearPattern(source, flags, compiled, focus)
