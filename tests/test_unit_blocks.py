"""block_span (runs found by regular expressions) widens a span as `joined`, walked
character by character, does: on random texts of block characters, Han characters beyond
jieba's block range, CR LF pairs and punctuation, with runs longer than one backward step."""

from __future__ import annotations

import random

from rulecheck.engine.unit import _STEP, _block_span_by_char, block_span

_ODD = list("abcXYZ09+#&._%-\r\n ，。!?\u4e00\u9fd5\u9fd6\u4dff é\U00020000")


def test_block_span_is_the_walk_of_joined() -> None:
    rng = random.Random(17)
    for _ in range(20_000):
        size = rng.randint(1, 3 * _STEP)
        text = "".join(rng.choice(_ODD) if rng.random() < 0.3 else rng.choice("好的买了ab")
                       for _ in range(size))
        lo = rng.randint(0, size - 1)
        hi = rng.randint(lo + 1, size)
        a = rng.randint(lo, hi - 1)
        b = rng.randint(a + 1, hi)
        assert block_span(text, a, b, lo, hi) == _block_span_by_char(text, a, b, lo, hi), \
            (text, a, b, lo, hi)


def test_long_runs_and_line_ends() -> None:
    text = "说" + "好" * (5 * _STEP) + "，\r\nab\r\n"
    end = len(text)
    for a, b in ((3, 4), (5 * _STEP, 5 * _STEP + 1), (end - 2, end - 1), (end - 5, end - 4)):
        assert block_span(text, a, b, 0, end) == _block_span_by_char(text, a, b, 0, end)
    assert block_span(text, 3, 4, 0, end) == (0, 5 * _STEP + 1)
