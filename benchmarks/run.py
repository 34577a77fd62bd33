"""Speed benchmark: rulecheck against same-run baselines on the same text.

Measures, in one run: throughput of the full shipped rulebook (zh, traditional zh, en)
and, on the same text, `jieba.lcut` of the whole text, spaCy's tokenizer alone, a naive
checker (every rule on every sentence, whole sentences tokenized: the engine's own
reference path) and the bare anchor scan (normalization + one Aho-Corasick pass: the
ceiling); streaming latency per ASR segment; cold start of `rulecheck check` on a 2 KB
script; peak RSS; rulebook compile time; and `--jobs 1` against `--jobs 2`.

Usage::

    python benchmarks/run.py            # full corpus, writes the Speed section of RESULTS.md
    python benchmarks/run.py --quick    # small corpus, prints only (add --write to record)

Times are medians of repeated runs (min-max in brackets). On a shared machine absolute
times drift by tens of percent between runs; the ratios to baselines measured in the
same run are the figures to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402

RESULTS = HERE / "RESULTS.md"
SECTION = "## Speed"
DOC_CHARS = 50_000  # about a 3-hour stream's transcript (0.15 MB of UTF-8)


@dataclass
class Timing:
    seconds: list[float]
    chars: int
    nbytes: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def mbps(self, seconds: float | None = None) -> float:
        return self.nbytes / 1e6 / (seconds if seconds is not None else self.median)

    def describe(self) -> str:
        lo, hi = self.mbps(max(self.seconds)), self.mbps(min(self.seconds))
        return (f"{self.mbps():.2f} MB/s [{lo:.2f}–{hi:.2f}], "
                f"{self.chars / self.median / 1e6:.2f} M chars/s "
                f"(on {self.nbytes / 1e6:.2f} MB)")


def prefix_for(text: str, fn: Callable[[str], object], budget_s: float) -> str:
    """The largest line-aligned prefix that `fn` handles in about `budget_s` seconds,
    estimated on a 20k-character probe after a warm-up on the same probe."""
    probe = text[:text.find("\n", 20_000) + 1 or len(text)]
    fn(probe)  # warm-up: lazy loads, caches
    start = time.perf_counter()
    fn(probe)
    rate = len(probe) / max(time.perf_counter() - start, 1e-6)
    size = int(rate * budget_s)
    if size >= len(text):
        return text
    cut = text.rfind("\n", 0, size)
    return text[: cut + 1 if cut > 0 else size]


def measure(text: str, fn: Callable[[str], object], budget_s: float, repeat: int) -> Timing:
    sample = prefix_for(text, fn, budget_s)
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(sample)
        seconds.append(time.perf_counter() - start)
    return Timing(seconds, len(sample), len(sample.encode("utf-8")))


def documents(text: str, size: int = DOC_CHARS) -> list[str]:
    """The text as documents of about `size` characters, cut at line ends."""
    docs, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        docs.append(text[start:end])
        start = end
    return docs


# -- the contenders ---------------------------------------------------------------------


def rulecheck_fn(checker, lang: str) -> Callable[[str], object]:
    def run(text: str) -> int:
        checker.forget_memos()  # no run profits from the words cut in the run before
        return sum(len(checker.check_text(d, lang=lang)) for d in documents(text))
    return run


def jieba_fn() -> Callable[[str], object]:
    import jieba

    jieba.initialize()
    return jieba.lcut


def spacy_fn() -> Callable[[str], object]:
    import spacy

    nlp = spacy.blank("en")

    def run(text: str) -> int:
        return sum(len(nlp.make_doc(d)) for d in documents(text))
    return run


def scan_fn(checker) -> Callable[[str], object]:
    from rulecheck.text.normalize import normalize

    scanner = checker._scanner

    def run(text: str) -> int:
        return sum(len(scanner.scan(normalize(d).text)) for d in documents(text))
    return run


# -- the measurements -------------------------------------------------------------------


def throughput(corpus: dict[str, str], budget_s: float, repeat: int) -> dict[str, dict]:
    from rulecheck.engine.checker import Checker

    fast = Checker()
    naive = Checker(rulebook=fast.rulebook, window_margin=None, exhaustive=True)
    for text in corpus.values():  # loads jieba's whole dictionary, as a long run does
        fast.check_text(text[:200_000])
    out: dict[str, dict] = {}
    for name, lang in (("zh", "auto"), ("zh_hant", "auto"), ("en", "auto")):
        text = corpus.get(name)
        if not text:
            continue
        row = {"rulecheck": measure(text, rulecheck_fn(fast, lang), budget_s, repeat),
               "scan": measure(text, scan_fn(fast), budget_s, repeat),
               "naive": measure(text, rulecheck_fn(naive, lang), budget_s / 2, 1)}
        if name == "en":
            row["spacy"] = measure(text, spacy_fn(), budget_s, repeat)
        else:
            row["jieba"] = measure(text, jieba_fn(), budget_s, repeat)
        out[name] = row
        print(f"  {name}: " + "; ".join(f"{k} {v.mbps():.2f} MB/s" for k, v in row.items()),
              file=sys.stderr)
    return out


def findings_agree(corpus: dict[str, str], chars: int = 60_000) -> bool:
    """The fast path and the naive reference find the same on a slice of each text."""
    from rulecheck.engine.checker import Checker

    fast = Checker()
    naive = Checker(rulebook=fast.rulebook, window_margin=None, exhaustive=True)
    for text in corpus.values():
        for doc in documents(text[:chars], 10_000):
            a = sorted((f.rule, f.start, f.end) for f in fast.check_text(doc))
            b = sorted((f.rule, f.start, f.end) for f in naive.check_text(doc))
            if a != b:
                return False
    return True


def streaming(text: str, segments: int) -> dict[str, float]:
    from rulecheck.engine.checker import Checker

    rng = random.Random(3)
    flat = text.replace("\n", "")
    pieces, pos = [], 0
    while len(pieces) < segments + 200 and pos < len(flat):
        n = rng.randint(20, 60)
        pieces.append(flat[pos:pos + n])
        pos += n
    session = Checker().stream(lang="zh")
    for p in pieces[:200]:  # warm-up
        session.feed(p)
    lat = []
    for p in pieces[200:]:
        start = time.perf_counter()
        session.feed(p)
        lat.append((time.perf_counter() - start) * 1000)
    lat.sort()
    return {"segments": len(lat), "p50_ms": lat[len(lat) // 2],
            "p99_ms": lat[int(len(lat) * 0.99)], "max_ms": lat[-1]}


def _run(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def cold_start(zh_text: str, runs: int) -> dict[str, float]:
    """Whole-process time of `rulecheck check` on a 2 KB script: warm caches, then empty."""
    exe = shutil.which("rulecheck") or "rulecheck"
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "script.txt"
        raw = zh_text.encode("utf-8")[:2048].decode("utf-8", "ignore")
        script.write_text(raw, encoding="utf-8")
        cmd = [exe, "check", str(script), "-q"]
        warm_env = dict(os.environ)
        for _ in range(3):  # fill the caches (the dictionary's SQLite copy on the 2nd use)
            _run(cmd, warm_env)
        warm = [_run(cmd, warm_env) for _ in range(runs)]
        empty = []
        for i in range(3):
            env = dict(os.environ, RULECHECK_CACHE_DIR=str(Path(tmp) / f"cache{i}"))
            empty.append(_run(cmd, env))
    return {"warm_median_s": statistics.median(warm), "warm_min_s": min(warm),
            "warm_max_s": max(warm), "empty_cache_median_s": statistics.median(empty)}


_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {here!r})
from run import documents
t = time.perf_counter()
from rulecheck.rulebook.compiler import load_rulebook
load_rulebook(use_cache={cached})
compile_s = time.perf_counter() - t
if {check}:
    from rulecheck.engine.checker import Checker
    c = Checker()
    text = Path({path!r}).read_text(encoding="utf-8")
    for d in documents(text):
        c.check_text(d)
print(json.dumps({{"compile_s": compile_s,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _child(path: Path, cached: bool, check: bool, env: dict[str, str]) -> dict[str, float]:
    code = _CHILD.format(here=str(HERE), cached=cached, check=check, path=str(path))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compile_and_rss(corpus_dir: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RULECHECK_CACHE_DIR=tmp)
        zh = corpus_dir / "zh.txt"
        cold = _child(zh, cached=False, check=False, env=env)
        _child(zh, cached=True, check=False, env=env)  # writes the cache
        cached = [_child(zh, cached=True, check=False, env=env)["compile_s"] for _ in range(3)]
    rss = _child(zh, cached=True, check=True, env=dict(os.environ))  # caches warm
    return {"compile_cold_s": cold["compile_s"], "compile_cached_s": statistics.median(cached),
            "peak_rss_mb": rss["rss_mb"]}


def jobs_scaling(zh_text: str, files: int, file_chars: int) -> dict[str, float]:
    exe = shutil.which("rulecheck") or "rulecheck"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        docs = documents(zh_text, file_chars)
        for i in range(files):
            (folder / f"t{i:04d}.txt").write_text(docs[i % len(docs)], encoding="utf-8")
        nbytes = sum(p.stat().st_size for p in folder.iterdir())
        times = {}
        for jobs in (1, 2):
            cmd = [exe, "check", str(folder), "--jobs", str(jobs), "-q",
                   "--format", "json", "--output", str(Path(tmp) / f"out{jobs}.json")]
            _run(cmd)  # warm-up
            times[jobs] = statistics.median(_run(cmd) for _ in range(2))
    return {"files": files, "mb": nbytes / 1e6, "jobs1_s": times[1], "jobs2_s": times[2],
            "files_per_s_jobs1": files / times[1], "files_per_s_jobs2": files / times[2],
            "speedup": times[1] / times[2]}


# -- report -----------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def versions() -> str:
    names = ("rulecheck", "jieba", "spacy", "ahocorasick-rs", "opencc", "snownlp")
    got = []
    for name in names:
        try:
            got.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return f"Python {platform.python_version()}; " + ", ".join(got)


def report(res: dict, command: str, manifest: dict) -> str:
    lines = [SECTION, "",
             f"Run {time.strftime('%Y-%m-%d')} with `{command}` on {machine()}.",
             f"{versions()}.",
             "Corpus: `benchmarks/build_corpus.py` (seed "
             f"{manifest.get('seed')}, scale {manifest.get('scale')}): "
             + ", ".join(f"{k} {v['bytes'] / 1e6:.1f} MB (sha256 {v['sha256'][:12]})"
                         for k, v in manifest.get("files", {}).items()) + ".",
             "Documents of about 50,000 characters (a 3-hour stream). Medians of repeated "
             "runs, [slowest–fastest]; a shared 2-core VM drifts by tens of percent between "
             "runs, so compare the ratios, which are measured in the same run on the same text.",
             "", "### Throughput and same-run baselines", "",
             "| text | rulecheck | baseline | ratio | naive checker | ratio | anchor scan "
             "(ceiling) | share of ceiling |", "|---|---|---|---|---|---|---|---|"]
    for name, row in res["throughput"].items():
        base_name = "spacy" if "spacy" in row else "jieba"
        base = row[base_name]
        rc = row["rulecheck"]
        label = "spaCy tokenizer" if base_name == "spacy" else "`jieba.lcut`"
        lines.append(
            f"| {name} | {rc.describe()} | {label} {base.mbps():.2f} MB/s | "
            f"**{rc.mbps() / base.mbps():.1f}×** | {row['naive'].mbps():.3f} MB/s | "
            f"{rc.mbps() / row['naive'].mbps():.0f}× | {row['scan'].mbps():.1f} MB/s | "
            f"{rc.mbps() / row['scan'].mbps():.0%} |")
    s, c, j = res["stream"], res["cold"], res["jobs"]
    lines += ["",
              f"Findings of the fast path and the naive checker on a slice of each text: "
              f"{'identical' if res['agree'] else 'DIFFERENT'} (the unit test "
              "`tests/test_fast_path.py` checks this on every rule example, the labelled "
              "corpus and the samples).", "",
              "### Latency, start-up, memory, parallelism", "",
              "| measure | value |", "|---|---|",
              f"| streaming, per 20–60-char segment after warm-up ({s['segments']} segments) | "
              f"p50 {s['p50_ms']:.2f} ms, p99 {s['p99_ms']:.2f} ms, max {s['max_ms']:.1f} ms |",
              f"| cold `rulecheck check` of a 2 KB script, caches warm (median of "
              f"{res['cold_runs']}) | {c['warm_median_s']:.2f} s "
              f"[{c['warm_min_s']:.2f}–{c['warm_max_s']:.2f}] |",
              f"| the same, first run with an empty cache (median of 3) | "
              f"{c['empty_cache_median_s']:.2f} s |",
              f"| rulebook compile, no cache | {res['compile']['compile_cold_s']:.2f} s |",
              f"| rulebook load, cached | {res['compile']['compile_cached_s'] * 1000:.0f} ms |",
              f"| peak RSS checking the whole zh text in one process | "
              f"{res['compile']['peak_rss_mb']:.0f} MB |",
              f"| `check --jobs 1` on {j['files']} files ({j['mb']:.1f} MB) | "
              f"{j['jobs1_s']:.1f} s, {j['files_per_s_jobs1']:.0f} files/s |",
              f"| `check --jobs 2`, same files | {j['jobs2_s']:.1f} s, "
              f"{j['files_per_s_jobs2']:.0f} files/s, **{j['speedup']:.2f}×** |", ""]
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace the Speed section of RESULTS.md (up to the next `## `), or append it."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = old.find(SECTION + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(SECTION))
        new = old[:start] + text + ("\n" + old[end + 1:] if end >= 0 else "")
    RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, short runs")
    parser.add_argument("--write", action="store_true",
                        help="record in RESULTS.md (default without --quick)")
    parser.add_argument("--corpus", type=Path, default=build_corpus.DEFAULT_OUT)
    args = parser.parse_args(argv)
    scale, budget, repeat = (0.03, 0.5, 2) if args.quick else (1.0, 8.0, 3)
    corpus_dir = args.corpus if not args.quick else args.corpus.with_name("bench-quick")
    manifest_path = corpus_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    if manifest.get("scale") != scale:
        print(f"building the corpus in {corpus_dir} ...", file=sys.stderr)
        try:
            build_corpus.build(corpus_dir, scale)
        except build_corpus.SourceMissing as exc:
            print(f"run: {exc}", file=sys.stderr)
            return 2
        manifest = json.loads(manifest_path.read_text())
    corpus = {name: (corpus_dir / m["file"]).read_text(encoding="utf-8")
              for name, m in manifest["files"].items()}
    res: dict = {}
    steps: list[tuple[str, Callable[[], object]]] = [
        ("throughput", lambda: throughput(corpus, budget, repeat)),
        ("agree", lambda: findings_agree(corpus, 20_000 if args.quick else 60_000)),
        ("stream", lambda: streaming(corpus["zh"], 500 if args.quick else 3000)),
        ("cold", lambda: cold_start(corpus["zh"], 3 if args.quick else 10)),
        ("compile", lambda: compile_and_rss(corpus_dir)),
        ("jobs", lambda: jobs_scaling(corpus["zh"], 20 if args.quick else 400,
                                      5_000 if args.quick else 8_000)),
    ]
    for name, step in steps:
        print(f"measuring {name} ...", file=sys.stderr)
        res[name] = step()
    res["cold_runs"] = 3 if args.quick else 10
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    text = report(res, command, manifest)
    print(text)
    if args.write or not args.quick:
        write_section(text)
        print(f"written to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
