"""The dev/holdout split of the real-language corpus, decided by source, never by line.

Lines quoted from one page share a speaker, a case and a wording habit; if some went to
the development part and others to the holdout part, rules written on the former would
be scored on their siblings. So the part of a line is a function of its source alone:
a source is held out when ``int(sha256(key).hexdigest(), 16) % 10 < 3``, where the key
is the cited URL without scheme, ``www.``, query string, fragment and trailing slash.
Citations that are not URLs (``owner/repo:path (commit …)``, ``PyPI pkg ver: file line N``)
are keyed on the citation text before the `` — `` description, with a ``(commit …)``
suffix dropped; a review cited by file *and line* is its own document.

Usage::

    python corpora/real/split.py --check            # every line's part agrees (exit 1 if not)
    python corpora/real/split.py --apply FILE...    # write the part field into FILE(s)
    python corpora/real/split.py --report           # lines per language, category, kind, part
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
CORPUS_FILES: tuple[Path, ...] = (HERE / "zh.jsonl", HERE / "en.jsonl")
HOLDOUT_BUCKETS = 3  # of 10
PARTS: tuple[str, ...] = ("dev", "holdout")
_COMMIT_SUFFIX = re.compile(r"\s*\(commit [0-9a-f]+\)\s*$")


def source_key(source: str) -> str:
    """The part of a citation that names the page (or document) the line came from."""
    citation = source.split(" — ", 1)[0].strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", citation):
        url = urlsplit(citation.split()[0])
        host = url.netloc.lower()
        host = host[4:] if host.startswith("www.") else host
        return (host + url.path).rstrip("/")
    return " ".join(_COMMIT_SUFFIX.sub("", citation).split())


def part_for(source: str) -> str:
    """``holdout`` for about three sources in ten, ``dev`` for the rest."""
    digest = hashlib.sha256(source_key(source).encode("utf-8")).hexdigest()
    return "holdout" if int(digest, 16) % 10 < HOLDOUT_BUCKETS else "dev"


def read_lines(path: Path) -> list[dict[str, Any]]:
    """Parse one corpus file; a malformed line raises ValueError naming file and line."""
    records = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: {exc.msg}") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("source"), str):
            raise ValueError(f"{path}:{number}: a record needs a string 'source'")
        records.append(rec)
    return records


def problems(records: Sequence[dict[str, Any]], name: str) -> list[str]:
    """Lines whose part is missing or disagrees with their source, and split sources."""
    out = []
    parts_of: dict[str, set[str]] = {}
    for rec in records:
        want = part_for(rec["source"])
        got = rec.get("part")
        parts_of.setdefault(source_key(rec["source"]), set()).add(str(got))
        if got != want:
            out.append(f"{name}: {rec.get('id', '?')}: part is {got!r}, its source says {want!r}")
    out += [f"{name}: source {key!r} is in both parts"
            for key, parts in parts_of.items() if len(parts) > 1]
    return out


def apply(path: Path) -> int:
    """Rewrite ``path`` with each line's part set from its source; returns lines changed."""
    records = read_lines(path)
    changed = 0
    for rec in records:
        part = part_for(rec["source"])
        changed += rec.get("part") != part
        rec["part"] = part
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return changed


def report(records: Sequence[dict[str, Any]]) -> str:
    """Counts per category and kind in each part (a line with two labels counts twice)."""
    by_kind = Counter((r["kind"], r["part"]) for r in records)
    by_cat = Counter((c, r["part"]) for r in records if r["kind"] == "violation"
                     for c in r.get("labels") or [])
    sources = Counter(r["part"] for r in {source_key(x["source"]): x for x in records}.values())
    rows = [f"{'':<22}{'dev':>6}{'holdout':>9}"]
    for kind in ("violation", "hard_negative", "clean"):
        rows.append(f"{kind:<22}{by_kind[kind, 'dev']:>6}{by_kind[kind, 'holdout']:>9}")
    rows.append(f"{'(sources)':<22}{sources['dev']:>6}{sources['holdout']:>9}")
    for cat in sorted({c for c, _ in by_cat}):
        rows.append(f"  {cat:<20}{by_cat[cat, 'dev']:>6}{by_cat[cat, 'holdout']:>9}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if a line's part disagrees")
    mode.add_argument("--apply", nargs="+", type=Path, metavar="FILE",
                      help="set the part field of every line in FILE(s)")
    mode.add_argument("--report", action="store_true", help="counts per category/kind/part")
    args = parser.parse_args(argv)
    try:
        if args.apply:
            for path in args.apply:
                print(f"{path}: {apply(path)} lines changed")
            return 0
        files = [p for p in CORPUS_FILES if p.exists()]
        if not files:
            print("error: no corpus file in corpora/real/", file=sys.stderr)
            return 2
        found: list[str] = []
        for path in files:
            records = read_lines(path)
            if args.check:
                found += problems(records, path.name)
                print(f"{path.name}: {len(records)} lines checked")
            else:
                print(f"== {path.name} ==\n{report(records)}")
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
