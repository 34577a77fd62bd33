"""Start-up of a plain `rulecheck check`: whole processes, wall and CPU time, peak RSS.

    python benchmarks/startup.py [--runs 10] [--script FILE] [--against DIR]

Checks a 2 KB Chinese script (the first 2 KB of corpora/bench/zh.txt, cut at a line end,
unless --script is given) with `python -m rulecheck check SCRIPT -q`, caches warm (a
private RULECHECK_CACHE_DIR warmed by two runs first). With --against, a second source
tree (e.g. an export of an older commit) is run alternately with this one under its own
cache, so both see the same load: on a shared machine compare the CPU times, which move
far less with load than wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _script(path: Path | None, folder: Path) -> Path:
    if path is not None:
        return path
    text = (REPO / "corpora" / "bench" / "zh.txt").read_bytes()[:2048].decode("utf-8", "ignore")
    script = folder / "script.txt"
    script.write_text(text[: text.rfind("\n") + 1] or text, encoding="utf-8")
    return script


def _run(tree: Path, cache: Path, script: Path) -> tuple[float, float, float]:
    """Wall s, CPU s (user + system) and peak RSS MiB of one check in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(tree), RULECHECK_CACHE_DIR=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rulecheck", "check", str(script), "-q"], env=env,
                   cwd=tempfile.gettempdir(), capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # the largest child so far


def _line(name: str, rows: list[tuple[float, float, float]]) -> str:
    wall = [r[0] for r in rows]
    cpu = [r[1] for r in rows]
    return (f"{name}: wall median {statistics.median(wall):.3f} s "
            f"[{min(wall):.3f}-{max(wall):.3f}], CPU median {statistics.median(cpu):.3f} s "
            f"[{min(cpu):.3f}-{max(cpu):.3f}], runs {len(rows)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--script", type=Path)
    parser.add_argument("--against", type=Path, help="another source tree, run alternately")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        script = _script(args.script, folder)
        trees = {"this tree": REPO}
        if args.against is not None:
            trees["--against"] = args.against.resolve()
        rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
        for i, tree in enumerate(trees.values()):
            for _ in range(2):  # the first run builds and caches jieba's dictionary
                _run(tree, folder / f"cache{i}", script)
        for _ in range(args.runs):
            for i, (name, tree) in enumerate(trees.items()):
                rows[name].append(_run(tree, folder / f"cache{i}", script))
        print(f"script {script.stat().st_size} bytes; load average {os.getloadavg()[0]:.1f}")
        for name, got in rows.items():
            print(_line(name, got))


if __name__ == "__main__":
    main()
