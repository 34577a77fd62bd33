"""``rulecheck check script.docx --format docx --output reviewed.docx``: the reviewed copy.

The script is checked as any input is; the report is then the script itself, with a
comment on each finding and, with ``--fix`` (``--unsafe-fixes``), the fixes as tracked
changes. The input file is never written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from rulecheck.errors import InputError
from rulecheck.rulebook.rule import Rule
from rulecheck.runner import Outcome


def usage_error(paths: Sequence[str], output: Path | None, input_format: str | None,
                diff: bool) -> str | None:
    """Why ``--format docx`` cannot run with these arguments, or None."""
    if output is None:
        return "--format docx needs --output FILE (where the reviewed copy goes)"
    if diff:
        return "--format docx cannot be combined with --diff; --fix writes tracked changes"
    if len(paths) != 1 or paths[0] == "-" or os.path.isdir(paths[0]):
        return "--format docx takes exactly one .docx file"
    path = paths[0]
    if Path(path).suffix.lower() != ".docx" and (input_format or "").lower() != "docx":
        return f"--format docx takes a .docx file, not {path}"
    try:
        if os.path.samefile(path, output):
            return "--output must not be the input: the script itself is never changed"
    except OSError:
        pass  # one of them does not exist yet
    return None


def write_review(outcomes: Sequence[Outcome], output: Path, rules: Mapping[str, Rule],
                 fix: bool, unsafe: bool) -> str | None:
    """Write the reviewed copy of the checked .docx to ``output``; the line to print.
    None when the input could not be read (its error is reported already)."""
    from rulecheck.readers.files import read_regular
    from rulecheck.reports.docx import review_docx

    result = next((o.result for o in outcomes if o.result.document is not None), None)
    if result is None or result.document is None:
        return None
    data = read_regular(result.path)
    review = review_docx(data, result.document, result.findings, rules, fix=fix,
                         unsafe=unsafe)
    try:
        output.write_bytes(review.data)
    except OSError as exc:
        raise InputError(f"{output}: cannot write the reviewed copy: "
                         f"{exc.strerror or exc}") from None
    changes = f", {review.changes} tracked change(s)" if fix else ""
    return f"rulecheck: wrote {output}: {review.comments} comment(s){changes}"
