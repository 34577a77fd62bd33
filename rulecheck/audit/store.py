"""The audit store: one SQLite file (WAL) holding runs, documents and findings.

Each batch of checked documents is written in ONE transaction: a document's findings
and its status change together, so a run killed at any moment leaves every document
either completely recorded or not at all. ``fault`` is called inside each write
transaction before it commits; tests use it to simulate a full disk.

The schema carries a version in ``meta``; an older store is migrated in place, in one
transaction, when it is opened (``MIGRATIONS``).

One run at a time writes to a store: ``start_run`` takes an exclusive lock on
``<db>.lock`` (released by the operating system when the process dies, even by
``kill -9``), so a run still marked ``running`` when the next one starts was killed
before it could close, and is marked ``killed``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rulecheck.audit.rulehash import Ruleset
from rulecheck.errors import RulecheckError
from rulecheck.model import Edit, Finding, Fix, SegmentRef
from rulecheck.safetext import escape_surrogates

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; concurrent runs are not detected
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = "2"

#: Metadata keys copied into their own columns, for grouping in reports.
META_COLUMNS: tuple[str, ...] = ("anchor", "room", "platform", "date", "product_type",
                                 "product")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started REAL NOT NULL,
  finished REAL,
  status TEXT NOT NULL,              -- running | completed | interrupted | killed
  tool_version TEXT NOT NULL,
  rulebook_version TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  config TEXT NOT NULL,              -- JSON: sources and options
  checked INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  content_hash TEXT,
  size INTEGER,
  encoding TEXT,
  input_format TEXT,
  chars INTEGER,
  duration REAL,                     -- seconds of transcript, when it is timed
  metadata TEXT NOT NULL DEFAULT '{{}}',
  {", ".join(f"{c} TEXT" for c in META_COLUMNS)},
  status TEXT NOT NULL,              -- done | failed
  error TEXT,
  fingerprint TEXT,
  run_id INTEGER REFERENCES runs(id),
  checked_at REAL,
  n_findings INTEGER NOT NULL DEFAULT 0,
  candidates TEXT                    -- rules whose anchors occur in it (space-separated)
);
CREATE TABLE IF NOT EXISTS rulesets (  -- what a fingerprint means, rule by rule
  fingerprint TEXT PRIMARY KEY,
  base TEXT NOT NULL,
  rules TEXT NOT NULL                -- JSON: rule id -> digest
);
CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  path TEXT NOT NULL,
  rule TEXT NOT NULL, category TEXT NOT NULL, family TEXT, severity TEXT NOT NULL,
  title TEXT, message TEXT, law TEXT,
  "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
  line INTEGER, "column" INTEGER, end_line INTEGER, end_column INTEGER,
  text TEXT, context TEXT, suggestions TEXT, fix TEXT,
  segment_index INTEGER, segment_end_index INTEGER,
  start_time REAL, end_time REAL, speaker TEXT,
  notes TEXT, related TEXT
);
CREATE INDEX IF NOT EXISTS findings_document ON findings(document_id);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
"""

#: From each older schema version to the next: (new version, SQL).
MIGRATIONS: dict[str, tuple[str, str]] = {
    "1": ("2", "ALTER TABLE documents ADD COLUMN candidates TEXT;"
               "CREATE TABLE IF NOT EXISTS rulesets (fingerprint TEXT PRIMARY KEY, "
               "base TEXT NOT NULL, rules TEXT NOT NULL);"),
}

FINDING_COLUMNS: tuple[str, ...] = (
    "path", "rule", "category", "family", "severity", "title", "message", "law", "start",
    "end", "line", "column", "end_line", "end_column", "text", "context", "suggestions",
    "fix", "segment_index", "segment_end_index", "start_time", "end_time", "speaker",
    "notes", "related")


class StoreError(RulecheckError):
    """The store cannot be opened, is not an audit store, or another run holds it."""


@dataclass
class Checked:
    """What checking one document produced, ready to be written."""

    path: str
    status: str  # done | failed | skipped (unchanged) | kept (unchanged, new fingerprint)
    metadata: dict[str, Any] = field(default_factory=dict)
    fingerprint: str | None = None
    content_hash: str | None = None
    size: int | None = None
    encoding: str | None = None
    input_format: str | None = None
    chars: int | None = None
    duration: float | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    candidates: frozenset[str] | None = None  # rules whose anchors occur in it


@dataclass(frozen=True)
class Known:
    """What the store already says about a path."""

    status: str
    content_hash: str | None
    fingerprint: str | None
    candidates: frozenset[str] | None = None


def _q(name: str) -> str:
    return f'"{name}"'


def _encodable(params: Sequence[Any]) -> tuple:
    """SQLite stores UTF-8: lone surrogates (a file name that is not UTF-8, a JSON
    escape) are written as escapes, so they are stored instead of failing the batch."""
    return tuple(escape_surrogates(v) if isinstance(v, str) else v for v in params)


def stored_path(path: str) -> str:
    """A document's path as the store keys it."""
    return escape_surrogates(path)


