"""The Chinese tokenizer cuts the same words whichever form of jieba's dictionary it reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck.text import tokenize
from rulecheck.text.tokenize import ChineseTokenizer

REPO = Path(__file__).resolve().parent.parent
WORDS = ["好评返现", "全网最低价"]


def _lines() -> list[str]:
    path = REPO / "corpora" / "labelled" / "zh.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    return tmp_path


def test_disk_dictionary_cuts_like_the_full_one(cache, monkeypatch):
    lines = _lines()
    built = ChineseTokenizer(WORDS)  # first use: builds jieba's dictionary, pickles it
    expected = [built.tokens(t) for t in lines]
    assert built._on_disk is None
    ChineseTokenizer(WORDS).tokens("预热")  # second use: writes the SQLite copy
    assert list(cache.glob("jieba-*.sqlite"))

    monkeypatch.setattr(tokenize, "FULL_DICTIONARY_AFTER", 10**9)
    from_disk = ChineseTokenizer(WORDS)
    assert [from_disk.tokens(t) for t in lines] == expected
    assert from_disk._on_disk is not None


def test_the_full_dictionary_is_swapped_in_for_long_runs(cache, monkeypatch):
    lines = _lines()
    full = ChineseTokenizer(WORDS)
    expected = [full.tokens(t) for t in lines]
    ChineseTokenizer(WORDS).tokens("预热")  # writes the SQLite copy
    monkeypatch.setattr(tokenize, "FULL_DICTIONARY_AFTER", 500)
    tok = ChineseTokenizer(WORDS)
    got = [tok.tokens(t) for t in lines]
    assert tok._on_disk is None
    assert isinstance(tok._jieba.FREQ, dict)
    assert got == expected


def test_a_corrupt_cache_is_rebuilt(cache):
    ChineseTokenizer(WORDS).tokens("预热")
    ChineseTokenizer(WORDS).tokens("预热")
    for path in cache.glob("jieba-*"):
        path.write_bytes(b"not a cache")
    assert ChineseTokenizer(WORDS).tokens("全网最低价") == [(0, 5)]


def test_old_cache_files_are_pruned(tmp_path):
    import os

    from rulecheck.cachefiles import prune

    for i in range(7):
        for suffix in (".pickle", ".sqlite"):
            path = tmp_path / f"jieba-{i:016d}{suffix}"
            path.write_bytes(b"x")
            os.utime(path, (1000 + i, 1000 + i))
    prune(tmp_path, "jieba-", keep=4)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [f"jieba-{i:016d}{s}" for i in range(3, 7) for s in (".pickle", ".sqlite")]
