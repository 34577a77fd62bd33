"""spaCy's English tokenizer, run in plain Python from spaCy's own rules.

Importing spaCy costs 1-2 s of CPU and about 80 MB of memory (thinc, numpy and the
rest of its pipeline machinery), while the engine needs only where `spacy.blank("en")`
cuts a sentence. The tokenizer is rules plus a short algorithm: prefix, suffix and
infix regexes, a URL pattern and about 1,300 special cases. The rules are read once by
a child process that imports spaCy (so this process never does) and cached; this
module replays `spacy.tokenizer.Tokenizer.__call__` over them step for step: the same
whitespace split, affix loop, special-case checks, infix split and special-case
matcher, so the spans are the ones spaCy gives (tests/test_entok.py compares them on
every English line the repository ships).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rulecheck import cachefiles
from rulecheck.text.recode import compile_cached

Token = tuple[int, int]

#: Run by the child process: spaCy's English tokenizer settings as JSON on stdout.
_EXTRACT = r"""
import json, re, sys
import spacy
from spacy.attrs import ORTH, SPACY
tok = spacy.blank("en").tokenizer
def pat(f):
    if f is None:
        return None
    owner = getattr(f, "__self__", None)
    if not isinstance(owner, re.Pattern):
        sys.exit(2)
    return [owner.pattern, owner.flags]
rules = {}
for text, pieces in tok.rules.items():
    orths = []
    for piece in pieces:
        if SPACY in piece or "SPACY" in piece:
            sys.exit(3)
        orths.append(piece[ORTH] if ORTH in piece else piece["ORTH"])
    if "".join(orths) != text:
        sys.exit(4)
    rules[text] = orths
json.dump({"spacy": spacy.__version__, "prefix": pat(tok.prefix_search),
           "suffix": pat(tok.suffix_search), "infix": pat(tok.infix_finditer),
           "token_match": pat(tok.token_match), "url_match": pat(tok.url_match),
           "faster_heuristics": bool(tok.faster_heuristics), "rules": rules}, sys.stdout)
"""


def _compiled(spec: list | None, method: str) -> Callable[[str], Any] | None:
    """spaCy's expression, its compiled code kept between runs (~50 ms for the five)."""
    return None if spec is None else getattr(compile_cached(spec[0], spec[1]), method)


