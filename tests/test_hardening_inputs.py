"""Hostile inputs, configs and rule packs: one line and exit 2 for the bad one, the
others still checked, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck import readers
from rulecheck.cli import app
from rulecheck.engine.checker import Checker
from rulecheck.errors import InputError
from rulecheck.globmatch import GlobError, compile_glob, matches
from tests.conftest import make_rule

GOOD = "这是全网最好的面霜"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(old)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output
    return r.exit_code, r.output


def one_line_errors(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith("rulecheck: error:")]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD, encoding="utf-8")
    return p


# -- surrogates and file names -------------------------------------------------------

def test_lone_surrogate_escape_in_jsonl_does_not_stop_a_directory(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text('{"text": "\\ud83d 全网最好"}\n', encoding="utf-8")
    (d / "b.txt").write_text(GOOD, encoding="utf-8")
    code, out = run("check", str(d), "--format", "json")
    assert code == 1
    data = json.loads(out[out.index("{"):])
    assert {f["path"].rsplit("/", 1)[-1] for f in data["findings"]} == {"a.jsonl", "b.txt"}
    assert "\ufffd" in json.dumps(data, ensure_ascii=False)


def test_library_replaces_surrogates_keeping_offsets() -> None:
    text = "\ud83d全网最好的面霜"
    found = Checker().check_text(text)
    assert found and all(text[f.start:f.end].replace("\ud83d", "\ufffd") == f.text
                         for f in found)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "html", "csv", "junit",
                                 "github"])
def test_non_utf8_file_name_is_escaped_in_every_format(tmp_path: Path, fmt: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (d / name).write_text(GOOD, encoding="utf-8")
    code, out = run("check", str(d), "--format", fmt)
    assert code == 1
    # SARIF URIs percent-encode the name's own bytes; everything else shows \xe9
    assert ("caf%E9.txt" if fmt == "sarif" else "caf\\xe9.txt") in out.replace("\\\\", "\\")
    out.encode("utf-8")  # strict: no surrogate left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_non_utf8_file_name_in_audit(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD, encoding="utf-8")
    db = tmp_path / "a.sqlite"
    code, out = run("audit", str(d), "--db", str(db), "-j", "1")
    assert code == 0, out
    code, out = run("audit", str(d), "--db", str(db), "-j", "1")
    assert "1 already recorded" in out  # the escaped name is the same key next time
    code, out = run("audit", "report", "--db", str(db))
    assert code == 0 and "caf\\xe9.txt" in out


# -- not regular files ---------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_dev_zero_are_skipped_with_one_line(tmp_path: Path, good: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    (d / "ok.txt").write_text(GOOD, encoding="utf-8")
    code, out = run("check", str(d), str(d / "pipe.txt"), "--format", "json")
    assert code == 2
    errs = one_line_errors(out)
    assert any("pipe.txt: skipped (a FIFO" in e for e in errs)
    assert any("zero.txt: skipped (a character device" in e for e in errs)
    data = json.loads(out[out.index("{"):])
    assert [f["path"] for f in data["findings"]][0].endswith("ok.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_rule_pack_config_and_baseline_are_refused(tmp_path: Path, good: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    os.mkfifo(pack / "a.yaml")
    code, out = run("check", "--rules", str(pack), str(good))
    assert code == 2 and "a FIFO" in out
    os.mkfifo(tmp_path / "cfg.toml")
    code, out = run("check", "--config", str(tmp_path / "cfg.toml"), str(good))
    assert code == 2 and "a FIFO" in out
    os.mkfifo(tmp_path / "base.json")
    code, out = run("check", "--baseline", str(tmp_path / "base.json"), str(good))
    assert code == 2 and "a FIFO" in out


def test_oversize_input_is_refused_before_reading(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from rulecheck.readers import files

    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 2000)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(files.read_regular, "__defaults__", (1000,))
    with pytest.raises(InputError, match="larger than 1000 bytes"):
        readers.read_path(p)


# -- deep nesting --------------------------------------------------------------------

def test_deep_json_in_jsonl_is_one_input_error(tmp_path: Path, good: Path) -> None:
    p = tmp_path / "deep.jsonl"
    p.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    code, out = run("check", str(p), str(good))
    assert code == 2
    assert any("deep.jsonl:1: malformed JSONL line: nested too deeply" in e
               for e in one_line_errors(out))
    assert "good.txt:1:" in out


def test_deep_toml_config(tmp_path: Path, good: Path) -> None:
    (tmp_path / "rulecheck.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000,
                                             encoding="utf-8")
    code, out = run("check", str(good))
    assert code == 2 and "nested too deeply" in out


def test_deep_yaml_pack(tmp_path: Path, good: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "a.yaml").write_text("- " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = run("check", "--rules", str(pack), str(good))
    assert code == 2 and "nested too deeply" in out


def test_deep_baseline(tmp_path: Path, good: Path) -> None:
    b = tmp_path / "b.json"
    b.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = run("check", "--baseline", str(b), str(good))
    assert code == 2 and "nested too deeply" in out


# -- rule packs ----------------------------------------------------------------------

def pack_with(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "a.yaml").write_text(text, encoding="utf-8")
    return pack


@pytest.mark.parametrize("text,expected", [
    ("- id: !foo PR-ZH-901\n", "could not determine a constructor"),
    ("- !!python/object:os.system\n  id: PR-ZH-901\n", "missing required key"),
    ("- id: PR-ZH-901\x07\n", "U+0007 is not allowed"),
    (make_rule("PR-ZH-901", '"abc"').replace("category: advertising", "category: [pricing]"),
     "category ['pricing'] is not one of"),
    (make_rule("AD-ZH-901", "/a{4294967296}/"), "cannot compile"),
    (make_rule("AD-ZH-901", "not " * 5000 + '"abc"'), "nested"),
    (make_rule("AD-ZH-901", "(" * 50_000 + '"abc"' + ")" * 50_000), None),
])
def test_bad_packs_are_one_line_errors(tmp_path: Path, good: Path, text: str,
                                       expected: str | None) -> None:
    code, out = run("check", "--rules", str(pack_with(tmp_path, text)), str(good),
                    "--select", "AD-ZH-901")
    if expected is None:  # parentheses add no depth: the rule is valid
        assert code in (0, 1), out
        return
    assert code == 2, out
    assert expected in out


def test_or_of_400_phrases_compiles_caches_and_matches(tmp_path: Path) -> None:
    words = " or ".join(f'"词语{i}号"' for i in range(400))
    pack = pack_with(tmp_path, make_rule("AD-ZH-901", words))
    target = tmp_path / "t.txt"
    target.write_text("这里有词语399号和词语0号", encoding="utf-8")
    for _ in range(2):  # compiled, then loaded from the cache
        code, out = run("check", "--rules", str(pack), str(target), "--select", "AD-ZH-901",
                        "--format", "json")
        assert code == 1, out
        data = json.loads(out[out.index("{"):])
        assert sorted(f["text"] for f in data["findings"]) == ["词语0号", "词语399号"]


def test_balanced_and_keeps_the_first_matchers_hits(rule_checker) -> None:
    chain = " and ".join(['"甲"', 'not after("乙", 3)', '"丙"', '"丁"', '"戊"'])
    checker = rule_checker(make_rule("AD-ZH-901", chain))
    assert [f.text for f in checker.check_text("甲丙丁戊")] == ["甲"]
    assert checker.check_text("乙甲丙丁戊") == []
    assert checker.check_text("甲丙丁") == []


# -- options, globs, baselines --------------------------------------------------------

@pytest.mark.parametrize("encoding", ["nosuch", "rot13", "hex", "base64", "zlib"])
def test_bad_encoding_is_one_line(good: Path, encoding: str) -> None:
    code, out = run("check", "--encoding", encoding, str(good))
    assert code == 2
    assert any(encoding in e for e in one_line_errors(out)), out


def test_bad_glob_in_per_file_ignores(tmp_path: Path, good: Path) -> None:
    (tmp_path / "rulecheck.toml").write_text('[per-file-ignores]\n"[z-a].txt" = ["AD"]\n',
                                             encoding="utf-8")
    code, out = run("check", str(good))
    assert code == 2
    assert "rulecheck.toml:2: per-file-ignores: bad glob '[z-a].txt'" in out


def test_glob_matching_is_linear() -> None:
    states = compile_glob("*a" * 30 + "b")
    assert not matches(states, "a" * 5000)  # a backtracking regex would never return
    assert matches(compile_glob("**/x/*.srt"), "a/b/x/c.srt")
    assert matches(compile_glob("**/x/*.srt"), "x/c.srt")
    assert not matches(compile_glob("**/x/*.srt"), "ax/c.srt")
    assert not matches(compile_glob("x/*.srt"), "x/d/c.srt")
    assert matches(compile_glob("x/**"), "x/d/c.srt")
    assert matches(compile_glob("[!a]?.txt"), "bc.txt")
    with pytest.raises(GlobError):
        compile_glob("[z-a]")


@pytest.mark.parametrize("count", ["1e400", "-1", "true", '"x"', "[1]", "NaN"])
def test_bad_baseline_counts(tmp_path: Path, good: Path, count: str) -> None:
    b = tmp_path / "b.json"
    b.write_text('{"version": 1, "findings": [{"path": "x", "rule": "A", "text": "t", '
                 f'"context": "c", "count": {count}}}]}}', encoding="utf-8")
    code, out = run("check", "--baseline", str(b), str(good))
    assert code == 2 and "baseline entry 1" in out


# -- audit databases -----------------------------------------------------------------

def test_audit_report_on_corrupt_and_foreign_databases(tmp_path: Path) -> None:
    import sqlite3

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    code, out = run("audit", "report", "--db", str(bad))
    assert code == 2 and len(one_line_errors(out)) == 1
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema', '2')")
    con.commit()
    con.close()
    code, out = run("audit", "report", "--db", str(foreign))
    assert code == 2 and len(one_line_errors(out)) == 1
