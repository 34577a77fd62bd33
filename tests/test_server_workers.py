"""Checks in worker processes (``isolation="process"``): the same answers as in threads,
a check past its deadline kills its worker and a fresh one serves the next request,
/healthz answers while a worker is busy, and what falls back to threads.

One app with one real worker process serves the whole module (a worker takes a
few seconds to start); everything else here runs without processes.
"""

from __future__ import annotations

import base64
import io
import logging
import os
import pickle
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
pytest.importorskip("httpx", reason="the TestClient needs httpx")
pytest.importorskip("pebble", reason="worker processes need pebble")

from fastapi.testclient import TestClient  # noqa: E402

from rulecheck.engine.checker import Checker  # noqa: E402
from rulecheck.server import create_app  # noqa: E402
from rulecheck.server.errors import ApiError  # noqa: E402
from rulecheck.server.workers import process_support, recipe_for  # noqa: E402

if process_support() is not None:
    pytest.skip(f"no worker processes here: {process_support()}", allow_module_level=True)

#: Dense price claims: checking 100,000 characters takes far longer than a second.
SLOW_TEXT = ("全网最低价，原价999今天只要99，" * 7000)[:100_000]


@pytest.fixture(scope="module")
def base() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def proc(base: Checker):
    app = create_app(base, isolation="process", workers=1, request_timeout_s=1.5,
                     max_segments=5)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def threads(base: Checker):
    with TestClient(create_app(base, warm_up=False, max_segments=5)) as c:
        yield c


def _same(a: dict, b: dict) -> None:
    """Equal answers, but for the time the check took."""
    for body in (a, b):
        body.get("summary", {}).pop("elapsed_ms", None)
    assert a == b


def test_the_app_runs_worker_processes(proc: TestClient) -> None:
    runner = proc.app.state.rulecheck.runner
    assert runner.mode == "process"
    assert proc.portal.call(runner.pid) != os.getpid()


@pytest.mark.parametrize("path,body", [
    ("/v1/check", {"text": "这是全网最好用的面霜，原价999元，今天只要99元", "path": "a.txt"}),
    ("/v1/check", {"text": "这是全网最好用的面霜，原价999元", "select": ["PR"]}),
    ("/v1/check", {"segments": [{"text": "这个是全网", "start": 1.0, "end": 2.0},
                                {"text": "最低价", "start": 2.0, "end": 3.0}], "lang": "zh"}),
    ("/v1/check", {"text": "1\n00:00:01,000 --> 00:00:02,000\n最好\n", "format": "vtt"}),
    ("/v1/check", {"text": "x", "select": ["ZZ-999"]}),
    ("/v1/check", {"segments": [{"text": "好"}] * 6}),
    ("/v1/check-file", {"filename": "a.txt",
                        "content_base64": base64.b64encode("最好的".encode()).decode()}),
    ("/v1/check-file", {"filename": "a.txt", "content_base64": "!!"}),
    ("/v1/check-file", {"filename": "a.docx",
                        "content_base64": base64.b64encode(b"not a zip").decode()}),
    ("/v1/fix", {"text": "这是最好的面霜"}),
    ("/v1/fix", {"text": '{"text": "最好"}', "format": "jsonl"}),
])
def test_processes_answer_as_threads_do(proc: TestClient, threads: TestClient, path: str,
                                        body: dict) -> None:
    a, b = proc.post(path, json=body), threads.post(path, json=body)
    assert a.status_code == b.status_code, (a.text, b.text)
    assert a.headers["content-type"] == b.headers["content-type"] == "application/json"
    _same(a.json(), b.json())


def _until_ack(ws) -> tuple[list[dict], dict]:
    found = []
    while True:
        msg = ws.receive_json()
        if msg["type"] == "ack":
            return found, msg
        assert msg["type"] == "finding", msg
        found.append(msg)


def test_stream_in_processes_finds_phrases_across_segments(proc: TestClient,
                                                           threads: TestClient) -> None:
    messages = [{"text": "这个是全网", "start": 8.2, "end": 9.4, "speaker": "主播"},
                {"segments": [{"text": "最低价", "start": 9.4, "end": 10.1}]},
                {"text": "全网最低价，最好的"}]
    seen = []
    for client in (proc, threads):
        with client.websocket_connect("/v1/stream?lang=zh") as ws:
            got = []
            for message in messages:
                ws.send_json(message)
                found, ack = _until_ack(ws)
                got.append(([f["rule"] for f in found], [(f["start"], f["end"]) for f in found],
                            ack["index"], ack["findings"]))
            ws.send_json({"type": "end"})
            stats = ws.receive_json()
            assert stats["type"] == "stats" and stats["segments"] == 3
            seen.append(got)
    assert seen[0] == seen[1]
    assert seen[0][0][2:] == (0, 0) and "PR-ZH-020" in seen[0][1][0]