class SpacyRules:
    """spaCy's English tokenizer as data, and its algorithm over that data."""

    def __init__(self, data: dict[str, Any]):
        self._prefix = _compiled(data["prefix"], "search")
        self._suffix = _compiled(data["suffix"], "search")
        self._infix = _compiled(data["infix"], "finditer")
        self._token_match = _compiled(data["token_match"], "match")
        self._url_match = _compiled(data["url_match"], "match")
        self._specials: dict[str, tuple[str, ...]] = {
            text: tuple(pieces) for text, pieces in data["rules"].items()}
        # spaCy's special-case matcher: specials that the affix split would cut apart,
        # matched over the token texts after the split (Tokenizer.add_special_case)
        self._trie: dict[Any, Any] = {}
        for text in self._specials:
            if (not data["faster_heuristics"] or self._find_prefix(text)
                    or self._find_suffix(text) or self._find_infix(text) or " " in text):
                node = self._trie
                for a, b in self._affix_tokens(text, False):
                    node = node.setdefault(text[a:b], {})
                node[None] = True

    def _find_prefix(self, text: str) -> int:
        m = self._prefix(text) if self._prefix else None
        return m.end() - m.start() if m is not None else 0

    def _find_suffix(self, text: str) -> int:
        m = self._suffix(text) if self._suffix else None
        return m.end() - m.start() if m is not None else 0

    def _find_infix(self, text: str) -> list[re.Match[str]]:
        return list(self._infix(text)) if self._infix else []

    def tokens(self, text: str) -> list[Token]:
        """The (start, end) of each token `spacy.blank("en")(text)` gives."""
        out = self._affix_tokens(text, True)
        if self._trie and out:
            out = self._apply_specials(text, out)
        return out

    def _affix_tokens(self, text: str, specials: bool) -> list[Token]:
        """Tokenizer._tokenize_affixes: split at white space (one plain space between two
        tokens is no token), then cut each piece."""
        out: list[Token] = []
        if not text:
            return out
        start = 0
        in_ws = text[0].isspace()
        for i, ch in enumerate(text):
            if ch.isspace() != in_ws:
                if start < i:
                    self._piece(text, start, i, specials, out)
                start = i + 1 if ch == " " else i
                in_ws = not in_ws
        if start < len(text):
            self._piece(text, start, len(text), specials, out)
        return out

    def _piece(self, text: str, start: int, end: int, specials: bool,
               out: list[Token]) -> None:
        """Tokenizer._tokenize: _split_affixes, then _attach_tokens."""
        span = text[start:end]
        if specials and span in self._specials:
            self._emit(self._specials[span], start, out)
            return
        prefixes, inner, suffixes = self._split_affixes(span, specials)
        pos = self._emit(prefixes, start, out)
        if inner:
            if specials and inner in self._specials:
                self._emit(self._specials[inner], pos, out)
            elif ((self._token_match and self._token_match(inner))
                  or (self._url_match and self._url_match(inner))):
                out.append((pos, pos + len(inner)))
            else:
                self._infixes(inner, pos, out)
            pos += len(inner)
        self._emit(suffixes[::-1], pos, out)

    def _split_affixes(self, string: str, specials: bool
                       ) -> tuple[list[str], str, list[str]]:
        prefixes: list[str] = []
        suffixes: list[str] = []
        known = self._specials
        last_size = 0
        while string and len(string) != last_size:
            if self._token_match and self._token_match(string):
                break
            if specials and string in known:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            prefix = minus_pre = ""
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and specials and minus_pre in known:
                    prefixes.append(prefix)
                    string = minus_pre
                    break
            suf_len = self._find_suffix(string[pre_len:])
            suffix = minus_suf = ""
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and specials and minus_suf in known:
                    suffixes.append(suffix)
                    string = minus_suf
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
            if specials and string in known:
                break
        return prefixes, string, suffixes

    def _infixes(self, string: str, pos: int, out: list[Token]) -> None:
        matches = self._find_infix(string)
        if not matches:
            out.append((pos, pos + len(string)))
            return
        start = 0
        for m in matches:
            infix_start, infix_end = m.start(), m.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                out.append((pos + start, pos + infix_start))
            if infix_start != infix_end:
                out.append((pos + infix_start, pos + infix_end))
            start = infix_end
        if start < len(string):
            out.append((pos + start, pos + len(string)))

    @staticmethod
    def _emit(pieces: tuple[str, ...] | list[str], pos: int, out: list[Token]) -> int:
        for piece in pieces:
            out.append((pos, pos + len(piece)))
            pos += len(piece)
        return pos

    def _apply_specials(self, text: str, tokens: list[Token]) -> list[Token]:
        """Tokenizer._apply_special_cases: every run of tokens whose texts spell a
        special case's pieces, longest first (then leftmost), none sharing its first or
        last token with one taken before, is replaced by the special case's tokens when
        the text it covers is that special case."""
        root = self._trie
        n = len(tokens)
        found: list[tuple[int, int]] = []
        for i in range(n):
            node = root.get(text[tokens[i][0]:tokens[i][1]])
            j = i + 1
            while node is not None:
                if None in node:
                    found.append((i, j))
                if j >= n:
                    break
                node = node.get(text[tokens[j][0]:tokens[j][1]])
                j += 1
        if not found:
            return tokens
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        seen: set[int] = set()
        kept: list[tuple[int, int]] = []
        for s, e in found:
            if s not in seen and e - 1 not in seen:
                kept.append((s, e))
            seen.update(range(s, e))
        kept.sort()
        out: list[Token] = []
        i = 0
        for s, e in kept:
            out.extend(tokens[i:s])
            pieces = self._specials.get(text[tokens[s][0]:tokens[e - 1][1]])
            if pieces is None:
                out.extend(tokens[s:e])
            else:
                self._emit(pieces, tokens[s][0], out)
            i = e
        out.extend(tokens[i:])
        return out


def _spacy_version() -> str | None:
    """spaCy's version without importing spaCy, read from its about.py; else from its
    package metadata (importlib.metadata costs ~30 ms to import: email, zipfile, csv)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("spacy")
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    if spec.origin:
        try:
            about = (Path(spec.origin).parent / "about.py").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            about = ""
        m = re.search(r"""^__version__\s*=\s*["']([^"'\s]+)["']""", about, re.M)
        if m:
            return m.group(1)
    from importlib import metadata

    try:
        return metadata.version("spacy")
    except metadata.PackageNotFoundError:
        return None


def _cache_name() -> str | None:
    version = _spacy_version()
    if version is None:
        return None
    py = ".".join(map(str, sys.version_info[:3]))
    return f"entok-{version}-py{py}.json"


def load_rules() -> SpacyRules | None:
    """spaCy's English tokenizer rules, from the cache or read once by a child process;
    None when there is no cache to keep them in or the child cannot read them (the
    caller then runs spaCy itself)."""
    name = _cache_name()
    if name is None or cachefiles.cache_dir() is None:
        return None
    raw = cachefiles.load_bytes(name)
    if raw is None:
        import subprocess  # only to read the rules once, never on a cached run

        try:
            done = subprocess.run([sys.executable, "-c", _EXTRACT], capture_output=True,
                                  timeout=120, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        raw = done.stdout
        cachefiles.store_bytes(name, raw)
    try:
        return SpacyRules(json.loads(raw))
    except (ValueError, KeyError, TypeError, re.error):
        return None
