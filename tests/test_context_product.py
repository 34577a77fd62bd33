"""Product type from the words, stated vs actual, and Latin evasions, in Chinese and English.

A disease claim is filed by what is sold: food under food_safety, cosmetics under advertising;
a drug named as the product exempts the medical-claim rules. contradicted() rules fire when a
note of the same script denies what the anchor says, and only then. Evasions are noted.
"""

from __future__ import annotations

import pytest

import rulecheck

FLAGGING = frozenset({"warning", "error"})


@pytest.fixture(scope="module")
def checker() -> rulecheck.Checker:
    return rulecheck.Checker()


def _flagged(checker: rulecheck.Checker, text: str) -> list:
    return [f for f in checker.check_text(text) if f.severity in FLAGGING]


@pytest.mark.parametrize(("text", "category", "ptype", "evidence"), [
    ("这款燕窝饮品喝了能治好失眠", "food_safety", "food", "燕窝"),
    ("这款蜂蜜天天喝，能治好慢性咽炎", "food_safety", "food", "蜂蜜"),
    ("这款面霜用了能治好湿疹", "advertising", "cosmetics", "面霜"),
    ("这瓶洗发水能治好脂溢性脱发", "advertising", "cosmetics", "洗发水"),
    ("This tea cures insomnia.", "food_safety", "food", "tea"),
    ("This cream cures eczema.", "advertising", "cosmetics", "cream"),
    ("这款面霜比感冒药还管用，能治好感冒", "advertising", "cosmetics", "面霜"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None)
def test_disease_claim_is_filed_by_product(checker, text, category, ptype, evidence) -> None:
    found = [f for f in _flagged(checker, text) if f.category == category]
    assert found, [(f.rule, f.category) for f in _flagged(checker, text)]
    assert found[0].product is not None
    assert found[0].product["type"] == ptype
    assert found[0].product["evidence"].lower() == evidence
    assert found[0].product["source"] == "words"


@pytest.mark.parametrize("text", [
    "这款感冒药能治感冒，家人们放心买",
    "This cold medicine relieves flu symptoms fast.",
])
def test_a_drug_named_as_the_product_exempts_medical_claim_rules(checker, text) -> None:
    assert not _flagged(checker, text)


def test_given_product_type_wins(checker) -> None:
    found = checker.check_text("这个喝了能治好失眠", product_type="food")
    assert any(f.category == "food_safety" and f.product == {
        "type": "food", "evidence": "food", "source": "given"} for f in found)


@pytest.mark.parametrize(("script", "rule"), [
    ("【口播】原价999，今天只要99\n【备注】实际一直卖99", "PR-ZH-099"),
])
def test_a_note_that_denies_the_spoken_words_contradicts_them(checker, script, rule) -> None:
    assert rule in {f.rule for f in _flagged(checker, script)}
    spoken = script.split("\n")[0]
    assert rule not in {f.rule for f in _flagged(checker, spoken)}, "no note, no contradiction"


@pytest.mark.parametrize(("text", "note"), [
    ("This is the b3st serum in the world.", "evasion: letters spelled with digits or symbols"),
    ("We have the l0west price on the internet.",
     "evasion: letters spelled with digits or symbols"),
    ("This is the b e s t cream in the world.", "evasion: inserted separator"),
    ("这是全网最 好用的面霜", "evasion: inserted separator"),
])
def test_evasions_are_flagged_and_noted(checker, text, note) -> None:
    found = _flagged(checker, text)
    assert any(note in f.notes for f in found), [(f.rule, f.notes) for f in found]
    assert all(text[f.start:f.end] == f.text for f in found)


def test_json_report_and_verbose_name_the_product_type(tmp_path) -> None:
    """The document's product types, with their evidence, in JSON and in -v."""
    import json as _json

    from typer.testing import CliRunner

    from rulecheck.cli import app

    script = tmp_path / "s.txt"
    script.write_text("家人们这款眼霜用完能治好黑眼圈和湿疹\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["check", "--format", "json", str(script)])
    data = _json.loads(out.stdout)
    assert data["documents"][0]["product_types"][0]["type"] == "cosmetics"
    assert data["findings"][0]["product"]["evidence"] == "眼霜"
    verbose = runner.invoke(app, ["check", "-v", str(script)])
    assert "product=cosmetics (眼霜, words)" in verbose.stderr
