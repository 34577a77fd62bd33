"""An audit killed with SIGKILL mid-run resumes to exactly an uninterrupted run's store."""

from __future__ import annotations

import importlib
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _generate(out: Path, count: int) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        return importlib.import_module("audit_corpus").generate(out, count, seed=3,
                                                                lines_per_file=8)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


def _audit(manifest: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "rulecheck", "audit", str(manifest),
                             "--db", str(db), "--jobs", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _done(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents WHERE status='done'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> tuple[dict[str, int], list[tuple]]:
    """Each done document's finding count (checked against its rows) and all findings."""
    con = sqlite3.connect(db)
    docs = dict(con.execute("SELECT path, n_findings FROM documents WHERE status='done'"))
    rows = con.execute(
        'SELECT d.path, f.rule, f.category, f."start", f."end", f.text, f.start_time '
        'FROM findings f '
        "JOIN documents d ON d.id = f.document_id ORDER BY 1, 2, 3, 4").fetchall()
    per_doc = dict(con.execute("SELECT document_id, count(*) FROM findings GROUP BY 1"))
    ids = dict(con.execute("SELECT path, id FROM documents"))
    status = dict(con.execute("SELECT path, status FROM documents"))
    con.close()
    for path, n in docs.items():  # no partial document
        assert per_doc.get(ids[path], 0) == n, path
    assert all(status[p] == "done" for p in {r[0] for r in rows})
    assert len(rows) == len(set(rows))  # nothing written twice
    return docs, rows


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def test_sigkill_then_resume_equals_uninterrupted(tmp_path: Path) -> None:
    manifest = _generate(tmp_path / "corpus", 240)
    whole = tmp_path / "whole.sqlite"
    assert _audit(manifest, whole).wait(timeout=300) == 0
    expected = _snapshot(whole)
    assert len(expected[0]) == 240

    db = tmp_path / "killed.sqlite"
    proc = _audit(manifest, db)
    deadline = time.monotonic() + 120
    while _done(db) < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.5)
    for w in workers:  # the workers die with their parent
        assert not Path(f"/proc/{w}").exists() or "zombie" in \
            Path(f"/proc/{w}/status").read_text().lower()
    partial, _ = _snapshot(db)
    assert 30 <= len(partial) < 240
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM runs").fetchone()[0] == "running"
    con.close()

    resumed = _audit(manifest, db)
    assert resumed.wait(timeout=300) == 0
    assert _snapshot(db) == expected
    con = sqlite3.connect(db)
    runs = con.execute("SELECT status, checked, skipped FROM runs ORDER BY id").fetchall()
    con.close()
    assert [r[0] for r in runs] == ["killed", "completed"]
    assert runs[-1][2] == len(partial)
    assert runs[-1][1] == 240 - len(partial)
