"""Run an audit: plan every source, check what the store does not already hold, write
results in batches, survive interruptions.

Each input is checked by ``run_task`` (runner.py), exactly as ``rulecheck check`` would
check it, with its own configuration file and suppressions. The parent process owns
the store; workers only read and check. A document is skipped when the store holds it
as done with the same content hash and the same fingerprint (its ruleset: rulebook and
settings, rulehash.py); a failed one is retried only with ``retry_failed``. After a
rulebook change, a document with unchanged bytes is checked again only when a changed
rule could have matched it then or can match it now (rulehash.recheck_scope); the
others keep their findings and take the new fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rulecheck import __version__, readers
from rulecheck.audit.probe import anchored_rules
from rulecheck.audit.rulehash import Ruleset, recheck_scope, ruleset
from rulecheck.audit.sources import Source
from rulecheck.audit.store import Checked, Known, Store, stored_path
from rulecheck.errors import InputError, RulecheckError
from rulecheck.model import PRODUCT_TYPES
from rulecheck.readers.files import read_regular
from rulecheck.rulebook.compiler import COMPILER_VERSION, Rulebook
from rulecheck.runner import (
    CheckerSpec,
    Planner,
    Profile,
    ReadOptions,
    Task,
    checker_for,
    read_input,
    rulebook,
    run_task,
)
from rulecheck.safetext import display_name

#: Documents per write transaction, and the longest a result waits to be written.
BATCH_SIZE = 50
BATCH_SECONDS = 1.0


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


@dataclass
class Totals:
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    findings: int = 0
    kept: int = 0  # unchanged documents that keep their findings under a new rulebook
    unstored: list[str] = field(default_factory=list)  # documents the store refused
    failures: list[str] = field(default_factory=list)
    interrupted: bool = False
    aborted: str | None = None  # why the engine stopped before the end


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


def _init_worker(specs: Sequence[CheckerSpec]) -> None:
    """Workers leave Ctrl-C to the parent and build their checkers once, up front."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not theirs
    warm(specs)


@dataclass
class Plan:
    jobs: list[Job]
    skipped_failed: int  # failed before, not retried
    total_bytes: int
    rulesets: dict[str, Ruleset] = field(default_factory=dict)  # fingerprint -> ruleset


def _job(src: Source, task: Task, new: Ruleset, old: Known | None,
         old_set: Ruleset | None, full: bool) -> Job:
    if old is None or full or old.status != "done":
        return Job(src, task, new.fingerprint)
    if old.fingerprint == new.fingerprint:
        return Job(src, task, new.fingerprint, old.content_hash)
    probe = recheck_scope(old_set, new, old.candidates)
    if probe is None:
        return Job(src, task, new.fingerprint)
    return Job(src, task, new.fingerprint, old.content_hash, probe)


def plan_jobs(sources: Sequence[Source], planner: Planner, read: ReadOptions,
              known: dict[str, Known], full: bool = False, retry_failed: bool = False,
              rulesets: dict[str, Ruleset] | None = None) -> Plan:
    """The work to do: every source, minus failed ones that are not to be retried.

    ``rulesets`` are the store's (fingerprint -> ruleset), to tell which documents a
    rulebook change can affect; without them a changed fingerprint means a new check.
    """
    rulesets = rulesets or {}
    jobs: list[Job] = []
    sets: dict[Profile, Ruleset] = {}
    skipped = total = 0
    for src in sources:
        profile = planner.profile(src.path)
        ptype = src.metadata.get("product_type")
        if isinstance(ptype, str) and ptype in PRODUCT_TYPES:
            profile = replace(profile, product_type=ptype)
        new = sets.get(profile)
        if new is None:
            new = sets[profile] = ruleset(profile, read)
        old = known.get(stored_path(src.path))
        if old is not None and old.status == "failed" and not (full or retry_failed):
            skipped += 1
            continue
        try:
            total += os.path.getsize(src.path)
        except OSError:
            pass
        task = Task(path=src.path, profile=profile, read=read)
        old_set = rulesets.get(old.fingerprint or "") if old is not None else None
        jobs.append(_job(src, task, new, old, old_set, full))
    return Plan(jobs, skipped, total, {r.fingerprint: r for r in sets.values()})


ENGINES: tuple[str, ...] = ("local", "ray")


def results(jobs: Sequence[Job], workers: int, engine: str = "local",
            address: str | None = None) -> Iterator[Checked]:
    """Check results as they complete, from this machine's processes or from Ray."""
    if engine == "ray":
        from rulecheck.audit.ray_engine import ray_results

        return ray_results(jobs, workers, address)
    return local_results(jobs, workers)


