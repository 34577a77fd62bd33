"""Plain-text explanation of one rule, for `rulecheck explain`."""

from __future__ import annotations

from rulecheck.rulebook.rule import Rule, shown


def explain_rule(rule: Rule) -> str:
    lines = [f"{rule.id}  {rule.title}",
             f"category: {rule.category} / {rule.family}    severity: {rule.severity}"
             f"    lang: {rule.lang}",
             f"law: {rule.law}"]
    if rule.description:
        lines += ["", rule.description.strip()]
    lines += ["", f"message: {rule.message}"]
    if rule.applies_to:
        lines.append(f"applies to: {', '.join(rule.applies_to)}")
    if rule.exempt_for:
        lines.append(f"not for: {', '.join(rule.exempt_for)}")
    for kind, entries in (("safe", rule.replace.safe), ("unsafe", rule.replace.unsafe)):
        if entries:
            lines.append(f"replace ({kind}): " + " / ".join(shown(e) for e in entries))
    if rule.advice:
        lines.append("advice: " + " / ".join(rule.advice))
    lines += ["", "flagged:"] + [f"  ✗ {t}" for t in rule.examples.bad]
    lines += ["not flagged:"] + [f"  ✓ {t}" for t in rule.examples.good]
    lines += ["", f"match: {' '.join(rule.match.split())}"]
    if rule.unless:
        lines.append(f"unless: {' '.join(rule.unless.split())}")
    lines.append(f"defined at: {rule.source}")
    return "\n".join(lines)
