"""The web page in a real browser: paste, see highlights, apply a fix, upload, screenshot.

Runs headless Chromium from the system package (/usr/bin/chromium) through
Playwright against a uvicorn server on a free loopback port.
"""

from __future__ import annotations

import base64
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM  # noqa: E402

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright (the Python package) is missing")
pytest.importorskip("uvicorn", reason="the server extra (uvicorn) is not installed")

import uvicorn  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from rulecheck.engine.checker import Checker  # noqa: E402
from rulecheck.server import create_app  # noqa: E402
from tests.conftest import make_rule  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpora" / "samples"
SCRIPT = ("家人们晚上好，最近天气干燥，今天给大家带一款保湿面霜。\n"
          "这款面霜是全网最好用的面霜。\n"
          "原价999元，今天只要99元，只有今天这个价。\n")


@contextmanager
def running(checker: Checker) -> Iterator[str]:
    """A uvicorn server for `checker` on a free port of 127.0.0.1, in a thread."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(checker), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running(Checker()) as url:
        yield url


@pytest.fixture
def page(browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: outside.append(r.url)
          if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    pg.goto(base_url + "/")
    yield pg
    context.close()
    assert not errors, errors
    assert not outside, f"the page fetched outside resources: {outside}"


def _check(page: Page, text: str) -> None:
    page.fill("#text", text)
    page.click("#check")
    expect(page.locator("#status")).to_have_text(re.compile("^已检查"))


def _marks(page: Page) -> list[tuple[str, str]]:
    return [tuple(x) for x in page.eval_on_selector_all(
        "#backdrop mark", "ms => ms.map(m => [m.dataset.rule, m.textContent])")]


def test_paste_highlight_and_apply_a_suggestion(page: Page) -> None:
    _check(page, SCRIPT)
    marks = _marks(page)
    assert ("AD-ZH-001", "最好用") in marks
    assert any(rule.startswith("PR-") for rule, _ in marks)
    assert not any("最近" in text for _, text in marks)  # 最近 is a hard negative
    # the highlight sits exactly over the words: same text before it in both layers
    offset = page.evaluate("""() => {
        const m = [...document.querySelectorAll('#backdrop mark')]
          .find(m => m.dataset.rule === 'AD-ZH-001');
        const r = document.createRange();
        r.setStart(document.querySelector('#backdrop'), 0); r.setEndBefore(m);
        return r.toString().length; }""")
    assert SCRIPT[offset:offset + 3] == "最好用"
    card = page.locator('.card[data-rule="AD-ZH-001"]')
    assert card.count() == 1
    assert "《广告法》" in card.locator(".law").inner_text()
    chip = card.locator(".sug").first.inner_text()
    quoted = re.search(r"“(.+)”", chip)  # the safe fix chip reads ✔ 修改为“…”
    suggestion = quoted.group(1) if quoted else chip
    card.locator(".sug").first.click()
    expect(card).to_have_count(0)
    value = page.input_value("#text")
    assert "全网最好用" not in value and suggestion in value
    assert ("AD-ZH-001", "最好用") not in _marks(page)
    assert page.locator(".card").count() > 0  # the pricing findings are still there
    shot = page.screenshot(full_page=False)
    assert _distinct_colours(page, shot) > 50, "the screenshot looks blank"


def test_filters_hide_and_show_a_category(page: Page) -> None:
    _check(page, SCRIPT)
    pricing = page.locator('.card[style*="--pricing"]')
    shown = pricing.count()
    assert shown > 0
    page.click('#cat-chips .chip[data-cat="pricing"]')
    assert pricing.count() == 0
    assert not any(rule.startswith("PR-") for rule, _ in _marks(page))
    page.click('#cat-chips .chip[data-cat="pricing"]')
    assert pricing.count() == shown
    page.click('#sev-chips .chip[data-sev="error"]')
    assert page.locator('.card[data-rule="AD-ZH-001"]').count() == 0


def test_upload_srt(page: Page) -> None:
    page.set_input_files("#file", str(SAMPLES / "stream.srt"))
    expect(page.locator("#status")).to_contain_text("stream.srt")
    assert "-->" in page.input_value("#text")
    marks = _marks(page)
    assert marks and not any("-->" in text for _, text in marks)
    assert page.locator(".card .when").first.inner_text().count(":") >= 1  # a cue time


def test_apply_all_safe_fixes(browser, rule_checker) -> None:
    checker = rule_checker(
        make_rule("AD-ZH-901", '"最好"', extra='replace: {safe: ["很好"]}\n')
        + make_rule("AD-ZH-902", '"第一"', extra='replace: {unsafe: ["热门"]}\n'))
    with running(checker) as url:
        context = browser.new_context()
        pg = context.new_page()
        pg.goto(url + "/")
        _check(pg, "这是最好的面霜，真的最好用，销量第一")
        assert pg.locator(".card").count() == 3
        unsafe = pg.locator('.card[data-rule="AD-ZH-902"] .sug')
        assert unsafe.count() == 1 and "fix" not in (unsafe.get_attribute("class") or "")
        button = pg.locator("#fix-all")
        assert button.is_enabled() and "(2)" in button.inner_text(), "safe fixes only"
        button.click()
        expect(pg.locator(".card")).to_have_count(1)
        assert pg.input_value("#text") == "这是很好的面霜，真的很好用，销量第一"
        assert not button.is_enabled()
        pg.locator('.card[data-rule="AD-ZH-902"] .sug').click()
        expect(pg.locator(".card")).to_have_count(0)
        assert pg.input_value("#text") == "这是很好的面霜，真的很好用，销量热门"
        context.close()


def test_apply_all_safe_fixes_on_the_demo(page: Page) -> None:
    demo = (REPO / "corpora" / "demo" / "script.txt").read_text(encoding="utf-8")
    _check(page, demo)
    before = page.locator(".card").count()
    button = page.locator("#fix-all")
    assert before >= 10 and button.is_enabled()
    button.click()
    expect(page.locator(".card")).not_to_have_count(before)
    after = page.locator(".card").count()
    assert after <= before // 2, "the demo's safe fixes take away at least half"
    assert "最终解释权" not in page.input_value("#text")


def _distinct_colours(page: Page, png: bytes) -> int:
    """Decode the screenshot in a blank page's canvas and count its distinct colours."""
    data = base64.b64encode(png).decode()
    blank = page.context.new_page()
    try:
        return blank.evaluate("""async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, c.width, c.height).data, seen = new Set();
            for (let i = 0; i < px.length; i += 4 * 7)
              seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
            return seen.size; }""", "data:image/png;base64," + data)
    finally:
        blank.close()
