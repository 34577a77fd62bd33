"""What reports write: no spreadsheet formulas, no terminal escapes from the checked text,
and an audit that stops cleanly when its database cannot be written."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck import reports
from rulecheck.cli import app
from rulecheck.model import Document, FileResult, Finding, SegmentRef
from rulecheck.safetext import csv_cell, display_name, for_terminal

GOOD = "这是全网最好的面霜"


def finding(path: str = "a.txt", text: str = "最好", context: str = GOOD,
            speaker: str | None = None) -> Finding:
    start = context.find(text) if text in context else 0
    return Finding(path=path, rule="AD-ZH-001", category="advertising", family="f",
                   severity="error", title="t", message=f"“{text}”不得使用", law="l",
                   start=start, end=start + len(text), line=1, column=start + 1, end_line=1,
                   end_column=start + len(text) + 1, text=text, context=context,
                   segment=SegmentRef(0, 1.0, 2.0, speaker) if speaker else None)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1",
                                   "＝1+1"])
def test_csv_cells_that_start_a_formula_are_quoted(value: str) -> None:
    assert csv_cell(value) == "'" + value
    assert csv_cell("最好" + value) == "最好" + value
    assert csv_cell(3) == 3


def test_csv_report_neutralises_paths_texts_and_speakers() -> None:
    f = finding(path="=HYPERLINK(\"http://x\")", text="=cmd|' /C calc'!A0",
                context="=cmd|' /C calc'!A0 最好", speaker="@host")
    out = reports.render("csv", [FileResult(f.path, findings=[f]),
                                 FileResult("-bad.txt", error="-bad.txt: unreadable")], {})
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["path"].startswith("'=")
    assert rows[0]["text"].startswith("'=")
    assert rows[0]["speaker"] == "'@host"
    assert rows[1]["path"] == "'-bad.txt" and rows[1]["message"].startswith("'-")
    for row in rows:
        for value in row.values():
            assert (value or "x")[0] not in "=+-@\t\r"


def test_audit_csv_neutralises_anchor_and_room_names(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"path": "in/a.txt", "anchor": "=cmd|' /C calc'!A0",
                                    "room": "+room", "date": "-2024"}) + "\n",
                        encoding="utf-8")
    db = tmp_path / "a.sqlite"
    r = CliRunner().invoke(app, ["audit", str(manifest), "--db", str(db), "-j", "1"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["audit", "report", "--db", str(db), "--format", "csv"])
    assert r.exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(r.output)) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'+room" in cells
    assert not any(c[:1] in ("=", "+", "-", "@") for c in cells)


# -- terminal output -------------------------------------------------------------------

def test_terminal_escapes() -> None:
    assert for_terminal("a\x1b[31mb\u202ec\td\n") == "a\\x1b[31mb\\u202ec\td\n"
    assert for_terminal("最好") == "最好"
    assert display_name(os.fsdecode(b"caf\xe9\n.txt")) == "caf\\xe9\\x0a.txt"


def test_text_report_escapes_what_the_checked_text_carries() -> None:
    context = "\x1b]0;pwned\x07最好\u202e的面霜\x1b[2J"
    f = finding(text="最好", context=context)
    doc = Document(text=context, path="a.txt")
    for color in (False, True):
        out = reports.render("text", [FileResult("a.txt", doc, [f])], {}, color=color)
        assert "\x07" not in out and "\u202e" not in out and "\x1b]" not in out
        assert "\x1b[2J" not in out
        assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out


def test_text_report_underline_stays_on_the_match_after_escaping() -> None:
    context = "\x1b[1m前面最好后面"
    f = finding(text="最好", context=context)
    out = reports.render("text", [FileResult("a.txt", Document(context, "a.txt"), [f])], {},
                         color=True)
    line = next(ln for ln in out.splitlines() if "前面" in ln)
    assert "\\x1b[1m前面\x1b[4" in line  # underline starts right at 最好


def test_cli_text_report_of_a_file_with_escapes(tmp_path: Path) -> None:
    p = tmp_path / "evil.txt"
    p.write_text("大家好，欢迎来到直播间。" * 4 + "这是全网最好\x1b[2J的面霜\x1b]8;;x\x07\u2067",
                 encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(p)])
    assert r.exit_code == 1
    assert "\x1b" not in r.output and "\u2067" not in r.output and "\x07" not in r.output


# -- audit write failures --------------------------------------------------------------

def test_audit_stops_on_disk_full_with_one_line_and_resumes(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from rulecheck.audit import store as store_mod

    d = tmp_path / "in"
    d.mkdir()
    for i in range(120):
        (d / f"f{i}.txt").write_text(f"全网最低价 第{i}场", encoding="utf-8")
    db = tmp_path / "a.sqlite"
    real = store_mod.Store.write
    calls = {"n": 0}

    def full(self, batch, run_id):
        calls["n"] += 1
        if calls["n"] > 1:  # the first batch is stored, then the disk is full
            err = sqlite3.OperationalError("database or disk is full")
            raise err
        return real(self, batch, run_id)

    monkeypatch.setattr(store_mod.Store, "write", full)
    monkeypatch.setattr("rulecheck.audit.runner.BATCH_SIZE", 50)
    r = CliRunner().invoke(app, ["audit", str(d), "--db", str(db), "-j", "1"])
    assert r.exit_code == 2, r.output
    errors = [ln for ln in r.output.splitlines() if ln.startswith("rulecheck: error:")]
    assert len(errors) == 1, r.output
    assert "database or disk is full" in errors[0] and "resume" in errors[0]
    assert "cannot rollback" not in r.output
    con = sqlite3.connect(db)
    done = con.execute("SELECT count(*) FROM documents WHERE status='done'").fetchone()[0]
    status = con.execute("SELECT status FROM runs ORDER BY id DESC").fetchone()[0]
    con.close()
    assert 0 < done < 120 and status != "completed"
    monkeypatch.setattr(store_mod.Store, "write", real)
    r = CliRunner().invoke(app, ["audit", str(d), "--db", str(db), "-j", "1"])
    assert r.exit_code == 0, r.output
    assert f"audited {120 - done} document(s)" in r.output
    assert f"{done} already recorded" in r.output
