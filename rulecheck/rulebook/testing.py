"""`rulecheck rules test`: every bad example is flagged by its rule, no good one is."""

from __future__ import annotations

from dataclasses import dataclass

from rulecheck.engine.checker import Checker


@dataclass
class ExampleFailure:
    rule: str
    kind: str  # "bad" (missed) or "good" (false alarm)
    example: str
    source: str

    def __str__(self) -> str:
        what = "not flagged" if self.kind == "bad" else "flagged"
        return f"{self.source}: {self.rule}: {self.kind} example {what}: {self.example}"


@dataclass
class TestReport:
    rules: int
    examples: int
    failures: list[ExampleFailure]


def test_rules(checker: Checker, rule_ids: list[str] | None = None) -> TestReport:
    ids = rule_ids if rule_ids is not None else sorted(checker.rules)
    failures: list[ExampleFailure] = []
    examples = 0
    for rid in ids:
        rule = checker.rules[rid]
        for kind, texts in (("bad", rule.examples.bad), ("good", rule.examples.good)):
            for text in texts:
                examples += 1
                found = checker.check_document_text_only(text, rule.lang, rid)
                if (kind == "bad") != found:
                    failures.append(ExampleFailure(rid, kind, text, rule.source))
    return TestReport(len(ids), examples, failures)
