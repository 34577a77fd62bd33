"""Word tokens, loaded lazily: jieba for Chinese, spaCy's tokenizer for English.

Neither library is imported until a rule actually needs token boundaries or
distances, so text that no token-aware rule can match never pays for them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

Token = tuple[int, int]  # (start, end) offsets into the tokenized string

_WORDLIKE = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()


class ChineseTokenizer:
    """jieba (with its HMM, which keeps 最多/最近 whole) plus the rules' own words."""

    def __init__(self, user_words: Iterable[str] = ()):
        self._user_words = sorted(set(user_words))
        self._jieba: Any = None

    def _load(self) -> Any:
        with _lock:
            if self._jieba is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                for word in self._user_words:
                    tok.add_word(word)
                self._jieba = tok
        return self._jieba

    def tokens(self, text: str) -> list[Token]:
        jb = self._jieba or self._load()
        out: list[Token] = []
        pos = 0
        for piece in jb.cut(text):
            end = pos + len(piece)
            out.append((pos, end))
            pos = end
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
