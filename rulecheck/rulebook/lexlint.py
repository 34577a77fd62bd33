"""Lint that reads the word lists themselves, not the rules.

A term written twice in one list, two lists that say mostly the same thing (one
should include the other), and a list the engine reads that a rule set lacks
(its context cue then silently stays off) are authoring mistakes no rule test sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from rulecheck.context.model import CUE_EXPRESSIONS
from rulecheck.rulebook.lexicons import Lexicon
from rulecheck.rulebook.yamlsource import load_yaml

#: Share of the smaller list's terms that the larger one also holds: above it, the two
#: lists are one vocabulary written twice.
OVERLAP = 0.8
MIN_OVERLAP_TERMS = 4

#: Lists the engine reads by name besides those its context cues name (dsl/parser.py,
#: context/model.py, engine/checker.py).
ENGINE_LEXICONS: frozenset[str] = frozenset({
    "negators", "negation_exceptions", "meta_talk", "ctx_negators", "ctx_stage_labels",
    "ctx_transparent", "ctx_closers", "ctx_object_verbs"})


def required_lexicons() -> frozenset[str]:
    """Every lexicon name the engine itself reads."""
    named = {m for expr in CUE_EXPRESSIONS.values() for m in re.findall(r"@(\w+)", expr)}
    return frozenset(named) | ENGINE_LEXICONS


def duplicate_terms(path: Path) -> list[str]:
    """Terms a lexicon file lists more than once (after trimming), in file order."""
    data = load_yaml(path)
    terms = data.get("terms", []) if isinstance(data, dict) else []
    seen: set[str] = set()
    twice: list[str] = []
    for term in terms:
        key = str(term).strip()
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    return twice


def overlapping(lexicons: Mapping[str, Lexicon]) -> Iterator[tuple[str, str, int]]:
    """(smaller, larger, shared) for pairs of lists that mostly hold the same terms."""
    sets = {name: set(lex.terms) for name, lex in lexicons.items()}
    by_term: dict[str, list[str]] = {}
    for name, terms in sets.items():
        for t in terms:
            by_term.setdefault(t, []).append(name)
    shared: dict[tuple[str, str], int] = {}
    for names in by_term.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                key = (a, b) if a < b else (b, a)
                shared[key] = shared.get(key, 0) + 1
    for (a, b), count in sorted(shared.items()):
        small, large = (a, b) if len(sets[a]) <= len(sets[b]) else (b, a)
        if count >= MIN_OVERLAP_TERMS and count >= OVERLAP * len(sets[small]):
            yield small, large, count


def missing_required(lexicons: Mapping[str, Lexicon]) -> list[str]:
    """Names the engine reads that this rule set does not define."""
    return sorted(required_lexicons() - set(lexicons))
