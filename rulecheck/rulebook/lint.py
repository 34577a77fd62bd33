"""`rulecheck rules lint`: problems that do not break a rule but make it slow or weak."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rulecheck.dsl import nodes as n
from rulecheck.rulebook.compiler import Rulebook
from rulecheck.rulebook.regexlint import ambiguous_repeats

MIN_EXAMPLES = 3


@dataclass
class LintIssue:
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.code} {self.message}"


def lint_rulebook(book: Rulebook) -> list[LintIssue]:
    issues: list[LintIssue] = []
    used_lexicons: set[str] = set()
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
        if not rule.suggest and not rule.fix:
            issues.append(LintIssue(rule.source, "suggest",
                                    f"{rid}: no suggestion or fix for a compliant wording"))
        if not rule.description:
            issues.append(LintIssue(rule.source, "description", f"{rid}: no description"))
    for _expr, rids in sorted(by_match.items()):
        if len(rids) > 1:
            issues.append(LintIssue(book.rules[rids[0]].rule.source, "duplicate",
                                    f"{', '.join(rids)} have the same match expression"))
    for name, lex in sorted(book.lexicons.items()):
        if name not in used_lexicons and not name.startswith("product_") \
                and name != "tokenizer_words":
            issues.append(LintIssue(lex.source, "unused-lexicon",
                                    f"lexicon @{name} is not used by any rule"))
    return issues
