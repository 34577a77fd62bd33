"""The server under hostile clients: 4xx for every client error (never 500), bounded
body reading, Host and Origin checks, and checks that stop at their deadline."""

from __future__ import annotations

import asyncio
import base64
import io
import threading
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("httpx", reason="the TestClient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402
from starlette.websockets import WebSocketDisconnect  # noqa: E402

from rulecheck.engine.checker import Checker  # noqa: E402
from rulecheck.server import create_app  # noqa: E402
from rulecheck.server.guard import host_name  # noqa: E402
from rulecheck.server.limits import BodyLimitMiddleware  # noqa: E402


@pytest.fixture(scope="module")
def base() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def client(base: Checker):
    with TestClient(create_app(base, warm_up=False)) as c:
        yield c


def test_lone_surrogates_are_checked_not_500(client: TestClient) -> None:
    raw = b'{"text": "\\ud83d \xe6\x9c\x80\xe5\xa5\xbd\xe7\x9a\x84\xe9\x9d\xa2\xe9\x9c\x9c"}'
    r = client.post("/v1/check", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    r = client.post("/v1/check", content=b'{"segments": [{"text": "\\udce9\\ud83d"}]}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    r = client.post("/v1/check", content=b'{"text": "x", "format": "jsonl"}'.replace(
        b'"x"', b'"{\\"text\\": \\"\\\\ud83d\\"}"'), headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"text": ' + b"[" * 50_000 + b"}",
                                  b'{"text": "a", "path": "\\udce9"}', b"\xff\xfe"])
def test_malformed_bodies_are_4xx(client: TestClient, body: bytes) -> None:
    r = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text


def test_deep_jsonl_text_is_422(client: TestClient) -> None:
    line = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    r = client.post("/v1/check", json={"text": line, "format": "jsonl"})
    assert r.status_code == 422 and "nested too deeply" in r.text


def test_bad_upload_encodings_are_422(client: TestClient) -> None:
    content = base64.b64encode("最好".encode()).decode()
    for enc in ("rot13", "hex", "nosuch", "utf-8\x00"):
        r = client.post("/v1/check-file", json={"filename": "a.txt", "content_base64": content,
                                                "encoding": enc})
        assert r.status_code == 422, (enc, r.text)


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<a>" + b" " * 60_000_000 + b"</a>")
    return buf.getvalue()


def test_docx_bomb_is_refused_before_unpacking(client: TestClient) -> None:
    data = _bomb()
    assert len(data) < 200_000
    r = client.post("/v1/check-file", json={"filename": "bomb.docx",
                                            "content_base64": base64.b64encode(data).decode()})
    assert r.status_code == 413, r.text
    from rulecheck.errors import InputError
    from rulecheck.readers import word

    with pytest.raises(InputError, match="expands to"):
        word.read(data, "bomb.docx")


# -- Host and Origin -----------------------------------------------------------------

