"""`rulecheck rules test`: every rule's examples pin its behaviour.

Like sqlfluff's YAML rule cases and LanguageTool's ``<marker>`` examples: a bad
example must be flagged by its rule *on the marked words* (``全网[[最好用]]的面霜``;
an unmarked one only has to fire somewhere), and with ``fixed:`` the rule's safe fix
must give that text; a good example must not be flagged. Every replacement a rule
offers is tried in every bad example: put in place of the flagged words, the rule
must fall silent and no other rule may start to fire.

The unit is one case, so pytest can run each as its own test
(``tests/test_rule_examples.py``) and the CLI can run them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rulecheck.engine.checker import Checker
from rulecheck.fix import apply_edits
from rulecheck.model import Finding
from rulecheck.rulebook.markers import mark
from rulecheck.rulebook.rule import BadCase, Rule, clause_span


@dataclass(frozen=True)
class Case:
    """One example of one rule: ``kind`` is "bad" or "good"."""

    rule: str
    kind: str
    index: int
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    fixed: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind}-{self.index}"


@dataclass
class ExampleFailure:
    rule: str
    kind: str  # "bad", "good", "span", "fixed" or "replacement"
    example: str
    source: str
    detail: str = ""

    def __str__(self) -> str:
        what = {"bad": "bad example not flagged", "good": "good example flagged",
                "span": "bad example flagged on other words",
                "fixed": "fix gives another text",
                "replacement": "replacement does not work"}[self.kind]
        tail = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: {self.rule}: {what}: {self.example}{tail}"


@dataclass
class TestReport:
    rules: int
    examples: int
    failures: list[ExampleFailure] = field(default_factory=list)
    failed: int = 0  # examples with at least one failure


def cases(rule: Rule) -> Iterator[Case]:
    """Every example of ``rule`` as a case, bad ones first."""
    for i, bad in enumerate(rule.examples.bad_cases()):
        yield Case(rule.id, "bad", i, bad.text, bad.spans, bad.fixed)
    for i, good in enumerate(rule.examples.good):
        yield Case(rule.id, "good", i, good)


def rule_findings(checker: Checker, rule: Rule, text: str) -> list[Finding]:
    """The findings of ``rule`` alone on ``text`` (selected or not)."""
    saved = checker._active
    checker._active = {rule.id}
    try:
        return [f for f in checker.check_text(text, lang=rule.lang) if f.rule == rule.id]
    finally:
        checker._active = saved


def run_case(checker: Checker, case: Case) -> list[ExampleFailure]:
    """What is wrong with one case (nothing when it passes)."""
    rule = checker.rules[case.rule]
    found = rule_findings(checker, rule, case.text)
    fail = _failure_maker(rule, case)
    if case.kind == "good":
        return [fail("good", _spans_shown(case.text, found))] if found else []
    if not found:
        return [fail("bad")]
    spans = sorted({(f.start, f.end) for f in found})
    if case.spans and spans != sorted(case.spans):
        return [fail("span", "flagged " + mark(case.text, _disjoint(spans)))]
    failures: list[ExampleFailure] = []
    if case.fixed is not None:
        fixable = [f for f in _one_per_span(found) if f.fix and f.fix.applicability == "safe"]
        got = apply_edits(case.text, fixable)
        if got != case.fixed:
            failures.append(fail("fixed", f"got {got!r}"))
    failures.extend(_replacement_failures(checker, rule, case, spans, fail))
    return failures


def _replacement_failures(checker: Checker, rule: Rule, case: Case,
                          spans: list[tuple[int, int]], fail) -> list[ExampleFailure]:
    """Each replacement in place of every flagged span it fits: the rule is silent and no
    rule fires that did not fire on the example itself."""
    entries = rule.replace.safe + rule.replace.unsafe
    if not entries:
        return []
    spans = _disjoint(spans)
    before: set[str] | None = None
    out: list[ExampleFailure] = []
    for entry in entries:
        text = case.text
        fitted = False
        cut = len(text)  # where the last edit began: clauses are found in the example
        for start, end in reversed(spans):
            phrase = entry.render(case.text[start:end])
            if phrase is not None:
                fitted = True
                if entry.clause:
                    start, end = clause_span(case.text, start, end)
                    phrase = ""
                    if start >= cut:  # two flagged words in one clause: it is gone already
                        continue
                    end = min(end, cut)  # the comma the later deletion already took
                text = text[:start] + phrase + text[end:]
                cut = start
        if not fitted:
            continue  # a patterned entry for other shapes of the flagged words
        phrase = entry.text
        if before is None:
            before = {f.rule for f in checker.check_text(case.text, lang=rule.lang)}
        after = checker.check_text(text, lang=rule.lang)
        still = [f for f in after if f.rule == rule.id]
        new = sorted({f.rule for f in after} - before - {rule.id})
        if still:
            out.append(fail("replacement", f"{phrase!r} still flagged in {text!r}"))
        elif new:
            out.append(fail("replacement", f"{phrase!r} makes {', '.join(new)} fire "
                                           f"in {text!r}"))
    return out


def _failure_maker(rule: Rule, case: Case):
    shown = mark(case.text, case.spans) if case.spans else case.text

    def fail(kind: str, detail: str = "") -> ExampleFailure:
        return ExampleFailure(rule.id, kind, shown, rule.source, detail)
    return fail


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _one_per_span(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[int, int]] = set()
    out = []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        if (f.start, f.end) not in seen and not any(f.start < e and s < f.end for s, e in seen):
            seen.add((f.start, f.end))
            out.append(f)
    return out


def _spans_shown(text: str, found: list[Finding]) -> str:
    return "flagged " + mark(text, _disjoint([(f.start, f.end) for f in found]))


def run_rule_tests(checker: Checker, rule_ids: list[str] | None = None) -> TestReport:
    """Run every case of the given rules (default: all)."""
    ids = rule_ids if rule_ids is not None else sorted(checker.rules)
    report = TestReport(len(ids), 0)
    for rid in ids:
        for case in cases(checker.rules[rid]):
            report.examples += 1
            wrong = run_case(checker, case)
            report.failures.extend(wrong)
            report.failed += bool(wrong)
    return report


__all__ = ["BadCase", "Case", "ExampleFailure", "TestReport", "cases", "rule_findings",
           "run_case", "run_rule_tests"]
