"""Audit rules: patterns across transcripts that no single transcript shows.

They are computed from the stored findings and the documents' metadata (anchor, date,
product), so they need a manifest. Each is a documented rule with an id, a category
of the seven and its legal basis (docs/audit.md explains each in full):

* PR-AUDIT-001 — the same "only today / last N units" claim by one anchor on two or
  more different dates: the urgency was not real on at least one of them.
* PR-AUDIT-002 — the same reference price claimed for one product in two or more
  sessions while every session sells it lower: the reference price is never a real
  transaction price.
* EC-AUDIT-001 — an anchor's reported sales of one product growing faster than
  ``MAX_UNITS_PER_HOUR`` between two claims.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from rulecheck.audit.store import Store
from rulecheck.text.entities import find_entities


@dataclass(frozen=True)
class AuditRule:
    id: str
    category: str
    severity: str
    title: str
    law: str


URGENCY = AuditRule(
    "PR-AUDIT-001", "pricing", "warning", "同一主播在不同日期重复“仅限今天/最后几单”说法",
    "《价格法》第十四条第（四）项；《明码标价和禁止价格欺诈规定》（2022）第十九条第（四）（五）项")
REFERENCE = AuditRule(
    "PR-AUDIT-002", "pricing", "warning", "同一商品多场次宣称同一被比较价格而从未以该价格销售",
    "《明码标价和禁止价格欺诈规定》（2022）第十六条、第十七条第（二）项、第十九条第（三）项；"
    "《价格法》第十四条第（四）项")
SALES = AuditRule(
    "EC-AUDIT-001", "ecommerce", "warning", "口播销量增长快于可能",
    "《反不正当竞争法》（2025）第九条（2019年版第八条第一款）；"
    "《网络直播营销管理办法（试行）》第十八条第（四）项")
AUDIT_RULES: tuple[AuditRule, ...] = (URGENCY, REFERENCE, SALES)

URGENCY_FAMILIES = ("fake_urgency", "fake_scarcity")
REFERENCE_FAMILIES = ("reference_price",)
SALES_RULES = ("EC-ZH-032", "EC-EN-004")
#: Reported units per hour above which growth between two claims is not credible.
MAX_UNITS_PER_HOUR = 10_000
#: Hours assumed between two claims on the same date in different sessions (a whole
#: day: the most generous reading, so only growth impossible within a day is flagged).
SAME_DAY_HOURS = 24.0


@dataclass(frozen=True)
class Evidence:
    """One stored finding a pattern rests on."""

    path: str
    date: str | None
    line: int
    start_time: float | None
    text: str
    context: str


@dataclass
class PatternFinding:
    rule: AuditRule
    anchor: str | None
    subject: str  # the claim, the product, ...
    message: str
    evidence: list[Evidence] = field(default_factory=list)


def _norm(text: str) -> str:
    """A claim's identity: NFKC, case-folded, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isalnum())


def _evidence(row: sqlite3.Row) -> Evidence:
    return Evidence(row["path"], row["doc_date"], row["line"], row["start_time"], row["text"],
                    row["context"])


def _rows(store: Store, where: str, values: Sequence[str]) -> list[sqlite3.Row]:
    marks = ", ".join("?" * len(values))
    return list(store.iter_findings(f"{where} IN ({marks})", values))


def repeated_urgency(store: Store) -> list[PatternFinding]:
    groups: dict[tuple[str, str], list[sqlite3.Row]] = defaultdict(list)
    for row in _rows(store, "f.family", URGENCY_FAMILIES):
        if row["doc_anchor"] and row["doc_date"]:
            groups[(row["doc_anchor"], _norm(row["text"]))].append(row)
    out = []
    for (anchor, _), rows in sorted(groups.items()):
        dates = sorted({r["doc_date"] for r in rows})
        if len(dates) < 2:
            continue
        claim = rows[0]["text"]
        out.append(PatternFinding(
            URGENCY, anchor, claim,
            f"主播 {anchor} 在 {len(dates)} 个不同日期（{dates[0]} 至 {dates[-1]}）都说“{claim}”；"
            "时限或库存说法至少在其中一天不真实。",
            [_evidence(r) for r in rows]))
    return out


