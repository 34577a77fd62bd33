"""Resource bounds of the server: body size, check time, concurrent stream sessions.

The body limit is an ASGI middleware that counts bytes as they arrive and
answers 413 the moment the limit is passed, so an oversized upload is never
buffered whole. Checks run under a deadline, in worker processes (workers.py) or
in a bounded thread pool (``CheckRunner``); a check still queued when its
deadline passes is cancelled, one already running is stopped (its process
killed, or an exception raised in its thread, cancel.py) while the client gets
503. Bodies must
arrive within a deadline, and the Host header (and a WebSocket's Origin) must
name this server (``HostGuard``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rulecheck.heap import freeze_long_lived
from rulecheck.server.cancel import Job
from rulecheck.server.checkers import CheckerPool
from rulecheck.server.errors import ApiError, error_body
from rulecheck.server.jobs import WarmJob

T = TypeVar("T")


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": data})


class BodyLimitMiddleware:
    """Reject request bodies over ``max_bytes`` with 413 while they are being read.

    A body must arrive whole within ``timeout_s`` (else 408), so a client sending one
    byte a second cannot hold the connection; and all bodies being read at once may
    hold at most ``budget_bytes`` (else 503), so many half-sent bodies cannot
    exhaust memory.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 10.0,
                 budget_bytes: int | None = None):
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.budget_bytes = budget_bytes if budget_bytes is not None else 16 * max_bytes
        self.pending = 0  # bytes of bodies being read, over all connections

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = error_body("body_too_large",
                               f"request body exceeds the limit of {self.max_bytes} bytes")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(send, 400, error_body("bad_request",
                                                           "invalid Content-Length header"))
                    return
                if declared > self.max_bytes:
                    await _send_json(send, 413, too_large)
                    return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                try:
                    message = await asyncio.wait_for(receive(), deadline - loop.time())
                except asyncio.TimeoutError:
                    await _send_json(send, 408, error_body(
                        "body_timeout", f"the request body did not arrive within "
                                        f"{self.timeout_s:g} s"))
                    return
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                size += len(body)
                if size > self.max_bytes:
                    await _send_json(send, 413, too_large)
                    return
                if self.pending + len(body) > self.budget_bytes:
                    await _send_json(send, 503, error_body(
                        "busy", "too many request bodies are being received; try again"))
                    return
                self.pending += len(body)
                chunks.append(body)
                if not message.get("more_body", False):
                    break
        finally:
            self.pending -= sum(len(c) for c in chunks)
        data = b"".join(chunks)
        chunks.clear()
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class CheckRunner:
    """Runs checks in worker threads, each under a deadline (``isolation="thread"``).

    For a checker that worker processes cannot rebuild (a subclass) and platforms
    without them; a check holds the GIL while it runs, so CPU-heavy checks delay the
    event loop (see workers.py for the process runner)."""

    mode = "thread"

    def __init__(self, timeout_s: float, workers: int = 4, pool: CheckerPool | None = None):
        self.timeout_s = timeout_s
        self.workers = workers
        self.pool = pool  # the checkers jobs run with
        self._executor_pool: ThreadPoolExecutor | None = None

    def _executor(self) -> ThreadPoolExecutor:
        # created on demand, so an app whose lifespan ran (and shut it down) still serves
        if self._executor_pool is None:
            self._executor_pool = ThreadPoolExecutor(max_workers=self.workers,
                                                     thread_name_prefix="rulecheck")
        return self._executor_pool

    async def start(self, timeout_s: float = 120.0) -> int:
        """Load the tokenizers now, not on the first user's request."""
        if self.pool is not None:
            await self.run(WarmJob().run, self.pool)
        return self.workers

    async def call(self, job: Any) -> Any:
        """``job.run(pool)`` in a worker thread; 503 past the deadline."""
        return await self.run(job.run, self.pool)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        job = Job(fn, *args)
        future = loop.run_in_executor(self._executor(), job)
        try:
            return await asyncio.wait_for(future, self.timeout_s)
        except asyncio.TimeoutError:
            job.cancel()  # stop the work itself, not only the wait for it
            raise ApiError(503, "timeout", f"the check did not finish within "
                                           f"{self.timeout_s:g} s; send less text") from None
        finally:
            freeze_long_lived()

    def shutdown(self) -> None:
        pool, self._executor_pool = self._executor_pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class SessionGate:
    """Counts open stream sessions; refuses a new one at the bound."""

    def __init__(self, limit: int):
        self.limit = limit
        self.active = 0

    def try_enter(self) -> bool:
        if self.active >= self.limit:
            return False
        self.active += 1
        return True

    def leave(self) -> None:
        self.active = max(self.active - 1, 0)
