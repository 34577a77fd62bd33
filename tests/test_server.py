"""The HTTP + WebSocket API: every endpoint, its limits, and its OpenAPI schema."""

from __future__ import annotations

import asyncio
import base64
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
pytest.importorskip("httpx", reason="the TestClient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402
from starlette.websockets import WebSocketDisconnect  # noqa: E402

from rulecheck.engine.checker import Checker  # noqa: E402
from rulecheck.server import create_app  # noqa: E402
from rulecheck.server.limits import BodyLimitMiddleware  # noqa: E402
from tests.conftest import make_rule  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


@pytest.fixture(scope="module")
def base() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def client(base: Checker):
    with TestClient(create_app(base, max_sessions=3, max_segments=5)) as c:
        yield c


# -- HTTP ---------------------------------------------------------------------

def test_healthz(client: TestClient, base: Checker) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["rules"] == len(base.rules)
    assert body["max_sessions"] == 3


def test_page_is_self_contained(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<textarea" in html and "/v1/check" in html
    for external in ("http://", "https://", "//cdn", "@import", "fonts.googleapis"):
        assert external not in html.replace("http://www.w3.org", "")
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_check_text_reports_original_offsets(client: TestClient) -> None:
    text = "最近天气干燥。\n这是全网最好用的面霜"
    r = client.post("/v1/check", json={"text": text, "path": "script.txt"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"version", "summary", "findings"}
    hits = [f for f in body["findings"] if f["rule"] == "AD-ZH-001"]
    assert len(hits) == 1, body["findings"]
    f = hits[0]
    assert text[f["start"]:f["end"]] == f["text"] == "最好用"  # the whole absolute term
    assert (f["line"], f["column"]) == (2, 5)
    assert f["path"] == "script.txt" and f["category"] == "advertising" and f["law"]
    assert f["suggestions"]
    assert body["summary"]["findings"] == len(body["findings"])
    assert body["summary"]["by_category"]["advertising"] >= 1
    assert not any(f["text"] == "最" for f in body["findings"])  # 最近 is not flagged


def test_check_segments_finds_phrase_split_across_segments(client: TestClient) -> None:
    segs = [{"text": "这个是全网", "start": 8.2, "end": 9.4, "speaker": "主播"},
            {"text": "最低价", "start": 9.4, "end": 10.1, "speaker": "主播"}]
    r = client.post("/v1/check", json={"segments": segs, "lang": "zh"})
    assert r.status_code == 200
    found = [f for f in r.json()["findings"]
             if f["rule"] == "PR-ZH-020" and f["category"] == "pricing"]
    assert len(found) == 1
    seg = found[0]["segment"]
    assert (seg["index"], seg["end_index"], seg["start_time"]) == (0, 1, 8.2)
    assert seg["speaker"] == "主播"


def test_check_srt_text_checks_only_the_cues(client: TestClient) -> None:
    srt = (SAMPLES / "stream.srt").read_text(encoding="utf-8")
    r = client.post("/v1/check", json={"text": srt, "format": "srt"})
    assert r.status_code == 200
    for f in r.json()["findings"]:
        assert srt[f["start"]:f["end"]] == f["text"]
        assert "-->" not in f["text"]


def test_select_and_ignore(client: TestClient) -> None:
    text = "这是全网最好用的面霜，原价999元，今天只要99元"
    every = {f["rule"] for f in client.post("/v1/check", json={"text": text}).json()["findings"]}
    assert any(r.startswith("AD-") for r in every) and any(r.startswith("PR-") for r in every)
    only_pr = client.post("/v1/check", json={"text": text, "select": ["PR"]}).json()
    assert {f["rule"] for f in only_pr["findings"]} == {r for r in every if r.startswith("PR-")}
    no_ad = client.post("/v1/check", json={"text": text, "ignore": ["advertising"]}).json()
    assert not any(f["category"] == "advertising" for f in no_ad["findings"])
    # the same selection again is served by the cached view and gives the same answer
    again = client.post("/v1/check", json={"text": text, "select": ["PR"]}).json()
    assert again["findings"] == only_pr["findings"]


def test_unknown_select_code_is_422(client: TestClient) -> None:
    r = client.post("/v1/check", json={"text": "x", "select": ["ZZ-999"]})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_rule_code"
    assert "ZZ-999" in r.json()["error"]["message"]


@pytest.mark.parametrize("body", [
    {"text": "x", "segments": [{"text": "y"}]},
    {},
    {"text": "x", "lang": "fr"},
    {"text": "x", "product_type": "cars"},
    {"text": "x", "unknown": 1},
    {"segments": [{"text": "x", "start": -1}]},
])
def test_invalid_requests_are_422_json(client: TestClient, body: dict) -> None:
    r = client.post("/v1/check", json=body)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_request" and err["message"]


def test_malformed_json_is_422(client: TestClient) -> None:
    r = client.post("/v1/check", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_oversized_body_is_413(base: Checker) -> None:
    with TestClient(create_app(base, max_body_bytes=1000, warm_up=False)) as c:
        r = c.post("/v1/check", json={"text": "最好" * 1000})
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "body_too_large"
        assert c.post("/v1/check", json={"text": "最好"}).status_code == 200


def test_oversized_chunked_body_is_413(base: Checker) -> None:
    def chunks():
        for _ in range(50):
            yield b"x" * 100

    with TestClient(create_app(base, max_body_bytes=1000, warm_up=False)) as c:
        r = c.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_body_limit_stops_reading_at_the_limit() -> None:
    """The middleware answers 413 as soon as the limit is passed, without reading on."""
    consumed = 0
    sent: list[dict] = []
    reached_app = False

    async def app(scope, receive, send):  # pragma: no cover - must not be reached
        nonlocal reached_app
        reached_app = True

    async def receive():
        nonlocal consumed
        consumed += 1
        return {"type": "http.request", "body": b"x" * 100, "more_body": consumed < 1000}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/check", "headers": []}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=1000)(scope, receive, send))
    assert sent[0]["status"] == 413
    assert consumed == 11  # 11 x 100 bytes passes 1000; the other 989 chunks are never read
    assert not reached_app


def test_declared_oversized_body_is_refused_before_reading() -> None:
    reads = 0

    async def app(scope, receive, send):  # pragma: no cover - must not be reached
        raise AssertionError

    async def receive():
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/check",
             "headers": [(b"content-length", b"5000")]}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=1000)(scope, receive, send))
    assert sent[0]["status"] == 413 and reads == 0


def test_too_many_segments_is_413(client: TestClient) -> None:
    r = client.post("/v1/check", json={"segments": [{"text": "好"}] * 6})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_many_segments"


class SlowChecker(Checker):
    def check_document(self, *args, **kwargs):
        time.sleep(0.5)
        return super().check_document(*args, **kwargs)


def test_slow_check_is_503(base: Checker) -> None:
    slow = SlowChecker(rulebook=base.rulebook)
    with TestClient(create_app(slow, request_timeout_s=0.1, warm_up=False)) as c:
        r = c.post("/v1/check", json={"text": "这是最好的"})
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "timeout"


def test_rules_list_and_one_rule(client: TestClient, base: Checker) -> None:
    r = client.get("/v1/rules")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["rules"]) == len(base.rules)
    pricing = client.get("/v1/rules", params={"category": "pricing"}).json()
    assert pricing["count"] > 0 and {x["category"] for x in pricing["rules"]} == {"pricing"}
    one = client.get("/v1/rules/AD-ZH-001")
    assert one.status_code == 200
    rule = one.json()
    assert rule["id"] == "AD-ZH-001" and rule["law"] and rule["examples"]["bad"]
    assert client.get("/v1/rules", params={"category": "nope"}).status_code == 422


