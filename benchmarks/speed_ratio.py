"""rulecheck against `jieba.lcut` on the realistic and the dense Chinese text, in one short run.

The full benchmark (run.py) takes many minutes; this measures only the ratio the speed
targets are stated in, alternating the two contenders in one process on the same leading
documents of each text, so both see the same machine load:

    python benchmarks/speed_ratio.py [--mb 1.0] [--repeat 3] [--texts zh_real,zh]

rulecheck starts every repetition with its token memos cleared, after a warm-up and with
the heap frozen as the CLI does; `jieba.lcut` cuts the same documents joined into one text.
Prints the median seconds of each and the ratio (rulecheck's speed over jieba's), in wall
time and in CPU time of the process (steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
from _harness import documents, warm_up  # noqa: E402


def leading(text: str, mb: float) -> list[str]:
    """The leading 150 KB documents of the text, about `mb` megabytes of them."""
    out, size = [], 0
    for doc in documents(text):
        if out and size >= mb * 1e6:
            break
        out.append(doc)
        size += len(doc.encode("utf-8"))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--texts", default="zh_real,zh")
    parser.add_argument("--corpus", type=Path, default=build_corpus.DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.json").exists():
        build_corpus.build(args.corpus)
    import jieba

    from rulecheck.engine.checker import Checker
    from rulecheck.heap import freeze_long_lived

    jieba.setLogLevel(60)
    jieba.initialize()
    checker = Checker()
    samples = {}
    for name in args.texts.split(","):
        docs = documents((args.corpus / f"{name}.txt").read_text(encoding="utf-8"))
        warm_up(checker, docs)
        samples[name] = leading("".join(docs), args.mb)
    freeze_long_lived()
    results = {}
    for name, docs in samples.items():
        ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
        findings = 0
        for _ in range(args.repeat):
            checker.forget_memos()
            start, cpu = time.perf_counter(), time.process_time()
            findings = sum(len(checker.check_text(d)) for d in docs)
            ours.append(time.perf_counter() - start)
            ours_cpu.append(time.process_time() - cpu)
            start, cpu = time.perf_counter(), time.process_time()
            jieba.lcut("".join(docs))
            theirs.append(time.perf_counter() - start)
            theirs_cpu.append(time.process_time() - cpu)
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        a, b = statistics.median(ours), statistics.median(theirs)
        ac, bc = statistics.median(ours_cpu), statistics.median(theirs_cpu)
        results[name] = {"mb": round(mb, 3), "rulecheck_s": ours, "jieba_s": theirs,
                         "rulecheck_cpu_s": ours_cpu, "jieba_cpu_s": theirs_cpu,
                         "findings": findings, "ratio": b / a, "cpu_ratio": bc / ac}
        print(f"{name}: {mb:.2f} MB, rulecheck {a:.2f} s ({mb / a:.2f} MB/s), jieba.lcut "
              f"{b:.2f} s ({mb / b:.2f} MB/s): rulecheck ÷ jieba.lcut = {b / a:.2f}×; "
              f"CPU {ac:.2f} s vs {bc:.2f} s = {bc / ac:.2f}×; {findings} findings",
              flush=True)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
