"""Word tokens, loaded lazily: jieba for Chinese, spaCy's tokenizer for English.

Neither library is imported until a rule actually needs token boundaries or
distances, so text that no token-aware rule can match never pays for them.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rulecheck import cachefiles

Token = tuple[int, int]  # (start, end) offsets into the tokenized string

MEMO_SIZE = 50_000
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()


class ChineseTokenizer:
    """jieba (with its HMM, which keeps 最多/最近 whole) plus the rules' own words.

    jieba's dictionary with the rules' words added is built once with jieba itself and
    cached as a static trie (text/jieba_trie.py): later processes read 3 MB in a few
    milliseconds instead of unpickling half a million entries (~70 MB), and cut the same
    words. Without a usable cache directory jieba's own dictionary is built in memory.
    """

    def __init__(self, user_words: Iterable[str] = ()):
        self._user_words = sorted(set(user_words))
        self._jieba: Any = None
        self._memo: dict[str, list[Token]] = {}
        self._blocks: re.Pattern[str] = re.compile("")  # jieba's, once loaded

    def forget(self) -> None:
        self._memo.clear()
        if self._jieba is not None:  # the trie module is loaded with jieba
            from rulecheck.text import jieba_trie

            jieba_trie.forget()

    def _load(self) -> Any:
        with _lock:
            if self._jieba is None:
                jieba = _import_jieba()
                from rulecheck.text import jieba_trie

                self._blocks = jieba.re_han_default  # how jieba.cut splits a text
                tok = jieba_trie.TrieTokenizer()
                name = self._cache_name()
                data = cachefiles.load_bytes(name)
                stored = jieba_trie.read(data) if data is not None else None
                if stored is None:
                    tok.initialize()
                    for word in self._user_words:
                        tok.add_word(word)
                    blob = jieba_trie.build(tok.FREQ, tok.total)
                    if blob is not None and cachefiles.store_bytes(name, blob):
                        folder = cachefiles.cache_dir()
                        if folder is not None:
                            cachefiles.prune(folder, "jieba-")
                        stored = jieba_trie.read(blob)  # the dict can go: ~70 MB
                if stored is not None:
                    tok.FREQ, tok.total = stored
                    tok.initialized = True
                self._jieba = tok
        return self._jieba

    def _cache_name(self) -> str:
        """The cached trie for this jieba, its dictionary file and these user words."""
        import jieba

        from rulecheck.text import jieba_trie

        try:
            st = os.stat(Path(jieba.__file__).with_name("dict.txt"))
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = "?"
        key = hashlib.sha256("\n".join([
            jieba.__version__, stamp, f"trie{jieba_trie.FORMAT}", sys.byteorder,
            *self._user_words]).encode())
        return f"jieba-{key.hexdigest()[:16]}.trie"

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
        """jieba's spans of one block, memoized. A run of Han and ASCII word characters
        is cut by the trie tokenizer's own route (jieba_trie.block_spans, the same cut
        without jieba's generators), anything else by jieba.cut."""
        if self._blocks.match(block) is not None:
            spans = getattr(jb, "block_spans", None)
            got = spans(block) if spans is not None else None
            if got is not None:
                self._remember(block, got)
                return got
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


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources.

    jieba's `_compat` imports pkg_resources only to open its data files and falls back
    to plain paths without it; importing pkg_resources costs more than the rest of
    jieba together, so it is hidden for the duration of the import. jieba also imports
    tempfile (with shutil, lzma, bz2 and random), which it uses only to build its own
    dictionary cache, never over our cached trie: jieba gets a module that imports
    tempfile when first used (`_lazy_module`), which nothing else sees.
    """
    import logging

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        lazy = _lazy_module("tempfile") if "tempfile" not in sys.modules else None
        # finalseg (jieba's HMM) is run from its own tables (text/jieba_trie.py), which are
        # cached: its module, 1.3 MB of them as source, loads when jieba itself needs it
        _lazy_module("jieba.finalseg")
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
            if lazy is not None and sys.modules.get("tempfile") is lazy:
                del sys.modules["tempfile"]  # only jieba holds it
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _lazy_module(name: str) -> Any:
    """A stand-in for module `name`, put in sys.modules: it imports the module when one
    of its names is first read. (importlib's LazyLoader would not do: an import
    statement reads the module's ``__spec__``, and that runs it.)"""
    import types

    class OnFirstUse(types.ModuleType):
        def __getattr__(self, attr: str) -> Any:
            if sys.modules.get(name) is self:
                del sys.modules[name]
            import importlib

            return getattr(importlib.import_module(name), attr)

    module = OnFirstUse(name)
    sys.modules[name] = module
    return module


class EnglishTokenizer:
    """spaCy's rule-based English tokenizer (a blank pipeline, no model download).

    Its rules are replayed in plain Python (text/entok.py) when the cache can hold them,
    so checking English imports neither spaCy nor its 80 MB of machinery; without a
    cache, spaCy itself cuts.
    """

    def __init__(self) -> None:
        self._cut: Any = None  # text -> token spans, once loaded
        self._memo: dict[str, list[Token]] = {}

    def forget(self) -> None:
        self._memo.clear()

    def _load(self) -> Any:
        with _lock:
            if self._cut is None:
                from rulecheck.text.entok import load_rules

                rules = load_rules()
                if rules is not None:
                    self._cut = rules.tokens
                else:
                    import spacy

                    nlp = spacy.blank("en")
                    self._cut = lambda text: [(t.idx, t.idx + len(t.text))
                                              for t in nlp.make_doc(text)]
        return self._cut

    def tokens(self, text: str) -> list[Token]:
        got = self._memo.get(text)
        if got is not None:
            return got
        out = (self._cut or self._load())(text)
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = out
        return out


def word_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """Drop punctuation and white space: they do not count in token distances."""
    return [t for t in tokens if _WORDLIKE.search(text, t[0], t[1])]
