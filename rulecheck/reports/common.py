"""What every report format shares: the summary, the error list, ordering and clock times."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from rulecheck import categories
from rulecheck.model import (
    CATEGORIES,
    SEVERITIES,
    Document,
    Edit,
    FileResult,
    Finding,
    Fix,
    Segment,
)
from rulecheck.safetext import display_name, has_surrogates, scrub

#: Severities most severe first, the order reports list them in.
SEVERITY_ORDER: tuple[str, ...] = tuple(reversed(SEVERITIES))

#: Chinese names of the seven categories (DESIGN.md), for human-facing reports.
CATEGORY_LABELS: dict[str, str] = categories.labels("zh")


def _ordered(counter: Counter[str], order: Sequence[str]) -> dict[str, int]:
    """Known keys in their canonical order, then anything else alphabetically."""
    rank = {k: i for i, k in enumerate(order)}
    keys = sorted(counter, key=lambda k: (rank.get(k, len(rank)), k))
    return {k: counter[k] for k in keys}


def summarize(results: Sequence[FileResult]) -> dict[str, Any]:
    """Counts every format prints: files checked, files with findings, errors, findings
    by severity (most severe first), by category (taxonomy order) and by rule (by id)."""
    findings = [f for r in results for f in r.findings]
    by_rule = Counter(f.rule for f in findings)
    return {
        "files": sum(1 for r in results if r.error is None),
        "files_with_findings": sum(1 for r in results if r.findings),
        "errors": sum(1 for r in results if r.error is not None),
        "findings": len(findings),
        "by_severity": _ordered(Counter(f.severity for f in findings), SEVERITY_ORDER),
        "by_category": _ordered(Counter(f.category for f in findings), CATEGORIES),
        "by_rule": dict(sorted(by_rule.items())),
    }


def errors(results: Sequence[FileResult]) -> list[dict[str, str]]:
    """One `{path, message}` per input that could not be read."""
    return [{"path": r.path, "message": r.error} for r in results if r.error]


def all_findings(results: Sequence[FileResult]) -> Iterator[Finding]:
    for r in results:
        yield from r.findings


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Reading order: by position, the longer of two findings at one place first."""
    return sorted(findings, key=lambda f: (f.start, -f.end, f.rule))


def clock(seconds: float | None) -> str:
    """Seconds as `HH:MM:SS.mmm`, the way subtitle tools show them; '' when unknown."""
    if seconds is None:
        return ""
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def time_range(finding: Finding) -> str:
    """`00:12:31.200–00:12:33.000` for a finding in a timed segment, else ''."""
    seg = finding.segment
    if seg is None or (seg.start_time is None and seg.end_time is None):
        return ""
    return f"{clock(seg.start_time)}–{clock(seg.end_time)}"


def context_offset(finding: Finding, document: Document | None) -> int | None:
    """Offset of the finding's `context` in the original text, when the context is an
    exact stretch of it that holds the finding (a context joined from several segments
    is not)."""
    ctx = finding.context
    if document is None or not ctx:
        return None
    src = document.text
    pos = src.find(ctx, max(0, finding.end - len(ctx)))
    while pos != -1 and pos <= finding.start:
        if finding.end <= pos + len(ctx):
            return pos
        pos = src.find(ctx, pos + 1)
    return None


class SegmentIndex:
    """The segments of one document that overlap a span, found by bisection.

    Reports ask this once per finding; scanning every segment each time made a long
    transcript's report quadratic.
    """

    def __init__(self, document: Document) -> None:
        self.segments = sorted(document.segments, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.segments]
        self.reach: list[int] = []
        for s in self.segments:
            self.reach.append(max(s.end, self.reach[-1] if self.reach else s.end))

    def overlapping(self, start: int, end: int) -> list[Segment]:
        """The segments with ``s.start < end`` and ``start < s.end``, in text order."""
        lo = bisect.bisect_right(self.reach, start)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.segments[lo:hi] if start < s.end]


def display_text(finding: Finding, document: Document | None,
                 index: SegmentIndex | None = None) -> str:
    """The matched words as a reader sees them: a match across two transcript segments
    is their two pieces joined by a space, not the file syntax (JSON, cue numbers)
    lying between them in the original text. ``index``: the document's SegmentIndex,
    for callers that ask for many findings of one document."""
    if document is None or document.text[finding.start:finding.end] != finding.text:
        return finding.text
    over = (index or SegmentIndex(document)).overlapping(finding.start, finding.end)
    if len(over) <= 1:
        return finding.text
    words: dict[int, str] = {}  # pieces of one segment (a CSV cell cut by "") join up
    for s in over:
        piece = document.text[max(s.start, finding.start):min(s.end, finding.end)]
        words[s.index] = words.get(s.index, "") + piece
    return " ".join(w.strip() for w in words.values() if w.strip())


def context_span(finding: Finding, document: Document | None) -> tuple[int, int] | None:
    """Where the finding lies inside its `context` string.

    The context is the sentence around the finding, so a repeated word (最好 twice in a
    sentence) is found by locating the sentence in the document; without the document
    the first occurrence of the matched text is the best guess.
    """
    if not finding.context or not finding.text:
        return None
    pos = context_offset(finding, document)
    if pos is not None:
        return finding.start - pos, finding.end - pos
    shown = display_text(finding, document)
    i = finding.context.find(shown)
    return (i, i + len(shown)) if i >= 0 else None


def _scrubbed_fix(fix: Fix | None) -> Fix | None:
    if fix is None:
        return None
    return Fix(fix.applicability, scrub(fix.message),
               [Edit(e.start, e.end, scrub(e.content)) for e in fix.edits])


def _shown_finding(f: Finding, keep_paths: bool) -> Finding:
    seg = f.segment
    if seg is not None and seg.speaker is not None:
        seg = replace(seg, speaker=scrub(seg.speaker))
    return replace(
        f, path=f.path if keep_paths else display_name(f.path), text=scrub(f.text),
        context=scrub(f.context),
        message=scrub(f.message), title=scrub(f.title), law=scrub(f.law),
        fix=_scrubbed_fix(f.fix), segment=seg, advice=[scrub(a) for a in f.advice],
        suggestions=[scrub(s) for s in f.suggestions], notes=[scrub(n) for n in f.notes],
        related=[{k: scrub(v) for k, v in r.items()} for r in f.related])


def displayable(results: Sequence[FileResult], keep_paths: bool = False
                ) -> list[FileResult]:
    """Results every format can encode: file names that are not UTF-8 escaped (``\\xe9``)
    and lone surrogates in texts replaced, on copies (the originals keep the real names
    that the files are opened by). ``keep_paths``: for a format that encodes the real
    name itself (SARIF's percent-encoded URIs)."""
    out = []
    for r in results:
        doc = r.document
        if doc is not None and has_surrogates(doc.text):
            doc = replace(doc, text=scrub(doc.text))
        out.append(replace(r, path=r.path if keep_paths else display_name(r.path),
                           document=doc,
                           findings=[_shown_finding(f, keep_paths) for f in r.findings],
                           error=display_name(r.error) if r.error is not None else None))
    return out


def product_types(findings: Sequence[Finding]) -> list[dict[str, str]]:
    """The product types a document's findings were judged for, each once, with its
    evidence (面膜 -> cosmetics), in the order they first appear."""
    seen: dict[str, dict[str, str]] = {}
    for f in findings:
        if f.product and f.product["type"] not in seen:
            seen[f.product["type"]] = dict(f.product)
    return list(seen.values())
