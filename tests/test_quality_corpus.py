"""The labelled corpus is well formed, and the quality benchmark computes sound metrics.

The rulebook's scores are not asserted here (they move as rules improve and are
reported in benchmarks/RESULTS.md); only the corpus contract and the arithmetic are.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "labelled"
TAXONOMY = Path("/work/shared/legal/taxonomy.md")

KINDS = {"violation", "hard_negative", "clean"}
MIN_LINES = {"zh": 420, "en": 160}

#: Second-level families of taxonomy §1.5, by category.
FAMILIES: dict[str, set[str]] = {
    "advertising": {
        "absolute_terms", "medical_claims_non_drug", "efficacy_guarantee", "endorser",
        "state_authority", "superstition", "unsourced_data", "patent_claim",
        "health_food_ad", "ad_disclosure",
    },
    "unfair_competition": {
        "false_honour", "false_endorsement", "fake_persona", "false_history_origin_talk",
        "disparagement", "confusion", "prize_promotion", "income_promise",
    },
    "ecommerce": {
        "fake_transactions", "incentivised_reviews", "review_suppression",
        "fake_traffic_data", "false_stock_presale", "off_platform", "operator_disclosure",
        "ai_host_disclosure", "default_bundling",
    },
    "consumer_rights": {
        "return_refusal", "unfair_terms", "complaint_blocking", "after_sales_promise",
        "information_right", "forced_purchase", "personal_data", "minors",
    },
    "product_quality": {
        "three_noes", "counterfeit_ip", "coded_brand", "composition_claim", "false_origin",
        "false_certification", "unsafe_expired", "seconds_as_new",
    },
    "food_safety": {
        "disease_claim", "health_function_claim", "health_food_ad", "unlicensed",
        "label_expiry", "adulteration_drugs", "nutrition_claim", "infant_food",
    },
    "pricing": {
        "reference_price", "discount_base", "lowest_price", "fake_urgency", "fake_scarcity",
        "hidden_conditions", "bait_settlement", "gift_value", "price_rise_rumour",
        "government_price",
    },
}
PRECEDENCE = ("pricing", "food_safety", "advertising", "ecommerce", "consumer_rights",
              "product_quality", "unfair_competition")


def _load_quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality", REPO / "benchmarks" / "quality.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


quality = _load_quality()


def _records(lang: str) -> list[dict]:
    return [json.loads(line) for line in
            (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the corpus ----------------------------------------------------------------------

def test_family_table_matches_taxonomy() -> None:
    """Guard against the hard-coded family table drifting from taxonomy §1.5."""
    if not TAXONOMY.exists():
        pytest.skip("shared taxonomy not available")
    text = TAXONOMY.read_text(encoding="utf-8")
    section = text.split("### 1.5", 1)[1].split("\n## ", 1)[0]
    for category, families in FAMILIES.items():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{category}`"))
        assert set(re.findall(r"`(\w+)`", row)[1:]) == families, category


def test_categories_agree_with_engine_model() -> None:
    assert set(quality.categories()) == set(FAMILIES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_records_follow_schema(lang: str) -> None:
    records = _records(lang)
    assert len(records) >= MIN_LINES[lang]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "ids must be unique"
    texts = Counter(r["text"] for r in records)
    assert not [t for t, n in texts.items() if n > 1], "duplicate texts"
    for r in records:
        assert set(r) <= {"id", "text", "lang", "kind", "categories", "family"}, r["id"]
        assert re.fullmatch(rf"{lang}-\d{{4}}", r["id"]), r["id"]
        assert r["lang"] == lang
        assert isinstance(r["text"], str) and r["text"].strip() == r["text"] and r["text"]
        assert r["kind"] in KINDS, r["id"]
        cats = r["categories"]
        assert isinstance(cats, list) and len(cats) == len(set(cats)), r["id"]
        assert all(c in FAMILIES for c in cats), r["id"]
        if r["kind"] == "violation":
            assert cats, f"{r['id']}: a violation needs at least one category"
        else:
            assert cats == [] and "family" not in r, r["id"]
        if "family" in r:
            assert r["family"] in FAMILIES[cats[0]], f"{r['id']}: family of the primary category"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_primary_category_follows_precedence(lang: str) -> None:
    """Taxonomy §1.4: with several categories, the most specific one is the primary."""
    for r in _records(lang):
        cats = r["categories"]
        if cats:
            assert cats[0] == min(cats, key=PRECEDENCE.index), r["id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kind_mix_is_roughly_as_designed(lang: str) -> None:
    kinds = Counter(r["kind"] for r in _records(lang))
    total = sum(kinds.values())
    assert 0.50 <= kinds["violation"] / total <= 0.60
    assert 0.20 <= kinds["hard_negative"] / total <= 0.30
    assert 0.15 <= kinds["clean"] / total <= 0.25


def test_every_family_has_three_chinese_violations() -> None:
    seen = Counter((r["categories"][0], r.get("family")) for r in _records("zh")
                   if r["kind"] == "violation")
    short = [f"{c}.{f}" for c, fams in FAMILIES.items() for f in sorted(fams) if seen[(c, f)] < 3]
    assert not short, f"families with fewer than 3 Chinese violation lines: {short}"


def test_every_category_has_english_violations() -> None:
    seen = Counter(r["categories"][0] for r in _records("en") if r["kind"] == "violation")
    assert all(seen[c] >= 5 for c in FAMILIES), seen


# --- the metrics -----------------------------------------------------------------------

@dataclass
class _Hit:
    rule: str
    category: str
    severity: str
    text: str


class _KeywordChecker:
    """A fake checker: each keyword present yields one finding of a fixed kind."""

    def __init__(self, table: dict[str, tuple[str, str]]) -> None:
        self.table = table

    def check_text(self, text: str, lang: str = "auto", product_type: str | None = None,
                   path: str = "-") -> list[_Hit]:
        return [_Hit(f"T-{word}", cat, sev, word)
                for word, (cat, sev) in self.table.items() if word in text]


TINY = [
    {"id": "t-1", "text": "全网最低价", "kind": "violation", "categories": ["pricing"]},
    {"id": "t-2", "text": "最好用的面霜", "kind": "violation",
     "categories": ["advertising"]},
    {"id": "t-3", "text": "加微信下单", "kind": "violation", "categories": ["ecommerce"]},
    {"id": "t-4", "text": "原价999今天99 最好用", "kind": "violation",
     "categories": ["pricing", "advertising"]},
    {"id": "t-5", "text": "最近天气干燥", "kind": "hard_negative", "categories": []},
    {"id": "t-6", "text": "不是最好的", "kind": "hard_negative", "categories": []},
    {"id": "t-7", "text": "欢迎来到直播间", "kind": "clean", "categories": []},
    {"id": "t-8", "text": "这件是M码", "kind": "clean", "categories": []},
]
TABLE = {
    "最低价": ("pricing", "error"),
    "最好": ("advertising", "error"),
    "最近": ("advertising", "info"),  # info never counts
    "微信": ("pricing", "warning"),  # a wrong category on a violation
    "M码": ("product_quality", "warning"),  # a false alarm on clean talk
}


def test_evaluate_computes_expected_metrics() -> None:
    result = quality.evaluate("zh", corpus=TINY, checker=_KeywordChecker(TABLE))
    assert result["lines"] == 8
    assert result["by_kind"] == {"violation": 4, "hard_negative": 2, "clean": 2}
    assert result["detection_recall"] == 1.0
    assert result["false_alarm_rate"] == {"hard_negative": 0.5, "clean": 0.5}
    # findings on violations: 最低价 ok, 最好 ok, 微信 wrong, 最好 ok  -> 3 of 4
    assert result["category_accuracy"] == pytest.approx(0.75)

    pc = result["per_category"]
    assert set(pc) == set(FAMILIES)
    assert (pc["pricing"]["tp"], pc["pricing"]["fp"], pc["pricing"]["fn"]) == (1, 1, 1)
    assert pc["pricing"]["precision"] == pytest.approx(0.5)
    assert pc["pricing"]["recall"] == pytest.approx(0.5)
    assert pc["advertising"]["tp"] == 2 and pc["advertising"]["fp"] == 1
    assert pc["advertising"]["recall"] == 1.0
    assert pc["advertising"]["precision"] == pytest.approx(2 / 3)
    assert pc["advertising"]["f1"] == pytest.approx(0.8)
    assert pc["ecommerce"]["recall"] == 0.0 and pc["ecommerce"]["precision"] is None
    assert pc["ecommerce"]["f1"] is None
    assert pc["product_quality"]["precision"] == 0.0
    assert pc["food_safety"]["support"] == 0 and pc["food_safety"]["recall"] is None

    errors = result["errors"]
    assert [e["id"] for e in errors["misses"]] == []
    assert [e["id"] for e in errors["false_alarms"]] == ["t-6", "t-8"]
    assert errors["false_alarms"][0]["findings"][0]["rule"] == "T-最好"
    assert [e["id"] for e in errors["wrong_category"]] == ["t-3"]


def test_evaluate_reports_misses_and_never_counts_info() -> None:
    checker = _KeywordChecker({"最近": ("advertising", "info"),
                               "最低价": ("pricing", "info")})
    result = quality.evaluate("zh", corpus=TINY, checker=checker)
    assert result["detection_recall"] == 0.0
    assert result["false_alarm_rate"]["hard_negative"] == 0.0
    assert result["category_accuracy"] is None
    assert len(result["errors"]["misses"]) == 4
    assert result["micro"]["recall"] == 0.0


def test_report_and_json_are_well_formed() -> None:
    result = quality.evaluate("zh", corpus=TINY, checker=_KeywordChecker(TABLE))
    text = quality.format_report(result, show_errors=True, families=True)
    assert "detection recall" in text and "T-微信" in text and "advertising" in text
    round_trip = json.loads(json.dumps(result, ensure_ascii=False))
    assert round_trip["per_category"]["pricing"]["f1"] == pytest.approx(0.5)


def test_corpus_loader_reads_the_shipped_files() -> None:
    assert len(quality.load_corpus("zh")) >= MIN_LINES["zh"]
    assert len(quality.load_corpus("en")) >= MIN_LINES["en"]
