"""The HTML reports laid out in a real browser at 1000, 1400 and 1600 px and in print:
no chart bar, label or count leaves its card, the largest bar is on screen, the page
does not scroll sideways. Screenshots go to pytest's tmp dir (``--basetemp`` to keep).

Uses Debian's Chromium through Playwright (no browser download); skipped when
/usr/bin/chromium is not installed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rulecheck.audit.report import render as render_audit
from rulecheck.audit.store import Store
from rulecheck.reports import render
from tests.browser.chromium import needs_chromium
from tests.test_audit import audit_into
from tests.test_reports import RULES, sample_results

pytestmark = needs_chromium

REPO = Path(__file__).resolve().parents[2]
WIDTHS = (1000, 1400, 1600)
LONG = "一位名字特别特别长的带货主播（品牌联名专场·年终大促特别版）"

#: Every chart bar's label, bar and count inside the card; long labels cut with a
#: title; the largest bar drawn in full and not covered; no sideways scrolling.
LAYOUT_JS = """() => {
  const problems = [];
  const inside = (r, c) => r.left >= c.left - 0.5 && r.right <= c.right + 0.5
                        && r.top >= c.top - 0.5 && r.bottom <= c.bottom + 0.5;
  const charts = [...document.querySelectorAll('.bars')];
  for (const chart of charts) {
    const card = chart.closest('.chart-box, section');
    const box = card.getBoundingClientRect();
    const bars = [...chart.querySelectorAll('.bar')];
    for (const bar of bars) {
      for (const part of bar.querySelectorAll('.bl, .bf, .bn')) {
        const r = part.getBoundingClientRect();
        if (!inside(r, box)) problems.push(`${part.className} of "${bar.title}" leaves its card`);
      }
      const label = bar.querySelector('.bl');
      if (label.scrollWidth > label.clientWidth + 1 && !bar.title.includes(label.textContent))
        problems.push(`"${label.textContent}" is cut without a title`);
    }
    const count = (b) => Number(b.querySelector('.bn').textContent);
    const top = bars.reduce((a, b) => (count(b) > count(a) ? b : a), bars[0]);
    if (!top) continue;
    const fill = top.querySelector('.bf');
    fill.scrollIntoView({ block: 'center' });
    const r = fill.getBoundingClientRect();
    const track = top.querySelector('.bt').getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.width < 0.5 * track.width) problems.push(`largest bar "${top.title}" is ${r.width}px`);
    if (hit !== fill) problems.push(`largest bar "${top.title}" is under ${hit && hit.className}`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push(`page is ${document.documentElement.scrollWidth}px wide`);
  return { charts: charts.length, problems };
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The check report of the sample inputs, and an audit report of four transcripts
    whose anchors and rooms have long names."""
    out = tmp_path_factory.mktemp("reports")
    check = out / "check.html"
    check.write_text(render("html", sample_results(), RULES, locale="zh"), encoding="utf-8")
    archive = out / "archive"
    archive.mkdir()
    demo, samples = REPO / "corpora" / "demo", REPO / "corpora" / "samples"
    files = [demo / "script.txt", demo / "script_en.txt", samples / "stream.srt",
             samples / "asr.jsonl"]
    lines = []
    for i, src in enumerate(files):
        shutil.copy(src, archive / src.name)
        lines.append(json.dumps({"path": src.name, "anchor": f"{LONG}{i % 2}",
                                 "room": f"room-{LONG}-{i}", "date": f"2024-05-0{i + 1}",
                                 "product": "面霜"}, ensure_ascii=False))
    (archive / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = out / "a.sqlite"
    audit_into(db, [str(archive / "manifest.jsonl")])
    store = Store(str(db))
    try:
        for locale in ("zh", "en"):
            (out / f"audit-{locale}.html").write_text(render_audit("html", store, 100, locale),
                                                      encoding="utf-8")
    finally:
        store.close()
    return {"check": check, "audit-zh": out / "audit-zh.html", "audit-en": out / "audit-en.html"}


def _open(browser, path: Path, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, errors


@pytest.mark.parametrize("name", ["check", "audit-zh", "audit-en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_charts_fit_their_cards(browser, pages, tmp_path, name, width):
    context, page, errors = _open(browser, pages[name], width)
    try:
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"))
        result = page.evaluate(LAYOUT_JS)
        assert result["charts"] == (1 if name == "check" else 6)
        assert result["problems"] == []
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("name", ["check", "audit-zh"])
def test_print_layout(browser, pages, tmp_path, name):
    context, page, errors = _open(browser, pages[name], 1000)
    try:
        page.emulate_media(media="print")
        page.screenshot(path=str(tmp_path / f"{name}-print.png"), full_page=True)
        result = page.evaluate(LAYOUT_JS)
        assert result["problems"] == []
        heights = page.evaluate("""() => [...document.querySelectorAll(
            '.list-panel, .text-panel, section, .chart-box')].filter(el => {
              const s = getComputedStyle(el);
              return s.maxHeight !== 'none' || s.overflowY === 'auto' || s.overflowY === 'scroll';
            }).map(el => el.className)""")
        assert heights == []  # nothing is cut to a fixed height on paper
        breaks = page.evaluate("""() => [...document.querySelectorAll(
            'section.file, .rules, .drill, .risk, .patterns')].map(
              el => getComputedStyle(el).breakBefore)""")
        assert breaks and set(breaks) == {"page"}
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF"
        assert errors == []
    finally:
        context.close()
