"""JSON (one object, the DESIGN.md shape) and JSON Lines (one finding per line)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rulecheck.model import FileResult
from rulecheck.reports.common import all_findings, errors, product_types, summarize


def render_json(results: Sequence[FileResult], tool_version: str) -> str:
    doc = {
        "version": tool_version,
        "summary": summarize(results),
        "findings": [f.to_dict() for f in all_findings(results)],
        "errors": errors(results),
        "documents": [{"path": r.path, "product_types": product_types(r.findings)}
                      for r in results if r.error is None],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def render_jsonl(results: Sequence[FileResult]) -> str:
    """Findings as they are, then one `{"type": "error", "path", "message"}` per bad input,
    so a consumer streaming the lines can tell the two apart by the `type` key."""
    lines = [json.dumps(f.to_dict(), ensure_ascii=False) for f in all_findings(results)]
    lines += [json.dumps({"type": "error", **e}, ensure_ascii=False) for e in errors(results)]
    return "".join(line + "\n" for line in lines)
