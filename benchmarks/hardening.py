"""Time and peak memory on hostile inputs: one huge unpunctuated ASR line, a line full of
zero-width characters, and a large ordinary text.

Each case is generated (from the speed corpus's sources, see build_corpus.py), written
to a temporary file and checked as one document by a fresh child process; the parent
reads the child's peak RSS from /proc/<pid>/status (VmHWM) before letting it exit, and
samples the proportional set size of the child and its workers while it runs.

Usage::

    python benchmarks/hardening.py                 # all cases at their full sizes
    python benchmarks/hardening.py --case asr --mb 1
    python benchmarks/hardening.py --case asr --jobs 2   # pieces on 2 worker processes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_corpus  # noqa: E402

#: Every mark that ends a sentence or clause: ASR output has none of them.
_PUNCTUATION = re.compile(r"[。！？!?；;…，,、：:\n]+")

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
from _harness import documents
from rulecheck.model import Document
from rulecheck.runner import CheckerSpec, Profile, _piece_mapper, checker_for
jobs = int(sys.argv[3])
profile = Profile(spec=CheckerSpec(), lang="zh")
checker = checker_for(profile.spec)  # what `rulecheck check -j N` builds
pieces = _piece_mapper(profile, jobs) if jobs > 1 else None
text = open(sys.argv[1], encoding="utf-8").read()
docs = documents(text) if sys.argv[2] == "documents" else [text]
checker.check_text(text[:2000], lang="zh")  # warm: the dictionary and tables are loaded
t = time.perf_counter()
found = context = 0
for doc in docs:
    findings = checker.check_document(Document(doc), lang="zh", map_pieces=pieces)
    found += len(findings)
    context += sum(len(f.context) for f in findings)
worker_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
print(json.dumps({{"seconds": time.perf_counter() - t, "chars": len(text), "docs": len(docs),
                  "findings": found, "context_chars": context,
                  "worker_mib": worker_kib / 1024}}), flush=True)
sys.stdin.read()  # stay alive until the parent has read our peak RSS
"""


def ordinary_text(nbytes: int, seed: int = 7) -> str:
    """Product reviews with one labelled violation line in five, lines of 1-3 sentences."""
    text, _, _ = build_corpus.mix(build_corpus.filler("zh"),
                                  build_corpus.violation_lines("zh"), nbytes, seed, "zh")
    return text


def asr_line(nbytes: int) -> str:
    """The same talk as one line without any punctuation: what ASR output looks like."""
    return _PUNCTUATION.sub(" ", ordinary_text(nbytes)).strip() + "\n"


def zero_width(nbytes: int) -> str:
    """Talk with a zero-width space or joiner after every character, on one line."""
    rng = random.Random(7)
    marks = "\u200b\u200c\u200d\u2060\ufeff"
    base = asr_line(nbytes // 3)
    return "".join(ch + rng.choice(marks) for ch in base.strip()) + "\n"


#: name -> (text maker, MB, one document or ~150 KB documents, what it is)
CASES = {
    "asr": (asr_line, 5.0, "one", "one line of unpunctuated ASR text, one document"),
    "zero-width": (zero_width, 0.5, "one",
                   "one line with a zero-width mark after every character, one document"),
    "ordinary": (ordinary_text, 50.0, "documents",
                 "ordinary punctuated text in documents of ~150 KB, one process"),
}


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def _tree(pid: int) -> list[int]:
    """The process and its descendants (the check's worker processes)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as kids:
                todo.extend(int(k) for k in kids.read().split())
        except OSError:
            pass
    return out


def tree_pss_mib(pid: int) -> float:
    """Proportional set size of a process tree: pages shared by forked workers counted
    once between them, so the sum is the memory the check really holds."""
    total = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


def measure(path: Path, split: str, jobs: int = 1) -> dict[str, float]:
    child = subprocess.Popen([sys.executable, "-c", _CHILD.format(here=str(HERE)), str(path),
                              split, str(jobs)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    started = time.perf_counter()
    peak_pss = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak_pss[0] = max(peak_pss[0], tree_pss_mib(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    line = child.stdout.readline()
    done.set()
    sampler.join()
    if not line:
        child.wait()
        raise RuntimeError(f"the child failed (exit {child.returncode})")
    result = json.loads(line)
    result["rss_mib"] = peak_rss_mib(child.pid)
    result["pss_mib"] = peak_pss[0]
    result["wall_s"] = time.perf_counter() - started
    child.stdin.close()
    child.wait()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--mb", type=float, help="size in MB instead of the case's own")
    parser.add_argument("--jobs", "-j", type=int, default=1,
                        help="processes for the pieces of a very long document, as "
                             "`rulecheck check -j N` uses them for a single input")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.system()} {platform.release()}, CPython {platform.python_version()}")
    for name in args.case or list(CASES):
        make, mb, split, what = CASES[name]
        size = args.mb or mb
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name}.txt"
            text = make(int(size * 1_000_000))
            path.write_text(text, encoding="utf-8")
            nbytes = path.stat().st_size
            del text
            r = measure(path, split, args.jobs)
        print(f"{name}: {what}: {nbytes / 1e6:.2f} MB, {r['chars']:,} chars in "
              f"{r['docs']:,} document(s), check {r['seconds']:.1f} s "
              f"({r['chars'] / r['seconds'] / 1000:.0f} k chars/s), "
              f"peak RSS {r['rss_mib']:.0f} MiB"
              + (f" (+ {args.jobs} workers, the largest {r['worker_mib']:.0f} MiB)"
                 if args.jobs > 1 else "")
              + f", peak PSS of all its processes {r['pss_mib']:.0f} MiB (sampled every 0.25 s)"
              + f", {r['findings']:,} findings "
              f"(context {r['context_chars'] / max(r['findings'], 1):.0f} chars each)",
              flush=True)


if __name__ == "__main__":
    main()