def test_unknown_rule_is_404_json(client: TestClient) -> None:
    r = client.get("/v1/rules/XX-ZH-999")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "unknown_rule", "message": "no rule 'XX-ZH-999'"}}


def test_unknown_path_is_404_json(client: TestClient) -> None:
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_fix_applies_safe_fixes_and_rechecks(rule_checker) -> None:
    checker = rule_checker(make_rule("AD-ZH-901", '"最好"', extra='fix: "很好"\n'),
                           make_rule("AD-ZH-902", '"根治"'))
    with TestClient(create_app(checker, warm_up=False)) as c:
        text = "这是最好的面霜，最好用，能根治痘痘"
        r = c.post("/v1/fix", json={"text": text})
        assert r.status_code == 200
        body = r.json()
        assert body["text"] == "这是很好的面霜，很好用，能根治痘痘"
        assert [(a["step"], a["rule"], a["start"], a["end"], a["old"], a["new"])
                for a in body["applied"]] == [(1, "AD-ZH-901", 2, 4, "最好", "很好"),
                                              (1, "AD-ZH-901", 8, 10, "最好", "很好")]
        # what remains is checked on the fixed text: the unfixable finding, nothing else
        assert [(f["rule"], f["text"]) for f in body["findings"]] == [("AD-ZH-902", "根治")]
        assert body["text"][body["findings"][0]["start"]:body["findings"][0]["end"]] == "根治"
        # restricting to other rules applies nothing
        none = c.post("/v1/fix", json={"text": text, "rules": ["AD-ZH-902"]}).json()
        assert none["text"] == text and none["applied"] == []


