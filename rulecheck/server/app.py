"""The app factory and `serve`: one compiled rulebook behind an HTTP + WebSocket API."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rulecheck import categories
from rulecheck.engine.checker import Checker
from rulecheck.errors import InputError
from rulecheck.server import routes, stream
from rulecheck.server.checkers import CheckerPool
from rulecheck.server.guard import LOOPBACK_HOSTS, HostGuard
from rulecheck.server.limits import (
    ApiError,
    BodyLimitMiddleware,
    CheckRunner,
    SessionGate,
    error_body,
)
from rulecheck.server.state import Limits, Runner, ServerState
from rulecheck.version import __version__

log = logging.getLogger("rulecheck.server")

Isolation = Literal["process", "thread"]

DESCRIPTION = """\
Check live-commerce marketing scripts and live-stream transcripts (Chinese and
English) against advertising, pricing, food-safety and consumer law. Every
finding names the rule, the category, the legal basis, the exact span
(`text == original[start:end]`) and compliant alternatives.

Live transcripts: open a WebSocket at `/v1/stream` and send one JSON segment
per message (`{"text", "start", "end", "speaker"}`); findings come back as
`{"type": "finding", ...}` messages, phrases split across segments included.
"""


#: Where the web page's script expects the category table (rulecheck/categories.py).
CATEGORY_PLACEHOLDER = "/*@categories*/[]"


def _page() -> str:
    """The web page, with the category table written into its script."""
    page = resources.files("rulecheck.server").joinpath("static/index.html") \
        .read_text(encoding="utf-8")
    table = json.dumps(categories.as_json(), ensure_ascii=False).replace("<", "\\u003c")
    return page.replace(CATEGORY_PLACEHOLDER, table, 1)


def create_app(checker: Checker | None = None, *, max_body_bytes: int = 1_000_000,
               max_segments: int = 500, request_timeout_s: float = 10,
               max_sessions: int = 100, session_idle_s: float = 300,
               workers: int = 4, warm_up: bool = True, body_timeout_s: float = 10,
               allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
               allowed_origins: Sequence[str] = (),
               isolation: Isolation = "thread",
               start_method: str | None = None) -> FastAPI:
    """An app over ``checker`` (the bundled rulebook when None).

    Limits: request bodies over ``max_body_bytes`` get 413 while being read;
    more than ``max_segments`` segments in one request or stream message are
    refused; a check not done within ``request_timeout_s`` gets 503 and is
    stopped; a body not received within ``body_timeout_s`` gets 408; at most
    ``max_sessions`` stream sessions are open at once (others are closed with
    1008). Requests must name one of ``allowed_hosts`` (``"*"``: any) in their
    Host header, and a browser's WebSocket must come from a page on one of them or
    from ``allowed_origins``. No endpoint reads or writes files.

    ``isolation`` says where the ``workers`` run checks: ``"process"`` in worker
    processes that are killed at the deadline (workers.py; what `serve` uses), so
    no check can stall the event loop; ``"thread"`` in threads of this process
    (the default here: fast to start, for tests and embedding). A checker that
    worker processes cannot rebuild (a ``Checker`` subclass), or a platform
    without them, falls back to threads, with a warning in the log.
    ``start_method`` is the multiprocessing start method of the workers
    (default: forkserver where available, else spawn; never fork).
    """
    base = checker if checker is not None else Checker()
    limits = Limits(max_body_bytes=max_body_bytes, max_segments=max_segments,
                    request_timeout_s=request_timeout_s, max_sessions=max_sessions,
                    session_idle_s=session_idle_s, workers=workers)
    pool = CheckerPool(base)
    runner = _runner(base, pool, isolation, request_timeout_s, workers, start_method)
    state = ServerState(pool=pool, runner=runner, gate=SessionGate(max_sessions),
                        limits=limits, page=_page())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # start the workers (and load the tokenizers) now, not on the first request
        if warm_up or runner.mode == "process":
            began = time.perf_counter()
            try:
                ready = await runner.start()
            except ApiError:
                log.warning("warm-up check did not finish in time")
            else:
                log.info("%d check %s ready in %.1f s", ready,
                         "processes" if runner.mode == "process" else "threads",
                         time.perf_counter() - began)
                if ready < runner.workers:
                    log.warning("only %d of %d check workers started", ready, runner.workers)
        yield
        runner.shutdown()

    app = FastAPI(title="rulecheck", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.rulecheck = state
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes,
                       timeout_s=body_timeout_s)
    app.add_middleware(HostGuard, hosts=allowed_hosts, origins=allowed_origins)
    app.include_router(routes.router)
    app.include_router(stream.router)
    _install_error_handlers(app)
    _document_codes(app, state.pool.codes)
    return app


def _runner(base: Checker, pool: CheckerPool, isolation: Isolation, timeout_s: float,
            workers: int, start_method: str | None) -> Runner:
    """The check runner ``isolation`` asks for, or threads when processes cannot
    run this checker or on this platform."""
    if isolation not in ("process", "thread"):
        raise ValueError(f"isolation must be 'process' or 'thread', not {isolation!r}")
    if isolation == "process":
        from rulecheck.server.workers import ProcessRunner, process_support, recipe_for

        recipe = recipe_for(base)
        why = process_support() if recipe is not None else \
            f"a {type(base).__name__} (a Checker subclass) cannot be rebuilt in a worker"
        if recipe is not None and why is None:
            return ProcessRunner(recipe, timeout_s, workers, start_method=start_method)
        log.warning("checks run in threads: %s", why)
    return CheckRunner(timeout_s, workers, pool)


def _document_codes(app: FastAPI, codes: list[str]) -> None:
    """Put this rulebook's valid select/ignore codes into the OpenAPI schema as an enum."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = plain()
            for model in spec.get("components", {}).get("schemas", {}).values():
                for name in ("select", "ignore"):
                    prop = model.get("properties", {}).get(name)
                    for branch in (prop or {}).get("anyOf", []):
                        if branch.get("type") == "array":
                            branch["items"]["enum"] = codes
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.details),
                            status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), exclude={"input", "url"})
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid request')}" if where \
            else first.get("msg", "invalid request")
        return JSONResponse(error_body("invalid_request", message, errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(InputError)
    async def unreadable(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(error_body("invalid_input", str(exc)), status_code=422)

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        return JSONResponse(error_body("invalid_input", "the input is nested too deeply"),
                            status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return JSONResponse(error_body("internal_error", "internal error; see the server log"),
                            status_code=500)


def serve(host: str = "127.0.0.1", port: int = 8000, *, checker: Checker | None = None,
          log_level: str = "info", isolation: Isolation = "process", **limits: Any) -> None:
    """Run the app with uvicorn (loopback by default; pass host="0.0.0.0" deliberately).

    Checks run in worker processes unless ``isolation="thread"``: a server faces
    texts nobody has vetted, and only a process can be stopped at any point."""
    import uvicorn

    if "allowed_hosts" not in limits:
        extra = () if host in ("0.0.0.0", "::", "") else (host,)
        limits["allowed_hosts"] = (*LOOPBACK_HOSTS, *extra)
    app = create_app(checker, isolation=isolation, **limits)
    max_body = app.state.rulecheck.limits.max_body_bytes
    uvicorn.run(app, host=host, port=port, log_level=log_level, ws_max_size=max_body,
                server_header=False, proxy_headers=False, timeout_keep_alive=5)
