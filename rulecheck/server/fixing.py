"""`POST /v1/fix`: the rules' safe fixes, applied with the same policy as `check --fix`.

Which findings may be rewritten (a `fix:` that changes the text, keeps a table's
or a subtitle's shape, does not overlap another) is decided by
``rulecheck.fix.choose``; this module only records what each pass replaced, so
the API can show it. Passes repeat until nothing fixable is left (at most
``rulecheck.fix.MAX_PASSES``), because one replacement can reveal or remove
another finding; the text is checked again after every pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rulecheck.fix import MAX_PASSES, apply_edits, choose
from rulecheck.model import Finding


@dataclass
class Applied:
    step: int  # 1 for the first pass; offsets refer to the text that pass started from
    rule: str
    start: int
    end: int
    old: str
    new: str
    applicability: str = "safe"


def apply_pass(text: str, findings: Sequence[Finding], doc_format: str = "txt",
               rules: Sequence[str] | None = None, step: int = 1, unsafe: bool = False
               ) -> tuple[str, list[Applied]]:
    """One pass: every chosen fix applied from the end backwards (offsets stay valid)."""
    wanted = set(rules) if rules else None
    candidates = [f for f in findings if wanted is None or f.rule in wanted]
    chosen = [f for f in choose(candidates, doc_format, unsafe)
              if text[f.start:f.end] == f.text]  # stale: never rewrite other words
    applied = [Applied(step, f.rule, e.start, e.end, text[e.start:e.end], e.content,
                       f.fix.applicability)
               for f in chosen if f.fix for e in f.fix.edits]
    return apply_edits(text, chosen), applied


def fix_all(text: str, check: Callable[[str], list[Finding]], doc_format: str = "txt",
            rules: Sequence[str] | None = None, unsafe: bool = False
            ) -> tuple[str, list[Applied], list[Finding]]:
    """Fix until stable: the final text, every replacement, the findings that remain."""
    findings = check(text)
    applied: list[Applied] = []
    for step in range(1, MAX_PASSES + 1):
        new_text, done = apply_pass(text, findings, doc_format, rules, step, unsafe)
        if not done or new_text == text:
            break
        text = new_text
        applied += done
        findings = check(text)
    return text, applied, findings
