"""The Chinese tokenizer caches jieba's dictionary as a trie and cuts the same words from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck.text.jieba_trie import TrieFreq
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


def test_the_cached_trie_cuts_like_jiebas_own_dictionary(cache, monkeypatch):
    lines = _lines()
    monkeypatch.setenv("RULECHECK_NO_CACHE", "1")
    plain = ChineseTokenizer(WORDS)  # no cache: jieba's dict, built in memory
    expected = [plain.tokens(t) for t in lines]
    assert isinstance(plain._jieba.FREQ, dict)
    monkeypatch.delenv("RULECHECK_NO_CACHE")

    built = ChineseTokenizer(WORDS)  # first use: builds the trie and stores it
    assert [built.tokens(t) for t in lines] == expected
    assert isinstance(built._jieba.FREQ, TrieFreq)
    assert len(list(cache.glob("jieba-*.trie"))) == 1
    read = ChineseTokenizer(WORDS)  # later uses: read from the cache
    assert [read.tokens(t) for t in lines] == expected
    assert isinstance(read._jieba.FREQ, TrieFreq)


def test_other_words_are_another_trie(cache):
    assert ChineseTokenizer(WORDS).tokens("全网最低价") == [(0, 5)]
    assert ChineseTokenizer(["预热价"]).tokens("全网最低价") != [(0, 5)]
    assert len(list(cache.glob("jieba-*.trie"))) == 2


def test_a_corrupt_cache_is_rebuilt(cache):
    ChineseTokenizer(WORDS).tokens("预热")
    for path in cache.glob("jieba-*"):
        path.write_bytes(b"not a cache")
    tok = ChineseTokenizer(WORDS)
    assert tok.tokens("全网最低价") == [(0, 5)]
    assert isinstance(tok._jieba.FREQ, TrieFreq)


def test_old_cache_files_are_pruned(tmp_path):
    import os

    from rulecheck.cachefiles import prune

    for i in range(7):
        path = tmp_path / f"jieba-{i:016d}.trie"
        path.write_bytes(b"x")
        os.utime(path, (1000 + i, 1000 + i))
    prune(tmp_path, "jieba-", keep=4)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [f"jieba-{i:016d}.trie" for i in range(3, 7)]
