"""What freezing the long-lived heap is worth: the same check with and without it.

Usage::

    python benchmarks/gc_freeze.py [--mb 1.5] [--rounds 3]

In one process, after a warm-up, checks the leading `--mb` megabytes of the benchmark's
Chinese text (the 150 KB documents of `run.py`) and the same amount with `jieba.lcut`,
alternately with the heap as it is and frozen (`rulecheck.heap.freeze_long_lived`, what
the CLI, the audit runner and the server do), so both conditions see the same machine
state. Prints MB/s per round and the median ratio frozen/plain for each.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
from _harness import warm_up  # noqa: E402
from profiling import sample  # noqa: E402


def mbps(fn: Callable[[], object], nbytes: int) -> float:
    start = time.perf_counter()
    fn()
    return nbytes / 1e6 / (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    import jieba

    from rulecheck.engine.checker import Checker
    from rulecheck.heap import freeze_long_lived, thaw

    docs = sample(build_corpus.DEFAULT_OUT, args.mb)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    checker = Checker()
    warm_up(checker, docs)
    text = "".join(docs)
    jieba.setLogLevel(60)
    jieba.initialize()

    def check() -> None:
        checker.forget_memos()
        for doc in docs:
            checker.check_text(doc)

    contenders = {"rulecheck": check, "jieba.lcut": lambda: jieba.lcut(text)}
    ratios: dict[str, list[float]] = {name: [] for name in contenders}
    for round_no in range(1, args.rounds + 1):
        for name, fn in contenders.items():
            plain = mbps(fn, nbytes)
            freeze_long_lived()
            frozen = mbps(fn, nbytes)
            thaw()
            ratios[name].append(frozen / plain)
            print(f"round {round_no} {name}: plain {plain:.3f} MB/s, frozen {frozen:.3f} MB/s",
                  file=sys.stderr)
    print(f"{nbytes / 1e6:.2f} MB of zh, {args.rounds} rounds, {len(gc.get_objects()):,} "
          "objects tracked by the gc")
    for name, values in ratios.items():
        print(f"{name}: frozen / plain = {statistics.median(values):.2f}x "
              f"(rounds: {', '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
