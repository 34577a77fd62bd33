"""The checked .docx back, reviewed: a comment on each finding, fixes as tracked changes.

The findings' offsets point into the text readers/word.py synthesized (the checked
paragraphs joined by newlines); the same walk over the same bytes gives each
paragraph's place in that text, so every span maps back to its runs. Nothing but
those runs changes: a run is split only where a span starts or ends inside it.
A finding across paragraphs gets its comment on the first paragraph's part and no
tracked change.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rulecheck.errors import InputError
from rulecheck.fix import choose
from rulecheck.model import Document, Edit, Finding
from rulecheck.readers.word import open_docx, paragraph_text, paragraphs
from rulecheck.reports.docx import marks, runs
from rulecheck.reports.docx.notes import comment_text
from rulecheck.rulebook.rule import Rule

INITIALS = "RC"


@dataclass
class Review:
    """The reviewed document's bytes and what went into it."""

    data: bytes
    comments: int = 0
    changes: int = 0  # findings whose fix is a tracked change


@dataclass
class _Para:
    element: Any  # the w:p
    start: int  # offsets of its text in the checked text
    end: int
    cuts: set[int] = field(default_factory=set)  # paragraph-local offsets to split runs at


@dataclass
class _Change:
    """One edit of a fix, located: the runs it deletes, or the point it inserts at."""

    para: _Para
    edit: Edit
    runs: list[Any] = field(default_factory=list)
    point: tuple[Any, bool] | None = None


def review_docx(data: bytes, doc: Document, findings: Sequence[Finding],
                rules: Mapping[str, Rule] | None = None, *, fix: bool = False,
                unsafe: bool = False, when: datetime | None = None) -> Review:
    """``data`` (the .docx ``doc`` was read from) with a comment on each of ``findings``
    and, with ``fix``, their safe fixes (``unsafe``: all) as tracked changes."""
    if not findings:
        return Review(data)
    word = open_docx(data, doc.path)
    paras = _layout(word, doc)
    starts = [p.start for p in paras]
    tracked = _tracked(findings, paras, starts, unsafe) if fix else {}
    anchors = [(f, _comment_span(f, paras, starts)) for f in findings]

    for para, a, b in (span for _, span in anchors):
        para.cuts.update((a, b))
    for changes in tracked.values():
        for c in changes:
            c.para.cuts.update((c.edit.start - c.para.start, c.edit.end - c.para.start))
    for p in paras:
        if p.cuts:
            runs.split_at(p.element, p.cuts)

    # locate every span before any revision moves runs out of the paragraph's layout
    spans = [(f, runs.runs_between(p.element, a, b), runs.run_at(p.element, a))
             for f, (p, a, b) in anchors]
    for changes in tracked.values():
        for c in changes:
            a, b = c.edit.start - c.para.start, c.edit.end - c.para.start
            c.runs = runs.runs_between(c.para.element, a, b) if a < b else []
            c.point = runs.run_at(c.para.element, a)

    when = when or datetime.now(timezone.utc)
    rev = marks.Revisions.starting_at(_first_free_id(word, len(findings)), when)
    first_of: dict[Any, Any] = {}  # a deleted run -> what a comment starting there goes before
    last_of: dict[Any, Any] = {}  # a deleted run -> what a comment ending there goes after
    for changes in tracked.values():
        for c in changes:
            _write_change(c, rev, first_of, last_of)

    rule_map = rules or {}
    for f, found, point in spans:
        edits = tracked.get(id(f))
        new = _replacement(edits) if edits else None
        comment = word.comments.add_comment(comment_text(f, rule_map, new),
                                            author=marks.AUTHOR, initials=INITIALS)
        if found:
            marks.mark_comment(first_of.get(found[0], found[0]),
                               last_of.get(found[-1], found[-1]), comment.comment_id)
        elif point is not None:
            marks.mark_point(point[0], point[1], comment.comment_id)
    out = io.BytesIO()
    word.save(out)
    return Review(out.getvalue(), comments=len(spans), changes=len(tracked))


def _layout(word: Any, doc: Document) -> list[_Para]:
    """Each checked paragraph with its offsets; the text must be the one checked."""
    found = [(p._p, paragraph_text(p)) for p in paragraphs(word)]
    out: list[_Para] = []
    pos = 0
    for element, text in found:
        out.append(_Para(element, pos, pos + len(text)))
        pos += len(text) + 1
    if "\n".join(text for _, text in found) != doc.text:
        raise InputError(f"{doc.path}: the file changed after it was checked; check it again")
    return out


def _index(starts: list[int], pos: int) -> int:
    """The paragraph whose text holds ``pos`` or ends at it."""
    return max(bisect.bisect_right(starts, pos) - 1, 0)


def _comment_span(f: Finding, paras: list[_Para], starts: list[int]) -> tuple[_Para, int, int]:
    """The paragraph and local span a comment on ``f`` anchors to: the first paragraph's
    part of it (an empty span where it holds no text at all)."""
    first = _index(starts, f.start)
    for p in paras[first:]:
        if p.start >= f.end and p is not paras[first]:
            break
        a, b = max(f.start, p.start), min(f.end, p.end)
        if a < b:
            return p, a - p.start, b - p.start
    p = paras[first]
    at = min(max(f.start, p.start), p.end) - p.start
    return p, at, at


def _tracked(findings: Sequence[Finding], paras: list[_Para], starts: list[int],
             unsafe: bool) -> dict[int, list[_Change]]:
    """The fixes that go in as tracked changes, by ``id`` of their finding: applicable,
    not overlapping, every edit inside one paragraph and free of line breaks."""
    located: dict[int, list[_Change]] = {}
    for f in findings:
        if f.fix is None or not f.fix.edits:
            continue
        changes = []
        for e in f.fix.edits:
            p = paras[_index(starts, e.start)]
            if not (p.start <= e.start <= e.end <= p.end) or "\n" in e.content \
                    or "\r" in e.content:
                break
            changes.append(_Change(p, e))
        else:
            located[id(f)] = changes
    chosen = choose([f for f in findings if id(f) in located], "docx", unsafe)
    return {id(f): located[id(f)] for f in chosen}


def _write_change(c: _Change, rev: marks.Revisions, first_of: dict[Any, Any],
                  last_of: dict[Any, Any]) -> None:
    """``c`` as a ``w:del`` of its runs and a ``w:ins`` of its new words after them."""
    like = c.runs[0] if c.runs else (c.point[0] if c.point else None)
    dels = marks.delete(c.runs, rev) if c.runs else []
    ins = marks.inserted(c.edit.content, like, rev) if c.edit.content else None
    if dels:
        if ins is not None:
            dels[-1].addnext(ins)
        first_of[c.runs[0]] = dels[0]
        last_of[c.runs[-1]] = ins if ins is not None else dels[-1]
    elif ins is not None and c.point is not None:
        anchor, before = c.point
        if before:
            anchor.addprevious(ins)
        else:
            anchor.addnext(ins)
    elif ins is not None:
        c.para.element.append(ins)  # a paragraph without runs


def _replacement(changes: list[_Change]) -> str:
    return "…".join(c.edit.content for c in changes)


def _first_free_id(word: Any, reserve: int) -> int:
    """A revision id above every annotation id in the document and the comments about to
    be added (Word wants them unique)."""
    ids = [0]
    for value in word.element.xpath("//@w:id"):
        try:
            ids.append(int(value))
        except ValueError:
            continue
    ids.extend(c.comment_id for c in word.comments)
    return max(ids) + reserve + 1
