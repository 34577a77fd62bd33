"""A rule as written in a YAML pack, before and after its match is compiled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class BadCase:
    """A bad example that pins behaviour: the spans its rule must report (LanguageTool's
    ``<marker>``) and, optionally, the text once the rule's safe fix is applied."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()  # empty: the rule must fire somewhere
    fixed: str | None = None


@dataclass
class Examples:
    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    # one per bad example, same order; filled from markers when the pack has them
    cases: list[BadCase] = field(default_factory=list)

    def bad_cases(self) -> list[BadCase]:
        return self.cases or [BadCase(t) for t in self.bad]


@dataclass
class Replacements:
    """Drop-in phrases for a rule's matched span, as ruff's fix applicability."""

    safe: list[str] = field(default_factory=list)  # meaning kept, law satisfied, grammar intact
    unsafe: list[str] = field(default_factory=list)  # a drop-in that needs a human look

    def __bool__(self) -> bool:
        return bool(self.safe or self.unsafe)

    def ordered(self) -> list[str]:
        return self.safe + [u for u in self.unsafe if u not in self.safe]


@dataclass
class Rule:
    """Everything a finding, `explain` or a report needs to know about one rule."""

    id: str
    category: str
    family: str
    severity: str
    lang: str
    title: str
    law: str
    message: str
    match: str
    examples: Examples
    description: str = ""
    unless: str | None = None
    downgrade_if: str | None = None
    scope: str = "sentence"
    applies_to: list[str] = field(default_factory=list)
    exempt_for: list[str] = field(default_factory=list)
    replace: Replacements = field(default_factory=Replacements)
    advice: list[str] = field(default_factory=list)  # guidance that is not a drop-in
    link: str | None = None
    # kinds of context (context.KINDS) in which this rule's hits still count as claims
    context_off: list[str] = field(default_factory=list)
    # a second wrong the same words commit: {"category", "law"} -> a second finding
    also: dict[str, str] | None = None
    source: str = ""  # "file:line" where the rule was defined
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return self.id.split("-", 1)[0]
