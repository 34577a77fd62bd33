"""Where the time goes: a profile of the Chinese throughput case of the speed benchmark.

Usage::

    python benchmarks/profiling.py [--mb 1.5] [--top 15] [--pyinstrument]
    python benchmarks/profiling.py --text zh_real --mb 0.3 --stages
    python benchmarks/profiling.py --text zh_real --mb 0.3 --candidates

Checks the leading `--mb` megabytes of the benchmark's Chinese text (in the same 150 KB
documents as `run.py`) with the shipped rulebook, after a warm-up and with the token
memos cleared, so the profile shows a steady long run rather than start-up. Prints the
top functions by cumulative and by own (self) time, from cProfile; `--pyinstrument`
prints pyinstrument's call tree instead (a sampling profiler: less overhead on small
functions, so the two views together tell real cost from profiler cost). `--stages`
splits the check's CPU time by stage without a profiler (normalize, split, scan, candidate
pruning, rule matching, product reader, context judge, findings), each function timed
only where no other timed stage called it, and jieba's cutting of new blocks besides.
`--candidates` counts, per MB, the (rule, unit) pairs the anchors select and what becomes
of them: dropped by the rule's necessary condition, evaluated, evaluated with a hit,
judged, judged no claim, and the findings.

(The module is not called ``profile``: that would shadow the standard library's
``profile`` module, which ``cProfile`` imports, for anything run from this folder.)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
from _harness import documents, warm_up  # noqa: E402

REPO = HERE.parent


def sample(corpus: Path, mb: float, text: str = "zh") -> list[str]:
    """The leading documents of a benchmark text, about `mb` megabytes of them."""
    path = corpus / f"{text}.txt"
    if not path.exists():
        print(f"building the corpus in {corpus} ...", file=sys.stderr)
        build_corpus.build(corpus, 1.0)
    docs = documents(path.read_text(encoding="utf-8"))
    out, size = [], 0
    for doc in docs:
        if out and size >= mb * 1e6:
            break
        out.append(doc)
        size += len(doc.encode("utf-8"))
    return out


def _where(key: tuple[str, int, str]) -> str:
    """`module.py:line(function)` with the repository or site-packages prefix cut off."""
    path, line, func = key
    if path == "~":
        return func
    for root in (str(REPO) + "/", "site-packages/", "lib/python3"):
        if root in path:
            path = path.split(root, 1)[1]
            break
    return f"{path}:{line}({func})"


def top_table(stats: pstats.Stats, sort: str, top: int) -> str:
    """The `top` functions by `sort` ("cumulative" or "tottime") as an aligned table."""
    rows = []
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    for key, (_, ncalls, tottime, cumtime, _) in raw.items():
        rows.append((cumtime if sort == "cumulative" else tottime, ncalls, tottime, cumtime,
                     _where(key)))
    rows.sort(reverse=True)
    out = io.StringIO()
    print(f"top {top} by {'cumulative' if sort == 'cumulative' else 'self'} time "
          f"(total {total:.2f} s under cProfile)", file=out)
    print(f"{'calls':>10} {'self s':>8} {'self %':>7} {'cum s':>8} {'cum %':>7}  function",
          file=out)
    for _, ncalls, tottime, cumtime, where in rows[:top]:
        print(f"{ncalls:>10} {tottime:8.3f} {100 * tottime / total:6.1f}% {cumtime:8.3f} "
              f"{100 * cumtime / total:6.1f}%  {where}", file=out)
    return out.getvalue()


def stage_times(checker: Any, docs: list[str], repeat: int = 2) -> str:
    """The CPU time of checking `docs` split by stage (the last of `repeat` runs, token
    memos cleared before each), as a table."""
    import time

    import rulecheck.engine.checker as checker_mod
    from rulecheck.context.product import ProductReader
    from rulecheck.engine.docstate import DocState
    from rulecheck.engine.judge import ContextJudge
    from rulecheck.engine.scan import Scanner
    from rulecheck.text.tokenize import ChineseTokenizer

    times: dict[str, float] = {}
    current: list[str | None] = [None]
    saved: list[tuple[Any, str, Any]] = []

    def timed(owner: Any, name: str, label: str, nested: bool = False) -> None:
        """Time owner.name as `label`: outermost calls only, or every call (`nested`)."""
        if any(o is owner and n == name for o, n, _ in saved):
            return  # a node two rules share
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not nested and current[0] is not None:
                return original(*args, **kwargs)
            if not nested:
                current[0] = label
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                times[label] = times.get(label, 0.0) + time.process_time() - start
                if not nested:
                    current[0] = None

        saved.append((owner, name, original))
        if isinstance(owner, type) or hasattr(owner, "__file__"):
            setattr(owner, name, wrapper)
        else:  # a compiled rule's node (a dataclass instance)
            object.__setattr__(owner, name, wrapper)

    stages = [
        (checker_mod, "prepare", "normalize"),
        (checker_mod, "split_sentences", "split sentences"),
        (Scanner, "scan_all", "scan: anchors and condition words"),
        (checker_mod, "squeezed_hits", "scan: separated spellings"),
        (checker_mod, "leet_hits", "scan: digit and symbol spellings"),
        (DocState, "may_hit", "candidates: rule conditions (may_hit)"),
        (ProductReader, "_read", "product reader"),
        (ContextJudge, "why_not", "context judge"),
        (checker_mod.Checker, "_to_findings", "findings: resolve, place, report"),
    ]
    for owner, name, label in stages:
        timed(owner, name, label)
    timed(ChineseTokenizer, "_cut", "  of which: jieba cutting new blocks", nested=True)
    for cr in checker.rulebook.rules.values():
        for attr in ("match", "unless", "downgrade"):
            node = getattr(cr, attr)
            if node is not None:
                for method in ("hits", "holds"):
                    timed(node, method, "rule matching (match, unless, downgrade)")
    try:
        total = 0.0
        for _ in range(repeat):
            checker.forget_memos()
            times.clear()
            start = time.process_time()
            for doc in docs:
                checker.check_text(doc)
            total = time.process_time() - start
    finally:
        for owner, name, original in reversed(saved):
            if isinstance(owner, type) or hasattr(owner, "__file__"):
                setattr(owner, name, original)
            else:
                object.__delattr__(owner, name)
    out = io.StringIO()
    print(f"CPU by stage (total {total:.3f} s, no profiler)", file=out)
    rest = total - sum(v for k, v in times.items() if not k.startswith(" "))
    rows = sorted(times.items(), key=lambda kv: -kv[1] if not kv[0].startswith(" ") else 0)
    rows.append(("the rest: candidates, the loop, sentence index, freeing", rest))
    for label, value in rows:
        print(f"  {label:58s} {value:7.3f} s {100 * value / total:5.1f} %", file=out)
    return out.getvalue()


def candidate_counts(checker: Any, docs: list[str]) -> str:
    """How many (rule, unit) candidates the anchors select per MB and what becomes of
    them, as a table. Counted by wrapping the condition test, each rule's matcher and
    the judge, so it works on any version of the engine that has them."""
    from rulecheck.engine.docstate import DocState
    from rulecheck.engine.judge import ContextJudge

    counts = dict.fromkeys(("tested", "dropped", "evaluated", "with a hit", "judged",
                            "judged no claim", "findings"), 0)
    inside = [0]  # > 0 while a matcher or the judge runs: its own tests are not candidates
    may_hit, why_not = DocState.may_hit, ContextJudge.why_not

    def counted_may_hit(self: Any, need: Any, start: int, end: int) -> bool:
        got = may_hit(self, need, start, end)
        if not inside[0]:
            counts["tested"] += 1
            counts["dropped"] += not got
        return got

    def counted_why_not(self: Any, *args: Any, **kwargs: Any) -> Any:
        inside[0] += 1
        try:
            got = why_not(self, *args, **kwargs)
        finally:
            inside[0] -= 1
        counts["judged"] += 1
        counts["judged no claim"] += got is not None
        return got

    def matcher(node: Any) -> Any:
        original = node.hits

        def hits(u: Any) -> Any:
            outer = not inside[0]
            inside[0] += 1
            try:
                got = original(u)
            finally:
                inside[0] -= 1
            if outer:
                counts["evaluated"] += 1
                counts["with a hit"] += bool(got)
            return got
        return hits

    wrapped = []
    for cr in checker.rulebook.rules.values():
        if cr.match is not None and "hits" not in cr.match.__dict__:
            object.__setattr__(cr.match, "hits", matcher(cr.match))
            wrapped.append(cr.match)
    DocState.may_hit, ContextJudge.why_not = counted_may_hit, counted_why_not
    try:
        checker.forget_memos()
        counts["findings"] = sum(len(checker.check_text(doc)) for doc in docs)
    finally:
        DocState.may_hit, ContextJudge.why_not = may_hit, why_not
        for node in wrapped:
            object.__delattr__(node, "hits")
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    out = io.StringIO()
    print(f"candidates (rule, unit) per MB ({mb:.2f} MB checked)", file=out)
    print(f"  {'selected by anchors, condition tested':42s} {counts['tested'] / mb:9.0f}",
          file=out)
    for label in ("dropped", "evaluated", "with a hit", "judged", "judged no claim",
                  "findings"):
        print(f"  {label:42s} {counts[label] / mb:9.0f}", file=out)
    if counts["evaluated"]:
        nothing = 1 - counts["with a hit"] / counts["evaluated"]
        print(f"  {'evaluated ending in nothing':42s} {100 * nothing:8.1f} %", file=out)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.5, help="megabytes of text to check")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--corpus", type=Path, default=build_corpus.DEFAULT_OUT)
    parser.add_argument("--text", default="zh",
                        help="which benchmark text (zh: dense, zh_real: realistic, ...)")
    parser.add_argument("--stages", action="store_true",
                        help="print the CPU time by stage instead (no profiler)")
    parser.add_argument("--candidates", action="store_true",
                        help="count the candidates per MB and what becomes of them instead")
    parser.add_argument("--pyinstrument", action="store_true",
                        help="print pyinstrument's call tree instead of cProfile's tables")
    args = parser.parse_args(argv)
    from rulecheck.engine.checker import Checker

    docs = sample(args.corpus, args.mb, args.text)
    checker = Checker()
    warm_up(checker, docs)  # dictionaries, automata, caches
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"checking {size / 1e6:.2f} MB of {args.text} in {len(docs)} documents",
          file=sys.stderr)
    if args.stages:
        print(stage_times(checker, docs))
        return 0
    if args.candidates:
        print(candidate_counts(checker, docs))
        return 0
    if args.pyinstrument:
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("profiling: pyinstrument is not installed (pip install -e '.[bench]')",
                  file=sys.stderr)
            return 2
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for doc in docs:
            checker.check_text(doc)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return 0
    prof = cProfile.Profile()
    prof.enable()
    for doc in docs:
        checker.check_text(doc)
    prof.disable()
    stats = pstats.Stats(prof)
    print(top_table(stats, "cumulative", args.top))
    print(top_table(stats, "tottime", args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