def local_results(jobs: Sequence[Job], workers: int) -> Iterator[Checked]:
    """Check results as they complete; a pool of warm workers when more than one."""
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield check_job(job)
        return
    import multiprocessing

    specs = sorted({j.task.profile.spec for j in jobs}, key=repr)
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    pool = multiprocessing.get_context("fork").Pool(workers, _init_worker, (specs,))
    try:
        yield from pool.imap_unordered(check_job, jobs, chunksize=chunk)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class Writer:
    """Batches results into transactions; a batch the store refuses is retried one
    document at a time, and a document that still cannot be stored is reported (it
    stays unrecorded, so the next run checks it again)."""

    def __init__(self, store: Store, run_id: int, totals: Totals):
        self.store, self.run_id, self.totals = store, run_id, totals
        self.pending: list[Checked] = []
        self.since = time.monotonic()

    def add(self, rec: Checked) -> None:
        self.pending.append(rec)
        if len(self.pending) >= BATCH_SIZE or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        batch, self.pending, self.since = self.pending, [], time.monotonic()
        if not batch:
            return
        try:
            self.store.write(batch, self.run_id)
        except sqlite3.Error as exc:
            self._stop_if_unwritable(exc)
            for rec in batch:
                self._write_alone(rec)
            return
        self._count(batch)

    def _write_alone(self, rec: Checked) -> None:
        try:
            self.store.write([rec], self.run_id)
        except sqlite3.Error as exc:
            self._stop_if_unwritable(exc)
            self.totals.unstored.append(f"{display_name(rec.path)}: not stored: {exc}")
            return
        self._count([rec])

    def _stop_if_unwritable(self, exc: sqlite3.Error) -> None:
        """A full disk or a failing device fails every later write as well: stop the run
        (what is stored stays whole, the rest is checked by the next run)."""
        if unwritable(exc):
            self.pending = []
            raise StoreWriteError(f"{self.store.path}: cannot write to the audit database "
                                  f"({exc}); the audit stopped")

    def _count(self, batch: Sequence[Checked]) -> None:
        for rec in batch:
            if rec.status == "done":
                self.totals.checked += 1
                self.totals.findings += len(rec.findings)
            elif rec.status == "failed":
                self.totals.failed += 1
                self.totals.failures.append(rec.error or rec.path)
            else:
                self.totals.skipped += 1
                self.totals.kept += rec.status == "kept"


def rulebook_version(fingerprint: str) -> str:
    return f"rulecheck {__version__} / compiler {COMPILER_VERSION} / rules {fingerprint[:12]}"


def prepare(store: Store, sources: Sequence[Source], planner: Planner, read: ReadOptions,
            full: bool = False, retry_failed: bool = False) -> Plan:
    """The plan for auditing ``sources`` into ``store`` (see ``plan_jobs``)."""
    return plan_jobs(sources, planner, read, store.known(), full, retry_failed,
                     store.rulesets())


def audit(store: Store, work: Plan, planner: Planner, *, jobs: int = 1,
          config: dict[str, Any] | None = None,
          progress: Callable[[int, int], None] | None = None,
          engine: str = "local", address: str | None = None) -> Totals:
    """Carry out a plan into ``store``; ``progress(files, bytes)`` after each input.

    Ctrl-C (or SIGTERM) stops the run cleanly: results already received are written,
    the run is marked interrupted, and ``Totals.interrupted`` is set. A store that
    cannot record the run at all raises ``sqlite3.Error``.
    """
    fingerprint = rulebook(tuple(planner.cli.rules_dirs)).fingerprint
    store.add_rulesets(work.rulesets.values())
    run_id = store.start_run(__version__, rulebook_version(fingerprint), fingerprint,
                             config or {})
    totals = Totals(skipped=work.skipped_failed)
    writer = Writer(store, run_id, totals)
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        for rec in results(work.jobs, jobs, engine, address):
            writer.add(rec)
            if progress is not None:
                progress(1, rec.size or 0)
        writer.flush()
    except KeyboardInterrupt:
        totals.interrupted = True
        _flush_unless_unwritable(writer, totals)
    except StoreWriteError as exc:  # the disk is full: nothing more can be written
        totals.interrupted, totals.aborted = True, str(exc)
    except RulecheckError as exc:  # the engine failed: keep what it finished
        totals.interrupted, totals.aborted = True, str(exc)
        writer.flush()
    finally:
        signal.signal(signal.SIGTERM, old_term)
    status = "interrupted" if totals.interrupted else "completed"
    try:
        store.finish_run(run_id, status, totals.checked, totals.skipped, totals.failed)
        if not totals.interrupted:
            store.prune_rulesets()
    except sqlite3.Error as exc:
        if not totals.aborted:  # after a write failure the next run marks this one killed
            totals.unstored.append(f"{store.path}: run {run_id} not closed: {exc}")
    return totals


class StoreWriteError(RulecheckError):
    """The audit database cannot be written any more (disk full, I/O error)."""


#: SQLite primary result codes that no retry of the same write can get past.
_UNWRITABLE = {7: "NOMEM", 8: "READONLY", 10: "IOERR", 11: "CORRUPT", 13: "FULL",
               14: "CANTOPEN", 26: "NOTADB"}


def unwritable(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` says the database cannot be written at all (not this one row)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _UNWRITABLE
    text = str(exc).lower()
    return any(s in text for s in ("disk is full", "disk i/o error", "readonly database",
                                   "malformed"))


def _flush_unless_unwritable(writer: Writer, totals: Totals) -> None:
    try:
        writer.flush()
    except StoreWriteError as exc:
        totals.aborted = str(exc)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def config_summary(specs: Sequence[str], options: dict[str, Any]) -> dict[str, Any]:
    """What a run records about how it was started (JSON-safe)."""
    return json.loads(json.dumps({"sources": list(specs), **options}, default=str))
