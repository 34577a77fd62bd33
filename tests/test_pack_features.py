"""Pack-level defaults, named conditions, and the rule life cycle (status, aliases)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rulecheck.engine.checker import Checker
from rulecheck.errors import RuleError
from rulecheck.rulebook.compiler import load_rulebook
from tests.conftest import make_rule
from tests.test_cli import invoke


def _book(tmp_path: Path, text: str):
    (tmp_path / "p.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_rulebook([tmp_path], bundled=False, use_cache=False)


def test_defaults_fill_what_a_rule_leaves_out(tmp_path: Path) -> None:
    book = _book(tmp_path, """\
        - defaults: {category: pricing, lang: zh, severity: warning, law: 《价格法》第十四条}
        - id: PR-ZH-971
          family: f
          title: t
          message: m
          match: '"全网最低"'
          examples: {bad: ["[[全网最低]]"], good: ["最低"]}
        - id: PR-ZH-972
          family: f
          title: t
          severity: error
          law: 另一条
          message: m
          match: '"跳楼价"'
          examples: {bad: ["[[跳楼价]]"], good: ["价"]}
        """)
    first, second = book.rules["PR-ZH-971"].rule, book.rules["PR-ZH-972"].rule
    assert (first.category, first.lang, first.severity, first.law) == \
        ("pricing", "zh", "warning", "《价格法》第十四条")
    assert (second.severity, second.law) == ("error", "另一条"), "a rule's own keys win"


def test_a_defaults_item_takes_only_rule_keys(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"p.yaml:1:\d+: 'match' cannot be a pack default"):
        _book(tmp_path, '- defaults: {match: "x"}\n')


def test_a_named_condition_is_written_once(tmp_path: Path) -> None:
    book = _book(tmp_path, make_rule("AD-ZH-973", '"最便宜"', extra="unless: $own_shop\n")
                 + '- define: own_shop\n  match: after("我们家", 4)\n')
    checker = Checker(rulebook=book)
    assert [f.rule for f in checker.check_text("这是全网最便宜的", lang="zh")] == ["AD-ZH-973"]
    assert checker.check_text("我们家这款最便宜", lang="zh") == []


def _life_cycle_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "life"
    pack.mkdir()
    (pack / "r.yaml").write_text(
        make_rule("AD-ZH-974", '"顶级"', extra="aliases: [AD-ZH-904]\n")
        + make_rule("AD-ZH-975", '"第一"', extra="status: preview\n"), encoding="utf-8")
    return pack


def test_preview_rules_run_only_when_asked(tmp_path: Path) -> None:
    pack = str(_life_cycle_pack(tmp_path))
    text = "顶级货，销量第一\n"
    plain = invoke("check", "-", "--rules", pack, "--select", "AD-ZH", "--format", "json",
                   stdin=text)
    assert '"AD-ZH-975"' not in plain.stdout and '"AD-ZH-974"' in plain.stdout
    asked = invoke("check", "-", "--rules", pack, "--select", "AD-ZH", "--preview",
                   "--format", "json", stdin=text)
    assert '"AD-ZH-975"' in asked.stdout
    by_id = invoke("check", "-", "--rules", pack, "--select", "AD-ZH-975", "--format", "json",
                   stdin=text)
    assert '"AD-ZH-975"' in by_id.stdout, "naming a preview rule selects it"


def test_a_former_id_still_selects_ignores_and_suppresses(tmp_path: Path) -> None:
    pack = str(_life_cycle_pack(tmp_path))
    chosen = invoke("check", "-", "--rules", pack, "--select", "AD-ZH-904", "--format", "json",
                    stdin="顶级货\n")
    assert chosen.exit_code == 1 and '"AD-ZH-974"' in chosen.stdout
    ignored = invoke("check", "-", "--rules", pack, "--select", "AD-ZH-974",
                     "--ignore", "AD-ZH-904", stdin="顶级货\n")
    assert ignored.exit_code == 0
    hushed = invoke("check", "-", "--rules", pack, "--select", "AD-ZH-974",
                    stdin="顶级货  # rulecheck: ignore[AD-ZH-904]\n")
    assert hushed.exit_code == 0
