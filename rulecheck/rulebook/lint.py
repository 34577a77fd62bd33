"""`rulecheck rules lint`: problems that do not break a rule but make it slow or weak."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rulecheck.dsl import nodes as n
from rulecheck.rulebook import lexlint
from rulecheck.rulebook.compiler import Rulebook
from rulecheck.rulebook.hotanchors import hot_anchors
from rulecheck.rulebook.regexlint import ambiguous_repeats

MIN_EXAMPLES = 3


@dataclass
class LintIssue:
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.code} {self.message}"


#: Lexicons through which a rule would judge context by hand (the engine does it for all).
CONTEXT_LEXICONS = frozenset({"negators", "ctx_negators", "negation_exceptions", "meta_talk",
                              "ad_speech_intros", "ad_hearsay", "ad_debunk_cues",
                              "en_negators_extra"})


_LEXREF = re.compile(r"@([A-Za-z_][A-Za-z0-9_]*)")


def _context_by_hand(tree: n.Node) -> str | None:
    """What context check a rule's expression re-implements, if any."""
    for node in n.walk(tree):
        if isinstance(node, n.Quoted):
            return "quoted()"
        if isinstance(node, n.Context):
            for inner in n.walk(node.inner):
                if isinstance(inner, n.Phrase) and inner.lexicon in CONTEXT_LEXICONS:
                    return f"a condition on @{inner.lexicon}"
    return None


def _context_lexicons(book: Rulebook) -> set[str]:
    """Lexicons the engine's context layer reads (see context/model.py)."""
    used: set[str] = set()
    if book.context is None:
        return used
    for node in book.context.cues.values():
        used.update(x.lexicon for x in n.walk(node) if isinstance(x, n.Phrase) and x.lexicon)
    used.update(name for name in book.lexicons if name.startswith(("ctx_", "ptype_")))
    return used


def lint_rulebook(book: Rulebook) -> list[LintIssue]:
    issues: list[LintIssue] = []
    used_lexicons: set[str] = _context_lexicons(book)
    by_match: dict[str, list[str]] = defaultdict(list)
    for rid, cr in sorted(book.rules.items()):
        rule = cr.rule
        for tree in (cr.match, cr.unless, cr.downgrade):
            if tree is None:
                continue
            for node in n.walk(tree):
                if isinstance(node, n.Phrase) and node.lexicon:
                    used_lexicons.add(node.lexicon)
                if isinstance(node, n.Regex):
                    issues.extend(LintIssue(rule.source, "regex", f"{rid}: {problem}")
                                  for problem in ambiguous_repeats(node.pattern.source))
            by_hand = _context_by_hand(tree)
            if by_hand:
                issues.append(LintIssue(rule.source, "context-by-hand",
                                        f"{rid}: {by_hand} re-implements a context check that "
                                        f"the engine makes for every rule; drop it, or turn the "
                                        f"kind off with context_off"))
        for expr in (rule.match, rule.unless, rule.downgrade_if):
            used_lexicons.update(_LEXREF.findall(expr or ""))  # lemma(@a, @b) keeps no name
        by_match[" ".join(rule.match.split())].append(rid)
        if cr.anchors is None:
            issues.append(LintIssue(rule.source, "slow",
                                    f"{rid}: match has no literal anchor, so it runs on every "
                                    f"sentence; add a phrase, lexicon or word() on its focus side"))
        for kind in ("bad", "good"):
            count = len(getattr(rule.examples, kind))
            if count < MIN_EXAMPLES:
                issues.append(LintIssue(rule.source, "examples",
                                        f"{rid}: only {count} {kind} example(s); "
                                        f"{MIN_EXAMPLES} or more show the rule's reach"))
        unpinned = [i for i, case in enumerate(rule.examples.bad_cases(), 1) if not case.spans]
        if unpinned:
            issues.append(LintIssue(rule.source, "unpinned-example",
                                    f"{rid}: bad example(s) {', '.join(map(str, unpinned))} mark "
                                    f"no words with [[...]], so a test cannot tell whether the "
                                    f"rule flags the right ones"))
        if not rule.replace and not rule.advice:
            issues.append(LintIssue(rule.source, "suggest",
                                    f"{rid}: no replacement or advice for a compliant wording"))
        if not rule.description:
            issues.append(LintIssue(rule.source, "description", f"{rid}: no description"))
    for rid, message in hot_anchors(book):
        issues.append(LintIssue(book.rules[rid].rule.source, "hot-anchor", message))
    for _expr, rids in sorted(by_match.items()):
        if len(rids) > 1:
            issues.append(LintIssue(book.rules[rids[0]].rule.source, "duplicate",
                                    f"{', '.join(rids)} have the same match expression"))
    for name, lex in sorted(book.lexicons.items()):
        if name not in used_lexicons and not name.startswith("product_") \
                and name != "tokenizer_words":
            issues.append(LintIssue(lex.source, "unused-lexicon",
                                    f"lexicon @{name} is not used by any rule"))
    return issues + _lexicon_issues(book)


def _lexicon_issues(book: Rulebook) -> list[LintIssue]:
    """What the word lists themselves get wrong (rulebook/lexlint.py)."""
    issues: list[LintIssue] = []
    for name, lex in sorted(book.lexicons.items()):
        twice = lexlint.duplicate_terms(Path(lex.source))
        if twice:
            issues.append(LintIssue(lex.source, "duplicate-term",
                                    f"@{name} lists {', '.join(map(repr, twice))} more than once"))
    for small, large, shared in lexlint.overlapping(book.lexicons):
        lex = book.lexicons[small]
        if large in lex.overlaps or small in book.lexicons[large].overlaps \
                or large in lex.include or small in book.lexicons[large].include:
            continue
        issues.append(LintIssue(lex.source, "overlapping-lexicons",
                                f"@{small} shares {shared} of its {len(lex.terms)} terms with "
                                f"@{large}: include one in the other, or say "
                                f"overlaps: [{large}] if the overlap is intended"))
    missing = lexlint.missing_required(book.lexicons)
    if missing:
        issues.append(LintIssue(", ".join(book.sources[:1]) or "rules", "missing-lexicon",
                                f"the engine reads {', '.join('@' + m for m in missing)}, which "
                                f"these rules do not define: those context cues stay off"))
    return issues
