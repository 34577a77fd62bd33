"""The finding list of the HTML report, and the table of the rules it cites.

What the findings of one rule share — its title and category, the wording of its message
around the matched words, its law and advice — is written once, in the rule table at
the end of the page, and the page's script places it beside every finding of that
rule when the page loads (a finding whose wording differs carries its own). Hundreds
of findings of one rule then cost little more than their own words, which keeps the
report of a long transcript near the size of the transcript; a reader without
scripts still sees each finding's rule, title and words, and the rest in the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from rulecheck.model import Finding
from rulecheck.reports.common import time_range
from rulecheck.reports.messages import Messages
from rulecheck.reports.transcript import cat_class, sev_class


def e(value: object) -> str:
    """Escape for text and attribute values alike."""
    return escape(str(value), quote=True)


@dataclass(frozen=True)
class RuleDef:
    """What the findings of one rule share; its message is ``before`` + the matched
    words + ``after`` (None when the first finding's message does not quote them)."""

    rule: str
    title: str
    category: str
    severity: str
    law: str
    advice: tuple[str, ...]
    before: str | None
    after: str | None

    def wording(self, f: Finding, shown: str) -> bool:
        """``f``'s message is this rule's wording around ``shown``."""
        return (self.before is not None and self.after is not None
                and f.message == f"{self.before}{shown}{self.after}")

    def shares(self, f: Finding) -> bool:
        """``f`` has this rule's category, law and advice (its title may differ)."""
        return (f.category == self.category and f.law == self.law
                and tuple(f.advice) == self.advice)


def _split(message: str, shown: str) -> tuple[str | None, str | None]:
    at = message.find(shown) if shown else -1
    return (None, None) if at < 0 else (message[:at], message[at + len(shown):])


def rule_defs(findings: Sequence[tuple[Finding, str]]) -> dict[str, RuleDef]:
    """One entry per rule, from its first finding (with its shown words), by rule id."""
    defs: dict[str, RuleDef] = {}
    for f, shown in findings:
        if f.rule not in defs:
            defs[f.rule] = RuleDef(f.rule, f.title, f.category, f.severity, f.law,
                                   tuple(f.advice), *_split(f.message, shown))
    return dict(sorted(defs.items()))


def _law(law: str, msg: Messages) -> str:
    return f'<p class="law"><span class="lbl">{e(msg("law"))}</span> {e(law)}</p>'


def _advice(tips: Sequence[str]) -> str:
    return "".join(f'<p class="note advice">{e(tip)}</p>' for tip in tips)


def _message(f: Finding, shown: str, shared: bool) -> str:
    """The message with the matched words in bold where it quotes them (only the words
    when the rest is the rule's wording); otherwise the words on a line above it."""
    if shared:
        return f'<p class="msg" data-t><b class="hit">{e(shown)}</b></p>'
    before, after = _split(f.message, shown)
    if before is None or after is None:
        return (f'<p class="quote"><q>{e(shown)}</q></p>'
                f'<p class="msg">{e(f.message)}</p>')
    return (f'<p class="msg">{e(before)}<b class="hit">{e(shown)}</b>{e(after)}</p>')


def render_item(f: Finding, key: str, is_located: bool, shown: str, msg: Messages,
                rdef: RuleDef | None) -> str:
    """One finding: severity, rule, category, where, title, message, and what to say."""
    where = msg("location", line=f.line, column=f.column)
    loc = (f'<a class="loc" href="#m-{e(key)}">{e(where)}</a>' if is_located
           else f'<span class="loc" title="{e(msg("not_located"))}">{e(where)}</span>')
    when = time_range(f)
    speaker = f.segment.speaker if f.segment is not None else None
    own = rdef is None or not rdef.shares(f)
    parts = [
        f'<li class="item {sev_class(f.severity)} {cat_class(f.category)}" id="{e(key)}" '
        f'data-rule="{e(f.rule)}"{" data-own" if own else ""}>',
        f'<div class="top"><span class="badge">{e(msg.severity(f.severity))}</span>',
        f'<a class="rule" href="#r-{e(f.rule)}">{e(f.rule)}</a>',
        f'<span class="cat">{e(msg.category(f.category))}</span>' if own else "",
        loc,
    ]
    if when or speaker:
        parts.append(f'<span class="when">{e(" · ".join(x for x in (when, speaker) if x))}'
                     "</span>")
    parts.append(f"</div><h3>{e(f.title)}</h3>" if own or f.title != rdef.title else "</div>")
    parts.append(_message(f, shown, rdef is not None and rdef.wording(f, shown)))
    if own:
        parts.append(_law(f.law, msg))
    for rel in f.related:
        parts.append(f'<p class="law also"><span class="lbl">{e(msg("also"))}</span> '
                     f'<code>{e(rel.get("rule", ""))}</code> {e(rel.get("law", ""))}</p>')
    if f.suggestions:
        fixed = f.fix.edits[0].content if f.fix and f.fix.applicability == "safe" \
            and f.fix.edits else None
        parts.append(f'<div class="sugs"><span class="lbl">{e(msg("say_instead"))}</span>')
        for s in f.suggestions:
            kind = f' fix" title="{e(msg("safe_fix"))}' if s == fixed else ""
            parts.append(f'<span class="sug{kind}">{e(s) or "∅"}</span>')
        parts.append("</div>")
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
    return (f'<p class="msg"><span class="pre">{e(d.before)}</span><span class="ph">…</span>'
            f'<span class="post">{e(d.after)}</span></p>')


def render_rule_table(defs: Mapping[str, RuleDef], counts: Mapping[str, int],
                      msg: Messages) -> str:
    """Every rule the findings cite: id, title, category, wording, law and advice, once."""
    if not defs:
        return ""
    rows = "".join(
        f'<div class="rule-def {sev_class(d.severity)} {cat_class(d.category)}" '
        f'id="r-{e(d.rule)}"><dt><code class="rule">{e(d.rule)}</code> '
        f'<b>{e(d.title)}</b> <span class="cat">{e(msg.category(d.category))}</span> '
        f'<span class="n">{e(msg("rule_findings", n=counts.get(d.rule, 0)))}</span></dt>'
        f'<dd>{_wording(d)}{_law(d.law, msg)}{_advice(d.advice)}</dd></div>'
        for d in defs.values())
    return (f'<section class="panel rules" id="rules"><h2>{e(msg("rules_title"))}</h2>'
            f'<dl class="rule-defs">{rows}</dl></section>')
