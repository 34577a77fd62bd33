"""Measure `rulecheck audit` throughput (files/s, MB/s) at --jobs 1 and 2 on a generated
archive, and write the figures into the "## Batch audit" section of RESULTS.md (only
that section is replaced; it is appended when missing).

    python benchmarks/audit_bench.py [--count 10000] [--jobs 1 2] [--ray] [--corpus DIR]
                                     [--print]

With ``--ray`` each --jobs count is also run with ``--engine ray`` (a private local Ray
instance with that many actors; needs ``rulecheck[ray]``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Batch audit"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run_once(manifest: Path, db: Path, jobs: int, engine: str = "local") -> dict:
    cmd = [sys.executable, "-m", "rulecheck", "audit", str(manifest), "--db", str(db),
           "--jobs", str(jobs), "--engine", engine, "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    con = sqlite3.connect(db)
    files, size = con.execute("SELECT count(*), SUM(size) FROM documents").fetchone()
    findings = con.execute("SELECT count(*) FROM findings").fetchone()[0]
    con.close()
    return {"engine": engine, "jobs": jobs, "rc": proc.returncode, "wall": wall, "files": files,
            "mb": (size or 0) / 1e6, "findings": findings}


def section(rows: list[dict], count: int, command: str) -> str:
    import rulecheck

    lines = [SECTION, "",
             f"`{command}` — generated archive of {count} transcripts "
             f"(`benchmarks/audit_corpus.py`: labelled lines plus filler, txt/srt/jsonl, with a "
             "manifest of anchors, rooms and dates), each run into a fresh database. Wall time "
             "includes start-up, planning, hashing and the SQLite writes.", "",
             f"Machine: {_cpu()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
             f"rulecheck {rulecheck.__version__}, SQLite {sqlite3.sqlite_version}, "
             f"{platform.system()} {platform.release()}.", "",
             "| engine | --jobs | files | MB | findings | wall s | files/s | MB/s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['engine']} | {r['jobs']} | {r['files']} | {r['mb']:.1f} | "
                     f"{r['findings']} | {r['wall']:.1f} | {r['files'] / r['wall']:.1f} | "
                     f"{r['mb'] / r['wall']:.2f} |")
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path = RESULTS) -> None:
    """Replace the Batch audit section of RESULTS.md, or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--ray", action="store_true", help="also run each --jobs on Ray")
    ap.add_argument("--corpus", type=Path, help="reuse (or create) the archive here")
    ap.add_argument("--print", action="store_true", help="print only; leave RESULTS.md")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    import audit_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        manifest = corpus / "manifest.jsonl"
        if not manifest.exists():
            audit_corpus.generate(corpus, args.count)
        rows = []
        runs = [(e, j) for e in (["local", "ray"] if args.ray else ["local"])
                for j in args.jobs]
        for engine, jobs in runs:
            db = Path(tmp) / f"audit-{engine}-j{jobs}.sqlite"
            rows.append(run_once(manifest, db, jobs, engine))
            r = rows[-1]
            print(f"{engine} --jobs {jobs}: {r['files']} files, {r['mb']:.1f} MB in "
                  f"{r['wall']:.1f} s = {r['files'] / r['wall']:.1f} files/s, "
                  f"{r['mb'] / r['wall']:.2f} MB/s (exit {r['rc']})", flush=True)
    text = section(rows, args.count,
                   "python benchmarks/audit_bench.py " + " ".join(sys.argv[1:]))
    if args.print:
        print(text)
    else:
        write_section(text)
        print(f"wrote the {SECTION[3:]} section of {RESULTS}")


if __name__ == "__main__":
    main()
