"""HTML reports in Chinese or English: how the language is chosen, and no English label
in a Chinese page (check report and audit report)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck import categories
from rulecheck.audit.report import render as render_audit
from rulecheck.audit.store import Store
from rulecheck.cli import app
from rulecheck.model import Document, FileResult
from rulecheck.reports import render
from rulecheck.reports.locale import env_locale, is_chinese, resolve, text_locale
from rulecheck.reports.messages import EN, TABLES, ZH, messages
from tests.test_audit import audit_into
from tests.test_reports import RULES, sample_results

REPO = Path(__file__).resolve().parent.parent
#: Words of the report's own vocabulary that are not English labels.
NOT_LABELS = {"rulecheck"}


def visible_text(page: str) -> str:
    """What a reader sees: no style, script, tags or attribute values."""
    page = page.replace("rule<span>check</span>", "rulecheck")  # the product's name
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<title>.*?</title>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def english_label_words() -> set[str]:
    """Every word of the English message table and the English category labels."""
    words = set()
    for text in [*EN.values(), *(c.en for c in categories.TABLE)]:
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", text))}
    return words - NOT_LABELS


def english_words_in(page: str, source_words: set[str]) -> set[str]:
    """English label words on the page that did not come from the inputs (rule ids such
    as PR-AUDIT-001 are names, not words)."""
    text = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+(?:-[A-Z0-9]+)*\b", " ", visible_text(page))
    seen = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}
    return (seen & english_label_words()) - source_words


def words_of(*texts: str) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{3,}", t)}


# ---------------------------------------------------------------- choosing the locale


def test_tables_have_the_same_keys_and_placeholders():
    assert set(ZH) == set(EN)
    for key in ZH:
        assert set(re.findall(r"\{\w+\}", ZH[key])) == set(re.findall(r"\{\w+\}", EN[key])), key
    assert set(TABLES) == {"zh", "en"}


def test_environment_asks_for_chinese_only():
    assert env_locale({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert env_locale({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}) == "zh"
    assert env_locale({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) is None  # LC_ALL wins
    assert env_locale({"LANG": "en_US.UTF-8"}) is None
    assert env_locale({}) is None


def test_text_decides_otherwise():
    assert is_chinese("这款Dior口红最好用") and not is_chinese("the best lipstick 最")
    assert not is_chinese("12345 !!!")
    assert text_locale(["原价999今天只要99", "best price ever", "最好用的面霜"]) == "zh"
    assert text_locale(["best price ever", "only today", "最好用"]) == "en"
    assert text_locale(["一个", "one"]) == "zh"  # a tie is Chinese
    assert text_locale([], {"AD-EN-001": 5, "AD-ZH-001": 2}) == "en"
    assert text_locale([], {"AD-EN-001": 1, "PR-ZH-003": 1}) == "zh"
    assert text_locale([]) == "zh"


def test_resolve_order():
    en_text = ["guaranteed results, best price"]
    assert resolve("en", ["中文"], environ={"LANG": "zh_CN.UTF-8"}) == "en"
    assert resolve(None, en_text, environ={"LANG": "zh_CN.UTF-8"}) == "zh"
    assert resolve(None, en_text, environ={"LANG": "C.UTF-8"}) == "en"
    with pytest.raises(ValueError, match="zh, en"):
        resolve("fr")


# ---------------------------------------------------------------- the check report


@pytest.fixture
def no_locale_env(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def _source_words(results) -> set[str]:
    """English words that come from the inputs and findings, not from the report."""
    texts = []
    for r in results:
        texts += [r.path, r.error or ""]
        if r.document is not None:
            texts += [r.document.text, r.document.input_format, r.document.encoding or ""]
        for f in r.findings:
            texts += [f.rule, f.text, f.message, f.title, f.law, *f.suggestions, *f.advice]
    return words_of(*texts)


def test_chinese_check_report_has_no_english_label(no_locale_env):
    results = sample_results()
    page = render("html", results, RULES, locale="zh")
    assert english_words_in(page, _source_words(results)) == set()
    # and it does say what the English one says, in Chinese
    text = visible_text(page)
    for label in ("处问题", "各类别问题数", "严重程度", "法律依据", "本报告涉及的规则",
                  "没有问题 — 显示原文", "1 个输入无法读取", "规避写法：插入分隔符", "价格违法"):
        assert label in text, label
    assert '<html lang="zh-CN">' in page


def test_english_check_report_uses_english_labels(no_locale_env):
    results = sample_results()
    page = render("html", results, RULES, locale="en")
    text = visible_text(page)
    for label in ("Findings per category", "Severity", "Law", "Rules in this report",
                  "No findings — show the text", "1 input could not be read",
                  "evasion: inserted separator", "Pricing", "Advertising", "error", "warning"):
        assert label in text, label
    for c in categories.TABLE:  # no Chinese category label in the English page
        assert c.zh not in text
    assert '<html lang="en">' in page


def test_default_follows_the_text_and_the_environment(no_locale_env, monkeypatch):
    doc = Document(text="Guaranteed results, best price in the world, only today!\n",
                   path="script_en.txt")
    english = [FileResult(path=doc.path, document=doc)]
    assert '<html lang="en">' in render("html", english, {})
    assert '<html lang="zh-CN">' in render("html", sample_results(), RULES)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert '<html lang="zh-CN">' in render("html", english, {})


def test_check_locale_option(tmp_path, no_locale_env):
    script = REPO / "corpora" / "demo" / "script.txt"
    out = tmp_path / "r.html"
    r = CliRunner().invoke(app, ["check", str(script), "-f", "html", "--locale", "en",
                                 "-o", str(out)])
    assert r.exit_code == 1, r.output
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Findings per category" in page
    r = CliRunner().invoke(app, ["check", str(script), "-f", "html", "-o", str(out)])
    assert '<html lang="zh-CN">' in out.read_text(encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(script), "-f", "html", "--locale", "fr"])
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == \
        ["rulecheck: error: --locale must be one of zh, en, not 'fr'"]


# ---------------------------------------------------------------- the audit report


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("audit") / "a.sqlite"
    samples = REPO / "corpora" / "samples"
    audit_into(db, [str(samples / "stream.srt"), str(samples / "asr.jsonl"),
                    str(REPO / "corpora" / "demo" / "script.txt")])
    return db


def _audit_page(db: Path, locale: str | None) -> tuple[str, set[str]]:
    store = Store(str(db))
    try:
        page = render_audit("html", store, 100, locale)
        source = [r[0] for r in store.query(
            "SELECT rule || ' ' || title || ' ' || text || ' ' || COALESCE(context, '') || "
            "' ' || path || ' ' || law FROM findings")]
        source += [r[0] for r in store.query("SELECT path FROM documents")]
    finally:
        store.close()
    return page, words_of(*source)


def test_chinese_audit_report_has_no_english_label(audit_db, no_locale_env):
    page, source = _audit_page(audit_db, "zh")
    assert english_words_in(page, source) == set()
    text = visible_text(page)
    for label in ("按类别", "按规则", "主播风险分", "跨场次模式", "各统计项的问题", "份文档"):
        assert label in text, label
    # categories by their labels, rules with their titles
    assert "价格违法" in text and not re.search(r"\bpricing\b", text)


def test_english_audit_report(audit_db, no_locale_env):
    page, _ = _audit_page(audit_db, "en")
    text = visible_text(page)
    for label in ("By category", "By rule", "Risk score by anchor", "Pricing"):
        assert label in text, label


def test_audit_report_locale_option(audit_db, tmp_path, no_locale_env):
    out = tmp_path / "a.html"
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(audit_db), "-f", "html",
                                 "--locale", "en", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(audit_db), "--locale", "de"])
    assert r.exit_code == 2 and "--locale must be one of zh, en" in r.output


def test_messages_pick_singular_and_translate_notes():
    en, zh = messages("en"), messages("zh")
    assert en.count("count", 1) == "1 finding" and en.count("count", 2) == "2 findings"
    assert zh.count("count", 1) == "1 处问题"
    assert zh.note("evasion: pinyin") == "规避写法：拼音"
    assert zh.note("something else") == "something else"
    assert zh.severity("error") == "错误" and en.category("food_safety") == "Food safety"
