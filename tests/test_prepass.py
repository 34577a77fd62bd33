"""The pre-pass: a rule is evaluated only where every piece its match needs is present.

The condition is proved from the compiled match (dsl/required.py); it must never skip a
unit the rule hits in, so the rule examples and labelled lines are checked with it and
without it. Word boundaries are cut from the jieba blocks a hit touches, which jieba cuts
as it would in the whole unit.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from rulecheck.dsl import nodes as n
from rulecheck.dsl.required import FALSE, TRUE, all_of, any_of, hits_need, piece
from rulecheck.engine import docstate
from rulecheck.engine.checker import Checker
from rulecheck.engine.docstate import _AllHits
from rulecheck.engine.scan import Scanner
from rulecheck.engine.unit import block_span
from rulecheck.text.normalize import normalize

REPO = Path(__file__).resolve().parent.parent


def test_and_or_of_pieces() -> None:
    a, b, c = piece([1]), piece([2]), piece(words=["比"])
    assert all_of([a, TRUE]) == a
    assert all_of([a, FALSE]) == FALSE
    assert any_of([a, FALSE]) == a
    assert any_of([a, TRUE]) == TRUE
    assert any_of([a, b, c]) == piece([1, 2], ["比"])  # one of several pieces: one piece
    assert all_of([a, all_of([b, c])]) == ("all", (a, b, c))


def test_conditions_never_require_and_matchers_do() -> None:
    x, y = n.Phrase(("x",), pids=(0,)), n.Phrase(("y",), pids=(1,))
    assert hits_need(n.And(x, n.Not(y))) == piece([0])  # not(): no requirement
    assert hits_need(n.And(x, n.Context(y, 2, "before_hit"))) == all_of([piece([0]),
                                                                         piece([1])])
    assert hits_need(n.Or(x, n.Context(y, 2, "before_hit"))) in (piece([0]), TRUE)
    assert hits_need(n.Or(x, y)) == piece([0, 1])
    assert hits_need(n.Near(x, y, 3)) == all_of([piece([0]), piece([1])])
    assert hits_need(n.EntityMatch("PRICE")) == TRUE


@pytest.fixture(scope="module")
def pair() -> tuple[Checker, Checker]:
    """The engine, and the same engine evaluating every candidate the pre-pass drops."""
    fast = Checker()
    return fast, Checker(rulebook=fast.rulebook)


def _key(findings) -> list[tuple]:
    return sorted((f.rule, f.start, f.end, f.severity, tuple(f.notes)) for f in findings)


def test_pruning_changes_no_finding(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, plain = pair
    texts = [(t, r.lang) for r in fast.rules.values()
             for t in r.examples.bad + r.examples.good]
    for path in sorted((REPO / "corpora" / "labelled").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        texts.extend((r["text"], r.get("lang", "auto")) for r in rows[:400])
    pruned = [_key(fast.check_text(t, lang=lang)) for t, lang in texts]
    monkeypatch.setattr(docstate.DocState, "may_hit", lambda self, need, s, e: True)
    assert pruned == [_key(plain.check_text(t, lang=lang)) for t, lang in texts]


def test_every_rule_needs_the_pieces_of_its_bad_examples(pair) -> None:
    """A bad example holds every piece its rule's condition names."""
    fast, _ = pair
    for rid, cr in fast.rulebook.rules.items():
        if cr.need is None:
            continue
        for text in cr.rule.examples.bad:
            assert fast.check_document_text_only(text, cr.rule.lang, rid), rid


#: jieba.re_han_default: the characters jieba keeps in one block
_JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)


def test_block_span_ends_where_jieba_blocks_end() -> None:
    rng = random.Random(3)
    alphabet = "最好用的面霜ab9.-_ ，。!\r\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        lo = rng.randint(0, len(text) - 1)
        hi = rng.randint(lo + 1, len(text))
        a = rng.randint(lo, hi - 1)
        b = rng.randint(a + 1, hi)
        ws, we = block_span(text, a, b, lo, hi)
        assert lo <= ws <= a and b <= we <= hi
        unit = text[lo:hi]
        ends = {0, len(unit)}
        pos = 0
        for part in _JIEBA_BLOCK.split(unit):
            if _JIEBA_BLOCK.fullmatch(part or "-") and part:
                ends.add(pos)
                ends.add(pos + len(part))
            else:
                ends.update(pos + i for i in range(len(part) + 1)
                            if not (0 < i < len(part) and part[i - 1:i + 1] == "\r\n"))
            pos += len(part)
        assert ws - lo in ends and we - lo in ends, (text, lo, hi, a, b)


def test_window_tokens_are_those_of_the_whole_unit(pair) -> None:
    """Around each hit, the block window is cut exactly as the whole sentence is."""
    fast, _ = pair
    tok = fast._zh
    rng = random.Random(9)
    rows = [json.loads(line)["text"] for line in
            (REPO / "corpora" / "labelled" / "zh.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    for text in rng.sample(rows, 200):
        text = normalize(text).text
        whole = tok.tokens(text)
        bounds = {s for s, _ in whole} | {e for _, e in whole}
        for _ in range(5):
            a = rng.randrange(len(text))
            ws, we = block_span(text, a, a + 1, 0, len(text))
            part = {(s + ws, e + ws) for s, e in tok.tokens(text[ws:we])}
            assert part == {(s, e) for s, e in whole if ws <= s and e <= we}
            assert ws in bounds and we in bounds


def test_one_pass_finds_what_two_passes_find(pair) -> None:
    fast, _ = pair
    scanner: Scanner = fast._scanner
    rows = [json.loads(line)["text"] for line in
            (REPO / "corpora" / "labelled" / "zh.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    text = normalize("\n".join(rows[:300]) + " best price ever, no.1 brand").text
    anchors, every = scanner.scan_all(text)
    assert anchors == scanner.scan(text)
    conditions = scanner.scan_conditions(text, 0, len(text))
    expected = sorted((s, e, pid) for hits in (anchors, conditions)
                      for pid, hs in hits.items() for s, e in hs)
    assert every == expected


def test_whole_text_hits_by_pattern() -> None:
    flat = sorted([(0, 2, 5), (1, 3, 7), (4, 6, 5), (4, 5, 9), (8, 9, 7)])
    got = _AllHits(flat)
    expected: dict[int, list[tuple[int, int]]] = {}
    for s, e, pid in flat:
        expected.setdefault(pid, []).append((s, e))
    assert dict(got.items()) == expected and len(got) == 3
    assert 7 in got and 6 not in got and got.get(6) is None
    assert got.keys().isdisjoint({1, 2}) and not got.keys().isdisjoint({9})
