"""Start-up of a plain `rulecheck check`: whole processes, wall and CPU time, peak RSS.

    python benchmarks/startup.py [--runs 10] [--script FILE] [--lang zh|en] [--against DIR]
                                 [--no-bytecode-cache]

Checks a 2 KB script (the first 2 KB of corpora/bench/zh.txt, or en.txt with --lang en,
cut at a line end, unless --script is given) with `python -m rulecheck check SCRIPT -q`,
caches warm (a private RULECHECK_CACHE_DIR warmed by two runs first). With --against, a
second source tree (e.g. an export of an older commit) is run alternately with this one
under its own cache, so both see the same load: on a shared machine compare the CPU
times, which move far less with load than wall time. Peak RSS is each child's own.

Python's compiled bytecode is cached too, as in any installed copy (pip compiles it): each
tree's children write and read it under a private PYTHONPYCACHEPREFIX, whatever
PYTHONDONTWRITEBYTECODE says (with it set and no cache, every run compiled all the
modules it imported, ~0.3 s of the figure). --no-bytecode-cache measures that way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _script(path: Path | None, folder: Path, lang: str = "zh") -> Path:
    if path is not None:
        return path
    source = REPO / "corpora" / "bench" / f"{lang}.txt"
    if not source.exists():  # the benchmark corpus is built, not shipped; in a child
        # process, so that this one stays small and its children's peak RSS is their own
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "build_corpus.py"),
                        "--out", str(source.parent)], check=True)
    text = source.read_bytes()[:2048].decode("utf-8", "ignore")
    script = folder / "script.txt"
    script.write_text(text[: text.rfind("\n") + 1] or text, encoding="utf-8")
    return script


def _run(tree: Path, cache: Path, script: Path,
         pycache: Path | None = None) -> tuple[float, float, float]:
    """Wall s, CPU s (user + system) and peak RSS MiB of one check in a fresh process;
    `pycache`: where its bytecode is cached (None: as the environment says)."""
    env = dict(os.environ, PYTHONPATH=str(tree), RULECHECK_CACHE_DIR=str(cache))
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "rulecheck", "check", str(script), "-q"],
                             env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)  # this child's own usage, not all children's
    wall = time.perf_counter() - start
    child.returncode = 0  # reaped above
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _line(name: str, rows: list[tuple[float, float, float]]) -> str:
    wall = [r[0] for r in rows]
    cpu = [r[1] for r in rows]
    rss = [r[2] for r in rows]
    return (f"{name}: wall median {statistics.median(wall):.3f} s "
            f"[{min(wall):.3f}-{max(wall):.3f}], CPU median {statistics.median(cpu):.3f} s "
            f"[{min(cpu):.3f}-{max(cpu):.3f}], peak RSS median {statistics.median(rss):.0f} MiB, "
            f"runs {len(rows)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--script", type=Path)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="the bundled 2 KB script's language (without --script)")
    parser.add_argument("--against", type=Path, help="another source tree, run alternately")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave bytecode caching to the environment")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        script = _script(args.script, folder, args.lang)
        trees = {"this tree": REPO}
        if args.against is not None:
            trees["--against"] = args.against.resolve()
        rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
        def pycache(i: int) -> Path | None:
            return None if args.no_bytecode_cache else folder / f"pycache{i}"

        for i, tree in enumerate(trees.values()):
            for _ in range(2):  # the first run builds and caches jieba's dictionary
                _run(tree, folder / f"cache{i}", script, pycache(i))
        for _ in range(args.runs):
            for i, (name, tree) in enumerate(trees.items()):
                rows[name].append(_run(tree, folder / f"cache{i}", script, pycache(i)))
        print(f"script {script.stat().st_size} bytes; load average {os.getloadavg()[0]:.1f}; "
              f"bytecode {'as the environment says' if args.no_bytecode_cache else 'cached'}")
        for name, got in rows.items():
            print(_line(name, got))


if __name__ == "__main__":
    main()