def _finding_row(doc_id: int, f: Finding) -> tuple:
    seg = f.segment
    return _encodable((doc_id, f.path, f.rule, f.category, f.family, f.severity, f.title, f.message,
            f.law, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.text,
            f.context, json.dumps(f.suggestions, ensure_ascii=False),
            json.dumps(asdict(f.fix), ensure_ascii=False) if f.fix else None,
            seg.index if seg else None, seg.end_index if seg else None,
            seg.start_time if seg else None, seg.end_time if seg else None,
            seg.speaker if seg else None, json.dumps(f.notes, ensure_ascii=False),
            json.dumps(f.related, ensure_ascii=False)))


def _fix_from_json(stored: str | None) -> Fix | None:
    if not stored:
        return None
    try:
        data = json.loads(stored)
        return Fix(data["applicability"], data["message"], [Edit(**e) for e in data["edits"]])
    except (ValueError, KeyError, TypeError):
        return None  # an older store's one-string fix: its offsets are not known


def row_to_finding(row: sqlite3.Row) -> Finding:
    """A stored finding back as the model's Finding (same fields as `rulecheck check`)."""
    seg = None
    if row["segment_index"] is not None:
        seg = SegmentRef(row["segment_index"], row["start_time"], row["end_time"],
                         row["speaker"], row["segment_end_index"])
    return Finding(
        path=row["path"], rule=row["rule"], category=row["category"], family=row["family"],
        severity=row["severity"], title=row["title"], message=row["message"], law=row["law"],
        start=row["start"], end=row["end"], line=row["line"], column=row["column"],
        end_line=row["end_line"], end_column=row["end_column"], text=row["text"],
        context=row["context"], suggestions=json.loads(row["suggestions"] or "[]"),
        fix=_fix_from_json(row["fix"]), segment=seg, notes=json.loads(row["notes"] or "[]"),
        related=json.loads(row["related"] or "[]"))