def test_host_allow_list(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/healthz", headers={"host": host}).status_code == 200, host
    r = client.get("/healthz", headers={"host": "rebind.attacker.example"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "host_not_allowed"


def test_host_allow_list_is_configurable(base: Checker) -> None:
    app = create_app(base, warm_up=False, allowed_hosts=["rulecheck.internal"])
    with TestClient(app, base_url="http://rulecheck.internal") as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/healthz", headers={"host": "localhost"}).status_code == 400
    with TestClient(create_app(base, warm_up=False, allowed_hosts=["*"])) as c:
        assert c.get("/healthz", headers={"host": "any.example"}).status_code == 200


def test_host_name_parsing() -> None:
    assert host_name("Example.COM:80") == "example.com"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"


def test_cross_origin_websocket_is_refused(client: TestClient) -> None:
    with pytest.raises(WebSocketDisconnect) as info:
        with client.websocket_connect("/v1/stream",
                                      headers={"origin": "https://evil.example"}) as ws:
            ws.receive_json()
    assert info.value.code == 1008
    for origin in ("http://localhost:8000", None):  # same host, or not a browser
        headers = {"origin": origin} if origin else {}
        with client.websocket_connect("/v1/stream", headers=headers) as ws:
            ws.send_json({"text": "全网最好的面霜"})
            kinds = set()
            while "ack" not in kinds:
                kinds.add(ws.receive_json()["type"])
            ws.send_json({"type": "end"})
            assert ws.receive_json()["type"] == "stats"


def test_allowed_origin_option(base: Checker) -> None:
    app = create_app(base, warm_up=False, allowed_origins=["https://app.example"])
    with TestClient(app) as c:
        with c.websocket_connect("/v1/stream", headers={"origin": "https://app.example"}) as ws:
            ws.send_json({"type": "end"})
            assert ws.receive_json()["type"] == "stats"


def test_websocket_deep_json_is_a_malformed_message(client: TestClient) -> None:
    with client.websocket_connect("/v1/stream") as ws:
        ws.send_text("[" * 100_000)
        msg = ws.receive_json()
        assert msg["type"] == "error" and msg["code"] == "malformed"
        ws.send_text('{"text": "\\ud83d最好的"}')
        assert ws.receive_json()["type"] in ("finding", "ack")


# -- body reading --------------------------------------------------------------------

def _call(mw: BodyLimitMiddleware, receive) -> list[dict]:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    mw.app = app
    scope = {"type": "http", "headers": [(b"host", b"localhost")]}
    asyncio.run(mw(scope, receive, send))
    return sent


def test_a_body_that_never_finishes_gets_408() -> None:
    async def trickle() -> dict:
        await asyncio.sleep(0.05)
        return {"type": "http.request", "body": b"x", "more_body": True}

    mw = BodyLimitMiddleware(None, max_bytes=1_000_000, timeout_s=0.3)
    sent = _call(mw, trickle)
    assert sent[0]["status"] == 408
    assert mw.pending == 0


def test_half_sent_bodies_share_a_budget() -> None:
    mw = BodyLimitMiddleware(None, max_bytes=1000, timeout_s=5, budget_bytes=1500)

    async def both() -> list[list[dict]]:
        gate = asyncio.Event()
        results: list[list[dict]] = [[], []]

        def receiver(n: int):
            calls = {"n": 0}

            async def receive() -> dict:
                calls["n"] += 1
                if calls["n"] > 1:
                    await gate.wait()
                    return {"type": "http.request", "body": b"", "more_body": False}
                return {"type": "http.request", "body": b"x" * 800, "more_body": True}
            return receive

        async def app(scope, receive, send) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})

        mw.app = app

        async def one(n: int) -> None:
            async def send(message: dict) -> None:
                results[n].append(message)
            await mw({"type": "http", "headers": []}, receiver(n), send)

        first = asyncio.create_task(one(0))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(one(1))
        await asyncio.sleep(0.05)
        gate.set()
        await asyncio.gather(first, second)
        return results

    first, second = asyncio.run(both())
    assert first[0]["status"] == 200
    assert second[0]["status"] == 503
    assert mw.pending == 0


# -- deadlines stop the work -----------------------------------------------------------

class _Endless(Checker):
    """A checker whose check never ends by itself; records that it was stopped."""

    def __init__(self, base: Checker):
        self.__dict__.update(base.__dict__)
        self.stopped = threading.Event()

    def check_document(self, doc, lang="auto", product_type=None, only=None):
        try:
            while True:
                sum(range(100))
        finally:
            self.stopped.set()


def test_a_check_past_its_deadline_is_stopped(base: Checker) -> None:
    slow = _Endless(base)
    with TestClient(create_app(slow, request_timeout_s=0.2, warm_up=False, workers=1)) as c:
        r = c.post("/v1/check", json={"text": "最好"})
        assert r.status_code == 503
        assert slow.stopped.wait(10), "the check kept running after its 503"
        assert c.get("/healthz").status_code == 200


def test_cli_serve_has_the_guard_options() -> None:
    from typer.testing import CliRunner

    from rulecheck.cli import app

    out = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "--allowed-host" in out and "--allowed-origin" in out and "--body-timeout" in out


def test_cli_serve_runs_checks_in_worker_processes_by_default(monkeypatch) -> None:
    from typer.testing import CliRunner

    import rulecheck.server.app
    from rulecheck.cli import app

    got: list[dict] = []
    monkeypatch.setattr(rulecheck.server.app, "serve", lambda **kw: got.append(kw))
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert (got[-1]["isolation"], got[-1]["workers"]) == ("process", 4)
    assert CliRunner().invoke(app, ["serve", "--isolation", "thread", "--workers", "2"]) \
        .exit_code == 0
    assert (got[-1]["isolation"], got[-1]["workers"]) == ("thread", 2)
    bad = CliRunner().invoke(app, ["serve", "--isolation", "fork"])
    assert bad.exit_code == 2 and len(got) == 2


def test_docs_mention_the_guards() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "server.md").read_text("utf-8")
    assert "--allowed-host" in doc and "408" in doc and "Origin" in doc
    assert "--isolation" in doc and "worker process" in doc
