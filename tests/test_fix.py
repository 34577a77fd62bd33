"""Safe fixes: --fix in place, --diff, `rulecheck fix`, refusals, the fix engine itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck import fix
from rulecheck.model import Edit, Finding, Fix
from tests.conftest import make_rule
from tests.test_cli import TEST_IDS, invoke, write_pack

ARGS = ("--rules", "pack", "--select", TEST_IDS)


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_in_place_is_idempotent(proj: Path):
    script = proj / "s.txt"
    script.write_text("这是顶级面料，顶级做工。\n秒杀全网！\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--fix", "--format", "json")
    assert script.read_text(encoding="utf-8") == "这是优质面料，优质做工。\n秒杀全网！\n"
    assert "fixed 2 finding(s) in 1 file(s)" in out.stderr
    remaining = [f["rule"] for f in json.loads(out.stdout)["findings"]]
    assert remaining == ["AD-ZH-902"], "an unsafe fix waits for --unsafe-fixes"
    assert out.exit_code == 1
    again = invoke("check", "s.txt", *ARGS, "--fix", "--format", "json")
    assert "fixed 0 finding(s)" in again.stderr
    assert script.read_text(encoding="utf-8") == "这是优质面料，优质做工。\n秒杀全网！\n"
    recheck = invoke("check", "s.txt", *ARGS, "--format", "json")
    [left] = json.loads(recheck.stdout)["findings"]
    assert left["fix"] == {"applicability": "unsafe",
                           "message": "Replace “秒杀全网” with “超值好价”",
                           "edits": [{"start": 13, "end": 17, "content": "超值好价"}]}
    assert left["suggestions"] == ["超值好价"]
    invoke("check", "s.txt", *ARGS, "--fix", "--unsafe-fixes")
    assert script.read_text(encoding="utf-8") == "这是优质面料，优质做工。\n超值好价！\n"


def test_unsafe_fixes_in_diff_and_fix_command(proj: Path):
    script = proj / "s.txt"
    script.write_text("顶级好货，秒杀全网\n", encoding="utf-8")
    safe_only = invoke("check", "s.txt", *ARGS, "--diff")
    assert "+优质好货，秒杀全网" in safe_only.stdout
    both = invoke("check", "s.txt", *ARGS, "--diff", "--unsafe-fixes")
    assert "+优质好货，超值好价" in both.stdout
    out = invoke("fix", "-", *ARGS, "--unsafe-fixes", stdin="秒杀全网\n")
    assert out.stdout == "超值好价\n"
    assert "fixed 1 finding(s); 0 left without a fix" in out.stderr


def test_the_older_one_string_fix_is_a_safe_replacement(tmp_path: Path):
    pack = tmp_path / "old"
    pack.mkdir()
    (pack / "r.yaml").write_text(make_rule("AD-ZH-905", '"顶级"', extra='fix: "优质"\n'),
                                 encoding="utf-8")
    out = invoke("fix", "-", "--rules", str(pack), "--select", "AD-ZH-905", stdin="顶级货\n")
    assert out.stdout == "优质货\n"


def test_fix_keeps_encoding_bom_and_newlines(proj: Path):
    gbk = proj / "g.txt"
    gbk.write_bytes("顶级好货\r\n第二行\r\n".encode("gb18030"))
    invoke("check", "g.txt", *ARGS, "--fix", "--encoding", "gb18030")
    assert gbk.read_bytes() == "优质好货\r\n第二行\r\n".encode("gb18030")
    bom = proj / "b.md"
    bom.write_bytes(b"\xef\xbb\xbf" + "# 标题\n顶级\n".encode())
    invoke("check", "b.md", *ARGS, "--fix")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + "# 标题\n优质\n".encode()


def test_fix_subtitles_keep_their_layout(proj: Path):
    srt = proj / "live.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\n顶级好货\n\n"
                   "2\n00:00:02,000 --> 00:00:03,000\n顶级\n", encoding="utf-8")
    invoke("check", "live.srt", *ARGS, "--fix")
    assert srt.read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:02,000\n优质好货\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n优质\n")


def test_suppressed_findings_are_not_fixed(proj: Path):
    script = proj / "s.txt"
    text = "顶级 # rulecheck: ignore[AD-ZH-901]\n顶级\n"
    script.write_text(text, encoding="utf-8")
    invoke("check", "s.txt", *ARGS, "--fix")
    assert script.read_text(encoding="utf-8") == "顶级 # rulecheck: ignore[AD-ZH-901]\n优质\n"


def test_diff_changes_nothing(proj: Path):
    script = proj / "s.txt"
    script.write_text("开场\n顶级好货\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--diff")
    assert out.exit_code == 1
    assert out.stdout == ("--- a/s.txt\n+++ b/s.txt\n@@ -1,2 +1,2 @@\n"
                          " 开场\n-顶级好货\n+优质好货\n")
    assert script.read_text(encoding="utf-8") == "开场\n顶级好货\n"
    script.write_text("秒杀全网\n", encoding="utf-8")
    out = invoke("check", "s.txt", *ARGS, "--diff")
    assert out.exit_code == 0 and out.stdout == ""


def test_fix_command_stdin_and_file(proj: Path):
    out = invoke("fix", "-", *ARGS, stdin="顶级好货，秒杀全网\n")
    assert out.exit_code == 0
    assert out.stdout == "优质好货，秒杀全网\n"
    assert "fixed 1 finding(s); 1 left without a safe fix" in out.stderr
    (proj / "s.txt").write_text("顶级\n", encoding="utf-8")
    out = invoke("fix", "s.txt", *ARGS)
    assert out.stdout == "优质\n"
    assert (proj / "s.txt").read_text(encoding="utf-8") == "顶级\n"


def test_refusals(proj: Path):
    out = invoke("check", "-", *ARGS, "--fix", stdin="顶级\n")
    assert out.exit_code == 2 and "rulecheck fix -" in out.stderr
    (proj / "a.jsonl").write_text('{"text": "顶级好货"}\n', encoding="utf-8")
    before = (proj / "a.jsonl").read_bytes()
    out = invoke("check", "a.jsonl", *ARGS, "--fix")
    assert "a.jsonl: not fixed: cannot fix a jsonl file in place" in out.stderr
    assert (proj / "a.jsonl").read_bytes() == before
    assert out.exit_code == 1, "still checked and reported"
    out = invoke("fix", "a.jsonl", *ARGS)
    assert out.exit_code == 2 and "cannot fix a jsonl file" in out.stderr


def _finding(start: int, end: int, text: str, fix_text: str | None, rule: str = "AD-ZH-901",
             applicability: str = "safe") -> Finding:
    fixed = Fix(applicability, "m", [Edit(start, end, fix_text)]) if fix_text is not None \
        else None
    return Finding(path="-", rule=rule, category="advertising", family="t", severity="error",
                   title="t", message="m", law="l", start=start, end=end, line=1, column=1,
                   end_line=1, end_column=1, text=text, context="", fix=fixed)


def test_apply_fixes_from_end_skips_overlaps():
    text = "ABCDEF"
    fs = [_finding(0, 2, "AB", "x"), _finding(1, 3, "BC", "y"), _finding(4, 6, "EF", "zzz"),
          _finding(3, 4, "D", None)]
    new, n = fix.apply_fixes(text, fs)
    assert (new, n) == ("xCDzzz", 2)


def test_fix_text_iterates_until_stable():
    # each pass reveals a new fixable finding, as one rewrite can uncover another
    def check(text: str) -> list[Finding]:
        i = text.find("aa")
        return [_finding(i, i + 2, "aa", "a")] if i >= 0 else []

    out = fix.fix_text("aaaa", check)
    assert (out.text, out.applied, out.passes, out.remaining) == ("a", 3, 3, [])
    out = fix.fix_text("a" * 20, check)
    assert out.passes == fix.MAX_PASSES and out.remaining


def test_unsafe_fixes_only_when_asked():
    fs = [_finding(0, 2, "AB", "x", applicability="unsafe"), _finding(4, 6, "EF", "z")]
    assert fix.apply_fixes("ABCDEF", fs) == ("ABCDz", 1)
    assert fix.apply_fixes("ABCDEF", fs, unsafe=True) == ("xCDz", 2)


def test_csv_fix_never_breaks_a_field():
    assert fix.choose([_finding(0, 1, "a", "x,y")], "csv") == []
    assert fix.choose([_finding(0, 1, "a", "x，y")], "csv") != []