class Store:
    """An open audit database."""

    def __init__(self, path: str, fault: Callable[[], None] | None = None,
                 create: bool = True):
        self.path = path
        self.fault = fault
        self._run_lock: int | None = None
        try:
            if not create:
                with open(path, "rb"):
                    pass
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            if create and self._version() is None:  # new (or never finished creating)
                self.db.executescript(_SCHEMA)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                                (SCHEMA_VERSION,))
            got = self._migrate()
        except FileNotFoundError:
            raise StoreError(f"{path}: no such audit database") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not an audit database ({exc})") from None
        if got != SCHEMA_VERSION:
            raise StoreError(f"{path}: audit database schema {got or '?'} "
                             f"is not {SCHEMA_VERSION}")

    def _version(self) -> str | None:
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                           "AND name='meta'").fetchone() is None:
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return row[0] if row else None

    def _migrate(self) -> str | None:
        """Bring an older store up to SCHEMA_VERSION; returns the version it is at."""
        while True:
            version = self._version()
            if version not in MIGRATIONS:
                return version
            target, sql = MIGRATIONS[version]
            with self._transaction():
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("UPDATE meta SET value=? WHERE key='schema'", (target,))

    def close(self) -> None:
        self._release()
        self.db.close()

    def _acquire(self) -> None:
        """Hold ``<db>.lock`` for the run, or fail if another process holds it."""
        if fcntl is None or self._run_lock is not None:
            return
        try:
            fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.path}.lock: cannot create: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreError(f"{self.path}: another audit is writing to this database; "
                             "wait for it or stop it") from None
        self._run_lock = fd

    def _release(self) -> None:
        if self._run_lock is not None:
            os.close(self._run_lock)  # closing the descriptor drops the lock
            self._run_lock = None

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, tool_version: str, rulebook_version: str, fingerprint: str,
                  config: dict[str, Any]) -> int:
        """Record a new run (and mark runs that died without closing as killed)."""
        self._acquire()
        with self._transaction():
            self.db.execute("UPDATE runs SET status='killed' WHERE status='running'")
            cur = self.db.execute(
                "INSERT INTO runs (started, status, tool_version, rulebook_version, "
                "fingerprint, config) VALUES (?, 'running', ?, ?, ?, ?)",
                (time.time(), tool_version, rulebook_version, fingerprint,
                 json.dumps(config, ensure_ascii=False, sort_keys=True)))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, checked: int, skipped: int,
                   failed: int) -> None:
        with self._transaction():
            self.db.execute("UPDATE runs SET finished=?, status=?, checked=?, skipped=?, "
                            "failed=? WHERE id=?",
                            (time.time(), status, checked, skipped, failed, run_id))
        self._release()

    # -- documents ----------------------------------------------------------------------

    def known(self) -> dict[str, Known]:
        rows = self.db.execute(
            "SELECT path, status, content_hash, fingerprint, candidates FROM documents")
        return {r[0]: Known(r[1], r[2], r[3], _split(r[4])) for r in rows}

    # -- rulesets -----------------------------------------------------------------------

    def rulesets(self) -> dict[str, Ruleset]:
        return {r[0]: Ruleset(r[0], r[1], json.loads(r[2]))
                for r in self.db.execute("SELECT fingerprint, base, rules FROM rulesets")}

    def add_rulesets(self, sets: Iterable[Ruleset]) -> None:
        with self._transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO rulesets VALUES (?, ?, ?)",
                [(r.fingerprint, r.base, json.dumps(dict(r.rules), sort_keys=True))
                 for r in sets])

    def prune_rulesets(self) -> None:
        """Forget rulesets that no document refers to any more."""
        with self._transaction():
            self.db.execute("DELETE FROM rulesets WHERE fingerprint NOT IN "
                            "(SELECT fingerprint FROM documents WHERE fingerprint IS NOT NULL)")

    def write(self, batch: Sequence[Checked], run_id: int) -> None:
        """Record a batch in one transaction (all of it, or nothing on any error)."""
        with self._transaction():
            for rec in batch:
                self._write_one(rec, run_id)
            if self.fault is not None:
                self.fault()

    def _write_one(self, rec: Checked, run_id: int) -> None:
        meta = json.dumps(rec.metadata, ensure_ascii=False, sort_keys=True)
        cols = [_meta_value(rec.metadata.get(c)) for c in META_COLUMNS]
        sets = ", ".join(f"{c}=?" for c in META_COLUMNS)
        if rec.status == "skipped":  # unchanged: only the manifest's metadata may be new
            self.db.execute(f"UPDATE documents SET metadata=?, {sets} WHERE path=?",
                            _encodable((meta, *cols, rec.path)))
            return
        if rec.status == "kept":  # unchanged, and no rule change can touch its findings
            self.db.execute(f"UPDATE documents SET metadata=?, {sets}, fingerprint=?, "
                            "candidates=?, run_id=? WHERE path=?",
                            _encodable((meta, *cols, rec.fingerprint, _join(rec.candidates),
                                        run_id, rec.path)))
            return
        row = self.db.execute(
            "INSERT INTO documents (path, content_hash, size, encoding, input_format, chars, "
            f"duration, metadata, {', '.join(META_COLUMNS)}, status, error, fingerprint, "
            f"run_id, checked_at, n_findings, candidates) "
            f"VALUES ({', '.join('?' * (15 + len(cols)))}) "
            "ON CONFLICT(path) DO UPDATE SET content_hash=excluded.content_hash, "
            "size=excluded.size, encoding=excluded.encoding, "
            "input_format=excluded.input_format, chars=excluded.chars, "
            "duration=excluded.duration, metadata=excluded.metadata, "
            + "".join(f"{c}=excluded.{c}, " for c in META_COLUMNS)
            + "status=excluded.status, error=excluded.error, fingerprint=excluded.fingerprint, "
            "run_id=excluded.run_id, checked_at=excluded.checked_at, "
            "n_findings=excluded.n_findings, candidates=excluded.candidates RETURNING id",
            _encodable((rec.path, rec.content_hash, rec.size, rec.encoding, rec.input_format,
                        rec.chars, rec.duration, meta, *cols, rec.status, rec.error,
                        rec.fingerprint, run_id, time.time(), len(rec.findings),
                        _join(rec.candidates)))).fetchone()
        doc_id = int(row[0])
        self.db.execute("DELETE FROM findings WHERE document_id=?", (doc_id,))
        if rec.findings:
            names = ", ".join(["document_id", *map(_q, FINDING_COLUMNS)])
            marks = ", ".join("?" * (len(FINDING_COLUMNS) + 1))
            self.db.executemany(f"INSERT INTO findings ({names}) VALUES ({marks})",
                                [_finding_row(doc_id, f) for f in rec.findings])

    class _Tx:
        def __init__(self, db: sqlite3.Connection):
            self.db = db

        def __enter__(self) -> None:
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
            if kind is None:
                try:
                    self.db.execute("COMMIT")
                    return
                except sqlite3.Error:
                    self._rollback()  # SQLite may have rolled back already (disk full)
                    raise
            self._rollback()

        def _rollback(self) -> None:
            """Roll back what is open; never let a failed rollback hide the error."""
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass

    def _transaction(self) -> Store._Tx:
        return Store._Tx(self.db)

    # -- reading ------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def iter_findings(self, where: str = "", params: Iterable[Any] = ()
                      ) -> Iterator[sqlite3.Row]:
        """Findings joined with their document's metadata, in path and offset order."""
        sql = ("SELECT f.*, " + ", ".join(f"d.{c} AS doc_{c}" for c in META_COLUMNS)
               + ", d.chars AS doc_chars, d.duration AS doc_duration "
               "FROM findings f JOIN documents d ON d.id = f.document_id "
               + (f"WHERE {where} " if where else "")
               + 'ORDER BY f.path, f."start", f."end", f.rule')
        yield from self.db.execute(sql, tuple(params))


def _join(rules: frozenset[str] | None) -> str | None:
    return None if rules is None else " ".join(sorted(rules))


def _split(text: str | None) -> frozenset[str] | None:
    return None if text is None else frozenset(text.split())


def _meta_value(value: Any) -> str | None:
    return None if value is None else str(value)
