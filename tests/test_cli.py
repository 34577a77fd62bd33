"""The `rulecheck check` workflow: selection, exit codes, JSON, stdin, inputs, jobs.

Findings come from a small rule pack written per test (the bundled rules are
loaded too, so every run selects the test rule ids to stay isolated).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck.cli import app
from tests.conftest import make_rule, shared_pack

REPO = Path(__file__).resolve().parent.parent

#: The test rules: a fixable one, an unfixable one, a pricing warning, a plain term.
TEST_IDS = "AD-ZH-901,AD-ZH-902,AD-ZH-903,PR-ZH-904"


def write_pack(root: Path, store: Path | None = None) -> Path:
    """A rule pack with one safe fix (顶级 -> 优质), one unsafe fix (秒杀全网 -> 超值好价)
    and two rules without a replacement: `root/pack`, a link into `store` when given (see
    `shared_pack`: the bundled rules plus this pack are then compiled once per run)."""
    pricing = make_rule("PR-ZH-904", '"全网最低"', category="pricing").replace(
        "severity: error", "severity: warning")
    files = {"test.yaml": make_rule("AD-ZH-901", '"顶级"', extra='replace: {safe: ["优质"]}\n')
             + make_rule("AD-ZH-902", '"秒杀全网"', extra='replace: {unsafe: ["超值好价"]}\n')
             + make_rule("AD-ZH-903", '"第一"')
             + pricing}
    pack = root / "pack"
    if store is not None:
        return shared_pack(store, files, pack)
    pack.mkdir(exist_ok=True)
    for name, text in files.items():
        (pack / name).write_text(text, encoding="utf-8")
    return pack


def invoke(*args: str, stdin: str | bytes | None = None):
    """Run the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def run(*args: str, stdin: str | None = None, cwd: Path = REPO
        ) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a process, through the console entry point."""
    return subprocess.run([sys.executable, "-m", "rulecheck", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def rules_of(stdout: str) -> list[str]:
    return [f["rule"] for f in json.loads(stdout)["findings"]]


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    """A project directory (the working directory) holding the test pack."""
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


BASE = ("--rules", "pack", "--select", TEST_IDS, "--format", "json")


def test_select_ignore_extend_select(proj: Path):
    (proj / "a.txt").write_text("顶级好货，秒杀全网，全网最低。\n", encoding="utf-8")
    out = invoke("check", "a.txt", *BASE)
    assert sorted(rules_of(out.stdout)) == ["AD-ZH-901", "AD-ZH-902", "PR-ZH-904"]
    out = invoke("check", "a.txt", "--rules", "pack", "--format", "json",
                 "--select", "AD-ZH-901")
    assert rules_of(out.stdout) == ["AD-ZH-901"]
    out = invoke("check", "a.txt", *BASE, "--ignore", "AD-ZH-902,pricing")
    assert rules_of(out.stdout) == ["AD-ZH-901"]
    out = invoke("check", "a.txt", "--rules", "pack", "--format", "json",
                 "--select", "AD-ZH-901", "--extend-select", "PR-ZH-904")
    assert sorted(rules_of(out.stdout)) == ["AD-ZH-901", "PR-ZH-904"]


def test_unknown_select_code_is_an_error(proj: Path):
    out = invoke("check", "-", "--rules", "pack", "--select", "AD-ZH-901,XX-ZH-777",
                 stdin="好货\n")
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr == ("rulecheck: error: --select: 'XX-ZH-777' is not a rule id, "
                          "id prefix or category\n")


def test_exit_codes_and_fail_on(proj: Path):
    (proj / "warn.txt").write_text("全网最低。\n", encoding="utf-8")
    (proj / "clean.txt").write_text("好货。\n", encoding="utf-8")
    assert invoke("check", "clean.txt", *BASE).exit_code == 0
    assert invoke("check", "warn.txt", *BASE).exit_code == 1
    assert invoke("check", "warn.txt", *BASE, "--fail-on", "error").exit_code == 0
    assert invoke("check", "warn.txt", *BASE, "--fail-on", "info").exit_code == 1
    assert invoke("check", "warn.txt", *BASE, "--fail-on", "fatal").exit_code == 2
    assert invoke("check", "missing.txt", *BASE).exit_code == 2


def test_json_shape(proj: Path):
    (proj / "a.txt").write_text("开头\n这是顶级货。\n", encoding="utf-8")
    out = invoke("check", "a.txt", *BASE)
    report = json.loads(out.stdout)
    assert set(report) >= {"version", "summary", "findings"}
    (f,) = report["findings"]
    assert (f["rule"], f["line"], f["column"], f["text"]) == ("AD-ZH-901", 2, 3, "顶级")
    assert f["fix"]["edits"] == [{"start": 5, "end": 7, "content": "优质"}] and f["path"] == "a.txt"
    text = (proj / "a.txt").read_text(encoding="utf-8")
    assert text[f["start"]:f["end"]] == "顶级"
    assert report["summary"]["findings"] == 1


def test_stdin(proj: Path):
    out = invoke("check", "-", *BASE, stdin="秒杀全网！\n")
    assert out.exit_code == 1
    (f,) = json.loads(out.stdout)["findings"]
    assert f["path"] == "-" and f["rule"] == "AD-ZH-902"


def test_statistics_and_quiet(proj: Path):
    (proj / "a.txt").write_text("顶级，顶级，秒杀全网。\n", encoding="utf-8")
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS, "--statistics")
    counts = {m.group(2): int(m.group(1)) for m in
              re.finditer(r"^\s*(\d+)\W+(AD-ZH-90\d)\b", out.stdout, re.MULTILINE)}
    assert counts == {"AD-ZH-901": 2, "AD-ZH-902": 1}
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS, "--quiet")
    assert out.exit_code == 1 and out.stdout == "" and out.stderr == ""


def test_unreadable_file_next_to_good_one(proj: Path):
    (proj / "bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    (proj / "good.txt").write_text("顶级。\n", encoding="utf-8")
    out = invoke("check", "bad.txt", "good.txt", *BASE)
    assert out.exit_code == 2
    assert "bad.txt" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert rules_of(out.stdout) == ["AD-ZH-901"]


def test_broken_rule_pack_is_one_line_per_problem(tmp_path: Path):
    (tmp_path / "p.yaml").write_text(
        "- id: AD-ZH-900\n  category: nope\n  match: '\"a\" and'\n"
        "- id: AD-ZH-900\n  category: nope\n", encoding="utf-8")
    proc = run("check", "--rules", str(tmp_path), "-", stdin="好\n")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) >= 2
    assert all(line.startswith("rulecheck: error: ") and str(tmp_path) in line
               for line in lines)


def test_end_to_end_process_exit_codes(tmp_path: Path, pack_store: Path):
    write_pack(tmp_path, pack_store)
    proc = run("check", "-", "--rules", "pack", "--select", TEST_IDS, stdin="顶级\n",
               cwd=tmp_path)
    assert proc.returncode == 1 and "AD-ZH-901" in proc.stdout
    proc = run("check", "-", "--rules", "pack", "--select", TEST_IDS, stdin="好\n",
               cwd=tmp_path)
    assert proc.returncode == 0


def test_jobs_give_identical_results(proj: Path):
    d = proj / "many"
    d.mkdir()
    for i in range(9):
        body = "\n".join(["好货。"] * i + ["顶级面料，秒杀全网。", "全网最低。" * (i % 3)])
        (d / f"s{i}.txt").write_text(body + "\n", encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00\xff\x00\xfe")
    one = invoke("check", "many", *BASE, "--jobs", "1")
    two = invoke("check", "many", *BASE, "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    paths = [f["path"] for f in json.loads(one.stdout)["findings"]]
    assert paths == sorted(paths, key=lambda p: int(Path(p).stem[1:]))


def test_input_options_and_verbose(proj: Path):
    (proj / "asr.jsonl").write_text(
        '{"content": "顶级好货", "begin_ms": 1000}\n{"content": "好", "begin_ms": 2000}\n',
        encoding="utf-8")
    out = invoke("check", "asr.jsonl", *BASE, "--field", "text=content",
                 "--field", "start=begin_ms", "--verbose")
    (f,) = json.loads(out.stdout)["findings"]
    assert f["segment"]["start_time"] == 1.0
    assert "asr.jsonl: format=jsonl encoding=utf-8" in out.stderr
    (proj / "t.csv").write_text("id,line\n1,顶级\n2,好\n", encoding="utf-8")
    out = invoke("check", "t.csv", *BASE, "--column", "line")
    assert rules_of(out.stdout) == ["AD-ZH-901"]
    (proj / "g.txt").write_bytes("顶级好货\n".encode("gb18030"))
    out = invoke("check", "g.txt", *BASE, "--encoding", "gb18030", "-v")
    assert rules_of(out.stdout) == ["AD-ZH-901"] and "encoding=gb18030" in out.stderr
    assert invoke("check", "g.txt", *BASE, "--field", "oops").exit_code == 2


def test_pre_commit_hook_definition():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "rulecheck"]
    assert hook["entry"] == "rulecheck check" and hook["language"] == "python"
    assert {"text", "markdown"} <= set(hook["types_or"])
