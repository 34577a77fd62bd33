"""Batch audit: the store holds exactly what `rulecheck check` finds; re-runs resume."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck import check_text
from rulecheck.audit import runner
from rulecheck.audit.sources import Source, collect
from rulecheck.audit.store import Store
from rulecheck.cli import app
from rulecheck.config import ConfigFinder
from rulecheck.runner import Overrides, Planner, ReadOptions, plan, run_task

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpora" / "samples"


def audit_into(db: Path, specs: list[str], **kw) -> runner.Totals:
    """Audit ``specs`` into ``db`` in this process, as the CLI does (``cli``: the command
    line's overrides; other keywords go to ``runner.audit``)."""
    store = Store(str(db), fault=kw.pop("fault", None))
    try:
        found, _ = collect(specs)
        planner = Planner(ConfigFinder(), kw.pop("cli", None) or Overrides())
        work = runner.prepare(store, found, planner, ReadOptions(),
                              kw.pop("full", False), kw.pop("retry_failed", False))
        return runner.audit(store, work, planner, **kw)
    finally:
        store.close()


def stored(db: Path) -> dict[str, list[tuple]]:
    """path -> sorted (rule, start, end, text, start_time) of every stored finding."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple]] = {}
    for path, n in con.execute("SELECT path, n_findings FROM documents WHERE status='done'"):
        out[path] = sorted(con.execute(
            'SELECT rule, "start", "end", text, start_time FROM findings f JOIN documents d '
            "ON d.id=f.document_id WHERE d.path=?", (path,)))
        assert len(out[path]) == n
    con.close()
    return out


def test_store_matches_check(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    totals = audit_into(db, [str(SAMPLES), str(REPO / "corpora" / "demo")])
    assert totals.checked == 15 and totals.failed == 0 and not totals.unstored
    got = stored(db)
    tasks, _ = plan([str(SAMPLES), str(REPO / "corpora" / "demo")],
                    Planner(ConfigFinder(), Overrides()), ReadOptions())
    for task in tasks:
        res = run_task(task).result
        want = sorted((f.rule, f.start, f.end, f.text,
                       f.segment.start_time if f.segment else None) for f in res.findings)
        assert got[str(Path(task.path).resolve())] == want, task.path
    assert sum(map(len, got.values())) > 50
    con = sqlite3.connect(db)
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    enc = dict(con.execute("SELECT path, encoding FROM documents"))
    assert mode == "wal"
    assert enc[str(SAMPLES / "script_big5.txt")] == "big5"
    timed = con.execute("SELECT count(*) FROM findings WHERE start_time IS NOT NULL").fetchone()
    assert timed[0] > 0


def test_rerun_skips_and_full_rechecks(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    audit_into(db, [str(SAMPLES)])
    first = stored(db)
    again = audit_into(db, [str(SAMPLES)])
    assert again.checked == 0 and again.skipped == len(first)
    assert stored(db) == first
    full = audit_into(db, [str(SAMPLES)], full=True)
    assert full.checked == len(first) and stored(db) == first


def test_changed_file_and_changed_settings_are_rechecked(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("全网最低价", encoding="utf-8")
    (d / "b.txt").write_text("最近天气干燥", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    audit_into(db, [str(d)])
    (d / "b.txt").write_text("这是全网最好用的面霜", encoding="utf-8")
    t = audit_into(db, [str(d)])
    assert (t.checked, t.skipped) == (1, 1)
    assert stored(db)[str(d / "b.txt")]
    # another rule selection is another fingerprint: everything is checked again
    (d / "rulecheck.toml").write_text('select = ["pricing"]\n', encoding="utf-8")
    t = audit_into(db, [str(d)])
    assert (t.checked, t.skipped) == (2, 0)
    assert stored(db)[str(d / "b.txt")] == []


def test_manifest_metadata_and_glob(tmp_path: Path) -> None:
    d = tmp_path / "t"
    d.mkdir()
    (d / "one.txt").write_text("原价999今天只要99", encoding="utf-8")
    (d / "two.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\n全网最低价\n",
                               encoding="utf-8")
    man = d / "manifest.jsonl"
    man.write_text('{"path": "one.txt", "anchor": "A", "room": "r1", "date": "2024-05-01"}\n'
                   '{"path": "two.srt", "anchor": "B", "date": "2024-05-02"}\n'
                   '{"path": "gone.txt", "anchor": "B"}\n', encoding="utf-8")
    found, errors = collect([str(man)])
    assert [Path(s.path).name for s in found] == ["one.txt", "two.srt", "gone.txt"]
    assert found[0].metadata == {"anchor": "A", "room": "r1", "date": "2024-05-01"}
    # a directory walk does not audit the manifest itself
    walked, _ = collect([str(d)])
    assert sorted(Path(s.path).name for s in walked) == ["one.txt", "two.srt"]
    globbed, errors = collect([str(d / "*.srt"), str(tmp_path / "nothing*.txt")])
    assert [Path(s.path).name for s in globbed] == ["two.srt"]
    assert errors and "matches no file" in errors[0]
    db = tmp_path / "a.sqlite"
    t = audit_into(db, [str(man)])
    assert t.failed == 1 and "gone.txt: no such file" in t.failures[0]
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT anchor, count(*) FROM documents GROUP BY anchor"))
    assert rows == {"A": 1, "B": 2}


def test_parallel_equals_serial(tmp_path: Path) -> None:
    serial, par = tmp_path / "s.sqlite", tmp_path / "p.sqlite"
    audit_into(serial, [str(SAMPLES)], jobs=1)
    audit_into(par, [str(SAMPLES)], jobs=2)
    assert stored(serial) == stored(par)


def test_bad_inputs_are_recorded_and_retried(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text("全网最低价", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "bin.txt").write_bytes((SAMPLES / "binary.bin").read_bytes())
    (d / "gbk.txt").write_bytes("今天只要九十九 全网最低价".encode("gb18030"))
    locked = d / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    db = tmp_path / "a.sqlite"
    try:
        t = audit_into(db, [str(d)])
        con = sqlite3.connect(db)
        status = dict(con.execute("SELECT path, status FROM documents"))
        errors = dict(con.execute("SELECT path, error FROM documents WHERE error IS NOT NULL"))
        assert status[str(d / "ok.txt")] == status[str(d / "empty.txt")] == "done"
        assert status[str(d / "gbk.txt")] == "done"
        assert "binary or undecodable" in errors[str(d / "bin.txt")]
        if status[str(locked)] == "failed":  # root can read anything
            assert "permission denied" in errors[str(locked)].lower()
        assert t.failed >= 1
        # failures stay recorded until --retry-failed
        (d / "bin.txt").write_text("全网最低价", encoding="utf-8")
        assert audit_into(db, [str(d)]).checked == 0
        t = audit_into(db, [str(d)], retry_failed=True)
        assert t.checked >= 1
        assert str(d / "bin.txt") in stored(db)
    finally:
        locked.chmod(0o644)


def test_deleted_during_run(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"f{i}.txt").write_text("全网最低价", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    store = Store(str(db))
    found, _ = collect([str(d)])
    planner = Planner(ConfigFinder(), Overrides())
    work = runner.prepare(store, found, planner, ReadOptions())
    (d / "f2.txt").unlink()  # planned, then gone before it is read
    t = runner.audit(store, work, planner)
    store.close()
    assert (t.checked, t.failed) == (3, 1)
    assert "f2.txt: no such file" in t.failures[0]


def test_disk_full_keeps_store_consistent(tmp_path: Path) -> None:
    """A full disk stops the run at once (every later write would fail too): one error,
    nothing half-written, and the next run checks what was left."""
    d = tmp_path / "in"
    d.mkdir()
    for i in range(6):
        (d / f"f{i}.txt").write_text(f"全网最低价 第{i}场", encoding="utf-8")
    db = tmp_path / "a.sqlite"

    def full_disk() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    t = audit_into(db, [str(d)], fault=full_disk)
    assert t.aborted and "database or disk is full" in t.aborted and t.interrupted
    assert (t.checked, t.unstored) == (0, [])
    assert stored(db) == {}
    t = audit_into(db, [str(d)])  # the next run does it all
    assert (t.checked, t.skipped, t.aborted) == (6, 0, None)


def test_a_row_the_store_refuses_is_reported_and_the_rest_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "BATCH_SECONDS", 1e9)  # one batch, however slow the machine
    d = tmp_path / "in"
    d.mkdir()
    for i in range(6):
        (d / f"f{i}.txt").write_text(f"全网最低价 第{i}场", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    calls = {"n": 0}

    def refuse() -> None:
        calls["n"] += 1
        if calls["n"] in (1, 3):  # the whole batch, then one of its documents alone
            raise sqlite3.IntegrityError("constraint failed")

    t = audit_into(db, [str(d)], fault=refuse)
    assert len(t.unstored) == 1 and "constraint failed" in t.unstored[0]
    assert t.checked == 5
    got = stored(db)  # every done document has exactly its findings
    per_doc = len(check_text("全网最低价 第0场"))  # a lowest-price claim: pricing and advertising
    assert per_doc == 2
    assert len(got) == 5 and all(len(v) == per_doc for v in got.values())
    t = audit_into(db, [str(d)])  # the next run finishes the one left out
    assert (t.checked, t.skipped) == (1, 5)


def test_disk_full_for_real(tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (a page limit) stops the run with one
    message; what was stored is whole, and a run with room finishes the rest."""
    d = tmp_path / "in"
    d.mkdir()
    for i in range(60):
        (d / f"f{i}.txt").write_text("全网最低价，原价999今天只要99。" * 40, encoding="utf-8")
    db = tmp_path / "a.sqlite"
    Store(str(db)).close()
    con = sqlite3.connect(db)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()

    store = Store(str(db))
    store.db.execute(f"PRAGMA max_page_count={pages + 60}")
    found, _ = collect([str(d)])
    planner = Planner(ConfigFinder(), Overrides())
    t = runner.audit(store, runner.prepare(store, found, planner, ReadOptions()), planner)
    store.close()
    assert t.aborted and "full" in t.aborted and t.unstored == []
    assert t.checked < 60
    got = stored(db)  # what was stored is whole: every document has all its findings
    assert len(got) == t.checked and len({len(v) for v in got.values()}) <= 1
    t2 = audit_into(db, [str(d)])
    assert t2.aborted is None and t2.checked + t.checked == 60


def test_cli_run_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    r = CliRunner().invoke(app, ["audit", str(REPO / "corpora" / "demo"), "--db", str(db),
                                 "-j", "1"])
    assert r.exit_code == 0, r.output
    assert "audited 2 document(s)" in r.output
    r = CliRunner().invoke(app, ["audit", str(tmp_path / "missing"), "--db", str(db)])
    assert r.exit_code == 2 and "no such file or directory" in r.output
    assert "Traceback" not in r.output
    notdb = tmp_path / "x.sqlite"
    notdb.write_text("not a database", encoding="utf-8")
    r = CliRunner().invoke(app, ["audit", str(REPO / "corpora" / "demo"), "--db", str(notdb)])
    assert r.exit_code == 2 and "not an audit database" in r.output


def test_one_run_at_a_time_and_dead_runs_are_marked(tmp_path: Path) -> None:
    """A second audit on a store another process is writing to stops with one line; a
    run that never closed (its process died) is marked killed by the next one."""
    db = tmp_path / "a.sqlite"
    holder = Store(str(db))
    holder.start_run("v", "r", "f", {})  # a run in progress, as another process has it
    try:
        r = CliRunner().invoke(app, ["audit", str(REPO / "corpora" / "demo"), "--db",
                                     str(db), "-j", "1"])
        assert r.exit_code == 2 and "another audit is writing" in r.output
        assert "Traceback" not in r.output
    finally:
        holder.close()  # closed without finish_run: the run stays 'running', unlocked
    r = CliRunner().invoke(app, ["audit", str(REPO / "corpora" / "demo"), "--db", str(db),
                                 "-j", "1"])
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(db)
    assert [s for (s,) in con.execute("SELECT status FROM runs ORDER BY id")] == \
        ["killed", "completed"]
    con.close()


@pytest.mark.parametrize("meta", [{"product_type": "health_food"}])
def test_manifest_product_type_reaches_the_checker(tmp_path: Path, meta: dict) -> None:
    src = tmp_path / "a.txt"
    src.write_text("这款产品可以治疗高血压", encoding="utf-8")
    planner = Planner(ConfigFinder(), Overrides())
    work = runner.plan_jobs([Source(str(src), meta)], planner, ReadOptions(), {})
    assert work.jobs[0].task.profile.product_type == "health_food"
    plain = runner.plan_jobs([Source(str(src))], planner, ReadOptions(), {})
    assert plain.jobs[0].fingerprint != work.jobs[0].fingerprint
