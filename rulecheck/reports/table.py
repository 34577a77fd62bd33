"""CSV: one row per finding, for spreadsheets and audit trails.

An input that could not be read is a row with an empty `rule`, severity `error` and
the reason in `message`, so nothing checked disappears from the sheet. A cell that
starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rulecheck.model import FileResult, Finding
from rulecheck.reports.common import clock
from rulecheck.safetext import csv_cell

COLUMNS: tuple[str, ...] = (
    "path", "line", "column", "end_line", "end_column", "rule", "category", "family",
    "severity", "title", "message", "law", "text", "suggestions", "start_time", "end_time",
    "speaker",
)


def _neutral(row: dict[str, object]) -> dict[str, object]:
    """Every text cell that a spreadsheet would run as a formula made plain text."""
    return {k: csv_cell(v) for k, v in row.items()}


def _row(f: Finding) -> dict[str, object]:
    seg = f.segment
    return {
        "path": f.path, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "rule": f.rule, "category": f.category,
        "family": f.family, "severity": f.severity, "title": f.title, "message": f.message,
        "law": f.law, "text": f.text, "suggestions": " | ".join(f.suggestions),
        "start_time": clock(seg.start_time) if seg else "",
        "end_time": clock(seg.end_time) if seg else "",
        "speaker": (seg.speaker or "") if seg else "",
    }


def render_csv(results: Sequence[FileResult]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        for f in r.findings:
            writer.writerow(_neutral(_row(f)))
        if r.error:
            writer.writerow(_neutral({"path": r.path, "severity": "error", "message": r.error}))
    return buf.getvalue()
