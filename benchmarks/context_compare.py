"""The context test sentences (tests/test_context_kinds.py) judged by two checkouts.

For every kind and language: how many of the claims each engine flags and how many of
the non-claims it leaves alone, so the context layer's gain is shown on sentences written
for it and never used to write rules.

Usage::

    python benchmarks/context_compare.py /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_DUMP = """
import json, sys
sys.path.insert(0, {tests!r})
import test_context_kinds as t
def text(c):
    c = c.values[0] if hasattr(c, "values") else c
    return c[0] if isinstance(c, tuple) else c
print(json.dumps({{k: {{lang: [[text(c) for c in p[0]], [text(c) for c in p[1]]]
                      for lang, p in v.items()}} for k, v in t.CASES.items()}}))
"""

_JUDGE = """
import json, sys
import rulecheck
cases = json.load(sys.stdin)
ck = rulecheck.Checker()
def flags(text, lang):
    return any(f.severity in ("warning", "error") for f in ck.check_text(text, lang=lang))
out = {}
for kind, langs in cases.items():
    for lang, (claims, nots) in langs.items():
        out[f"{kind}/{lang}"] = [sum(flags(c, lang) for c in claims), len(claims),
                                 sum(not flags(c, lang) for c in nots), len(nots)]
print(json.dumps(out))
"""


def _run(checkout: Path, code: str, stdin: str = "") -> str:
    env = dict(os.environ, PYTHONPATH=str(checkout),
               RULECHECK_CACHE_DIR=str(checkout / ".cache-quality"))
    return subprocess.run([sys.executable, "-c", code], input=stdin, cwd=checkout, env=env,
                          capture_output=True, text=True, check=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="checkout of the earlier commit")
    opts = parser.parse_args(argv)
    cases = _run(REPO, _DUMP.format(tests=str(REPO / "tests")))
    before = json.loads(_run(opts.before, _JUDGE, cases))
    after = json.loads(_run(REPO, _JUDGE, cases))
    print("| kind | lang | claims flagged before → after | non-claims left alone before → after |")
    print("|---|---|---|---|")
    for key in after:
        kind, lang = key.split("/")
        b, a = before[key], after[key]
        print(f"| {kind} | {lang} | {b[0]}/{b[1]} → **{a[0]}/{a[1]}** | "
              f"{b[2]}/{b[3]} → **{a[2]}/{a[3]}** |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
