"""A stream emits what checking each whole window emits.

A feed checks its window of recent segments but evaluates only the units that reach the
new segment and those that reach the words found there (Checker.check_tail). The
reference here checks every window whole (check_document), as each feed once did; both
must emit the same findings, field for field, over long runs of segments.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rulecheck.engine.checker import Checker
from rulecheck.engine.stream import StreamSession

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "corpora" / "bench"


@pytest.fixture(scope="module")
def pair() -> tuple[Checker, Checker]:
    fast = Checker()
    whole = Checker(rulebook=fast.rulebook)
    whole.check_tail = (  # type: ignore[method-assign]
        lambda doc, lang, product_type, normalized=None:
        whole.check_document(doc, lang, product_type))
    return fast, whole


def _segments(text: str, count: int, lang: str, seed: int = 3) -> list[str]:
    """The text cut as the speed benchmark cuts it into recognizer segments."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import build_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return build_corpus.asr_segments(text, count, lang, seed)


def _labelled(lang: str) -> str:
    path = REPO / "corpora" / "labelled" / f"{lang}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return "\n".join(r["text"] for r in rows)


def _emitted(session: StreamSession, pieces: list[str], timed: bool) -> list[list[dict]]:
    out = []
    for i, piece in enumerate(pieces):
        times = (float(i), float(i) + 0.9) if timed else (None, None)
        out.append([f.to_dict() for f in session.feed(piece, *times)])
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("timed", [False, True])
def test_labelled_talk_streams_as_whole_windows(pair, lang, timed):
    fast, whole = pair
    pieces = _segments(_labelled(lang), 500, lang)
    got = _emitted(fast.stream(lang="auto"), pieces, timed)
    assert sum(map(len, got)) > 50
    assert got == _emitted(whole.stream(lang="auto"), pieces, timed)


@pytest.mark.parametrize("name,lang", [("zh", "zh"), ("en", "en"), ("zh_real", "zh")])
def test_benchmark_text_streams_as_whole_windows(pair, name, lang):
    """The leading segments of each benchmark text (generated: benchmarks/build_corpus.py)."""
    path = BENCH / f"{name}.txt"
    if not path.exists():
        pytest.skip("the benchmark corpus is not built")
    with path.open(encoding="utf-8") as f:
        text = f.read(60_000)
    pieces = _segments(text, 800, lang)
    fast, whole = pair
    got = _emitted(fast.stream(lang=lang), pieces, False)
    assert got == _emitted(whole.stream(lang=lang), pieces, False)


def test_window_of_one_and_of_five(pair):
    fast, whole = pair
    pieces = _segments(_labelled("zh"), 200, "zh", seed=5)
    for window in (1, 5):
        assert _emitted(fast.stream(window=window), pieces, False) == \
            _emitted(whole.stream(window=window), pieces, False)
