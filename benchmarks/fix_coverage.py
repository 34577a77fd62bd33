"""How much of the rulebook can fix what it flags, and what --fix does to the demo.

Prints, per language, the rules with a replacement (safe or unsafe) and with a safe
one, then the demo script's findings before and after `rulecheck fix` (safe fixes,
repeated until stable), and whether any finding appeared that was not there before.

    python benchmarks/fix_coverage.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rulecheck.engine.checker import Checker
from rulecheck.fix import fix_text

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "script.txt"


def main() -> None:
    checker = Checker()
    total, replaced, safe = Counter(), Counter(), Counter()
    for rule in checker.rules.values():
        total[rule.lang] += 1
        replaced[rule.lang] += bool(rule.replace)
        safe[rule.lang] += bool(rule.replace.safe)
    for lang in sorted(total):
        print(f"{lang}: {total[lang]} rules, {replaced[lang]} with a replacement "
              f"({100 * replaced[lang] / total[lang]:.1f} %), {safe[lang]} with a safe one "
              f"({100 * safe[lang] / total[lang]:.1f} %)")
    text = DEMO.read_text(encoding="utf-8")
    before = checker.check_text(text)
    outcome = fix_text(text, lambda t: checker.check_text(t))
    after = outcome.remaining
    new = {f.rule for f in after} - {f.rule for f in before}
    print(f"demo: {len(before)} findings, {len(after)} after the safe fixes "
          f"({len(before) - len(after)} removed in {outcome.passes} passes); "
          f"new rules firing: {sorted(new) or 'none'}")


if __name__ == "__main__":
    main()