def _amounts(text: str) -> list[float]:
    found = find_entities("PRICE", text) or find_entities("NUM", text)
    return [e.value for e in found if e.value is not None]


def reference_never_charged(store: Store) -> list[PatternFinding]:
    groups: dict[tuple[str, float], list[tuple[sqlite3.Row, float | None]]] = defaultdict(list)
    for row in _rows(store, "f.family", REFERENCE_FAMILIES):
        product = row["doc_product"]
        amounts = _amounts(row["text"])
        if not product or not amounts:
            continue
        ref = amounts[0]
        sold = [v for v in _amounts(row["context"] or "") if v != ref]
        groups[(product, ref)].append((row, min(sold) if sold else None))
    out = []
    for (product, ref), items in sorted(groups.items()):
        sessions = {r["path"] for r, _ in items}
        lower = {r["path"] for r, sold in items if sold is not None and sold < ref}
        if len(sessions) < 2 or lower != sessions:
            continue
        anchors = sorted({r["doc_anchor"] for r, _ in items if r["doc_anchor"]})
        out.append(PatternFinding(
            REFERENCE, ", ".join(anchors) or None, f"{product} · {ref:g}",
            f"“{product}”在 {len(sessions)} 场直播中都以 {ref:g} 元为被比较价格，"
            f"但每场实际售价都更低（最高 {max(s for _, s in items if s is not None):g} 元）："
            "被比较价格没有真实成交依据。",
            [_evidence(r) for r, _ in items]))
    return out


def _hours_between(a: sqlite3.Row, b: sqlite3.Row) -> float | None:
    try:
        days = (Date.fromisoformat(b["doc_date"]) - Date.fromisoformat(a["doc_date"])).days
    except (TypeError, ValueError):
        return None
    if days:
        return days * 24.0
    if a["path"] == b["path"] and a["start_time"] is not None and b["start_time"] is not None:
        return max((b["start_time"] - a["start_time"]) / 3600, 1 / 60)
    return SAME_DAY_HOURS


def sales_too_fast(store: Store, max_per_hour: float = MAX_UNITS_PER_HOUR
                   ) -> list[PatternFinding]:
    groups: dict[tuple[str, str], list[tuple[sqlite3.Row, float]]] = defaultdict(list)
    for row in _rows(store, "f.rule", SALES_RULES):
        nums = [e.value for e in find_entities("NUM", row["text"]) if e.value is not None]
        if row["doc_anchor"] and row["doc_date"] and nums:
            groups[(row["doc_anchor"], row["doc_product"] or "")].append((row, max(nums)))
    out = []
    for (anchor, product), items in sorted(groups.items()):
        items.sort(key=lambda it: (it[0]["doc_date"], it[0]["path"],
                                   it[0]["start_time"] or 0, it[0]["start"]))
        for (a, na), (b, nb) in zip(items, items[1:], strict=False):
            hours = _hours_between(a, b)
            if hours is None or nb <= na or (nb - na) / hours <= max_per_hour:
                continue
            rate = (nb - na) / hours
            out.append(PatternFinding(
                SALES, anchor, product or "-",
                f"主播 {anchor} 报告的{product or ''}销量从 {na:g} 增至 {nb:g}（{a['doc_date']} → "
                f"{b['doc_date']}），约每小时 {rate:,.0f} 件，超过可信上限每小时 "
                f"{max_per_hour:,.0f} 件。",
                [_evidence(a), _evidence(b)]))
    return out


def find_patterns(store: Store) -> list[PatternFinding]:
    """Every audit rule over the whole store, in rule order."""
    return [*repeated_urgency(store), *reference_never_charged(store), *sales_too_fast(store)]


def count_by_rule(found: Iterable[PatternFinding]) -> dict[str, int]:
    counts = {r.id: 0 for r in AUDIT_RULES}
    for p in found:
        counts[p.rule.id] += 1
    return counts
