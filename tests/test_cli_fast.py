"""A plain `rulecheck check` runs without typer, with what typer would have passed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rulecheck.cli import app
from rulecheck.cli.fast import parse_check
from tests.conftest import copy_cache

REPO = Path(__file__).resolve().parents[1]

SAME = [
    ["check", "a.txt"],
    ["check", "a.txt", "b.txt", "-q"],
    ["check", "-", "--quiet", "--statistics"],
    ["check", "a.txt", "--format", "json", "-o", "out.json"],
    ["check", "a.txt", "--output-format=sarif", "--output=r.sarif"],
    ["check", "a.txt", "-f", "jsonl", "--exit-zero", "--no-show-source"],
    ["check", "a.txt", "--select", "AD,PR", "--select", "EC-ZH-001", "--ignore", "AD-ZH-001"],
    ["check", "a.txt", "--extend-select", "CR", "--fail-on", "error", "--lang", "zh"],
    ["check", "a.txt", "--rules", "r1", "--rules", "r2", "--product-type", "food"],
    ["check", "a.txt", "--config", "c.toml", "--isolated", "--preview", "-j", "2"],
    ["check", "a.txt", "--jobs=3", "--input-format", "jsonl", "--field", "text=content",
     "--field", "start=begin", "--encoding", "gbk", "--column", "script"],
    ["check", "d", "--exclude", "*.md", "--extend-exclude", "x/**", "--no-respect-gitignore",
     "--force-exclude", "-v"],
    ["check", "a.txt", "--baseline", "b.json", "--update-baseline"],
    ["check", "a.txt", "--fix", "--unsafe-fixes"],
    ["check", "a.txt", "--diff", "--respect-gitignore", "--no-force-exclude", "--show-source"],
    ["check", "a.txt", "--lang", "xx", "--fail-on", "nonsense", "-f", "nonsense"],
]

TYPERS = [
    ["check"],
    ["check", "--help"],
    ["check", "a.txt", "--help"],
    ["check", "a.txt", "-qv"],
    ["check", "a.txt", "--locale", "en"],
    ["check", "a.txt", "--jobs", "0"],
    ["check", "a.txt", "--jobs", "two"],
    ["check", "a.txt", "-q", "-q"],
    ["check", "a.txt", "--format", "json", "--format", "csv"],
    ["check", "a.txt", "--output"],
    ["check", "a.txt", "--select", "--quiet"],
    ["check", "--", "-a.txt"],
    ["check", "a.txt", "--quiet=yes"],
    ["check", "a.txt", "--no-such-option"],
    ["rules", "list"],
    ["--version"],
    [],
]


def typer_values(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the typer command hands to run_check for `argv`."""
    got: dict[str, Any] = {}

    def record(**values: Any) -> None:
        got.update(values)

    monkeypatch.setattr("rulecheck.cli.checkrun.run_check", record)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    return got


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
def test_the_short_path_passes_what_typer_passes(argv: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_check(argv)
    assert fast is not None
    assert fast == typer_values(argv, monkeypatch)


@pytest.mark.parametrize("argv", TYPERS, ids=" ".join)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_check(argv) is None


def test_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_RULECHECK_COMPLETE", "bash_source")
    assert parse_check(["check", "a.txt"]) is None


def _run(args: list[str], cache: Path, importtime: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), RULECHECK_CACHE_DIR=str(cache))
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "rulecheck", *args], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600, check=False)


def test_a_plain_check_imports_neither_typer_nor_pydantic_nor_spacy(
        tmp_path: Path, warm_cache: Path | None) -> None:
    script = tmp_path / "s.txt"
    script.write_text("这款面霜是全网最好用的，今天全网最低价！\n", encoding="utf-8")
    cache = copy_cache(warm_cache, tmp_path / "cache")  # the compiled rulebook, no compiling
    _run(["check", str(script), "-q"], cache)  # fills whatever the copy lacks (YAML, Lark)
    done = _run(["check", str(script), "-q"], cache, importtime=True)
    assert done.returncode == 1, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    for heavy in ("typer", "click", "pydantic", "rich", "spacy", "yaml", "lark"):
        assert heavy not in imported, heavy


def test_the_short_path_reports_and_exits_as_typer_does(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       warm_cache: Path | None) -> None:
    script = tmp_path / "s.txt"
    script.write_text("这款面霜是全网最好用的。\n一经售出概不退换！\n", encoding="utf-8")
    cache = copy_cache(warm_cache, tmp_path / "cache")
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(cache))
    cases = [[str(script)], [str(script), "-q"], [str(script), "--format", "json"],
             [str(script), "--exit-zero", "--statistics", "-q"],
             [str(tmp_path / "missing.txt")], [str(script), "--lang", "xx"],
             [str(script), "--select", "NO-SUCH-RULE"]]
    for args in cases:
        fast = _run(["check", *args], cache)
        typed = CliRunner().invoke(app, ["check", *args])
        assert fast.returncode == typed.exit_code, (args, fast.stderr, typed.output)
        assert fast.stdout == typed.stdout, args
        assert fast.stderr == typed.stderr, args
