"""The finding list of the HTML report, and the table of the rules it cites.

What the findings of one rule share — its severity, title and category, the wording of
its message around the matched words, its law and advice — is written once, in the
rule table at the end of the page, and the page's script places it beside every
finding of that rule when the page loads (a finding that differs carries its own).
Hundreds of findings of one rule then cost little more than their own words, which
keeps the report of a long transcript within a few times the size of the transcript;
a reader without scripts still sees each finding's rule, place and words, and the rest
in the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from rulecheck.model import Finding
from rulecheck.reports.common import time_range
from rulecheck.reports.messages import Messages
from rulecheck.reports.transcript import cat_class, sev_class


def e(value: object) -> str:
    """Escape for text and attribute values alike."""
    return escape(str(value), quote=True)


def _fixed(f: Finding) -> str | None:
    """The replacement ``--fix`` would apply: marked among the suggestions."""
    if f.fix and f.fix.applicability == "safe" and f.fix.edits:
        return f.fix.edits[0].content
    return None


def _related(f: Finding) -> tuple[tuple[str, str], ...]:
    return tuple((r.get("rule", ""), r.get("law", "")) for r in f.related)


@dataclass(frozen=True)
class RuleDef:
    """What the findings of one rule share; its message is ``before`` + the matched
    words + ``after`` (None when the first finding's message does not quote them).

    A rule judged by product can read two ways (a disease claim is an advertising
    wrong for a face cream, a food-safety one for a tea, each with its own law): each
    way is a variant with its own entry, ``variant`` 0, 1, ... Related articles and
    replacements depend on a finding's words: the entry holds its first finding's, and
    a finding with others carries its own.
    """

    rule: str
    variant: int
    title: str
    category: str
    severity: str
    law: str
    advice: tuple[str, ...]
    before: str | None
    after: str | None
    related: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()
    fixed: str | None = None

    def wording(self, f: Finding, shown: str) -> bool:
        """``f``'s message is this rule's wording around ``shown``."""
        return (self.before is not None and self.after is not None
                and f.message == f"{self.before}{shown}{self.after}")

    @property
    def anchor(self) -> str:
        """The id of its entry in the rule table."""
        return f"r-{self.rule}" + (f"~{self.variant}" if self.variant else "")

    def shares(self, f: Finding) -> bool:
        """``f`` has this variant's category, law and advice (its title, severity and
        message may still differ; related articles and replacements are its own)."""
        return (f.category == self.category and f.law == self.law
                and tuple(f.advice) == self.advice)


def _split(message: str, shown: str) -> tuple[str | None, str | None]:
    at = message.find(shown) if shown else -1
    return (None, None) if at < 0 else (message[:at], message[at + len(shown):])


#: Variants of one rule in the table; findings of any further one carry their own parts.
MAX_VARIANTS = 4


class RuleDefs:
    """The rule table's entries, made from the findings as they come."""

    def __init__(self, findings: Sequence[tuple[Finding, str]]) -> None:
        self.by_rule: dict[str, list[RuleDef]] = {}
        self.counts: dict[str, int] = {}
        for f, shown in findings:
            found = self.of(f)
            if found is None:
                variants = self.by_rule.setdefault(f.rule, [])
                if len(variants) >= MAX_VARIANTS:
                    continue
                found = RuleDef(f.rule, len(variants), f.title, f.category, f.severity, f.law,
                                tuple(f.advice), *_split(f.message, shown), _related(f),
                                tuple(f.suggestions), _fixed(f))
                variants.append(found)
            self.counts[found.anchor] = self.counts.get(found.anchor, 0) + 1

    def of(self, f: Finding) -> RuleDef | None:
        """The entry whose shared parts ``f`` has, if any."""
        return next((d for d in self.by_rule.get(f.rule, ()) if d.shares(f)), None)

    def entries(self) -> list[RuleDef]:
        """By rule id, each rule's variants in the order they were met."""
        return [d for rule in sorted(self.by_rule) for d in self.by_rule[rule]]


def _law(law: str, msg: Messages) -> str:
    return f'<p class="law"><span class="lbl">{e(msg("law"))}</span> {e(law)}</p>'


def _advice(tips: Sequence[str]) -> str:
    return "".join(f'<p class="note advice">{e(tip)}</p>' for tip in tips)


def _also(related: Sequence[tuple[str, str]], msg: Messages) -> str:
    return "".join(f'<p class="law also"><span class="lbl">{e(msg("also"))}</span> '
                   f'<code>{e(rule)}</code> {e(article)}</p>' for rule, article in related)


def _sugs(suggestions: Sequence[str], fixed: str | None, msg: Messages) -> str:
    if not suggestions:
        return ""
    chips = []
    for s in suggestions:
        kind = f' fix" title="{e(msg("safe_fix"))}' if s == fixed else ""
        chips.append(f'<span class="sug{kind}">{e(s) or "∅"}</span>')
    return (f'<div class="sugs"><span class="lbl">{e(msg("say_instead"))}</span>'
            f'{"".join(chips)}</div>')


