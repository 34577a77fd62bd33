"""The command line end to end: exit codes, JSON shape, stdin, bad inputs, bad rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "corpora" / "demo" / "script.txt"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rulecheck", *args], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_demo_script_has_findings_with_law_and_suggestion():
    proc = run("check", str(DEMO), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert set(report) >= {"version", "summary", "findings"}
    assert report["summary"]["findings"] == len(report["findings"]) > 0
    text = DEMO.read_text(encoding="utf-8")
    for f in report["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["law"] and f["category"] and f["rule"]
    cats = {f["category"] for f in report["findings"]}
    assert {"advertising", "pricing"} <= cats


def test_clean_talk_exits_zero_from_stdin():
    proc = run("check", "-", stdin="最近天气干燥，第一次来的宝宝点关注。\n")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_fail_on_error_ignores_warnings():
    proc = run("check", "-", "--fail-on", "error", "--format", "json",
               stdin="只有今天这个价。\n")
    report = json.loads(proc.stdout)
    assert report["findings"], "expected a warning"
    assert all(f["severity"] != "error" for f in report["findings"])
    assert proc.returncode == 0


def test_unreadable_file_is_reported_and_others_still_checked(tmp_path):
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    proc = run("check", str(binary), str(DEMO), "--format", "json")
    assert proc.returncode == 2
    assert "bad.txt" in proc.stderr and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["findings"], "the good file is still checked"


def test_broken_rule_pack_is_one_line_per_problem(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "- id: AD-ZH-900\n  category: nope\n  match: '\"a\" and'\n", encoding="utf-8")
    proc = run("check", "--rules", str(tmp_path), str(DEMO))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{tmp_path / 'p.yaml'}:" in proc.stderr


def test_usage_errors_exit_two():
    assert run("check", "-", "--lang", "fr", stdin="x").returncode == 2
    assert run("explain", "XX-ZH-999").returncode == 2


def test_rules_list_and_explain():
    proc = run("rules", "list", "--category", "pricing", "--format", "json")
    assert proc.returncode == 0
    rules = json.loads(proc.stdout)
    assert rules and all(r["category"] == "pricing" for r in rules)
    proc = run("explain", rules[0]["id"])
    assert proc.returncode == 0 and rules[0]["id"] in proc.stdout and "law:" in proc.stdout


def test_watch_reads_asr_jsonl_from_stdin_and_finds_split_phrase():
    segments = ('{"text": "家人们这个是全网", "start": 1.0, "end": 2.0}\n'
                '{"text": "最低价快去拍", "start": 2.0, "end": 3.5}\n')
    proc = run("watch", "-", "--format", "jsonl", stdin=segments)
    assert proc.returncode == 0, proc.stderr
    findings = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [f["category"] for f in findings] == ["pricing"]
    assert findings[0]["segment"]["start_time"] == 1.0
    assert findings[0]["segment"]["end_time"] == 3.5
    assert "segments: 2" in proc.stderr


def test_serve_help_names_the_limits():
    proc = run("serve", "--help")
    assert proc.returncode == 0 and "--max-body-bytes" in proc.stdout
