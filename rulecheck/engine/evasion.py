"""Separators inserted inside a rule term (最 好, 加*微*信, 全-网-最-低) found anyway.

Only the neighbourhood of each suspicious gap is re-scanned, with the gap taken
out; a hit counts only if the gap lies inside it, so the text between two words
never creates a match that the plain scan did not already find. Clause
punctuation (，。！？：；) and line breaks are never treated as inserted separators.
"""

from __future__ import annotations

import re

from rulecheck.engine.scan import Hit, Scanner

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SEP = r"[ \t\u3000*·•\-_~|/\\+=#^.、\u2600-\u27bf\U0001f000-\U0001faff]"
_GAP = re.compile(
    rf"(?<=[{_HAN}]){_SEP}{{1,3}}(?=[{_HAN}a-z0-9])"
    rf"|(?<=[a-z0-9]){_SEP}{{1,3}}(?=[{_HAN}])"
    rf"|(?<=[{_HAN}])x(?=[{_HAN}])"
)
MAX_WINDOW = 12


def squeezed_hits(text: str, scanner: Scanner) -> tuple[dict[int, list[Hit]], list[Hit]]:
    """Hits that only appear once inserted separators are removed, and the gaps found."""
    pairs = scanner.pairs
    gaps = [m.span() for m in _GAP.finditer(text) if text[m.start() - 1] + text[m.end()] in pairs]
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
