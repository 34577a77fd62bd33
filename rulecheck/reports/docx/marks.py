"""The OOXML a reviewer sees: tracked deletions and insertions, and comment ranges.

A tracked change is a ``w:del`` around the runs of the old words (their ``w:t``
renamed ``w:delText``) followed by a ``w:ins`` holding a new run with the first old
run's properties: the markup Word writes for its own tracked changes, which the
reviewer accepts or rejects one by one (LibreOffice reads it too). A comment is anchored by
``w:commentRangeStart`` and
``w:commentRangeEnd`` around the flagged runs, then a run holding the
``w:commentReference``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import count
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

AUTHOR = "rulecheck"

_DELETED_TAGS = {qn("w:t"): "w:delText", qn("w:instrText"): "w:delInstrText"}
_REVISIONS = frozenset({qn("w:del"), qn("w:ins")})


@dataclass
class Revisions:
    """Author, date and fresh ids for the revisions of one review."""

    date: datetime
    ids: Iterator[int]
    author: str = AUTHOR

    @classmethod
    def starting_at(cls, first_id: int, date: datetime) -> Revisions:
        return cls(date, count(first_id))

    def element(self, tag: str) -> Any:
        return OxmlElement(tag, attrs={
            qn("w:id"): str(next(self.ids)), qn("w:author"): self.author,
            qn("w:date"): self.date.strftime("%Y-%m-%dT%H:%M:%SZ")})


def _groups(runs: Sequence[Any]) -> list[list[Any]]:
    """The runs in groups of consecutive siblings (a span can leave a hyperlink)."""
    out: list[list[Any]] = []
    for r in runs:
        if out and out[-1][-1].getnext() is r:
            out[-1].append(r)
        else:
            out.append([r])
    return out


def delete(runs: Sequence[Any], rev: Revisions) -> list[Any]:
    """Wrap ``runs`` in ``w:del`` elements (one per group of siblings); returns them."""
    wrappers = []
    for group in _groups(runs):
        wrapper = rev.element("w:del")
        group[0].addprevious(wrapper)
        for r in group:
            wrapper.append(r)  # moves it
            for child in r:
                if child.tag in _DELETED_TAGS:
                    child.tag = qn(_DELETED_TAGS[child.tag])
        wrappers.append(wrapper)
    return wrappers


def inserted(text: str, like: Any | None, rev: Revisions) -> Any:
    """A ``w:ins`` holding one run of ``text``, formatted like the run ``like``."""
    run = OxmlElement("w:r")
    props = like.find(qn("w:rPr")) if like is not None else None
    if props is not None:
        run.append(copy.deepcopy(props))
    run.text = text  # python-docx maps a tab to w:tab
    wrapper = rev.element("w:ins")
    wrapper.append(run)
    return wrapper


def _reference_run(comment_id: int) -> Any:
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    props.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(props)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    return run


def _after_revision(element: Any) -> Any:
    """``element``, or the revision (``w:del``, ``w:ins``) it sits in."""
    while element.getparent() is not None and element.getparent().tag in _REVISIONS:
        element = element.getparent()
    return element


def _range(tag: str, comment_id: int) -> Any:
    return OxmlElement(tag, attrs={qn("w:id"): str(comment_id)})


def mark_comment(first: Any, last: Any, comment_id: int) -> None:
    """Anchor comment ``comment_id`` from before ``first`` to after ``last`` (siblings or
    not), with its reference run after the range, outside any revision."""
    first.addprevious(_range("w:commentRangeStart", comment_id))
    end = _range("w:commentRangeEnd", comment_id)
    last.addnext(end)
    _after_revision(end).addnext(_reference_run(comment_id))


def mark_point(anchor: Any, before: bool, comment_id: int) -> None:
    """Anchor comment ``comment_id`` on an empty range just before or after ``anchor``."""
    start, end = _range("w:commentRangeStart", comment_id), _range("w:commentRangeEnd",
                                                                    comment_id)
    if before:
        anchor.addprevious(start)
        anchor.addprevious(end)
    else:
        anchor.addnext(end)
        anchor.addnext(start)
    _after_revision(end).addnext(_reference_run(comment_id))
