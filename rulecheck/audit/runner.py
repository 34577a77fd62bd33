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

import json
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rulecheck.audit.engines import results
from rulecheck.audit.jobs import Job
from rulecheck.audit.rulehash import Ruleset, recheck_scope, ruleset
from rulecheck.audit.sources import Source
from rulecheck.audit.store import Checked, Known, Store, stored_path
from rulecheck.errors import RulecheckError
from rulecheck.model import PRODUCT_TYPES
from rulecheck.rulebook.compiler import COMPILER_VERSION
from rulecheck.runner import (
    Planner,
    Profile,
    ReadOptions,
    Task,
    rulebook,
)
from rulecheck.safetext import display_name
from rulecheck.version import __version__

#: Documents per write transaction, and the longest a result waits to be written.
BATCH_SIZE = 50
BATCH_SECONDS = 1.0


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
