"""The HTTP endpoints: check text, segments or an uploaded file; fix; list rules."""

from __future__ import annotations

import base64
import binascii
import io
import os
import time
import zipfile
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from rulecheck import __version__
from rulecheck.engine.checker import Checker
from rulecheck.errors import InputError
from rulecheck.fix import fixable
from rulecheck.model import Document, Finding
from rulecheck.server import schemas
from rulecheck.server.convert import findings_list, rule_dict, segments_document, summary
from rulecheck.server.fixing import fix_all
from rulecheck.server.limits import ApiError
from rulecheck.server.state import state_of

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorResponse, "description": text}
    for code, text in [(400, "The body is not readable JSON"),
                       (413, "Body or segment count over the limit"),
                       (422, "Invalid request or unreadable input"),
                       (503, "The check did not finish in time")]
}

#: A .docx is a zip; refuse one that would expand past this (a zip bomb).
MAX_DOCX_EXPANDED = 50_000_000

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                               "style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _check(checker: Checker, doc: Document, lang: str,
           product_type: str | None) -> dict[str, Any]:
    began = time.perf_counter()
    findings = checker.check_document(doc, lang=lang, product_type=product_type)
    return {"version": __version__,
            "summary": summary(findings, len(doc.text), len(doc.segments),
                               time.perf_counter() - began),
            "findings": findings_list(findings)}


def _rendered(work: Callable[[], dict[str, Any]]) -> JSONResponse:
    """Run ``work`` and encode its answer as JSON in the worker thread: thousands of
    findings take long to encode, and the event loop must stay free for other clients
    (the dict is built to the response model's shape, so it is not validated again)."""
    return JSONResponse(work())


def _read_text(text: str, fmt: str, path: str) -> Document:
    from rulecheck.readers import read_text

    try:
        return read_text(text, path=path, input_format=fmt)
    except InputError as exc:
        raise ApiError(422, "invalid_input", str(exc)) from None


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def page(request: Request) -> HTMLResponse:
    return HTMLResponse(state_of(request).page, headers=PAGE_HEADERS)


@router.get("/healthz", response_model=schemas.Health, tags=["service"])
async def healthz(request: Request) -> dict[str, Any]:
    st = state_of(request)
    return {"status": "ok", "version": __version__, "rules": len(st.pool.base.rulebook.rules),
            "sessions": st.gate.active, "max_sessions": st.gate.limit}


@router.post("/v1/check", response_model=schemas.CheckResponse, responses=_ERRORS,
             tags=["check"])
async def check(body: schemas.CheckRequest, request: Request) -> dict[str, Any]:
    """Check a script (`text`) or a transcript (`segments`)."""
    st = state_of(request)
    checker = st.pool.get(body.select, body.ignore)
    if body.segments is not None:
        if len(body.segments) > st.limits.max_segments:
            raise ApiError(413, "too_many_segments",
                           f"{len(body.segments)} segments; the limit is "
                           f"{st.limits.max_segments} per request")
        segments = body.segments

        def work() -> dict[str, Any]:
            return _check(checker, segments_document(segments, body.path), body.lang,
                          body.product_type)
    else:
        text = body.text or ""

        def work() -> dict[str, Any]:
            return _check(checker, _read_text(text, body.format, body.path), body.lang,
                          body.product_type)
    return await st.runner.run(_rendered, work)


@router.post("/v1/check-file", response_model=schemas.CheckFileResponse, responses=_ERRORS,
             tags=["check"])
async def check_file(body: schemas.CheckFileRequest, request: Request) -> dict[str, Any]:
    """Check an uploaded file (txt, md, srt, vtt, jsonl, csv, docx) sent as base64."""
    from rulecheck.readers import detect_format, read_bytes

    st = state_of(request)
    checker = st.pool.get(body.select, body.ignore)
    try:
        data = base64.b64decode(body.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid_base64", "content_base64 is not valid base64") from None
    name = os.path.basename(body.filename.replace("\\", "/")) or "upload"
    fmt = body.input_format or detect_format(name)
    if fmt == "docx":
        _check_zip_size(data, name)

    def work() -> dict[str, Any]:
        try:
            doc = read_bytes(data, path=name, input_format=fmt, encoding=body.encoding)
        except InputError as exc:
            raise ApiError(422, "invalid_input", str(exc)) from None
        except LookupError:
            raise ApiError(422, "invalid_input",
                           f"{name}: unknown encoding {body.encoding!r}") from None
        out = _check(checker, doc, body.lang, body.product_type)
        synthesized = bool(doc.metadata.get("synthesized_text"))
        recheck = "txt" if synthesized or fmt == "docx" else fmt
        out["document"] = {"path": name, "text": doc.text, "input_format": fmt,
                           "encoding": doc.encoding, "segments": len(doc.segments),
                           "synthesized_text": synthesized, "check_format": recheck}
        return out

    return await st.runner.run(_rendered, work)


def _check_zip_size(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ApiError(422, "invalid_input", f"{name}: not a .docx (zip) file") from None
    if expanded > MAX_DOCX_EXPANDED:
        raise ApiError(413, "body_too_large",
                       f"{name}: expands to {expanded} bytes; the limit is {MAX_DOCX_EXPANDED}")


@router.post("/v1/fix", response_model=schemas.FixResponse, responses=_ERRORS, tags=["check"])
async def fix(body: schemas.FixRequest, request: Request) -> dict[str, Any]:
    """Apply every safe fix (the rules' exact `fix:` rewrites), then check the result."""
    st = state_of(request)
    checker = st.pool.get(body.select, body.ignore)

    def check(text: str) -> list[Finding]:
        doc = _read_text(text, body.format, "-")
        refusal = fixable(doc)
        if refusal is not None:
            raise ApiError(422, "not_fixable", refusal)
        return checker.check_document(doc, lang=body.lang, product_type=body.product_type)

    def work() -> dict[str, Any]:
        began = time.perf_counter()
        fixed, applied, remaining = fix_all(body.text, check, body.format, body.rules)
        return {"version": __version__, "text": fixed,
                "applied": [a.__dict__ for a in applied],
                "summary": summary(remaining, len(fixed), 0, time.perf_counter() - began),
                "findings": findings_list(remaining)}

    return await st.runner.run(_rendered, work)


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
