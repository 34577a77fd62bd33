"""An audit job and how one is checked: the unit both engines run.

A job is picklable and self-contained (its task carries the checker spec), so the
local engine's worker processes and Ray's actors run the same ``check_job`` and store
the same documents and findings.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rulecheck import readers
from rulecheck.audit.probe import anchored_rules
from rulecheck.audit.sources import Source
from rulecheck.audit.store import Checked
from rulecheck.errors import InputError
from rulecheck.readers.files import read_regular
from rulecheck.rulebook.compiler import Rulebook
from rulecheck.runner import CheckerSpec, Task, checker_for, read_input, rulebook, run_task
from rulecheck.safetext import display_name


@dataclass(frozen=True)
class Job:
    """One input for a worker: its task, fingerprint, and the hash that means 'unchanged'.

    With unchanged bytes and ``probe`` None the document is skipped; with a set of rule
    ids it is checked again only if an anchor of one of them occurs in it.
    """

    source: Source
    task: Task
    fingerprint: str
    unchanged_hash: str | None = None
    probe: frozenset[str] | None = None


def _duration(doc: Any) -> float | None:
    starts = [s.start_time for s in doc.segments if s.start_time is not None]
    ends = [s.end_time for s in doc.segments if s.end_time is not None]
    if not starts or not ends:
        return None
    return max(0.0, max(ends) - min(starts))


def _keeps(probe: frozenset[str], book: Rulebook, task: Task, rec: Checked) -> bool:
    """Whether unchanged bytes keep their findings: no anchor of a ``probe`` rule occurs
    in them (the rules whose anchors do occur are noted in ``rec``)."""
    try:
        doc = read_input(task)
    except InputError:
        return False  # the check reports it
    rec.candidates = anchored_rules(book, doc)
    return not rec.candidates & probe


def check_job(job: Job) -> Checked:
    """Read, hash and check one input (worker-safe). Never raises: a failure is a record."""
    path, meta = job.source.path, job.source.metadata
    base = Checked(path, "failed", meta, job.fingerprint)
    try:
        data = read_regular(path)
    except InputError as exc:
        base.error = str(exc)
        if not os.path.lexists(path):
            base.error = f"{display_name(path)}: no such file (deleted before it was read?)"
        return base
    base.size = len(data)
    base.content_hash = hashlib.sha256(data).hexdigest()
    unchanged = base.content_hash == job.unchanged_hash
    if unchanged and job.probe is None:
        base.status = "skipped"
        return base
    read = job.task.read
    task = replace(job.task, data=data, read=replace(
        read, input_format=read.input_format or readers.detect_format(path)))
    book = rulebook(task.profile.spec.rules_dirs)
    try:
        if unchanged and job.probe is not None and _keeps(job.probe, book, task, base):
            base.status = "kept"
            return base
        result = run_task(task).result
        if result.document is not None and result.error is None:
            base.candidates = anchored_rules(book, result.document)
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop an archive
        base.error = f"{display_name(path)}: internal error: {type(exc).__name__}: {exc}"
        return base
    if result.error is not None or result.document is None:
        base.error = result.error or f"{display_name(path)}: not read"
        return base
    doc = result.document
    base.status, base.findings = "done", result.findings
    base.encoding, base.input_format = doc.encoding, doc.input_format
    base.chars, base.duration = len(doc.text), _duration(doc)
    return base


def _die_with_parent() -> None:
    """On Linux, a worker is killed with its parent (``kill -9`` leaves no orphans)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def warm(specs: Sequence[CheckerSpec]) -> None:
    """Build each checker once, up front, so every later document finds it ready."""
    for spec in specs:
        checker_for(spec)


def init_worker(specs: Sequence[CheckerSpec]) -> None:
    """Workers leave Ctrl-C to the parent and build their checkers once, up front."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not theirs
    warm(specs)
