"""Audit reports and cross-transcript audit rules, computed from the store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck.audit import patterns
from rulecheck.audit.report import render, summary
from rulecheck.audit.store import Store
from rulecheck.cli import app
from tests.test_audit import REPO, audit_into


def _write(d: Path, name: str, text: str, **meta: str) -> dict:
    (d / name).write_text(text, encoding="utf-8")
    return {"path": name, **meta}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive whose sessions repeat claims across days."""
    d = tmp_path_factory.mktemp("archive")
    recs = [
        _write(d, "a1.txt", "家人们只有今天这个价\n这款面霜原价999今天只要99元\n",
               anchor="A", room="r1", date="2024-05-01", product="面霜"),
        _write(d, "a2.txt", "只有今天这个价\n这款面霜原价999今天只要129元\n"
               "已经卖了一万单了\n", anchor="A", room="r1", date="2024-05-03", product="面霜"),
        _write(d, "a3.txt", "这个链接已经卖了三十万单了\n", anchor="A", room="r1",
               date="2024-05-04", product="面霜"),
        _write(d, "b1.txt", "只有今天这个价\n原价999今天只要999元不打折\n", anchor="B",
               room="r2", date="2024-05-01", product="口红"),
        _write(d, "b2.txt", "最近天气干燥，多喝水\n", anchor="B", room="r2", date="2024-05-02",
               product="口红"),
    ]
    (d / "manifest.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    db = d / "audit.sqlite"
    audit_into(db, [str(d / "manifest.jsonl")])
    return db


def test_audit_rules(archive: Path) -> None:
    store = Store(str(archive))
    try:
        urgency = patterns.repeated_urgency(store)
        reference = patterns.reference_never_charged(store)
        sales = patterns.sales_too_fast(store)
    finally:
        store.close()
    # A says "only today" on two dates; B only once
    assert [(p.anchor, len(p.evidence)) for p in urgency] == [("A", 2)]
    assert {e.date for e in urgency[0].evidence} == {"2024-05-01", "2024-05-03"}
    # 面霜 is always sold below its 999 reference; 口红 was sold at 999 once, in one session
    assert [p.subject for p in reference] == ["面霜 · 999"]
    # 10,000 -> 300,000 in one day is far over the credible rate
    assert len(sales) == 1 and sales[0].rule.id == "EC-AUDIT-001"
    assert "300000" in sales[0].message


def test_sales_rate_threshold(archive: Path) -> None:
    store = Store(str(archive))
    try:
        assert patterns.sales_too_fast(store, max_per_hour=1e7) == []
    finally:
        store.close()


def test_summary_statistics_and_risk(archive: Path) -> None:
    store = Store(str(archive))
    try:
        data = summary(store)
        n = store.query("SELECT count(*) FROM findings")[0][0]
    finally:
        store.close()
    assert data["findings"] == n > 0
    for dim in ("category", "rule", "severity", "anchor", "room", "date"):
        assert sum(data["by"][dim].values()) == n, dim
    assert set(data["by"]["anchor"]) == {"A", "B"}
    risk = {r["anchor"]: r for r in data["risk"]["anchors"]}
    a = risk["A"]
    assert a["score"] == round(10_000 * a["weighted"] / a["chars"], 2)
    assert data["patterns_by_rule"] == {"PR-AUDIT-001": 1, "PR-AUDIT-002": 1,
                                        "EC-AUDIT-001": 1}
    assert data["documents"]["done"] == 5


def test_report_formats_via_cli(archive: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(archive)])
    assert r.exit_code == 0 and "Risk score by anchor" in r.output and "PR-AUDIT-001" in r.output
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(archive), "-f", "json"])
    assert json.loads(r.output)["patterns_by_rule"]["PR-AUDIT-002"] == 1
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(archive), "-f", "csv"])
    assert r.output.startswith("section,key,findings") and "\nanchor,A," in r.output
    out = tmp_path / "r.html"
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(archive), "-f", "html",
                                 "-o", str(out)])
    assert r.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and '<div class="bars"' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing loaded from outside
    links = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert links and links <= ids  # every statistic links to its list of findings
    assert "d-anchor-" in " ".join(links) and "d-rule-" in " ".join(links)
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(archive), "-f", "pdf"])
    assert r.exit_code == 2 and "--format must be one of" in r.output


def test_html_shows_timestamps(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    audit_into(db, [str(REPO / "corpora" / "samples" / "stream.srt")])
    store = Store(str(db))
    try:
        page = render("html", store)
    finally:
        store.close()
    assert re.search(r"00:00:\d\d\.\d{3}–00:00:\d\d\.\d{3}", page)


def test_report_on_missing_db(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 2 and "no such audit database" in r.output
    assert not (tmp_path / "none.sqlite").exists()


def test_export_parquet(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "f.parquet"
    try:
        import pyarrow.parquet as pq
    except ImportError:
        r = CliRunner().invoke(app, ["audit", "export", "--db", str(archive),
                                     "--parquet", str(out)])
        assert r.exit_code == 2 and "needs pyarrow" in r.output
        return
    r = CliRunner().invoke(app, ["audit", "export", "--db", str(archive), "--parquet", str(out)])
    assert r.exit_code == 0, r.output
    table = pq.read_table(out)
    store = Store(str(archive))
    n = store.query("SELECT count(*) FROM findings")[0][0]
    store.close()
    assert table.num_rows == n
    assert {"rule", "start", "end", "start_time", "doc_anchor"} <= set(table.column_names)
    import builtins

    real = builtins.__import__

    def no_pyarrow(name: str, *a, **kw):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    r = CliRunner().invoke(app, ["audit", "export", "--db", str(archive), "--parquet", str(out)])
    assert r.exit_code == 2 and "needs pyarrow" in r.output
