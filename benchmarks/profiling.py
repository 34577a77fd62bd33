"""Where the time goes: pyinstrument over the Chinese throughput case of the benchmark.

Usage::

    python benchmarks/profile.py [--chars 150000] [--corpus corpora/bench]

Prints the call tree of checking the first `--chars` characters of the benchmark's
Chinese text with the shipped rulebook, after a warm-up and with memos cleared, so the
profile shows a steady long run rather than start-up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
from run import documents  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=150_000)
    parser.add_argument("--corpus", type=Path, default=build_corpus.DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("profile: pyinstrument is not installed (pip install -e '.[bench]')",
              file=sys.stderr)
        return 2
    path = args.corpus / "zh.txt"
    if not path.exists():
        build_corpus.build(args.corpus, 1.0)
    from rulecheck.engine.checker import Checker

    text = path.read_text(encoding="utf-8")[: args.chars]
    checker = Checker()
    for doc in documents(text):  # warm-up: dictionaries, caches
        checker.check_text(doc)
    checker.forget_memos()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for doc in documents(text):
        checker.check_text(doc)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
