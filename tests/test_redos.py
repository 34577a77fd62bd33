"""Regexes run in linear time: every bundled pattern on adversarial text, user patterns
that backtrack exponentially elsewhere, and constructs RE2 lacks refused with a position."""

from __future__ import annotations

import functools
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import re2

from rulecheck.dsl import nodes as n
from rulecheck.dsl.regex import LinearPattern, RegexSyntaxError, compile_pattern
from rulecheck.engine.checker import Checker
from rulecheck.errors import RuleError
from rulecheck.rulebook.compiler import load_rulebook
from tests.conftest import make_rule

#: Generous: these inputs take well under a second with RE2 and hours with backtracking.
#: The watchdog only turns a hang into a failure; it measures nothing.
WATCHDOG_SECONDS = 120


@contextmanager
def watchdog(seconds: int = WATCHDOG_SECONDS) -> Iterator[None]:
    def expired(*_: object) -> None:
        raise AssertionError(f"regex matching did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@functools.cache
def bundled_patterns() -> tuple[LinearPattern, ...]:
    """Every regex of the bundled rulebook, freshly compiled (no cache) once per run."""
    book = load_rulebook(use_cache=False)
    found: dict[tuple[str, str], LinearPattern] = {}
    for cr in book.rules.values():
        for tree in (cr.match, cr.unless, cr.downgrade):
            for node in n.walk(tree) if tree is not None else ():
                if isinstance(node, n.Regex):
                    found[(node.pattern.source, node.pattern.flags)] = node.pattern
    return tuple(found.values())


def literal_pieces(source: str) -> list[str]:
    """The pattern's own literal runs and alternatives: what an attacker would repeat."""
    pieces = [p for p in re.split(r"\\[a-zA-Z]|[\\()|?*+\[\]{}^$:.,!<=-]+|\d", source) if p]
    return sorted(set(pieces))[:40] or ["a"]


def adversarial_texts(source: str, size: int = 1_500) -> list[str]:
    """Repetitions of the literals, each ending in a character that spoils the match."""
    pieces = literal_pieces(source)
    texts = []
    for tail in ("!", "\u2603", ""):
        for run in (pieces, pieces[::-1], pieces[:2], pieces[-2:]):
            unit = "".join(run)
            texts.append((unit * (size // max(len(unit), 1) + 1))[:size] + tail)
    texts.append(("".join(p[:1] for p in pieces) * size)[:size] + "!")
    return texts


@pytest.mark.xdist_group("bundled-regexes")  # one worker compiles them
def test_every_bundled_regex_is_linear_time() -> None:
    patterns = bundled_patterns()
    assert len(patterns) > 50
    for pattern in patterns:
        assert isinstance(pattern.compiled, re2._Regexp), pattern.source


@pytest.mark.xdist_group("bundled-regexes")  # one worker compiles them
def test_bundled_regexes_on_adversarial_text() -> None:
    patterns = bundled_patterns()
    with watchdog():
        for pattern in patterns:
            for text in adversarial_texts(pattern.source):
                for s, e in pattern.spans(text, 0, len(text)):
                    assert 0 <= s < e <= len(text)


#: A consumer-rights pattern as it was once bundled: a repeated alternation of
#: overlapping words (我 | 我就 | 就 | 就给我 ...) that Python's backtracking engine needs
#: seconds for on 180 bytes, each 24 more bytes about eight times as long.
OVERLAPPING = (r"(不买|不拍|不下单|光看不买|光看不拍|只看不买|只看不拍|看了不买|白嫖)"
               r"(的|的人|的话|的朋友|的宝宝)?\s*(就|都|你就|我就|我直接|直接|我|就给我|给我|"
               r"都给我|赶紧)*\s*(出去|滚|别看了?|别在这|别在直播间|别待|别占|走开|踢出去|踢了|"
               r"禁言|拉黑|别进|别来了)")


def test_an_overlapping_repeated_alternation() -> None:
    pattern = compile_pattern(OVERLAPPING)
    text = "不买的" + "我就给我" * 2_000 + "啊"
    with watchdog():
        assert pattern.spans(text, 0, len(text)) == []
    assert pattern.spans("不买的我就给我出去", 0, 9) == [(0, 9)]


def write_pack(folder: Path, match: str) -> Path:
    pack = folder / "pack"
    pack.mkdir()
    (pack / "custom.yaml").write_text(make_rule("AD-EN-901", match, lang="en"),
                                      encoding="utf-8")
    return pack


def test_user_pack_with_catastrophic_pattern(tmp_path: Path) -> None:
    rules = write_pack(tmp_path, r"/(a+)+!/")
    checker = Checker(rulebook=load_rulebook([rules], bundled=False, use_cache=False))
    with watchdog():
        assert checker.check_text("a" * 5_000 + "b", lang="en") == []
        found = checker.check_text("say aaaa!", lang="en")
    assert [(f.rule, f.text) for f in found] == [("AD-EN-901", "aaaa!")]


@pytest.mark.parametrize(("pattern", "named"), [
    (r"/best(?! ever)/", "negative lookahead"),
    (r"/(?<=the )best/", "lookbehind"),
    (r"/(?<!not )best/", "negative lookbehind"),
    (r"/(a)\1/", "backreference"),
    (r"/(?P<x>a)(?P=x)/", "backreference"),
    (r"/a++b/", "possessive quantifier"),
    (r"/(?>ab)c/", "atomic group"),
])
def test_unsupported_constructs_are_rule_errors(tmp_path: Path, pattern: str,
                                               named: str) -> None:
    rules = write_pack(tmp_path, pattern)
    with pytest.raises(RuleError) as info:
        load_rulebook([rules], bundled=False, use_cache=False)
    message = str(info.value)
    first = message.splitlines()[0]
    assert re.match(r".*custom\.yaml:\d+:\d+: match: ", first), first
    assert named in first
    assert "^" in message  # the caret under the expression


def test_error_offsets_point_at_the_construct() -> None:
    with pytest.raises(RegexSyntaxError) as info:
        compile_pattern("abc(?=d)")
    assert info.value.offset == 3


def test_python_meanings_are_kept() -> None:
    def spans(source: str, text: str, flags: str = "") -> list[tuple[int, int]]:
        return compile_pattern(source, flags).spans(text, 0, len(text))

    assert spans(r"\w+", "中文abc，x") == [(0, 5), (6, 7)]  # \w is Unicode
    assert spans(r"\w+", "中文abc", "a") == [(2, 5)]  # unless the a flag
    assert spans(r"\d", "٣") == [(0, 1)]
    assert spans(r"a\s+b", "a\u3000b") == [(0, 3)]
    assert spans(r"[^，\s]+", "甲 乙，丙") == [(0, 1), (2, 3), (4, 5)]
    assert spans(r"x{,2}y", "xxy") == [(0, 3)]
    assert spans(r"\u6700", "最") == [(0, 1)]
    assert spans("A B # comment\n", "ab", "ix") == [(0, 2)]
    assert spans(r"a.b", "a\nb", "s") == [(0, 3)]
    assert spans(r"a.b", "a\nb") == []


def test_hit_group_reports_only_the_hit_and_resumes_after_it() -> None:
    pattern = compile_pattern(r"(?:^|[^a-z])(?P<hit>[a-z]家)(?:$|[^人])")
    assert pattern.spans("a家b家", 0, 4) == [(0, 2), (2, 4)]
    assert pattern.spans("a家人", 0, 3) == []
    # offsets are absolute and ^/$ are the unit's edges
    assert pattern.spans("xx a家 yy", 3, 5) == [(3, 5)]
    # an exception written first, without a hit group, reports nothing
    best = compile_pattern(r"\b(?:(?:rest|best)\b|(?P<hit>[a-z]{2,}est)\b)")
    assert best.spans("the best finest", 0, 15) == [(9, 15)]
    # alternatives with their own context: hit, hit_v
    wx = compile_pattern(r"(?P<hit>加我(?:微信|vx))|(?P<hit_v>加我v)(?:$|[^a-z])")
    assert wx.spans("加我vip 加我v 加我微信abc", 0, 17) == [(6, 9), (10, 14)]


def test_patterns_pickle_as_their_source() -> None:
    import pickle

    pattern = compile_pattern(r"(?P<hit>a)b", "i")
    again = pickle.loads(pickle.dumps(pattern))
    assert (again.source, again.flags, again.focus) == (pattern.source, "i", pattern.focus)
    assert again.spans("xAB", 0, 3) == [(1, 2)]


def test_lint_flags_ambiguous_repetition(tmp_path: Path) -> None:
    from rulecheck.rulebook.lint import lint_rulebook
    from rulecheck.rulebook.regexlint import ambiguous_repeats

    assert ambiguous_repeats(r"(a+)+$")
    assert ambiguous_repeats(r"x(\d+\s?)*y")
    assert "照 | 照样" in ambiguous_repeats(r"(也|都)(能|照样|照)*(退|换)")[0]
    assert ambiguous_repeats(r"(ab|cd)*e") == []
    assert ambiguous_repeats(r"a+b+(c|d){2}") == []
    assert ambiguous_repeats(r"\p{Han}+") == []  # RE2-only syntax: nothing to say
    book = load_rulebook([write_pack(tmp_path, r"/(a+)+!/")], bundled=False, use_cache=False)
    issues = [i for i in lint_rulebook(book) if i.code == "regex"]
    assert len(issues) == 1 and "AD-EN-901" in issues[0].message
