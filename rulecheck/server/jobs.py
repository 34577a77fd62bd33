"""The work of each endpoint as a picklable job: request data in, rendered JSON out.

A job carries only plain data (the validated selection key, the text or file, the
options), so it can run in a worker process as well as in a thread of the server
(see limits.py and workers.py); ``job.run(pool)`` does the same work in both, with
the checkers of ``pool``. HTTP jobs return an :class:`Answer` whose body is the
response already encoded: encoding thousands of findings is CPU work, done where
the check ran instead of on the event loop. Errors a client caused come back as
answers too (4xx); an unexpected exception becomes a 500 whose traceback travels
with the answer, for the server process to log.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import os
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from rulecheck.engine.checker import Checker
from rulecheck.engine.stream import StreamSession
from rulecheck.errors import InputError
from rulecheck.model import Document, Finding
from rulecheck.server.checkers import CheckerPool, Key
from rulecheck.server.convert import finding_dict, findings_list, segments_document, summary
from rulecheck.server.errors import ApiError, error_body
from rulecheck.server.fixing import fix_all
from rulecheck.version import __version__

#: A .docx is a zip; refuse one that would expand past this (a zip bomb).
MAX_DOCX_EXPANDED = 50_000_000

#: What a reviewed .docx is sent as.
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: A segment as the API receives it: text, start, end, speaker.
SegmentData = tuple[str, float | None, float | None, str | None]


def render(content: Any) -> bytes:
    """JSON exactly as Starlette's JSONResponse encodes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")


@dataclass
class Answer:
    """An HTTP answer made in a worker: the status, the encoded body, and the
    traceback of an internal error (for the server's log; never sent)."""

    status: int
    body: bytes
    crash: str | None = None
    media_type: str = "application/json"


def answer(work: Callable[[], Any], media_type: str | None = None) -> Answer:
    """Run ``work`` and encode its result (sent as it is when ``media_type`` says what
    its bytes are) or its error."""
    try:
        if media_type is not None:
            return Answer(200, work(), media_type=media_type)
        return Answer(200, render(work()))
    except ApiError as exc:
        return Answer(exc.status, render(error_body(exc.code, exc.message, exc.details)))
    except InputError as exc:
        return Answer(422, render(error_body("invalid_input", str(exc))))
    except RecursionError:
        return Answer(422, render(error_body("invalid_input", "the input is nested too deeply")))
    except Exception:  # a bug: the client gets a 500, the server log the traceback
        return Answer(500, render(error_body("internal_error",
                                             "internal error; see the server log")),
                      traceback.format_exc())


def _check(checker: Checker, doc: Document, lang: str,
           product_type: str | None) -> dict[str, Any]:
    began = time.perf_counter()
    findings = checker.check_document(doc, lang=lang, product_type=product_type)
    return {"version": __version__,
            "summary": summary(findings, len(doc.text), len(doc.segments),
                               time.perf_counter() - began),
            "findings": findings_list(findings)}


def _read_text(text: str, fmt: str, path: str) -> Document:
    from rulecheck.readers import read_text

    try:
        return read_text(text, path=path, input_format=fmt)
    except InputError as exc:
        raise ApiError(422, "invalid_input", str(exc)) from None


@dataclass(frozen=True)
class _Segment:
    """What ``segments_document`` reads of a request segment."""

    text: str
    start: float | None
    end: float | None
    speaker: str | None


@dataclass
class CheckJob:
    """``POST /v1/check``: a script (``text`` read as ``fmt``) or transcript segments."""

    key: Key
    lang: str
    product_type: str | None
    path: str
    text: str | None = None
    fmt: str = "txt"
    segments: list[SegmentData] | None = None

    def run(self, pool: CheckerPool) -> Answer:
        return answer(lambda: self._work(pool.view(self.key)))

    def _work(self, checker: Checker) -> dict[str, Any]:
        if self.segments is not None:
            doc = segments_document([_Segment(*s) for s in self.segments], self.path)
        else:
            doc = _read_text(self.text or "", self.fmt, self.path)
        return _check(checker, doc, self.lang, self.product_type)