def test_healthz_answers_while_the_worker_is_busy(proc: TestClient) -> None:
    answers: list = []
    slow = threading.Thread(target=lambda: answers.append(
        proc.post("/v1/check", json={"text": SLOW_TEXT})))
    slow.start()
    try:
        time.sleep(0.4)  # the check is running in the only worker now
        began = time.perf_counter()
        r = proc.get("/healthz")
        waited = time.perf_counter() - began
        assert r.status_code == 200 and r.json()["status"] == "ok"
        assert waited < 0.5, f"/healthz took {waited:.2f} s while a check ran"
    finally:
        slow.join(30)
    assert answers and answers[0].status_code == 503


def test_a_check_past_its_deadline_kills_its_worker(proc: TestClient) -> None:
    before = _pid_when_ready(proc)
    began = time.perf_counter()
    r = proc.post("/v1/check", json={"text": SLOW_TEXT})
    assert r.status_code == 503 and r.json()["error"]["code"] == "timeout"
    assert time.perf_counter() - began < 5
    after = _pid_when_ready(proc)  # the fresh worker takes a moment to start
    assert after != before
    deadline = time.monotonic() + 10
    while _alive(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(before), "the worker of the check that timed out is still running"
    ok = proc.post("/v1/check", json={"text": "这是最好的"})
    assert ok.status_code == 200 and ok.json()["findings"]


def _pid_when_ready(client: TestClient, within_s: float = 30) -> int:
    runner = client.app.state.rulecheck.runner
    until = time.monotonic() + within_s
    while True:
        try:
            return client.portal.call(runner.pid)
        except ApiError:  # 503 while the only worker starts
            if time.monotonic() > until:
                raise


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in f)
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


# -- without processes ----------------------------------------------------------------

@contextmanager
def server_log(level: int) -> Iterator[io.StringIO]:
    """What the server logs at `level` or above, read from a handler on its own logger:
    libraries other tests load (ray, uvicorn) may leave logging in a state where records
    no longer reach pytest's capture at the root, and a test must not depend on the order
    tests ran in."""
    logger = logging.getLogger("rulecheck.server")
    saved = (logger.level, logger.disabled, logging.root.manager.disable)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(level)
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.disabled = False
    logging.disable(logging.NOTSET)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.disabled = saved[1]
        logging.disable(saved[2])


class Subclassed(Checker):
    """A checker whose behaviour lives in code a worker's recipe does not carry."""


def test_a_checker_subclass_falls_back_to_threads(base: Checker) -> None:
    with server_log(logging.WARNING) as logged:
        app = create_app(Subclassed(rulebook=base.rulebook), isolation="process",
                         warm_up=False)
    assert app.state.rulecheck.runner.mode == "thread"
    assert "cannot be rebuilt in a worker" in logged.getvalue()


def test_isolation_must_be_known(base: Checker) -> None:
    with pytest.raises(ValueError, match="isolation"):
        create_app(base, isolation="fork")  # type: ignore[arg-type]


def test_recipe_rebuilds_an_equal_checker(base: Checker) -> None:
    text = "这是全网最好用的面霜，原价999元，今天只要99元，the best cream ever"
    chosen = Checker(rulebook=base.rulebook, select=["PR"], severity_overrides={},
                     evasion=False)
    recipe = recipe_for(chosen)
    assert recipe is not None and recipe_for(Subclassed(rulebook=base.rulebook)) is None
    rebuilt = pickle.loads(pickle.dumps(recipe)).build()
    assert (rebuilt.select, rebuilt.evasion) == (["PR"], False)
    assert [f.to_dict() for f in rebuilt.check_text(text)] == \
        [f.to_dict() for f in chosen.check_text(text)]


def test_api_errors_cross_process_boundaries() -> None:
    err = pickle.loads(pickle.dumps(ApiError(422, "invalid_input", "bad", [{"x": 1}])))
    assert (err.status, err.code, err.message, err.details) == \
        (422, "invalid_input", "bad", [{"x": 1}])


class Broken(Checker):
    def check_document(self, *args, **kwargs):
        raise KeyError("a bug")


def test_a_crashing_check_is_500_and_logged(base: Checker) -> None:
    with TestClient(create_app(Broken(rulebook=base.rulebook), warm_up=False)) as c, \
            server_log(logging.ERROR) as logged:
        r = c.post("/v1/check", json={"text": "最好"})
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert "KeyError: 'a bug'" in logged.getvalue()
