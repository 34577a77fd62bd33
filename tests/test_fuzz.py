"""Random text and bytes at every entry point: the library, the readers, the CLI, the
server's /v1/check, /v1/check-file and WebSocket, rule packs and configurations.

Bounded (a few hundred examples, no deadline) so it runs in seconds; the long run
is benchmarks/fuzz.py. An answer may be an error, but always the expected kind:
InputError/RuleError/ConfigError from the library, exit 2 with no traceback from
the CLI, 4xx from the server.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rulecheck import readers
from rulecheck.cli import app
from rulecheck.engine.checker import Checker
from rulecheck.errors import ConfigError, InputError, RuleError

pytest.importorskip("httpx", reason="the TestClient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402

from rulecheck.server import create_app  # noqa: E402

#: Words the rules look for, and characters that have broken parsers and terminals.
WORDS = ["最好", "全网最低价", "第一", "原价999今天只要99", "治疗", "the best", "No.1", "最 好",
         "加V信", "100%有效", "仅限今天", "\n", "\r\n", "，", "。", "\t", " "]
ODD = ["\ud83d", "\udce9", "\x00", "\x1b[31m", "\u202e", "\u2067", "\ufeff", "\u200b",
       "😀", "\U0010ffff", "{", "}", "[", "]", '"', "\\", "-->", "WEBVTT", "00:00:01,000",
       "<!--", "# rulecheck: ignore[AD-ZH-001]", "=", "@"]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=8)),
                 max_size=30).map("".join)
blobs = st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8",
                                                                         "surrogatepass")))
FORMATS = list(readers.SUPPORTED_FORMATS)
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def client(checker: Checker):
    with TestClient(create_app(checker, warm_up=False, max_body_bytes=20_000)) as c:
        yield c


@FUZZ
@given(text=texts, lang=st.sampled_from(["auto", "zh", "en"]))
def test_library(checker: Checker, text: str, lang: str) -> None:
    for f in checker.check_text(text, lang=lang):
        assert 0 <= f.start <= f.end <= len(text)
        json.dumps(f.to_dict(), ensure_ascii=False).encode("utf-8")


@settings(FUZZ, max_examples=200)
@given(data=blobs, fmt=st.sampled_from(FORMATS),
       encoding=st.sampled_from([None, None, "utf-8", "gb18030", "utf-16", "big5", "rot13",
                                 "nosuch"]))
def test_readers(data: bytes, fmt: str, encoding: str | None) -> None:
    try:
        doc = readers.read_bytes(data, path="fuzz", input_format=fmt, encoding=encoding)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    doc.text.encode("utf-8")  # no lone surrogate survives reading
    for seg in doc.segments:
        assert 0 <= seg.start <= seg.end <= len(doc.text)


@settings(FUZZ, max_examples=25)
@given(data=blobs, suffix=st.sampled_from([".txt", ".srt", ".vtt", ".jsonl", ".csv", ".docx",
                                           ".md"]),
       fmt=st.sampled_from(["text", "json", "csv", "sarif", "html", "junit", "github"]))
def test_cli(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str,
             fmt: str) -> None:
    d = tmp_path_factory.mktemp("cli")
    p = d / f"in{suffix}"
    p.write_bytes(data)
    r = CliRunner().invoke(app, ["check", str(p), "--format", fmt, "--isolated", "-j", "1"])
    assert r.exit_code in (0, 1, 2), r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output


@settings(FUZZ, max_examples=60)
@given(text=texts, fmt=st.sampled_from(["txt", "md", "srt", "vtt", "jsonl", "csv"]),
       raw=st.binary(max_size=200))
def test_server_check(client: TestClient, text: str, fmt: str, raw: bytes) -> None:
    body = json.dumps({"text": text, "format": fmt}).encode()
    r = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text
    segments = json.dumps({"segments": [{"text": t} for t in text.split("\n")][:5]})
    r = client.post("/v1/check", content=segments.encode(),
                    headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text
    r = client.post("/v1/check", content=raw, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text


@settings(FUZZ, max_examples=60)
@given(data=blobs, name=st.text(max_size=20), enc=st.sampled_from([None, "utf-8", "rot13",
                                                                  "x\x00", "gbk"]))
def test_server_check_file(client: TestClient, data: bytes, name: str,
                           enc: str | None) -> None:
    body = {"filename": name + ".txt" if name else "a.docx",
            "content_base64": base64.b64encode(data).decode()}
    if enc is not None:
        body["encoding"] = enc
    r = client.post("/v1/check-file", content=json.dumps(body).encode(),
                    headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text


@settings(FUZZ, max_examples=20)
@given(messages=st.lists(st.one_of(texts, texts.map(lambda t: json.dumps({"text": t})),
                                   st.just("[" * 5000)), min_size=1, max_size=4))
def test_server_websocket(client: TestClient, messages: list[str]) -> None:
    with client.websocket_connect("/v1/stream") as ws:
        for m in messages:
            ws.send_text(m)
            while True:
                got = ws.receive_json()
                assert got.get("code") != "internal_error", got
                if got["type"] in ("ack", "error"):
                    break
        ws.send_json({"type": "end"})
        assert ws.receive_json()["type"] == "stats"


RULE = """- id: AD-ZH-901
  category: advertising
  family: f
  severity: error
  lang: zh
  title: t
  law: l
  message: m
  match: {match}
  examples:
    bad: [x]
    good: [y]
"""
exprs = st.lists(st.sampled_from(['"最好"', " or ", " and ", "not ", "(", ")", "/a+/",
                                  "@negators", "word(", "near 3", ",", "NUM", " ", "\x07",
                                  "'", '"', "{", "]", "/(/", "after(", "3"]),
                 max_size=12).map("".join)


@settings(FUZZ, max_examples=40)
@given(match=st.one_of(exprs, st.text(max_size=20)), junk=st.text(max_size=30))
def test_rule_packs(tmp_path_factory: pytest.TempPathFactory, match: str, junk: str) -> None:
    from rulecheck.rulebook.compiler import load_rulebook

    d = tmp_path_factory.mktemp("pack")
    (d / "a.yaml").write_text(RULE.format(match=json.dumps(match)) + junk, encoding="utf-8",
                              errors="surrogatepass")
    try:
        load_rulebook([d], bundled=False, use_cache=False)
    except RuleError:
        pass


@settings(FUZZ, max_examples=40)
@given(text=st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    ["select = ", '["AD"]', "[per-file-ignores]\n", '"*.txt" = ["AD"]\n', '"[z-a]" = []\n',
     "severity = {", "}", "\n", "[", "]", "1e400", '"', "rules = ", "lang = ", '"xx"']),
    max_size=10).map("".join)))
def test_configs(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    from rulecheck.config import load_config

    p: Path = tmp_path_factory.mktemp("cfg") / "rulecheck.toml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        settings_ = load_config(p)
        for pattern, _ in settings_.per_file_ignores:
            settings_.ignores_for(str(p.parent / pattern.replace("*", "x")))
    except ConfigError:
        pass
