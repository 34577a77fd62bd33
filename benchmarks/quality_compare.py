"""Quality before and after a change, on every set, in one table for RESULTS.md.

Runs benchmarks/quality.py (this checkout's corpora and scoring) once with this checkout's
engine and rules and once with another checkout's (a git worktree of an earlier commit),
so both are scored on exactly the same lines. Holdout sets are printed as aggregates only.

Usage::

    git worktree add /tmp/before <commit>
    python benchmarks/quality_compare.py /tmp/before [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUALITY = REPO / "benchmarks" / "quality.py"
SETS = (("labelled dev", []), ("labelled holdout", ["--holdout"]),
        ("real dev", ["--corpus", "real"]), ("real holdout", ["--corpus", "real", "--holdout"]))


def measure(checkout: Path, args: list[str]) -> dict:
    """quality.py's JSON for one set, with `checkout`'s package and rules on the path."""
    env = dict(os.environ, PYTHONPATH=str(checkout),
               RULECHECK_CACHE_DIR=str(checkout / ".cache-quality"))
    out = subprocess.run([sys.executable, str(QUALITY), "--json", "--by-context", *args],
                         cwd=checkout, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def rows(before: Path, after: Path) -> list[str]:
    lines = ["| set | lang | lines | detection before → after | hard-negative false alarms "
             "before → after | clean false alarms before → after | right category before → after |",
             "|---|---|---|---|---|---|---|"]
    contexts: dict[tuple[str, str], dict] = {}
    for name, args in SETS:
        b, a = measure(before, args), measure(after, args)
        for lang in ("zh", "en"):
            rb, ra = b[lang], a[lang]
            fb, fa = rb["false_alarm_rate"], ra["false_alarm_rate"]
            lines.append(
                f"| {name} | {lang} | {ra['lines']} | {_pct(rb['detection_recall'])} → "
                f"**{_pct(ra['detection_recall'])}** | {_pct(fb.get('hard_negative'))} → "
                f"**{_pct(fa.get('hard_negative'))}** | {_pct(fb.get('clean'))} → "
                f"**{_pct(fa.get('clean'))}** | {_pct(rb.get('right_category_recall'))} → "
                f"**{_pct(ra.get('right_category_recall'))}** |")
            if ra.get("hard_negative_by_context"):
                contexts[(name, lang)] = (rb.get("hard_negative_by_context") or {},
                                          ra["hard_negative_by_context"])
    if contexts:
        lines += ["", "Hard-negative false alarms per context tag (lines flagged / lines):", "",
                  "| set | lang | context | before | after |", "|---|---|---|---|---|"]
        for (name, lang), (cb, ca) in contexts.items():
            for tag, got in sorted(ca.items()):
                was = cb.get(tag, {})
                lines.append(f"| {name} | {lang} | {tag} | {was.get('flagged', '-')}/"
                             f"{was.get('lines', '-')} | {got.get('flagged')}/{got.get('lines')} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="checkout of the earlier commit")
    parser.add_argument("--after", type=Path, default=REPO, help="checkout of the later one")
    opts = parser.parse_args(argv)
    print("\n".join(rows(opts.before, opts.after)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
