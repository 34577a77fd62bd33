"""JUnit XML, for CI dashboards: a test suite per file, a test case per finding.

Errors and warnings fail their test case; an info finding passes with a note; a file
without findings has one passing case; an unreadable file has one case in error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from rulecheck.model import FileResult, Finding
from rulecheck.reports.common import sorted_findings, time_range

# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: str) -> str:
    return _INVALID_XML.sub("\ufffd", value)


def _details(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}  {f.severity.upper()}  {f.rule}  [{f.category}]",
             f.message, f"text: {f.text}"]
    if f.context:
        lines.append(f"context: {f.context}")
    lines.append(f"law: {f.law}")
    if f.suggestions:
        lines.append("suggest: " + " / ".join(f.suggestions))
    if f.advice:
        lines.append("advice: " + " / ".join(f.advice))
    if when := time_range(f):
        lines.append(f"at: {when}")
    lines.extend(f"note: {n}" for n in f.notes)
    return _clean("\n".join(lines))


def _suite(result: FileResult) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(result.path))
    failures = errors = 0
    if result.error:
        case = ET.SubElement(suite, "testcase", name="read", classname=_clean(result.path))
        ET.SubElement(case, "error", message=_clean(result.error), type="InputError").text = \
            _clean(result.error)
        errors = 1
    elif not result.findings:
        ET.SubElement(suite, "testcase", name="no findings", classname=_clean(result.path))
    for f in sorted_findings(result.findings):
        case = ET.SubElement(suite, "testcase", classname=_clean(result.path),
                             name=_clean(f"{f.rule} {f.line}:{f.column} {f.title}"),
                             file=_clean(f.path), line=str(f.line))
        if f.severity in ("error", "warning"):
            failures += 1
            fail = ET.SubElement(case, "failure", message=_clean(f.message),
                                 type=f"{f.severity}:{f.rule}")
            fail.text = _details(f)
        else:
            ET.SubElement(case, "system-out").text = _details(f)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def render_junit(results: Sequence[FileResult]) -> str:
    root = ET.Element("testsuites", name="rulecheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for r in results:
        suite = _suite(r)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
