"""`WS /v1/stream`: live checking of ASR segments, one StreamSession per connection.

Client -> server (JSON text frames):
  ``{"text": ..., "start": s, "end": s, "speaker": ...}``   one segment
  ``{"segments": [ ...segments... ]}``                     several, in order
  ``{"type": "end"}``                                      finish: stats, then close 1000
Server -> client:
  ``{"type": "finding", ...finding fields}``  as soon as a segment reveals one
  ``{"type": "ack", "index", "findings", "latency_ms"}``  after each segment
  ``{"type": "error", "code", "message"}``  a bad message (the session goes on)
  ``{"type": "stats", ...}``  when the client sends ``end`` or the session idles out
Options are query parameters: ``lang``, ``product_type``, ``select``, ``ignore``
(comma-separated). Over the session bound the server closes with 1008.

Each segment is fed by the app's runner like any check: in a worker process when
the app isolates checks in processes, so a stream of dense text cannot stall the
event loop either. The session's state (the last few segments and what was
already reported, see engine/stream.py) is small, so it travels with each segment
as a ``FeedJob`` and comes back updated; no worker has to be kept for a session.
Segments of one session are fed one at a time, in order.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from fastapi import APIRouter, WebSocket
from pydantic import ValidationError
from starlette.websockets import WebSocketDisconnect, WebSocketState

from rulecheck.model import PRODUCT_TYPES
from rulecheck.server.checkers import Key
from rulecheck.server.jobs import Fed, FeedJob, new_session
from rulecheck.server.limits import ApiError
from rulecheck.server.schemas import SegmentIn
from rulecheck.server.state import ServerState, state_of
from rulecheck.watch import WatchStats

router = APIRouter()
log = logging.getLogger("rulecheck.server")

CLOSE_NORMAL = 1000
CLOSE_UNSUPPORTED = 1003
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_ERROR = 1011


class _Closed(Exception):
    """The client went away; stop quietly."""


async def _send(ws: WebSocket, payload: dict[str, Any]) -> None:
    await _send_text(ws, json.dumps(payload, ensure_ascii=False))


async def _send_text(ws: WebSocket, text: str) -> None:
    try:
        await ws.send_text(text)
    except (WebSocketDisconnect, RuntimeError) as exc:
        raise _Closed() from exc


async def _close(ws: WebSocket, code: int, reason: str = "") -> None:
    if ws.application_state != WebSocketState.DISCONNECTED:
        try:
            await ws.close(code, reason[:120])
        except (RuntimeError, WebSocketDisconnect):
            pass


def _error(code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message}


def _options(ws: WebSocket, st: ServerState) -> tuple[Key, str, str | None]:
    q = ws.query_params
    lang = q.get("lang", "auto")
    if lang not in ("auto", "zh", "en"):
        raise ApiError(422, "invalid_option", f"lang must be auto, zh or en, not {lang!r}")
    product = q.get("product_type") or None
    if product is not None and product not in PRODUCT_TYPES:
        raise ApiError(422, "invalid_option",
                       f"product_type must be one of {', '.join(PRODUCT_TYPES)}")
    return st.pool.key(_split(q.get("select")), _split(q.get("ignore"))), lang, product


def _split(value: str | None) -> list[str] | None:
    """A query parameter's comma-separated codes."""
    codes = [c.strip() for c in (value or "").split(",") if c.strip()]
    return codes or None


def _segments(obj: Any, limit: int) -> list[SegmentIn]:
    if not isinstance(obj, dict):
        raise ApiError(422, "malformed", "a message must be a JSON object")
    if "segments" in obj:
        items = obj["segments"]
        if not isinstance(items, list):
            raise ApiError(422, "malformed", "'segments' must be a list")
        if len(items) > limit:
            raise ApiError(413, "too_many_segments",
                           f"{len(items)} segments; the limit is {limit} per message")
    else:
        items = [{k: v for k, v in obj.items() if k != "type"}]
    try:
        return [SegmentIn.model_validate(item) for item in items]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ApiError(422, "malformed", f"{where or 'segment'}: {first.get('msg')}") from None


@router.websocket("/v1/stream")
async def stream(ws: WebSocket) -> None:
    st = state_of(ws)
    if not st.gate.try_enter():
        await ws.accept()
        try:
            await _send(ws, _error("too_many_sessions",
                                   f"{st.gate.limit} stream sessions are open; try again later"))
        except _Closed:
            return
        await _close(ws, CLOSE_POLICY, "too many concurrent sessions")
        return
    try:
        await ws.accept()
        await _session(ws, st)
    except _Closed:
        pass
    finally:
        st.gate.leave()


async def _session(ws: WebSocket, st: ServerState) -> None:
    try:
        key, lang, product = _options(ws, st)
    except ApiError as exc:
        await _send(ws, _error(exc.code, exc.message))
        await _close(ws, CLOSE_UNSUPPORTED, exc.message)
        return
    session = new_session(lang, product)
    stats = WatchStats()
    limit = st.limits.max_body_bytes
    while True:
        try:
            message = await asyncio.wait_for(ws.receive(), st.limits.session_idle_s)
        except asyncio.TimeoutError:
            await _send(ws, {"type": "stats", **stats.to_dict()})
            await _close(ws, CLOSE_NORMAL, "idle")
            return
        except (WebSocketDisconnect, RuntimeError):
            return
        if message["type"] == "websocket.disconnect":
            return
        raw = message.get("text")
        if raw is None:
            data = message.get("bytes") or b""
            if len(data) > limit:
                raw = None
            else:
                raw = data.decode("utf-8", errors="replace")
        if raw is None or len(raw.encode("utf-8", errors="replace")) > limit:
            await _send(ws, _error("message_too_large",
                                   f"a message may hold at most {limit} bytes"))
            await _close(ws, CLOSE_TOO_BIG, "message too large")
            return
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            stats.malformed += 1
            await _send(ws, _error("malformed", f"invalid JSON: {exc.msg}"))
            continue
        except RecursionError:
            stats.malformed += 1
            await _send(ws, _error("malformed", "invalid JSON: nested too deeply"))
            continue
        if isinstance(obj, dict) and obj.get("type") == "end":
            await _send(ws, {"type": "stats", **stats.to_dict()})
            await _close(ws, CLOSE_NORMAL, "end")
            return
        try:
            segments = _segments(obj, st.limits.max_segments)
        except ApiError as exc:
            stats.malformed += 1
            await _send(ws, _error(exc.code, exc.message))
            continue
        for seg in segments:
            began = time.perf_counter()
            try:
                fed: Fed = await st.runner.call(
                    FeedJob(key, session, (seg.text, seg.start, seg.end, seg.speaker)))
            except ApiError as exc:
                await _send(ws, _error(exc.code, exc.message))
                await _close(ws, CLOSE_ERROR, exc.message)
                return
            except Exception:  # a bug, not the client's doing: log it, end the session
                log.exception("internal error in a stream session")
                await _send(ws, _error("internal_error", "internal error; see the server log"))
                await _close(ws, CLOSE_ERROR, "internal error")
                return
            session = fed.session  # from a worker process: the state after this segment
            for category, severity, message_text in fed.findings:
                stats.by_category[category] += 1
                stats.by_severity[severity] += 1
                await _send_text(ws, message_text)
            latency = time.perf_counter() - began
            stats.record_latency(latency)
            stats.segments += 1
            stats.findings += len(fed.findings)
            await _send(ws, {"type": "ack", "index": session.segments_seen - 1,
                             "findings": len(fed.findings),
                             "latency_ms": round(latency * 1000, 3)})
