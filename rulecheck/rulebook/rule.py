"""A rule as written in a YAML pack, before and after its match is compiled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rulecheck.lazyre import LazyPattern
from rulecheck.rulebook.deferred import Deferred, without_class_defaults


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


_GROUP = LazyPattern(r"\\([1-9])")


@dataclass(frozen=True)
class Replacement:
    """One drop-in: ``text`` in place of the flagged words, or, with ``when`` (an RE2
    pattern that must match the whole flagged text), ``text`` with ``\\1``… filled from
    its groups, as LanguageTool's suggestions reuse matched tokens (最好用 -> 很好用)."""

    text: str
    when: Any = None  # a compiled LinearPattern, or None: any flagged text
    # delete the whole clause the flagged words stand in (to its closing punctuation):
    # the honest fix of a claim that cannot be reworded (本活动最终解释权归本店所有。)
    clause: bool = False

    def render(self, flagged: str) -> str | None:
        """The replacement for ``flagged``, or None when ``when`` does not fit it."""
        if self.when is None:
            return self.text
        m = self.when.compiled.fullmatch(flagged)
        if m is None:
            return None
        return _GROUP.sub(lambda g: m.group(int(g.group(1))) or "", self.text)


@dataclass
class Replacements:
    """Drop-in phrases for a rule's matched span, as ruff's fix applicability."""

    safe: list[Replacement] = field(default_factory=list)  # meaning kept, law met, grammar intact
    unsafe: list[Replacement] = field(default_factory=list)  # a drop-in that needs a human look

    def __bool__(self) -> bool:
        return bool(self.safe or self.unsafe)

    def for_text(self, flagged: str) -> list[tuple[str, str]]:
        """(applicability, phrase) for ``flagged``, safe first, each phrase once."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for applicability, entries in (("safe", self.safe), ("unsafe", self.unsafe)):
            for entry in entries:
                phrase = None if entry.clause else entry.render(flagged)
                if phrase is not None and phrase not in seen:
                    seen.add(phrase)
                    out.append((applicability, phrase))
        return out

    def ordered(self) -> list[str]:
        """Every entry as written (patterns shown with their condition), safe first."""
        return [shown(r) for r in self.safe + self.unsafe]


def shown(r: Replacement) -> str:
    """An entry as people read it: the phrase, a clause deletion, and the words it fits."""
    text = "(delete the clause)" if r.clause else r.text
    return text if r.when is None else f"{text} (for /{r.when.source}/)"


#: Where a clause ends, and where a sentence does.
CLAUSE_ENDS = "，,。！!？?；;：:\n"
SENTENCE_ENDS = "。！!？?\n"


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to take out the clause around ``text[start:end]``.

    A clause inside its sentence goes with the comma after it (甲，乙，丙。 -> 甲，丙。);
    the last clause of a sentence goes with the comma before it, and the sentence keeps
    its own end (甲，乙。 -> 甲。); a whole sentence goes with its end, and a line it
    leaves empty goes too.
    """
    lo = start
    while lo > 0 and text[lo - 1] not in CLAUSE_ENDS:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in CLAUSE_ENDS:
        hi += 1
    while lo < start and text[lo] in " \t":
        lo += 1
    last = hi >= len(text) or text[hi] in SENTENCE_ENDS
    if last and lo > 0 and text[lo - 1] not in SENTENCE_ENDS:
        return lo - 1, hi
    if hi < len(text) and text[hi] != "\n":
        hi += 1
    if (lo == 0 or text[lo - 1] == "\n") and hi < len(text) and text[hi] == "\n":
        hi += 1  # the line is empty now
    return lo, hi


@without_class_defaults
@dataclass
class Rule(Deferred):
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
    status: str = "stable"  # stable | preview (only with --preview) | deprecated
    aliases: list[str] = field(default_factory=list)  # former ids, still accepted
    law_version: str = ""  # the version of the law cited (e.g. "2021-04-29 amendment")
    source: str = ""  # "file:line" where the rule was defined
    extra: dict[str, Any] = field(default_factory=dict)

    #: Read by `rules test`, the docs and explain, never by a check: a pickled rule
    #: (the cached rulebook) holds them as bytes until first read.
    _DEFER = (("examples", "description"),)

    @property
    def prefix(self) -> str:
        return self.id.split("-", 1)[0]
