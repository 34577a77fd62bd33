"""A rule as written in a YAML pack, before and after its match is compiled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Examples:
    bad: list[str] = field(default_factory=list)
    good: list[str] = field(default_factory=list)


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
    suggest: list[str] = field(default_factory=list)
    fix: str | None = None
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
