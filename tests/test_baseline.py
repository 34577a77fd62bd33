"""Baselines: record findings, hide them across unrelated edits, show new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck import baseline
from rulecheck.errors import ConfigError
from tests.test_cli import TEST_IDS, invoke, write_pack

ARGS = ("--rules", "pack", "--select", TEST_IDS, "--format", "json")


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(out) -> list[tuple[int, str, str]]:
    return [(f["line"], f["rule"], f["text"]) for f in json.loads(out.stdout)["findings"]]


def test_round_trip(proj: Path):
    script = proj / "s.txt"
    script.write_text("开场。\n这款顶级面料，秒杀全网。\n收尾。\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    assert out.exit_code == 0 and findings(out) == []
    assert "recorded 2 finding(s) in bl.json" in out.stderr
    data = json.loads((proj / "bl.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["text"], e["count"]) for e in data["findings"]] == [
        ("s.txt", "AD-ZH-901", "顶级", 1), ("s.txt", "AD-ZH-902", "秒杀全网", 1)]
    assert all("line" not in e for e in data["findings"])

    # edits elsewhere: lines move, the old findings stay hidden; a new one shows
    script.write_text("新的开头。\n\n补充一句。\n这款顶级面料，秒杀全网。\n收尾，全网最低。\n",
                      encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--baseline", "bl.json")
    assert findings(out) == [(5, "PR-ZH-904", "全网最低")]
    assert "the baseline hid 2 finding(s)" in out.stderr

    # the same words in a new sentence are a new finding
    script.write_text("这款顶级面料，秒杀全网。\n还有顶级的服务。\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--baseline", "bl.json")
    assert findings(out) == [(2, "AD-ZH-901", "顶级")]


def test_occurrence_count(proj: Path):
    script = proj / "s.txt"
    script.write_text("顶级。\n", encoding="utf-8")
    invoke("check", "s.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    script.write_text("顶级。\n好货。\n顶级。\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--baseline", "bl.json")
    assert findings(out) == [(3, "AD-ZH-901", "顶级")], "only one identical finding accepted"


def test_file_is_stable_and_sorted(proj: Path):
    (proj / "b.txt").write_text("秒杀全网，顶级。\n", encoding="utf-8")
    (proj / "a.txt").write_text("顶级。\n", encoding="utf-8")
    invoke("check", "b.txt", "a.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    first = (proj / "bl.json").read_bytes()
    invoke("check", "a.txt", "b.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    assert (proj / "bl.json").read_bytes() == first
    paths = [e["path"] for e in json.loads(first)["findings"]]
    assert paths == sorted(paths)


def test_update_keeps_other_files(proj: Path):
    (proj / "a.txt").write_text("顶级。\n", encoding="utf-8")
    (proj / "b.txt").write_text("秒杀全网。\n", encoding="utf-8")
    invoke("check", "a.txt", "b.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    (proj / "a.txt").write_text("全网最低。\n", encoding="utf-8")
    invoke("check", "a.txt", *ARGS, "--baseline", "bl.json", "--update-baseline")
    rules = {(e["path"], e["rule"]) for e in
             json.loads((proj / "bl.json").read_text(encoding="utf-8"))["findings"]}
    assert rules == {("a.txt", "PR-ZH-904"), ("b.txt", "AD-ZH-902")}


def test_missing_or_bad_baseline_exits_two(proj: Path):
    out = invoke("check", "-", *ARGS, "--baseline", "none.json", stdin="好\n")
    assert out.exit_code == 2 and "none.json: no such baseline file" in out.stderr
    (proj / "bad.json").write_text("{not json", encoding="utf-8")
    out = invoke("check", "-", *ARGS, "--baseline", "bad.json", stdin="好\n")
    assert out.exit_code == 2 and "bad.json:1: not a baseline" in out.stderr
    assert invoke("check", "-", *ARGS, "--update-baseline", stdin="x").exit_code == 2
    with pytest.raises(ConfigError):
        baseline.load(proj / "bad.json")


def test_key_ignores_width_case_and_spacing():
    assert baseline.normalize("ＴＯＰ  １ 顶级") == baseline.normalize("top1顶级")
    assert baseline.context_hash("这款 顶级面料。") == baseline.context_hash("这款顶级面料。")
