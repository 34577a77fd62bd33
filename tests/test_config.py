"""Configuration: discovery by walking up, pyproject sections, CLI overrides, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rulecheck.config import ConfigFinder, find_config, glob_match, load_config
from rulecheck.errors import ConfigError
from tests.test_cli import TEST_IDS, invoke, rules_of, write_pack


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_store: Path) -> Path:
    write_pack(tmp_path, pack_store)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _toml(select: str = TEST_IDS, extra: str = "") -> str:
    codes = ", ".join(f'"{c}"' for c in select.split(","))
    return f'rules = ["pack"]\nselect = [{codes}]\n{extra}'


def test_walk_up_finds_nearest_config(proj: Path):
    (proj / "rulecheck.toml").write_text(_toml(), encoding="utf-8")
    deep = proj / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "s.txt").write_text("顶级，秒杀全网。\n", encoding="utf-8")
    assert find_config(deep / "s.txt") == proj / "rulecheck.toml"
    out = invoke("check", str(deep / "s.txt"), "--format", "json")
    assert sorted(rules_of(out.stdout)) == ["AD-ZH-901", "AD-ZH-902"]
    # a nearer config wins for the files below it
    (proj / "a" / "rulecheck.toml").write_text(
        'rules = ["../pack"]\nselect = ["AD-ZH-902"]\n', encoding="utf-8")
    out = invoke("check", str(deep / "s.txt"), "--format", "json")
    assert rules_of(out.stdout) == ["AD-ZH-902"]


def test_pyproject_section(proj: Path):
    (proj / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rulecheck]\n' + _toml(extra='fail-on = "error"\n'),
        encoding="utf-8")
    (proj / "s.txt").write_text("全网最低。\n", encoding="utf-8")
    out = invoke("check", "s.txt", "--format", "json")
    assert rules_of(out.stdout) == ["PR-ZH-904"]
    assert out.exit_code == 0, "fail-on = error from the config: a warning does not fail"


def test_pyproject_without_section_is_skipped(proj: Path):
    (proj / "rulecheck.toml").write_text(_toml("AD-ZH-901"), encoding="utf-8")
    sub = proj / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(sub) == proj / "rulecheck.toml"


def test_cli_overrides_config(proj: Path):
    (proj / "rulecheck.toml").write_text(
        _toml(extra='ignore = ["AD-ZH-902"]\nfail-on = "error"\n'), encoding="utf-8")
    (proj / "s.txt").write_text("顶级，秒杀全网，全网最低。\n", encoding="utf-8")
    out = invoke("check", "s.txt", "--format", "json")
    assert sorted(rules_of(out.stdout)) == ["AD-ZH-901", "PR-ZH-904"]
    out = invoke("check", "s.txt", "--format", "json", "--select", "PR-ZH-904")
    assert rules_of(out.stdout) == ["PR-ZH-904"] and out.exit_code == 0
    out = invoke("check", "s.txt", "--format", "json", "--select", "PR-ZH-904",
                 "--fail-on", "warning")
    assert out.exit_code == 1
    # a later layer re-enables what the config ignored
    out = invoke("check", "s.txt", "--format", "json", "--extend-select", "AD-ZH-902")
    assert "AD-ZH-902" in rules_of(out.stdout)
    out = invoke("check", "s.txt", "--format", "json", "--isolated", "--rules", "pack",
                 "--select", "AD-ZH-902")
    assert rules_of(out.stdout) == ["AD-ZH-902"]


def test_stdin_uses_config_of_working_directory(proj: Path):
    (proj / "rulecheck.toml").write_text(_toml("AD-ZH-902"), encoding="utf-8")
    out = invoke("check", "-", "--format", "json", stdin="顶级，秒杀全网。\n")
    assert rules_of(out.stdout) == ["AD-ZH-902"]


def test_severity_override(proj: Path):
    (proj / "rulecheck.toml").write_text(
        _toml(extra='[severity]\n"AD-ZH-901" = "info"\npricing = "error"\n'), encoding="utf-8")
    out = invoke("check", "-", "--format", "json", stdin="顶级，全网最低。\n")
    sev = {f["rule"]: f["severity"] for f in json.loads(out.stdout)["findings"]}
    assert sev == {"AD-ZH-901": "info", "PR-ZH-904": "error"}


def test_per_file_ignores(proj: Path):
    (proj / "rulecheck.toml").write_text(
        _toml(extra='[per-file-ignores]\n"live/*.srt" = ["AD-ZH-901"]\n'
                    '"*.md" = ["advertising"]\n'), encoding="utf-8")
    (proj / "live").mkdir()
    srt = "1\n00:00:01,000 --> 00:00:02,000\n顶级，秒杀全网\n"
    (proj / "live" / "a.srt").write_text(srt, encoding="utf-8")
    (proj / "b.srt").write_text(srt, encoding="utf-8")
    (proj / "docs").mkdir()
    (proj / "docs" / "c.md").write_text("顶级，全网最低\n", encoding="utf-8")
    out = invoke("check", "live", "b.srt", "docs", "--format", "json")
    got = sorted((Path(f["path"]).name, f["rule"]) for f in json.loads(out.stdout)["findings"])
    assert got == [("a.srt", "AD-ZH-902"), ("b.srt", "AD-ZH-901"), ("b.srt", "AD-ZH-902"),
                   ("c.md", "PR-ZH-904")]


def test_allowlist_drops_findings_inside_brand_names(proj: Path):
    (proj / "rulecheck.toml").write_text(
        _toml(extra='allowlist = ["第一坊", "顶级厨房"]\n'), encoding="utf-8")
    text = "欢迎来到第一坊直播间，顶级厨房出品。我们是第一！也是顶级的。\n"
    out = invoke("check", "-", "--format", "json", stdin=text)
    found = [(f["rule"], f["start"]) for f in json.loads(out.stdout)["findings"]]
    assert found == [("AD-ZH-903", text.index("第一！")), ("AD-ZH-901", text.index("顶级的"))]


def test_config_show(proj: Path):
    (proj / "rulecheck.toml").write_text(
        _toml(extra='allowlist = ["最生活"]\n[per-file-ignores]\n"*.srt" = ["AD"]\n'),
        encoding="utf-8")
    (proj / "x.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n好\n", encoding="utf-8")
    out = invoke("config", "--show", "x.srt")
    assert out.exit_code == 0
    assert f"# from {proj / 'rulecheck.toml'}" in out.stdout
    assert 'allowlist = ["最生活"]' in out.stdout
    assert '# per-file-ignores for this file: ["AD"]' in out.stdout
    assert "# 4 of" in out.stdout


@pytest.mark.parametrize(("body", "line", "message"), [
    ('select = ["AD"\n', 1, "Unclosed array"),
    ('select = ["AD"]\ncolour = "red"\n', 2, "unknown key 'colour'"),
    ('select = ["AD"]\nfail_on = "error"\n', 2, "did you mean 'fail-on'"),
    ('\nselect = "AD"\n', 2, "select must be a list of strings, not a string"),
    ('fail-on = "fatal"\n', 1, "fail-on must be one of"),
    ('product-type = "car"\n', 1, "product-type must be one of"),
    ('[severity]\n"AD-ZH-001" = "critical"\n', 2, "severity of 'AD-ZH-001'"),
    ('lang = "fr"\n', 1, "lang must be one of"),
    ('rules = ["nowhere"]\n', 1, "rules: no such directory 'nowhere'"),
    ('[per-file-ignores]\n"*.srt" = "AD"\n', 2, "*.srt must be a list of strings"),
])
def test_bad_config_is_one_line_and_exit_two(proj: Path, body: str, line: int, message: str):
    cfg = proj / "rulecheck.toml"
    cfg.write_text(body, encoding="utf-8")
    out = invoke("check", "-", stdin="好\n")
    assert out.exit_code == 2
    (err,) = out.stderr.strip().splitlines()
    assert f"{cfg}:{line}: " in err and message in err
    with pytest.raises(ConfigError):
        load_config(cfg)


def test_bad_pyproject_section_points_at_line(proj: Path):
    cfg = proj / "pyproject.toml"
    cfg.write_text('[project]\nname = "x"\n\n[tool.rulecheck]\nselect = ["AD"]\nbogus = 1\n',
                   encoding="utf-8")
    out = invoke("check", "-", stdin="好\n")
    assert out.exit_code == 2
    assert f"{cfg}:6: unknown key 'bogus'" in out.stderr


def test_explicit_config_option(proj: Path, tmp_path: Path):
    other = tmp_path / "elsewhere.toml"
    other.write_text('rules = ["pack"]\nselect = ["PR-ZH-904"]\n', encoding="utf-8")
    (proj / "rulecheck.toml").write_text(_toml(), encoding="utf-8")
    out = invoke("check", "-", "--format", "json", "--config", str(other),
                 stdin="顶级，全网最低。\n")
    assert rules_of(out.stdout) == ["PR-ZH-904"]
    assert invoke("check", "-", "--config", "nope.toml", stdin="x").exit_code == 2


def test_finder_caches_per_directory(proj: Path):
    (proj / "rulecheck.toml").write_text(_toml(), encoding="utf-8")
    finder = ConfigFinder()
    a = finder.for_path(str(proj / "x.txt"))
    b = finder.for_path(str(proj / "y.txt"))
    assert a is b and a.source == proj / "rulecheck.toml"
    assert a.rules == [(proj / "pack").resolve()]  # the pack is a link (write_pack)


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("*.srt", "live/a.srt", True),
    ("live/*.srt", "live/a.srt", True),
    ("live/*.srt", "live/x/a.srt", False),
    ("live/**/*.srt", "live/x/y/a.srt", True),
    ("**/*.md", "a.md", True),
    ("docs/", "docs/x/a.md", True),
    ("a?.txt", "ab.txt", True),
    ("a[0-9].txt", "a5.txt", True),
])
def test_glob_match(pattern: str, path: str, hit: bool):
    assert glob_match(pattern, path) is hit
