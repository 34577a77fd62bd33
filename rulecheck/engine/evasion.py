"""Separators inserted inside a rule term (最 好, 加*微*信, 全-网-最-低) found anyway.

Only the neighbourhood of each suspicious gap is re-scanned, with the gap taken
out; a hit counts only if the gap lies inside it, so the text between two words
never creates a match that the plain scan did not already find. Clause
punctuation (，。！？：；) and line breaks are never treated as inserted separators.
"""

from __future__ import annotations

import re

from rulecheck.engine.scan import Hit, Scanner
from rulecheck.text.recode import compile_cached

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SEP = r"[ \t\u3000*·•\-_~|/\\+=#^.、\u2600-\u27bf\U0001f000-\U0001faff]"
_GAP = compile_cached(
    rf"(?<=[{_HAN}]){_SEP}{{1,3}}(?=[{_HAN}a-z0-9])"
    rf"|(?<=[a-z0-9]){_SEP}{{1,3}}(?=[{_HAN}])"
    rf"|(?<=[{_HAN}])x(?=[{_HAN}])"
)
MAX_WINDOW = 12
#: Single Latin letters spelled out with separators: b e s t, f.r.e.e, c-u-r-e (3 or more).
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9])[a-z](?:[ .\-*_·][a-z]){2,}(?![a-z0-9])")
#: Digits and symbols that stand for letters inside an English word (b3st, l0west, $ale, fr€e).
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
        "!": "i", "€": "e", "|": "l"}
_LEET_CHARS = re.escape("".join(LEET))
_LEET_WORD = compile_cached(rf"(?<![a-z0-9{_LEET_CHARS}])[a-z0-9{_LEET_CHARS}]{{3,}}"
                        rf"(?![a-z0-9{_LEET_CHARS}])")
_LEET_FOLDS = (str.maketrans(LEET), str.maketrans({**LEET, "1": "l"}))
LEET_REACH = 24


def _letter_gaps(text: str) -> list[Hit]:
    """The separators inside runs of spelled-out letters."""
    gaps: list[Hit] = []
    for m in _SPACED_LETTERS.finditer(text):
        gaps.extend((i, i + 1) for i in range(m.start() + 1, m.end(), 2))
    return gaps


#: Folded windows whose scans a memo (leet_hits) keeps before it starts afresh.
MEMO_WINDOWS = 4096


def leet_hits(text: str, scanner: Scanner,
              memo: dict[str, dict[int, list[Hit]]] | None = None) -> dict[int, list[Hit]]:
    """Hits that only appear once digits and symbols inside words are read as letters.

    Only words holding at least two letters and one stand-in are folded, one character for
    one (offsets unchanged), and only hits that cover a folded character count, so mp3, b12
    or covid-19 never turn into anything a rule looks for. `memo` (folded window -> its
    scan, for one scanner) spares a caller that checks the same words again, such as a
    stream's overlapping windows (a handle like @united is such a word), their scans.
    """
    words = [m.span() for m in _LEET_WORD.finditer(text)
             if sum(c.isalpha() for c in m.group()) >= 2
             and any(c in LEET for c in m.group()) and not m.group().isdigit()]
    out: dict[int, list[Hit]] = {}
    for s, e in words:
        ws, we = max(s - LEET_REACH, 0), min(e + LEET_REACH, len(text))
        folded_at = {i for i in range(s, e) if text[i] in LEET}
        for fold in _LEET_FOLDS:
            window = text[ws:s] + text[s:e].translate(fold) + text[e:we]
            found = memo.get(window) if memo is not None else None
            if found is None:
                found = scanner.scan(window)
                if memo is not None:
                    if len(memo) >= MEMO_WINDOWS:
                        memo.clear()
                    memo[window] = found
            for pid, hits in found.items():
                for hs, he in hits:
                    span = (hs + ws, he + ws)
                    if any(span[0] <= i < span[1] for i in folded_at):
                        got = out.setdefault(pid, [])
                        if span not in got:
                            got.append(span)
    return out


def squeezed_hits(text: str, scanner: Scanner) -> tuple[dict[int, list[Hit]], list[Hit]]:
    """Hits that only appear once inserted separators are removed, and the gaps found."""
    found = [m.span() for m in _GAP.finditer(text)]
    found.extend(_letter_gaps(text))
    pairs = scanner.pairs if found else frozenset()  # derived when first needed
    gaps = sorted({g for g in found if text[g[0] - 1] + text[g[1]] in pairs})
    out: dict[int, list[Hit]] = {}
    if not gaps:
        return out, gaps
    reach = min(scanner.max_literal, MAX_WINDOW)
    windows: list[list[int]] = []
    for s, e in gaps:
        ws, we = max(s - reach, 0), min(e + reach, len(text))
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], we)
        else:
            windows.append([ws, we])
    gap_iter = 0
    for ws, we in windows:
        kept: list[int] = []  # squeezed index -> text index
        removed_before: list[bool] = []  # whether a gap was removed just before this char
        pos = ws
        pending = False
        while gap_iter < len(gaps) and gaps[gap_iter][1] <= ws:
            gap_iter += 1
        g = gap_iter
        while pos < we:
            if g < len(gaps) and gaps[g][0] == pos:
                pos = gaps[g][1]
                g += 1
                pending = True
                continue
            kept.append(pos)
            removed_before.append(pending)
            pending = False
            pos += 1
        squeezed = "".join(text[i] for i in kept)
        for pid, hits in scanner.scan(squeezed).items():
            for s, e in hits:
                if not any(removed_before[s + 1:e]):
                    continue  # no separator inside: the plain scan already saw it
                out.setdefault(pid, []).append((kept[s], kept[e - 1] + 1))
    return out, gaps
