"""Overlaps between findings: one primary category per stretch of words.

A sentence often breaks several laws at once. When a finding lies inside the span
of a longer finding of its own category, or of one from a more specific category
(legal taxonomy §1.4: pricing before food safety before advertising ...), it is
folded into that finding as `related`, so a report counts it once, under the right
category, and still cites both laws.
Findings of one rule that overlap are merged into the longest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rulecheck.model import CATEGORY_PRECEDENCE, Finding, severity_rank
from rulecheck.rulebook.rule import Rule

_RANK = {c: i for i, c in enumerate(CATEGORY_PRECEDENCE)}


def _covers(a: Finding, b: Finding) -> bool:
    return a.start <= b.start and b.end <= a.end


def _outranks(g: Finding, f: Finding) -> bool:
    """Whether g, which covers f, should absorb it: a more specific category, or the
    same category and a longer (or, for equal spans, a more severe) finding."""
    if g.category != f.category:
        return _RANK[g.category] < _RANK[f.category]
    if (g.end - g.start) != (f.end - f.start):
        return (g.end - g.start) > (f.end - f.start)
    return (severity_rank(g.severity), f.rule) > (severity_rank(f.severity), g.rule)


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    findings = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), f.rule))
    # same rule: keep the longest of overlapping hits
    kept: list[Finding] = []
    last_by_rule: dict[str, Finding] = {}
    for f in findings:
        prev = last_by_rule.get(f.rule)
        if prev is not None and f.start < prev.end:
            continue
        last_by_rule[f.rule] = f
        kept.append(f)
    # fold a finding into one that covers it and outranks it; only findings that
    # overlap can cover each other, so compare within clusters of overlapping spans
    dropped: set[int] = set()
    cluster: list[int] = []
    cluster_end = -1
    for idx in range(len(kept) + 1):
        if idx < len(kept) and kept[idx].start < cluster_end:
            cluster.append(idx)
            cluster_end = max(cluster_end, kept[idx].end)
            continue
        if len(cluster) > 1:
            _fold(kept, cluster, dropped)
        if idx < len(kept):
            cluster = [idx]
            cluster_end = kept[idx].end
    return [f for i, f in enumerate(kept) if i not in dropped]


def _fold(kept: list[Finding], cluster: list[int], dropped: set[int]) -> None:
    for i in cluster:
        f = kept[i]
        for j in cluster:
            if i == j or j in dropped or i in dropped:
                continue
            g = kept[j]
            if _covers(g, f) and _outranks(g, f):
                g.related.append({"rule": f.rule, "category": f.category, "law": f.law,
                                  "severity": f.severity})
                if severity_rank(f.severity) > severity_rank(g.severity):
                    g.severity = f.severity
                dropped.add(i)
                break


def with_second_wrongs(findings: list[Finding], rules: Mapping[str, Rule]) -> list[Finding]:
    """A second finding, in its own category, for words that break two distinct
    prohibitions (a lowest-price claim: a price no one can verify, and an absolute term);
    it follows the first."""
    out: list[Finding] = []
    for f in findings:
        out.append(f)
        rule = rules.get(f.rule)
        also = rule.also if rule is not None else None
        if also and also["category"] != f.category:
            out.append(replace(f, category=also["category"], law=also["law"], related=[],
                               notes=list(f.notes), suggestions=list(f.suggestions)))
    return out
