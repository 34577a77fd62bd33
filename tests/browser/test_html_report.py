"""The HTML report in a real browser: highlights show, filters hide, the page paints.

Uses Debian's Chromium through Playwright's Python API (no browser download). Skipped
only when /usr/bin/chromium is not installed.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter

import pytest

from rulecheck.reports import render
from tests.browser.chromium import needs_chromium
from tests.test_reports import RULES, sample_results

pytestmark = needs_chromium


def decode_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    height = bpp = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        pixels.extend(tuple(line[x:x + 3]) for x in range(0, stride, bpp))
        prev = line
    return width, height, pixels


@pytest.fixture
def page(browser, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(render("html", sample_results(), RULES, locale="en"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))

    def guard(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.goto(report.as_uri())
    pg.wait_for_load_state("load")
    yield pg
    context.close()
    assert errors == [], errors
    assert outside == [], f"the report tried to load {outside}"


def _background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def _mark(page, rule: str):
    """The <mark> of the (first) finding of ``rule``: its id is m- and the item's id."""
    key = page.locator(f'.item[data-rule="{rule}"]').first.get_attribute("id")
    return page.locator(f"#m-{key}")


def test_highlights_are_visible(page):
    marks = page.locator("mark.finding")
    assert marks.count() == 7
    for i in range(marks.count()):
        mark = marks.nth(i)
        assert mark.is_visible()
        assert _background(mark) not in ("rgba(0, 0, 0, 0)", "transparent")
    box = _mark(page, "AD-ZH-001").bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10
    assert page.locator(".item").count() == 7


def test_category_filter_hides_marks_and_items(page):
    pricing = page.locator(".transcript .cat-pricing")
    advertising = page.locator(".transcript .cat-advertising")
    assert pricing.count() >= 4
    page.locator('input[data-filter="category"][value="pricing"]').uncheck()
    for i in range(pricing.count()):
        el = pricing.nth(i)
        assert "off" in el.get_attribute("class").split()
        assert _background(el) == "rgba(0, 0, 0, 0)"
    for i in range(advertising.count()):
        assert _background(advertising.nth(i)) != "rgba(0, 0, 0, 0)"
    items = page.locator(".item.cat-pricing")
    assert items.count() == 4
    assert all(items.nth(i).is_hidden() for i in range(items.count()))
    assert page.locator(".item.cat-advertising").first.is_visible()
    script, srt = page.locator("section.file").nth(0), page.locator("section.file").nth(1)
    assert script.locator(".count").inner_text() == "3 of 5 findings shown"
    assert srt.locator(".none-shown").is_visible()
    # the transcript text stays readable: only the highlight goes
    assert "原价999元" in script.locator(".transcript").inner_text()

    page.locator('input[data-filter="severity"][value="info"]').uncheck()
    assert page.locator(".item.cat-ecommerce").is_hidden()
    page.locator('input[data-filter="category"][value="pricing"]').check()
    page.locator('input[data-filter="severity"][value="info"]').check()
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert _background(pricing.first) != "rgba(0, 0, 0, 0)"


def test_clicking_a_highlight_points_at_its_finding(page):
    _mark(page, "AD-ZH-001").click()
    item = page.locator('.item[data-rule="AD-ZH-001"]')
    assert "flash" in item.get_attribute("class").split()


def test_screenshot_is_not_blank(page, tmp_path):
    png = page.screenshot(path=str(tmp_path / "report.png"))
    width, height, pixels = decode_png(png)
    assert (width, height) == (1200, 800)
    counts = Counter(pixels)
    assert len(counts) > 200, "too few colours: the page did not paint"
    assert counts.most_common(1)[0][1] < 0.8 * len(pixels)
    # the dark header bar and the category chart's blue pricing bar are on screen

    def near(rgb, target, tol=12):
        return all(abs(x - t) <= tol for x, t in zip(rgb, target, strict=True))

    assert any(near(p, (0x11, 0x18, 0x27)) for p in counts)
    assert any(near(p, (0x25, 0x63, 0xEB)) for p in counts)