def _own_parts(f: Finding, rdef: RuleDef | None, msg: Messages) -> str:
    """Related articles and replacements, where they are not the rule entry's (an empty
    hidden element says "none" where the entry has some)."""
    related, sugs, fixed = _related(f), tuple(f.suggestions), _fixed(f)
    if rdef is None:
        return _also(related, msg) + _sugs(sugs, fixed, msg)
    parts = []
    if related != rdef.related:
        parts.append(_also(related, msg) or '<p class="law also" hidden></p>')
    if (sugs, fixed) != (rdef.suggestions, rdef.fixed):
        parts.append(_sugs(sugs, fixed, msg) or '<div class="sugs" hidden></div>')
    return "".join(parts)


def _message(f: Finding, shown: str, templated: bool) -> str:
    """The message with the matched words in bold where it quotes them (only the words
    when the rest is the rule's wording); otherwise the words on a line above it."""
    if templated:
        return f'<p class="msg" data-t><b>{e(shown)}</b></p>'
    before, after = _split(f.message, shown)
    if before is None or after is None:
        return (f'<p class="quote"><q>{e(shown)}</q></p>'
                f'<p class="msg">{e(f.message)}</p>')
    return f'<p class="msg">{e(before)}<b>{e(shown)}</b>{e(after)}</p>'


def render_item(f: Finding, key: str, is_located: bool, shown: str, msg: Messages,
                rdef: RuleDef | None) -> str:
    """One finding: severity, rule, where, and its words; the parts it shares with
    ``rdef`` (its entry in the rule table) are left to the page's script, and all of
    them are written out when it has no entry."""
    where = msg("location", line=f.line, column=f.column)
    loc = (f'<a class="loc" href="#m-{e(key)}">{e(where)}</a>' if is_located
           else f'<span class="loc" title="{e(msg("not_located"))}">{e(where)}</span>')
    when = time_range(f)
    speaker = f.segment.speaker if f.segment is not None else None
    own = rdef is None
    variant = f' data-v="{rdef.variant}"' if rdef is not None and rdef.variant else ""
    parts = [
        f'<li class="item {sev_class(f.severity)} {cat_class(f.category)}" id="{e(key)}" '
        f'data-rule="{e(f.rule)}"{variant}{" data-own" if own else ""}>',
        f'<span class="badge">{e(msg.severity(f.severity))}</span>'
        if rdef is None or f.severity != rdef.severity else "",
        f'<code class="rule">{e(f.rule)}</code>',
        f'<span class="cat">{e(msg.category(f.category))}</span>' if own else "",
        loc,
    ]
    if when or speaker:
        parts.append(f'<span class="when">{e(" · ".join(x for x in (when, speaker) if x))}'
                     "</span>")
    if rdef is None or f.title != rdef.title:
        parts.append(f"<h3>{e(f.title)}</h3>")
    parts.append(_message(f, shown, rdef is not None and rdef.wording(f, shown)))
    if own:
        parts.append(_law(f.law, msg))
    parts.append(_own_parts(f, rdef, msg))
    if own:
        parts.append(_advice(f.advice))
    for note in f.notes:
        parts.append(f'<p class="note">{e(msg.note(note))}</p>')
    parts.append("</li>")
    return "".join(parts)


def _wording(d: RuleDef) -> str:
    """The rule's message with an ellipsis for the words each finding quotes."""
    if d.before is None or d.after is None:
        return ""
    return (f'<p class="msg"><span class="pre">{e(d.before)}</span>…'
            f'<span class="post">{e(d.after)}</span></p>')


def render_rule_table(defs: RuleDefs, msg: Messages) -> str:
    """Every rule the findings cite, once (per variant): id, title, category, how many
    findings, wording, law and advice."""
    entries = defs.entries()
    if not entries:
        return ""
    rows = "".join(
        f'<div class="rule-def {sev_class(d.severity)} {cat_class(d.category)}" '
        f'id="{e(d.anchor)}"><dt><span class="badge">{e(msg.severity(d.severity))}</span> '
        f'<code class="rule">{e(d.rule)}</code> <b>{e(d.title)}</b> '
        f'<span class="cat">{e(msg.category(d.category))}</span> '
        f'<span class="n">{e(msg("rule_findings", n=defs.counts.get(d.anchor, 0)))}</span>'
        f'</dt><dd>{_wording(d)}{_law(d.law, msg)}{_also(d.related, msg)}'
        f'{_sugs(d.suggestions, d.fixed, msg)}{_advice(d.advice)}</dd></div>'
        for d in entries)
    return (f'<section class="panel rules" id="rules"><h2>{e(msg("rules_title"))}</h2>'
            f'<dl class="rule-defs">{rows}</dl></section>')
