"""The HTTP endpoints: check text, segments or an uploaded file; fix; list rules.

A check endpoint validates the request here (schema, sizes, rule codes) and hands
the work to the runner as a job (jobs.py); the job's answer arrives encoded.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from rulecheck.server import schemas
from rulecheck.server.convert import rule_dict
from rulecheck.server.jobs import (
    DOCX_MEDIA_TYPE,
    Answer,
    CheckJob,
    FileJob,
    FixJob,
    ReviewJob,
    upload_name,
)
from rulecheck.server.limits import ApiError
from rulecheck.server.state import ServerState, state_of
from rulecheck.version import __version__

router = APIRouter()
log = logging.getLogger("rulecheck.server")

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorResponse, "description": text}
    for code, text in [(400, "The body is not readable JSON"),
                       (413, "Body or segment count over the limit"),
                       (422, "Invalid request or unreadable input"),
                       (503, "The check did not finish in time")]
}

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                               "style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def _answer(st: ServerState, job: Any, path: str,
                  headers: dict[str, str] | None = None) -> Response:
    """Run ``job`` and send its answer as it came (the body is built to the response
    model's shape, so it is not validated again); ``headers`` go with a success."""
    got: Answer = await st.runner.call(job)
    if got.crash is not None:
        log.error("internal error on %s\n%s", path, got.crash.rstrip())
    return Response(got.body, status_code=got.status, media_type=got.media_type,
                    headers=headers if got.status == 200 else None)


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse,
                  include_in_schema=False)
async def page(request: Request) -> HTMLResponse:
    """The web page (HEAD too, as uptime checks and link previews ask)."""
    return HTMLResponse(state_of(request).page, headers=PAGE_HEADERS)


@router.get("/healthz", response_model=schemas.Health, tags=["service"])
async def healthz(request: Request) -> dict[str, Any]:
    st = state_of(request)
    return {"status": "ok", "version": __version__, "rules": len(st.pool.base.rulebook.rules),
            "sessions": st.gate.active, "max_sessions": st.gate.limit}


@router.post("/v1/check", response_model=schemas.CheckResponse, responses=_ERRORS,
             tags=["check"])
async def check(body: schemas.CheckRequest, request: Request) -> Response:
    """Check a script (`text`) or a transcript (`segments`)."""
    st = state_of(request)
    key = st.pool.key(body.select, body.ignore)
    if body.segments is not None:
        if len(body.segments) > st.limits.max_segments:
            raise ApiError(413, "too_many_segments",
                           f"{len(body.segments)} segments; the limit is "
                           f"{st.limits.max_segments} per request")
        job = CheckJob(key, body.lang, body.product_type, body.path,
                       segments=[(s.text, s.start, s.end, s.speaker) for s in body.segments])
    else:
        job = CheckJob(key, body.lang, body.product_type, body.path, text=body.text or "",
                       fmt=body.format)
    return await _answer(st, job, request.url.path)


@router.post("/v1/check-file", response_model=schemas.CheckFileResponse, responses=_ERRORS,
             tags=["check"])
async def check_file(body: schemas.CheckFileRequest, request: Request) -> Response:
    """Check an uploaded file (txt, md, srt, vtt, jsonl, csv, docx) sent as base64."""
    st = state_of(request)
    key = st.pool.key(body.select, body.ignore)
    job = FileJob(key, body.lang, body.product_type, body.filename, body.content_base64,
                  body.input_format, body.encoding)
    return await _answer(st, job, request.url.path)


@router.post("/v1/fix", response_model=schemas.FixResponse, responses=_ERRORS, tags=["check"])
async def fix(body: schemas.FixRequest, request: Request) -> Response:
    """Apply every safe fix (and with `unsafe_fixes` the others), then check the result."""
    st = state_of(request)
    key = st.pool.key(body.select, body.ignore)
    job = FixJob(key, body.lang, body.product_type, body.text, body.format, body.rules,
                 body.unsafe_fixes)
    return await _answer(st, job, request.url.path)


@router.post("/v1/review/docx", response_class=Response, tags=["check"],
             responses={200: {"description": "The reviewed .docx",
                              "content": {DOCX_MEDIA_TYPE: {"schema": {
                                  "type": "string", "format": "binary"}}}}, **_ERRORS})
async def review_docx(body: schemas.ReviewDocxRequest, request: Request) -> Response:
    """Send an uploaded .docx back with a Word comment on each finding (rule, law, message,
    suggestions) and, with `fix`, the fixes as tracked changes to accept or reject."""
    st = state_of(request)
    key = st.pool.key(body.select, body.ignore)
    job = ReviewJob(key, body.lang, body.product_type, body.filename, body.content_base64,
                    body.fix, body.unsafe_fixes)
    stem = upload_name(body.filename).rsplit(".", 1)[0] or "script"
    name = f"{stem}.reviewed.docx"
    plain = name.isascii() and name.isprintable() and not set(name) & set('"\\;')
    fallback = name if plain else "reviewed.docx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return await _answer(st, job, request.url.path, {"Content-Disposition": disposition})


@router.get("/v1/rules", response_model=schemas.RulesResponse, tags=["rules"])
async def rules(request: Request,
                category: Annotated[schemas.Category | None, Query()] = None,  # type: ignore[valid-type]
                lang: Annotated[str | None, Query(max_length=8)] = None) -> dict[str, Any]:
    """Every rule of the rulebook, optionally of one category or language."""
    book = state_of(request).pool.base.rulebook
    chosen = [rule_dict(cr.rule) for _, cr in sorted(book.rules.items())
              if (category is None or cr.rule.category == category)
              and (lang is None or cr.rule.lang == lang)]
    return {"version": __version__, "count": len(chosen), "rules": chosen}


@router.get("/v1/rules/{rule_id}", response_model=schemas.RuleOut,
            responses={404: {"model": schemas.ErrorResponse, "description": "Unknown rule"}},
            tags=["rules"])
async def rule(rule_id: str, request: Request) -> dict[str, Any]:
    """One rule: its law, message, suggestions and examples."""
    book = state_of(request).pool.base.rulebook
    cr = book.rules.get(rule_id) or book.rules.get(rule_id.upper())
    if cr is None:
        raise ApiError(404, "unknown_rule", f"no rule {rule_id!r}")
    return rule_dict(cr.rule)
