"""block_span widens a span to its jieba blocks through an index of the text's block runs;
it must widen exactly as walking the text character by character does."""

from __future__ import annotations

import random

from rulecheck.engine.unit import block_span, joined


def _walked(text: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """The definition: step outwards while jieba may join the two characters."""
    while a > lo and joined(text[a - 1], text[a]):
        a -= 1
    while hi > b > lo and joined(text[b - 1], text[b]):
        b += 1
    return a, b


def test_block_span_is_the_character_walk() -> None:
    rng = random.Random(17)
    # Han at both ends of jieba's range and just outside it, block ASCII, CR LF, spaces,
    # full-width punctuation
    alphabet = list("好用最的aZ9-.%#&+_\r\n \t，。！\u4e00\u9fd5\u9fd6\u4dff")
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        for _ in range(8):
            lo = rng.randint(0, len(text) - 1)
            hi = rng.randint(lo + 1, len(text))
            a = rng.randint(lo, hi - 1)
            b = rng.randint(a, hi)
            assert block_span(text, a, b, lo, hi) == _walked(text, a, b, lo, hi), \
                (text, a, b, lo, hi)
            checked += 1
    assert checked == 24000