def test_fix_repeats_until_nothing_fixable_is_left(rule_checker) -> None:
    checker = rule_checker(make_rule("AD-ZH-901", '"最最好"', extra='fix: "最好"\n'),
                           make_rule("AD-ZH-902", '"最好"', extra='fix: "很好"\n'))
    with TestClient(create_app(checker, warm_up=False)) as c:
        body = c.post("/v1/fix", json={"text": "这是最最好的"}).json()
        assert body["text"] == "这是很好的"
        assert [(a["step"], a["rule"], a["old"], a["new"]) for a in body["applied"]] == [
            (1, "AD-ZH-901", "最最好", "最好"), (2, "AD-ZH-902", "最好", "很好")]
        assert body["findings"] == []


def test_fix_refuses_text_it_cannot_rewrite_in_place(client: TestClient) -> None:
    r = client.post("/v1/fix", json={"text": '{"text": "最好"}\n', "format": "jsonl"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_fixable"


def test_check_file_reads_uploads(client: TestClient) -> None:
    data = (SAMPLES / "stream.srt").read_bytes()
    r = client.post("/v1/check-file", json={"filename": "stream.srt",
                                            "content_base64": base64.b64encode(data).decode()})
    assert r.status_code == 200
    body = r.json()
    assert body["document"]["input_format"] == "srt" and body["document"]["check_format"] == "srt"
    text = body["document"]["text"]
    assert body["findings"]
    for f in body["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["path"] == "stream.srt"


def test_check_file_docx(client: TestClient) -> None:
    data = (SAMPLES / "script.docx").read_bytes()
    r = client.post("/v1/check-file", json={"filename": "C:\\Users\\a\\script.docx",
                                            "content_base64": base64.b64encode(data).decode()})
    assert r.status_code == 200
    body = r.json()
    assert body["document"]["path"] == "script.docx"
    assert body["document"]["check_format"] == "txt"
    assert body["findings"]
    # re-checking the returned text as check_format gives the same findings
    again = client.post("/v1/check", json={"text": body["document"]["text"],
                                           "format": body["document"]["check_format"],
                                           "path": "script.docx"}).json()
    assert [(f["rule"], f["start"]) for f in again["findings"]] == \
        [(f["rule"], f["start"]) for f in body["findings"]]


@pytest.mark.parametrize("filename,content,code", [
    ("a.txt", "not base64!!", "invalid_base64"),
    ("binary.bin", base64.b64encode((SAMPLES / "binary.bin").read_bytes()).decode(),
     "invalid_input"),
    ("fake.docx", base64.b64encode(b"not a zip").decode(), "invalid_input"),
])
def test_check_file_errors(client: TestClient, filename: str, content: str, code: str) -> None:
    r = client.post("/v1/check-file", json={"filename": filename, "content_base64": content,
                                            **({"input_format": "txt"} if filename.endswith(
                                                ".bin") else {})})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == code


# -- WebSocket ----------------------------------------------------------------

def _until_ack(ws) -> list[dict]:
    out = []
    while True:
        msg = ws.receive_json()
        out.append(msg)
        if msg["type"] in ("ack", "error"):
            return out


def test_stream_finds_phrase_split_across_segments(client: TestClient) -> None:
    with client.websocket_connect("/v1/stream?lang=zh") as ws:
        ws.send_json({"text": "家人们晚上好", "start": 0.0, "end": 2.8, "speaker": "主播"})
        first = _until_ack(ws)
        assert [m["type"] for m in first] == ["ack"]
        ws.send_json({"text": "这个是全网", "start": 8.2, "end": 9.4, "speaker": "主播"})
        assert not [m for m in _until_ack(ws) if m["type"] == "finding"]
        ws.send_json({"text": "最低价", "start": 9.4, "end": 10.1, "speaker": "主播"})
        got = _until_ack(ws)
        findings = [m for m in got if m["type"] == "finding"]
        assert [f["rule"] for f in findings] == ["PR-ZH-020"]
        assert findings[0]["segment"]["index"] == 1 and findings[0]["segment"]["end_index"] == 2
        assert findings[0]["text"].replace("\n", "") == "全网最低价"
        assert got[-1] == {"type": "ack", "index": 2, "findings": 1,
                           "latency_ms": got[-1]["latency_ms"]}
        ws.send_json({"type": "end"})
        stats = ws.receive_json()
        assert stats["type"] == "stats"
        assert stats["segments"] == 3 and stats["findings"] == 1
        assert stats["by_category"] == {"pricing": 1}
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1000


def test_stream_batches_and_bad_messages(client: TestClient) -> None:
    with client.websocket_connect("/v1/stream") as ws:
        ws.send_text("{oops")
        assert ws.receive_json()["code"] == "malformed"
        ws.send_json({"segments": [{"text": "a"}] * 6})
        assert ws.receive_json()["code"] == "too_many_segments"
        ws.send_json({"speaker": "x"})
        assert ws.receive_json()["code"] == "malformed"
        ws.send_json({"segments": [{"text": "这个是全网"}, {"text": "最低价"}]})
        first, second = _until_ack(ws), _until_ack(ws)
        assert [m["type"] for m in first] == ["ack"]
        assert [m["type"] for m in second] == ["finding", "ack"]
        ws.send_json({"type": "end"})
        stats = ws.receive_json()
        assert stats["malformed"] == 3 and stats["segments"] == 2


def test_stream_bad_option_closes(client: TestClient) -> None:
    with client.websocket_connect("/v1/stream?lang=fr") as ws:
        assert ws.receive_json()["code"] == "invalid_option"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1003


def _wait_sessions(client: TestClient, n: int) -> None:
    deadline = time.monotonic() + 5
    while client.get("/healthz").json()["sessions"] != n and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.get("/healthz").json()["sessions"] == n


def test_stream_session_bound(client: TestClient) -> None:
    def hello(ws) -> None:
        ws.send_json({"text": "你好"})
        assert _until_ack(ws)[-1]["type"] == "ack"

    with ExitStack() as stack:
        for _ in range(2):
            hello(stack.enter_context(client.websocket_connect("/v1/stream")))
        with client.websocket_connect("/v1/stream") as third:
            hello(third)
            _wait_sessions(client, 3)
            with client.websocket_connect("/v1/stream") as ws:
                err = ws.receive_json()
                assert err["type"] == "error" and err["code"] == "too_many_sessions"
                with pytest.raises(WebSocketDisconnect) as closed:
                    ws.receive_json()
                assert closed.value.code == 1008
        _wait_sessions(client, 2)  # the third left: its slot is free again
        with client.websocket_connect("/v1/stream") as ws:
            hello(ws)
    _wait_sessions(client, 0)


# -- OpenAPI --------------------------------------------------------------------

def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/v1/check", "/v1/check-file", "/v1/fix", "/v1/rules", "/v1/rules/{rule_id}",
                 "/healthz"):
        assert path in paths
    check = paths["/v1/check"]["post"]
    assert "413" in check["responses"] and "503" in check["responses"]
    assert check["responses"]["422"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/ErrorResponse")
    assert "CheckResponse" in spec["components"]["schemas"]


try:
    import schemathesis
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - depends on the installed extras
    schemathesis = None


if schemathesis is not None:
    # Schema-valid input can still be refused for what it says (a VTT text without its
    # WEBVTT header, undecodable base64): 422 is a correct answer to such positive data.
    _config = schemathesis.config.SchemathesisConfig.from_dict({"checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "413", "422"]}}})
    schema = schemathesis.openapi.from_asgi("/openapi.json",
                                            create_app(Checker(), warm_up=False),
                                            config=_config)

    @schema.parametrize()
    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def test_openapi_conformance(case) -> None:
        """Generated requests never crash the server and every response matches the schema."""
        case.call_and_validate()
else:  # pragma: no cover
    def test_openapi_conformance() -> None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")


def test_the_finding_model_is_the_dataclass() -> None:
    import dataclasses

    from rulecheck.model import Finding
    from rulecheck.server.schemas import FindingOut

    assert list(FindingOut.model_fields) == [f.name for f in dataclasses.fields(Finding)]


def test_head_of_the_page_answers_like_get(client: TestClient) -> None:
    got, head = client.get("/"), client.head("/")
    assert head.status_code == got.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"] and head.content == b""
