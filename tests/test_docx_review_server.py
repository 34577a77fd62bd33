"""``POST /v1/review/docx``: an uploaded .docx back with comments and tracked changes."""

from __future__ import annotations

import base64
import io
import pickle
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
pytest.importorskip("httpx", reason="the TestClient needs httpx")

from docx.oxml.ns import qn  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from rulecheck.engine.checker import Checker  # noqa: E402
from rulecheck.server import create_app  # noqa: E402
from rulecheck.server.jobs import DOCX_MEDIA_TYPE, ReviewJob  # noqa: E402
from tests.test_docx_review import anchored, pack_checker, script_docx  # noqa: E402

ENCODED = base64.b64encode(script_docx()).decode()


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Checker:
    return pack_checker(tmp_path_factory.mktemp("pack"))


@pytest.fixture(scope="module")
def client(checker: Checker):
    with TestClient(create_app(checker, warm_up=False)) as c:
        yield c


def test_review_returns_the_docx_with_comments_and_tracked_changes(client: TestClient):
    checked = client.post("/v1/check-file", json={"filename": "脚本.docx",
                                                  "content_base64": ENCODED})
    found = sorted(f["text"] for f in checked.json()["findings"])
    assert found
    r = client.post("/v1/review/docx", json={"filename": "C:\\稿件\\脚本.docx",
                                              "content_base64": ENCODED, "fix": True})
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX_MEDIA_TYPE
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="reviewed.docx"; ')
    assert unquote(disposition.split("UTF-8''", 1)[1]) == "脚本.reviewed.docx"
    word = docx.Document(io.BytesIO(r.content))
    spans = anchored(word)
    assert len(spans) == len(found) == len(list(word.comments))
    deleted = list(word.element.body.iter(qn("w:del")))
    inserted = list(word.element.body.iter(qn("w:ins")))
    assert deleted and inserted
    plain = client.post("/v1/review/docx", json={"filename": "a.docx", "content_base64": ENCODED,
                                                 "select": ["AD-ZH-902"]})
    assert plain.headers["content-disposition"].startswith('attachment; filename="a.reviewed.docx"')
    word = docx.Document(io.BytesIO(plain.content))
    assert list(anchored(word).values()) == ["秒杀全网"]
    assert not list(word.element.body.iter(qn("w:ins"))), "no fix without fix: true"


@pytest.mark.parametrize(("filename", "content", "code"), [
    ("a.docx", "not base64!!", "invalid_base64"),
    ("a.txt", base64.b64encode("顶级".encode()).decode(), "not_docx"),
    ("fake.docx", base64.b64encode(b"not a zip").decode(), "invalid_input"),
])
def test_review_errors_are_json(client: TestClient, filename: str, content: str, code: str):
    r = client.post("/v1/review/docx", json={"filename": filename, "content_base64": content})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json"
    assert "content-disposition" not in r.headers
    assert r.json()["error"]["code"] == code


def test_the_job_travels_to_worker_processes():
    job = ReviewJob(("k",), "auto", None, "a.docx", ENCODED, True, False)
    assert pickle.loads(pickle.dumps(job)) == job


def test_page_and_schema_offer_the_download(client: TestClient):
    page = client.get("/").text
    assert 'id="review-docx"' in page and "/v1/review/docx" in page
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/v1/review/docx"]["post"]
    assert DOCX_MEDIA_TYPE in op["responses"]["200"]["content"]
    assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/ReviewDocxRequest")


def test_the_page_downloads_the_reviewed_docx(checker: Checker, tmp_path: Path):
    """In a real browser: a .docx upload shows the button; a click downloads the copy."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed")
    pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    pytest.importorskip("uvicorn", reason="the server extra (uvicorn) is not installed")
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.chromium import ARGS, CHROMIUM
    from tests.browser.test_web_page import running

    script = tmp_path / "脚本.docx"
    script.write_bytes(script_docx())
    with running(checker) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_context(accept_downloads=True).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        button = page.locator("#review-docx")
        expect(button).to_be_hidden()
        page.set_input_files("#file", str(script))
        expect(page.locator("#status")).to_contain_text("脚本.docx")
        expect(button).to_be_visible()
        with page.expect_download() as info:
            button.click()
        download = info.value
        assert download.suggested_filename == "脚本.reviewed.docx"
        word = docx.Document(download.path())
        assert len(anchored(word)) == len(list(word.comments)) > 0
        assert list(word.element.body.iter(qn("w:ins"))), "the page asks for the safe fixes"
        page.click("#sample")
        expect(button).to_be_hidden()
        browser.close()
        assert not errors, errors
