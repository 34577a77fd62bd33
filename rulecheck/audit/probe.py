"""Which rules' anchors occur in a document: the rules that could have hit it.

Recorded with every checked document, so that after a rulebook change a document is
re-checked only when a changed rule could have matched it before or can match it now
(rulehash.recheck_scope). It is the checker's own prefilter — normalization, the
character-variant fold, the one-pass anchor scan with evasion spellings and the
separator-squeezed rescan — without tokenizing or evaluating anything, so it costs a
small fraction of a check.
"""

from __future__ import annotations

from rulecheck.engine.evasion import squeezed_hits
from rulecheck.engine.prepare import prepare
from rulecheck.engine.scan import Scanner
from rulecheck.model import Document
from rulecheck.rulebook.compiler import Rulebook

_SCANNERS: dict[str, tuple[Scanner, dict[int, int]]] = {}


def _scanner(book: Rulebook) -> tuple[Scanner, dict[int, int]]:
    got = _SCANNERS.get(book.fingerprint)
    if got is None:
        anchors = {pid for cr in book.rules.values() if cr.anchors for pid in cr.anchors}
        fold = str.maketrans(book.char_variants) if book.char_variants else {}
        got = _SCANNERS[book.fingerprint] = (
            Scanner(book.patterns.literals, book.aliases, anchors), fold)
    return got


def anchored_rules(book: Rulebook, doc: Document) -> frozenset[str]:
    """Every rule of ``book`` with at least one anchor hit in ``doc``."""
    scanner, fold = _scanner(book)
    text = prepare(doc).text
    if fold:
        text = text.translate(fold)
    hits = scanner.scan(text)
    pids = set(hits) | set(squeezed_hits(text, scanner)[0])
    by_pattern = book.rules_by_pattern
    return frozenset(rid for pid in pids for rid in by_pattern.get(pid, ()))
