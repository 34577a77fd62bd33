"""Inline suppressions: same line, line before, Markdown ranges, unused warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck import suppress
from tests.test_cli import TEST_IDS, invoke, write_pack

ARGS = ("--rules", "pack", "--select", TEST_IDS, "--format", "json")


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(out) -> list[tuple[int, str]]:
    return [(f["line"], f["rule"]) for f in json.loads(out.stdout)["findings"]]


def test_same_line(proj: Path):
    text = ("顶级好货，秒杀全网 # rulecheck: ignore[AD-ZH-901]\n"
            "顶级好货 // rulecheck: ignore\n"
            "顶级好货\n")
    out = invoke("check", "-", *ARGS, stdin=text)
    assert found(out) == [(1, "AD-ZH-902"), (3, "AD-ZH-901")]
    assert "unused" not in out.stderr


def test_line_before(proj: Path):
    text = ("# rulecheck: ignore[AD-ZH-902, pricing]\n"
            "\n"
            "秒杀全网，全网最低，顶级\n"
            "秒杀全网\n")
    out = invoke("check", "-", *ARGS, stdin=text)
    assert found(out) == [(3, "AD-ZH-901"), (4, "AD-ZH-902")]


def test_prefix_codes(proj: Path):
    text = "顶级，秒杀全网，全网最低 # rulecheck: ignore[AD]\n"
    out = invoke("check", "-", *ARGS, stdin=text)
    assert found(out) == [(1, "PR-ZH-904")]


def test_markdown_ranges(proj: Path):
    (proj / "s.md").write_text(
        "# 脚本\n\n"
        "顶级开场\n"
        "<!-- rulecheck: disable AD-ZH-901 -->\n"
        "顶级面料，秒杀全网\n"
        "- 顶级做工\n"
        "<!-- rulecheck: enable AD-ZH-901 -->\n"
        "顶级收尾\n"
        "<!-- rulecheck: disable -->\n"
        "顶级，全网最低\n"
        "<!-- rulecheck: enable -->\n"
        "<!-- rulecheck: ignore[AD-ZH-902] -->\n"
        "秒杀全网\n"
        "秒杀全网\n", encoding="utf-8")
    out = invoke("check", "s.md", *ARGS)
    assert found(out) == [(3, "AD-ZH-901"), (5, "AD-ZH-902"), (8, "AD-ZH-901"),
                          (14, "AD-ZH-902")]
    assert "unused" not in out.stderr


def test_unclosed_range_runs_to_end(proj: Path):
    text = "顶级\n<!-- rulecheck: disable AD-ZH-901 -->\n顶级\n\n顶级\n"
    out = invoke("check", "-", *ARGS, "--input-format", "md", stdin=text)
    assert found(out) == [(1, "AD-ZH-901")]


def test_unused_suppression_warning(proj: Path):
    text = ("好货 # rulecheck: ignore[AD-ZH-901]\n"
            "顶级 # rulecheck: ignore[AD-ZH-901, AD-ZH-902]\n"
            "# rulecheck: ignore\n"
            "好货\n")
    (proj / "s.txt").write_text(text, encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS)
    assert found(out) == []
    assert out.exit_code == 0
    lines = out.stderr.strip().splitlines()
    assert lines == [
        "s.txt:1: warning: unused suppression rulecheck: ignore[AD-ZH-901]",
        "s.txt:2: warning: unused suppression rulecheck: ignore[AD-ZH-902]",
        "s.txt:3: warning: unused suppression rulecheck: ignore",
    ]
    assert invoke("check", "s.txt", *ARGS, "--quiet").stderr == ""


def test_unused_warning_only_for_rules_that_ran(proj: Path):
    text = "好货 # rulecheck: ignore[AD-ZH-902]\n"
    out = invoke("check", "-", "--rules", "pack", "--select", "AD-ZH-901", stdin=text)
    assert "unused" not in out.stderr


def test_parse_reason_and_plain_codes():
    (d,) = suppress.parse("顶级 # rulecheck: ignore AD-ZH-901, PR -- 品牌名\n")
    assert d.codes == ("AD-ZH-901", "PR") and d.targets == (1, 1)
    (d,) = suppress.parse("<!-- rulecheck: ignore[AD-ZH-001] -->\n\n\n正文\n")
    assert d.targets == (4, 4)
    ds = suppress.parse("<!-- rulecheck: disable AD, PR -->\nx\n<!-- rulecheck: enable PR -->\ny\n")
    assert ds[0].ends == {"PR": 3} and ds[0].targets == (1, 5)


def test_hashtags_are_not_directives():
    assert suppress.parse("#顶级好物# 推荐 #rulecheck话题\n") == []
