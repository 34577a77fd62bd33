"""Word tokens, loaded lazily: jieba for Chinese, spaCy's tokenizer for English.

Neither library is imported until a rule actually needs token boundaries or
distances, so text that no token-aware rule can match never pays for them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Token = tuple[int, int]  # (start, end) offsets into the tokenized string

MEMO_SIZE = 50_000
_WORDLIKE = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()


class ChineseTokenizer:
    """jieba (with its HMM, which keeps 最多/最近 whole) plus the rules' own words."""

    def __init__(self, user_words: Iterable[str] = ()):
        self._user_words = sorted(set(user_words))
        self._jieba: Any = None
        self._memo: dict[str, list[Token]] = {}

    def _load(self) -> Any:
        with _lock:
            if self._jieba is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                if not self._load_cached(tok):
                    tok.initialize()
                    for word in self._user_words:
                        tok.add_word(word)
                    self._save_cached(tok)
                self._jieba = tok
        return self._jieba

    def _cache_path(self) -> Path | None:
        """jieba's prefix dictionary with our words added, pickled: loads ~3x faster than
        jieba's own marshal cache, which dominates the start-up of a single-file check."""
        import jieba

        from rulecheck.rulebook.cache import cache_dir

        folder = cache_dir()
        if folder is None:
            return None
        key = hashlib.sha256("\n".join([jieba.__version__, *self._user_words]).encode())
        return folder / f"jieba-{key.hexdigest()[:16]}.pickle"

    def _load_cached(self, tok: Any) -> bool:
        path = self._cache_path()
        if path is None or not path.exists():
            return False
        try:
            with path.open("rb") as fh:
                freq, total = pickle.load(fh)
        except Exception:  # a corrupt cache is rebuilt
            return False
        tok.FREQ, tok.total, tok.initialized = freq, total, True
        return True

    def _save_cached(self, tok: Any) -> None:
        path = self._cache_path()
        if path is None:
            return
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as fh:
                pickle.dump((tok.FREQ, tok.total), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def tokens(self, text: str) -> list[Token]:
        """Token spans of `text`; repeated strings (anchors repeat themselves a lot in a
        broadcast) are served from a bounded memo."""
        got = self._memo.get(text)
        if got is not None:
            return got
        jb = self._jieba or self._load()
        out: list[Token] = []
        pos = 0
        for piece in jb.cut(text):
            end = pos + len(piece)
            out.append((pos, end))
            pos = end
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[text] = out
        return out


class EnglishTokenizer:
    """spaCy's rule-based English tokenizer (a blank pipeline, no model download)."""

    def __init__(self) -> None:
        self._nlp: Any = None

    def _load(self) -> Any:
        with _lock:
            if self._nlp is None:
                import spacy

                self._nlp = spacy.blank("en")
        return self._nlp

    def tokens(self, text: str) -> list[Token]:
        nlp = self._nlp or self._load()
        doc = nlp.make_doc(text)
        return [(t.idx, t.idx + len(t.text)) for t in doc]


def word_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """Drop punctuation and white space: they do not count in token distances."""
    return [t for t in tokens if _WORDLIKE.search(text, t[0], t[1])]
