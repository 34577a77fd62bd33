"""`rulecheck check` behaves like `ruff check` in CI: unknown codes and empty runs are
errors, exclusions and .gitignore apply to walks, each problem is one line, the help
names what to type, and the usual switches (--exit-zero, --output-format, -V) exist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck import readers
from rulecheck.cli import app
from rulecheck.engine.selection import closest_code, valid_codes
from rulecheck.errors import InputError
from tests.conftest import make_rule
from tests.test_cli import TEST_IDS, invoke, rules_of, write_pack

BASE = ("--rules", "pack", "--select", TEST_IDS, "--output-format", "json")
BAD = "顶级好货。\n"


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def paths_of(stdout: str) -> list[str]:
    return sorted({Path(f["path"]).as_posix() for f in json.loads(stdout)["findings"]})


def error_lines(stderr: str) -> list[str]:
    return stderr.strip().splitlines()


# -- unknown rule codes -----------------------------------------------------------------

@pytest.mark.parametrize(("option", "code", "hint"), [
    ("--select", "advertsing", "did you mean 'advertising'?"),
    ("--extend-select", "Pricing", "did you mean 'pricing'?"),
    ("--ignore", "AD-ZH-9O1", "did you mean 'AD-ZH-901'?"),
    ("--select", "XX-ZH-777", None),
])
def test_unknown_code_on_the_command_line_is_one_line_and_exit_two(
        proj: Path, option: str, code: str, hint: str | None):
    (proj / "a.txt").write_text(BAD, encoding="utf-8")
    out = invoke("check", "a.txt", "--rules", "pack", option, f"AD-ZH-901,{code}")
    assert out.exit_code == 2 and out.stdout == ""
    (line,) = error_lines(out.stderr)
    assert line.startswith(f"rulecheck: error: {option}: {code!r} is not a rule id")
    assert (hint in line) if hint else "did you mean" not in line


@pytest.mark.parametrize(("body", "line", "message"), [
    ('rules = ["pack"]\nselect = ["AD-ZH-901"]\nignore = ["advertsing"]\n', 3,
     "ignore: 'advertsing' is not a rule id, id prefix or category; "
     "did you mean 'advertising'?"),
    ('rules = ["pack"]\nselect = ["AD-ZH-99"]\n', 2, "select: 'AD-ZH-99'"),
    ('rules = ["pack"]\nextend-select = ["PR-ZH-9044"]\n', 2, "extend-select: 'PR-ZH-9044'"),
    ('rules = ["pack"]\n[severity]\n"AD-ZH-9001" = "info"\n', 3, "severity: 'AD-ZH-9001'"),
    ('rules = ["pack"]\n[per-file-ignores]\n"*.txt" = ["XX"]\n', 3, "per-file-ignores: 'XX'"),
])
def test_unknown_code_in_the_config_file_points_at_its_line(proj: Path, body: str, line: int,
                                                            message: str):
    (proj / "rulecheck.toml").write_text(body, encoding="utf-8")
    (proj / "a.txt").write_text(BAD, encoding="utf-8")
    out = invoke("check", "a.txt")
    assert out.exit_code == 2 and out.stdout == ""
    (err,) = error_lines(out.stderr)
    assert f"rulecheck.toml:{line}: {message}" in err


def test_valid_codes_still_pass(proj: Path):
    """Categories, prefixes (any case, with or without a trailing dash) and ALL."""
    (proj / "a.txt").write_text(BAD, encoding="utf-8")
    for codes in ("advertising", "AD", "ad-zh", "AD-ZH-", "ALL", "all", "food_safety"):
        out = invoke("check", "a.txt", "--rules", "pack", "--select", codes,
                     "--ignore", "AD-ZH-903")
        assert out.exit_code in (0, 1), (codes, out.stderr)


def test_other_commands_refuse_unknown_codes(proj: Path):
    out = invoke("watch", "-", "--select", "advertsing", stdin="好\n")
    assert out.exit_code == 2 and "did you mean 'advertising'?" in out.stderr
    out = invoke("rules", "test", "--rules", "pack", "--select", "AD-ZH-9011")
    assert out.exit_code == 2 and "'AD-ZH-9011' is not a rule id" in out.stderr
    out = invoke("fix", "-", "--ignore", "pricingg", stdin="好\n")
    assert out.exit_code == 2 and "did you mean 'pricing'?" in out.stderr


def test_valid_codes_and_hint_library():
    codes = valid_codes(["AD-ZH-001", "PR-EN-012"])
    assert {"AD", "AD-ZH", "AD-ZH-001", "PR", "PR-EN", "ALL", "pricing"} <= codes
    assert closest_code("ad-zh-001", codes) == "AD-ZH-001"
    assert closest_code("AD-ZH-01", codes) == "AD-ZH-001"
    assert closest_code("qqqqq", codes) is None


# -- nothing to check -------------------------------------------------------------------

@pytest.mark.parametrize("setup", ["empty", "only_doc", "all_ignored"])
def test_nothing_to_check_is_an_error(proj: Path, setup: str):
    d = proj / "in"
    d.mkdir()
    if setup == "only_doc":
        (d / "script.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00")
    elif setup == "all_ignored":
        (proj / ".git").mkdir()
        (proj / ".gitignore").write_text("in/\n", encoding="utf-8")
        (d / "a.txt").write_text(BAD, encoding="utf-8")
    out = invoke("check", "in", *BASE)
    assert out.exit_code == 2 and out.stdout == ""
    (line,) = error_lines(out.stderr)
    assert line.startswith("rulecheck: error: no files to check in in (none ends in .txt")


def test_glob_matching_nothing_is_an_error_and_a_glob_is_expanded(proj: Path):
    out = invoke("check", "live/*.srt", *BASE)
    assert out.exit_code == 2
    assert error_lines(out.stderr) == [
        "rulecheck: error: live/*.srt: no file or directory matches this pattern"]
    (proj / "live").mkdir()
    (proj / "live" / "a.txt").write_text(BAD, encoding="utf-8")
    (proj / "live" / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    out = invoke("check", "live/*", *BASE)
    assert out.exit_code == 1, out.stderr
    assert paths_of(out.stdout) == ["live/a.txt"]


# -- exclude, extend-exclude, .gitignore, force-exclude -------------------------------

@pytest.fixture
def tree(proj: Path) -> Path:
    """A repository holding scripts next to a build output, an archive and a stray file."""
    (proj / ".git").mkdir()
    (proj / ".gitignore").write_text("build/\n*.tmp.txt\n!keep.tmp.txt\n", encoding="utf-8")
    for rel in ("scripts/a.txt", "scripts/archive/old.txt", "build/out.txt", "x.tmp.txt",
                "keep.tmp.txt", "node_modules/pkg/README.md", "scripts/draft.md"):
        p = proj / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(BAD, encoding="utf-8")
    return proj


def test_gitignore_and_default_excludes_apply_to_a_walk(tree: Path):
    out = invoke("check", ".", *BASE)
    assert paths_of(out.stdout) == ["keep.tmp.txt", "scripts/a.txt", "scripts/archive/old.txt",
                                    "scripts/draft.md"]
    out = invoke("check", ".", *BASE, "--no-respect-gitignore")
    assert "build/out.txt" in paths_of(out.stdout) and "x.tmp.txt" in paths_of(out.stdout)


def test_exclude_and_extend_exclude_options(tree: Path):
    out = invoke("check", ".", *BASE, "--extend-exclude", "archive,*.md")
    assert paths_of(out.stdout) == ["keep.tmp.txt", "scripts/a.txt"]
    # --exclude replaces the default list, so node_modules is walked again
    out = invoke("check", ".", *BASE, "--exclude", "scripts/archive/")
    assert paths_of(out.stdout) == ["keep.tmp.txt", "node_modules/pkg/README.md",
                                    "scripts/a.txt", "scripts/draft.md"]


def test_exclude_settings_in_the_config_file(tree: Path):
    (tree / "rulecheck.toml").write_text(
        f'rules = ["pack"]\nselect = {json.dumps(TEST_IDS.split(","))}\n'
        'extend-exclude = ["scripts/archive/**", "draft.md"]\nrespect-gitignore = false\n',
        encoding="utf-8")
    out = invoke("check", ".", "--output-format", "json")
    assert paths_of(out.stdout) == ["build/out.txt", "keep.tmp.txt", "scripts/a.txt",
                                    "x.tmp.txt"]
    out = invoke("config")
    assert 'extend-exclude = ["scripts/archive/**", "draft.md"]' in out.stdout
    assert "respect-gitignore = false" in out.stdout
    (tree / "rulecheck.toml").write_text('extend-exclude = "x"\n', encoding="utf-8")
    out = invoke("check", ".")
    assert out.exit_code == 2
    assert "rulecheck.toml:1: extend-exclude must be a list of strings" in out.stderr


def test_files_named_explicitly_are_checked_unless_force_exclude(tree: Path):
    named = ("build/out.txt", "scripts/archive/old.txt")
    out = invoke("check", *named, *BASE, "--extend-exclude", "archive")
    assert paths_of(out.stdout) == ["build/out.txt", "scripts/archive/old.txt"]
    out = invoke("check", *named, "scripts/a.txt", *BASE, "--extend-exclude", "archive",
                 "--force-exclude")
    assert paths_of(out.stdout) == ["build/out.txt", "scripts/a.txt"]
    # pre-commit passing only excluded files: nothing to do, not an error
    out = invoke("check", "scripts/archive/old.txt", *BASE, "--extend-exclude", "archive",
                 "--force-exclude")
    assert out.exit_code == 0, out.stderr


# -- one line per problem -----------------------------------------------------------

def test_unreadable_input_is_reported_once(proj: Path):
    (proj / "bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    (proj / "good.txt").write_text(BAD, encoding="utf-8")
    out = invoke("check", "bad.txt", "good.txt", "--rules", "pack", "--select", TEST_IDS)
    assert out.exit_code == 2
    assert (out.stdout + out.stderr).count("bad.txt") == 1
    (line,) = error_lines(out.stderr)
    assert line.startswith("rulecheck: error: bad.txt: binary or undecodable content")
    assert "good.txt:1:1" in out.stdout


def test_rule_pack_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "p.yaml").write_text(make_rule("AD-ZH-900", '("a"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = invoke("check", "-", "--rules", "broken", stdin="好\n")
    assert out.exit_code == 2
    (line,) = error_lines(out.stderr)
    assert line.startswith(f"rulecheck: error: {pack / 'p.yaml'}:9:")
    assert "match: unexpected end of expression" in line


def test_old_binary_formats_say_they_are_not_supported(proj: Path):
    (proj / "script.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00")
    out = invoke("check", "script.doc")
    assert out.exit_code == 2
    assert error_lines(out.stderr) == [
        "rulecheck: error: script.doc: Word 97-2003 (.doc) is not a supported input format "
        "(supported: txt, md, srt, vtt, jsonl, csv, docx, xlsx, pdf, pptx)"]
    (proj / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0rest")
    with pytest.raises(InputError, match=r"sheet\.xls: Excel 97-2003 \(\.xls\) is not a supported"):
        readers.read_path(proj / "sheet.xls")
    # told to read it as text, it is read as text
    (proj / "script.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n")
    assert readers.read_path(proj / "script.pdf", input_format="txt").text.startswith("%PDF")


def test_a_damaged_pdf_is_one_line_and_the_other_files_are_checked(proj: Path):
    pytest.importorskip("pypdf")
    (proj / "script.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n")
    (proj / "a.txt").write_text(BAD, encoding="utf-8")
    out = invoke("check", "script.pdf", "a.txt", *BASE)
    assert out.exit_code == 2
    assert len(error_lines(out.stderr)) == 1, out.stderr
    (line,) = error_lines(out.stderr)
    assert line.startswith("rulecheck: error: script.pdf: not a readable .pdf file (")
    assert paths_of(out.stdout) == ["a.txt"]


# -- help, switches and completion ----------------------------------------------------

def test_help_names_placeholders_and_choices():
    out = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    assert out.exit_code == 0
    for python_type in ("<bool>", "<str>", "<list[str]>", "<list[Path]>", "<path>", "<int"):
        assert python_type not in out.stdout
    assert "--output-format,--format" in out.stdout
    assert "text, json, jsonl, sarif, html, csv, junit, github" in out.stdout
    for placeholder in ("PATH...", "CODES", "GLOBS", "FILE", "N [x>=1]"):
        assert placeholder in out.stdout
    top = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "--install-completion" in top.stdout and "--show-completion" in top.stdout
    assert "rulecheck[server]" in top.stdout


def test_version_short_and_long():
    for flag in ("-V", "--version"):
        out = invoke(flag)
        assert out.exit_code == 0 and out.stdout.startswith("rulecheck ")


def test_completion_of_output_formats():
    out = CliRunner().invoke(app, [], prog_name="rulecheck", env={
        "_RULECHECK_COMPLETE": "complete_bash", "COMP_WORDS": "rulecheck check --output-format j",
        "COMP_CWORD": "3"})
    assert out.stdout.split() == ["json", "jsonl", "junit"]


def test_output_format_alias_exit_zero_and_statistics_under_quiet(proj: Path):
    (proj / "a.txt").write_text("顶级，顶级，秒杀全网。\n", encoding="utf-8")
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS,
                 "--output-format", "json")
    assert out.exit_code == 1 and sorted(rules_of(out.stdout)) == [
        "AD-ZH-901", "AD-ZH-901", "AD-ZH-902"]
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS, "--exit-zero")
    assert out.exit_code == 0 and "AD-ZH-901" in out.stdout
    out = invoke("check", "a.txt", "missing.txt", "--rules", "pack", "--select", TEST_IDS,
                 "--exit-zero")
    assert out.exit_code == 2, "errors still exit 2"
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS, "--diff",
                 "--exit-zero")
    assert out.exit_code == 0 and "+优质" in out.stdout
    out = invoke("check", "a.txt", "--rules", "pack", "--select", TEST_IDS, "-q",
                 "--statistics")
    assert out.exit_code == 1 and out.stderr == ""
    counts = [line.split()[:2] for line in out.stdout.splitlines()]
    assert counts == [["2", "AD-ZH-901"], ["1", "AD-ZH-902"]]


# -- watch --follow ---------------------------------------------------------------------

def test_watch_follows_until_interrupted_by_default(proj: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    seen: dict = {}

    def fake_watch(*args, **kwargs):
        seen.update(kwargs)

    monkeypatch.setattr("rulecheck.watch.watch", fake_watch)
    (proj / "live.jsonl").write_text("", encoding="utf-8")
    assert invoke("watch", "--follow", "live.jsonl").exit_code == 0
    assert seen["idle_timeout"] is None and seen["follow_path"] == "live.jsonl"
    assert invoke("watch", "-F", "live.jsonl", "--idle-timeout", "600").exit_code == 0
    assert seen["idle_timeout"] == 600.0
    out = invoke("watch", "-F", "live.jsonl", "--idle-timeout", "0")
    assert out.exit_code == 2 and "--idle-timeout must be" in out.stderr
