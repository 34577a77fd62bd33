"""SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, VS Code viewers).

Columns and character offsets count Unicode code points (Python `str` indices), which
the run declares with `columnKind`; end columns are exclusive, as SARIF expects.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from importlib import metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from rulecheck.model import Document, FileResult, Finding
from rulecheck.reports.common import context_offset
from rulecheck.rulebook.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def information_uri() -> str | None:
    """The project's home page as declared in its package metadata, if any."""
    try:
        meta = metadata.metadata("rulecheck")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _, _, url = entry.partition(",")
        if url.strip().startswith(("http://", "https://")):
            return url.strip()
    home = meta.get("Home-page")
    return home if home and home.startswith(("http://", "https://")) else None


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative (percent-encoded),
    absolute ones become file: URIs. Takes the real name (not the escaped display)."""
    if path == "-":
        return "stdin"
    win = PureWindowsPath(path)
    if win.drive:
        return "file:///" + quote(win.as_posix(), safe="/:")
    posix = path.replace("\\", "/")
    # the name's own bytes, percent-encoded: a name that is not UTF-8 stays exact
    raw = os.fsencode(posix) if os.name != "nt" else posix.encode("utf-8", "replace")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(raw, safe="/")
    return quote(raw, safe="/")


def _help(rule: Rule) -> dict[str, str]:
    text = [rule.description.strip() or rule.title, f"Law: {rule.law}"]
    md = [rule.description.strip() or f"**{rule.title}**", "", f"**Law:** {rule.law}"]
    says = rule.replace.ordered()
    if says:
        text.append("Say instead: " + " / ".join(says))
        md += ["", "**Say instead:**", *[f"- {s}" for s in says]]
    if rule.advice:
        text.append("Advice: " + " / ".join(rule.advice))
        md += ["", "**Advice:**", *[f"- {s}" for s in rule.advice]]
    return {"text": "\n".join(text), "markdown": "\n".join(md)}


def _descriptor(rule: Rule) -> dict[str, Any]:
    desc: dict[str, Any] = {
        "id": rule.id,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description.strip() or rule.title},
        "help": _help(rule),
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {
            "category": rule.category,
            "family": rule.family,
            "law": rule.law,
            "lang": rule.lang,
            "tags": [t for t in (rule.category, rule.family, rule.lang) if t],
        },
    }
    if rule.link:
        desc["helpUri"] = rule.link
    return desc


def _rule_from_finding(f: Finding) -> Rule:
    """A descriptor for a finding whose rule was not passed in (an external rule pack
    the caller did not load): what the finding itself says about its rule."""
    from rulecheck.rulebook.rule import Examples

    return Rule(id=f.rule, category=f.category, family=f.family, severity=f.severity,
                lang="", title=f.title, law=f.law, message=f.message, match="",
                examples=Examples(), advice=list(f.advice))


def _region(f: Finding, snippet: bool = True) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line, "startColumn": f.column,
        "endLine": f.end_line, "endColumn": f.end_column,
        "charOffset": f.start, "charLength": f.end - f.start,
    }
    if snippet:
        region["snippet"] = {"text": f.text}
    return region


def fingerprint(f: Finding) -> str:
    """Stable across runs and unrelated edits: the rule, the words and their sentence,
    not the line number."""
    key = "\x1f".join((f.rule, f.text, f.context))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, index: int, document: Document | None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(f.path)},
        "region": _region(f),
    }}
    ctx_at = context_offset(f, document)
    if ctx_at is not None:
        location["physicalLocation"]["contextRegion"] = {
            "charOffset": ctx_at, "charLength": len(f.context), "snippet": {"text": f.context}}
    props: dict[str, Any] = {"category": f.category, "family": f.family, "law": f.law,
                             "segment": None if f.segment is None else asdict(f.segment)}
    if f.suggestions:
        props["suggestions"] = list(f.suggestions)
    if f.notes:
        props["notes"] = list(f.notes)
    if f.related:
        props["related"] = [dict(r) for r in f.related]
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"rulecheckFinding/v1": fingerprint(f)},
        "properties": props,
    }
    if f.fix is not None:
        props["fixApplicability"] = f.fix.applicability
        result["fixes"] = [{
            "description": {"text": f.fix.message},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(f.path)},
                "replacements": [
                    {"deletedRegion": _region(f, snippet=False) if (e.start, e.end)
                     == (f.start, f.end) else {"charOffset": e.start,
                                               "charLength": e.end - e.start},
                     "insertedContent": {"text": e.content}} for e in f.fix.edits],
            }],
        }]
    return result


def _invocation(results: Sequence[FileResult]) -> dict[str, Any]:
    notes = [{
        "level": "error",
        "message": {"text": r.error},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}],
        "descriptor": {"id": "input-error"},
    } for r in results if r.error]
    return {"executionSuccessful": not notes, "toolExecutionNotifications": notes}


def render_sarif(results: Sequence[FileResult], rules: Mapping[str, Rule],
                 tool_version: str) -> str:
    findings = [f for r in results for f in r.findings]
    used = sorted({f.rule for f in findings})
    first: dict[str, Finding] = {}
    for f in findings:
        first.setdefault(f.rule, f)
    descriptors = [_descriptor(rules[i] if i in rules else _rule_from_finding(first[i]))
                   for i in used]
    index = {rule_id: n for n, rule_id in enumerate(used)}
    driver: dict[str, Any] = {"name": "rulecheck", "version": tool_version,
                              "semanticVersion": tool_version, "rules": descriptors}
    if uri := information_uri():
        driver["informationUri"] = uri
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(results)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], r.document) for r in results
                    for f in r.findings],
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]},
                      ensure_ascii=False, indent=2)