@dataclass
class FileJob:
    """``POST /v1/check-file``: an upload, still base64, decoded and read here."""

    key: Key
    lang: str
    product_type: str | None
    filename: str
    content_base64: str
    input_format: str | None = None
    encoding: str | None = None

    def run(self, pool: CheckerPool) -> Answer:
        return answer(lambda: self._work(pool.view(self.key)))

    def _work(self, checker: Checker) -> dict[str, Any]:
        from rulecheck.readers import detect_format, read_bytes

        try:
            data = base64.b64decode(self.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(422, "invalid_base64",
                           "content_base64 is not valid base64") from None
        name = os.path.basename(self.filename.replace("\\", "/")) or "upload"
        fmt = self.input_format or detect_format(name)
        if fmt == "docx":
            _check_zip_size(data, name)
        try:
            doc = read_bytes(data, path=name, input_format=fmt, encoding=self.encoding)
        except InputError as exc:
            raise ApiError(422, "invalid_input", str(exc)) from None
        except LookupError:
            raise ApiError(422, "invalid_input",
                           f"{name}: unknown encoding {self.encoding!r}") from None
        out = _check(checker, doc, self.lang, self.product_type)
        synthesized = bool(doc.metadata.get("synthesized_text"))
        recheck = "txt" if synthesized or fmt == "docx" else fmt
        out["document"] = {"path": name, "text": doc.text, "input_format": fmt,
                           "encoding": doc.encoding, "segments": len(doc.segments),
                           "synthesized_text": synthesized, "check_format": recheck}
        return out


def _check_zip_size(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ApiError(422, "invalid_input", f"{name}: not a .docx (zip) file") from None
    if expanded > MAX_DOCX_EXPANDED:
        raise ApiError(413, "body_too_large",
                       f"{name}: expands to {expanded} bytes; the limit is {MAX_DOCX_EXPANDED}")


@dataclass
class ReviewJob:
    """``POST /v1/review/docx``: the uploaded .docx back with a comment on each finding
    and, with ``fix``, the fixes as tracked changes (reports/docx)."""

    key: Key
    lang: str
    product_type: str | None
    filename: str
    content_base64: str
    fix: bool = False
    unsafe: bool = False

    def run(self, pool: CheckerPool) -> Answer:
        return answer(lambda: self._work(pool.view(self.key)), DOCX_MEDIA_TYPE)

    def _work(self, checker: Checker) -> bytes:
        from rulecheck.readers import read_bytes
        from rulecheck.reports.docx import review_docx

        try:
            data = base64.b64decode(self.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(422, "invalid_base64",
                           "content_base64 is not valid base64") from None
        name = upload_name(self.filename)
        if not name.lower().endswith(".docx"):
            raise ApiError(422, "not_docx", f"{name}: only a .docx file can be reviewed")
        _check_zip_size(data, name)
        try:
            doc = read_bytes(data, path=name, input_format="docx")
        except InputError as exc:
            raise ApiError(422, "invalid_input", str(exc)) from None
        findings = checker.check_document(doc, lang=self.lang, product_type=self.product_type)
        return review_docx(data, doc, findings, checker.rules, fix=self.fix,
                           unsafe=self.unsafe).data


def upload_name(filename: str) -> str:
    """An upload's file name without the client's folders."""
    return os.path.basename(filename.replace("\\", "/")) or "upload"


@dataclass
class FixJob:
    """``POST /v1/fix``: every safe (or every) fix applied, then the text checked again."""

    key: Key
    lang: str
    product_type: str | None
    text: str
    fmt: str = "txt"
    rules: list[str] | None = None
    unsafe: bool = False

    def run(self, pool: CheckerPool) -> Answer:
        return answer(lambda: self._work(pool.view(self.key)))

    def _work(self, checker: Checker) -> dict[str, Any]:
        from rulecheck.fix import fixable

        def check(text: str) -> list[Finding]:
            doc = _read_text(text, self.fmt, "-")
            refusal = fixable(doc)
            if refusal is not None:
                raise ApiError(422, "not_fixable", refusal)
            return checker.check_document(doc, lang=self.lang, product_type=self.product_type)

        began = time.perf_counter()
        fixed, applied, remaining = fix_all(self.text, check, self.fmt, self.rules,
                                            self.unsafe)
        return {"version": __version__, "text": fixed,
                "applied": [a.__dict__ for a in applied],
                "summary": summary(remaining, len(fixed), 0, time.perf_counter() - began),
                "findings": findings_list(remaining)}


def new_session(lang: str, product_type: str | None) -> StreamSession:
    """A stream session with no checker attached: ``FeedJob`` attaches the checker of
    the process that feeds it, so the session's state alone can travel to a worker."""
    return StreamSession(cast(Checker, None), lang=lang, product_type=product_type, path="-")


@dataclass
class Fed:
    """What one segment revealed: the session after it, and per finding its category,
    severity and the ``{"type": "finding"}`` message already encoded."""

    session: StreamSession
    findings: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class FeedJob:
    """One segment of a WebSocket stream, fed with the session's state.

    The state (the last few segments and the findings already reported) is small, so
    it is sent with each segment and the updated state comes back: any worker can
    feed any session, and the server keeps no checker work of its own.
    """

    key: Key
    session: StreamSession
    segment: SegmentData

    def run(self, pool: CheckerPool) -> Fed:
        session = self.session
        session.checker = pool.view(self.key)
        session.checker.build_automata()  # once per checker: later calls find it built
        try:
            found = session.feed(*self.segment)
        finally:
            session.checker = cast(Checker, None)  # never pickled with the state
        return Fed(session, [(f.category, f.severity,
                              json.dumps({"type": "finding", **finding_dict(f)},
                                         ensure_ascii=False)) for f in found])


@dataclass
class PidJob:
    """The id of the process that runs jobs (a test of worker replacement)."""

    def run(self, pool: CheckerPool) -> int:
        return os.getpid()


@dataclass
class WarmJob:
    """A small check that loads the tokenizers, then the id of the process."""

    def run(self, pool: CheckerPool) -> int:
        pool.base.check_text("这是最好的 the best", "auto")
        return os.getpid()
