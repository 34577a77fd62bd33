"""Word tokens, loaded lazily: jieba for Chinese, spaCy's tokenizer for English.

Neither library is imported until a rule actually needs token boundaries or
distances, so text that no token-aware rule can match never pays for them.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import sys
import threading
from collections.abc import Iterable
from typing import Any

from rulecheck import cachefiles
from rulecheck.text.jieba_dict import DiskDictionary, write_dictionary

Token = tuple[int, int]  # (start, end) offsets into the tokenized string

MEMO_SIZE = 50_000
#: Characters cut with the SQLite dictionary before the whole one is loaded: about the
#: point where the per-word lookups have cost as much as loading it.
FULL_DICTIONARY_AFTER = 20_000
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()


class ChineseTokenizer:
    """jieba (with its HMM, which keeps 最多/最近 whole) plus the rules' own words.

    The dictionary with the rules' words added is cached twice: as a pickle, the whole
    dictionary for long runs, and as SQLite, looked up word by word, so a short check
    starts without loading half a million entries. After FULL_DICTIONARY_AFTER
    characters have been cut, the pickle is loaded and replaces the SQLite view.
    """

    def __init__(self, user_words: Iterable[str] = ()):
        self._user_words = sorted(set(user_words))
        self._jieba: Any = None
        self._memo: dict[str, list[Token]] = {}
        self._on_disk: DiskDictionary | None = None
        self._chars_cut = 0
        self._blocks: re.Pattern[str] = re.compile("")  # jieba's, once loaded

    def forget(self) -> None:
        self._memo.clear()

    def _load(self) -> Any:
        with _lock:
            if self._jieba is None:
                jieba = _import_jieba()
                self._blocks = jieba.re_han_default  # how jieba.cut splits a text
                tok = jieba.Tokenizer()
                names = self._cache_names()
                table = cachefiles.own_file(names[1])
                if table is not None and cachefiles.own_file(names[0]) is not None:
                    try:
                        self._on_disk = DiskDictionary(table)
                        tok.FREQ, tok.total = self._on_disk, self._on_disk.total
                        tok.initialized = True
                    except sqlite3.Error:  # a corrupt cache is rebuilt
                        self._on_disk = None
                if not tok.initialized:
                    # used before: worth the SQLite copy that makes the next start short
                    freq_total = _read_pickle(names[0])
                    if freq_total is not None:
                        tok.FREQ, tok.total = freq_total
                        tok.initialized = True
                        _write_table(tok, names[1])
                if not tok.initialized:
                    tok.initialize()
                    for word in self._user_words:
                        tok.add_word(word)
                    self._save_pickle(tok)
                self._jieba = tok
        return self._jieba

    def _load_full_dictionary(self) -> None:
        """Swap the whole dictionary in for the SQLite view: a long run pays once."""
        with _lock:
            if self._on_disk is None:
                return
            freq_total = _read_pickle(self._cache_names()[0])
            if freq_total is None:  # keep reading from disk; slower, but right
                return
            self._jieba.FREQ, self._jieba.total = freq_total
            self._on_disk.close()
            self._on_disk = None

    def _cache_names(self) -> tuple[str, str]:
        """The pickled and the SQLite dictionary for this jieba and these user words."""
        import jieba

        key = hashlib.sha256("\n".join([jieba.__version__, *self._user_words]).encode())
        stem = f"jieba-{key.hexdigest()[:16]}"
        return f"{stem}.pickle", f"{stem}.sqlite"

    def _save_pickle(self, tok: Any) -> None:
        if cachefiles.store(self._cache_names()[0], (tok.FREQ, tok.total)):
            folder = cachefiles.cache_dir()
            if folder is not None:
                cachefiles.prune(folder, "jieba-")

    def tokens(self, text: str) -> list[Token]:
        """Token spans of `text`, put together from the spans of its blocks.

        jieba cuts each run of Han characters and ASCII word characters (its blocks)
        on its own, so the spans of a text are those of its blocks laid end to end.
        Blocks repeat far more than the windows around hits (a window cuts into its
        two outer blocks only), so the memo is kept per block as well as per text.
        """
        memo = self._memo
        got = memo.get(text)
        if got is not None:
            return got
        jb = self._jieba or self._load()
        out: list[Token] = []
        pos = 0
        for block in self._blocks.split(text):
            if not block:
                continue
            spans = memo.get(block)
            if spans is None:
                spans = self._cut(jb, block)
            if pos:
                out.extend([(s + pos, e + pos) for s, e in spans])
            else:
                out.extend(spans)
            pos += len(block)
        self._remember(text, out)
        return out

    def _cut(self, jb: Any, block: str) -> list[Token]:
        """jieba's spans of one block, memoized."""
        if self._on_disk is not None:
            self._chars_cut += len(block)
            if self._chars_cut > FULL_DICTIONARY_AFTER:
                self._load_full_dictionary()
        out: list[Token] = []
        pos = 0
        for piece in jb.cut(block):
            end = pos + len(piece)
            out.append((pos, end))
            pos = end
        self._remember(block, out)
        return out

    def _remember(self, text: str, spans: list[Token]) -> None:
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = spans


def _read_pickle(name: str) -> tuple[dict[str, int], int] | None:
    """The whole dictionary from the cache, once its HMAC checks out; None if missing."""
    got = cachefiles.load(name)
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], dict)):
        return None
    return got


def _write_table(tok: Any, name: str) -> None:
    tmp = cachefiles.temp_file(name)
    if tmp is None:
        return
    try:
        write_dictionary(tok.FREQ, tok.total, tmp)
    except (OSError, sqlite3.Error):
        tmp.unlink(missing_ok=True)
        return
    cachefiles.publish(tmp, name)


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources.

    jieba's `_compat` imports pkg_resources only to open its data files and falls back
    to plain paths without it; importing pkg_resources costs more than the rest of
    jieba together, so it is hidden for the duration of the import.
    """
    import logging

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


class EnglishTokenizer:
    """spaCy's rule-based English tokenizer (a blank pipeline, no model download).

    Its rules are replayed in plain Python (text/entok.py) when the cache can hold them,
    so checking English imports neither spaCy nor its 80 MB of machinery; without a
    cache, spaCy itself cuts.
    """

    def __init__(self) -> None:
        self._nlp: Any = None
        self._memo: dict[str, list[Token]] = {}

    def forget(self) -> None:
        self._memo.clear()

    def _load(self) -> Any:
        with _lock:
            if self._nlp is None:
                from rulecheck.text.entok import load_rules

                rules = load_rules()
                if rules is not None:
                    self._nlp = rules.tokens
                else:
                    import spacy

                    nlp = spacy.blank("en")
                    self._nlp = lambda text: [(t.idx, t.idx + len(t.text))
                                              for t in nlp.make_doc(text)]
        return self._nlp

    def tokens(self, text: str) -> list[Token]:
        got = self._memo.get(text)
        if got is not None:
            return got
        cut = self._nlp or self._load()
        out = cut(text)
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = out
        return out


def word_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """Drop punctuation and white space: they do not count in token distances."""
    return [t for t in tokens if _WORDLIKE.search(text, t[0], t[1])]
