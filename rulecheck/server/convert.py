"""Findings and rules as the JSON the API returns; the summary of one check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rulecheck.model import Document, FileResult, Finding, Segment
from rulecheck.reports.common import sorted_findings, summarize
from rulecheck.rulebook.rule import Rule


def finding_dict(f: Finding) -> dict[str, Any]:
    return f.to_dict()


def findings_list(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings in reading order, as every report lists them."""
    return [f.to_dict() for f in sorted_findings(findings)]


def summary(findings: Sequence[Finding], characters: int, segments: int,
            elapsed_s: float) -> dict[str, Any]:
    """The counts of `--format json` (reports.common.summarize) plus the size of the
    input and the time the check took."""
    out = summarize([FileResult(path="-", findings=list(findings))])
    out.update(characters=characters, segments=segments,
               elapsed_ms=round(elapsed_s * 1000, 3))
    return out


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "category": rule.category, "family": rule.family,
        "severity": rule.severity, "lang": rule.lang, "title": rule.title, "law": rule.law,
        "message": rule.message, "description": rule.description, "scope": rule.scope,
        "applies_to": list(rule.applies_to), "exempt_for": list(rule.exempt_for),
        "replace": {kind: [{"text": r.text, "when": r.when.source if r.when else None}
                           for r in entries]
                    for kind, entries in (("safe", rule.replace.safe),
                                          ("unsafe", rule.replace.unsafe))},
        "advice": list(rule.advice), "link": rule.link,
        "match": " ".join(rule.match.split()),
        "unless": " ".join(rule.unless.split()) if rule.unless else None,
        "examples": {"bad": list(rule.examples.bad), "good": list(rule.examples.good)},
    }


def segments_document(segments: Sequence[Any], path: str) -> Document:
    """A transcript from request segments: their texts joined by newlines, checked by
    segments only (so consecutive segments are joined when phrases are matched)."""
    parts: list[str] = []
    out: list[Segment] = []
    pos = 0
    for i, seg in enumerate(segments):
        out.append(Segment(i, pos, pos + len(seg.text), seg.start, seg.end, seg.speaker))
        parts.append(seg.text)
        pos += len(seg.text) + 1
    return Document(text="\n".join(parts), path=path, segments=out, input_format="jsonl",
                    metadata={"segments_only": True})
