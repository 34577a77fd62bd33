"""The speed benchmark's corpus builder, report writer and harness (no timing is asserted)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

pytest.importorskip("snownlp")


def _bench_module(name: str) -> ModuleType:
    """Import a module of benchmarks/ without leaving that folder on sys.path."""
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCH))


build_corpus = _bench_module("build_corpus")
run = _bench_module("run")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench")
    return out, build_corpus.build(out, scale=0.01, seed=5)


def test_the_build_is_reproducible(corpus, tmp_path):
    out, manifest = corpus
    again = build_corpus.build(tmp_path, scale=0.01, seed=5)
    for name in manifest:
        assert again[name]["sha256"] == manifest[name]["sha256"]
        data = (out / manifest[name]["file"]).read_bytes()
        assert len(data) == manifest[name]["bytes"]
    other = build_corpus.build(tmp_path / "other", scale=0.01, seed=6)
    assert other["zh"]["sha256"] != manifest["zh"]["sha256"]
    assert json.loads((out / "manifest.json").read_text())["files"]["zh"] == manifest["zh"]


def test_about_one_sentence_in_five_is_a_trigger(corpus):
    out, manifest = corpus
    for lang in ("zh", "en"):
        if lang not in manifest:
            continue
        text = (out / f"{lang}.txt").read_text(encoding="utf-8")
        triggers = build_corpus.violation_lines(lang)
        found = sum(text.count(build_corpus.closed(t, lang)) for t in set(triggers))
        total = manifest[lang]["sentences"]
        assert 0.17 < found / total < 0.23, lang
        # the labelled lines are used in turn, not one of them over and over
        used = {t for t in triggers if build_corpus.closed(t, lang) in text}
        assert len(used) > 0.9 * min(len(set(triggers)), found)
    assert 80_000 < manifest["zh"]["bytes"] < 120_000


def test_sentences_do_not_run_into_each_other(corpus):
    out, _ = corpus
    for line in (out / "zh.txt").read_text(encoding="utf-8").splitlines():
        assert line.endswith(build_corpus._ZH_CLOSED)


def test_the_traditional_text_is_traditional(corpus):
    import opencc

    out, _ = corpus
    hant = (out / "zh_hant.txt").read_text(encoding="utf-8")
    simplified = opencc.OpenCC("t2s").convert(hant)
    assert simplified != hant
    changed = sum(a != b for a, b in zip(hant, simplified, strict=False))
    assert changed > len(hant) / 20  # many characters are written differently
    source = (out / "zh.txt").read_text(encoding="utf-8")[: len(simplified)]
    same = sum(a == b for a, b in zip(simplified, source, strict=False))
    assert same > 0.99 * len(simplified)  # and it is the same text


def test_documents_are_cut_at_line_ends_by_bytes():
    text = "".join(f"第{i}句话，家人们。\n" for i in range(5000))
    docs = run.documents(text, 10_000)
    assert "".join(docs) == text
    assert all(d.endswith("\n") for d in docs)
    assert all(10_000 <= len(d.encode("utf-8")) < 10_100 for d in docs[:-1])


def test_the_speed_section_is_replaced_not_appended(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Quality\n\nq\n\n## Speed\n\nold\n\n"
                       "## Server load test\n\nload\n\n## Throughput (preliminary, x)\n\n"
                       "prelim\n\n## Batch audit\n\nbatch\n", encoding="utf-8")
    run.write_section("## Speed\n\nnew\n", results)
    text = results.read_text(encoding="utf-8")
    assert "new" in text and "old" not in text and "prelim" not in text
    assert text.index("## Quality") < text.index("## Speed") < text.index("## Server load")
    assert "load" in text and "## Batch audit\n\nbatch" in text


def test_a_quick_run_measures_everything_and_records_nothing(tmp_path):
    before = run.RESULTS.read_bytes() if run.RESULTS.exists() else None
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--scale", "0.003",
         "--corpus", str(tmp_path / "corpus")],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in run.MEASUREMENTS:
        assert name.lower() in proc.stdout.lower(), name
    assert (tmp_path / "corpus" / "manifest.json").exists()
    after = run.RESULTS.read_bytes() if run.RESULTS.exists() else None
    assert after == before


def test_the_realistic_text_repeats_no_line_and_breaks_a_rule_once_in_200(corpus):
    out, manifest = corpus
    lines = (out / "zh_real.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == manifest["zh_real"]["lines"]
    # the test build is too small to hold 200 lines: check the construction on a larger one
    text, n_lines, n_trig = build_corpus.realistic(400_000, seed=5)
    lines = text.splitlines()
    assert len(lines) == len(set(lines)) == n_lines >= 1000
    violations = {" ".join(v.split()) for v in [*build_corpus.violation_lines("zh"),
                                               *build_corpus.labelled_lines(
                                                   build_corpus.REAL / "zh.jsonl",
                                                   ("violation",))]}
    at = [i + 1 for i, line in enumerate(lines) if line in violations]
    assert at and all(i % build_corpus.REAL_TRIGGER_EVERY == 0 for i in at)
    assert len(at) == n_trig == len(lines) // 200
